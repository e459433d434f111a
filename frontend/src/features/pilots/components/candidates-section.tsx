import { Plus, TriangleAlert } from "lucide-react";
import { useState } from "react";
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
import { Select } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { describeError } from "@/lib/api-error";
import { toast } from "@/lib/toast";
import { PREMIER_WARNING, RISK_LABELS } from "../labels";
import {
  type Candidate,
  isConflict,
  type Pilot,
  useAddCandidate,
  useCandidates,
  useCustomers,
  useRubric,
  useUpdatePilot,
} from "../queries";
import { useReportConflict } from "./conflict-dialog";
import { Section, SectionState } from "./section";
import { Textarea } from "./textarea";

export function CandidatesSection({
  workspaceId,
  pilot,
  editable,
}: {
  workspaceId: string;
  pilot: Pilot;
  editable: boolean;
}) {
  const candidates = useCandidates(workspaceId, pilot.id);
  const rubric = useRubric(workspaceId);
  const [adding, setAdding] = useState(false);
  const criteria = rubric.data ?? [];
  const list = [...(candidates.data ?? [])].sort((a, b) => (b.total ?? 0) - (a.total ?? 0));
  const hasPremier = list.some((c) => c.is_premier_account);

  return (
    <Section
      id="candidates"
      title="Candidates"
      description="Customers considered for the testbed, scored on the workspace rubric. Compare before you choose: small, ideal conditions, an eager champion."
      action={
        editable && (
          <Button variant="outline" onClick={() => setAdding(true)}>
            <Plus aria-hidden="true" />
            Add candidate
          </Button>
        )
      }
    >
      <SectionState
        pending={candidates.isPending}
        error={candidates.error}
        onRetry={() => void candidates.refetch()}
      >
        {hasPremier && (
          <div
            role="note"
            className="flex gap-2 rounded-lg border border-warning-border bg-warning p-3 text-sm text-warning-foreground"
          >
            <TriangleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
            <p>{PREMIER_WARNING}</p>
          </div>
        )}
        {pilot.customer_id && pilot.risk_level && (
          <p className="text-sm">
            Derived risk: <Badge>{RISK_LABELS[pilot.risk_level]}</Badge>{" "}
            <span className="text-muted-foreground">
              {pilot.risk_rationale ||
                "From the chosen candidate's score (premier → high; ≥ 70 → low; ≥ 40 → medium)."}
            </span>
          </p>
        )}
        {list.length === 0 ? (
          <p className="text-sm text-muted-foreground">
            No candidates yet. Add two or three customers and score them to compare.
          </p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full min-w-0 text-sm">
              <caption className="sr-only">Candidate customers and their scores</caption>
              <thead className="border-b text-left text-xs text-muted-foreground">
                <tr>
                  <th scope="col" className="py-2 pr-3 font-medium">
                    Customer
                  </th>
                  {criteria.map((c) => (
                    <th
                      key={c.key}
                      scope="col"
                      className="hidden px-2 py-2 text-right font-medium lg:table-cell"
                    >
                      {c.label}
                    </th>
                  ))}
                  <th scope="col" className="px-2 py-2 text-right font-medium">
                    Total
                  </th>
                  <th scope="col" className="py-2 pl-2 text-right font-medium">
                    <span className="sr-only">Choice</span>
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y">
                {list.map((c) => (
                  <CandidateRow
                    key={c.id}
                    workspaceId={workspaceId}
                    pilot={pilot}
                    candidate={c}
                    criteria={criteria}
                    editable={editable}
                  />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </SectionState>
      {editable && (
        <AddCandidateDialog
          workspaceId={workspaceId}
          pilot={pilot}
          taken={list.map((c) => c.customer_id)}
          criteria={criteria}
          open={adding}
          onOpenChange={setAdding}
        />
      )}
    </Section>
  );
}

function CandidateRow({
  workspaceId,
  pilot,
  candidate: c,
  criteria,
  editable,
}: {
  workspaceId: string;
  pilot: Pilot;
  candidate: Candidate;
  criteria: { key: string; label: string }[];
  editable: boolean;
}) {
  const update = useUpdatePilot(workspaceId, pilot.id);
  const reportConflict = useReportConflict();
  const [error, setError] = useState<string | null>(null);
  const chosen = pilot.customer_id === c.customer_id;

  const choose = () => {
    setError(null);
    const changes = { customer_id: c.customer_id };
    update.mutate(
      { changes },
      {
        onSuccess: ({ data }) =>
          toast(
            `${c.customer_name} chosen${data.risk_level ? `; risk is ${RISK_LABELS[data.risk_level].toLowerCase()}` : ""}`,
          ),
        onError: (e) => {
          if (isConflict(e)) {
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
    <tr className="align-top">
      <td className="py-2.5 pr-3">
        <span className="flex flex-wrap items-center gap-1.5 font-medium">
          {c.customer_name}
          {c.is_premier_account && (
            <Badge tone="warning">
              <TriangleAlert aria-hidden="true" />
              Premier account
            </Badge>
          )}
          {chosen && <Badge tone="success">Chosen</Badge>}
        </span>
        {c.notes && <p className="text-xs text-muted-foreground">{c.notes}</p>}
        {error && (
          <p role="alert" className="text-sm text-danger-foreground">
            {error}
          </p>
        )}
      </td>
      {criteria.map((k) => (
        <td key={k.key} className="hidden px-2 py-2.5 text-right tabular-nums lg:table-cell">
          {c.scores[k.key] ?? "—"}
        </td>
      ))}
      <td className="px-2 py-2.5 text-right font-medium tabular-nums">
        {c.total === null ? "—" : Math.round(c.total)}
        <span className="sr-only"> out of 100</span>
      </td>
      <td className="py-2 pl-2 text-right">
        {editable && !chosen && (
          <Button
            size="sm"
            variant="outline"
            onClick={choose}
            disabled={update.isPending}
            aria-label={`Choose ${c.customer_name}`}
          >
            {update.isPending && <Spinner />}
            Choose
          </Button>
        )}
      </td>
    </tr>
  );
}

function AddCandidateDialog({
  workspaceId,
  pilot,
  taken,
  criteria,
  open,
  onOpenChange,
}: {
  workspaceId: string;
  pilot: Pilot;
  taken: string[];
  criteria: { key: string; label: string; weight: number }[];
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const customers = useCustomers(workspaceId);
  const add = useAddCandidate(workspaceId, pilot.id);
  const [customerId, setCustomerId] = useState("");
  const [scores, setScores] = useState<Record<string, string>>({});
  const [notes, setNotes] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | undefined>();
  const available = (customers.data ?? []).filter((c) => !taken.includes(c.id));
  const selected = customers.data?.find((c) => c.id === customerId);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setError(null);
    if (!customerId) {
      setFieldError("Choose a customer.");
      return;
    }
    setFieldError(undefined);
    const numeric: Record<string, number> = {};
    for (const [k, v] of Object.entries(scores)) if (v) numeric[k] = Number(v);
    add.mutate(
      { customer_id: customerId, scores: numeric, notes },
      {
        onSuccess: (c) => {
          toast(`${c.customer_name} added as a candidate`);
          setCustomerId("");
          setScores({});
          setNotes("");
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
          <DialogTitle>Add candidate</DialogTitle>
          <DialogDescription>Score each criterion from 1 (poor) to 5 (ideal).</DialogDescription>
        </DialogHeader>
        <form onSubmit={submit} noValidate className="flex flex-col gap-4">
          {error && <ErrorAlert>{error}</ErrorAlert>}
          <Field
            label="Customer"
            error={fieldError}
            help={
              selected?.is_premier_account ? (
                <span className="text-warning-foreground">{PREMIER_WARNING}</span>
              ) : available.length === 0 && !customers.isPending ? (
                "Every customer is already a candidate, or none exist yet: add customers first."
              ) : undefined
            }
          >
            {(props) => (
              <Select {...props} value={customerId} onChange={(e) => setCustomerId(e.target.value)}>
                <option value="">Choose a customer…</option>
                {available.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                    {c.is_premier_account ? " (premier account)" : ""}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
            {criteria.map((c) => (
              <Field key={c.key} label={c.label}>
                {(props) => (
                  <Select
                    {...props}
                    value={scores[c.key] ?? ""}
                    onChange={(e) => setScores((s) => ({ ...s, [c.key]: e.target.value }))}
                  >
                    <option value="">Not scored</option>
                    {[1, 2, 3, 4, 5].map((n) => (
                      <option key={n} value={n}>
                        {n}
                      </option>
                    ))}
                  </Select>
                )}
              </Field>
            ))}
          </div>
          <Field label="Notes">
            {(props) => (
              <Textarea
                {...props}
                rows={2}
                value={notes}
                onChange={(e) => setNotes(e.target.value)}
              />
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
              Add candidate
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
