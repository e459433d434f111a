import { z } from "zod";

export {
  type MemberValues as InviteValues,
  memberSchema as inviteSchema,
} from "@/features/members/schemas";

/** The server's rules for a new password (those of `pilotboard create-user`). */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 1024;

/** Why a password may not be used, or null: the same checks, in the same words, as the API. */
export function passwordProblem(password: string, email: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) {
    return `The password must have at least ${MIN_PASSWORD_LENGTH} characters.`;
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    return `The password must have at most ${MAX_PASSWORD_LENGTH} characters.`;
  }
  const lowered = password.trim().toLowerCase();
  const address = email.trim().toLowerCase();
  const localPart = address.split("@", 1)[0] ?? "";
  if (lowered === address || (localPart.length >= 4 && lowered === localPart)) {
    return "The password must not be the email address.";
  }
  if (new Set(password).size < 4) {
    return "The password is too repetitive; use at least 4 different characters.";
  }
  return null;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing them is the point
const CONTROL = /[\u0000-\u001f\u007f]/;

/** A new account from an invitation: a name and a password, checked as the server will. */
export function newAccountSchema(email: string) {
  return z.object({
    name: z
      .string()
      .trim()
      .min(1, "Enter your name, as your colleagues will see it.")
      .max(120, "Keep your name to 120 characters or fewer.")
      .refine((name) => !CONTROL.test(name), "Use letters, spaces and punctuation only."),
    password: z.string().superRefine((password, ctx) => {
      const problem = passwordProblem(password, email);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }),
  });
}

export type NewAccountValues = z.infer<ReturnType<typeof newAccountSchema>>;
