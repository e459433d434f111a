import { zodResolver } from "@hookform/resolvers/zod";
import { Link, useNavigate } from "@tanstack/react-router";
import { ArrowRight, CircleCheck, CircleX, Rocket } from "lucide-react";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { ErrorAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { useMembers } from "@/features/members/queries";
import { useMembership } from "@/features/workspaces/queries";
import { ApiError, describeError } from "@/lib/api-error";
import { applyProblem } from "@/lib/form-errors";
import { formatDate } from "@/lib/format";
import { toast } from "@/lib/toast";
import { cn } from "@/lib/utils";
import { plainMessage } from "../../labels";
import { canDecide } from "../../permissions";
import { type GateItem, type Pilot, useTransition, useUpdatePilot } from "../../queries";
import { useAddDecision, useDecisions } from "../../records/decisions";
import { sponsorSchema, startDecisionSchema, todayIso } from "../../schemas";
import { stepForCriterion, stepTitle } from "../../wizard";
import { useConflictHandler } from "../conflict-dialog";
import { UnmetList } from "../lifecycle";
import { Textarea } from "../textarea";
import { StepFooter, StepIntro, type StepProps } from "./setup-wizard";

/** Fixed on this step itself, below the checklist. */
const ANCHORS: Record<string, { id: string; label: string }> = {
  sponsor: { id: "sponsor", label: "Name the sponsor below" },
  start_decision: { id: "start-decision", label: "Record the decision below" },
};

/**
 * Step 5: the gate checklist into `running` as the API answers it, each unmet item linking to
 * the step that fixes it; the sponsor and the start decision are settled here; then the move.
 */
export function ReviewStep({ workspaceId, pilot, gate, goTo }: StepProps) {
  const navigate = useNavigate();
  const transition = useTransition(workspaceId, pilot.id);
  const onConflict = useConflictHandler();
  const [error, setError] = useState<unknown>(null);
  const [moving, setMoving] = useState(false);
  // A proposed pilot first moves to selecting: the lifecycle goes one step at a time.
  const proposed = pilot.stage === "proposed";
  const criteria = gate.criteria.filter((c) => !(proposed && c.code === "lifecycle"));
  const ready = criteria.every((c) => c.met) && (proposed || gate.met);
  const unmet = criteria.filter((c) => !c.met).length;

  const start = async () => {
    setError(null);
    setMoving(true);
    try {
      if (proposed) await transition.mutateAsync({ transition: { to_stage: "selecting" } });
      await transition.mutateAsync({ transition: { to_stage: "running" } });
      toast(`“${pilot.title}” is now Running`);
      void navigate({
        to: "/w/$workspaceId/pilots/$pilotId",
        params: { workspaceId, pilotId: pilot.id },
      });
    } catch (e) {
      if (
        !onConflict(e, pilot, () =>
          transition.mutateAsync({ transition: { to_stage: "running" }, force: true }),
        )
      )
        setError(e);
    } finally {
      setMoving(false);
    }
  };

  return (
    <div className="flex flex-col gap-5">
      <StepIntro>
        <p>
          Before a pilot runs, its success criteria and its owners are fixed. This is the gate into
          running, checked by the server: every item must be met.
        </p>
      </StepIntro>
      <ul aria-label="Ready to run" className="flex flex-col divide-y rounded-lg border">
        {criteria.map((c) => (
          <CriterionRow key={c.code} criterion={c} pilot={pilot} workspaceId={workspaceId} />
        ))}
      </ul>

      <SponsorForm workspaceId={workspaceId} pilot={pilot} />
      <StartDecision
        workspaceId={workspaceId}
        pilot={pilot}
        met={gate.criteria.some((c) => c.code === "start_decision" && c.met)}
      />

      {error !== null && (
        <ErrorAlert
          title={error instanceof ApiError && error.unmet.length > 0 ? "Not ready yet" : undefined}
        >
          {error instanceof ApiError && error.unmet.length > 0 ? (
            <UnmetList unmet={error.unmet} />
          ) : (
            describeError(error).detail
          )}
        </ErrorAlert>
      )}
      <StepFooter onBack={() => goTo("metrics")}>
        {!ready && (
          <p id="start-blocked" className="text-sm text-muted-foreground">
            {unmet} item{unmet === 1 ? "" : "s"} to go.
          </p>
        )}
        <Button
          onClick={() => void start()}
          disabled={!ready || moving}
          aria-describedby={ready ? undefined : "start-blocked"}
        >
          {moving ? <Spinner /> : <Rocket aria-hidden="true" />}
          Move to Running
        </Button>
      </StepFooter>
    </div>
  );
}

function CriterionRow({
  criterion: c,
  pilot,
  workspaceId,
}: {
  criterion: GateItem & { met: boolean };
  pilot: Pilot;
  workspaceId: string;
}) {
  const anchor = ANCHORS[c.code];
  const step = stepForCriterion(c.code);
  return (
    <li className="flex flex-col gap-1 p-3 text-sm sm:flex-row sm:items-start sm:justify-between">
      <span className="flex gap-2">
        {c.met ? (
          <CircleCheck
            aria-hidden="true"
            className="mt-0.5 size-4 shrink-0 text-success-foreground"
          />
        ) : (
          <CircleX aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-danger-foreground" />
        )}
        <span className={cn(c.met && "text-muted-foreground")}>
          <span className="sr-only">{c.met ? "Met: " : "Not met: "}</span>
          {plainMessage(c.message)}
        </span>
      </span>
      {!c.met &&
        (anchor ? (
          <a
            href={`#${anchor.id}`}
            className="flex shrink-0 items-center gap-1 pl-6 font-medium text-accent-subtle-foreground hover:underline sm:pl-0"
          >
            {anchor.label}
          </a>
        ) : (
          <Link
            to="/w/$workspaceId/pilots/$pilotId/setup"
            params={{ workspaceId, pilotId: pilot.id }}
            search={{ step }}
            className="flex shrink-0 items-center gap-1 pl-6 font-medium text-accent-subtle-foreground hover:underline sm:pl-0"
          >
            Fix in {stepTitle(step)}
            <ArrowRight aria-hidden="true" className="size-3.5" />
          </Link>
        ))}
    </li>
  );
}

function SponsorForm({ workspaceId, pilot }: { workspaceId: string; pilot: Pilot }) {
  const members = useMembers(workspaceId);
  const update = useUpdatePilot(workspaceId, pilot.id);
  const onConflict = useConflictHandler();
  const [formError, setFormError] = useState<string | null>(null);
  const sponsors = (members.data ?? []).filter(
    (m) => m.is_active && (m.role === "executive" || m.role === "admin"),
  );
  const form = useForm<{ sponsor_id: string }>({
    resolver: zodResolver(sponsorSchema),
    defaultValues: { sponsor_id: pilot.sponsor_id ?? "" },
  });
  const onSubmit = form.handleSubmit((v) => {
    setFormError(null);
    const changes = { sponsor_id: v.sponsor_id };
    update.mutate(
      { changes },
      {
        onSuccess: () => toast("Sponsor saved"),
        onError: (e) => {
          if (!onConflict(e, pilot, () => update.mutateAsync({ changes, force: true })))
            setFormError(applyProblem(e, form.setError, ["sponsor_id"] as const));
        },
      },
    );
  });
  return (
    <form
      id="sponsor"
      onSubmit={onSubmit}
      noValidate
      aria-labelledby="sponsor-title"
      className="flex scroll-mt-20 flex-col gap-3 rounded-lg border p-4"
    >
      <h3 id="sponsor-title" className="font-medium">
        Executive sponsor
      </h3>
      {formError && <ErrorAlert>{formError}</ErrorAlert>}
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end">
        <div className="min-w-0 flex-1">
          <Field
            label="Sponsor"
            help="An executive or admin who backs the pilot at its gates. Scaling needs top management to change how departments plan, staff and pay."
            error={form.formState.errors.sponsor_id?.message}
          >
            {(props) => (
              <Select {...props} {...form.register("sponsor_id")}>
                <option value="">Choose an executive…</option>
                {sponsors.map((m) => (
                  <option key={m.user_id} value={m.user_id}>
                    {m.name} ({m.role})
                  </option>
                ))}
              </Select>
            )}
          </Field>
        </div>
        <Button type="submit" variant="outline" disabled={update.isPending} className="sm:mb-6">
          {update.isPending && <Spinner />}
          Save sponsor
        </Button>
      </div>
    </form>
  );
}

function StartDecision({
  workspaceId,
  pilot,
  met,
}: {
  workspaceId: string;
  pilot: Pilot;
  met: boolean;
}) {
  const membership = useMembership(workspaceId);
  const decisions = useDecisions(workspaceId, pilot.id);
  const members = useMembers(workspaceId);
  const add = useAddDecision(workspaceId, pilot.id);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<{ rationale: string }>({
    resolver: zodResolver(startDecisionSchema),
    defaultValues: { rationale: "" },
  });
  const latest = (decisions.data ?? [])
    .filter((d) => d.kind === "start")
    .sort((a, b) => b.decided_on.localeCompare(a.decided_on))[0];
  const who = (id: string | null) =>
    members.data?.find((m) => m.user_id === id)?.name ?? "a former member";

  const onSubmit = form.handleSubmit((v) => {
    setFormError(null);
    add.mutate(
      { kind: "start", rationale: v.rationale, decided_on: todayIso() },
      {
        onSuccess: () => {
          toast("Start decision recorded");
          form.reset({ rationale: "" });
        },
        onError: (e) => setFormError(applyProblem(e, form.setError, ["rationale"] as const)),
      },
    );
  });

  return (
    <section
      id="start-decision"
      aria-labelledby="start-decision-title"
      className="flex scroll-mt-20 flex-col gap-3 rounded-lg border p-4"
    >
      <h3 id="start-decision-title" className="font-medium">
        Start decision
      </h3>
      {met && latest ? (
        <p className="text-sm">
          Recorded by {who(latest.decided_by)} on {formatDate(latest.decided_on)}:{" "}
          <span className="text-muted-foreground">{latest.rationale}</span>
        </p>
      ) : canDecide(membership?.role) ? (
        <form onSubmit={onSubmit} noValidate className="flex flex-col gap-3">
          {formError && <ErrorAlert>{formError}</ErrorAlert>}
          <Field
            label="Why start now"
            help="An executive decides to start the pilot with this customer, on the record."
            error={form.formState.errors.rationale?.message}
          >
            {(props) => <Textarea {...props} rows={2} {...form.register("rationale")} />}
          </Field>
          <div>
            <Button type="submit" variant="outline" disabled={add.isPending}>
              {add.isPending && <Spinner />}
              Record start decision
            </Button>
          </div>
        </form>
      ) : (
        <p className="text-sm text-muted-foreground">
          An executive records the start decision. Ask{" "}
          {pilot.sponsor_id ? who(pilot.sponsor_id) : "your sponsor"} to open{" "}
          <Link
            to="/w/$workspaceId/pilots/$pilotId"
            params={{ workspaceId, pilotId: pilot.id }}
            hash="decisions"
            className="font-medium text-accent-subtle-foreground underline underline-offset-4"
          >
            the pilot's decisions
          </Link>{" "}
          and record it; this checklist updates when they do.
        </p>
      )}
    </section>
  );
}
