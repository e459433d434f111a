import { zodResolver } from "@hookform/resolvers/zod";
import { Pencil, Plus, Trash2 } from "lucide-react";
import { useEffect, useState } from "react";
import { useForm } from "react-hook-form";
import { DeleteDialog } from "@/components/delete-dialog";
import { ErrorAlert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
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
import { Input, Select } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { IterationVoice } from "@/features/feedback/components/iteration-voice";
import { responsesByIteration } from "@/features/feedback/format";
import { useFeedbackResponses } from "@/features/feedback/queries";
import { applyProblem } from "@/lib/form-errors";
import { formatDate } from "@/lib/format";
import { toast } from "@/lib/toast";
import { formatNumber } from "../format";
import { CHANGE_ORDERS } from "../labels";
import type { Pilot } from "../queries";
import {
  type Iteration,
  useIterations,
  useRemoveIteration,
  useSaveIteration,
} from "../records/iterations";
import { type Metric, useMeasurements, useMetrics } from "../records/metrics";
import { type IterationFormValues, iterationSchema, toNumberOrNull } from "../schemas";
import { useConflictHandler, useRemoval } from "./conflict-dialog";
import { Section, SectionState } from "./section";
import { Textarea } from "./textarea";

export function IterationsSection({
  workspaceId,
  pilot,
  editable,
  customer = null,
  logOpen = false,
  onLogClose,
}: {
  workspaceId: string;
  pilot: Pilot;
  editable: boolean;
  /** The testbed customer's name, for responses given without one. */
  customer?: string | null;
  /** Open the form to log an iteration (`?log=iteration`, e.g. from the command palette). */
  logOpen?: boolean;
  /** The form opened by `logOpen` closed. */
  onLogClose?: (() => void) | undefined;
}) {
  const iterations = useIterations(workspaceId, pilot.id);
  const responses = useFeedbackResponses(workspaceId, pilot.id);
  const byIteration = responsesByIteration(responses.data ?? []);
  const metrics = useMetrics(workspaceId, pilot.id);
  const [editing, setEditing] = useState<Iteration | "new" | null>(logOpen ? "new" : null);
  useEffect(() => {
    if (logOpen) setEditing("new");
  }, [logOpen]);
  const [removing, setRemoving] = useState<Iteration | null>(null);
  const list = [...(iterations.data ?? [])].sort((a, b) => b.number - a.number);
  return (
    <Section
      id="iterations"
      title="Iterations"
      description="Change things on the go. The second- and third-order changes, driven by what the customer experiences, matter most."
      action={
        editable && (
          <Button variant="outline" onClick={() => setEditing("new")}>
            <Plus aria-hidden="true" />
            Log iteration
          </Button>
        )
      }
    >
      <SectionState
        pending={iterations.isPending}
        error={iterations.error}
        onRetry={() => void iterations.refetch()}
      >
        {list.length === 0 ? (
          <p className="text-sm text-muted-foreground">No iterations logged yet.</p>
        ) : (
          <ol className="flex flex-col gap-4 border-l-2 pl-4" aria-label="Iterations, newest first">
            {list.map((it) => (
              <li key={it.id} className="relative flex flex-col gap-1.5">
                <span
                  aria-hidden="true"
                  className="absolute top-1.5 -left-[1.4rem] size-2.5 rounded-full bg-accent"
                />
                <div className="flex flex-wrap items-center gap-2">
                  <h3 className="font-medium">Iteration {it.number}</h3>
                  <Badge>{CHANGE_ORDERS.find((c) => c.value === it.change_order)?.label}</Badge>
                  <span className="text-sm text-muted-foreground tabular-nums">
                    {formatDate(it.started_on)}
                    {it.ended_on ? ` – ${formatDate(it.ended_on)}` : " – ongoing"}
                  </span>
                  <span className="text-xs text-muted-foreground">
                    {it.measurement_count} measurement{it.measurement_count === 1 ? "" : "s"}
                  </span>
                  {editable && (
                    <span className="flex gap-1">
                      <Button
                        size="sm"
                        variant="ghost"
                        onClick={() => setEditing(it)}
                        aria-label={`Edit iteration ${it.number}`}
                      >
                        <Pencil aria-hidden="true" />
                        Edit
                      </Button>
                      <Button
                        size="sm"
                        variant="ghost"
                        onClick={() => setRemoving(it)}
                        aria-label={`Delete iteration ${it.number}`}
                      >
                        <Trash2 aria-hidden="true" />
                        Delete
                      </Button>
                    </span>
                  )}
                </div>
                <dl className="grid gap-1 text-sm sm:grid-cols-[10rem_1fr]">
                  <Line term="What changed" value={it.changes} />
                  <Line term="For the customer" value={it.customer_summary} />
                  <Line term="Customer feedback" value={it.customer_feedback} />
                  <Line term="New needs" value={it.new_needs} />
                  <Line term="Learnings" value={it.learnings} />
                </dl>
                <IterationVoice
                  feedback={it.feedback}
                  responses={byIteration.get(it.id) ?? []}
                  customer={customer}
                />
              </li>
            ))}
          </ol>
        )}
      </SectionState>
      {editable && (
        <IterationDialog
          workspaceId={workspaceId}
          pilotId={pilot.id}
          iteration={editing}
          metrics={metrics.data ?? []}
          onClose={() => {
            setEditing(null);
            if (logOpen) onLogClose?.();
          }}
        />
      )}
      {editable && (
        <RemoveIterationDialog
          workspaceId={workspaceId}
          pilotId={pilot.id}
          iteration={removing}
          later={list.filter((it) => removing && it.number > removing.number).length}
          onClose={() => setRemoving(null)}
        />
      )}
    </Section>
  );
}

function Line({ term, value }: { term: string; value: string }) {
  if (!value) return null;
  return (
    <>
      <dt className="text-muted-foreground">{term}</dt>
      <dd className="break-words">{value}</dd>
    </>
  );
}

function IterationDialog({
  workspaceId,
  pilotId,
  iteration,
  metrics,
  onClose,
}: {
  workspaceId: string;
  pilotId: string;
  iteration: Iteration | "new" | null;
  metrics: Metric[];
  onClose: () => void;
}) {
  const existing = iteration && iteration !== "new" ? iteration : null;
  return (
    <Dialog open={iteration !== null} onOpenChange={(open) => !open && onClose()}>
      <DialogContent className="max-w-2xl">
        <DialogHeader>
          <DialogTitle>
            {existing ? `Edit iteration ${existing.number}` : "Log iteration"}
          </DialogTitle>
          <DialogDescription>
            Record what changed and what the customer experienced, while it is fresh.
          </DialogDescription>
        </DialogHeader>
        {iteration !== null && (
          <IterationForm
            key={existing?.id ?? "new"}
            workspaceId={workspaceId}
            pilotId={pilotId}
            iteration={existing}
            metrics={metrics}
            onDone={onClose}
          />
        )}
      </DialogContent>
    </Dialog>
  );
}

function IterationForm({
  workspaceId,
  pilotId,
  iteration,
  metrics,
  onDone,
}: {
  workspaceId: string;
  pilotId: string;
  iteration: Iteration | null;
  metrics: Metric[];
  onDone: () => void;
}) {
  const save = useSaveIteration(workspaceId, pilotId);
  const onConflict = useConflictHandler();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<IterationFormValues>({
    resolver: zodResolver(iterationSchema),
    defaultValues: {
      started_on: iteration?.started_on ?? new Date().toISOString().slice(0, 10),
      ended_on: iteration?.ended_on ?? "",
      changes: iteration?.changes ?? "",
      change_order: String(iteration?.change_order ?? 1) as "1" | "2" | "3",
      customer_feedback: iteration?.customer_feedback ?? "",
      customer_summary: iteration?.customer_summary ?? "",
      new_needs: iteration?.new_needs ?? "",
      learnings: iteration?.learnings ?? "",
      measurements: Object.fromEntries(metrics.map((m) => [m.id, ""])),
    },
  });
  const { errors } = form.formState;
  const order = form.watch("change_order");

  const onSubmit = form.handleSubmit((v) => {
    setFormError(null);
    const measurements = Object.entries(v.measurements)
      .filter(([, value]) => value.trim() !== "")
      .map(([metricId, value]) => ({ metricId, value: toNumberOrNull(value) as number }));
    const values = {
      started_on: v.started_on,
      ended_on: v.ended_on || null,
      changes: v.changes,
      change_order: Number(v.change_order),
      customer_feedback: v.customer_feedback,
      customer_summary: v.customer_summary,
      new_needs: v.new_needs,
      learnings: v.learnings,
      measurements,
    };
    save.mutate(
      { shown: iteration, values },
      {
        onSuccess: (saved) => {
          toast(
            `Iteration ${saved.number} saved${measurements.length ? ` with ${measurements.length} measurement${measurements.length === 1 ? "" : "s"}` : ""}`,
          );
          onDone();
        },
        onError: (e) => {
          if (
            iteration &&
            onConflict(e, iteration, () =>
              save.mutateAsync({ shown: iteration, values, force: true }),
            )
          ) {
            onDone();
            return;
          }
          setFormError(
            applyProblem(e, form.setError, [
              "started_on",
              "ended_on",
              "changes",
              "change_order",
              "customer_feedback",
              "customer_summary",
              "new_needs",
              "learnings",
            ] as const),
          );
        },
      },
    );
  });

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      {formError && <ErrorAlert>{formError}</ErrorAlert>}
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <Field label="Started on" error={errors.started_on?.message}>
          {(props) => <Input {...props} type="date" {...form.register("started_on")} />}
        </Field>
        <Field label="Ended on" help="Leave empty while it runs." error={errors.ended_on?.message}>
          {(props) => <Input {...props} type="date" {...form.register("ended_on")} />}
        </Field>
      </div>
      <Field label="What changed" error={errors.changes?.message}>
        {(props) => <Textarea {...props} rows={2} {...form.register("changes")} />}
      </Field>
      <Field
        label="Change order"
        help={CHANGE_ORDERS.find((c) => String(c.value) === order)?.description}
      >
        {(props) => (
          <Select {...props} {...form.register("change_order")}>
            {CHANGE_ORDERS.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field
        label="Summary for the customer"
        help="The customer sees this on their feedback page, word for word: say what changed for them in plain language, without internal names or figures."
        error={errors.customer_summary?.message}
      >
        {(props) => <Textarea {...props} rows={2} {...form.register("customer_summary")} />}
      </Field>
      <Field label="Customer feedback" help="What the team heard, for the team's eyes only.">
        {(props) => <Textarea {...props} rows={2} {...form.register("customer_feedback")} />}
      </Field>
      <Field label="Newly discovered needs">
        {(props) => <Textarea {...props} rows={2} {...form.register("new_needs")} />}
      </Field>
      <Field label="Learnings">
        {(props) => <Textarea {...props} rows={2} {...form.register("learnings")} />}
      </Field>
      {metrics.length > 0 && (
        <fieldset className="flex flex-col gap-3 rounded-lg border p-3">
          <legend className="px-1 text-sm font-medium">Measurements in this iteration</legend>
          <p className="text-xs text-muted-foreground">
            {iteration
              ? "Recorded measurements cannot be changed; a value entered here is added as a new measurement, dated on the end date (or the start date)."
              : "Optional. Each value is recorded on the end date (or the start date), tied to this iteration."}
          </p>
          <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
            {metrics.map((m) => (
              <Field
                key={m.id}
                label={`${m.name}${m.unit ? ` (${m.unit})` : ""}`}
                error={errors.measurements?.[m.id]?.message}
                help={
                  iteration ? (
                    <Recorded
                      workspaceId={workspaceId}
                      pilotId={pilotId}
                      metric={m}
                      iterationId={iteration.id}
                    />
                  ) : undefined
                }
              >
                {(props) => (
                  <Input
                    {...props}
                    inputMode="decimal"
                    {...form.register(`measurements.${m.id}`)}
                  />
                )}
              </Field>
            ))}
          </div>
        </fieldset>
      )}
      <DialogFooter>
        <DialogClose asChild>
          <Button type="button" variant="outline">
            Cancel
          </Button>
        </DialogClose>
        <Button type="submit" disabled={save.isPending}>
          {save.isPending && <Spinner />}
          {iteration ? "Save iteration" : "Log iteration"}
        </Button>
      </DialogFooter>
    </form>
  );
}

/** What was already measured for a metric in this iteration. */
function Recorded({
  workspaceId,
  pilotId,
  metric,
  iterationId,
}: {
  workspaceId: string;
  pilotId: string;
  metric: Metric;
  iterationId: string;
}) {
  const measurements = useMeasurements(workspaceId, pilotId, metric.id);
  const mine = (measurements.data ?? []).filter((x) => x.iteration_id === iterationId);
  if (mine.length === 0) return <>Nothing recorded in this iteration yet.</>;
  return (
    <>
      Recorded:{" "}
      {mine
        .map((x) => `${formatNumber(x.value, metric.unit)} on ${formatDate(x.measured_on)}`)
        .join("; ")}
      . A value here adds another.
    </>
  );
}

function RemoveIterationDialog({
  workspaceId,
  pilotId,
  iteration,
  later,
  onClose,
}: {
  workspaceId: string;
  pilotId: string;
  iteration: Iteration | null;
  later: number;
  onClose: () => void;
}) {
  const remove = useRemoveIteration(workspaceId, pilotId);
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    setError(null);
    onClose();
  };
  const count = iteration?.measurement_count ?? 0;
  const confirmRemoval = useRemoval(remove, { close, setError });
  return (
    <DeleteDialog
      workspaceId={workspaceId}
      open={iteration !== null}
      onOpenChange={(open) => !open && close()}
      title={`Delete iteration ${iteration?.number ?? ""}?`}
      description={[
        "What changed, the customer's feedback and the learnings recorded in it are lost.",
        count > 0
          ? `Its ${count} measurement${count === 1 ? " stays" : "s stay"}, no longer tied to an iteration.`
          : "",
        later > 0 ? `The ${later} later iteration${later === 1 ? " is" : "s are"} renumbered.` : "",
      ]
        .filter(Boolean)
        .join(" ")}
      confirmLabel="Delete iteration"
      pending={remove.isPending}
      error={error}
      inUse={null}
      inUseMessage=""
      onConfirm={() =>
        iteration && confirmRemoval(iteration, `Iteration ${iteration.number} deleted`)
      }
    />
  );
}
