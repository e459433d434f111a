import { ENGAGEMENTS, HEALTH_LABELS, RISK_LABELS, STAGE_LABELS } from "@/features/pilots/labels";
import {
  type Density,
  type Layout,
  type PilotSearch,
  pilotSearchSchema,
  SORTS,
} from "@/features/pilots/search";
import type { SavedView } from "./queries";

/** What the page shows now: its filters and sort, the layout and the density. */
export type CurrentView = { search: PilotSearch; view: Layout; density: Density };

/** A saved view's filters, read as the list's URL would read them (unknown values dropped). */
export function searchOf(view: SavedView): PilotSearch {
  return pilotSearchSchema.parse(view.search);
}

/** The filters with every empty value left out, so equal filters compare equal. */
function compact(search: PilotSearch): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(search)) {
    if (value) out[key] = String(value);
  }
  // The default sort is the absence of one.
  if (out.sort === "-created_at") delete out.sort;
  return out;
}

/** Whether the page shows exactly this saved view now. */
export function isCurrent(view: SavedView, current: CurrentView): boolean {
  if (view.layout !== current.view || view.density !== current.density) return false;
  const a = compact(searchOf(view));
  const b = compact(current.search);
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((key) => a[key] === b[key]);
}

/** The body that saves the current view under `name`. */
export function toCreateBody(name: string, current: CurrentView) {
  return {
    name: name.trim(),
    layout: current.view,
    density: current.density,
    search: compact(current.search),
  };
}

/**
 * A saved view in words: "Board · Running, At risk · Title A–Z". `names` resolves owner and
 * department ids to names (an unknown id reads "someone"/"a department").
 */
export function describeView(view: SavedView, names: Map<string, string> = new Map()): string {
  const search = searchOf(view);
  const parts: string[] = [view.layout === "board" ? "Board" : "List"];
  if (view.layout === "list" && view.density === "compact") parts[0] = "Compact list";
  const filters: string[] = [];
  if (search.stage) filters.push(STAGE_LABELS[search.stage]);
  if (search.health) filters.push(HEALTH_LABELS[search.health]);
  if (search.risk) filters.push(`${RISK_LABELS[search.risk]} risk`);
  if (search.owner) filters.push(`owned by ${names.get(search.owner) ?? "someone"}`);
  if (search.department) filters.push(names.get(search.department) ?? "a department");
  if (search.engagement) {
    const label = ENGAGEMENTS.find((e) => e.value === search.engagement)?.label;
    filters.push(`a department ${(label ?? search.engagement).toLowerCase()}`);
  }
  if (search.q) filters.push(`“${search.q}”`);
  parts.push(filters.length > 0 ? filters.join(", ") : "every pilot");
  if (search.sort && search.sort !== "-created_at") {
    parts.push(SORTS.find((s) => s.value === search.sort)?.label ?? search.sort);
  }
  return parts.join(" · ");
}
