import { z } from "zod";
import type { MethodSettings, MethodSettingsUpdate, Thresholds } from "./queries";

/**
 * The three groups of thresholds: when a pilot's health turns (`health`), the time the gate
 * into the scale review asks for (`time`), and how often the people outside the team are heard
 * from (`voice`: department check-ins and the customer's feedback).
 */
export type ThresholdGroup = "health" | "time" | "voice";

/** Every threshold, in plain words, with the API's limits and default. */
export const THRESHOLDS: readonly {
  name: keyof Thresholds;
  group: ThresholdGroup;
  label: string;
  unit: "days" | "departments" | "iterations";
  min: number;
  max: number;
  default: number;
  /** What it does: the health it sets, or the gate it holds. */
  effect: "stalled" | "at risk" | "gate" | "asks";
  /** A word on what the number means beyond its range, when it needs one. */
  help?: string;
}[] = [
  {
    group: "health",
    name: "no_iteration_days",
    label: "Days without an iteration before a running pilot is stalled",
    unit: "days",
    min: 1,
    max: 365,
    default: 45,
    effect: "stalled",
  },
  {
    group: "health",
    name: "scale_decision_days",
    label: "Days in scale review without a decision before the pilot is stalled",
    unit: "days",
    min: 1,
    max: 365,
    default: 30,
    effect: "stalled",
  },
  {
    group: "health",
    name: "selection_days",
    label: "Days proposed or selecting a customer before the pilot is at risk",
    unit: "days",
    min: 1,
    max: 365,
    default: 60,
    effect: "at risk",
  },
  {
    group: "health",
    name: "ready_to_scale_days",
    label: "Days with every metric at target, without a scale review, before the pilot is at risk",
    unit: "days",
    min: 1,
    max: 365,
    default: 30,
    effect: "at risk",
  },
  {
    group: "health",
    name: "invited_not_engaged_days",
    label: "Days a department can stay invited without engaging before the pilot is at risk",
    unit: "days",
    min: 1,
    max: 365,
    default: 21,
    effect: "at risk",
  },
  {
    group: "health",
    name: "min_engaged_departments",
    label: "Fewest engaged departments a running pilot needs before it is at risk",
    unit: "departments",
    min: 1,
    max: 10,
    default: 2,
    effect: "at risk",
  },
  {
    group: "health",
    name: "measurement_gap_iterations",
    label: "Latest iterations in a row without a measurement before the pilot is at risk",
    unit: "iterations",
    min: 1,
    max: 10,
    default: 2,
    effect: "at risk",
  },
  {
    group: "time",
    name: "min_running_days",
    label: "Days a pilot must run before its scale review",
    unit: "days",
    min: 0,
    max: 3650,
    default: 60,
    effect: "gate",
    help: "Counted from the day it first entered running. 0 turns the check off.",
  },
  {
    group: "time",
    name: "min_iteration_days",
    label: "Days an iteration must last to count toward the scale review",
    unit: "days",
    min: 0,
    max: 3650,
    default: 14,
    effect: "gate",
    help: "Shorter iterations are listed but do not count toward the two the gate asks for. 0 turns the check off.",
  },
  {
    group: "voice",
    name: "check_in_days",
    label: "Days between check-in requests to a department while the pilot runs",
    unit: "days",
    min: 1,
    max: 3650,
    default: 21,
    effect: "asks",
    help: "Each involved department's contact (with an email address) is also asked whenever an iteration is logged. Counted from the last request or check-in.",
  },
  {
    group: "voice",
    name: "department_silence_days",
    label: "Days an engaged department can stay silent before the pilot is at risk",
    unit: "days",
    min: 1,
    max: 3650,
    default: 30,
    effect: "at risk",
    help: "Silence is counted from its last check-in, or from when it was first asked. Indifference is not refusal, but it kills pilots just the same.",
  },
  {
    group: "voice",
    name: "customer_voice_days",
    label: "Days an iteration can run without a word from the customer before the pilot is at risk",
    unit: "days",
    min: 1,
    max: 3650,
    default: 30,
    effect: "at risk",
    help: "Applies once the pilot has a feedback link: counted from the latest iteration's start, until someone at the customer answers.",
  },
];

export const thresholdsIn = (group: ThresholdGroup) => THRESHOLDS.filter((t) => t.group === group);

function wholeNumber(min: number, max: number) {
  const message = `Enter a whole number from ${min} to ${max}.`;
  return z.number({ error: message }).int(message).min(min, message).max(max, message);
}

const thresholdsShape = Object.fromEntries(
  THRESHOLDS.map((t) => [t.name, wholeNumber(t.min, t.max)]),
) as Record<keyof Thresholds, ReturnType<typeof wholeNumber>>;

export const thresholdsSchema = z.object(thresholdsShape);

export const KEY_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;

export const criterionSchema = z.object({
  key: z
    .string()
    .trim()
    .regex(
      KEY_PATTERN,
      "Start with a letter; use lowercase letters, digits and _ only (up to 40 characters).",
    ),
  label: z
    .string()
    .trim()
    .min(1, "Name the criterion.")
    .max(80, "Keep the label to 80 characters or fewer."),
  weight: z
    .number({ error: "Enter a weight from 0 to 10." })
    .min(0, "Enter a weight from 0 to 10.")
    .max(10, "Enter a weight from 0 to 10."),
  /** Already saved: its key is what candidates' scores use, so it no longer changes. */
  saved: z.boolean(),
});

/** Same rules as the API: 1 to 12 criteria, unique keys, at least one weight above 0. */
export const rubricSchema = z
  .array(criterionSchema)
  .min(1, "Keep at least one criterion.")
  .max(12, "Use at most 12 criteria.")
  .superRefine((rubric, ctx) => {
    const seen = new Set<string>();
    rubric.forEach((criterion, index) => {
      const key = criterion.key.trim();
      if (seen.has(key)) {
        ctx.addIssue({
          code: "custom",
          path: [index, "key"],
          message: "Another criterion already uses this key.",
        });
      }
      seen.add(key);
    });
    if (rubric.length > 0 && rubric.every((c) => !(c.weight > 0))) {
      ctx.addIssue({
        code: "custom",
        path: [],
        message: "Weight at least one criterion above 0, or no candidate can score.",
      });
    }
  });

/** The rubric form: field paths match the API's (`rubric.0.weight`), so server errors land. */
export const rubricFormSchema = z.object({ rubric: rubricSchema });
export type RubricValues = z.input<typeof rubricFormSchema>;

/** The thresholds form: `thresholds.no_iteration_days` and so on, as the API names them. */
export const thresholdsFormSchema = z.object({ thresholds: thresholdsSchema });

/**
 * A form over one group of thresholds (or all of them): its values are that group's only, so
 * saving it leaves the other group as the server has it.
 */
export type ThresholdsValues = { thresholds: Partial<Thresholds> };

export function thresholdsGroupSchema(group?: ThresholdGroup) {
  if (!group) return thresholdsFormSchema;
  return z.object({
    thresholds: thresholdsSchema.pick(
      Object.fromEntries(thresholdsIn(group).map((t) => [t.name, true])) as Record<
        keyof Thresholds,
        true
      >,
    ),
  });
}

export function rubricValues(settings: MethodSettings): RubricValues {
  return { rubric: settings.rubric.map((c) => ({ ...c, saved: true })) };
}

export function thresholdsValues(
  settings: MethodSettings,
  group?: ThresholdGroup,
): ThresholdsValues {
  const names = (group ? thresholdsIn(group) : THRESHOLDS).map((t) => t.name);
  return { thresholds: Object.fromEntries(names.map((n) => [n, settings.thresholds[n]])) };
}

export function rubricBody(values: RubricValues): MethodSettingsUpdate {
  const parsed = rubricFormSchema.parse(values);
  return { rubric: parsed.rubric.map(({ key, label, weight }) => ({ key, label, weight })) };
}

/** The thresholds to send: all of them, or only those of one group (the API merges). */
export function thresholdsBody(
  values: ThresholdsValues,
  group?: ThresholdGroup,
): MethodSettingsUpdate {
  return { thresholds: thresholdsGroupSchema(group).parse(values).thresholds };
}

/** A key for a new criterion from its label: "Access to data" → "access_to_data". */
export function keyFromLabel(label: string, taken: readonly string[] = []): string {
  const base =
    label
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "_")
      .replace(/^[^a-z]+/, "")
      .replace(/_+$/, "")
      .slice(0, 36) || "criterion";
  let key = base;
  for (let n = 2; taken.includes(key); n++) key = `${base}_${n}`;
  return key;
}

export const workspaceSettingsSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Give the workspace a name.")
    .max(100, "Keep the name to 100 characters or fewer."),
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, "Use a three-letter ISO 4217 code, like EUR."),
});

export type WorkspaceSettingsValues = z.input<typeof workspaceSettingsSchema>;
