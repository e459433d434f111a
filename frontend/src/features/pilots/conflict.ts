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
};

/** Fields that change on their own (clock, derived values) and say nothing about an edit. */
const IGNORED = new Set([
  "updated_at",
  "created_at",
  "days_in_stage",
  "health",
  "health_reasons",
  "stage_entered_at",
]);

function show(value: unknown, names: Record<string, string>): string {
  if (value === null || value === undefined || value === "") return "(empty)";
  if (typeof value === "number") return formatNumber(value);
  if (typeof value === "string") return names[value] ?? value;
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
