import type { Stage } from "@/features/pilots/labels";
import { defined, oneOf, trimmed, uuid } from "@/lib/search-params";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Every stage, for the filter. Spelled out here rather than imported from the pilots feature:
 * this module is part of the route's search validation, which ships with the app's first
 * script, and must not drag the pilots pages' code into it.
 */
const STAGES: readonly Stage[] = [
  "proposed",
  "selecting",
  "running",
  "scale_review",
  "scaling",
  "adopted",
  "paused",
  "stopped",
];

/** True for a real calendar date written `YYYY-MM-DD` (not 2026-02-30). */
export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export const BUBBLE_Y = ["progress", "lift"] as const;
export type BubbleY = (typeof BUBBLE_Y)[number];

const HEALTHS = ["on_track", "at_risk", "stalled"] as const;
const RISKS = ["low", "medium", "high"] as const;

/**
 * The portfolio's URL search params: the pilots list's filters plus the department, the "as of"
 * date and what the bubble chart plots upwards.
 */
export type PortfolioSearch = {
  stage?: Stage;
  health?: (typeof HEALTHS)[number];
  risk?: (typeof RISKS)[number];
  department?: string;
  owner?: string;
  q?: string;
  as_of?: string;
  y?: BubbleY;
};

/**
 * The route's `validateSearch`. Anything unknown or malformed is dropped rather than failing the
 * page, so a hand-edited or stale link still opens.
 */
export function parsePortfolioSearch(search: Record<string, unknown>): PortfolioSearch {
  const asOf =
    typeof search.as_of === "string" && isIsoDate(search.as_of) ? search.as_of : undefined;
  return defined({
    stage: oneOf(STAGES, search.stage),
    health: oneOf(HEALTHS, search.health),
    risk: oneOf(RISKS, search.risk),
    department: uuid(search.department),
    owner: uuid(search.owner),
    q: trimmed(search.q, 200),
    as_of: asOf,
    y: oneOf(BUBBLE_Y, search.y),
  });
}

/** The filter keys (what "Clear filters" clears); `as_of` and `y` are views, not filters. */
export const FILTER_KEYS = ["stage", "health", "risk", "department", "owner", "q"] as const;

export function hasFilters(search: PortfolioSearch): boolean {
  return FILTER_KEYS.some((key) => Boolean(search[key]));
}

/** The search without its filters (keeps the date and the chart choice). */
export function withoutFilters(search: PortfolioSearch): PortfolioSearch {
  const next: PortfolioSearch = { ...search };
  for (const key of FILTER_KEYS) delete next[key];
  return next;
}

/** Search params with empty values removed, so the URL only says what was chosen. */
export function compactSearch(search: PortfolioSearch): PortfolioSearch {
  const next: PortfolioSearch = { ...search };
  for (const key of Object.keys(next) as (keyof PortfolioSearch)[]) {
    if (!next[key]) delete next[key];
  }
  return next;
}

export type PortfolioQuery = {
  stage?: Stage;
  health?: "on_track" | "at_risk" | "stalled";
  risk_level?: "low" | "medium" | "high";
  department_id?: string;
  owner_id?: string;
  q?: string;
  as_of?: string;
};

/** The API query for the portfolio: the filters under their API names, empty values left out. */
export function toPortfolioQuery(search: PortfolioSearch): PortfolioQuery {
  const query: PortfolioQuery = {};
  if (search.stage) query.stage = search.stage;
  if (search.health) query.health = search.health;
  if (search.risk) query.risk_level = search.risk;
  if (search.department) query.department_id = search.department;
  if (search.owner) query.owner_id = search.owner;
  if (search.q) query.q = search.q;
  if (search.as_of) query.as_of = search.as_of;
  return query;
}

/** The CSV download of the same view: the same filters and date, `format=csv`. */
export function portfolioCsvHref(
  workspaceId: string,
  search: PortfolioSearch,
  { labels = false }: { labels?: boolean } = {},
): string {
  const params = new URLSearchParams({ format: "csv" });
  for (const [key, value] of Object.entries(toPortfolioQuery(search))) {
    if (value) params.set(key, value);
  }
  // For people: the app's words and percentages instead of codes and fractions.
  if (labels) params.set("labels", "true");
  return `/api/v1/workspaces/${encodeURIComponent(workspaceId)}/portfolio?${params.toString()}`;
}

/** Today's date as the API counts days: the UTC calendar date. */
export function todayIso(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** `date` (YYYY-MM-DD) moved by `days` calendar days. */
export function addDays(date: string, days: number): string {
  const value = new Date(`${date}T00:00:00Z`);
  value.setUTCDate(value.getUTCDate() + days);
  return value.toISOString().slice(0, 10);
}

/** Whole calendar days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  const ms = Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`);
  return Math.round(ms / 86_400_000);
}

/** The quick picks beside the date: today, and what happens if nothing does for 30/60/90 days. */
export const AS_OF_PICKS = [0, 30, 60, 90] as const;

/** The `as_of` search value for a quick pick (today is no `as_of` at all). */
export function asOfForPick(days: number, today: string): string | undefined {
  return days === 0 ? undefined : addDays(today, days);
}
