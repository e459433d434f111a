import type { ImportKind } from "./csv";

// The import page's URL search, read by its route's `validateSearch`: this module ships with the
// app's first script, so it does not import the columns and templates (./csv).

/** `?kind=departments` imports departments; anything else, customers. */
export type ImportSearch = { kind: ImportKind };

export function parseImportSearch(search: Record<string, unknown>): ImportSearch {
  return { kind: search.kind === "departments" ? "departments" : "customers" };
}
