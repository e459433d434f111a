import { zodResolver } from "@hookform/resolvers/zod";
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
import { Input, Select } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import type { Member } from "@/features/members/queries";
import { formatDecimalInput } from "@/lib/decimal";
import { applyProblem } from "@/lib/form-errors";
import { toast } from "@/lib/toast";
import { OUTCOMES, type RiskLevel } from "../labels";
import { canEdit } from "../permissions";
import { type Pilot, type PilotUpdate, useUpdatePilot } from "../queries";
import { type EditPilotValues, editPilotSchema, toNumberOrNull } from "../schemas";
import { useConflictHandler } from "./conflict-dialog";
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
  const onConflict = useConflictHandler();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<EditPilotValues>({
    resolver: zodResolver(editPilotSchema),
    defaultValues: {
      title: pilot.title,
      hypothesis: pilot.hypothesis,
      target_outcome: pilot.target_outcome,
      owner_id: pilot.owner_id,
      sponsor_id: pilot.sponsor_id ?? "",
      budget: formatDecimalInput(pilot.budget),
      revenue_at_stake: formatDecimalInput(pilot.revenue_at_stake),
      risk_level: pilot.risk_level ?? "",
      risk_rationale: pilot.risk_rationale,
      risk_before: pilot.risk_level ?? "",
    },
  });
  const { errors } = form.formState;
  const outcome = form.watch("target_outcome");
  const sponsors = members.filter(
    (m) => m.is_active && (m.role === "executive" || m.role === "admin"),
  );

  const onSubmit = form.handleSubmit((v) => {
    setFormError(null);
    const all: PilotUpdate = {
      title: v.title,
      hypothesis: v.hypothesis,
      target_outcome: v.target_outcome,
      owner_id: v.owner_id,
      sponsor_id: v.sponsor_id || null,
      budget: toNumberOrNull(v.budget),
      revenue_at_stake: toNumberOrNull(v.revenue_at_stake),
      risk_level: (v.risk_level || null) as RiskLevel | null,
      risk_rationale: v.risk_rationale,
    };
    // Only what changed is sent, so someone else's edit to another field survives.
    const changes = Object.fromEntries(
      Object.entries(all).filter(([k, value]) => (pilot as Record<string, unknown>)[k] !== value),
    ) as PilotUpdate;
    // A rationale explains the risk level: send them together.
    if ("risk_rationale" in changes && v.risk_level) changes.risk_level = v.risk_level;
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
          if (onConflict(e, pilot, () => update.mutateAsync({ changes, force: true }))) {
            onDone();
            return;
          }
          setFormError(
            applyProblem(e, form.setError, [
              "title",
              "hypothesis",
              "target_outcome",
              "owner_id",
              "sponsor_id",
              "budget",
              "revenue_at_stake",
              "risk_level",
              "risk_rationale",
            ] as const),
          );
        },
      },
    );
  });

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      {formError && <ErrorAlert>{formError}</ErrorAlert>}
      <Field label="Title" error={errors.title?.message}>
        {(props) => <Input {...props} autoComplete="off" {...form.register("title")} />}
      </Field>
      <Field label="Hypothesis" error={errors.hypothesis?.message}>
        {(props) => <Textarea {...props} rows={3} {...form.register("hypothesis")} />}
      </Field>
      <Field
        label="Target outcome"
        help={OUTCOMES.find((o) => o.value === outcome)?.description}
        error={errors.target_outcome?.message}
      >
        {(props) => (
          <Select {...props} {...form.register("target_outcome")}>
            {OUTCOMES.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <Field
          label="Owner"
          help="Editors and admins: the owner runs the pilot and keeps it up to date."
          error={errors.owner_id?.message}
        >
          {(props) => (
            <Select {...props} {...form.register("owner_id")}>
              {owners(members, pilot.owner_id).map((m) => (
                <option key={m.user_id} value={m.user_id}>
                  {m.name}
                  {canEdit(m.role) ? "" : " (cannot edit)"}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field
          label="Executive sponsor"
          help="An executive or admin who backs it at the gates."
          error={errors.sponsor_id?.message}
        >
          {(props) => (
            <Select {...props} {...form.register("sponsor_id")}>
              <option value="">No sponsor yet</option>
              {sponsors.map((m) => (
                <option key={m.user_id} value={m.user_id}>
                  {m.name}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label="Budget" error={errors.budget?.message}>
          {(props) => <Input {...props} inputMode="decimal" {...form.register("budget")} />}
        </Field>
        <Field label="Revenue at stake" error={errors.revenue_at_stake?.message}>
          {(props) => (
            <Input {...props} inputMode="decimal" {...form.register("revenue_at_stake")} />
          )}
        </Field>
        <Field
          label="Risk level"
          help="Derived from the chosen candidate; override it with a rationale."
          error={errors.risk_level?.message}
        >
          {(props) => (
            <Select {...props} {...form.register("risk_level")}>
              <option value="">Not set</option>
              <option value="low">Low</option>
              <option value="medium">Medium</option>
              <option value="high">High</option>
            </Select>
          )}
        </Field>
        <Field label="Risk rationale" error={errors.risk_rationale?.message}>
          {(props) => <Input {...props} {...form.register("risk_rationale")} />}
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

/**
 * Who may own a pilot: active editors and admins (an owner keeps the pilot up to date; viewers and
 * executives cannot edit it). The current owner stays listed, whoever they are now, so the form
 * never changes the owner by itself.
 */
export function owners(members: Member[], current: string | null): Member[] {
  return members.filter(
    (m) => (m.is_active && canEdit(m.role)) || (current !== null && m.user_id === current),
  );
}
