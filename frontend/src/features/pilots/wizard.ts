import { defined, oneOf } from "@/lib/search-params";
import type { Stage } from "./labels";

/** The new-pilot wizard's steps, in order. */
export const SETUP_STEPS = [
  { id: "outcome", label: "Hypothesis", title: "Hypothesis and target outcome" },
  { id: "customer", label: "Customer", title: "Candidate customers" },
  { id: "departments", label: "Departments", title: "Departments" },
  { id: "metrics", label: "Metrics", title: "Metrics" },
  { id: "review", label: "Review", title: "Review and start" },
] as const;

export type SetupStep = (typeof SETUP_STEPS)[number]["id"];
const STEP_IDS: readonly SetupStep[] = SETUP_STEPS.map((s) => s.id);

/** The setup page's URL search: `?step=` opens that step; anything else is dropped. */
export type SetupSearch = { step?: SetupStep };

/** The setup route's `validateSearch`. */
export function parseSetupSearch(search: Record<string, unknown>): SetupSearch {
  return defined({ step: oneOf(STEP_IDS, search.step) });
}

/** A pilot is still being set up (a draft) while it is proposed or selecting. */
export function isSetupStage(stage: Stage): boolean {
  return stage === "proposed" || stage === "selecting";
}

/** Which step fixes each criterion of the gate into `running` (codes from the API). */
const CRITERION_STEP: Record<string, SetupStep> = {
  hypothesis: "outcome",
  customer_chosen: "customer",
  lifecycle: "customer",
  engaged_departments: "departments",
  customer_metric: "metrics",
  sponsor: "review",
  start_decision: "review",
};

/** The step that fixes an unmet criterion; unknown codes (a newer API) go to the review. */
export function stepForCriterion(code: string): SetupStep {
  return CRITERION_STEP[code] ?? "review";
}

export function stepIndex(step: SetupStep): number {
  return STEP_IDS.indexOf(step);
}

export function stepTitle(step: SetupStep): string {
  return SETUP_STEPS[stepIndex(step)]?.title ?? step;
}

type Criterion = { code: string; met: boolean };

/**
 * Where to resume: the first step, in order, that still has an unmet criterion of the gate into
 * `running`; the review when only the review's own items (sponsor, start decision) remain or
 * everything is met. Without a pilot the wizard starts at the beginning.
 */
export function firstIncompleteStep(criteria: readonly Criterion[] | null): SetupStep {
  if (criteria === null) return "outcome";
  let first: SetupStep = "review";
  for (const c of criteria) {
    if (c.met) continue;
    const step = stepForCriterion(c.code);
    if (stepIndex(step) < stepIndex(first)) first = step;
  }
  return first;
}

/** Per step: complete when none of the criteria it fixes is unmet (the review: when all are met). */
export function stepsDone(criteria: readonly Criterion[] | null): Record<SetupStep, boolean> {
  const done = Object.fromEntries(STEP_IDS.map((s) => [s, criteria !== null])) as Record<
    SetupStep,
    boolean
  >;
  if (criteria === null) return done;
  for (const c of criteria) {
    if (!c.met) done[stepForCriterion(c.code)] = false;
  }
  done.review = criteria.every((c) => c.met);
  return done;
}

/** The unmet criteria grouped under the step that fixes each, in step order. */
export function unmetByStep<T extends Criterion>(
  criteria: readonly T[],
): { step: SetupStep; items: T[] }[] {
  const groups = new Map<SetupStep, T[]>();
  for (const c of criteria) {
    if (c.met) continue;
    const step = stepForCriterion(c.code);
    groups.set(step, [...(groups.get(step) ?? []), c]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => stepIndex(a) - stepIndex(b))
    .map(([step, items]) => ({ step, items }));
}
