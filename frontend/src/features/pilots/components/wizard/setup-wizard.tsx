import { Link, useNavigate } from "@tanstack/react-router";
import { ArrowLeft, Check, CloudCheck } from "lucide-react";
import { type ReactNode, useEffect, useRef } from "react";
import { ListError, ListSkeleton } from "@/components/list-states";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { useMembership } from "@/features/workspaces/queries";
import { useDocumentTitle } from "@/lib/use-document-title";
import { cn } from "@/lib/utils";
import { STAGE_LABELS } from "../../labels";
import { canEdit } from "../../permissions";
import { type Gate, type Pilot, useGate, usePilot } from "../../queries";
import {
  firstIncompleteStep,
  isSetupStage,
  SETUP_STEPS,
  type SetupStep,
  stepIndex,
  stepsDone,
  stepTitle,
} from "../../wizard";
import { ConflictProvider } from "../conflict-dialog";
import { useConflictNames } from "../use-conflict-names";
import { CustomerStep } from "./customer-step";
import { DepartmentsStep } from "./departments-step";
import { MetricsStep } from "./metrics-step";
import { OutcomeStep } from "./outcome-step";
import { ReviewStep } from "./review-step";

export type StepProps = {
  workspaceId: string;
  pilot: Pilot;
  gate: Gate;
  /** Moves to another step of the wizard. */
  goTo: (step: SetupStep) => void;
};

/**
 * The new-pilot wizard. The draft is the pilot itself (proposed or selecting): every step saves
 * through the API as the person goes, so leaving and coming back resumes where it stopped.
 */
export function SetupWizard({
  workspaceId,
  pilotId,
  step,
}: {
  workspaceId: string;
  pilotId: string | null;
  /** null: resume at the first incomplete step. */
  step: SetupStep | null;
}) {
  const membership = useMembership(workspaceId);
  if (membership && !canEdit(membership.role)) {
    return (
      <div className="mx-auto flex max-w-xl flex-col items-start gap-3 py-10">
        <h1 className="text-2xl font-semibold tracking-tight">Setting up pilots is for editors</h1>
        <p className="text-muted-foreground">
          Your role in this workspace is {membership.role}: you can read every pilot, and editors
          and admins set them up.
        </p>
        <Button asChild variant="outline">
          {pilotId ? (
            <Link to="/w/$workspaceId/pilots/$pilotId" params={{ workspaceId, pilotId }}>
              Open the pilot
            </Link>
          ) : (
            <Link to="/w/$workspaceId/pilots" params={{ workspaceId }}>
              Back to the pilots
            </Link>
          )}
        </Button>
      </div>
    );
  }
  if (pilotId === null) {
    return (
      <WizardFrame workspaceId={workspaceId} pilot={null} step="outcome" done={null}>
        <OutcomeStep workspaceId={workspaceId} pilot={null} />
      </WizardFrame>
    );
  }
  return <DraftWizard workspaceId={workspaceId} pilotId={pilotId} step={step} />;
}

function DraftWizard({
  workspaceId,
  pilotId,
  step,
}: {
  workspaceId: string;
  pilotId: string;
  step: SetupStep | null;
}) {
  const navigate = useNavigate();
  const query = usePilot(workspaceId, pilotId);
  const gate = useGate(workspaceId, pilotId, "running");
  const names = useConflictNames(workspaceId);
  const resumeAt = gate.data ? firstIncompleteStep(gate.data.criteria) : null;

  useEffect(() => {
    if (step === null && resumeAt !== null)
      void navigate({
        to: "/w/$workspaceId/pilots/$pilotId/setup",
        params: { workspaceId, pilotId },
        search: { step: resumeAt },
        replace: true,
      });
  }, [step, resumeAt, navigate, workspaceId, pilotId]);

  const goTo = (next: SetupStep) =>
    void navigate({
      to: "/w/$workspaceId/pilots/$pilotId/setup",
      params: { workspaceId, pilotId },
      search: { step: next },
    });

  if (query.isPending || gate.isPending || step === null)
    return <ListSkeleton label="Loading the pilot's setup…" rows={4} />;
  if (query.isError || gate.isError) {
    const failed = query.isError ? query : gate;
    return (
      <ListError
        what="the pilot's setup"
        error={failed.error}
        onRetry={() => void Promise.all([query.refetch(), gate.refetch()])}
        retrying={query.isFetching || gate.isFetching}
      />
    );
  }
  const { pilot } = query.data;
  if (!isSetupStage(pilot.stage)) {
    return (
      <div className="mx-auto flex max-w-xl flex-col items-start gap-3 py-10">
        <h1 className="text-2xl font-semibold tracking-tight">{pilot.title} is set up</h1>
        <p className="text-muted-foreground">
          It is {STAGE_LABELS[pilot.stage].toLowerCase()} now: the setup wizard is for pilots that
          are still proposed or selecting. Everything else is on the pilot's page.
        </p>
        <Button asChild>
          <Link to="/w/$workspaceId/pilots/$pilotId" params={{ workspaceId, pilotId }}>
            Open the pilot
          </Link>
        </Button>
      </div>
    );
  }
  const props: StepProps = { workspaceId, pilot, gate: gate.data, goTo };
  return (
    <ConflictProvider workspaceId={workspaceId} pilotId={pilotId} names={names}>
      <WizardFrame
        workspaceId={workspaceId}
        pilot={pilot}
        step={step}
        done={stepsDone(gate.data.criteria)}
      >
        {step === "outcome" && <OutcomeStep workspaceId={workspaceId} pilot={pilot} />}
        {step === "customer" && <CustomerStep {...props} />}
        {step === "departments" && <DepartmentsStep {...props} />}
        {step === "metrics" && <MetricsStep {...props} />}
        {step === "review" && <ReviewStep {...props} />}
      </WizardFrame>
    </ConflictProvider>
  );
}

function WizardFrame({
  workspaceId,
  pilot,
  step,
  done,
  children,
}: {
  workspaceId: string;
  pilot: Pilot | null;
  step: SetupStep;
  done: Record<SetupStep, boolean> | null;
  children: ReactNode;
}) {
  useDocumentTitle(pilot ? `Set up ${pilot.title}` : "New pilot");
  const heading = useRef<HTMLHeadingElement>(null);
  const index = stepIndex(step);
  const first = useRef(true);
  // Moving between steps puts focus on the new step's heading, as a page change would.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on step changes only
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    heading.current?.focus();
  }, [step]);

  return (
    <div className="mx-auto flex w-full max-w-4xl min-w-0 flex-col gap-6">
      <div className="flex flex-col gap-2">
        <Link
          to={pilot ? "/w/$workspaceId/pilots/$pilotId" : "/w/$workspaceId/pilots"}
          params={pilot ? { workspaceId, pilotId: pilot.id } : { workspaceId }}
          className="flex w-fit items-center gap-1 text-sm text-muted-foreground hover:text-foreground"
        >
          <ArrowLeft aria-hidden="true" className="size-4" />
          {pilot ? "Leave setup (everything is saved)" : "Pilots"}
        </Link>
        <h1 className="break-words text-2xl font-semibold tracking-tight">
          {pilot ? `Set up “${pilot.title}”` : "New pilot"}
        </h1>
        <p className="flex items-center gap-1.5 text-sm text-muted-foreground">
          <CloudCheck aria-hidden="true" className="size-4 shrink-0" />
          {pilot
            ? "Saved as you go: leave any time and continue setup from the pilot's page."
            : "Five short steps. The pilot is saved as a draft from the first one."}
        </p>
      </div>

      <nav aria-label="Setup steps">
        <ol className="grid grid-cols-5 gap-1.5 sm:gap-2">
          {SETUP_STEPS.map((s, i) => {
            const isCurrent = s.id === step;
            const isDone = done?.[s.id] ?? false;
            const content = (
              <>
                <span
                  aria-hidden="true"
                  className={cn(
                    "flex size-6 shrink-0 items-center justify-center rounded-full border text-xs tabular-nums",
                    isDone && "border-success-border bg-success text-success-foreground",
                    isCurrent && "border-accent bg-accent text-accent-foreground",
                  )}
                >
                  {isDone && !isCurrent ? <Check className="size-3.5" /> : i + 1}
                </span>
                <span aria-hidden="true" className="hidden truncate sm:inline">
                  {s.label}
                </span>
                <span className="sr-only">
                  {`${s.title}${isDone ? " (done)" : pilot ? " (to do)" : ""}`}
                </span>
              </>
            );
            const className = cn(
              "flex min-w-0 flex-col items-center gap-1 rounded-lg border px-1 py-2 text-xs font-medium sm:flex-row sm:px-3 sm:text-sm",
              isCurrent
                ? "border-accent bg-accent-subtle text-accent-subtle-foreground"
                : "text-muted-foreground",
            );
            return (
              <li key={s.id} className="min-w-0">
                {pilot ? (
                  <Link
                    to="/w/$workspaceId/pilots/$pilotId/setup"
                    params={{ workspaceId, pilotId: pilot.id }}
                    search={{ step: s.id }}
                    className={cn(className, "hover:bg-muted hover:text-foreground")}
                  >
                    {content}
                  </Link>
                ) : (
                  <span aria-current={isCurrent ? "page" : undefined} className={className}>
                    {content}
                  </span>
                )}
              </li>
            );
          })}
        </ol>
        <p className="mt-2 text-sm text-muted-foreground sm:hidden" aria-hidden="true">
          Step {index + 1} of {SETUP_STEPS.length}: {stepTitle(step)}
        </p>
      </nav>

      <Card>
        <CardContent className="flex flex-col gap-5">
          <h2
            ref={heading}
            tabIndex={-1}
            className="text-xl font-semibold tracking-tight focus:outline-none"
          >
            <span className="sr-only">
              Step {index + 1} of {SETUP_STEPS.length}:{" "}
            </span>
            {stepTitle(step)}
          </h2>
          {children}
        </CardContent>
      </Card>
    </div>
  );
}

/** Back and continue, at the bottom of every step. */
export function StepFooter({ onBack, children }: { onBack?: () => void; children?: ReactNode }) {
  return (
    <div className="flex flex-col-reverse gap-2 border-t pt-4 sm:flex-row sm:items-center sm:justify-between">
      {onBack ? (
        <Button type="button" variant="outline" onClick={onBack}>
          Back
        </Button>
      ) : (
        <span />
      )}
      <div className="flex flex-col gap-2 sm:flex-row sm:items-center">{children}</div>
    </div>
  );
}

/** Why a step exists, in the method's words: short, above the work. */
export function StepIntro({ children }: { children: ReactNode }) {
  return <div className="flex flex-col gap-2 text-sm text-muted-foreground">{children}</div>;
}
