import { zodResolver } from "@hookform/resolvers/zod";
import { History, Info, Lock, Pencil, Plus, Trash2, TriangleAlert } from "lucide-react";
import type * as React from "react";
import { useEffect, useRef, useState } from "react";
import { type UseFormReturn, useForm } from "react-hook-form";
import type { Schemas } from "@/client";
import { ErrorAlert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogTitle,
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
import { formatMoney } from "@/features/customers/format";
import { DifferenceChart } from "@/features/feedback/components/difference-chart";
import { feedbackSeries } from "@/features/feedback/format";
import { useMembers } from "@/features/members/queries";
import { useWorkspace } from "@/features/workspaces/queries";
import { describeError } from "@/lib/api-error";
import { formatDecimalInput } from "@/lib/decimal";
import { applyProblem } from "@/lib/form-errors";
import { formatDate } from "@/lib/format";
import { toast } from "@/lib/toast";
import { cn } from "@/lib/utils";
import {
  CRITERIA_RULE,
  changedByName,
  changedCriteria,
  criteriaLocked,
  criteriaOf,
  groupChanges,
  groupInWords,
  isCriteriaLocked,
  type MetricFormValues,
  metricFormRules,
  REASON_MAX,
  REASON_MIN,
  reasonProblem,
} from "../criteria";
import { describeLift, formatLift, formatNumber, liftTone, progressPercent } from "../format";
import { perPeriod, REVENUE_PERIODS } from "../labels";
import type { Pilot } from "../queries";
import { useIterations } from "../records/iterations";
import {
  type Metric,
  useAddMetric,
  useMeasurements,
  useMetrics,
  useRemoveMetric,
  useUpdateMetric,
} from "../records/metrics";
import { changedFields } from "../records/shared";
import { toNumberOrNull } from "../schemas";
import { useConflictHandler } from "./conflict-dialog";
import { Section, SectionState } from "./section";
import { Sparkline } from "./sparkline";
import { Textarea } from "./textarea";

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

/** On the pilot page: its success criteria changed after the start, and where to read how. */
export function CriteriaChangedBanner() {
  return (
    <div
      role="note"
      aria-label="This pilot's success criteria changed after the start"
      className="flex gap-2 rounded-lg border border-warning-border bg-warning px-3 py-2.5 text-sm text-warning-foreground"
    >
      <TriangleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
      <p>
        <span className="font-medium">Success criteria changed after the start</span> —{" "}
        <a href="#metrics" className="font-medium underline underline-offset-4">
          see the metrics
        </a>{" "}
        for what moved, when, by whom and why.
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
  const iterations = useIterations(workspaceId, pilot.id);
  const series = feedbackSeries(iterations.data ?? []);
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
        <MetricList
          workspaceId={workspaceId}
          pilot={pilot}
          metrics={list}
          editable={editable}
          beside={series.length > 0 ? <DifferenceChart points={series} /> : null}
        />
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
  beside = null,
}: {
  workspaceId: string;
  pilot: Pilot;
  metrics: Metric[];
  editable: boolean;
  /** Shown beside the metrics, in their grid: the customer-rated difference, when rated. */
  beside?: React.ReactNode;
}) {
  const [editing, setEditing] = useState<Metric | null>(null);
  const [removing, setRemoving] = useState<Metric | null>(null);
  if (metrics.length === 0)
    return (
      <>
        <p className="text-sm text-muted-foreground">
          No metrics yet. Add at least one the customer experiences.
        </p>
        {beside}
      </>
    );
  return (
    <>
      <ul className="grid gap-3 md:grid-cols-2" aria-label="Metrics">
        {metrics.map((m) => (
          <MetricCard
            key={m.id}
            workspaceId={workspaceId}
            pilot={pilot}
            metric={m}
            editable={editable}
            onEdit={() => setEditing(m)}
            onRemove={() => setRemoving(m)}
          />
        ))}
        {beside && <li className="min-w-0">{beside}</li>}
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
  pilot,
  metric: m,
  editable,
  onEdit,
  onRemove,
}: {
  workspaceId: string;
  pilot: Pilot;
  metric: Metric;
  editable: boolean;
  onEdit: () => void;
  onRemove: () => void;
}) {
  const measurements = useMeasurements(workspaceId, pilot.id, m.id);
  // A revenue metric's values are per month, quarter or year: said next to each of them.
  const per = m.is_revenue && (
    <span className="block text-xs text-muted-foreground">{perPeriod(m.revenue_period)}</span>
  );
  const sorted = [...(measurements.data ?? [])].sort((a, b) =>
    a.measured_on.localeCompare(b.measured_on),
  );
  const values = sorted.map((x) => x.value);
  const progress = progressPercent(m.progress);
  const tone = liftTone(m.lift);
  return (
    <li className="@container flex min-w-0 flex-col gap-3 rounded-lg border p-4">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="flex min-w-0 flex-col gap-1">
          <p className="break-words font-medium">{m.name}</p>
          <div className="flex flex-wrap gap-1.5">
            <Badge tone={m.kind === "customer_experienced" ? "success" : "neutral"}>
              {m.kind === "customer_experienced" ? "Customer-experienced" : "Internal"}
            </Badge>
            {m.is_revenue && <Badge>Revenue, {perPeriod(m.revenue_period)}</Badge>}
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
      {/* A value run ("12 → 20 stock-outs") never breaks across lines: it gets the card's whole
          width on a narrow card, a quarter of it on a wide one; the other figures share a row. */}
      <dl className="grid grid-cols-2 gap-x-3 gap-y-2 text-sm @sm:grid-cols-3 @2xl:grid-cols-4">
        <div className="col-span-2 @sm:col-span-3 @2xl:col-span-1">
          <dt className="text-xs text-muted-foreground">Baseline → target</dt>
          <dd className="tabular-nums">
            <span className="whitespace-nowrap">
              {formatNumber(m.baseline)} → {formatNumber(m.target, m.unit)}
            </span>
            {per && " "}
            {per}
          </dd>
        </div>
        <div>
          <dt className="text-xs text-muted-foreground">Latest</dt>
          <dd className="tabular-nums">
            <span className="whitespace-nowrap">{formatNumber(m.latest_value, m.unit)}</span>
            {per && " "}
            {per}
          </dd>
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
            <span aria-hidden="true" className="whitespace-nowrap">
              {formatLift(m.lift)}
            </span>
            <span className="sr-only">{describeLift(m.lift)}</span>
          </dd>
        </div>
        <div>
          <dt className="text-xs text-muted-foreground">Progress</dt>
          <dd className="whitespace-nowrap tabular-nums">
            {progress === null ? "—" : `${progress} %`}
          </dd>
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
      {m.is_revenue && pilot.revenue_gain_per_year !== null && (
        <RevenueGain workspaceId={workspaceId} gain={pilot.revenue_gain_per_year} metric={m} />
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
      {m.criteria_changes.length > 0 && <CriteriaHistory workspaceId={workspaceId} metric={m} />}
    </li>
  );
}

/** The pilot's revenue gain, counted per year whatever period the metric is measured in. */
function RevenueGain({
  workspaceId,
  gain,
  metric,
}: {
  workspaceId: string;
  gain: number;
  metric: Metric;
}) {
  const workspace = useWorkspace(workspaceId);
  const period = REVENUE_PERIODS.find((p) => p.value === metric.revenue_period);
  const amount = workspace.data
    ? formatMoney(gain, workspace.data.currency)
    : formatNumber(gain, metric.unit);
  return (
    <p className="text-sm">
      <span className="text-muted-foreground">Revenue gain: </span>
      <span className="font-medium tabular-nums">
        {gain > 0 ? "+" : ""}
        {amount} per year
      </span>
      {period && period.perYear > 1 && (
        <span className="text-muted-foreground">
          {" "}
          (the {period.value === "month" ? "monthly" : "quarterly"} gain × {period.perYear})
        </span>
      )}
    </p>
  );
}

/** Every change of the metric's success criteria after the start: what, when, who and why. */
function CriteriaHistory({ workspaceId, metric }: { workspaceId: string; metric: Metric }) {
  const members = useMembers(workspaceId);
  const names: Record<string, string> = {};
  for (const member of members.data ?? []) names[member.user_id] = member.name;
  const groups = groupChanges(metric.criteria_changes);
  const titleId = `criteria-history-${metric.id}`;
  return (
    <section
      aria-labelledby={titleId}
      className="flex flex-col gap-2 rounded-md border border-warning-border bg-warning p-3 text-sm text-warning-foreground"
    >
      <h3 id={titleId} className="flex items-center gap-1.5 font-medium">
        <History aria-hidden="true" className="size-4 shrink-0" />
        Changed after the start
      </h3>
      <ol className="flex flex-col gap-2">
        {groups.map((group) => (
          <li key={`${group.changed_at}-${group.changes[0]?.field ?? ""}`} className="break-words">
            {groupInWords(
              group,
              metric.unit,
              // Names once the members are known; never "a former member" by mistake.
              members.data ? changedByName(group.changed_by, names) : "a member",
            )}{" "}
            because “{group.reason}”
          </li>
        ))}
      </ol>
    </section>
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
  const locked = metric !== null && criteriaLocked(pilot);
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-h-[calc(100dvh-2rem)] max-w-lg overflow-y-auto">
        <DialogHeader>
          <DialogTitle>{metric ? `Edit metric ${metric.name}` : "Add metric"}</DialogTitle>
          <DialogDescription>
            {locked
              ? `The pilot has started, so its success criteria are fixed: renaming the metric or changing its unit is free, changing its baseline, target, direction or kind${metric.is_revenue ? ", or what its revenue is per," : ""} needs a reason.`
              : "Success criteria are fixed before the pilot starts, so nobody moves the goalposts."}
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

const text = (v: number | null) => formatDecimalInput(v);

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
  // The API may know better than the stage (a stopped pilot that had run): its 409 locks too.
  const [lockedByServer, setLockedByServer] = useState(false);
  const locked = metric !== null && (lockedByServer || criteriaLocked(pilot));
  const rules = useRef({ saved: metric, locked });
  rules.current = { saved: metric, locked };
  const form = useForm<MetricFormValues>({
    resolver: (values, context, options) =>
      zodResolver(metricFormRules(rules.current))(values, context, options),
    defaultValues: {
      name: metric?.name ?? "",
      unit: metric?.unit ?? "",
      kind: metric?.kind ?? "customer_experienced",
      direction: metric?.direction ?? "increase",
      baseline: text(metric?.baseline ?? null),
      target: text(metric?.target ?? null),
      is_revenue: metric?.is_revenue ?? false,
      revenue_period: metric?.revenue_period ?? "year",
      change_reason: "",
    },
  });
  const { errors } = form.formState;
  const watched = form.watch();
  const changed = metric ? changedCriteria(metric, criteriaOf(watched)) : [];
  const asksReason = locked && (changed.length > 0 || lockedByServer);

  useEffect(() => {
    if (lockedByServer)
      form.setError(
        "change_reason",
        { type: "server", message: "The pilot has started: say why you are changing it." },
        { shouldFocus: true },
      );
  }, [lockedByServer, form]);

  const fields = [
    "name",
    "unit",
    "kind",
    "direction",
    "baseline",
    "target",
    "is_revenue",
    "revenue_period",
    "change_reason",
  ] as const;
  const onSubmit = form.handleSubmit((v) => {
    setFormError(null);
    const values = {
      name: v.name,
      unit: v.unit,
      kind: v.kind,
      direction: v.direction,
      baseline: toNumberOrNull(v.baseline),
      target: toNumberOrNull(v.target),
      is_revenue: v.is_revenue,
      revenue_period: v.revenue_period,
    };
    const fail = (e: unknown) => {
      if (isCriteriaLocked(e) && !lockedByServer) {
        setLockedByServer(true);
        return;
      }
      setFormError(applyProblem(e, form.setError, fields));
    };
    if (metric) {
      const changes: Schemas["MetricUpdate"] = changedFields(metric, values);
      if (Object.keys(changes).length === 0) {
        onDone();
        return;
      }
      if (locked && changedCriteria(metric, criteriaOf(v)).length > 0)
        changes.change_reason = v.change_reason.trim();
      update.mutate(
        { shown: metric, changes },
        {
          onSuccess: (m) => {
            toast(
              changes.change_reason
                ? `Metric “${m.name}” saved; the change is recorded on it`
                : `Metric “${m.name}” saved`,
            );
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
            <Select
              {...props}
              {...form.register("direction", {
                // The target's side depends on it: check again when it changes.
                onChange: () => form.formState.errors.target && void form.trigger("target"),
              })}
            >
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
          help={
            watched.direction === "decrease"
              ? "The value that means the pilot worked: below the baseline, as lower is better."
              : "The value that means the pilot worked: above the baseline, as higher is better."
          }
          error={errors.target?.message}
        >
          {(props) => <Input {...props} inputMode="decimal" {...form.register("target")} />}
        </Field>
      </div>
      <div className="flex flex-col gap-3">
        <div className="flex flex-col gap-1">
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" {...form.register("is_revenue")} />
            This is the pilot's revenue metric
          </label>
          {errors.is_revenue?.message && (
            <p className="text-sm text-danger-foreground">{errors.is_revenue.message}</p>
          )}
        </div>
        {watched.is_revenue && <RevenuePeriodField form={form} />}
      </div>
      {asksReason && (
        <div className="flex flex-col gap-3 rounded-lg border border-warning-border bg-warning p-3 text-warning-foreground">
          <p className="flex gap-2 text-sm">
            <Lock aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
            <span>{CRITERIA_RULE}</span>
          </p>
          <Field
            label="Why are you changing it?"
            help={`${REASON_MIN} to ${REASON_MAX.toLocaleString("en")} characters, shown on the metric with your name and the date.`}
            error={errors.change_reason?.message}
          >
            {(props) => (
              <Textarea
                {...props}
                rows={3}
                className="text-foreground"
                {...form.register("change_reason")}
              />
            )}
          </Field>
        </div>
      )}
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

function RevenuePeriodField({ form }: { form: UseFormReturn<MetricFormValues> }) {
  return (
    <Field
      label="Revenue is per"
      help="What one value of this metric covers. The pilot's revenue gain is counted per year from it, so pilots measured monthly and yearly add up in the portfolio."
      error={form.formState.errors.revenue_period?.message}
    >
      {(props) => (
        <Select {...props} className="sm:max-w-48" {...form.register("revenue_period")}>
          {REVENUE_PERIODS.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label}
            </option>
          ))}
        </Select>
      )}
    </Field>
  );
}

/**
 * Confirms deleting a metric, saying what goes with it. Once the pilot has started, a deleted
 * metric is a changed success criterion: it asks why (shown when the stage says so, or when the
 * API answers that it needs one).
 */
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
  return (
    <AlertDialog open={metric !== null} onOpenChange={(open) => !open && onClose()}>
      <AlertDialogContent>
        {metric && (
          <RemoveMetricForm
            key={metric.id}
            workspaceId={workspaceId}
            pilot={pilot}
            metric={metric}
            onClose={onClose}
          />
        )}
      </AlertDialogContent>
    </AlertDialog>
  );
}

function RemoveMetricForm({
  workspaceId,
  pilot,
  metric,
  onClose,
}: {
  workspaceId: string;
  pilot: Pilot;
  metric: Metric;
  onClose: () => void;
}) {
  const remove = useRemoveMetric(workspaceId, pilot.id);
  const onConflict = useConflictHandler();
  const [error, setError] = useState<string | null>(null);
  const [lockedByServer, setLockedByServer] = useState(false);
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string | null>(null);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const locked = lockedByServer || criteriaLocked(pilot);
  const count = metric.measurement_count;

  useEffect(() => {
    if (lockedByServer) reasonRef.current?.focus();
  }, [lockedByServer]);

  const confirm = (event: React.FormEvent) => {
    event.preventDefault();
    setError(null);
    const problem = locked
      ? reasonProblem(reason, "Say why the metric goes: the reason is kept in the activity.")
      : null;
    setReasonError(problem);
    if (problem) {
      reasonRef.current?.focus();
      return;
    }
    const sent = locked ? reason.trim() : undefined;
    remove.mutate(
      { shown: metric, reason: sent },
      {
        onSuccess: () => {
          toast(`Metric “${metric.name}” deleted`);
          onClose();
        },
        onError: (e) => {
          if (
            onConflict(e, metric, () =>
              remove.mutateAsync({ shown: metric, reason: sent, force: true }),
            )
          ) {
            onClose();
          } else if (isCriteriaLocked(e) && !locked) {
            setLockedByServer(true);
            setReasonError("The pilot has started: say why the metric goes.");
          } else {
            setError(describeError(e).detail);
          }
        },
      },
    );
  };

  return (
    <form onSubmit={confirm} noValidate className="flex flex-col gap-4">
      <div className="flex flex-col gap-1.5">
        <AlertDialogTitle>Delete the metric {metric.name}?</AlertDialogTitle>
        <AlertDialogDescription>
          {count > 0
            ? `Its ${count} measurement${count === 1 ? "" : "s"} are deleted with it, and its lift disappears from the portfolio.`
            : "It has no measurements yet; its baseline and target are lost."}
        </AlertDialogDescription>
      </div>
      {locked && (
        <div className="flex flex-col gap-3 rounded-lg border border-warning-border bg-warning p-3 text-warning-foreground">
          <p className="flex gap-2 text-sm">
            <Lock aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
            <span>
              Success criteria are fixed at the start so nobody moves the goalposts. Deleting this
              metric will be recorded in the activity and flagged to the executives.
            </span>
          </p>
          <Field
            label="Why are you deleting it?"
            help={`At least ${REASON_MIN} characters, kept in the activity with your name.`}
            error={reasonError ?? undefined}
          >
            {(props) => (
              <Textarea
                {...props}
                ref={reasonRef}
                rows={3}
                className="text-foreground"
                value={reason}
                onChange={(e) => setReason(e.target.value)}
              />
            )}
          </Field>
        </div>
      )}
      {error && <ErrorAlert title="Could not delete">{error}</ErrorAlert>}
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <AlertDialogCancel asChild>
          <Button type="button" variant="outline">
            Cancel
          </Button>
        </AlertDialogCancel>
        <Button type="submit" variant="destructive" disabled={remove.isPending}>
          {remove.isPending && <Spinner />}
          {remove.isPending ? "Deleting…" : "Delete metric"}
        </Button>
      </div>
    </form>
  );
}
