import { Plus } from "lucide-react";
import { useId, useState } from "react";
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
import { describeError } from "@/lib/api-error";
import { toast } from "@/lib/toast";
import { ENGAGEMENTS, type Engagement } from "../labels";
import {
  type Involvement,
  type Pilot,
  useAddInvolvement,
  useDepartments,
  useInvolvements,
  useUpdateInvolvement,
} from "../queries";
import { Section, SectionState } from "./section";
import { Textarea } from "./textarea";

const engagementLabel = (s: Engagement) => ENGAGEMENTS.find((e) => e.value === s)?.label ?? s;

export function DepartmentsSection({
  workspaceId,
  pilot,
  editable,
}: {
  workspaceId: string;
  pilot: Pilot;
  editable: boolean;
}) {
  const involvements = useInvolvements(workspaceId, pilot.id);
  const [adding, setAdding] = useState(false);
  const list = involvements.data ?? [];
  const engaged = list.filter((i) => i.status === "engaged" || i.status === "champion").length;
  return (
    <Section
      id="departments"
      title="Departments"
      description="Pilots die of indifference, not hostility. Involve counterpart departments early, each with its own stake: what it gets out of the pilot."
      action={
        editable && (
          <Button variant="outline" onClick={() => setAdding(true)}>
            <Plus aria-hidden="true" />
            Involve department
          </Button>
        )
      }
    >
      <SectionState
        pending={involvements.isPending}
        error={involvements.error}
        onRetry={() => void involvements.refetch()}
      >
        <p className="text-sm text-muted-foreground">
          <span className="font-medium text-foreground tabular-nums">{engaged}</span> engaged or
          champion (at least 2 needed to run).
        </p>
        {list.length === 0 ? (
          <p className="text-sm text-muted-foreground">No departments involved yet.</p>
        ) : (
          <ul className="flex flex-col divide-y" aria-label="Involved departments">
            {list.map((i) => (
              <InvolvementRow
                key={i.id}
                workspaceId={workspaceId}
                pilotId={pilot.id}
                involvement={i}
                editable={editable}
              />
            ))}
          </ul>
        )}
      </SectionState>
      {editable && (
        <AddInvolvementDialog
          workspaceId={workspaceId}
          pilotId={pilot.id}
          taken={list.map((i) => i.department_id)}
          open={adding}
          onOpenChange={setAdding}
        />
      )}
    </Section>
  );
}

function InvolvementRow({
  workspaceId,
  pilotId,
  involvement: i,
  editable,
}: {
  workspaceId: string;
  pilotId: string;
  involvement: Involvement;
  editable: boolean;
}) {
  const update = useUpdateInvolvement(workspaceId, pilotId);
  const [error, setError] = useState<string | null>(null);
  const errorId = useId();
  const change = (status: Engagement) => {
    setError(null);
    const today = new Date().toISOString().slice(0, 10);
    update.mutate(
      {
        involvementId: i.id,
        changes: {
          status,
          ...((status === "engaged" || status === "champion") && !i.engaged_on
            ? { engaged_on: today }
            : {}),
        },
      },
      {
        onSuccess: () =>
          toast(`${i.department_name} is now ${engagementLabel(status).toLowerCase()}`),
        onError: (e) => setError(describeError(e).detail),
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
        {i.contact_name && (
          <p className="text-xs text-muted-foreground">Contact: {i.contact_name}</p>
        )}
        {error && (
          <p id={errorId} role="alert" className="text-sm text-danger-foreground">
            {error}
          </p>
        )}
      </div>
      {editable ? (
        <div className="flex items-center gap-2">
          <Select
            aria-label={`Engagement of ${i.department_name}`}
            aria-describedby={error ? errorId : undefined}
            value={update.isPending ? (update.variables.changes.status ?? i.status) : i.status}
            disabled={update.isPending}
            onChange={(e) => change(e.target.value as Engagement)}
            className="w-full sm:w-36"
          >
            {ENGAGEMENTS.map((e) => (
              <option key={e.value} value={e.value}>
                {e.label}
              </option>
            ))}
          </Select>
          {update.isPending && <Spinner className="text-muted-foreground" />}
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

function AddInvolvementDialog({
  workspaceId,
  pilotId,
  taken,
  open,
  onOpenChange,
}: {
  workspaceId: string;
  pilotId: string;
  taken: string[];
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const departments = useDepartments(workspaceId);
  const add = useAddInvolvement(workspaceId, pilotId);
  const [departmentId, setDepartmentId] = useState("");
  const [stake, setStake] = useState("");
  const [contact, setContact] = useState("");
  const [status, setStatus] = useState<Engagement>("invited");
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<{ department?: string; stake?: string }>({});
  const available = (departments.data ?? []).filter((d) => !taken.includes(d.id));

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setError(null);
    const errors = {
      department: departmentId ? undefined : "Choose a department.",
      stake: stake.trim() ? undefined : "Say what this department gets from the pilot.",
    };
    setFieldErrors(errors);
    if (errors.department || errors.stake) return;
    const today = new Date().toISOString().slice(0, 10);
    add.mutate(
      {
        department_id: departmentId,
        stake: stake.trim(),
        contact_name: contact.trim(),
        status,
        invited_on: today,
        engaged_on: status === "engaged" || status === "champion" ? today : null,
      },
      {
        onSuccess: (i) => {
          toast(`${i.department_name} involved`);
          setDepartmentId("");
          setStake("");
          setContact("");
          setStatus("invited");
          onOpenChange(false);
        },
        onError: (e) => setError(describeError(e).detail),
      },
    );
  };

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-w-lg">
        <DialogHeader>
          <DialogTitle>Involve a department</DialogTitle>
          <DialogDescription>
            Each department should see its own benefit, e.g. supply chain trying its automated
            picking inside the pilot.
          </DialogDescription>
        </DialogHeader>
        <form onSubmit={submit} noValidate className="flex flex-col gap-4">
          {error && <ErrorAlert>{error}</ErrorAlert>}
          <Field label="Department" error={fieldErrors.department}>
            {(props) => (
              <Select
                {...props}
                value={departmentId}
                onChange={(e) => setDepartmentId(e.target.value)}
              >
                <option value="">Choose a department…</option>
                {available.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.name}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field
            label="Stake"
            help="What this department gets out of the pilot."
            error={fieldErrors.stake}
          >
            {(props) => (
              <Textarea
                {...props}
                rows={2}
                value={stake}
                onChange={(e) => setStake(e.target.value)}
              />
            )}
          </Field>
          <Field label="Contact">
            {(props) => (
              <Input {...props} value={contact} onChange={(e) => setContact(e.target.value)} />
            )}
          </Field>
          <Field label="Engagement">
            {(props) => (
              <Select
                {...props}
                value={status}
                onChange={(e) => setStatus(e.target.value as Engagement)}
              >
                {ENGAGEMENTS.map((e) => (
                  <option key={e.value} value={e.value}>
                    {e.label}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <DialogFooter>
            <DialogClose asChild>
              <Button type="button" variant="outline">
                Cancel
              </Button>
            </DialogClose>
            <Button type="submit" disabled={add.isPending}>
              {add.isPending && <Spinner />}
              Involve department
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
