import { searchText } from "@/features/departments/search";

// The customers page's URL search, read by its route's `validateSearch`. Kept apart from the
// forms' schemas (zod): this module ships with the app's first script.

/** The customers page's URL search: `?q=&segment=&premier=true`, each only when set. */
export type CustomersSearch = { q?: string; segment?: string; premier?: true };

export function parseCustomersSearch(search: Record<string, unknown>): CustomersSearch {
  const q = searchText(search.q, 200);
  const segment = searchText(search.segment, 80);
  const premier = search.premier === true || search.premier === "true" || search.premier === 1;
  return {
    ...(q ? { q } : {}),
    ...(segment ? { segment } : {}),
    ...(premier ? { premier: true as const } : {}),
  };
}
