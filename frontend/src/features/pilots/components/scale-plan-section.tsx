import { useEffect, useState } from "react";
import { ErrorAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { describeError, isStale } from "@/lib/api-error";
import { toast } from "@/lib/toast";
import type { Pilot } from "../queries";
import { useInvolvements } from "../records/involvements";
import { type ScalePlanPut, useSaveScalePlan, useScalePlan } from "../records/scale-plan";
import { SCALE_LIMITS } from "../schemas";
import { useReportConflict } from "./conflict-dialog";
import { Section, SectionState } from "./section";
import { Textarea } from "./textarea";

type Item = ScalePlanPut["items"] extends (infer T)[] | undefined ? T : never;

const STATUSES = [
  { value: "planned", label: "Planned" },
  { value: "in_progress", label: "In progress" },
  { value: "done", label: "Done" },
] as const;

export function ScalePlanSection({
  workspaceId,
  pilot,
  editable,
}: {
  workspaceId: string;
  pilot: Pilot;
  editable: boolean;
}) {
  const plan = useScalePlan(workspaceId, pilot.id);
  const involvements = useInvolvements(workspaceId, pilot.id);
  const save = useSaveScalePlan(workspaceId, pilot.id);
  const reportConflict = useReportConflict();
  const [scope, setScope] = useState("");
  const [items, setItems] = useState<Item[]>([]);
  const [error, setError] = useState<string | null>(null);

  const involved = (involvements.data ?? []).filter((i) => i.status !== "declined");
  // Start from the saved plan, with a row for every involved department.
  useEffect(() => {
    if (!plan.data) return;
    setScope(plan.data.plan.scope);
    const saved = plan.data.plan.items;
    const rows = (involvements.data ?? []).filter((i) => i.status !== "declined");
    setItems(
      rows.map((i) => {
        const s = saved.find((x) => x.department_id === i.department_id);
        return {
          department_id: i.department_id,
          planning_change: s?.planning_change ?? "",
          resource_change: s?.resource_change ?? "",
          compensation_change: s?.compensation_change ?? "",
          owner_name: s?.owner_name ?? "",
          due_on: s?.due_on ?? null,
          status: s?.status ?? "planned",
        };
      }),
    );
  }, [plan.data, involvements.data]);

  // Before the scale review the plan is optional: offered, not spread open.
  const [preparing, setPreparing] = useState(false);
  const early =
    ["proposed", "selecting", "running"].includes(pilot.stage) &&
    (plan.data?.plan.items.length ?? 0) === 0 &&
    !plan.data?.plan.scope &&
    !preparing;
  const saved = plan.data?.plan.items ?? [];
  const done = saved.filter((i) => i.status === "done").length;
  const names = Object.fromEntries(involved.map((i) => [i.department_id, i.department_name]));
  const setItem = (index: number, patch: Partial<Item>) =>
    setItems((all) => all.map((it, i) => (i === index ? { ...it, ...patch } : it)));

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setError(null);
    const body = { scope, items };
    save.mutate(
      { plan: body },
      {
        onSuccess: () => toast("Scale plan saved"),
        onError: (e) => {
          if (isStale(e)) {
            reportConflict({
              error: e,
              mine: (plan.data?.plan ?? {}) as unknown as Record<string, unknown>,
              overwrite: () => save.mutateAsync({ plan: body, force: true }),
            });
          } else setError(describeError(e).detail);
        },
      },
    );
  };

  return (
    <Section
      id="scale-plan"
      title="Scale plan"
      description="Quick wins are not the end. Scaling needs top management to change each department's planning, resources and compensation."
    >
      <SectionState
        pending={plan.isPending || involvements.isPending}
        error={plan.error}
        onRetry={() => void plan.refetch()}
      >
        {early ? (
          <div className="flex flex-col items-start gap-3">
            <p className="text-sm text-muted-foreground">
              The scale plan is prepared for the scale review, once the pilot has shown what it can
              do: for each involved department, what changes in planning, resources and
              compensation.
            </p>
            {editable && pilot.stage === "running" && (
              <Button variant="outline" onClick={() => setPreparing(true)}>
                Prepare it now
              </Button>
            )}
          </div>
        ) : editable ? (
          <form onSubmit={submit} noValidate className="flex flex-col gap-4">
            {error && <ErrorAlert>{error}</ErrorAlert>}
            <Field
              label="Rollout scope"
              help="Where and how far the pilot's changes will roll out."
            >
              {(props) => (
                <Textarea
                  {...props}
                  rows={2}
                  maxLength={SCALE_LIMITS.scope}
                  value={scope}
                  onChange={(e) => setScope(e.target.value)}
                />
              )}
            </Field>
            {items.length === 0 && (
              <p className="text-sm text-muted-foreground">
                Involve departments to plan their changes.
              </p>
            )}
            {items.map((it, index) => {
              const dept = names[it.department_id] ?? "Department";
              return (
                <fieldset
                  key={it.department_id}
                  className="flex flex-col gap-3 rounded-lg border p-3"
                >
                  <legend className="px-1 text-sm font-medium">{dept}</legend>
                  <div className="grid grid-cols-1 gap-3 md:grid-cols-3">
                    <Field label={`Planning change (${dept})`}>
                      {(props) => (
                        <Textarea
                          {...props}
                          rows={2}
                          maxLength={SCALE_LIMITS.change}
                          value={it.planning_change ?? ""}
                          onChange={(e) => setItem(index, { planning_change: e.target.value })}
                        />
                      )}
                    </Field>
                    <Field label={`Resource change (${dept})`}>
                      {(props) => (
                        <Textarea
                          {...props}
                          rows={2}
                          maxLength={SCALE_LIMITS.change}
                          value={it.resource_change ?? ""}
                          onChange={(e) => setItem(index, { resource_change: e.target.value })}
                        />
                      )}
                    </Field>
                    <Field label={`Compensation change (${dept})`}>
                      {(props) => (
                        <Textarea
                          {...props}
                          rows={2}
                          maxLength={SCALE_LIMITS.change}
                          value={it.compensation_change ?? ""}
                          onChange={(e) => setItem(index, { compensation_change: e.target.value })}
                        />
                      )}
                    </Field>
                  </div>
                  <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
                    <Field label={`Owner (${dept})`}>
                      {(props) => (
                        <Input
                          {...props}
                          maxLength={SCALE_LIMITS.owner}
                          value={it.owner_name ?? ""}
                          onChange={(e) => setItem(index, { owner_name: e.target.value })}
                        />
                      )}
                    </Field>
                    <Field label={`Due on (${dept})`}>
                      {(props) => (
                        <Input
                          {...props}
                          type="date"
                          value={it.due_on ?? ""}
                          onChange={(e) => setItem(index, { due_on: e.target.value || null })}
                        />
                      )}
                    </Field>
                    <Field label={`Status (${dept})`}>
                      {(props) => (
                        <Select
                          {...props}
                          value={it.status ?? "planned"}
                          onChange={(e) =>
                            setItem(index, { status: e.target.value as Item["status"] })
                          }
                        >
                          {STATUSES.map((s) => (
                            <option key={s.value} value={s.value}>
                              {s.label}
                            </option>
                          ))}
                        </Select>
                      )}
                    </Field>
                  </div>
                </fieldset>
              );
            })}
            {saved.length > 0 && (
              <p className="text-sm text-muted-foreground" role="status">
                {done === saved.length
                  ? `All ${saved.length} items are done: the pilot can be adopted.`
                  : `${done} of ${saved.length} items done.`}
              </p>
            )}
            <div>
              <Button type="submit" disabled={save.isPending}>
                {save.isPending && <Spinner />}
                Save scale plan
              </Button>
            </div>
          </form>
        ) : (
          <ReadOnlyPlan scope={plan.data?.plan.scope ?? ""} items={plan.data?.plan.items ?? []} />
        )}
      </SectionState>
    </Section>
  );
}

function ReadOnlyPlan({
  scope,
  items,
}: {
  scope: string;
  items: {
    department_id: string;
    department_name: string;
    planning_change: string;
    resource_change: string;
    compensation_change: string;
    owner_name: string;
    due_on: string | null;
    status: string;
  }[];
}) {
  if (!scope && items.length === 0)
    return <p className="text-sm text-muted-foreground">No scale plan yet.</p>;
  return (
    <div className="flex flex-col gap-3 text-sm">
      {scope && <p className="break-words">{scope}</p>}
      <ul className="flex flex-col divide-y">
        {items.map((i) => (
          <li key={i.department_id} className="flex flex-col gap-0.5 py-2">
            <p className="font-medium">
              {i.department_name}{" "}
              <span className="font-normal text-muted-foreground">
                · {STATUSES.find((s) => s.value === i.status)?.label ?? i.status}
                {i.owner_name && ` · ${i.owner_name}`}
                {i.due_on && ` · due ${i.due_on}`}
              </span>
            </p>
            {i.planning_change && <p>Planning: {i.planning_change}</p>}
            {i.resource_change && <p>Resources: {i.resource_change}</p>}
            {i.compensation_change && <p>Compensation: {i.compensation_change}</p>}
          </li>
        ))}
      </ul>
    </div>
  );
}
