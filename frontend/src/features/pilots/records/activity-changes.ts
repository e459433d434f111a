import { formatMoney } from "@/features/customers/format";
import { dayInWords, formatNumber } from "../format";
import {
  ENGAGEMENTS,
  outcomeLabel,
  RISK_LABELS,
  type RiskLevel,
  STAGE_LABELS,
  type Stage,
} from "../labels";
import type { Activity } from "./activity";

/**
 * One field an activity entry changed, in words: "Sponsor: — → Evelyn Executive". `before` is
 * null for a fact the change added (a stage change's reason): it reads "Reason: …".
 */
export type FieldChange = { field: string; label: string; before: string | null; after: string };

const LABELS: Record<string, string> = {
  title: "Title",
  hypothesis: "Hypothesis",
  target_outcome: "Target outcome",
  owner_id: "Owner",
  sponsor_id: "Sponsor",
  customer_id: "Customer",
  department_id: "Department",
  risk_level: "Risk level",
  risk_rationale: "Risk rationale",
  budget: "Budget",
  revenue_at_stake: "Revenue at stake",
  annual_revenue: "Annual revenue",
  stage: "Stage",
  scope: "Scale scope",
  items: "Scale plan items",
  scores: "Scores",
  notes: "Notes",
  contact_name: "Contact",
  contact_email: "Contact email",
  stake: "Stake",
  status: "Engagement",
  invited_on: "Invited on",
  engaged_on: "Engaged on",
  started_on: "Started on",
  ended_on: "Ended on",
  changes: "What changed",
  change_order: "Change order",
  customer_feedback: "Customer feedback",
  customer_summary: "Summary for the customer",
  new_needs: "New needs",
  learnings: "Learnings",
  name: "Name",
  unit: "Unit",
  kind: "Kind",
  direction: "Direction",
  is_revenue: "Revenue metric",
  revenue_period: "Revenue per",
  baseline: "Baseline",
  target: "Target",
  segment: "Segment",
  is_premier_account: "Premier account",
  lead_name: "Lead",
  kpi: "KPI",
  rationale: "Rationale",
  decided_on: "Decided on",
  reason: "Reason",
  lessons_learned: "Lessons learned",
};

/** What nobody edits, or what the summary already says. */
const SKIPPED = new Set(["id", "created_at", "updated_at", "pilot_id", "workspace_id", "number"]);

const ID_FIELDS: Record<string, string> = {
  owner_id: "a former member",
  sponsor_id: "a former member",
  decided_by: "a former member",
  customer_id: "a deleted customer",
  department_id: "a deleted department",
};
const MONEY = new Set(["budget", "revenue_at_stake", "annual_revenue"]);
const WORDS: Record<string, Record<string, string>> = {
  direction: { increase: "Higher is better", decrease: "Lower is better" },
  kind: { customer_experienced: "Customer-experienced", internal: "Internal" },
  revenue_period: { month: "Month", quarter: "Quarter", year: "Year" },
  status: Object.fromEntries(ENGAGEMENTS.map((e) => [e.value, e.label])),
};
const LONG = 80;

function humanKey(key: string): string {
  const text = key.replace(/_id$/, "").replaceAll("_", " ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A value as a person reads it; `—` for nothing. */
export function showValue(
  field: string,
  value: unknown,
  names: Record<string, string>,
  currency?: string | null,
): string {
  if (value === null || value === undefined || value === "") return "—";
  const gone = ID_FIELDS[field];
  if (gone && typeof value === "string") return names[value] ?? gone;
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (typeof value === "number") {
    if (MONEY.has(field) && currency) return formatMoney(value, currency);
    return formatNumber(value);
  }
  if (typeof value === "string") {
    if (field === "stage") return STAGE_LABELS[value as Stage] ?? value;
    if (field === "risk_level") return RISK_LABELS[value as RiskLevel] ?? value;
    if (field === "target_outcome") return outcomeLabel(value as never);
    const word = WORDS[field]?.[value];
    if (word) return word;
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return dayInWords(value);
    const oneLine = value.replace(/\s+/g, " ").trim();
    return oneLine.length > LONG ? `${oneLine.slice(0, LONG - 1).trimEnd()}…` : oneLine;
  }
  if (Array.isArray(value)) return `${value.length} item${value.length === 1 ? "" : "s"}`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return "—";
    return entries.map(([k, v]) => `${humanKey(k)} ${showValue(k, v, names, currency)}`).join(", ");
  }
  return String(value);
}

/**
 * The fields an update changed, before → after, in the order they are stored. Creations and
 * deletions (no `before` or no `after`) list nothing: their summary says what happened. Older
 * entries, written before names were resolved, read the same: ids are named from `names`.
 */
export function activityChanges(entry: Activity, currency?: string | null): FieldChange[] {
  const { before, after } = entry;
  if (!before || !after) return [];
  const names = entry.names ?? {};
  const out: FieldChange[] = [];
  const moved = entry.action === "pilot.stage_changed";
  for (const field of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (SKIPPED.has(field)) continue;
    // A stage change names both stages in its summary.
    if (moved && field === "stage") continue;
    const a = before[field];
    const b = after[field];
    // Nothing and an empty text are the same "—".
    const blank = (v: unknown) => v === null || v === undefined || v === "";
    if (blank(a) && blank(b)) continue;
    if (JSON.stringify(a ?? null) === JSON.stringify(b ?? null)) continue;
    out.push({
      field,
      label: LABELS[field] ?? humanKey(field),
      before: field in before ? showValue(field, a, names, currency) : null,
      after: showValue(field, b, names, currency),
    });
  }
  return out;
}

const STAGE_WORDS = new Map(
  Object.entries(STAGE_LABELS).map(([code, label]) => [code.replace("_", " "), label]),
);

/** "Pilot updated: sponsor_id, budget" reads as "Pilot updated"; the fields follow as changes. */
export function activitySummary(entry: Activity, changes: FieldChange[]): string {
  // "Moved from scale review to scaling: <reason>" → "Moved from Scale review to Scaling"; the
  // reason follows as a change.
  const move = /^Moved from ([a-z ]+) to ([a-z ]+)(: [\s\S]*)?$/.exec(entry.summary);
  if (entry.action === "pilot.stage_changed" && move?.[1] && move[2]) {
    const from = STAGE_WORDS.get(move[1]) ?? move[1];
    const to = STAGE_WORDS.get(move[2]) ?? move[2];
    const reasonShown = changes.some((c) => c.field === "reason");
    return `Moved from ${from} to ${to}${reasonShown ? "" : (move[3] ?? "")}`;
  }
  const listed = /^(.*\bupdated): [a-z_]+(, [a-z_]+)*$/.exec(entry.summary);
  if (listed?.[1] && changes.length > 0) return listed[1];
  return entry.summary;
}
