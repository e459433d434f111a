import { zodResolver } from "@hookform/resolvers/zod";
import { useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { ErrorAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { useWorkspace } from "@/features/workspaces/queries";
import { formatDecimalInput } from "@/lib/decimal";
import { applyProblem } from "@/lib/form-errors";
import { toast } from "@/lib/toast";
import { OUTCOMES } from "../../labels";
import { type Pilot, type PilotUpdate, useCreatePilot, useUpdatePilot } from "../../queries";
import { numberBetween, outcomeSchema, toNumberOrNull } from "../../schemas";
import { useConflictHandler } from "../conflict-dialog";
import { Textarea } from "../textarea";
import { StepFooter, StepIntro } from "./setup-wizard";

const FIELDS = ["title", "hypothesis", "target_outcome", "revenue_at_stake", "budget"] as const;

const money = numberBetween(0, 1e13, "Enter an amount from 0 to 10,000,000,000,000.");
/** The first step also asks what is at stake and what it may cost: the portfolio sizes by it. */
const wizardOutcomeSchema = outcomeSchema.extend({ revenue_at_stake: money, budget: money });
type OutcomeValues = z.infer<typeof wizardOutcomeSchema>;

/** Step 1: what the pilot tests and which outcome it aims at for the customer. Creates the draft. */
export function OutcomeStep({ workspaceId, pilot }: { workspaceId: string; pilot: Pilot | null }) {
  const navigate = useNavigate();
  const create = useCreatePilot(workspaceId);
  const update = useUpdatePilot(workspaceId, pilot?.id ?? "");
  const onConflict = useConflictHandler();
  const [formError, setFormError] = useState<string | null>(null);
  const currency = useWorkspace(workspaceId).data?.currency ?? "EUR";
  const form = useForm<OutcomeValues>({
    resolver: zodResolver(wizardOutcomeSchema),
    defaultValues: {
      title: pilot?.title ?? "",
      hypothesis: pilot?.hypothesis ?? "",
      target_outcome: pilot?.target_outcome ?? ("" as OutcomeValues["target_outcome"]),
      revenue_at_stake: formatDecimalInput(pilot?.revenue_at_stake),
      budget: formatDecimalInput(pilot?.budget),
    },
  });
  const { errors } = form.formState;
  const next = (pilotId: string) =>
    void navigate({
      to: "/w/$workspaceId/pilots/$pilotId/setup",
      params: { workspaceId, pilotId },
      search: { step: "customer" },
    });

  const onSubmit = form.handleSubmit((values) => {
    setFormError(null);
    const v = {
      ...values,
      revenue_at_stake: toNumberOrNull(values.revenue_at_stake),
      budget: toNumberOrNull(values.budget),
    };
    const fail = (e: unknown) => setFormError(applyProblem(e, form.setError, FIELDS));
    if (pilot === null) {
      create.mutate(
        { ...v, risk_rationale: "" },
        {
          onSuccess: ({ data }) => {
            toast(`Draft “${data.title}” saved`);
            next(data.id);
          },
          onError: fail,
        },
      );
      return;
    }
    // Only what changed is sent, so someone else's edit to another field survives.
    const changes = Object.fromEntries(
      Object.entries(v).filter(([k, value]) => (pilot as Record<string, unknown>)[k] !== value),
    ) as PilotUpdate;
    if (Object.keys(changes).length === 0) {
      next(pilot.id);
      return;
    }
    update.mutate(
      { changes },
      {
        onSuccess: () => {
          toast("Hypothesis and outcome saved");
          next(pilot.id);
        },
        onError: (e) => {
          if (!onConflict(e, pilot, () => update.mutateAsync({ changes, force: true }))) fail(e);
        },
      },
    );
  });
  const pending = create.isPending || update.isPending;

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-5">
      <StepIntro>
        <p>
          A testbed pilot is a small, deliberate experiment with one customer. Start from what you
          believe will change for that customer, and which of their outcomes it improves.
        </p>
      </StepIntro>
      {formError && <ErrorAlert>{formError}</ErrorAlert>}
      <Field label="Title" error={errors.title?.message}>
        {(props) => <Input {...props} autoComplete="off" {...form.register("title")} />}
      </Field>
      <Field
        label="Hypothesis"
        help="What you believe will happen for the customer, and why. For example: “Delivering spare parts the same day cuts the customer's machine downtime by a third.” The gate into running needs it."
        error={errors.hypothesis?.message}
      >
        {(props) => <Textarea {...props} rows={4} {...form.register("hypothesis")} />}
      </Field>
      <fieldset
        className="flex flex-col gap-2"
        aria-describedby={errors.target_outcome ? "target-outcome-error" : undefined}
      >
        <legend className="mb-1 text-sm font-medium">The customer outcome it targets</legend>
        <div className="grid grid-cols-1 gap-2 md:grid-cols-3">
          {OUTCOMES.map((o) => (
            <label
              key={o.value}
              className="flex cursor-pointer gap-3 rounded-lg border p-3 has-[:checked]:border-accent has-[:checked]:bg-accent-subtle has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2"
            >
              <input
                type="radio"
                value={o.value}
                className="mt-1 accent-[var(--accent)]"
                {...form.register("target_outcome")}
              />
              <span className="flex flex-col gap-0.5">
                <span className="text-sm font-medium">{o.label}</span>
                <span className="text-xs text-muted-foreground">{o.description}</span>
              </span>
            </label>
          ))}
        </div>
        {errors.target_outcome && (
          <p id="target-outcome-error" className="text-sm text-danger-foreground">
            {errors.target_outcome.message}
          </p>
        )}
      </fieldset>
      <fieldset className="flex flex-col gap-3">
        <legend className="mb-1 text-sm font-medium">What is at stake ({currency})</legend>
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
          <Field
            label={`Revenue at stake (${currency}, optional)`}
            help="The customer revenue this pilot could affect if it scales, e.g. the account's yearly revenue in the targeted line. The portfolio sizes each pilot by it."
            error={errors.revenue_at_stake?.message}
          >
            {(props) => (
              <Input
                {...props}
                inputMode="decimal"
                autoComplete="off"
                placeholder="e.g. 250000"
                {...form.register("revenue_at_stake")}
              />
            )}
          </Field>
          <Field
            label={`Budget (${currency}, optional)`}
            help="What the pilot may spend. Keep it small: a testbed pilot is a cheap, deliberate experiment, not a project."
            error={errors.budget?.message}
          >
            {(props) => (
              <Input
                {...props}
                inputMode="decimal"
                autoComplete="off"
                {...form.register("budget")}
              />
            )}
          </Field>
        </div>
      </fieldset>
      <StepFooter>
        <Button type="submit" disabled={pending}>
          {pending && <Spinner />}
          {pending ? "Saving…" : "Save and continue"}
        </Button>
      </StepFooter>
    </form>
  );
}
