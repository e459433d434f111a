import { Link } from "@tanstack/react-router";
import { ArrowLeft, ArrowRight, ChevronRight, ListChecks, Pencil } from "lucide-react";
import type * as React from "react";
import { Fragment, useState } from "react";
import { ListError, ListSkeleton } from "@/components/list-states";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import type { TimelineFilter } from "@/features/comments/timeline";
import { formatMoney } from "@/features/customers/format";
import { CustomerVoiceSection } from "@/features/feedback/components/customer-voice-section";
import { PracticesPanel } from "@/features/learning/components/practices-panel";
import { useMembers } from "@/features/members/queries";
import { useMembership, useWorkspace } from "@/features/workspaces/queries";
import { useDocumentTitle } from "@/lib/use-document-title";
import { cn } from "@/lib/utils";
import { type DecisionKind, outcomeLabel, RISK_LABELS, STAGE_LABELS } from "../labels";
import { canDecide, canEdit } from "../permissions";
import { type Pilot, useGate, usePilot } from "../queries";
import { useCandidates } from "../records/candidates";
import { isSetupStage } from "../wizard";
import { ActivitySection } from "./activity-section";
import { CandidatesSection } from "./candidates-section";
import { ConflictProvider } from "./conflict-dialog";
import { DecisionsSection } from "./decisions-section";
import { DepartmentsSection } from "./departments-section";
import { EditPilotDialog } from "./edit-pilot-dialog";
import { isClosedStage, PilotStatusBadge } from "./health-badge";
import { IterationsSection } from "./iterations-section";
import { GatePanel, HealthPanel, StageStepper } from "./lifecycle";
import { CriteriaChangedBanner, MetricsSection } from "./metrics-section";
import { ScalePlanSection } from "./scale-plan-section";
import { Section } from "./section";
import {
  PILOT_SECTIONS,
  SectionFoldProvider,
  type SectionId,
  sectionPlan,
  useOpenSection,
  useSectionFold,
} from "./section-fold";
import { useConflictNames } from "./use-conflict-names";

export function PilotPage({
  workspaceId,
  pilotId,
  decide,
  log,
  activity = "all",
  hash = "",
  onActivityChange,
  onLogClose,
}: {
  workspaceId: string;
  pilotId: string;
  /** A decision to open the decision form with (`?decide=`). */
  decide?: DecisionKind | undefined;
  /** `?log=iteration`: opens the form to log an iteration. */
  log?: "iteration" | undefined;
  /** The log form closed: the route drops `?log=`. */
  onLogClose?: () => void;
  /** What the discussion and activity timeline shows (`?activity=`). */
  activity?: TimelineFilter;
  /** The URL's hash (`comment-<id>` scrolls to that comment). */
  hash?: string;
  onActivityChange: (filter: TimelineFilter) => void;
}) {
  const query = usePilot(workspaceId, pilotId);
  const membership = useMembership(workspaceId);
  const members = useMembers(workspaceId);
  const candidates = useCandidates(workspaceId, pilotId);
  const [editing, setEditing] = useState(false);
  useDocumentTitle(query.data?.pilot.title ?? "Pilot");

  const names = useConflictNames(workspaceId);
  const workspace = useWorkspace(workspaceId);

  if (query.isPending) return <ListSkeleton label="Loading pilot…" rows={5} />;
  if (query.isError)
    return (
      <ListError
        what="the pilot"
        error={query.error}
        onRetry={() => void query.refetch()}
        retrying={query.isFetching}
      />
    );

  const { pilot } = query.data;
  const editable = canEdit(membership?.role) && pilot.stage !== "stopped";
  const decides = canDecide(membership?.role);
  const customer = pilot.customer_id
    ? ((candidates.data ?? []).find((c) => c.customer_id === pilot.customer_id)?.customer_name ??
      null)
    : null;
  const person = (id: string | null) => (id ? (names[id] ?? "Unknown member") : "None yet");
  const currency = workspace.data?.currency ?? null;
  const money = (amount: number | null) =>
    amount === null ? "not set" : currency ? formatMoney(amount, currency) : String(amount);

  const plan = sectionPlan(pilot.stage);
  // A link to a decision form, a comment, a section or the log form opens what it points at.
  const target = hash.replace(/^#/, "");
  const forced: SectionId[] = [
    ...(decide ? (["decisions"] as const) : []),
    ...(log === "iteration" ? (["iterations"] as const) : []),
    ...(target.startsWith("comment-") ? (["activity"] as const) : []),
    ...(target in PILOT_SECTIONS ? [target as SectionId] : []),
  ];
  const sections: Record<SectionId, React.ReactNode> = {
    candidates: <CandidatesSection workspaceId={workspaceId} pilot={pilot} editable={editable} />,
    departments: <DepartmentsSection workspaceId={workspaceId} pilot={pilot} editable={editable} />,
    iterations: (
      <IterationsSection
        workspaceId={workspaceId}
        pilot={pilot}
        editable={editable}
        customer={customer}
        logOpen={log === "iteration"}
        onLogClose={onLogClose}
      />
    ),
    metrics: <MetricsSection workspaceId={workspaceId} pilot={pilot} editable={editable} />,
    "customer-voice": (
      <CustomerVoiceSection
        workspaceId={workspaceId}
        pilot={pilot}
        customer={customer}
        editable={editable}
        canSeeLinks={canEdit(membership?.role)}
      />
    ),
    decisions: (
      <DecisionsSection
        workspaceId={workspaceId}
        pilot={pilot}
        canRecord={decides}
        decide={decide}
      />
    ),
    "scale-plan": <ScalePlanSection workspaceId={workspaceId} pilot={pilot} editable={editable} />,
    practices: <PracticesFold workspaceId={workspaceId} pilotId={pilot.id} />,
    activity: (
      <ActivitySection
        workspaceId={workspaceId}
        pilotId={pilot.id}
        hash={hash}
        filter={activity}
        onFilterChange={onActivityChange}
      />
    ),
  };

  return (
    <ConflictProvider workspaceId={workspaceId} pilotId={pilotId} names={names}>
      <SectionFoldProvider pilotId={pilot.id} open={plan.open} forced={forced}>
        <div className="flex min-w-0 flex-col gap-6">
          <div className="flex flex-col gap-3">
            <Link
              to="/w/$workspaceId/pilots"
              params={{ workspaceId }}
              className="flex w-fit items-center gap-1 text-sm text-muted-foreground hover:text-foreground"
            >
              <ArrowLeft aria-hidden="true" className="size-4" />
              Pilots
            </Link>
            <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
              <div className="flex min-w-0 flex-col gap-1">
                <h1 className="break-words text-2xl font-semibold tracking-tight">{pilot.title}</h1>
                <p className="flex flex-wrap gap-x-3 gap-y-1 text-sm text-muted-foreground">
                  <span>Outcome: {outcomeLabel(pilot.target_outcome)}</span>
                  <span>Owner: {person(pilot.owner_id)}</span>
                  <span>Sponsor: {person(pilot.sponsor_id)}</span>
                  <span className="tabular-nums">
                    Revenue at stake: {money(pilot.revenue_at_stake)}
                  </span>
                  <span className="tabular-nums">Budget: {money(pilot.budget)}</span>
                  <span>
                    Risk:{" "}
                    {pilot.risk_level ? (
                      <Badge title={pilot.risk_rationale || undefined}>
                        {RISK_LABELS[pilot.risk_level]}
                      </Badge>
                    ) : (
                      "not set"
                    )}
                  </span>
                </p>
              </div>
              {editable && (
                <Button variant="outline" onClick={() => setEditing(true)}>
                  <Pencil aria-hidden="true" />
                  Edit details
                </Button>
              )}
            </div>
            {pilot.hypothesis && (
              <p className="max-w-3xl text-sm">
                <span className="font-medium">Hypothesis: </span>
                {pilot.hypothesis}
              </p>
            )}
          </div>

          {pilot.criteria_changed && <CriteriaChangedBanner />}

          {editable && isSetupStage(pilot.stage) && (
            <ContinueSetup workspaceId={workspaceId} pilotId={pilot.id} />
          )}

          <StageStepper pilot={pilot} />

          {isClosedStage(pilot.stage) ? (
            // A closed pilot has no next gate and no health: its outcome leads.
            <OutcomePanel pilot={pilot} currency={currency} />
          ) : (
            <div className="grid gap-4 lg:grid-cols-2">
              <GatePanel workspaceId={workspaceId} pilot={pilot} editable={editable} />
              <HealthPanel pilot={pilot} />
            </div>
          )}

          <SectionNav order={plan.order} />
          {plan.order.map((id) => (
            <Fragment key={id}>{sections[id]}</Fragment>
          ))}

          {editable && (
            <EditPilotDialog
              workspaceId={workspaceId}
              pilot={pilot}
              members={members.data ?? []}
              open={editing}
              onOpenChange={setEditing}
            />
          )}
        </div>
      </SectionFoldProvider>
    </ConflictProvider>
  );
}

/** A draft pilot offers to pick its setup up where it was left. */
function ContinueSetup({ workspaceId, pilotId }: { workspaceId: string; pilotId: string }) {
  const gate = useGate(workspaceId, pilotId, "running");
  const criteria = (gate.data?.criteria ?? []).filter((c) => c.code !== "lifecycle");
  const met = criteria.filter((c) => c.met).length;
  return (
    <div className="flex flex-col gap-3 rounded-xl border border-accent bg-accent-subtle p-4 text-accent-subtle-foreground sm:flex-row sm:items-center sm:justify-between">
      <p className="flex gap-2 text-sm">
        <ListChecks aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
        <span>
          <span className="font-medium">Setup is not finished.</span>{" "}
          {gate.data
            ? `${met} of ${criteria.length} checks for running are met. The wizard picks up at the first step still open.`
            : "The wizard picks up at the first step still open."}
        </span>
      </p>
      <Button asChild>
        <Link to="/w/$workspaceId/pilots/$pilotId/setup" params={{ workspaceId, pilotId }}>
          Continue setup
          <ArrowRight aria-hidden="true" />
        </Link>
      </Button>
    </div>
  );
}

/** The section nav, in the order of the page; a link to a folded section opens it. */
function SectionNav({ order }: { order: SectionId[] }) {
  const openSection = useOpenSection();
  return (
    <nav aria-label="Sections" className="flex flex-wrap gap-2">
      {order.map((id) => (
        <a
          key={id}
          href={`#${id}`}
          onClick={() => openSection(id)}
          className="rounded-full border bg-card px-3 py-1 text-sm hover:bg-muted"
        >
          {PILOT_SECTIONS[id]}
        </a>
      ))}
    </nav>
  );
}

/** A closed pilot's outcome where its health would be: adopted or stopped, why, and what it gained. */
function OutcomePanel({ pilot, currency }: { pilot: Pilot; currency: string | null }) {
  const on = new Date(pilot.stage_entered_at).toLocaleDateString(undefined, {
    day: "numeric",
    month: "long",
    year: "numeric",
  });
  return (
    <Card role="region" aria-labelledby="outcome-title">
      <CardContent className="flex flex-col gap-3">
        <div className="flex items-center justify-between gap-3">
          <h2 id="outcome-title" className="font-semibold">
            Outcome
          </h2>
          <PilotStatusBadge stage={pilot.stage} health={pilot.health} />
        </div>
        <p className="text-sm">
          {STAGE_LABELS[pilot.stage]} on <span className="tabular-nums">{on}</span>.
        </p>
        {pilot.stage === "stopped" && pilot.stop_reason && (
          <p className="text-sm">
            <span className="font-medium">Why it stopped: </span>
            {pilot.stop_reason}
          </p>
        )}
        {pilot.revenue_gain_per_year !== null && currency && (
          <p className="text-sm">
            <span className="font-medium">Revenue gain: </span>
            <span className="tabular-nums">
              {formatMoney(pilot.revenue_gain_per_year, currency)} a year
            </span>
          </p>
        )}
        <p className="text-sm text-muted-foreground">
          {pilot.stage === "adopted"
            ? "The pilot has become how the company works. "
            : "Its lessons learned are in the "}
          {pilot.stage === "stopped" && (
            <a
              href="#activity"
              className="font-medium text-accent-subtle-foreground hover:underline"
            >
              discussion and activity
            </a>
          )}
          {pilot.stage === "stopped" ? ". " : ""}
          The evidence follows: the decisions, the metrics, the customer's voice and the iterations.
        </p>
      </CardContent>
    </Card>
  );
}

/** The practices panel, folded like the other sections. */
function PracticesFold({ workspaceId, pilotId }: { workspaceId: string; pilotId: string }) {
  const fold = useSectionFold("practices");
  if (fold && !fold.open)
    return (
      <Section id="practices" title={PILOT_SECTIONS.practices}>
        {null}
      </Section>
    );
  return (
    // The panel keeps its own card and heading; the disclosure sits where the other sections'
    // chevrons do, just before the heading.
    <div className={cn("relative", fold && "[&_#practices-title]:pl-6")}>
      <PracticesPanel workspaceId={workspaceId} pilotId={pilotId} />
      {fold && (
        <button
          type="button"
          aria-expanded={true}
          aria-controls="practices"
          aria-label="Practices"
          onClick={() => fold.setOpen(false)}
          className="absolute top-5 left-4 inline-flex h-7 w-6 items-center justify-center rounded-md hover:text-accent-subtle-foreground focus-visible:outline-2 focus-visible:outline-ring"
        >
          <ChevronRight aria-hidden="true" className="size-4 rotate-90" />
        </button>
      )}
    </div>
  );
}
