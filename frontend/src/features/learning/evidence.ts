import type { Schemas } from "@/client";

/**
 * What the portfolio teaches, in words and positions: pure functions over the API's shapes
 * (`GET …/portfolio/learning`, `GET …/pilots/{id}/practices`), so they are tested without a page.
 */
export type PortfolioLearning = Schemas["PortfolioLearning"];
export type PracticeEvidence = Schemas["PracticeEvidence"];
export type PracticeSide = Schemas["PracticeSide"];
export type PilotPractices = Schemas["PilotPractices"];
export type PilotPractice = Schemas["PilotPractice"];
export type PracticeCode = PracticeEvidence["code"];

/** The API's rule: below this many closed pilots on either side, a difference says next to nothing. */
export const ENOUGH_PILOTS = 5;

/**
 * What a pilot that followed each practice did, as the end of "pilots that …": the labels are
 * noun phrases ("Two departments engaged before the start"), the counts in words need a verb.
 */
export const PRACTICE_VERBS: Record<PracticeCode, string> = {
  early_departments: "engaged two departments before the start",
  champion: "had a department champion",
  three_iterations: "ran three or more iterations",
  higher_order_change: "made a second- or third-order change",
  customer_metric: "fixed a customer metric before the start",
  low_risk_customer: "had a low-risk customer",
  premier_account: "chose a premier-account customer",
  customer_voice: "heard the customer on two iterations",
  quick_decision: "got a quick scale-review decision",
};

/** Where on the pilot page (or in which dialog) each practice is put right. */
export type PracticeAction = {
  label: string;
  /** A hash on the pilot page (without "#"), or a search param to open a dialog. */
  hash?: string;
  search?: Record<string, string>;
};

export const PRACTICE_ACTIONS: Record<PracticeCode, PracticeAction> = {
  early_departments: { label: "Engage departments", hash: "departments" },
  champion: { label: "Find a champion among the departments", hash: "departments" },
  three_iterations: { label: "Log an iteration", search: { log: "iteration" } },
  higher_order_change: {
    label: "Log a second- or third-order iteration",
    search: { log: "iteration" },
  },
  customer_metric: { label: "Set a customer metric", hash: "metrics" },
  customer_voice: { label: "Ask the customer for feedback", hash: "customer-voice" },
  quick_decision: { label: "Record the scale decision", search: { decide: "scale" } },
  low_risk_customer: { label: "Review the candidate customers", hash: "candidates" },
  premier_account: { label: "Review the candidate customers", hash: "candidates" },
};

/** A rate as a whole percentage: 0.7083 → "71 %", null → "—". */
export function formatRate(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return "—";
  return `${Math.round(rate * 100)} %`;
}

/** The 95 % interval of a side: "52–86 %", "—" when the side has no pilot. */
export function formatInterval(side: PracticeSide): string {
  if (side.ci_low === null || side.ci_high === null) return "—";
  return `${Math.round(side.ci_low * 100)}–${Math.round(side.ci_high * 100)} %`;
}

/** "17 of 24". */
export function formatCounts(side: PracticeSide): string {
  return `${side.scaled} of ${side.pilots}`;
}

/**
 * The difference in percentage points, signed with an arrow as the app shows lift:
 * 0.4583 → "▲ 46 points", −0.2 → "▼ 20 points", 0 → "No difference", null → "—".
 */
export function formatDifference(difference: number | null): string {
  if (difference === null || !Number.isFinite(difference)) return "—";
  const points = Math.round(Math.abs(difference) * 100);
  if (points === 0) return "No difference";
  return `${difference > 0 ? "▲" : "▼"} ${points} ${points === 1 ? "point" : "points"}`;
}

/** The difference for a screen reader: "46 points more often with it than without". */
export function describeDifference(difference: number | null): string {
  if (difference === null || !Number.isFinite(difference)) return "no difference can be computed";
  const points = Math.round(Math.abs(difference) * 100);
  if (points === 0) return "about as often with it as without";
  return `${points} ${points === 1 ? "point" : "points"} ${difference > 0 ? "more" : "less"} often with it than without`;
}

/**
 * The counts in words: "17 of 24 pilots that engaged two departments before the start scaled;
 * 6 of 21 that did not." Sides without a pilot say so instead of "0 of 0".
 */
export function countsInWords(practice: Pick<PracticeEvidence, "code" | "with" | "without">) {
  const verb = PRACTICE_VERBS[practice.code];
  const w = practice.with;
  const wo = practice.without;
  const first =
    w.pilots === 0
      ? `No closed pilot ${verb}`
      : `${w.scaled} of ${w.pilots} ${w.pilots === 1 ? "pilot" : "pilots"} that ${verb} scaled`;
  const second =
    wo.pilots === 0
      ? w.pilots === 0
        ? "none that did not either"
        : "there is no closed pilot that did not"
      : `${wo.scaled} of ${wo.pilots} that did not`;
  return `${first}; ${second}.`;
}

/** How many more closed pilots each side needs to reach the API's five. */
export function neededPilots(practice: Pick<PracticeEvidence, "with" | "without">): {
  with: number;
  without: number;
} {
  return {
    with: Math.max(0, ENOUGH_PILOTS - practice.with.pilots),
    without: Math.max(0, ENOUGH_PILOTS - practice.without.pilots),
  };
}

/**
 * What a practice short of data still needs, in words: "Needs 2 more closed pilots that chose a
 * premier-account customer." / "… and 1 more without it." / "Needs 3 more closed pilots without
 * this practice." Empty when it has enough.
 */
export function neededInWords(
  practice: Pick<PracticeEvidence, "code" | "with" | "without">,
): string {
  const needed = neededPilots(practice);
  const verb = PRACTICE_VERBS[practice.code];
  const pilots = (n: number) => `${n} more closed ${n === 1 ? "pilot" : "pilots"}`;
  if (needed.with > 0 && needed.without > 0) {
    return `Needs ${pilots(needed.with)} that ${verb} and ${needed.without} more without it.`;
  }
  if (needed.with > 0) return `Needs ${pilots(needed.with)} that ${verb}.`;
  if (needed.without > 0) return `Needs ${pilots(needed.without)} without this practice.`;
  return "";
}

/** Room (as a share of the axis) a direct label needs beside a whisker. */
const LABEL_ROOM = 0.28;

/** Where a mark's direct label fits: right of its whisker, left of it, or over the dot. */
export function labelPlace(ciLow: number, ciHigh: number): "right" | "left" | "over" {
  if (1 - ciHigh >= LABEL_ROOM) return "right";
  if (ciLow >= LABEL_ROOM) return "left";
  return "over";
}

/**
 * The practices split as the page shows them: those with enough data (the API's order: largest
 * difference first) and those without, kept apart. The API already sorts; this only groups.
 */
export function groupPractices<T extends Pick<PracticeEvidence, "enough_data">>(
  practices: readonly T[],
): { enough: T[]; notEnough: T[] } {
  return {
    enough: practices.filter((p) => p.enough_data),
    notEnough: practices.filter((p) => !p.enough_data),
  };
}

/**
 * Horizontal position (percent of the plot's width) of a rate in 0…1, inside a plot that keeps
 * `inset` percent free on each side so dots at 0 % and 100 % are not cut.
 */
export function rateX(rate: number, inset = 2): number {
  const clamped = Math.min(1, Math.max(0, rate));
  return inset + clamped * (100 - 2 * inset);
}

/** The grid lines of the rate axis. */
export const RATE_TICKS = [0, 0.25, 0.5, 0.75, 1] as const;

/** One mark of the chart for a screen reader: side, counts, rate and interval. */
export function describeSide(
  practice: Pick<PracticeEvidence, "code" | "label">,
  side: "with" | "without",
  values: PracticeSide,
): string {
  const who = side === "with" ? "Pilots that followed it" : "Pilots that did not";
  if (values.pilots === 0) return `${practice.label}. ${who}: no closed pilot.`;
  return `${practice.label}. ${who}: ${values.scaled} of ${values.pilots} scaled, ${formatRate(values.rate)}, 95 % interval ${formatInterval(values)}.`;
}

/** Whether a pilot follows a practice, as the panel says it. */
export function followsLabel(follows: boolean | null): string {
  if (follows === true) return "Following";
  if (follows === false) return "Not followed";
  return "Not yet known";
}

/**
 * The portfolio's evidence for one practice, in a sentence for the pilot page: the counts in
 * words, and when there is too little data, the caveat first.
 */
export function evidenceForPilot(practice: PilotPractice): string {
  const counts = countsInWords(practice);
  if (!practice.enough_data) {
    return `Too little history to tell yet: ${counts.charAt(0).toLowerCase()}${counts.slice(1)}`;
  }
  const diff = practice.difference ?? 0;
  const lead =
    Math.round(Math.abs(diff) * 100) === 0
      ? "In this portfolio it made no difference"
      : diff > 0
        ? `In this portfolio, pilots that followed it scaled more often (${formatRate(practice.with.rate)} against ${formatRate(practice.without.rate)})`
        : `In this portfolio, pilots that followed it scaled less often (${formatRate(practice.with.rate)} against ${formatRate(practice.without.rate)})`;
  return `${lead}: ${counts.charAt(0).toLowerCase()}${counts.slice(1)}`;
}
