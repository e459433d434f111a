import type { FieldValues, Path, UseFormSetError } from "react-hook-form";
import { ApiError, describeError } from "./api-error";

/**
 * Puts a problem's field errors next to the fields they name (`loc: ["body", "email"]` → `email`)
 * and returns the message to show above the form for everything else (or null when every error
 * found its field).
 */
export function applyProblem<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  fields: readonly Path<T>[],
  /** API field names that differ from the form's, e.g. `{ expires_at: "expiresOn" }`. */
  aliases: Partial<Record<string, Path<T>>> = {},
): string | null {
  if (!(error instanceof ApiError)) return describeError(error).detail;
  let placed = false;
  const unplaced: string[] = [];
  for (const item of error.errors) {
    const loc = item.loc[0] === "body" ? item.loc.slice(1) : item.loc;
    const apiName = loc.join(".");
    const name = aliases[apiName] ?? (apiName as Path<T>);
    if (fields.includes(name)) {
      setError(name, { type: "server", message: item.msg }, { shouldFocus: !placed });
      placed = true;
    } else {
      unplaced.push(item.msg);
    }
  }
  if (unplaced.length > 0) return unplaced.join(" ");
  if (placed) return null;
  return describeError(error).detail;
}
