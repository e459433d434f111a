import { zodResolver } from "@hookform/resolvers/zod";
import { ChevronRight, ClipboardCheck, Info, Pencil, Trash2, TriangleAlert } from "lucide-react";
import { useId, useState } from "react";
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
import { CheckInHistory } from "@/features/check-ins/components/check-in-history";
import { RecordCheckInDialog } from "@/features/check-ins/components/record-check-in-dialog";
import { silenceOf } from "@/features/check-ins/silence";
import { useAllDepartments } from "@/features/departments/queries";
import { useThresholds } from "@/features/settings/queries";
import { describeError } from "@/lib/api-error";
import { applyProblem } from "@/lib/form-errors";
import { formatDate } from "@/lib/format";
import { toast } from "@/lib/toast";
import { ENGAGEMENTS, type Engagement } from "../labels";
import type { Pilot } from "../queries";
import {
  type Involvement,
  useAddInvolvement,
  useRemoveInvolvement,
  useUpdateInvolvement,
} from "../records/involvements";
import { changedFields } from "../records/shared";
import { type InvolvementValues, involvementSchema, todayIso } from "../schemas";
import { useConflictHandler, useRemoval } from "./conflict-dialog";
import { Textarea } from "./textarea";

export const engagementLabel = (s: Engagement) =>
  ENGAGEMENTS.find((e) => e.value === s)?.label ?? s;

const isEngaged = (i: Involvement) => i.status === "engaged" || i.status === "champion";

/** Engaged departments that say what they get: what the gate into running counts. */
export function engagedWithStake(involvements: Involvement[]): number {
  return involvements.filter((i) => isEngaged(i) && i.stake.trim() !== "").length;
}

/** Counts engaged departments and, while too few are, says why more are needed. */
export function EngagementHint({
  involvements,
  minEngaged,
}: {
  involvements: Involvement[];
  minEngaged: number;
}) {
  const engaged = engagedWithStake(involvements);
  const missingStake = involvements.filter((i) => isEngaged(i) && !i.stake.trim()).length;
  if (engaged >= minEngaged)
    return (
      <p className="text-sm text-muted-foreground" role="status">
        <span className="font-medium text-foreground tabular-nums">{engaged}</span> departments
        engaged, each with its stake: enough to run.
      </p>
    );
  return (
    <div
      role="status"
      className="flex gap-2 rounded-lg border bg-accent-subtle p-3 text-sm text-accent-subtle-foreground"
    >
      <Info aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
      <p>
        {engaged} of {minEngaged} engaged departments. A pilot owned by one department dies of
        indifference: at least {minEngaged} must be engaged (or champions), each with its own stake,
        before it runs.
        {missingStake > 0 &&
          ` ${missingStake} engaged department${missingStake === 1 ? " has" : "s have"} no stake yet.`}
      </p>
    </div>
  );
}

/** What the pilot page adds to each department: its check-ins and silence. */
export type CheckInOptions = {
  /** The workspace's `department_silence_days`: silent longer puts the pilot at risk. */
  silenceDays: number;
  /** Editors and admins record check-ins heard in a call or a meeting. */
  canRecord: boolean;
};

/** The involved departments with their stake and engagement, editable in place. */
export function InvolvementList({
  workspaceId,
  pilot,
  involvements,
  editable,
  checkIns = null,
}: {
  workspaceId: string;
  pilot: Pilot;
  involvements: Involvement[];
  editable: boolean;
  checkIns?: CheckInOptions | null;
}) {
  const [editing, setEditing] = useState<Involvement | null>(null);
  const [removing, setRemoving] = useState<Involvement | null>(null);
  const [recording, setRecording] = useState<Involvement | null>(null);
  if (involvements.length === 0)
    return <p className="text-sm text-muted-foreground">No departments involved yet.</p>;
  return (
    <>
      <ul className="flex flex-col divide-y" aria-label="Involved departments">
        {involvements.map((i) => (
          <InvolvementRow
            key={i.id}
            workspaceId={workspaceId}
            pilotId={pilot.id}
            involvement={i}
            editable={editable}
            checkIns={checkIns}
            onEdit={() => setEditing(i)}
            onRemove={() => setRemoving(i)}
            onRecord={() => setRecording(i)}
          />
        ))}
      </ul>
      {checkIns?.canRecord && (
        <RecordCheckInDialog
          workspaceId={workspaceId}
          pilotId={pilot.id}
          involvement={recording}
          onClose={() => setRecording(null)}
        />
      )}
      {editable && (
        <>
          <InvolvementDialog
            workspaceId={workspaceId}
            pilot={pilot}
            involvements={involvements}
            involvement={editing}
            open={editing !== null}
            onOpenChange={(open) => !open && setEditing(null)}
          />
          <RemoveInvolvementDialog
            workspaceId={workspaceId}
            pilot={pilot}
            involvement={removing}
            onClose={() => setRemoving(null)}
          />
        </>
      )}
    </>
  );
}

function InvolvementRow({
  workspaceId,
  pilotId,
  involvement: i,
  editable,
  checkIns,
  onEdit,
  onRemove,
  onRecord,
}: {
  workspaceId: string;
  pilotId: string;
  involvement: Involvement;
  editable: boolean;
  checkIns: CheckInOptions | null;
  onEdit: () => void;
  onRemove: () => void;
  onRecord: () => void;
}) {
  const [showHistory, setShowHistory] = useState(false);
  const historyId = useId();
  const silence = checkIns ? silenceOf(i, checkIns.silenceDays) : null;
  const update = useUpdateInvolvement(workspaceId, pilotId);
  const onConflict = useConflictHandler();
  const [error, setError] = useState<string | null>(null);
  const errorId = useId();
  const change = (status: Engagement) => {
    setError(null);
    const changes = {
      status,
      ...((status === "engaged" || status === "champion") && !i.engaged_on
        ? { engaged_on: todayIso() }
        : {}),
    };
    update.mutate(
      { shown: i, changes },
      {
        onSuccess: () =>
          toast(`${i.department_name} is now ${engagementLabel(status).toLowerCase()}`),
        onError: (e) => {
          if (!onConflict(e, i, () => update.mutateAsync({ shown: i, changes, force: true })))
            setError(describeError(e).detail);
        },
      },
    );
  };
  return (
    <li className="flex flex-col gap-2 py-3 sm:flex-row sm:items-start sm:justify-between">
      <div className="flex min-w-0 flex-col gap-0.5">
        <p className="font-medium">{i.department_name}</p>
        <p className="break-words text-sm">
          <span className="text-muted-foreground">Stake: </span>
          {i.stake || <span className="text-danger-foreground">none yet</span>}
        </p>
        <p className="text-xs break-words text-muted-foreground">
          {i.contact_name ? `Contact: ${i.contact_name}` : "No contact yet"}
          {i.contact_email && ` (${i.contact_email})`}
          {i.invited_on && ` · invited ${formatDate(i.invited_on)}`}
          {i.engaged_on && ` · engaged ${formatDate(i.engaged_on)}`}
        </p>
        {silence && checkIns && (
          <div className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs">
            {silence.badge && (
              <Badge
                tone="warning"
                title={`More than the ${checkIns.silenceDays} days the workspace allows`}
              >
                <TriangleAlert aria-hidden="true" />
                {silence.badge}
                <span className="sr-only">
                  , more than the {checkIns.silenceDays} days the workspace allows
                </span>
              </Badge>
            )}
            <span className={silence.over ? "text-warning-foreground" : "text-muted-foreground"}>
              {silence.summary}
              {i.last_check_in_on && ` (${formatDate(i.last_check_in_on)})`}
            </span>
            <button
              type="button"
              aria-expanded={showHistory}
              aria-controls={historyId}
              aria-label={`Check-ins of ${i.department_name}`}
              onClick={() => setShowHistory((open) => !open)}
              className="inline-flex cursor-pointer items-center gap-0.5 font-medium text-accent-subtle-foreground underline-offset-4 hover:underline"
            >
              <ChevronRight
                aria-hidden="true"
                className={`size-3.5 transition-transform ${showHistory ? "rotate-90" : ""}`}
              />
              Check-ins
            </button>
          </div>
        )}
        {showHistory && (
          <div id={historyId} className="mt-2 rounded-lg border bg-muted/40 px-3 py-2.5">
            <CheckInHistory workspaceId={workspaceId} pilotId={pilotId} involvementId={i.id} />
          </div>
        )}
        {error && (
          <p id={errorId} role="alert" className="text-sm text-danger-foreground">
            {error}
          </p>
        )}
      </div>
      {editable ? (
        // The actions keep to one line beside the text; on a phone they wrap as a whole, and the
        // edit and remove icons always stay together (never a lone trash icon on its own line).
        <div className="flex flex-wrap items-center gap-2 sm:shrink-0 sm:flex-nowrap">
          <Select
            aria-label={`Engagement of ${i.department_name}`}
            aria-describedby={error ? errorId : undefined}
            value={update.isPending ? (update.variables.changes.status ?? i.status) : i.status}
            disabled={update.isPending}
            onChange={(e) => change(e.target.value as Engagement)}
            className="w-36"
          >
            {ENGAGEMENTS.map((e) => (
              <option key={e.value} value={e.value}>
                {e.label}
              </option>
            ))}
          </Select>
          {update.isPending && <Spinner className="text-muted-foreground" />}
          {checkIns?.canRecord && (
            <Button
              size="sm"
              variant="outline"
              onClick={onRecord}
              aria-label={`Record check-in from ${i.department_name}`}
              // On a phone the engagement and the icons share a line; this one goes below.
              className="order-last sm:order-none"
            >
              <ClipboardCheck aria-hidden="true" />
              Record check-in
            </Button>
          )}
          <span className="flex shrink-0 items-center gap-1">
            <Button
              size="icon"
              variant="ghost"
              onClick={onEdit}
              aria-label={`Edit ${i.department_name}`}
              title="Edit contact, stake and dates"
            >
              <Pencil aria-hidden="true" />
            </Button>
            <Button
              size="icon"
              variant="ghost"
              onClick={onRemove}
              aria-label={`Remove ${i.department_name}`}
              title="Remove from the pilot"
            >
              <Trash2 aria-hidden="true" />
            </Button>
          </span>
        </div>
      ) : (
        <Badge
          tone={i.status === "declined" ? "danger" : i.status === "invited" ? "neutral" : "success"}
        >
          {engagementLabel(i.status)}
        </Badge>
      )}
    </li>
  );
}

/** Invites a department (contact, stake, engagement) or edits its involvement. */
export function InvolvementDialog({
  workspaceId,
  pilot,
  involvements,
  involvement,
  open,
  onOpenChange,
  departmentId,
}: {
  workspaceId: string;
  pilot: Pilot;
  involvements: Involvement[];
  involvement: Involvement | null;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** A department to start with (e.g. one just created in the setup wizard). */
  departmentId?: string;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-w-lg">
        <DialogHeader>
          <DialogTitle>
            {involvement ? `Edit ${involvement.department_name}` : "Invite a department"}
          </DialogTitle>
          <DialogDescription>
            Each department should see its own benefit, e.g. supply chain trying its automated
            picking inside the pilot.
          </DialogDescription>
        </DialogHeader>
        {open && (
          <InvolvementForm
            key={involvement?.id ?? "new"}
            workspaceId={workspaceId}
            pilot={pilot}
            taken={involvements.map((i) => i.department_id)}
            involvement={involvement}
            departmentId={departmentId}
            onDone={() => onOpenChange(false)}
          />
        )}
      </DialogContent>
    </Dialog>
  );
}

function InvolvementForm({
  workspaceId,
  pilot,
  taken,
  involvement,
  departmentId,
  onDone,
}: {
  workspaceId: string;
  pilot: Pilot;
  taken: string[];
  involvement: Involvement | null;
  departmentId?: string;
  onDone: () => void;
}) {
  const departments = useAllDepartments(workspaceId);
  const checkInDays = useThresholds(workspaceId).data?.check_in_days ?? 21;
  const checkInHelpId = useId();
  const add = useAddInvolvement(workspaceId, pilot.id);
  const update = useUpdateInvolvement(workspaceId, pilot.id);
  const onConflict = useConflictHandler();
  const [formError, setFormError] = useState<string | null>(null);
  const available = (departments.data ?? []).filter((d) => !taken.includes(d.id));
  const form = useForm<InvolvementValues>({
    resolver: zodResolver(involvementSchema),
    defaultValues: {
      department_id: involvement?.department_id ?? departmentId ?? "",
      contact_name: involvement?.contact_name ?? "",
      contact_email: involvement?.contact_email ?? "",
      stake: involvement?.stake ?? "",
      status: involvement?.status ?? "invited",
      invited_on: involvement?.invited_on ?? todayIso(),
      engaged_on: involvement?.engaged_on ?? "",
    },
  });
  const { errors } = form.formState;
  const status = form.watch("status");
  const selected = departments.data?.find((d) => d.id === form.watch("department_id"));
  const fields = [
    "department_id",
    "contact_name",
    "contact_email",
    "stake",
    "status",
    "invited_on",
    "engaged_on",
  ] as const;

  const onSubmit = form.handleSubmit((v) => {
    setFormError(null);
    const engaged = v.status === "engaged" || v.status === "champion";
    const values = {
      contact_name: v.contact_name,
      contact_email: v.contact_email || null,
      stake: v.stake,
      status: v.status,
      invited_on: v.invited_on || null,
      engaged_on: v.engaged_on || (engaged ? todayIso() : null),
    };
    const fail = (e: unknown) => setFormError(applyProblem(e, form.setError, fields));
    if (involvement) {
      const changes = changedFields(involvement, values);
      if (Object.keys(changes).length === 0) {
        onDone();
        return;
      }
      update.mutate(
        { shown: involvement, changes },
        {
          onSuccess: () => {
            toast(`${involvement.department_name} saved`);
            onDone();
          },
          onError: (e) => {
            if (
              onConflict(e, involvement, () =>
                update.mutateAsync({ shown: involvement, changes, force: true }),
              )
            )
              onDone();
            else fail(e);
          },
        },
      );
      return;
    }
    add.mutate(
      { department_id: v.department_id, ...values },
      {
        onSuccess: (i) => {
          toast(`${i.department_name} ${engaged ? "involved" : "invited"}`);
          onDone();
        },
        onError: fail,
      },
    );
  });
  const pending = add.isPending || update.isPending;

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      {formError && <ErrorAlert>{formError}</ErrorAlert>}
      {!involvement && (
        <Field
          label="Department"
          error={errors.department_id?.message}
          help={
            selected?.kpi
              ? `Held to: ${selected.kpi}. Show how the pilot helps that measure.`
              : available.length === 0 && !departments.isPending
                ? "Every department is already involved, or none exist yet: add departments first."
                : undefined
          }
        >
          {(props) => (
            <Select {...props} {...form.register("department_id")}>
              <option value="">Choose a department…</option>
              {available.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </Select>
          )}
        </Field>
      )}
      <Field
        label="Stake"
        help="What this department gets out of the pilot, in its own terms."
        error={errors.stake?.message}
      >
        {(props) => <Textarea {...props} rows={2} {...form.register("stake")} />}
      </Field>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <Field label="Contact" error={errors.contact_name?.message}>
          {(props) => <Input {...props} autoComplete="off" {...form.register("contact_name")} />}
        </Field>
        <Field label="Contact email (optional)" error={errors.contact_email?.message}>
          {(props) => (
            <Input
              {...props}
              type="email"
              autoComplete="off"
              aria-describedby={[props["aria-describedby"], checkInHelpId]
                .filter(Boolean)
                .join(" ")}
              {...form.register("contact_email")}
            />
          )}
        </Field>
        <p id={checkInHelpId} className="-mt-1 text-xs text-muted-foreground sm:col-span-2">
          While the pilot runs, the contact is asked by email how it is going for the department:
          when an iteration is logged, and every {checkInDays} days. Without an address, record
          check-ins yourself.
        </p>
      </div>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
        <Field label="Engagement" error={errors.status?.message}>
          {(props) => (
            <Select {...props} {...form.register("status")}>
              {ENGAGEMENTS.map((e) => (
                <option key={e.value} value={e.value}>
                  {e.label}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label="Invited on" error={errors.invited_on?.message}>
          {(props) => <Input {...props} type="date" {...form.register("invited_on")} />}
        </Field>
        {(status === "engaged" || status === "champion") && (
          <Field label="Engaged on" error={errors.engaged_on?.message}>
            {(props) => <Input {...props} type="date" {...form.register("engaged_on")} />}
          </Field>
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
          {involvement ? "Save department" : "Invite department"}
        </Button>
      </DialogFooter>
    </form>
  );
}

function RemoveInvolvementDialog({
  workspaceId,
  pilot,
  involvement,
  onClose,
}: {
  workspaceId: string;
  pilot: Pilot;
  involvement: Involvement | null;
  onClose: () => void;
}) {
  const remove = useRemoveInvolvement(workspaceId, pilot.id);
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    setError(null);
    onClose();
  };
  const confirmRemoval = useRemoval(remove, { close, setError });
  return (
    <DeleteDialog
      workspaceId={workspaceId}
      open={involvement !== null}
      onOpenChange={(open) => !open && close()}
      title={`Remove ${involvement?.department_name ?? "department"} from the pilot?`}
      description="Its contact, stake and engagement dates for this pilot are lost. The department itself stays."
      confirmLabel="Remove department"
      pending={remove.isPending}
      error={error}
      inUse={null}
      inUseMessage=""
      onConfirm={() =>
        involvement &&
        confirmRemoval(involvement, `${involvement.department_name} removed from the pilot`)
      }
    />
  );
}
