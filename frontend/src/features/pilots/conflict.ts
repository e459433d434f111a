import { formatNumber } from "./format";

export type Difference = { field: string; label: string; mine: string; theirs: string };

const LABELS: Record<string, string> = {
  title: "Title",
  hypothesis: "Hypothesis",
  target_outcome: "Target outcome",
  owner_id: "Owner",
  sponsor_id: "Executive sponsor",
  customer_id: "Chosen customer",
  risk_level: "Risk level",
  risk_rationale: "Risk rationale",
  budget: "Budget",
  revenue_at_stake: "Revenue at stake",
  stage: "Stage",
  scope: "Scale scope",
  items: "Scale plan items",
  scores: "Scores",
  notes: "Notes",
  contact_name: "Contact",
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
  contact_email: "Contact email",
  new_needs: "New needs",
  learnings: "Learnings",
  measurement_count: "Measurements",
  name: "Name",
  unit: "Unit",
  kind: "Kind",
  direction: "Direction",
  is_revenue: "Revenue metric",
  baseline: "Baseline",
  target: "Target",
};

/** Fields that change on their own (clock, derived values) and say nothing about an edit. */
const IGNORED = new Set([
  // The version moves with every change; the fields that changed are what the person reads.
  "etag",
  "updated_at",
  "created_at",
  "days_in_stage",
  "health",
  "health_reasons",
  "stage_entered_at",
  // Derived from other fields or from other records; the fields they come from are compared.
  "total",
  "is_chosen",
  "is_premier_account",
  "customer_name",
  "department_name",
  "latest_value",
  "lift",
  "progress",
  // Counted from other records (responses, check-ins) and the clock.
  "feedback",
  "last_check_in_on",
  "silent_days",
]);

function show(value: unknown, names: Record<string, string>): string {
  if (value === null || value === undefined || value === "") return "(empty)";
  if (typeof value === "number") return formatNumber(value);
  if (typeof value === "string") return names[value] ?? value;
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (typeof value === "object" && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return "(empty)";
    return entries
      .map(([k, v]) => `${names[k] ?? k.replaceAll("_", " ")}: ${show(v, names)}`)
      .join(", ");
  }
  return JSON.stringify(value);
}

/**
 * What someone else changed: the fields whose value in `current` (the server's copy, from the 412)
 * differs from `mine` (what this page had read). `names` turns ids into names (people,
 * customers) and codes into words.
 */
export function diffObjects(
  mine: Record<string, unknown>,
  current: Record<string, unknown>,
  names: Record<string, string> = {},
): Difference[] {
  const out: Difference[] = [];
  const keys = new Set([...Object.keys(mine), ...Object.keys(current)]);
  for (const key of keys) {
    if (IGNORED.has(key) || key === "id") continue;
    const a = mine[key];
    const b = current[key];
    if (JSON.stringify(a ?? null) === JSON.stringify(b ?? null)) continue;
    out.push({
      field: key,
      label: LABELS[key] ?? key.replaceAll("_", " "),
      mine: show(a, names),
      theirs: show(b, names),
    });
  }
  return out;
}
