import type { UseFormReturn } from "react-hook-form";
import { ChoiceGroup } from "@/components/ui/choice-group";
import { CountedTextarea } from "@/components/ui/counted-textarea";
import { BENEFITS, CHECK_IN_LIMITS, type CheckInValues, COMMITTED } from "../schemas";

/**
 * The four questions of a check-in, for the department's own page and for a member recording it
 * in the app. `who` is how the questions name the department ("your department", "Finance").
 */
export function CheckInFields({ form, who }: { form: UseFormReturn<CheckInValues>; who: string }) {
  const { errors } = form.formState;
  const committed = form.watch("still_committed");
  const blocker = form.watch("blocker");
  const note = form.watch("note");
  return (
    <>
      <ChoiceGroup
        legend={`Does ${who} see the benefit it expected from the pilot?`}
        choices={BENEFITS}
        required
        error={errors.benefit?.message}
        inputProps={form.register("benefit")}
      />
      <ChoiceGroup
        legend={`Is ${who} still committed to the pilot?`}
        help={
          committed === "no"
            ? "Thank you for saying so: the pilot's owner hears about it at once. A word below on what changed helps."
            : undefined
        }
        choices={COMMITTED}
        required
        error={errors.still_committed?.message}
        inputProps={form.register("still_committed")}
      />
      <CountedTextarea
        label="Is anything in the way?"
        help="Optional. What stands between the department and its benefit."
        max={CHECK_IN_LIMITS.blocker}
        length={blocker.length}
        error={errors.blocker?.message}
        textareaProps={form.register("blocker")}
        rows={2}
      />
      <CountedTextarea
        label="Anything else?"
        help="Optional."
        max={CHECK_IN_LIMITS.note}
        length={note.length}
        error={errors.note?.message}
        textareaProps={form.register("note")}
        rows={2}
      />
    </>
  );
}

export const CHECK_IN_FIELDS = ["benefit", "still_committed", "blocker", "note"] as const;
