import { z } from "zod";
import { decimalOrNaN, parseDecimal } from "@/lib/decimal";

/*
 * Form schemas with the limits of the API (frontend/openapi.json), so a person learns about a
 * mistake at the field before anything is sent. Inputs are strings; numbers are parsed on submit.
 */

const max = (n: number) => `At most ${n.toLocaleString("en")} characters.`;
const text = (limit: number) => z.string().trim().max(limit, max(limit));
const required = (limit: number, message: string) => text(limit).min(1, message);

/** "" or a number between `min` and `max`; empty inputs become null on submit. */
export const numberBetween = (min: number, maxValue: number, message: string) =>
  z
    .string()
    .trim()
    .superRefine((v, ctx) => {
      // "10,5", "1.234,5", "1,234.5": read in the workspace's convention (lib/decimal).
      const parsed = parseDecimal(v);
      if (!parsed.ok) ctx.addIssue({ code: "custom", message: parsed.message });
      else if (parsed.value !== null && (parsed.value < min || parsed.value > maxValue))
        ctx.addIssue({ code: "custom", message });
    });

/** Kept for callers that only need "a number or nothing". */
export const optionalNumber = numberBetween(-1e15, 1e15, "That number is too large.");
const money = numberBetween(0, 1e13, "Enter an amount from 0 to 10,000,000,000,000.");
const measure = numberBetween(-1e15, 1e15, "Enter a value between −10¹⁵ and 10¹⁵.");

export const toNumberOrNull = (v: string) => decimalOrNaN(v);

const OUTCOME_VALUES = ["profitability", "business_process", "strategic_positioning"] as const;
const outcome = z.enum(OUTCOME_VALUES, { message: "Choose the outcome the pilot targets." });

/** Today as the API's calendar date (UTC). */
export const todayIso = (now: Date = new Date()) => now.toISOString().slice(0, 10);

// --- pilots --------------------------------------------------------------------------------

export const outcomeSchema = z.object({
  title: required(200, "Give the pilot a title."),
  hypothesis: required(
    4000,
    "Write the hypothesis: what you expect to change for the customer, and why.",
  ),
  target_outcome: outcome,
});
export type OutcomeValues = z.infer<typeof outcomeSchema>;

/** The first step of the wizard only asks for what makes a pilot: kept for older callers. */
export const createPilotSchema = outcomeSchema.extend({ hypothesis: text(4000) });
export type CreatePilotValues = z.infer<typeof createPilotSchema>;

export const editPilotSchema = z
  .object({
    title: required(200, "Give the pilot a title."),
    hypothesis: text(4000),
    target_outcome: outcome,
    owner_id: z.string().min(1, "Choose an owner."),
    sponsor_id: z.string(),
    budget: money,
    revenue_at_stake: money,
    risk_level: z.enum(["", "low", "medium", "high"]),
    risk_rationale: text(2000),
    /** The risk level the form opened with: changing it needs a reason. */
    risk_before: z.string(),
  })
  .refine((v) => v.risk_level === v.risk_before || v.risk_level === "" || v.risk_rationale, {
    message: "Explain why when you set the risk level yourself.",
    path: ["risk_rationale"],
  });
export type EditPilotValues = z.infer<typeof editPilotSchema>;

export const sponsorSchema = z.object({
  sponsor_id: z.string().min(1, "Choose the executive who backs the pilot."),
});

// --- candidates ------------------------------------------------------------------------------

const score = z.string().regex(/^[1-5]?$/, "Score it from 1 to 5.");

export const candidateSchema = z
  .object({
    mode: z.enum(["existing", "new"]),
    customer_id: z.string(),
    name: text(200),
    segment: text(80),
    is_premier_account: z.boolean(),
    scores: z.record(z.string(), score),
    notes: text(2000),
  })
  .refine((v) => v.mode === "new" || v.customer_id !== "", {
    message: "Choose a customer, or create a new one.",
    path: ["customer_id"],
  })
  .refine((v) => v.mode === "existing" || v.name !== "", {
    message: "Name the customer.",
    path: ["name"],
  });
export type CandidateValues = z.infer<typeof candidateSchema>;

/** Only the scores that were given, as numbers. */
export function toScores(scores: Record<string, string>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(scores)) if (value) out[key] = Number(value);
  return out;
}

export const chooseSchema = z.object({
  rationale: required(2000, "Say why this customer: it is recorded with the risk level."),
});
export type ChooseValues = z.infer<typeof chooseSchema>;

// --- departments ---------------------------------------------------------------------------

export const involvementSchema = z
  .object({
    department_id: z.string().min(1, "Choose a department."),
    contact_name: text(120),
    contact_email: z.union([
      z.literal(""),
      z.string().trim().email("Enter a valid email address, or leave it empty."),
    ]),
    stake: required(1000, "Say what this department gets out of the pilot."),
    status: z.enum(["invited", "engaged", "champion", "declined"]),
    invited_on: z.string(),
    engaged_on: z.string(),
  })
  .refine((v) => !v.engaged_on || !v.invited_on || v.engaged_on >= v.invited_on, {
    message: "It cannot engage before it was invited.",
    path: ["engaged_on"],
  });
export type InvolvementValues = z.infer<typeof involvementSchema>;

// --- metrics and iterations ----------------------------------------------------------------

export const metricSchema = z.object({
  name: required(120, "Name the metric."),
  unit: text(30),
  kind: z.enum(["customer_experienced", "internal"]),
  direction: z.enum(["increase", "decrease"]),
  baseline: measure,
  target: measure,
  is_revenue: z.boolean(),
});
export type MetricValues = z.infer<typeof metricSchema>;

export const iterationSchema = z
  .object({
    started_on: z.string().min(1, "When did it start?"),
    ended_on: z.string(),
    changes: required(4000, "What did you change?"),
    change_order: z.enum(["1", "2", "3"]),
    customer_feedback: text(4000),
    customer_summary: text(4000),
    new_needs: text(4000),
    learnings: text(4000),
    measurements: z.record(z.string(), measure),
  })
  .refine((v) => !v.ended_on || v.ended_on >= v.started_on, {
    message: "The end cannot be before the start.",
    path: ["ended_on"],
  });
export type IterationFormValues = z.infer<typeof iterationSchema>;

// --- decisions and the lifecycle -----------------------------------------------------------

export const decisionSchema = z
  .object({
    kind: z.enum(["start", "continue", "pivot", "scale", "stop"], {
      message: "Choose the decision you are recording.",
    }),
    rationale: required(4000, "Record why, for whoever reads this later."),
    decided_on: z.string(),
  })
  .refine((v) => !v.decided_on || v.decided_on <= todayIso(), {
    message: "A decision cannot be dated in the future.",
    path: ["decided_on"],
  });
export type DecisionValues = z.infer<typeof decisionSchema>;

/** Withdrawing a decision: the reason stays on record beside it (10 to 2000 characters). */
export const withdrawSchema = z.object({
  reason: text(2000).min(10, "Say in at least 10 characters why it is withdrawn."),
});
export type WithdrawValues = z.infer<typeof withdrawSchema>;

export const startDecisionSchema = z.object({
  rationale: required(4000, "Say why the pilot should start now."),
});

const reason = required(2000, "Say why, so the team knows.");

/** Pausing asks for a reason only; the lessons are the stop's. */
export const pauseSchema = z.object({ reason, lessons_learned: z.string() });
export const stopSchema = z.object({
  reason,
  lessons_learned: required(4000, "Write down what the pilot taught you."),
});

export const SCALE_LIMITS = { scope: 4000, change: 2000, owner: 120 } as const;
