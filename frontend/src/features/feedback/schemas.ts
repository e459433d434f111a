import { z } from "zod";
import { todayIso } from "@/features/pilots/schemas";
import type { FeedbackLinkCreate, FeedbackSubmit } from "./queries";

/** The limits of the API (FeedbackSubmit, FeedbackLinkCreate in frontend/openapi.json). */
export const FEEDBACK_LIMITS = { name: 120, comment: 4000, newNeeds: 4000 } as const;

// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing them is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
/** One line: no line or paragraph breaks either (the API's pattern for names). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing them is the point
const NOT_ONE_LINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** Free text as the API takes it: trimmed, at most `max` characters, line breaks and tabs only. */
export const freeText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Keep it to ${max.toLocaleString("en")} characters or fewer.`)
    .refine((v) => !CONTROL.test(v), "Remove the special characters pasted into this field.");

const score = (message: string) => z.enum(["1", "2", "3", "4", "5"], { message });

export const feedbackSchema = z.object({
  respondent_name: freeText(FEEDBACK_LIMITS.name).refine(
    (v) => !NOT_ONE_LINE.test(v),
    "Keep your name on one line, without special characters.",
  ),
  difference: score("Choose how much difference it makes for you, from 1 to 5."),
  effort: score("Choose how easy working with the team is, from 1 to 5."),
  comment: freeText(FEEDBACK_LIMITS.comment),
  new_needs: freeText(FEEDBACK_LIMITS.newNeeds),
});

/** What the form holds: a score is "" until chosen. */
export type FeedbackValues = {
  respondent_name: string;
  difference: string;
  effort: string;
  comment: string;
  new_needs: string;
};

export const EMPTY_FEEDBACK: FeedbackValues = {
  respondent_name: "",
  difference: "",
  effort: "",
  comment: "",
  new_needs: "",
};

export function feedbackBody(values: FeedbackValues): FeedbackSubmit {
  const v = feedbackSchema.parse(values);
  return {
    respondent_name: v.respondent_name,
    difference: Number(v.difference),
    effort: Number(v.effort),
    comment: v.comment,
    new_needs: v.new_needs,
  };
}

export const feedbackLinkSchema = z.object({
  contact_name: z
    .string()
    .trim()
    .min(1, "Name the person the link is for.")
    .max(120, "Keep it to 120 characters or fewer.")
    .refine((v) => !NOT_ONE_LINE.test(v), "Keep it on one line, without special characters."),
  contact_email: z.union([
    z.literal(""),
    z.string().trim().email("Enter a valid email address, or leave it empty."),
  ]),
  expires_on: z
    .string()
    .refine((v) => v === "" || v >= todayIso(), "Choose today or a later day, or leave it empty."),
});

export type FeedbackLinkValues = z.input<typeof feedbackLinkSchema>;

export function feedbackLinkBody(values: FeedbackLinkValues): FeedbackLinkCreate {
  const v = feedbackLinkSchema.parse(values);
  return {
    contact_name: v.contact_name,
    contact_email: v.contact_email || null,
    expires_on: v.expires_on || null,
  };
}
