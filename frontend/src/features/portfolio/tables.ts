/**
 * The portfolio's answer turned into the rows each chart draws and each table lists: the chart
 * and its table alternative always show the same data because they read the same rows.
 */
import {
  ALL_STAGES,
  HEALTH_LABELS,
  RISK_LABELS,
  STAGE_LABELS,
  STEPS,
  type Stage,
} from "@/features/pilots/labels";
import type { BubbleY } from "./search";
import type {
  AttentionItem,
  DepartmentEngagement,
  HealthReason,
  PortfolioPoint,
  StageCount,
  StageTime,
  WaitingDecision,
} from "./types";

export type StageRow = { stage: Stage; label: string; count: number; revenue: number };

/**
 * The funnel: every lifecycle step in order (zero when the answer leaves one out), and beside it
 * the pilots that left the path (paused, stopped).
 */
export function funnelRows(stages: StageCount[]): { steps: StageRow[]; offPath: StageRow[] } {
  const byStage = new Map(stages.map((s) => [s.stage, s]));
  const row = (stage: Stage): StageRow => ({
    stage,
    label: STAGE_LABELS[stage],
    count: byStage.get(stage)?.count ?? 0,
    revenue: byStage.get(stage)?.revenue_at_stake ?? 0,
  });
  return {
    steps: STEPS.map(row),
    offPath: (["paused", "stopped"] as const).map(row),
  };
}

export type RiskBand = "low" | "medium" | "high" | "unrated";

export const RISK_BAND_LABELS: Record<RiskBand, string> = {
  ...RISK_LABELS,
  unrated: "Not rated",
};

export type BubbleRow = PortfolioPoint & {
  band: RiskBand;
  /** What the chart plots upwards: progress to target or revenue lift; null when unmeasured. */
  value: number | null;
};

/**
 * The bubble chart's rows and bands: low, medium and high risk always; "Not rated" only when a
 * plotted pilot has no risk level yet (no customer chosen). Rows without a value are listed, not
 * drawn.
 */
export function bubbleRows(
  points: PortfolioPoint[],
  y: BubbleY,
): { bands: RiskBand[]; plotted: BubbleRow[]; unplotted: BubbleRow[] } {
  const rows = points.map(
    (p): BubbleRow => ({
      ...p,
      band: p.risk_level ?? "unrated",
      value: y === "lift" ? p.revenue_lift : p.progress,
    }),
  );
  const byTitle = (a: BubbleRow, b: BubbleRow) => a.title.localeCompare(b.title);
  const plotted = rows.filter((r) => r.value !== null && Number.isFinite(r.value)).sort(byTitle);
  const unplotted = rows.filter((r) => r.value === null || !Number.isFinite(r.value)).sort(byTitle);
  const bands: RiskBand[] = ["low", "medium", "high"];
  if (plotted.some((r) => r.band === "unrated")) bands.push("unrated");
  return { bands, plotted, unplotted };
}

/** Pilots with a revenue lift, best first (ties by title): outcomes ranked by lift. */
export function liftRanking(
  points: PortfolioPoint[],
): (PortfolioPoint & { revenue_lift: number })[] {
  return points
    .filter((p): p is PortfolioPoint & { revenue_lift: number } => p.revenue_lift !== null)
    .sort((a, b) => b.revenue_lift - a.revenue_lift || a.title.localeCompare(b.title));
}

export type StageTimeRow = StageTime & { label: string };

/** Time in stage in lifecycle order, paused and stopped last, labelled. */
export function timeInStageRows(rows: StageTime[]): StageTimeRow[] {
  const order = (stage: Stage) => ALL_STAGES.indexOf(stage);
  return [...rows]
    .sort((a, b) => order(a.stage) - order(b.stage))
    .map((row) => ({ ...row, label: STAGE_LABELS[row.stage] }));
}

/** The departments called out as indifferent, by name. */
export function flaggedDepartments(departments: DepartmentEngagement[]): string[] {
  return departments.filter((d) => d.flagged).map((d) => d.name);
}

export const ENGAGEMENT_COLUMNS = ["invited", "engaged", "champion", "declined"] as const;
export type EngagementColumn = (typeof ENGAGEMENT_COLUMNS)[number];

/** The largest single count in the heatmap (its darkest shade). */
export function heatmapMax(departments: DepartmentEngagement[]): number {
  return Math.max(0, ...departments.flatMap((d) => ENGAGEMENT_COLUMNS.map((c) => d[c])));
}

/** Where on the pilot page each health reason is acted on (an anchor of that page). */
const REASON_TARGETS: Record<string, { hash?: string; label: string }> = {
  scale_decision_overdue: { hash: "decisions", label: "Record the decision" },
  no_recent_iteration: { hash: "iterations", label: "See iterations" },
  no_recent_measurement: { hash: "metrics", label: "See metrics" },
  ready_to_scale_not_proposed: { hash: "metrics", label: "See metrics" },
  no_customer_metric: { hash: "metrics", label: "See metrics" },
  stuck_in_selection: { hash: "candidates", label: "See candidates" },
  premier_account: { hash: "candidates", label: "See candidates" },
  too_few_departments: { hash: "departments", label: "See departments" },
  department_not_engaged: { hash: "departments", label: "See departments" },
  department_silent: { hash: "departments", label: "See departments" },
  no_customer_voice: { hash: "customer-voice", label: "See the customer's voice" },
  scale_plan_incomplete: { hash: "scale-plan", label: "See scale plan" },
};

/** The one action an attention item leads to: its most severe reason's part of the pilot page. */
export function attentionAction(reasons: HealthReason[]): { hash?: string; label: string } {
  const first =
    reasons.find((r) => r.severity === "stalled" && REASON_TARGETS[r.code]) ??
    reasons.find((r) => REASON_TARGETS[r.code]);
  return first ? (REASON_TARGETS[first.code] ?? { label: "Open pilot" }) : { label: "Open pilot" };
}

/** Attention items with the stage each pilot is in (from the points), for "34 days in Running". */
export function withStages(
  attention: AttentionItem[],
  points: PortfolioPoint[],
): (AttentionItem & { stage: Stage | null })[] {
  const stages = new Map(points.map((p) => [p.pilot_id, p.stage]));
  return attention.map((item) => ({ ...item, stage: stages.get(item.pilot_id) ?? null }));
}

/** The flag of a pilot whose success criteria moved after it started running. */
export const CRITERIA_CHANGED = "Criteria changed after start";

/** Words for a bubble, for screen readers and the details line. */
export function describeBubble(row: BubbleRow, valueText: string, money: string): string {
  return [
    row.title,
    HEALTH_LABELS[row.health],
    STAGE_LABELS[row.stage],
    `${RISK_BAND_LABELS[row.band]} risk`,
    valueText,
    `${money} at stake`,
    ...(row.criteria_changed ? [CRITERIA_CHANGED.toLowerCase()] : []),
  ].join(", ");
}

/** What each waiting decision is, in the executive's words. */
export const WAITING_LABELS: Record<WaitingDecision["decision"], string> = {
  start: "Start decision",
  scale: "Scale review",
};
