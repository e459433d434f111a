import { zodResolver } from "@hookform/resolvers/zod";
import {
  CalendarClock,
  Check,
  CircleCheck,
  CircleX,
  Clock,
  Pause,
  Play,
  Square,
  Undo2,
} from "lucide-react";
import { useId, useState } from "react";
import { useForm } from "react-hook-form";
import { ErrorAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
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
import { Skeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/spinner";
import { ApiError, describeError, isStale } from "@/lib/api-error";
import { toast } from "@/lib/toast";
import { cn } from "@/lib/utils";
import { dayInWords } from "../format";
import { nextStage, plainMessage, STAGE_LABELS, STEPS, type Stage } from "../labels";
import {
  type Gate,
  type GateItem,
  type Pilot,
  type TransitionBody,
  useGate,
  useTransition,
} from "../queries";
import { pauseSchema, stopSchema } from "../schemas";
import { useReportConflict } from "./conflict-dialog";
import { PilotStatusBadge, ReasonIcon } from "./health-badge";
import { useOpenSection } from "./section-fold";
import { Textarea } from "./textarea";

/** Proposed · Selecting · Running · Scale review · Scaling · Adopted, with paused/stopped on it. */
export function StageStepper({ pilot }: { pilot: Pilot }) {
  const held = pilot.stage === "paused" || pilot.stage === "stopped";
  const at = held ? pilot.paused_from : pilot.stage;
  const current = STEPS.indexOf(at as (typeof STEPS)[number]);
  return (
    <ol aria-label="Stage" className="grid grid-cols-3 gap-2 sm:grid-cols-6">
      {STEPS.map((step, index) => {
        const done = index < current || (pilot.stage === "adopted" && step === "adopted");
        const isCurrent = index === current;
        return (
          <li
            key={step}
            aria-current={isCurrent ? "step" : undefined}
            className={cn(
              "flex flex-col gap-1.5 rounded-lg border px-3 py-2 text-sm",
              isCurrent && !held && "border-accent bg-accent-subtle text-accent-subtle-foreground",
              isCurrent && held && "border-warning-border bg-warning text-warning-foreground",
              !isCurrent && !done && "text-muted-foreground",
            )}
          >
            <span className="flex items-center gap-1.5 font-medium">
              {done ? (
                <Check aria-hidden="true" className="size-4 shrink-0" />
              ) : (
                <span aria-hidden="true" className="tabular-nums">
                  {index + 1}
                </span>
              )}
              {STAGE_LABELS[step]}
            </span>
            {isCurrent && (
              <span className="flex items-center gap-1 text-xs">
                {held ? (
                  <>
                    {pilot.stage === "paused" ? (
                      <Pause aria-hidden="true" className="size-3.5" />
                    ) : (
                      <Square aria-hidden="true" className="size-3.5" />
                    )}
                    {STAGE_LABELS[pilot.stage]}
                  </>
                ) : (
                  <>
                    {pilot.days_in_stage} day{pilot.days_in_stage === 1 ? "" : "s"} here
                  </>
                )}
              </span>
            )}
            {done && <span className="sr-only">(done)</span>}
          </li>
        );
      })}
    </ol>
  );
}

/** Where on the page each health reason is cleared. */
const REASON_ACTIONS: Record<string, { section: string; label: string }> = {
  no_recent_iteration: { section: "iterations", label: "Log an iteration" },
  no_recent_measurement: { section: "iterations", label: "Record measurements" },
  scale_decision_overdue: { section: "decisions", label: "Go to the decisions" },
  stuck_in_selection: { section: "candidates", label: "Compare the candidates" },
  premier_account: { section: "candidates", label: "Review the candidates" },
  too_few_departments: { section: "departments", label: "Engage departments" },
  department_not_engaged: { section: "departments", label: "Follow up with departments" },
  department_silent: { section: "departments", label: "Record or ask for a check-in" },
  no_customer_voice: { section: "customer-voice", label: "Hear from the customer" },
  no_customer_metric: { section: "metrics", label: "Add a customer-experienced metric" },
  scale_plan_incomplete: { section: "scale-plan", label: "Complete the scale plan" },
  ready_to_scale_not_proposed: { section: "next-step", label: "Move to the scale review" },
};

export function HealthPanel({ pilot }: { pilot: Pilot }) {
  // A reason's link opens the section it points at, if it is folded.
  const openSection = useOpenSection();
  return (
    <Card role="region" aria-labelledby="health-title">
      <CardContent className="flex flex-col gap-3">
        <div className="flex items-center justify-between gap-3">
          <h2 id="health-title" className="font-semibold">
            Health
          </h2>
          <PilotStatusBadge
            stage={pilot.stage}
            health={pilot.health}
            stopReason={pilot.stop_reason}
          />
        </div>
        {pilot.health_reasons.length === 0 ? (
          <p className="text-sm text-muted-foreground">
            {pilot.stage === "paused" || pilot.stage === "stopped" || pilot.stage === "adopted"
              ? "No health rules apply in this state."
              : "Nothing needs attention right now."}
          </p>
        ) : (
          <ul className="flex flex-col gap-2 text-sm">
            {pilot.health_reasons.map((r) => {
              const action = REASON_ACTIONS[r.code];
              return (
                <li key={r.code} className="flex gap-2">
                  <ReasonIcon severity={r.severity} />
                  <span className="flex flex-col gap-0.5">
                    <span>{r.message}</span>
                    {action && (
                      <a
                        href={`#${action.section}`}
                        onClick={() => openSection(action.section)}
                        className="w-fit font-medium text-accent-subtle-foreground hover:underline"
                      >
                        {action.label}
                      </a>
                    )}
                  </span>
                </li>
              );
            })}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}

/**
 * The gate waits only for time: every criterion that is not met will be met on `ready_on` if
 * the team carries on (the pilot keeps running, open iterations keep going).
 */
export function waitsOnlyForTime(gate: Gate): gate is Gate & { ready_on: string } {
  return !gate.met && gate.allowed && gate.ready_on !== null;
}

/** The checklist as the API answers it: each criterion met or not, in plain words. */
export function GateChecklist({ gate }: { gate: Gate }) {
  if (gate.criteria.length === 0)
    return (
      <p className="text-sm text-muted-foreground">
        No conditions for this step: move on when the team is ready.
      </p>
    );
  const waiting = waitsOnlyForTime(gate);
  return (
    <div className="flex flex-col gap-3">
      {waitsOnlyForTime(gate) && (
        <div className="flex gap-3 rounded-lg border border-accent bg-accent-subtle p-3 text-accent-subtle-foreground">
          <CalendarClock aria-hidden="true" className="mt-0.5 size-5 shrink-0" />
          <div className="flex flex-col gap-0.5">
            <p className="font-semibold">Ready on {dayInWords(gate.ready_on)}</p>
            <p className="text-sm">
              Everything else is in place: a pilot has to run, and each iteration has to last, long
              enough for its results to show more than a good week.
            </p>
          </div>
        </div>
      )}
      <ul
        className="flex flex-col gap-2 text-sm"
        aria-label={`Ready for ${STAGE_LABELS[gate.to_stage]}`}
      >
        {gate.criteria.map((c) => (
          <li key={c.code} className="flex gap-2">
            {c.met ? (
              <CircleCheck
                aria-hidden="true"
                className="mt-0.5 size-4 shrink-0 text-success-foreground"
              />
            ) : waiting ? (
              // Only time is missing: nothing to fix, the day will come.
              <Clock
                aria-hidden="true"
                className="mt-0.5 size-4 shrink-0 text-accent-subtle-foreground"
              />
            ) : (
              <CircleX
                aria-hidden="true"
                className="mt-0.5 size-4 shrink-0 text-danger-foreground"
              />
            )}
            <span className={cn(c.met && "text-muted-foreground")}>
              <span className="sr-only">{c.met ? "Met: " : "Not met: "}</span>
              {plainMessage(c.message)}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function UnmetList({ unmet }: { unmet: GateItem[] }) {
  return (
    <ul className="mt-1 list-disc pl-5">
      {unmet.map((u) => (
        <li key={u.code}>{plainMessage(u.message)}</li>
      ))}
    </ul>
  );
}

/** Runs a transition; a stale ETag opens the conflict dialog, other errors are returned. */
function useRunTransition(workspaceId: string, pilot: Pilot) {
  const transition = useTransition(workspaceId, pilot.id);
  const reportConflict = useReportConflict();
  const run = (body: TransitionBody, onDone: () => void, onError: (e: unknown) => void) =>
    transition.mutate(
      { transition: body },
      {
        onSuccess: ({ data }) => {
          toast(`“${data.title}” is now ${STAGE_LABELS[data.stage]}`);
          onDone();
        },
        onError: (error) => {
          if (isStale(error)) {
            onDone();
            reportConflict({
              error,
              mine: pilot as unknown as Record<string, unknown>,
              overwrite: () => transition.mutateAsync({ transition: body, force: true }),
            });
            return;
          }
          onError(error);
        },
      },
    );
  return { run, isPending: transition.isPending };
}

export function GatePanel({
  workspaceId,
  pilot,
  editable,
}: {
  workspaceId: string;
  pilot: Pilot;
  editable: boolean;
}) {
  const next = nextStage(pilot.stage);
  const gate = useGate(workspaceId, pilot.id, next);
  // From the scale review, a `continue` or `pivot` decision sends the pilot back to running.
  const back = useGate(workspaceId, pilot.id, pilot.stage === "scale_review" ? "running" : null);
  const { run, isPending } = useRunTransition(workspaceId, pilot);
  const [error, setError] = useState<unknown>(null);
  const [dialog, setDialog] = useState<"pause" | "stop" | null>(null);
  const explainId = useId();
  const backId = useId();

  const move = (to: Stage) => {
    setError(null);
    run({ to_stage: to }, () => {}, setError);
  };

  const active = pilot.stage !== "stopped" && pilot.stage !== "adopted";
  return (
    <Card id="next-step" className="scroll-mt-20">
      <CardContent className="flex flex-col gap-4">
        {pilot.stage === "paused" ? (
          <div className="flex flex-col gap-2">
            <h2 className="font-semibold">Paused</h2>
            <p className="text-sm text-muted-foreground">
              Resuming returns it to{" "}
              {pilot.paused_from ? STAGE_LABELS[pilot.paused_from] : "its stage"}.
            </p>
          </div>
        ) : next ? (
          <div className="flex flex-col gap-3">
            <h2 className="font-semibold">Ready for {STAGE_LABELS[next]}?</h2>
            {gate.isPending ? (
              <div aria-busy="true" className="flex flex-col gap-2">
                <span className="sr-only" role="status">
                  Checking the gate…
                </span>
                <Skeleton className="h-4 w-3/4" />
                <Skeleton className="h-4 w-2/3" />
              </div>
            ) : gate.isError ? (
              <ErrorAlert title="Could not check the gate">
                {describeError(gate.error).detail}
              </ErrorAlert>
            ) : (
              <GateChecklist gate={gate.data} />
            )}
          </div>
        ) : (
          <p className="text-sm text-muted-foreground">
            {pilot.stage === "adopted"
              ? "Adopted: the pilot has become how the company works."
              : "Stopped. Its lessons are in the activity below."}
          </p>
        )}

        {error !== null && (
          <ErrorAlert
            title={
              error instanceof ApiError && error.unmet.length > 0 ? "Not ready yet" : undefined
            }
          >
            {error instanceof ApiError && error.unmet.length > 0 ? (
              <UnmetList unmet={error.unmet} />
            ) : (
              describeError(error).detail
            )}
          </ErrorAlert>
        )}

        {editable && active && (
          <div className="flex flex-wrap items-start gap-2">
            {pilot.stage === "paused" && pilot.paused_from ? (
              <Button
                onClick={() => pilot.paused_from && move(pilot.paused_from)}
                disabled={isPending}
              >
                {isPending ? <Spinner /> : <Play aria-hidden="true" />}
                Resume
              </Button>
            ) : (
              next && (
                <div className="flex flex-col gap-1.5">
                  <Button
                    onClick={() => move(next)}
                    disabled={isPending || !gate.data?.met}
                    aria-describedby={gate.data && !gate.data.met ? explainId : undefined}
                  >
                    {isPending && <Spinner />}
                    Move to {STAGE_LABELS[next]}
                  </Button>
                  {gate.data && !gate.data.met && (
                    <p id={explainId} className="text-xs text-muted-foreground">
                      {waitsOnlyForTime(gate.data)
                        ? `Possible from ${dayInWords(gate.data.ready_on)}.`
                        : "Every item above must be met first."}
                    </p>
                  )}
                </div>
              )
            )}
            {pilot.stage === "scale_review" && (
              <div className="flex flex-col gap-1.5">
                <Button
                  variant="outline"
                  onClick={() => move("running")}
                  disabled={isPending || !back.data?.met}
                  aria-describedby={backId}
                >
                  <Undo2 aria-hidden="true" />
                  Back to Running
                </Button>
                <p id={backId} className="max-w-56 text-xs text-muted-foreground">
                  {back.data?.met
                    ? "An executive decided to continue or pivot: iterate again."
                    : "Needs an executive's continue or pivot decision first."}
                </p>
              </div>
            )}
            {pilot.stage !== "paused" && (
              <Button variant="outline" onClick={() => setDialog("pause")}>
                <Pause aria-hidden="true" />
                Pause
              </Button>
            )}
            <Button
              variant="outline"
              className="text-danger-foreground"
              onClick={() => setDialog("stop")}
            >
              <Square aria-hidden="true" />
              Stop
            </Button>
          </div>
        )}
      </CardContent>
      {editable && (
        <HoldDialog
          workspaceId={workspaceId}
          pilot={pilot}
          kind={dialog}
          onClose={() => setDialog(null)}
        />
      )}
    </Card>
  );
}

function HoldDialog({
  workspaceId,
  pilot,
  kind,
  onClose,
}: {
  workspaceId: string;
  pilot: Pilot;
  kind: "pause" | "stop" | null;
  onClose: () => void;
}) {
  return (
    <Dialog open={kind !== null} onOpenChange={(open) => !open && onClose()}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{kind === "stop" ? "Stop this pilot?" : "Pause this pilot"}</DialogTitle>
          <DialogDescription>
            {kind === "stop"
              ? "Stopping ends it for good: no more iterations or moves. Record why, and what it taught you, so the next pilot starts smarter."
              : "Pausing stops the health clock. You can resume it into the stage it left."}
          </DialogDescription>
        </DialogHeader>
        {kind && <HoldForm workspaceId={workspaceId} pilot={pilot} kind={kind} onDone={onClose} />}
      </DialogContent>
    </Dialog>
  );
}

function HoldForm({
  workspaceId,
  pilot,
  kind,
  onDone,
}: {
  workspaceId: string;
  pilot: Pilot;
  kind: "pause" | "stop";
  onDone: () => void;
}) {
  const { run, isPending } = useRunTransition(workspaceId, pilot);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<{ reason: string; lessons_learned: string }>({
    resolver: zodResolver(kind === "stop" ? stopSchema : pauseSchema) as never,
    defaultValues: { reason: "", lessons_learned: "" },
  });
  const { errors } = form.formState;
  const onSubmit = form.handleSubmit((values) => {
    setFormError(null);
    run(
      {
        to_stage: kind === "stop" ? "stopped" : "paused",
        reason: values.reason,
        lessons_learned: kind === "stop" ? values.lessons_learned : "",
      },
      onDone,
      (e) => setFormError(describeError(e).detail),
    );
  });
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      {formError && <ErrorAlert>{formError}</ErrorAlert>}
      <Field label="Reason" error={errors.reason?.message}>
        {(props) => <Textarea {...props} rows={2} {...form.register("reason")} />}
      </Field>
      {kind === "stop" && (
        <Field
          label="Lessons learned"
          help="What worked, what did not, and what the next pilot should do differently."
          error={errors.lessons_learned?.message}
        >
          {(props) => <Textarea {...props} rows={3} {...form.register("lessons_learned")} />}
        </Field>
      )}
      <DialogFooter>
        <DialogClose asChild>
          <Button type="button" variant="outline">
            Cancel
          </Button>
        </DialogClose>
        <Button
          type="submit"
          variant={kind === "stop" ? "destructive" : "primary"}
          disabled={isPending}
        >
          {isPending && <Spinner />}
          {kind === "stop" ? "Stop pilot" : "Pause pilot"}
        </Button>
      </DialogFooter>
    </form>
  );
}
