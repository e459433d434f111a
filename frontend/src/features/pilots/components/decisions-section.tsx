import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { ErrorAlert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { useMembers } from "@/features/members/queries";
import { applyProblem } from "@/lib/form-errors";
import { formatDate } from "@/lib/format";
import { toast } from "@/lib/toast";
import { DECISIONS, decisionLabel, type Stage } from "../labels";
import type { Pilot } from "../queries";
import { useAddDecision, useDecisions } from "../records/decisions";
import { type DecisionValues, decisionSchema } from "../schemas";
import { Section, SectionState } from "./section";
import { Textarea } from "./textarea";

export function DecisionsSection({
  workspaceId,
  pilot,
  canRecord,
}: {
  workspaceId: string;
  pilot: Pilot;
  canRecord: boolean;
}) {
  const decisions = useDecisions(workspaceId, pilot.id);
  const members = useMembers(workspaceId);
  const name = (id: string | null) =>
    members.data?.find((m) => m.user_id === id)?.name ??
    (id ? "A former member" : "An integration");
  const list = [...(decisions.data ?? [])].sort((a, b) => b.decided_on.localeCompare(a.decided_on));
  return (
    <Section
      id="decisions"
      title="Decisions"
      description="Gate decisions by executives: start, continue, pivot, scale or stop, with the reason."
    >
      <SectionState
        pending={decisions.isPending}
        error={decisions.error}
        onRetry={() => void decisions.refetch()}
      >
        {list.length === 0 ? (
          <p className="text-sm text-muted-foreground">No decisions recorded yet.</p>
        ) : (
          <ul className="flex flex-col divide-y" aria-label="Decisions">
            {list.map((d) => (
              <li key={d.id} className="flex flex-col gap-1 py-3">
                <p className="flex flex-wrap items-center gap-2 text-sm">
                  <Badge>{decisionLabel(d.kind)}</Badge>
                  <span className="tabular-nums">{formatDate(d.decided_on)}</span>
                  <span className="text-muted-foreground">by {name(d.decided_by)}</span>
                </p>
                <p className="break-words text-sm">{d.rationale}</p>
              </li>
            ))}
          </ul>
        )}
      </SectionState>
      {canRecord && pilot.stage !== "stopped" && pilot.stage !== "adopted" && (
        <DecisionForm workspaceId={workspaceId} pilotId={pilot.id} stage={pilot.stage} />
      )}
    </Section>
  );
}

/** The decision a pilot's stage usually waits for. */
function expectedDecision(stage: Stage): DecisionValues["kind"] {
  if (stage === "proposed" || stage === "selecting") return "start";
  if (stage === "scale_review") return "scale";
  return "continue";
}

function DecisionForm({
  workspaceId,
  pilotId,
  stage,
}: {
  workspaceId: string;
  pilotId: string;
  stage: Stage;
}) {
  const add = useAddDecision(workspaceId, pilotId);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<DecisionValues>({
    resolver: zodResolver(decisionSchema),
    defaultValues: {
      kind: expectedDecision(stage),
      rationale: "",
      decided_on: new Date().toISOString().slice(0, 10),
    },
  });
  const { errors } = form.formState;
  const kind = form.watch("kind");
  const onSubmit = form.handleSubmit((v) => {
    setFormError(null);
    add.mutate(
      { kind: v.kind, rationale: v.rationale, decided_on: v.decided_on || null },
      {
        onSuccess: (d) => {
          toast(`Decision “${decisionLabel(d.kind)}” recorded`);
          form.reset({ kind: v.kind, rationale: "", decided_on: v.decided_on });
        },
        onError: (e) =>
          setFormError(
            applyProblem(e, form.setError, ["kind", "rationale", "decided_on"] as const),
          ),
      },
    );
  });
  return (
    <form
      onSubmit={onSubmit}
      noValidate
      aria-labelledby="record-decision"
      className="flex flex-col gap-3 rounded-lg border p-4"
    >
      <h3 id="record-decision" className="font-medium">
        Record a decision
      </h3>
      {formError && <ErrorAlert>{formError}</ErrorAlert>}
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <Field label="Decision" help={DECISIONS.find((d) => d.value === kind)?.description}>
          {(props) => (
            <Select {...props} {...form.register("kind")}>
              {DECISIONS.map((d) => (
                <option key={d.value} value={d.value}>
                  {d.label}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label="Decided on" error={errors.decided_on?.message}>
          {(props) => <Input {...props} type="date" {...form.register("decided_on")} />}
        </Field>
      </div>
      <Field label="Rationale" error={errors.rationale?.message}>
        {(props) => <Textarea {...props} rows={2} {...form.register("rationale")} />}
      </Field>
      <div>
        <Button type="submit" disabled={add.isPending}>
          {add.isPending && <Spinner />}
          Record decision
        </Button>
      </div>
    </form>
  );
}
