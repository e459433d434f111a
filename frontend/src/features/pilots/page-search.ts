import { z } from "zod";

/**
 * The decision kinds, spelled out here rather than imported from the pilots feature: this module
 * is part of the route's search validation, which ships with the app's first script.
 */
const DECISION_KINDS = ["start", "continue", "pivot", "scale", "stop"] as const;

/**
 * The pilot page's URL search params. `decide` opens the page at the decision form with that kind
 * chosen (the portfolio's "decisions waiting" link there). Anything unknown is dropped, so a stale
 * or hand-edited link still opens the pilot.
 */
export const pilotPageSearchSchema = z.object({
  decide: z.enum(DECISION_KINDS).optional().catch(undefined),
});

export type PilotPageSearch = z.infer<typeof pilotPageSearchSchema>;
