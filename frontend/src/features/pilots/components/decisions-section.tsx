import { zodResolver } from "@hookform/resolvers/zod";
import { useQueryClient } from "@tanstack/react-query";
import { Goal, Lock, Undo2 } from "lucide-react";
import { useEffect, useId, useRef, useState } from "react";
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
import { Input } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { useMe } from "@/features/auth/queries";
import { useMembers } from "@/features/members/queries";
import { useMembership } from "@/features/workspaces/queries";
import { ApiError, describeError, isStale } from "@/lib/api-error";
import { applyProblem } from "@/lib/form-errors";
import { formatDate } from "@/lib/format";
import { toast } from "@/lib/toast";
import {
  type DecisionKind,
  decisionLabel,
  plainMessage,
  STAGE_LABELS,
  type Stage,
} from "../labels";
import { type Pilot, refreshPilot } from "../queries";
import {
  type Decision,
  isProblem,
  useAddDecision,
  useAllowedDecisions,
  useDecisions,
  useWithdrawDecision,
} from "../records/decisions";
import {
  type DecisionValues,
  decisionSchema,
  todayIso,
  type WithdrawValues,
  withdrawSchema,
} from "../schemas";
import { Section, SectionState } from "./section";
import { Textarea } from "./textarea";

export function DecisionsSection({
  workspaceId,
  pilot,
  canRecord,
  decide,
}: {
  workspaceId: string;
  pilot: Pilot;
  canRecord: boolean;
  /** The kind to open the form with (`?decide=` on the page's URL). */
  decide?: DecisionKind | undefined;
}) {
  const decisions = useDecisions(workspaceId, pilot.id);
  const members = useMembers(workspaceId);
  const membership = useMembership(workspaceId);
  const me = useMe();
  const [withdrawing, setWithdrawing] = useState<Decision | null>(null);
  const name = (id: string | null) =>
    members.data?.find((m) => m.user_id === id)?.name ??
    (id ? "a former member" : "an integration");
  const list = [...(decisions.data ?? [])].sort(
    (a, b) => b.decided_on.localeCompare(a.decided_on) || b.created_at.localeCompare(a.created_at),
  );
  // The API decides in the end (409 decision-final); the page offers it only where it can work.
  const canWithdraw = (d: Decision) =>
    d.withdrawn_at === null &&
    Date.parse(d.created_at) >= Date.parse(pilot.stage_entered_at) &&
    (membership?.role === "admin" ||
      (membership?.role === "executive" && me.data?.id === d.decided_by));

  return (
    <Section
      id="decisions"
      title="Decisions"
      description="Executives decide at the gates: start, continue, pivot, scale or stop, each with the reason. A decision lets the team take the next step; it moves nothing by itself."
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
              <DecisionItem
                key={d.id}
                decision={d}
                name={name}
                onWithdraw={canWithdraw(d) ? () => setWithdrawing(d) : null}
              />
            ))}
          </ul>
        )}
      </SectionState>
      {canRecord && <DecisionForm workspaceId={workspaceId} pilot={pilot} decide={decide} />}
      <WithdrawDialog
        workspaceId={workspaceId}
        pilotId={pilot.id}
        decision={withdrawing}
        onClose={() => setWithdrawing(null)}
      />
    </Section>
  );
}

/** One decision; a withdrawn one stays, struck through, with who withdrew it and why. */
function DecisionItem({
  decision: d,
  name,
  onWithdraw,
}: {
  decision: Decision;
  name: (id: string | null) => string;
  onWithdraw: (() => void) | null;
}) {
  const withdrawn = d.withdrawn_at !== null;
  const label = decisionLabel(d.kind);
  return (
    <li id={`decision-${d.id}`} tabIndex={-1} className="flex flex-col gap-1 py-3 outline-none">
      <div className="flex flex-wrap items-start justify-between gap-x-3 gap-y-1">
        <p className="flex flex-wrap items-center gap-2 text-sm">
          {withdrawn ? (
            <>
              <del className="text-muted-foreground">
                <Badge className="line-through">{label}</Badge>
              </del>
              <Badge tone="warning">
                <Undo2 aria-hidden="true" />
                Withdrawn
              </Badge>
            </>
          ) : (
            <Badge>{label}</Badge>
          )}
          <span className="tabular-nums">{formatDate(d.decided_on)}</span>
          <span className="text-muted-foreground">by {name(d.decided_by)}</span>
        </p>
        {onWithdraw && (
          <Button variant="ghost" size="sm" className="-my-1" onClick={onWithdraw}>
            <Undo2 aria-hidden="true" />
            Withdraw{" "}
            <span className="sr-only">
              the {label} decision of {formatDate(d.decided_on)}
            </span>
          </Button>
        )}
      </div>
      {withdrawn ? (
        <>
          <p className="break-words text-sm text-muted-foreground">
            <del>{d.rationale}</del>
          </p>
          <p className="flex gap-1.5 break-words text-sm">
            <Undo2 aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-muted-foreground" />
            <span className="min-w-0">
              Withdrawn on{" "}
              <span className="tabular-nums">{formatDate(d.withdrawn_at ?? d.updated_at)}</span> by{" "}
              {name(d.withdrawn_by)}: {d.withdraw_reason}
            </span>
          </p>
        </>
      ) : (
        <p className="break-words text-sm">{d.rationale}</p>
      )}
    </li>
  );
}

/** "Start", "Start or Stop", "Continue, Pivot, Scale or Stop". */
function orList(words: string[]): string {
  if (words.length <= 1) return words[0] ?? "";
  return `${words.slice(0, -1).join(", ")} or ${words[words.length - 1]}`;
}

/** Why a stage offers no decision at all. */
function noDecisionText(stage: Stage): string {
  if (stage === "adopted")
    return "An adopted pilot takes no more decisions: it is part of how the company works now.";
  if (stage === "stopped")
    return "A stopped pilot takes no more decisions. Its reason and lessons stay on record.";
  return `A pilot in ${STAGE_LABELS[stage]} takes no decision.`;
}

/**
 * Records a decision. Only the kinds the pilot's stage allows are offered, each with what it lets
 * the team do next; the API stays the authority (409 `decision-not-allowed` when the stage
 * changed meanwhile, and the choices are refreshed).
 */
function DecisionForm({
  workspaceId,
  pilot,
  decide,
}: {
  workspaceId: string;
  pilot: Pilot;
  decide?: DecisionKind | undefined;
}) {
  const allowed = useAllowedDecisions(workspaceId, pilot.id);
  const queryClient = useQueryClient();
  const add = useAddDecision(workspaceId, pilot.id);
  const [formError, setFormError] = useState<string | null>(null);
  const headingId = useId();
  const kindsId = useId();
  const whyId = useId();
  const kinds = allowed.data?.allowed ?? [];
  const stage = allowed.data?.stage ?? pilot.stage;
  const offered = (kind: DecisionKind | undefined) => kinds.some((k) => k.kind === kind);

  const form = useForm<DecisionValues>({
    resolver: zodResolver(decisionSchema),
    defaultValues: { rationale: "", decided_on: todayIso() },
  });
  const { errors } = form.formState;
  const kind = form.watch("kind") as DecisionKind | undefined;

  // Choose the deep-linked kind (or the only one there is) once the choices are known; drop a
  // choice the stage no longer takes.
  const kindList = kinds.map((k) => k.kind).join(",");
  useEffect(() => {
    if (!kindList) return;
    const available = kindList.split(",") as DecisionKind[];
    const current = form.getValues("kind") as DecisionKind | undefined;
    if (current && available.includes(current)) return;
    const initial =
      decide && available.includes(decide) ? decide : available.length === 1 ? available[0] : null;
    // null, not undefined: that unchecks every radio.
    form.setValue("kind", initial as DecisionKind);
  }, [kindList, decide, form]);

  // `?decide=`: bring the form into view, with focus on the chosen kind, once.
  const formRef = useRef<HTMLFormElement>(null);
  const arrived = useRef(false);
  useEffect(() => {
    if (!decide || arrived.current || !allowed.data || !formRef.current) return;
    arrived.current = true;
    const target =
      formRef.current.querySelector<HTMLInputElement>(`input[value="${decide}"]`) ??
      formRef.current.querySelector<HTMLInputElement>("input[type=radio]");
    formRef.current.scrollIntoView?.({ block: "start" });
    target?.focus({ preventScroll: true });
  }, [decide, allowed.data]);

  if (allowed.isPending || allowed.isError)
    return (
      <SectionState
        pending={allowed.isPending}
        error={allowed.error}
        onRetry={() => void allowed.refetch()}
      >
        {null}
      </SectionState>
    );

  if (kinds.length === 0)
    return (
      <p className="flex gap-2 rounded-lg border bg-muted/40 p-3 text-sm text-muted-foreground">
        <Lock aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
        {noDecisionText(stage)}
      </p>
    );

  const onSubmit = form.handleSubmit((v) => {
    setFormError(null);
    add.mutate(
      { kind: v.kind, rationale: v.rationale, decided_on: v.decided_on || null },
      {
        onSuccess: (d) => {
          toast(`Decision “${decisionLabel(d.kind)}” recorded`);
          // The next decision is a choice of its own: nothing stays chosen (unless there is one).
          const only = kinds.length === 1 ? (kinds[0]?.kind ?? null) : null;
          form.reset({ kind: only as DecisionKind, rationale: "", decided_on: v.decided_on });
        },
        onError: (e) => {
          if (isProblem(e, "decision-not-allowed")) {
            // The stage changed since the page was read: say so, and offer what it takes now.
            setFormError(plainMessage(e.detail ?? e.title));
            void refreshPilot(queryClient, workspaceId, pilot.id);
            return;
          }
          setFormError(
            applyProblem(e, form.setError, ["kind", "rationale", "decided_on"] as const),
          );
        },
      },
    );
  });

  const labels = kinds.map((k) => decisionLabel(k.kind));
  const deepLinkRefused = decide !== undefined && !offered(decide);
  return (
    <form
      ref={formRef}
      onSubmit={onSubmit}
      noValidate
      aria-labelledby={headingId}
      className="flex scroll-mt-20 flex-col gap-4 rounded-lg border p-4"
    >
      <div className="flex flex-col gap-1">
        <h3 id={headingId} className="font-medium">
          Record a decision
        </h3>
        <p id={whyId} className="text-sm text-muted-foreground">
          A pilot in {STAGE_LABELS[stage]} can take a {orList(labels)} decision. Decisions fit the
          stage: each answers the question the pilot faces now.
        </p>
      </div>
      {deepLinkRefused && (
        <p role="note" className="text-sm text-muted-foreground">
          A {decisionLabel(decide)} decision is not open in {STAGE_LABELS[stage]}: choose one of
          these.
        </p>
      )}
      {formError && <ErrorAlert>{formError}</ErrorAlert>}
      <fieldset
        className="flex flex-col gap-2"
        aria-describedby={[whyId, errors.kind ? `${kindsId}-error` : null]
          .filter(Boolean)
          .join(" ")}
      >
        <legend className="mb-1 text-sm font-medium">Decision</legend>
        <div className="grid grid-cols-1 gap-2 sm:grid-cols-2">
          {kinds.map((k) => (
            <label
              key={k.kind}
              className="flex cursor-pointer gap-3 rounded-lg border p-3 has-[:checked]:border-accent has-[:checked]:bg-accent-subtle has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2"
            >
              <input
                type="radio"
                value={k.kind}
                aria-labelledby={`${kindsId}-${k.kind}`}
                aria-describedby={`${kindsId}-${k.kind}-effect`}
                className="mt-1 accent-[var(--accent)]"
                {...form.register("kind")}
              />
              <span className="flex flex-col gap-0.5">
                <span id={`${kindsId}-${k.kind}`} className="text-sm font-medium">
                  {decisionLabel(k.kind)}
                </span>
                <span id={`${kindsId}-${k.kind}-effect`} className="text-xs text-muted-foreground">
                  {k.effect}
                </span>
              </span>
            </label>
          ))}
        </div>
        {errors.kind && (
          <p id={`${kindsId}-error`} className="text-sm text-danger-foreground">
            {errors.kind.message}
          </p>
        )}
      </fieldset>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-[12rem_1fr]">
        <Field label="Decided on" error={errors.decided_on?.message}>
          {(props) => (
            <Input {...props} type="date" max={todayIso()} {...form.register("decided_on")} />
          )}
        </Field>
        <Field label="Rationale" error={errors.rationale?.message}>
          {(props) => <Textarea {...props} rows={2} {...form.register("rationale")} />}
        </Field>
      </div>
      {pilot.criteria_changed && <CriteriaChangedWarning scaling={kind === "scale"} />}
      <div>
        <Button type="submit" disabled={add.isPending}>
          {add.isPending && <Spinner />}
          Record decision
        </Button>
      </div>
    </form>
  );
}

/** Moved goalposts: said right before the decision, with the way to what changed. */
export function CriteriaChangedWarning({ scaling }: { scaling: boolean }) {
  return (
    <div
      role="note"
      aria-label="Success criteria changed after the start"
      className="flex gap-2 rounded-lg border border-warning-border bg-warning p-3 text-sm text-warning-foreground"
    >
      <Goal aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
      <div className="flex flex-col gap-1">
        <p className="font-medium">Success criteria changed after the start</p>
        <p>
          A metric's baseline, target, direction or kind was changed, or a metric removed, after the
          pilot started running.{" "}
          {scaling
            ? "Results measured against moved goalposts can look better than they are: check what changed and why before you scale."
            : "Check what changed and why before you decide."}
        </p>
        <a
          href="#metrics"
          className="w-fit font-medium underline underline-offset-4 hover:no-underline"
        >
          See the changes in Metrics
        </a>
      </div>
    </div>
  );
}

/**
 * Asks why a decision is withdrawn. Focus starts in the reason; after a withdrawal it goes to the
 * decision, now struck through (the Withdraw button it came from is gone).
 */
function WithdrawDialog({
  workspaceId,
  pilotId,
  decision: open,
  onClose,
}: {
  workspaceId: string;
  pilotId: string;
  decision: Decision | null;
  onClose: () => void;
}) {
  // The decision stays named while the dialog animates out.
  const last = useRef(open);
  if (open) last.current = open;
  const decision = open ?? last.current;
  const withdraw = useWithdrawDecision(workspaceId, pilotId);
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const done = useRef<string | null>(null);
  const reasonRef = useRef<HTMLTextAreaElement | null>(null);
  const form = useForm<WithdrawValues>({
    resolver: zodResolver(withdrawSchema),
    defaultValues: { reason: "" },
  });
  const { errors } = form.formState;
  const { ref: registerReasonRef, ...reasonField } = form.register("reason");
  const label = decision ? decisionLabel(decision.kind) : "";

  const close = () => {
    setFormError(null);
    form.reset({ reason: "" });
    onClose();
  };

  const onSubmit = form.handleSubmit((v) => {
    if (!decision) return;
    setFormError(null);
    withdraw.mutate(
      { shown: decision, reason: v.reason },
      {
        onSuccess: () => {
          toast(`Decision “${label}” withdrawn`);
          done.current = decision.id;
          close();
        },
        onError: (e) => {
          if (isProblem(e, "decision-final") || isProblem(e, "decision-withdrawn") || isStale(e)) {
            // The pilot moved on, or someone withdrew it first: say so and show the list as it is.
            setFormError(
              isStale(e)
                ? "This decision changed since the page was loaded; the list now shows it as it is."
                : plainMessage((e as ApiError).detail ?? (e as ApiError).title),
            );
            void refreshPilot(queryClient, workspaceId, pilotId);
            return;
          }
          setFormError(
            e instanceof ApiError && e.status === 403
              ? describeError(e).detail
              : applyProblem(e, form.setError, ["reason"] as const),
          );
        },
      },
    );
  });

  return (
    <Dialog open={open !== null} onOpenChange={(open) => !open && close()}>
      <DialogContent
        onOpenAutoFocus={(event) => {
          event.preventDefault();
          reasonRef.current?.focus();
        }}
        onCloseAutoFocus={(event) => {
          const id = done.current;
          done.current = null;
          if (!id) return;
          const item = document.getElementById(`decision-${id}`);
          if (item) {
            event.preventDefault();
            item.focus();
          }
        }}
      >
        <DialogHeader>
          <DialogTitle>Withdraw the {label} decision?</DialogTitle>
          <DialogDescription>
            It stays on record, struck through with your reason, and counts for no gate, health rule
            or portfolio figure. Once the pilot changes stage, a decision can no longer be
            withdrawn.
          </DialogDescription>
        </DialogHeader>
        <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
          {formError && <ErrorAlert>{formError}</ErrorAlert>}
          {decision && (
            <p className="break-words rounded-lg border bg-muted/40 p-3 text-sm">
              <span className="font-medium">
                {label}, {formatDate(decision.decided_on)}:
              </span>{" "}
              {decision.rationale}
            </p>
          )}
          <Field
            label="Why is it withdrawn?"
            help="10 to 2,000 characters, kept beside the decision for whoever reads it later. For example: recorded on the wrong pilot, or the board revisited it."
            error={errors.reason?.message}
          >
            {(props) => (
              <Textarea
                {...props}
                rows={3}
                {...reasonField}
                ref={(element) => {
                  registerReasonRef(element);
                  reasonRef.current = element;
                }}
              />
            )}
          </Field>
          <DialogFooter>
            <DialogClose asChild>
              <Button type="button" variant="outline">
                Cancel
              </Button>
            </DialogClose>
            <Button type="submit" variant="destructive" disabled={withdraw.isPending}>
              {withdraw.isPending && <Spinner />}
              Withdraw decision
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
