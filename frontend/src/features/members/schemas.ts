import { z } from "zod";

export const memberSchema = z.object({
  email: z
    .string()
    .trim()
    .min(1, { message: "Enter the person's email address.", abort: true })
    .email("Enter a valid email address."),
  role: z.enum(["admin", "editor", "executive", "viewer"], { message: "Choose a role." }),
});

export type MemberValues = z.infer<typeof memberSchema>;
