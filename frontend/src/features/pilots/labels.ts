import type { Schemas } from "@/client";

export type Stage = Schemas["Stage"];
export type Health = Schemas["pilotboard__pilots__models__Health"];
export type RiskLevel = Schemas["RiskLevel"];
export type Outcome = Schemas["Outcome"];
export type Engagement = Schemas["Engagement"];
export type DecisionKind = Schemas["DecisionKind"];

/** The lifecycle, in order. Paused and stopped are states on it, not steps. */
export const STEPS = [
  "proposed",
  "selecting",
  "running",
  "scale_review",
  "scaling",
  "adopted",
] as const;
export type Step = (typeof STEPS)[number];

export const STAGE_LABELS: Record<Stage, string> = {
  proposed: "Proposed",
  selecting: "Selecting",
  running: "Running",
  scale_review: "Scale review",
  scaling: "Scaling",
  adopted: "Adopted",
  paused: "Paused",
  stopped: "Stopped",
};

export const ALL_STAGES = Object.keys(STAGE_LABELS) as Stage[];

/** The next step forward, or null at the end or when paused/stopped. */
export function nextStage(stage: Stage): Step | null {
  const index = STEPS.indexOf(stage as Step);
  if (index === -1 || index === STEPS.length - 1) return null;
  return STEPS[index + 1] ?? null;
}

export const HEALTH_LABELS: Record<Health, string> = {
  on_track: "On track",
  at_risk: "At risk",
  stalled: "Stalled",
};

export const RISK_LABELS: Record<RiskLevel, string> = {
  low: "Low",
  medium: "Medium",
  high: "High",
};

export const OUTCOMES: readonly { value: Outcome; label: string; description: string }[] = [
  {
    value: "profitability",
    label: "Profitability",
    description: "The customer earns more or spends less because of what we change.",
  },
  {
    value: "business_process",
    label: "Business process",
    description: "One of the customer's own processes becomes faster, cheaper or more reliable.",
  },
  {
    value: "strategic_positioning",
    label: "Strategic positioning",
    description: "The customer gains ground in their market: new offers, reach or reputation.",
  },
];

export function outcomeLabel(outcome: Outcome): string {
  return OUTCOMES.find((o) => o.value === outcome)?.label ?? outcome;
}

export const ENGAGEMENTS: readonly { value: Engagement; label: string }[] = [
  { value: "invited", label: "Invited" },
  { value: "engaged", label: "Engaged" },
  { value: "champion", label: "Champion" },
  { value: "declined", label: "Declined" },
];

export const DECISIONS: readonly { value: DecisionKind; label: string; description: string }[] = [
  { value: "start", label: "Start", description: "Run the pilot with the chosen customer." },
  { value: "continue", label: "Continue", description: "Keep iterating before scaling." },
  { value: "pivot", label: "Pivot", description: "Change direction and iterate again." },
  { value: "scale", label: "Scale", description: "Roll out across the company." },
  { value: "stop", label: "Stop", description: "End the pilot and keep the lessons." },
];

export function decisionLabel(kind: DecisionKind): string {
  return DECISIONS.find((d) => d.value === kind)?.label ?? kind;
}

export const CHANGE_ORDERS: readonly { value: 1 | 2 | 3; label: string; description: string }[] = [
  {
    value: 1,
    label: "1st order",
    description: "Adjusting what we do: the same service, tuned (a new schedule, a form).",
  },
  {
    value: 2,
    label: "2nd order",
    description:
      "Changing how we work to serve the customer: processes, roles or systems across departments.",
  },
  {
    value: 3,
    label: "3rd order",
    description:
      "Changing what we offer: a new service or business model, driven by what the customer experienced.",
  },
];

export const PREMIER_WARNING =
  "A premier account is a red flag for a testbed: a pilot means changes on the go and some things going wrong, and your best customer expects neither. Trying it there puts the relationship at risk and makes everyone too careful to learn.";

/** Gate messages quote codes in backticks (`start`); people read them without. */
export function plainMessage(message: string): string {
  return message.replace(/`([^`]+)`/g, "$1");
}

// --- success criteria ------------------------------------------------------------------------

export type RevenuePeriod = Schemas["RevenuePeriod"];
export type CriterionField = Schemas["CriteriaChange"]["field"];

/** What a revenue metric's values are per, and how many of them make a year. */
export const REVENUE_PERIODS: readonly {
  value: RevenuePeriod;
  label: string;
  per: string;
  perYear: number;
}[] = [
  { value: "month", label: "Month", per: "per month", perYear: 12 },
  { value: "quarter", label: "Quarter", per: "per quarter", perYear: 4 },
  { value: "year", label: "Year", per: "per year", perYear: 1 },
];

/** "per month", "per quarter", "per year". */
export function perPeriod(period: RevenuePeriod): string {
  return REVENUE_PERIODS.find((p) => p.value === period)?.per ?? `per ${period}`;
}

/** The success criteria of a metric, in words, as its change history names them. */
export const CRITERION_LABELS: Record<CriterionField, string> = {
  baseline: "baseline",
  target: "target",
  direction: "direction",
  kind: "kind",
  revenue_period: "revenue period",
};

export const DIRECTION_WORDS: Record<Schemas["Direction"], string> = {
  increase: "higher is better",
  decrease: "lower is better",
};

export const KIND_WORDS: Record<Schemas["MetricKind"], string> = {
  customer_experienced: "customer-experienced",
  internal: "internal",
};
