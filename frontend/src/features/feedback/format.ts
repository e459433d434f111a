import type { Schemas } from "@/client";
import type { FeedbackResponse, LinkState } from "./queries";

type Iteration = Pick<Schemas["IterationPublic"], "id" | "number" | "started_on" | "feedback">;

/** A mean on the 1–5 scale, one decimal: "3.5"; "—" without answers. */
export function formatMean(mean: number | null | undefined): string {
  return mean === null || mean === undefined ? "—" : mean.toFixed(1);
}

/** Who answered: their name, or "Someone at St. Agnes" when they left it empty. */
export function respondentLabel(
  response: Pick<FeedbackResponse, "respondent_name">,
  customer?: string | null,
) {
  return (
    response.respondent_name || (customer ? `Someone at ${customer}` : "Someone at the customer")
  );
}

export const LINK_STATES: Record<
  LinkState,
  { label: string; tone: "success" | "neutral" | "danger" }
> = {
  active: { label: "Active", tone: "success" },
  expired: { label: "Expired", tone: "neutral" },
  revoked: { label: "Revoked", tone: "danger" },
};

export type FeedbackPoint = {
  iterationId: string;
  number: number;
  startedOn: string;
  responses: number;
  difference: number;
  effort: number | null;
};

/**
 * The "Customer-rated difference" series: one point per iteration the customer rated, oldest
 * first, from the iteration reads' `feedback` means.
 */
export function feedbackSeries(iterations: readonly Iteration[]): FeedbackPoint[] {
  return iterations
    .filter((it) => it.feedback.responses > 0 && it.feedback.difference_mean !== null)
    .sort((a, b) => a.number - b.number)
    .map((it) => ({
      iterationId: it.id,
      number: it.number,
      startedOn: it.started_on,
      responses: it.feedback.responses,
      difference: it.feedback.difference_mean ?? 0,
      effort: it.feedback.effort_mean,
    }));
}

/** "2 responses · difference 3.5 / 5 · effort 4.0 / 5": an iteration's voice in one line. */
export function voiceSummary(feedback: Iteration["feedback"]): string {
  if (feedback.responses === 0) return "No customer response yet";
  return [
    `${feedback.responses} response${feedback.responses === 1 ? "" : "s"}`,
    `difference ${formatMean(feedback.difference_mean)} / 5`,
    `ease ${formatMean(feedback.effort_mean)} / 5`,
  ].join(" · ");
}

/** Responses grouped by the iteration they are about (null: none, e.g. before the first). */
export function responsesByIteration(
  responses: readonly FeedbackResponse[],
): Map<string | null, FeedbackResponse[]> {
  const groups = new Map<string | null, FeedbackResponse[]>();
  for (const response of responses) {
    const list = groups.get(response.iteration_id) ?? [];
    list.push(response);
    groups.set(response.iteration_id, list);
  }
  return groups;
}
