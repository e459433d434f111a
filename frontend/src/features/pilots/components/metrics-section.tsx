import { zodResolver } from "@hookform/resolvers/zod";
import { Info, Pencil, Plus, Trash2 } from "lucide-react";
import { useState } from "react";
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
import { applyProblem } from "@/lib/form-errors";
import { formatDate } from "@/lib/format";
import { toast } from "@/lib/toast";
import { cn } from "@/lib/utils";
import { describeLift, formatLift, formatNumber, liftTone, progressPercent } from "../format";
import type { Pilot } from "../queries";
import {
  type Metric,
  useAddMetric,
  useMeasurements,
  useMetrics,
  useRemoveMetric,
  useUpdateMetric,
} from "../records/metrics";
import { changedFields } from "../records/shared";
import { type MetricValues, metricSchema, toNumberOrNull } from "../schemas";
import { useConflictHandler, useRemoval } from "./conflict-dialog";
import { Section, SectionState } from "./section";
import { Sparkline } from "./sparkline";

export const KIND_HELP =
  "Customer-experienced metrics measure what the customer feels (their downtime, their order lead time). The gate into running needs at least one: internal figures alone miss the point of the pilot.";

/** A customer-experienced metric with both a baseline and a target: what the gate asks for. */
export function hasCustomerMetric(metrics: Metric[]): boolean {
  return metrics.some(
    (m) => m.kind === "customer_experienced" && m.baseline !== null && m.target !== null,
  );
}

export function CustomerMetricHint({ metrics }: { metrics: Metric[] }) {
  if (hasCustomerMetric(metrics)) return null;
  return (
    <div
      role="status"
      className="flex gap-2 rounded-lg border bg-accent-subtle p-3 text-sm text-accent-subtle-foreground"
    >
      <Info aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
      <p>
        Add at least one customer-experienced metric with a baseline and a target. Success is
        defined before the pilot starts, so nobody moves the goalposts later.
      </p>
    </div>
  );
}

export function MetricsSection({
  workspaceId,
  pilot,
  editable,
}: {
  workspaceId: string;
  pilot: Pilot;
  editable: boolean;
}) {
  const metrics = useMetrics(workspaceId, pilot.id);
  const [adding, setAdding] = useState(false);
  const list = metrics.data ?? [];
  return (
    <Section
      id="metrics"
      title="Metrics"
      description="Measure what the customer experiences, not only internal figures, and fix baseline and target before the pilot runs."
      action={
        editable && (
          <Button variant="outline" onClick={() => setAdding(true)}>
            <Plus aria-hidden="true" />
            Add metric
          </Button>
        )
      }
    >
      <SectionState
        pending={metrics.isPending}
        error={metrics.error}
        onRetry={() => void metrics.refetch()}
      >
        {list.length > 0 && <CustomerMetricHint metrics={list} />}
        <MetricList workspaceId={workspaceId} pilot={pilot} metrics={list} editable={editable} />
      </SectionState>
      {editable && (
        <MetricDialog
          workspaceId={workspaceId}
          pilot={pilot}
          metric={null}
          open={adding}
          onOpenChange={setAdding}
        />
      )}
    </Section>
  );
}

export function MetricList({
  workspaceId,
  pilot,
  metrics,
  editable,
}: {
  workspaceId: string;
  pilot: Pilot;
  metrics: Metric[];
  editable: boolean;
}) {
  const [editing, setEditing] = useState<Metric | null>(null);
  const [removing, setRemoving] = useState<Metric | null>(null);
  if (metrics.length === 0)
    return (
      <p className="text-sm text-muted-foreground">
        No metrics yet. Add at least one the customer experiences.
      </p>
    );
  return (
    <>
      <ul className="grid gap-3 md:grid-cols-2" aria-label="Metrics">
        {metrics.map((m) => (
          <MetricCard
            key={m.id}
            workspaceId={workspaceId}
            pilotId={pilot.id}
            metric={m}
            editable={editable}
            onEdit={() => setEditing(m)}
            onRemove={() => setRemoving(m)}
          />
        ))}
      </ul>
      {editable && (
        <>
          <MetricDialog
            workspaceId={workspaceId}
            pilot={pilot}
            metric={editing}
            open={editing !== null}
            onOpenChange={(open) => !open && setEditing(null)}
          />
          <RemoveMetricDialog
            workspaceId={workspaceId}
            pilot={pilot}
            metric={removing}
            onClose={() => setRemoving(null)}
          />
        </>
      )}
    </>
  );
}

function MetricCard({
  workspaceId,
  pilotId,
  metric: m,
  editable,
  onEdit,
  onRemove,
}: {
  workspaceId: string;
  pilotId: string;
  metric: Metric;
  editable: boolean;
  onEdit: () => void;
  onRemove: () => void;
}) {
  const measurements = useMeasurements(workspaceId, pilotId, m.id);
  const sorted = [...(measurements.data ?? [])].sort((a, b) =>
    a.measured_on.localeCompare(b.measured_on),
  );
  const values = sorted.map((x) => x.value);
  const progress = progressPercent(m.progress);
  const tone = liftTone(m.lift);
  return (
    <li className="flex min-w-0 flex-col gap-3 rounded-lg border p-4">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="flex min-w-0 flex-col gap-1">
          <p className="break-words font-medium">{m.name}</p>
          <div className="flex flex-wrap gap-1.5">
            <Badge tone={m.kind === "customer_experienced" ? "success" : "neutral"}>
              {m.kind === "customer_experienced" ? "Customer-experienced" : "Internal"}
            </Badge>
            {m.is_revenue && <Badge>Revenue</Badge>}
            <Badge>{m.direction === "increase" ? "Higher is better" : "Lower is better"}</Badge>
          </div>
        </div>
        {editable && (
          <div className="flex gap-1">
            <Button
              size="icon"
              variant="ghost"
              onClick={onEdit}
              aria-label={`Edit metric ${m.name}`}
              title="Edit"
            >
              <Pencil aria-hidden="true" />
            </Button>
            <Button
              size="icon"
              variant="ghost"
              onClick={onRemove}
              aria-label={`Delete metric ${m.name}`}
              title="Delete"
            >
              <Trash2 aria-hidden="true" />
            </Button>
          </div>
        )}
      </div>
      <dl className="grid grid-cols-2 gap-x-3 gap-y-1 text-sm sm:grid-cols-4">
        <div>
          <dt className="text-xs text-muted-foreground">Baseline → target</dt>
          <dd className="tabular-nums">
            {formatNumber(m.baseline)} → {formatNumber(m.target, m.unit)}
          </dd>
        </div>
        <div>
          <dt className="text-xs text-muted-foreground">Latest</dt>
          <dd className="tabular-nums">{formatNumber(m.latest_value, m.unit)}</dd>
        </div>
        <div>
          <dt className="text-xs text-muted-foreground">Lift</dt>
          <dd
            className={cn(
              "font-medium tabular-nums",
              tone === "success" && "text-success-foreground",
              tone === "danger" && "text-danger-foreground",
            )}
          >
            <span aria-hidden="true">{formatLift(m.lift)}</span>
            <span className="sr-only">{describeLift(m.lift)}</span>
          </dd>
        </div>
        <div>
          <dt className="text-xs text-muted-foreground">Progress</dt>
          <dd className="tabular-nums">{progress === null ? "—" : `${progress} %`}</dd>
        </div>
      </dl>
      {progress !== null && (
        <div
          role="progressbar"
          aria-label={`Progress of ${m.name} towards its target`}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={progress}
          className="h-1.5 overflow-hidden rounded-full bg-muted"
        >
          <div className="h-full rounded-full bg-accent" style={{ width: `${progress}%` }} />
        </div>
      )}
      {values.length > 0 && (
        <div className="flex flex-col gap-2">
          <div className="flex items-center gap-3">
            <Sparkline
              values={values}
              baseline={m.baseline}
              target={m.target}
              label={`${m.name}: ${values.map((v) => formatNumber(v)).join(", ")} (baseline ${formatNumber(m.baseline)}, target ${formatNumber(m.target)})`}
            />
            <p className="text-xs text-muted-foreground">
              {values.length} measurement{values.length === 1 ? "" : "s"}; dashed: baseline, dotted:
              target
            </p>
          </div>
          <details className="text-sm">
            <summary className="cursor-pointer text-xs text-muted-foreground">
              Show the measurements as a table
            </summary>
            <table className="mt-2 w-full text-sm">
              <caption className="sr-only">Measurements of {m.name}</caption>
              <thead className="text-left text-xs text-muted-foreground">
                <tr>
                  <th scope="col" className="py-1 font-medium">
                    Date
                  </th>
                  <th scope="col" className="py-1 text-right font-medium">
                    Value
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y">
                {sorted.map((x) => (
                  <tr key={x.id}>
                    <td className="py-1 tabular-nums">{formatDate(x.measured_on)}</td>
                    <td className="py-1 text-right tabular-nums">
                      {formatNumber(x.value, m.unit)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </div>
      )}
    </li>
  );
}

/** Defines a metric or edits one; baseline and target are what success is measured against. */
export function MetricDialog({
  workspaceId,
  pilot,
  metric,
  open,
  onOpenChange,
}: {
  workspaceId: string;
  pilot: Pilot;
  metric: Metric | null;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-w-lg">
        <DialogHeader>
          <DialogTitle>{metric ? `Edit metric ${metric.name}` : "Add metric"}</DialogTitle>
          <DialogDescription>
            Success criteria are fixed before the pilot starts, so nobody moves the goalposts.
          </DialogDescription>
        </DialogHeader>
        {open && (
          <MetricForm
            key={metric?.id ?? "new"}
            workspaceId={workspaceId}
            pilot={pilot}
            metric={metric}
            onDone={() => onOpenChange(false)}
          />
        )}
      </DialogContent>
    </Dialog>
  );
}

const text = (v: number | null) => (v === null ? "" : String(v));

function MetricForm({
  workspaceId,
  pilot,
  metric,
  onDone,
}: {
  workspaceId: string;
  pilot: Pilot;
  metric: Metric | null;
  onDone: () => void;
}) {
  const add = useAddMetric(workspaceId, pilot.id);
  const update = useUpdateMetric(workspaceId, pilot.id);
  const onConflict = useConflictHandler();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<MetricValues>({
    resolver: zodResolver(metricSchema),
    defaultValues: {
      name: metric?.name ?? "",
      unit: metric?.unit ?? "",
      kind: metric?.kind ?? "customer_experienced",
      direction: metric?.direction ?? "increase",
      baseline: text(metric?.baseline ?? null),
      target: text(metric?.target ?? null),
      is_revenue: metric?.is_revenue ?? false,
    },
  });
  const { errors } = form.formState;
  const fields = ["name", "unit", "kind", "direction", "baseline", "target", "is_revenue"] as const;
  const onSubmit = form.handleSubmit((v) => {
    setFormError(null);
    const values = {
      ...v,
      baseline: toNumberOrNull(v.baseline),
      target: toNumberOrNull(v.target),
    };
    const fail = (e: unknown) => setFormError(applyProblem(e, form.setError, fields));
    if (metric) {
      const changes = changedFields(metric, values);
      if (Object.keys(changes).length === 0) {
        onDone();
        return;
      }
      update.mutate(
        { shown: metric, changes },
        {
          onSuccess: (m) => {
            toast(`Metric “${m.name}” saved`);
            onDone();
          },
          onError: (e) => {
            if (
              onConflict(e, metric, () =>
                update.mutateAsync({ shown: metric, changes, force: true }),
              )
            )
              onDone();
            else fail(e);
          },
        },
      );
      return;
    }
    add.mutate(values, {
      onSuccess: (m) => {
        toast(`Metric “${m.name}” added`);
        onDone();
      },
      onError: fail,
    });
  });
  const pending = add.isPending || update.isPending;
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      {formError && <ErrorAlert>{formError}</ErrorAlert>}
      <Field label="Name" error={errors.name?.message}>
        {(props) => <Input {...props} autoComplete="off" {...form.register("name")} />}
      </Field>
      <Field label="Kind" help={KIND_HELP} error={errors.kind?.message}>
        {(props) => (
          <Select {...props} {...form.register("kind")}>
            <option value="customer_experienced">Customer-experienced</option>
            <option value="internal">Internal</option>
          </Select>
        )}
      </Field>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <Field label="Better when it" error={errors.direction?.message}>
          {(props) => (
            <Select {...props} {...form.register("direction")}>
              <option value="increase">Increases</option>
              <option value="decrease">Decreases</option>
            </Select>
          )}
        </Field>
        <Field label="Unit" error={errors.unit?.message}>
          {(props) => <Input {...props} placeholder="%, h, €" {...form.register("unit")} />}
        </Field>
        <Field
          label="Baseline"
          help="Where it stands before the pilot."
          error={errors.baseline?.message}
        >
          {(props) => <Input {...props} inputMode="decimal" {...form.register("baseline")} />}
        </Field>
        <Field
          label="Target"
          help="The value that means the pilot worked."
          error={errors.target?.message}
        >
          {(props) => <Input {...props} inputMode="decimal" {...form.register("target")} />}
        </Field>
      </div>
      <div className="flex flex-col gap-1">
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" {...form.register("is_revenue")} />
          This is the pilot's revenue metric
        </label>
        {errors.is_revenue?.message && (
          <p className="text-sm text-danger-foreground">{errors.is_revenue.message}</p>
        )}
      </div>
      <DialogFooter>
        <DialogClose asChild>
          <Button type="button" variant="outline">
            Cancel
          </Button>
        </DialogClose>
        <Button type="submit" disabled={pending}>
          {pending && <Spinner />}
          {metric ? "Save metric" : "Add metric"}
        </Button>
      </DialogFooter>
    </form>
  );
}

function RemoveMetricDialog({
  workspaceId,
  pilot,
  metric,
  onClose,
}: {
  workspaceId: string;
  pilot: Pilot;
  metric: Metric | null;
  onClose: () => void;
}) {
  const remove = useRemoveMetric(workspaceId, pilot.id);
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    setError(null);
    onClose();
  };
  const count = metric?.measurement_count ?? 0;
  const confirmRemoval = useRemoval(remove, { close, setError });
  return (
    <DeleteDialog
      workspaceId={workspaceId}
      open={metric !== null}
      onOpenChange={(open) => !open && close()}
      title={`Delete the metric ${metric?.name ?? ""}?`}
      description={
        count > 0
          ? `Its ${count} measurement${count === 1 ? "" : "s"} are deleted with it, and its lift disappears from the portfolio.`
          : "It has no measurements yet; its baseline and target are lost."
      }
      confirmLabel="Delete metric"
      pending={remove.isPending}
      error={error}
      inUse={null}
      inUseMessage=""
      onConfirm={() => metric && confirmRemoval(metric, `Metric “${metric.name}” deleted`)}
    />
  );
}
