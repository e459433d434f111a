import { z } from "zod";

/** Today's date as YYYY-MM-DD in the browser's time zone. */
export function todayIso(now: Date = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, "0");
  const d = String(now.getDate()).padStart(2, "0");
  return `${y}-${m}-${d}`;
}

export function tokenSchema(now: Date = new Date()) {
  const today = todayIso(now);
  return z.object({
    name: z
      .string()
      .trim()
      .min(1, "Name the token after what will use it, like “CRM sync”.")
      .max(100, "Keep the name under 100 characters."),
    access: z.enum(["read", "write"]),
    expiresOn: z
      .string()
      .refine((v) => v === "" || /^\d{4}-\d{2}-\d{2}$/.test(v), "Use a date like 2027-06-30.")
      .refine((v) => v === "" || v > today, "Pick a date after today."),
  });
}

export type TokenValues = z.infer<ReturnType<typeof tokenSchema>>;

/** The API body for the form: scopes from the access level; expiry at the end of that day (UTC). */
export function tokenRequest(values: TokenValues, workspaceId: string) {
  return {
    name: values.name.trim(),
    workspace_id: workspaceId,
    scopes:
      values.access === "write"
        ? (["read", "write"] as ("read" | "write")[])
        : (["read"] as ("read" | "write")[]),
    expires_at: values.expiresOn ? `${values.expiresOn}T23:59:59Z` : null,
  };
}
