import { z } from "zod";

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
const SORT_VALUES = SORTS.map((s) => s.value) as [Sort, ...Sort[]];

/** A value that is dropped (not an error) when it is not one of the allowed ones. */
const optionalEnum = <T extends string>(values: readonly [T, ...T[]]) =>
  z.enum(values).optional().catch(undefined);

/**
 * The pilots list's URL search params. Anything unknown or malformed is dropped rather than
 * failing the page, so a hand-edited or stale link still opens.
 */
export const pilotSearchSchema = z.object({
  stage: optionalEnum([
    "proposed",
    "selecting",
    "running",
    "scale_review",
    "scaling",
    "adopted",
    "paused",
    "stopped",
  ]),
  health: optionalEnum(["on_track", "at_risk", "stalled"]),
  risk: optionalEnum(["low", "medium", "high"]),
  owner: z.string().uuid().optional().catch(undefined),
  department: z.string().uuid().optional().catch(undefined),
  engagement: optionalEnum(["invited", "engaged", "champion", "declined"]),
  q: z.string().trim().max(200).optional().catch(undefined),
  sort: optionalEnum(SORT_VALUES),
});

export type PilotSearch = z.infer<typeof pilotSearchSchema>;

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
export const pilotsPageSearchSchema = pilotSearchSchema.extend({
  view: optionalEnum(LAYOUTS),
  density: optionalEnum(DENSITIES),
});

export type PilotsPageSearch = z.infer<typeof pilotsPageSearchSchema>;

/** The filters and sort alone (what the API is asked), without how the list is shown. */
export function filtersOf(search: PilotsPageSearch): PilotSearch {
  const { view: _view, density: _density, ...filters } = search;
  return filters;
}
