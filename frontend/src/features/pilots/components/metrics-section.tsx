import { zodResolver } from "@hookform/resolvers/zod";
import { Plus } from "lucide-react";
import { useState } from "react";
import { useForm } from "react-hook-form";
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
import { toast } from "@/lib/toast";
import { cn } from "@/lib/utils";
import { describeLift, formatLift, formatNumber, liftTone, progressPercent } from "../format";
import { type Metric, type Pilot, useAddMetric, useMeasurements, useMetrics } from "../queries";
import { type MetricValues, metricSchema, toNumberOrNull } from "../schemas";
import { Section, SectionState } from "./section";
import { Sparkline } from "./sparkline";

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
        {list.length === 0 ? (
          <p className="text-sm text-muted-foreground">
            No metrics yet. Add at least one the customer experiences.
          </p>
        ) : (
          <ul className="grid gap-3 md:grid-cols-2" aria-label="Metrics">
            {list.map((m) => (
              <MetricCard key={m.id} workspaceId={workspaceId} pilotId={pilot.id} metric={m} />
            ))}
          </ul>
        )}
      </SectionState>
      {editable && (
        <AddMetricDialog
          workspaceId={workspaceId}
          pilotId={pilot.id}
          open={adding}
          onOpenChange={setAdding}
        />
      )}
    </Section>
  );
}

function MetricCard({
  workspaceId,
  pilotId,
  metric: m,
}: {
  workspaceId: string;
  pilotId: string;
  metric: Metric;
}) {
  const measurements = useMeasurements(workspaceId, pilotId, m.id);
  const values = [...(measurements.data ?? [])]
    .sort((a, b) => a.measured_on.localeCompare(b.measured_on))
    .map((x) => x.value);
  const progress = progressPercent(m.progress);
  const tone = liftTone(m.lift);
  return (
    <li className="flex flex-col gap-3 rounded-lg border p-4">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <p className="font-medium">{m.name}</p>
        <Badge tone={m.kind === "customer_experienced" ? "success" : "neutral"}>
          {m.kind === "customer_experienced" ? "Customer-experienced" : "Internal"}
        </Badge>
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
      )}
    </li>
  );
}

function AddMetricDialog({
  workspaceId,
  pilotId,
  open,
  onOpenChange,
}: {
  workspaceId: string;
  pilotId: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const add = useAddMetric(workspaceId, pilotId);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<MetricValues>({
    resolver: zodResolver(metricSchema),
    defaultValues: {
      name: "",
      unit: "",
      kind: "customer_experienced",
      direction: "increase",
      baseline: "",
      target: "",
      is_revenue: false,
    },
  });
  const { errors } = form.formState;
  const onSubmit = form.handleSubmit((v) => {
    setFormError(null);
    add.mutate(
      { ...v, baseline: toNumberOrNull(v.baseline), target: toNumberOrNull(v.target) },
      {
        onSuccess: (m) => {
          toast(`Metric “${m.name}” added`);
          form.reset();
          onOpenChange(false);
        },
        onError: (e) =>
          setFormError(
            applyProblem(e, form.setError, [
              "name",
              "unit",
              "kind",
              "direction",
              "baseline",
              "target",
            ] as const),
          ),
      },
    );
  });
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-w-lg">
        <DialogHeader>
          <DialogTitle>Add metric</DialogTitle>
          <DialogDescription>
            Success criteria are fixed before the pilot starts, so nobody moves the goalposts.
          </DialogDescription>
        </DialogHeader>
        <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
          {formError && <ErrorAlert>{formError}</ErrorAlert>}
          <Field label="Name" error={errors.name?.message}>
            {(props) => <Input {...props} {...form.register("name")} />}
          </Field>
          <Field
            label="Kind"
            help="Customer-experienced metrics (their downtime, their order lead time) are required: internal figures alone miss what the customer feels."
          >
            {(props) => (
              <Select {...props} {...form.register("kind")}>
                <option value="customer_experienced">Customer-experienced</option>
                <option value="internal">Internal</option>
              </Select>
            )}
          </Field>
          <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
            <Field label="Better when it">
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
            <Field label="Baseline" error={errors.baseline?.message}>
              {(props) => <Input {...props} inputMode="decimal" {...form.register("baseline")} />}
            </Field>
            <Field label="Target" error={errors.target?.message}>
              {(props) => <Input {...props} inputMode="decimal" {...form.register("target")} />}
            </Field>
          </div>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" {...form.register("is_revenue")} />
            This is the pilot's revenue metric
          </label>
          <DialogFooter>
            <DialogClose asChild>
              <Button type="button" variant="outline">
                Cancel
              </Button>
            </DialogClose>
            <Button type="submit" disabled={add.isPending}>
              {add.isPending && <Spinner />}
              Add metric
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
