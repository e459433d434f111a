import { z } from "zod";

export const createPilotSchema = z.object({
  title: z.string().trim().min(1, "Give the pilot a title.").max(200, "At most 200 characters."),
  hypothesis: z.string().trim().max(4000, "At most 4000 characters."),
  target_outcome: z.enum(["profitability", "business_process", "strategic_positioning"], {
    message: "Choose the outcome the pilot targets.",
  }),
});
export type CreatePilotValues = z.infer<typeof createPilotSchema>;

const reason = z.string().trim().min(1, "Say why, so the team knows.");

export const pauseSchema = z.object({ reason });
export const stopSchema = z.object({
  reason,
  lessons_learned: z.string().trim().min(1, "Write down what the pilot taught you."),
});

/** "" or a number; empty inputs become null. */
export const optionalNumber = z
  .string()
  .trim()
  .refine((v) => v === "" || Number.isFinite(Number(v)), "Enter a number.");

export const toNumberOrNull = (v: string) => (v.trim() === "" ? null : Number(v));

export const metricSchema = z.object({
  name: z.string().trim().min(1, "Name the metric."),
  unit: z.string().trim().max(40),
  kind: z.enum(["customer_experienced", "internal"]),
  direction: z.enum(["increase", "decrease"]),
  baseline: optionalNumber,
  target: optionalNumber,
  is_revenue: z.boolean(),
});
export type MetricValues = z.infer<typeof metricSchema>;

export const iterationSchema = z
  .object({
    started_on: z.string().min(1, "When did it start?"),
    ended_on: z.string(),
    changes: z.string().trim().min(1, "What did you change?"),
    change_order: z.enum(["1", "2", "3"]),
    customer_feedback: z.string(),
    new_needs: z.string(),
    learnings: z.string(),
    measurements: z.record(z.string(), optionalNumber),
  })
  .refine((v) => !v.ended_on || v.ended_on >= v.started_on, {
    message: "The end cannot be before the start.",
    path: ["ended_on"],
  });
export type IterationFormValues = z.infer<typeof iterationSchema>;

export const decisionSchema = z.object({
  kind: z.enum(["start", "continue", "pivot", "scale", "stop"]),
  rationale: z.string().trim().min(1, "Record why, for whoever reads this later."),
  decided_on: z.string(),
});
export type DecisionValues = z.infer<typeof decisionSchema>;
