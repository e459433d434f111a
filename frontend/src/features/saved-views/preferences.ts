import type { Density, Layout } from "@/features/pilots/search";

/** How the person last chose to see the pilots list, kept in this browser. */
export type Display = { view: Layout; density: Density };

export const DEFAULT_DISPLAY: Display = { view: "list", density: "comfortable" };
const KEY = "pilotboard.pilots.display";

/** The last choice, or the defaults (also when storage is unavailable or holds junk). */
export function readDisplay(storage: Pick<Storage, "getItem"> | null = safeStorage()): Display {
  try {
    const stored = JSON.parse(storage?.getItem(KEY) ?? "{}") as Partial<Record<string, unknown>>;
    return {
      view: stored.view === "board" ? "board" : "list",
      density: stored.density === "compact" ? "compact" : "comfortable",
    };
  } catch {
    return DEFAULT_DISPLAY;
  }
}

export function rememberDisplay(
  patch: Partial<Display>,
  storage: Pick<Storage, "getItem" | "setItem"> | null = safeStorage(),
): void {
  try {
    storage?.setItem(KEY, JSON.stringify({ ...readDisplay(storage), ...patch }));
  } catch {
    // Private mode or a full quota: the choice still applies through the URL.
  }
}

function safeStorage(): Storage | null {
  try {
    return typeof window === "undefined" ? null : window.localStorage;
  } catch {
    return null;
  }
}
