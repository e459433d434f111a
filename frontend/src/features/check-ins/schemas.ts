import { z } from "zod";
import type { Choice } from "@/components/ui/choice-group";
import { freeText } from "@/features/feedback/schemas";
import type { Benefit, CheckInSubmit } from "./queries";

export const CHECK_IN_LIMITS = { blocker: 2000, note: 4000 } as const;

export const BENEFITS: readonly (Choice & { value: Benefit; label: string })[] = [
  { value: "yes", label: "Yes" },
  { value: "partly", label: "Partly" },
  { value: "not_yet", label: "Not yet" },
];

export const COMMITTED: readonly (Choice & { label: string })[] = [
  { value: "yes", label: "Yes" },
  { value: "no", label: "No" },
];

export const benefitLabel = (benefit: Benefit) =>
  BENEFITS.find((b) => b.value === benefit)?.label ?? benefit;

export const checkInSchema = z.object({
  benefit: z.enum(["yes", "partly", "not_yet"], {
    message: "Say whether the department sees the benefit it expected.",
  }),
  still_committed: z.enum(["yes", "no"], {
    message: "Say whether the department is still committed.",
  }),
  blocker: freeText(CHECK_IN_LIMITS.blocker),
  note: freeText(CHECK_IN_LIMITS.note),
});

/** What the form holds: each choice is "" until made. */
export type CheckInValues = {
  benefit: string;
  still_committed: string;
  blocker: string;
  note: string;
};

export const EMPTY_CHECK_IN: CheckInValues = {
  benefit: "",
  still_committed: "",
  blocker: "",
  note: "",
};

export function checkInBody(values: CheckInValues): CheckInSubmit {
  const v = checkInSchema.parse(values);
  return {
    benefit: v.benefit,
    still_committed: v.still_committed === "yes",
    blocker: v.blocker,
    note: v.note,
  };
}
