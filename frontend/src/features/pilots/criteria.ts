import { z } from "zod";
import type { Schemas } from "@/client";
import { ApiError } from "@/lib/api-error";
import { dayInWords, formatNumber } from "./format";
import {
  CRITERION_LABELS,
  type CriterionField,
  DIRECTION_WORDS,
  KIND_WORDS,
  REVENUE_PERIODS,
  type RevenuePeriod,
  type Stage,
} from "./labels";
import { metricSchema, toNumberOrNull } from "./schemas";

/*
 * Success criteria (a metric's baseline, target, direction and kind, and the revenue metric's
 * period) are fixed once the pilot has first entered running: a change needs a reason, is kept
 * on the metric and flags the pilot for the executives. The rules as the API applies them.
 */

export type CriteriaChange = Schemas["CriteriaChange"];
type Direction = Schemas["Direction"];
type Kind = Schemas["MetricKind"];

/** The note a locked change shows: why the rule exists and what happens to the change. */
export const CRITERIA_RULE =
  "Success criteria are fixed at the start so nobody moves the goalposts. This change will be recorded on the metric and flagged to the executives.";

export const REASON_MIN = 10;
export const REASON_MAX = 2000;

const STARTED: ReadonlySet<Stage> = new Set(["running", "scale_review", "scaling", "adopted"]);

/**
 * Whether the pilot has entered running, as far as its stage tells: from running on, or paused
 * from one of those stages. A stopped pilot does not say where it stopped; the API answers
 * `409 criteria-locked` for it when it had started.
 */
export function criteriaLocked(pilot: { stage: Stage; paused_from: Stage | null }): boolean {
  if (STARTED.has(pilot.stage)) return true;
  return pilot.stage === "paused" && pilot.paused_from !== null && STARTED.has(pilot.paused_from);
}

/** The API refused a change of success criteria (or a deletion) because no reason came with it. */
export function isCriteriaLocked(error: unknown): boolean {
  return (
    error instanceof ApiError && error.status === 409 && error.type.endsWith("/criteria-locked")
  );
}

/**
 * Why the target is on the wrong side of the baseline (it must be better: above it when higher
 * is better, below it when lower is), or null when it is fine or either is not set.
 */
export function targetSideProblem(
  direction: Direction,
  baseline: number | null,
  target: number | null,
): string | null {
  if (baseline === null || target === null) return null;
  if (!Number.isFinite(baseline) || !Number.isFinite(target)) return null;
  if (direction === "decrease")
    return target < baseline
      ? null
      : `For a metric where lower is better, the target must be below the baseline (${formatNumber(baseline)}).`;
  return target > baseline
    ? null
    : `For a metric where higher is better, the target must be above the baseline (${formatNumber(baseline)}).`;
}

/** Why a reason cannot explain a change of criteria, or null; `missing` when it is empty. */
export function reasonProblem(
  reason: string,
  missing = "Say why you are changing it: the reason is recorded with the change.",
): string | null {
  const length = reason.trim().length;
  if (length === 0) return missing;
  if (length < REASON_MIN) return `Say why in at least ${REASON_MIN} characters.`;
  if (length > REASON_MAX) return `Keep it to ${REASON_MAX.toLocaleString("en")} characters.`;
  return null;
}

export type Criteria = {
  baseline: number | null;
  target: number | null;
  direction: Direction;
  kind: Kind;
  is_revenue: boolean;
  revenue_period: RevenuePeriod;
};

/**
 * The success criteria `after` changes from `before`, in the API's order; the revenue period
 * counts for the revenue metric only (before or after the change).
 */
export function changedCriteria(before: Criteria, after: Criteria): CriterionField[] {
  const fields: CriterionField[] = ["baseline", "target", "direction", "kind"];
  if (before.is_revenue || after.is_revenue) fields.push("revenue_period");
  return fields.filter((field) => before[field] !== after[field]);
}

// --- the metric form -------------------------------------------------------------------------

export const metricFormSchema = metricSchema.extend({
  revenue_period: z.enum(["month", "quarter", "year"]),
  /** Sent as `change_reason` when a locked criterion changes; ignored otherwise. */
  change_reason: z.string(),
});
export type MetricFormValues = z.infer<typeof metricFormSchema>;

/** The form's values as the criteria they set (numbers parsed; "" is none). */
export function criteriaOf(values: MetricFormValues): Criteria {
  return {
    baseline: toNumberOrNull(values.baseline),
    target: toNumberOrNull(values.target),
    direction: values.direction,
    kind: values.kind,
    is_revenue: values.is_revenue,
    revenue_period: values.revenue_period,
  };
}

/**
 * The metric form's rules: the target on the improving side of the baseline, and, once the
 * criteria are locked, a reason for any change of them (`saved`: the metric as it was read).
 */
export function metricFormRules({ saved, locked }: { saved: Criteria | null; locked: boolean }) {
  return metricFormSchema.superRefine((values, ctx) => {
    const criteria = criteriaOf(values);
    const side = targetSideProblem(criteria.direction, criteria.baseline, criteria.target);
    if (side) ctx.addIssue({ code: "custom", path: ["target"], message: side });
    if (!saved || !locked || changedCriteria(saved, criteria).length === 0) return;
    const problem = reasonProblem(values.change_reason);
    if (problem) ctx.addIssue({ code: "custom", path: ["change_reason"], message: problem });
  });
}

// --- the change history ----------------------------------------------------------------------

/** Changes made together (one save: same time, person and reason), oldest first. */
export type ChangeGroup = {
  changed_at: string;
  changed_by: string | null;
  reason: string;
  changes: CriteriaChange[];
};

export function groupChanges(changes: readonly CriteriaChange[]): ChangeGroup[] {
  const groups: ChangeGroup[] = [];
  for (const change of changes) {
    const last = groups[groups.length - 1];
    if (
      last &&
      last.changed_at === change.changed_at &&
      last.changed_by === change.changed_by &&
      last.reason === change.reason
    )
      last.changes.push(change);
    else
      groups.push({
        changed_at: change.changed_at,
        changed_by: change.changed_by,
        reason: change.reason,
        changes: [change],
      });
  }
  return groups;
}

function valueInWords(field: CriterionField, value: CriteriaChange["before"], unit: string) {
  if (value === null) return "not set";
  if (typeof value === "number") return formatNumber(value, unit);
  if (field === "direction") return DIRECTION_WORDS[value as Direction] ?? value;
  if (field === "kind") return KIND_WORDS[value as Kind] ?? value;
  if (field === "revenue_period")
    return REVENUE_PERIODS.find((p) => p.value === value)?.per ?? value;
  return value;
}

/** "target moved from 8 h to 7 h", "direction changed from higher is better to lower is better". */
export function changeInWords(change: CriteriaChange, unit: string): string {
  const numeric = change.field === "baseline" || change.field === "target";
  const verb = numeric ? "moved" : "changed";
  const before = valueInWords(change.field, change.before, unit);
  const after = valueInWords(change.field, change.after, unit);
  return `${CRITERION_LABELS[change.field]} ${verb} from ${before} to ${after}`;
}

/** "Target moved from 8 h to 7 h on 12 March 2027 by Ada Admin": the reason follows it. */
export function groupInWords(group: ChangeGroup, unit: string, who: string): string {
  const moves = group.changes.map((c) => changeInWords(c, unit));
  const listed =
    moves.length <= 1 ? (moves[0] ?? "") : `${moves.slice(0, -1).join(", ")} and ${moves.at(-1)}`;
  const sentence = `${listed} on ${dayInWords(group.changed_at)} by ${who}`;
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

/** Who made a change: a member's name, "a former member", or "an API token" (no person). */
export function changedByName(id: string | null, names: Record<string, string>): string {
  if (id === null) return "an API token";
  return names[id] ?? "a former member";
}
