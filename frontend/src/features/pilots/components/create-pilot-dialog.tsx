import { zodResolver } from "@hookform/resolvers/zod";
import { useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { ErrorAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { applyProblem } from "@/lib/form-errors";
import { toast } from "@/lib/toast";
import { OUTCOMES } from "../labels";
import { useCreatePilot } from "../queries";
import { type CreatePilotValues, createPilotSchema } from "../schemas";
import { Textarea } from "./textarea";

export function CreatePilotDialog({
  workspaceId,
  open,
  onOpenChange,
}: {
  workspaceId: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-w-lg">
        <DialogHeader>
          <DialogTitle>Start a pilot</DialogTitle>
          <DialogDescription>
            A small, deliberate experiment with one customer. You can add candidates, departments
            and metrics next.
          </DialogDescription>
        </DialogHeader>
        <CreatePilotForm workspaceId={workspaceId} onDone={() => onOpenChange(false)} />
      </DialogContent>
    </Dialog>
  );
}

function CreatePilotForm({ workspaceId, onDone }: { workspaceId: string; onDone: () => void }) {
  const create = useCreatePilot(workspaceId);
  const navigate = useNavigate();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<CreatePilotValues>({
    resolver: zodResolver(createPilotSchema),
    defaultValues: { title: "", hypothesis: "", target_outcome: "profitability" },
  });
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit((values) => {
    setFormError(null);
    create.mutate(
      { ...values, risk_rationale: "" },
      {
        onSuccess: ({ data }) => {
          toast(`Pilot “${data.title}” created`);
          onDone();
          void navigate({
            to: "/w/$workspaceId/pilots/$pilotId",
            params: { workspaceId, pilotId: data.id },
          });
        },
        onError: (error) =>
          setFormError(
            applyProblem(error, form.setError, ["title", "hypothesis", "target_outcome"] as const),
          ),
      },
    );
  });

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      {formError && <ErrorAlert>{formError}</ErrorAlert>}
      <Field label="Title" error={errors.title?.message}>
        {(props) => <Input {...props} autoComplete="off" {...form.register("title")} />}
      </Field>
      <Field
        label="Hypothesis"
        help="What you believe will happen for the customer, and why. Needed before it runs."
        error={errors.hypothesis?.message}
      >
        {(props) => <Textarea {...props} rows={3} {...form.register("hypothesis")} />}
      </Field>
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium">Target outcome for the customer</legend>
        {OUTCOMES.map((o) => (
          <label
            key={o.value}
            className="flex cursor-pointer gap-3 rounded-lg border p-3 has-[:checked]:border-accent has-[:checked]:bg-accent-subtle"
          >
            <input
              type="radio"
              value={o.value}
              className="mt-1 accent-[var(--accent)]"
              {...form.register("target_outcome")}
            />
            <span className="flex flex-col">
              <span className="text-sm font-medium">{o.label}</span>
              <span className="text-xs text-muted-foreground">{o.description}</span>
            </span>
          </label>
        ))}
        {errors.target_outcome && (
          <p className="text-sm text-danger-foreground">{errors.target_outcome.message}</p>
        )}
      </fieldset>
      <DialogFooter className="mt-2">
        <DialogClose asChild>
          <Button type="button" variant="outline">
            Cancel
          </Button>
        </DialogClose>
        <Button type="submit" disabled={create.isPending}>
          {create.isPending && <Spinner />}
          {create.isPending ? "Creating…" : "Create pilot"}
        </Button>
      </DialogFooter>
    </form>
  );
}
