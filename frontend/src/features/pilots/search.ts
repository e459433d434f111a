import { defined, oneOf, trimmed, uuid } from "@/lib/search-params";

export const SORTS = [
  { value: "-created_at", label: "Newest first" },
  { value: "created_at", label: "Oldest first" },
  { value: "-updated_at", label: "Recently updated" },
  { value: "title", label: "Title A–Z" },
  { value: "-title", label: "Title Z–A" },
  { value: "stage_entered_at", label: "Longest in stage" },
  { value: "-stage_entered_at", label: "Newest in stage" },
] as const;

export type Sort = (typeof SORTS)[number]["value"];
const SORT_VALUES: readonly Sort[] = SORTS.map((s) => s.value);

const STAGES = [
  "proposed",
  "selecting",
  "running",
  "scale_review",
  "scaling",
  "adopted",
  "paused",
  "stopped",
] as const;
const HEALTHS = ["on_track", "at_risk", "stalled"] as const;
const RISKS = ["low", "medium", "high"] as const;
const ENGAGEMENTS = ["invited", "engaged", "champion", "declined"] as const;

/** The pilots list's URL search params: its filters and sort. */
export type PilotSearch = {
  stage?: (typeof STAGES)[number];
  health?: (typeof HEALTHS)[number];
  risk?: (typeof RISKS)[number];
  owner?: string;
  department?: string;
  engagement?: (typeof ENGAGEMENTS)[number];
  q?: string;
  sort?: Sort;
};

/**
 * Reads the list's filters and sort from a URL search (or a saved view). Anything unknown or
 * malformed is dropped rather than failing the page, so a hand-edited or stale link still opens.
 */
export function parsePilotSearch(search: Record<string, unknown>): PilotSearch {
  return defined({
    stage: oneOf(STAGES, search.stage),
    health: oneOf(HEALTHS, search.health),
    risk: oneOf(RISKS, search.risk),
    owner: uuid(search.owner),
    department: uuid(search.department),
    engagement: oneOf(ENGAGEMENTS, search.engagement),
    q: trimmed(search.q, 200),
    sort: oneOf(SORT_VALUES, search.sort),
  });
}

/** The same parser in the shape of a schema (`.parse`), for callers that validate with one. */
export const pilotSearchSchema = { parse: parsePilotSearch };

/** The query for listPilots: empty values left out, the default sort implied. */
export function toPilotQuery(search: PilotSearch) {
  return {
    stage: search.stage,
    health: search.health,
    risk_level: search.risk,
    owner_id: search.owner,
    department_id: search.department,
    engagement: search.engagement,
    q: search.q ? search.q : undefined,
    sort: search.sort ?? "-created_at",
  };
}

export function hasFilters(search: PilotSearch): boolean {
  return Boolean(
    search.stage ||
      search.health ||
      search.risk ||
      search.owner ||
      search.department ||
      search.engagement ||
      search.q,
  );
}

// --- the page's own params: how the list is shown --------------------------------------------

export const LAYOUTS = ["list", "board"] as const;
export type Layout = (typeof LAYOUTS)[number];
export const DENSITIES = ["comfortable", "compact"] as const;
export type Density = (typeof DENSITIES)[number];

/**
 * The pilots page's URL search params: the list's filters and sort, plus how it is shown
 * (`view`: list or board; `density`: comfortable or compact rows). Absent, they follow the
 * person's last choice (see saved-views/preferences.ts).
 */
export type PilotsPageSearch = PilotSearch & { view?: Layout; density?: Density };

/** The route's `validateSearch`: the list's params and the page's own, malformed ones dropped. */
export function parsePilotsPageSearch(search: Record<string, unknown>): PilotsPageSearch {
  return defined({
    ...parsePilotSearch(search),
    view: oneOf(LAYOUTS, search.view),
    density: oneOf(DENSITIES, search.density),
  });
}

/** The filters and sort alone (what the API is asked), without how the list is shown. */
export function filtersOf(search: PilotsPageSearch): PilotSearch {
  const { view: _view, density: _density, ...filters } = search;
  return filters;
}
