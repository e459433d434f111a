import { useState } from "react";
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
import { Input, Select } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import type { Member } from "@/features/members/queries";
import { describeError } from "@/lib/api-error";
import { toast } from "@/lib/toast";
import { OUTCOMES, type Outcome, type RiskLevel } from "../labels";
import { isConflict, type Pilot, type PilotUpdate, useUpdatePilot } from "../queries";
import { useReportConflict } from "./conflict-dialog";
import { Textarea } from "./textarea";

export function EditPilotDialog({
  workspaceId,
  pilot,
  members,
  open,
  onOpenChange,
}: {
  workspaceId: string;
  pilot: Pilot;
  members: Member[];
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-w-lg">
        <DialogHeader>
          <DialogTitle>Edit pilot details</DialogTitle>
          <DialogDescription>The stage changes only through the gate checklist.</DialogDescription>
        </DialogHeader>
        {open && (
          <EditForm
            workspaceId={workspaceId}
            pilot={pilot}
            members={members}
            onDone={() => onOpenChange(false)}
          />
        )}
      </DialogContent>
    </Dialog>
  );
}

function EditForm({
  workspaceId,
  pilot,
  members,
  onDone,
}: {
  workspaceId: string;
  pilot: Pilot;
  members: Member[];
  onDone: () => void;
}) {
  const update = useUpdatePilot(workspaceId, pilot.id);
  const reportConflict = useReportConflict();
  const [v, setV] = useState({
    title: pilot.title,
    hypothesis: pilot.hypothesis,
    target_outcome: pilot.target_outcome,
    owner_id: pilot.owner_id,
    sponsor_id: pilot.sponsor_id ?? "",
    budget: pilot.budget?.toString() ?? "",
    revenue_at_stake: pilot.revenue_at_stake?.toString() ?? "",
    risk_level: pilot.risk_level ?? "",
    risk_rationale: pilot.risk_rationale,
  });
  const [error, setError] = useState<string | null>(null);
  const [titleError, setTitleError] = useState<string | undefined>();
  const set = (patch: Partial<typeof v>) => setV((old) => ({ ...old, ...patch }));
  const sponsors = members.filter(
    (m) => m.is_active && (m.role === "executive" || m.role === "admin"),
  );
  const num = (s: string) => (s.trim() === "" ? null : Number(s));

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setError(null);
    if (!v.title.trim()) {
      setTitleError("Give the pilot a title.");
      return;
    }
    setTitleError(undefined);
    // Only what changed is sent, so someone else's edit to another field survives.
    const all: PilotUpdate = {
      title: v.title.trim(),
      hypothesis: v.hypothesis,
      target_outcome: v.target_outcome,
      owner_id: v.owner_id,
      sponsor_id: v.sponsor_id || null,
      budget: num(v.budget),
      revenue_at_stake: num(v.revenue_at_stake),
      risk_level: (v.risk_level || null) as RiskLevel | null,
      risk_rationale: v.risk_rationale,
    };
    const changes = Object.fromEntries(
      Object.entries(all).filter(([k, value]) => (pilot as Record<string, unknown>)[k] !== value),
    ) as PilotUpdate;
    if (Object.keys(changes).length === 0) {
      onDone();
      return;
    }
    update.mutate(
      { changes },
      {
        onSuccess: () => {
          toast("Pilot details saved");
          onDone();
        },
        onError: (e) => {
          if (isConflict(e)) {
            onDone();
            reportConflict({
              error: e,
              mine: pilot as unknown as Record<string, unknown>,
              overwrite: () => update.mutateAsync({ changes, force: true }),
            });
          } else setError(describeError(e).detail);
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4">
      {error && <ErrorAlert>{error}</ErrorAlert>}
      <Field label="Title" error={titleError}>
        {(props) => (
          <Input {...props} value={v.title} onChange={(e) => set({ title: e.target.value })} />
        )}
      </Field>
      <Field label="Hypothesis">
        {(props) => (
          <Textarea
            {...props}
            rows={3}
            value={v.hypothesis}
            onChange={(e) => set({ hypothesis: e.target.value })}
          />
        )}
      </Field>
      <Field
        label="Target outcome"
        help={OUTCOMES.find((o) => o.value === v.target_outcome)?.description}
      >
        {(props) => (
          <Select
            {...props}
            value={v.target_outcome}
            onChange={(e) => set({ target_outcome: e.target.value as Outcome })}
          >
            {OUTCOMES.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <Field label="Owner">
          {(props) => (
            <Select
              {...props}
              value={v.owner_id}
              onChange={(e) => set({ owner_id: e.target.value })}
            >
              {members
                .filter((m) => m.is_active || m.user_id === v.owner_id)
                .map((m) => (
                  <option key={m.user_id} value={m.user_id}>
                    {m.name}
                  </option>
                ))}
            </Select>
          )}
        </Field>
        <Field label="Executive sponsor" help="An executive or admin who backs it at the gates.">
          {(props) => (
            <Select
              {...props}
              value={v.sponsor_id}
              onChange={(e) => set({ sponsor_id: e.target.value })}
            >
              <option value="">No sponsor yet</option>
              {sponsors.map((m) => (
                <option key={m.user_id} value={m.user_id}>
                  {m.name}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label="Budget">
          {(props) => (
            <Input
              {...props}
              inputMode="decimal"
              value={v.budget}
              onChange={(e) => set({ budget: e.target.value })}
            />
          )}
        </Field>
        <Field label="Revenue at stake">
          {(props) => (
            <Input
              {...props}
              inputMode="decimal"
              value={v.revenue_at_stake}
              onChange={(e) => set({ revenue_at_stake: e.target.value })}
            />
          )}
        </Field>
        <Field
          label="Risk level"
          help="Derived from the chosen candidate; override it with a rationale."
        >
          {(props) => (
            <Select
              {...props}
              value={v.risk_level}
              onChange={(e) => set({ risk_level: e.target.value as RiskLevel | "" })}
            >
              <option value="">Not set</option>
              <option value="low">Low</option>
              <option value="medium">Medium</option>
              <option value="high">High</option>
            </Select>
          )}
        </Field>
        <Field label="Risk rationale">
          {(props) => (
            <Input
              {...props}
              value={v.risk_rationale}
              onChange={(e) => set({ risk_rationale: e.target.value })}
            />
          )}
        </Field>
      </div>
      <DialogFooter>
        <DialogClose asChild>
          <Button type="button" variant="outline">
            Cancel
          </Button>
        </DialogClose>
        <Button type="submit" disabled={update.isPending}>
          {update.isPending && <Spinner />}
          Save details
        </Button>
      </DialogFooter>
    </form>
  );
}
