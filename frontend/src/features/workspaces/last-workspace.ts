import type { Me } from "@/features/auth/queries";

export const LAST_WORKSPACE_KEY = "pilotboard-last-workspace";

export function readLastWorkspace(): string | null {
  try {
    return window.localStorage.getItem(LAST_WORKSPACE_KEY);
  } catch {
    return null;
  }
}

export function rememberWorkspace(id: string): void {
  try {
    window.localStorage.setItem(LAST_WORKSPACE_KEY, id);
  } catch {
    // Storage can be blocked; the landing page then falls back to the first workspace.
  }
}

/** Where `/` takes a signed-in person: the last workspace they used if still a member, else the first. */
export function landingWorkspace(
  memberships: Me["memberships"],
  lastId: string | null,
): string | null {
  if (lastId && memberships.some((m) => m.workspace_id === lastId)) return lastId;
  return memberships[0]?.workspace_id ?? null;
}
