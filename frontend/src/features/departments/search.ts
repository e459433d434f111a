// The departments page's URL search, read by its route's `validateSearch`. Kept apart from the
// forms' schemas (zod): this module ships with the app's first script.

/** `?q=` on the departments page: a trimmed, non-empty search or nothing. */
export type DepartmentsSearch = { q?: string };

export function parseDepartmentsSearch(search: Record<string, unknown>): DepartmentsSearch {
  const q = searchText(search.q, 200);
  return q ? { q } : {};
}

/** A URL search value as text: numbers are accepted (`?q=42` arrives as a number). */
export function searchText(value: unknown, max: number): string | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return String(value).slice(0, max);
  if (typeof value !== "string") return undefined;
  const text = value.trim().slice(0, max);
  return text || undefined;
}
