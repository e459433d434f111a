import { Link } from "@tanstack/react-router";
import { ArrowLeft, ArrowRight, ListChecks, Pencil } from "lucide-react";
import { useState } from "react";
import { ListError, ListSkeleton } from "@/components/list-states";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { TimelineFilter } from "@/features/comments/timeline";
import { CustomerVoiceSection } from "@/features/feedback/components/customer-voice-section";
import { useMembers } from "@/features/members/queries";
import { useMembership } from "@/features/workspaces/queries";
import { useDocumentTitle } from "@/lib/use-document-title";
import { type DecisionKind, outcomeLabel, RISK_LABELS } from "../labels";
import { canDecide, canEdit } from "../permissions";
import { useGate, usePilot } from "../queries";
import { useCandidates } from "../records/candidates";
import { isSetupStage } from "../wizard";
import { ActivitySection } from "./activity-section";
import { CandidatesSection } from "./candidates-section";
import { ConflictProvider } from "./conflict-dialog";
import { DecisionsSection } from "./decisions-section";
import { DepartmentsSection } from "./departments-section";
import { EditPilotDialog } from "./edit-pilot-dialog";
import { IterationsSection } from "./iterations-section";
import { GatePanel, HealthPanel, StageStepper } from "./lifecycle";
import { CriteriaChangedBanner, MetricsSection } from "./metrics-section";
import { ScalePlanSection } from "./scale-plan-section";
import { useConflictNames } from "./use-conflict-names";

const SECTIONS = [
  ["candidates", "Candidates"],
  ["departments", "Departments"],
  ["iterations", "Iterations"],
  ["metrics", "Metrics"],
  ["customer-voice", "Customer voice"],
  ["decisions", "Decisions"],
  ["scale-plan", "Scale plan"],
  ["activity", "Discussion"],
] as const;

export function PilotPage({
  workspaceId,
  pilotId,
  decide,
  activity = "all",
  hash = "",
  onActivityChange,
}: {
  workspaceId: string;
  pilotId: string;
  /** A decision to open the decision form with (`?decide=`). */
  decide?: DecisionKind | undefined;
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

  return (
    <ConflictProvider workspaceId={workspaceId} pilotId={pilotId} names={names}>
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

        <div className="grid gap-4 lg:grid-cols-2">
          <GatePanel workspaceId={workspaceId} pilot={pilot} editable={editable} />
          <HealthPanel pilot={pilot} />
        </div>

        <nav aria-label="Sections" className="flex flex-wrap gap-2">
          {SECTIONS.map(([id, label]) => (
            <a
              key={id}
              href={`#${id}`}
              className="rounded-full border bg-card px-3 py-1 text-sm hover:bg-muted"
            >
              {label}
            </a>
          ))}
        </nav>

        <CandidatesSection workspaceId={workspaceId} pilot={pilot} editable={editable} />
        <DepartmentsSection workspaceId={workspaceId} pilot={pilot} editable={editable} />
        <IterationsSection
          workspaceId={workspaceId}
          pilot={pilot}
          editable={editable}
          customer={customer}
        />
        <MetricsSection workspaceId={workspaceId} pilot={pilot} editable={editable} />
        <CustomerVoiceSection
          workspaceId={workspaceId}
          pilot={pilot}
          customer={customer}
          editable={editable}
          canSeeLinks={canEdit(membership?.role)}
        />
        <DecisionsSection
          workspaceId={workspaceId}
          pilot={pilot}
          canRecord={decides}
          decide={decide}
        />
        <ScalePlanSection workspaceId={workspaceId} pilot={pilot} editable={editable} />
        <ActivitySection
          workspaceId={workspaceId}
          pilotId={pilot.id}
          hash={hash}
          filter={activity}
          onFilterChange={onActivityChange}
        />

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
