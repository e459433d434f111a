import { defined, oneOf } from "@/lib/search-params";

/**
 * The decision kinds, spelled out here rather than imported from the pilots feature: this module
 * is part of the route's search validation, which ships with the app's first script.
 */
const DECISION_KINDS = ["start", "continue", "pivot", "scale", "stop"] as const;

/** What the discussion and activity timeline narrows to (absent: everything). */
const ACTIVITY_FILTERS = ["comments", "changes"] as const;

/**
 * The pilot page's URL search params. `decide` opens the page at the decision form with that kind
 * chosen (the portfolio's "decisions waiting" link there); `activity` narrows the timeline to the
 * comments or the changes; `log=iteration` opens the log-iteration form. Anything unknown is dropped, so a stale or hand-edited link still
 * opens the pilot.
 */
export type PilotPageSearch = {
  decide?: (typeof DECISION_KINDS)[number];
  activity?: (typeof ACTIVITY_FILTERS)[number];
  /** `log=iteration` opens the form to log an iteration (the command palette goes there). */
  log?: "iteration";
};

/** The route's `validateSearch`. */
export function parsePilotPageSearch(search: Record<string, unknown>): PilotPageSearch {
  return defined({
    decide: oneOf(DECISION_KINDS, search.decide),
    activity: oneOf(ACTIVITY_FILTERS, search.activity),
    log: oneOf(["iteration"] as const, search.log),
  });
}
