import { zodResolver } from "@hookform/resolvers/zod";
import { Check, Pencil, Trash2, TriangleAlert } from "lucide-react";
import { useId, useState } from "react";
import { type Path, type UseFormRegisterReturn, useForm } from "react-hook-form";
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
import { useAllCustomers, useSaveCustomer } from "@/features/customers/queries";
import { applyProblem } from "@/lib/form-errors";
import { toast } from "@/lib/toast";
import { cn } from "@/lib/utils";
import { PREMIER_WARNING, RISK_LABELS } from "../labels";
import { type Pilot, useUpdatePilot } from "../queries";
import {
  type Candidate,
  useAddCandidate,
  useRemoveCandidate,
  useUpdateCandidate,
} from "../records/candidates";
import { changedFields } from "../records/shared";
import {
  type CandidateValues,
  type ChooseValues,
  candidateSchema,
  chooseSchema,
  toScores,
} from "../schemas";
import {
  CRITERION_HELP,
  type Criterion,
  candidateTotal,
  derivedRisk,
  ordinal,
  PREMIER_RANK_REASON,
  rankCandidates,
  riskExplanation,
  SCORE_LABELS,
} from "../scoring";
import { useConflictHandler, useRemoval } from "./conflict-dialog";
import { Textarea } from "./textarea";

/** The premier-account red flag, said plainly wherever such a customer is considered. */
export function PremierWarning({ name }: { name?: string }) {
  return (
    <div
      role="note"
      className="flex gap-2 rounded-lg border border-warning-border bg-warning p-3 text-sm text-warning-foreground"
    >
      <TriangleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
      <p>
        {name ? <span className="font-medium">{name} is a premier account. </span> : null}
        {PREMIER_WARNING}
      </p>
    </div>
  );
}

function TotalBar({ total, label }: { total: number | null; label: string }) {
  return (
    <div className="flex min-w-0 items-center gap-2">
      <div aria-hidden="true" className="h-2 w-24 shrink-0 overflow-hidden rounded-full bg-muted">
        <div className="h-full rounded-full bg-accent" style={{ width: `${total ?? 0}%` }} />
      </div>
      <span className="text-sm font-medium tabular-nums">
        {total === null ? "Not scored" : `${Math.round(total)} / 100`}
        <span className="sr-only"> {label}</span>
      </span>
    </div>
  );
}

/**
 * The candidates ranked by their weighted score, best first, with the premier-account warning
 * and, when editable, the actions to rescore, remove and choose each one.
 */
export function CandidateList({
  workspaceId,
  pilot,
  candidates,
  rubric,
  editable,
}: {
  workspaceId: string;
  pilot: Pilot;
  candidates: Candidate[];
  rubric: Criterion[];
  editable: boolean;
}) {
  const [editing, setEditing] = useState<Candidate | null>(null);
  const [removing, setRemoving] = useState<Candidate | null>(null);
  const [choosing, setChoosing] = useState<Candidate | null>(null);
  const ranked = rankCandidates(
    candidates.map((c) => ({
      candidate: c,
      name: c.customer_name,
      scores: c.scores,
      isPremier: c.is_premier_account,
    })),
    rubric,
  );
  const premier = candidates.filter((c) => c.is_premier_account);
  const chosen = candidates.find((c) => c.customer_id === pilot.customer_id);

  return (
    <div className="flex flex-col gap-4">
      {premier.length > 0 && (
        <PremierWarning name={premier.length === 1 ? premier[0]?.customer_name : undefined} />
      )}
      {chosen && (
        <div className="flex flex-col gap-1 rounded-lg border border-success-border bg-success p-3 text-sm text-success-foreground">
          <p className="flex flex-wrap items-center gap-2 font-medium">
            <Check aria-hidden="true" className="size-4" />
            Testbed customer: {chosen.customer_name}
            {pilot.risk_level && <Badge>Risk: {RISK_LABELS[pilot.risk_level]}</Badge>}
          </p>
          <p>
            Derived from the candidate: {riskExplanation(chosen.is_premier_account, chosen.total)}.
            {pilot.risk_rationale && (
              <>
                {" "}
                <span className="font-medium">Why this customer:</span> {pilot.risk_rationale}
              </>
            )}
          </p>
        </div>
      )}
      {ranked.length === 0 ? (
        <p className="text-sm text-muted-foreground">
          No candidates yet. Add two or three customers and score them to compare.
        </p>
      ) : (
        <ol aria-label="Candidates, best first" className="flex flex-col gap-3">
          {ranked.map(({ item: { candidate: c }, total, rank, penalised }) => {
            const isChosen = c.customer_id === pilot.customer_id;
            return (
              <li
                key={c.id}
                aria-label={`${ordinal(rank)}: ${c.customer_name}`}
                className={cn(
                  "flex flex-col gap-3 rounded-lg border p-3 sm:p-4",
                  isChosen && "border-success-border",
                )}
              >
                <div className="flex flex-col gap-2 sm:flex-row sm:items-start sm:justify-between">
                  <div className="flex min-w-0 flex-col gap-1">
                    <p className="flex flex-wrap items-center gap-2">
                      <span className="rounded-md bg-muted px-1.5 text-xs font-medium tabular-nums">
                        {ordinal(rank)}
                      </span>
                      <span className="break-words font-medium">{c.customer_name}</span>
                      {c.is_premier_account && (
                        <Badge tone="warning">
                          <TriangleAlert aria-hidden="true" />
                          Premier account
                        </Badge>
                      )}
                      {isChosen && <Badge tone="success">Chosen</Badge>}
                    </p>
                    <TotalBar total={total} label={`weighted score of ${c.customer_name}`} />
                    {penalised && (
                      <p className="text-xs text-warning-foreground">{PREMIER_RANK_REASON}</p>
                    )}
                  </div>
                  {editable && (
                    <div className="flex flex-wrap gap-2 sm:shrink-0 sm:flex-nowrap">
                      {!isChosen && (
                        <Button
                          size="sm"
                          variant={
                            rank === 1 && !c.is_premier_account && !pilot.customer_id
                              ? "primary"
                              : "outline"
                          }
                          onClick={() => setChoosing(c)}
                          aria-label={`Choose ${c.customer_name}`}
                        >
                          Choose
                        </Button>
                      )}
                      <Button
                        size="sm"
                        variant="outline"
                        onClick={() => setEditing(c)}
                        aria-label={`Edit scores of ${c.customer_name}`}
                      >
                        <Pencil aria-hidden="true" />
                        Edit scores
                      </Button>
                      <Button
                        size="sm"
                        variant="ghost"
                        onClick={() => setRemoving(c)}
                        aria-label={`Remove ${c.customer_name}`}
                      >
                        <Trash2 aria-hidden="true" />
                        Remove
                      </Button>
                    </div>
                  )}
                </div>
                {rubric.length > 0 && (
                  <dl className="grid grid-cols-1 gap-x-4 gap-y-1 text-xs sm:grid-cols-2 lg:grid-cols-5">
                    {rubric.map((k) => (
                      <div key={k.key} className="flex justify-between gap-2 lg:flex-col">
                        <dt className="text-muted-foreground">{k.label}</dt>
                        <dd className="font-medium tabular-nums">
                          {c.scores[k.key] ? `${c.scores[k.key]} / 5` : "—"}
                        </dd>
                      </div>
                    ))}
                  </dl>
                )}
                {c.notes && <p className="break-words text-sm text-muted-foreground">{c.notes}</p>}
              </li>
            );
          })}
        </ol>
      )}
      {editable && (
        <>
          <CandidateDialog
            workspaceId={workspaceId}
            pilot={pilot}
            candidates={candidates}
            rubric={rubric}
            candidate={editing}
            open={editing !== null}
            onOpenChange={(open) => !open && setEditing(null)}
          />
          <ChooseDialog
            workspaceId={workspaceId}
            pilot={pilot}
            candidate={choosing}
            onClose={() => setChoosing(null)}
          />
          <RemoveCandidateDialog
            workspaceId={workspaceId}
            pilot={pilot}
            candidate={removing}
            onClose={() => setRemoving(null)}
          />
        </>
      )}
    </div>
  );
}

/**
 * Adds a candidate (an existing customer, or one created here) or rescores one. The total, its
 * rank among the others and the risk it would carry update as the scores change.
 */
export function CandidateDialog({
  workspaceId,
  pilot,
  candidates,
  rubric,
  candidate,
  open,
  onOpenChange,
  onAdded,
}: {
  workspaceId: string;
  pilot: Pilot;
  candidates: Candidate[];
  rubric: Criterion[];
  /** The candidate to rescore; null adds one. */
  candidate: Candidate | null;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onAdded?: (candidate: Candidate) => void;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-w-2xl scroll-pb-32">
        <DialogHeader>
          <DialogTitle>
            {candidate ? `Scores of ${candidate.customer_name}` : "Add a candidate customer"}
          </DialogTitle>
          <DialogDescription>
            Score each criterion from 1 (poor) to 5 (ideal). Weights come from the workspace rubric.
          </DialogDescription>
        </DialogHeader>
        {open && (
          <CandidateForm
            key={candidate?.id ?? "new"}
            workspaceId={workspaceId}
            pilot={pilot}
            candidates={candidates}
            rubric={rubric}
            candidate={candidate}
            onDone={(saved) => {
              onOpenChange(false);
              if (!candidate && saved) onAdded?.(saved);
            }}
          />
        )}
      </DialogContent>
    </Dialog>
  );
}

function CandidateForm({
  workspaceId,
  pilot,
  candidates,
  rubric,
  candidate,
  onDone,
}: {
  workspaceId: string;
  pilot: Pilot;
  candidates: Candidate[];
  rubric: Criterion[];
  candidate: Candidate | null;
  onDone: (saved: Candidate | null) => void;
}) {
  const customers = useAllCustomers(workspaceId);
  const createCustomer = useSaveCustomer(workspaceId);
  const add = useAddCandidate(workspaceId, pilot.id);
  const update = useUpdateCandidate(workspaceId, pilot.id);
  const onConflict = useConflictHandler();
  const [formError, setFormError] = useState<string | null>(null);
  const taken = new Set(candidates.map((c) => c.customer_id));
  const available = (customers.data ?? []).filter((c) => !taken.has(c.id));
  const form = useForm<CandidateValues>({
    resolver: zodResolver(candidateSchema),
    defaultValues: {
      mode: "existing",
      customer_id: candidate?.customer_id ?? "",
      name: "",
      segment: "",
      is_premier_account: false,
      scores: Object.fromEntries(
        rubric.map((k) => [k.key, candidate?.scores[k.key] ? String(candidate.scores[k.key]) : ""]),
      ),
      notes: candidate?.notes ?? "",
    },
  });
  const { errors } = form.formState;
  const mode = form.watch("mode");
  const customerId = form.watch("customer_id");
  const scores = toScores(form.watch("scores"));
  const selected = customers.data?.find((c) => c.id === customerId);
  const premier = candidate
    ? candidate.is_premier_account
    : mode === "new"
      ? form.watch("is_premier_account")
      : Boolean(selected?.is_premier_account);
  const name = candidate?.customer_name ?? (mode === "new" ? form.watch("name") : selected?.name);
  const total = candidateTotal(scores, rubric);
  const others = candidates.filter((c) => c.id !== candidate?.id);
  // Ranked as the list ranks: a premier account after every other candidate, whatever its score.
  const rank =
    total === null
      ? null
      : others.filter(
          (c) =>
            (premier && !c.is_premier_account) ||
            (c.is_premier_account === premier && c.total !== null && c.total > total),
        ).length + 1;
  const pending = add.isPending || update.isPending || createCustomer.isPending;

  const onSubmit = form.handleSubmit(async (v) => {
    setFormError(null);
    const fields: Path<CandidateValues>[] = [
      "customer_id",
      "name",
      "segment",
      "notes",
      ...rubric.map((k): Path<CandidateValues> => `scores.${k.key}`),
    ];
    try {
      if (candidate) {
        const changes = changedFields(candidate, { scores: toScores(v.scores), notes: v.notes });
        if (Object.keys(changes).length === 0) {
          onDone(null);
          return;
        }
        try {
          await update.mutateAsync({ shown: candidate, changes });
        } catch (e) {
          if (
            onConflict(e, candidate, () =>
              update.mutateAsync({ shown: candidate, changes, force: true }),
            )
          ) {
            onDone(null);
            return;
          }
          throw e;
        }
        toast(`Scores of ${candidate.customer_name} saved`);
        onDone(null);
        return;
      }
      let id = v.customer_id;
      if (v.mode === "new") {
        const created = await createCustomer.mutateAsync({
          id: null,
          etag: null,
          body: {
            name: v.name,
            segment: v.segment,
            is_premier_account: v.is_premier_account,
            notes: "",
          },
        });
        id = created.data.id;
        form.setValue("mode", "existing");
        form.setValue("customer_id", id);
      }
      const saved = await add.mutateAsync({
        customer_id: id,
        scores: toScores(v.scores),
        notes: v.notes,
      });
      toast(`${saved.customer_name} added as a candidate`);
      onDone(saved);
    } catch (e) {
      setFormError(applyProblem(e, form.setError, fields));
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      {formError && <ErrorAlert>{formError}</ErrorAlert>}
      {!candidate && (
        <fieldset className="flex flex-col gap-3">
          <legend className="mb-1 text-sm font-medium">Which customer</legend>
          <div className="flex flex-wrap gap-4 text-sm">
            <label className="flex items-center gap-2">
              <input type="radio" value="existing" {...form.register("mode")} />
              An existing customer
            </label>
            <label className="flex items-center gap-2">
              <input type="radio" value="new" {...form.register("mode")} />A new customer
            </label>
          </div>
          {mode === "existing" ? (
            <Field
              label="Customer"
              error={errors.customer_id?.message}
              help={
                available.length === 0 && !customers.isPending
                  ? "Every customer is already a candidate, or none exist yet: create one here."
                  : undefined
              }
            >
              {(props) => (
                <Select {...props} {...form.register("customer_id")}>
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
          ) : (
            <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
              <Field label="Customer name" error={errors.name?.message}>
                {(props) => <Input {...props} autoComplete="off" {...form.register("name")} />}
              </Field>
              <Field label="Segment" error={errors.segment?.message}>
                {(props) => (
                  <Input {...props} placeholder="Mid-market" {...form.register("segment")} />
                )}
              </Field>
              <label className="flex items-center gap-2 text-sm sm:col-span-2">
                <input type="checkbox" {...form.register("is_premier_account")} />
                Premier account (one of the company's most valuable relationships)
              </label>
            </div>
          )}
        </fieldset>
      )}
      {premier && <PremierWarning name={name || undefined} />}

      <div className="flex flex-col gap-3">
        {rubric.map((k) => (
          <ScoreField
            key={k.key}
            criterion={k}
            error={errors.scores?.[k.key]?.message}
            register={form.register(`scores.${k.key}`)}
          />
        ))}
      </div>

      <output
        aria-live="polite"
        className="sticky -bottom-5 z-10 flex flex-col gap-1 rounded-lg border bg-card p-3 text-sm shadow-sm sm:-bottom-6"
      >
        <span className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <span className="font-medium">
            Weighted score: {total === null ? "not scored yet" : `${Math.round(total)} / 100`}
          </span>
          {rank !== null && (
            <span className="text-muted-foreground">
              would rank {ordinal(rank)} of {others.length + 1}
            </span>
          )}
        </span>
        <span className="text-muted-foreground">
          Risk if chosen: {RISK_LABELS[derivedRisk(premier, total)]} (
          {riskExplanation(premier, total)}).
        </span>
      </output>

      <Field label="Notes" help="What you know about this customer." error={errors.notes?.message}>
        {(props) => <Textarea {...props} rows={2} {...form.register("notes")} />}
      </Field>
      <DialogFooter>
        <DialogClose asChild>
          <Button type="button" variant="outline">
            Cancel
          </Button>
        </DialogClose>
        <Button type="submit" disabled={pending}>
          {pending && <Spinner />}
          {candidate ? "Save scores" : "Add candidate"}
        </Button>
      </DialogFooter>
    </form>
  );
}

/** One criterion scored 1–5 with radios (arrow keys move between them), explained. */
function ScoreField({
  criterion,
  error,
  register,
}: {
  criterion: Criterion;
  error: string | undefined;
  register: UseFormRegisterReturn;
}) {
  const helpId = useId();
  const help = CRITERION_HELP[criterion.key];
  return (
    <fieldset
      aria-describedby={help ? helpId : undefined}
      className="flex flex-col gap-1 rounded-lg border px-3 pt-1 pb-3"
    >
      <legend className="px-1 text-sm font-medium">
        {criterion.label}
        {criterion.weight !== 1 && (
          <span className="font-normal text-muted-foreground">
            {" "}
            (weight {criterion.weight === 0 ? "0: not counted" : `×${criterion.weight}`})
          </span>
        )}
      </legend>
      <div className="flex flex-col gap-2 md:flex-row md:items-center md:justify-between md:gap-4">
        {help && (
          <p id={helpId} className="text-xs text-muted-foreground">
            {help}
          </p>
        )}
        <div className="flex shrink-0 flex-wrap gap-1">
          {[1, 2, 3, 4, 5].map((n) => (
            <label
              key={n}
              title={SCORE_LABELS[n]}
              className="relative flex h-8 min-w-9 cursor-pointer items-center justify-center gap-1 rounded-md border px-2 text-sm tabular-nums has-[:checked]:border-accent has-[:checked]:bg-accent has-[:checked]:text-accent-foreground has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2"
            >
              <input
                type="radio"
                value={String(n)}
                aria-label={`${n} (${SCORE_LABELS[n]})`}
                className="absolute inset-0 cursor-pointer appearance-none opacity-0"
                {...register}
              />
              <span aria-hidden="true">{n}</span>
            </label>
          ))}
          <label className="relative flex h-8 cursor-pointer items-center justify-center rounded-md border px-2 text-xs text-muted-foreground has-[:checked]:border-foreground has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2">
            <input
              type="radio"
              value=""
              className="absolute inset-0 cursor-pointer appearance-none opacity-0"
              {...register}
            />
            Not scored
          </label>
        </div>
      </div>
      {error && <p className="text-sm text-danger-foreground">{error}</p>}
    </fieldset>
  );
}

/** Choosing the testbed customer: the risk it brings, and why it is still the one. */
export function ChooseDialog({
  workspaceId,
  pilot,
  candidate,
  onClose,
}: {
  workspaceId: string;
  pilot: Pilot;
  candidate: Candidate | null;
  onClose: () => void;
}) {
  return (
    <Dialog open={candidate !== null} onOpenChange={(open) => !open && onClose()}>
      <DialogContent className="max-w-lg">
        <DialogHeader>
          <DialogTitle>Choose {candidate?.customer_name ?? "this customer"}</DialogTitle>
          <DialogDescription>
            The pilot runs with one testbed customer. Its risk level is derived from the score.
          </DialogDescription>
        </DialogHeader>
        {candidate && (
          <ChooseForm
            workspaceId={workspaceId}
            pilot={pilot}
            candidate={candidate}
            onDone={onClose}
          />
        )}
      </DialogContent>
    </Dialog>
  );
}

function ChooseForm({
  workspaceId,
  pilot,
  candidate,
  onDone,
}: {
  workspaceId: string;
  pilot: Pilot;
  candidate: Candidate;
  onDone: () => void;
}) {
  const update = useUpdatePilot(workspaceId, pilot.id);
  const onConflict = useConflictHandler();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<ChooseValues>({
    resolver: zodResolver(chooseSchema),
    defaultValues: { rationale: "" },
  });
  const risk = derivedRisk(candidate.is_premier_account, candidate.total);
  const onSubmit = form.handleSubmit((v) => {
    setFormError(null);
    const changes = { customer_id: candidate.customer_id, risk_rationale: v.rationale };
    update.mutate(
      { changes },
      {
        onSuccess: ({ data }) => {
          toast(
            `${candidate.customer_name} chosen; risk is ${RISK_LABELS[data.risk_level ?? risk].toLowerCase()}`,
          );
          onDone();
        },
        onError: (e) => {
          if (onConflict(e, pilot, () => update.mutateAsync({ changes, force: true }))) {
            onDone();
            return;
          }
          setFormError(
            applyProblem(e, form.setError, ["rationale"] as const, {
              risk_rationale: "rationale",
            }),
          );
        },
      },
    );
  });
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      {formError && <ErrorAlert>{formError}</ErrorAlert>}
      {candidate.is_premier_account && <PremierWarning name={candidate.customer_name} />}
      <p className="text-sm">
        Score{" "}
        <span className="font-medium tabular-nums">
          {candidate.total === null ? "not scored" : `${Math.round(candidate.total)} / 100`}
        </span>{" "}
        → risk <Badge>{RISK_LABELS[risk]}</Badge>{" "}
        <span className="text-muted-foreground">
          ({riskExplanation(candidate.is_premier_account, candidate.total)})
        </span>
      </p>
      <Field
        label="Why this customer"
        help="Small enough to be low-risk, ideal conditions, an eager champion? Recorded as the justification of the risk level."
        error={form.formState.errors.rationale?.message}
      >
        {(props) => <Textarea {...props} rows={3} {...form.register("rationale")} />}
      </Field>
      <DialogFooter>
        <DialogClose asChild>
          <Button type="button" variant="outline">
            Cancel
          </Button>
        </DialogClose>
        <Button type="submit" disabled={update.isPending}>
          {update.isPending && <Spinner />}
          {candidate.is_premier_account ? "Choose anyway" : "Choose this customer"}
        </Button>
      </DialogFooter>
    </form>
  );
}

function RemoveCandidateDialog({
  workspaceId,
  pilot,
  candidate,
  onClose,
}: {
  workspaceId: string;
  pilot: Pilot;
  candidate: Candidate | null;
  onClose: () => void;
}) {
  const remove = useRemoveCandidate(workspaceId, pilot.id);
  const [error, setError] = useState<string | null>(null);
  const chosen = candidate !== null && candidate.customer_id === pilot.customer_id;
  const close = () => {
    setError(null);
    remove.reset();
    onClose();
  };
  const confirmRemoval = useRemoval(remove, { close, setError });
  return (
    <DeleteDialog
      workspaceId={workspaceId}
      open={candidate !== null}
      onOpenChange={(open) => !open && close()}
      title={`Remove ${candidate?.customer_name ?? "candidate"}?`}
      description={
        chosen
          ? "This is the chosen testbed customer: choose another candidate first."
          : "Its scores and notes for this pilot are lost. The customer itself stays."
      }
      confirmLabel="Remove candidate"
      pending={remove.isPending}
      error={error}
      inUse={chosen ? [] : null}
      inUseMessage="The chosen customer cannot be removed."
      onConfirm={() =>
        candidate &&
        confirmRemoval(candidate, `${candidate.customer_name} removed from the candidates`)
      }
    />
  );
}
