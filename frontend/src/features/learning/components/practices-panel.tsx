import { Link } from "@tanstack/react-router";
import { ArrowRight, Check, CircleDashed, X } from "lucide-react";
import { ListError } from "@/components/list-states";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { canDecide } from "@/features/pilots/permissions";
import { usePilot } from "@/features/pilots/queries";
import { useMembership } from "@/features/workspaces/queries";
import { evidenceForPilot, followsLabel, type PilotPractice } from "../evidence";
import { needsAttention, panelOrder, practiceAction } from "../panel";
import { usePilotPractices } from "../queries";

const CLOSED = new Set(["adopted", "stopped"]);

/**
 * The pilot page's "Practices" panel: which practices that went with scaling in this portfolio
 * the pilot follows so far, and for the others the portfolio's evidence and the action that fixes it.
 */
export function PracticesPanel({ workspaceId, pilotId }: { workspaceId: string; pilotId: string }) {
  const practices = usePilotPractices(workspaceId, pilotId);
  const pilot = usePilot(workspaceId, pilotId);
  const membership = useMembership(workspaceId);
  const closed = CLOSED.has(pilot.data?.pilot.stage ?? "");
  const items = practices.data ? panelOrder(practices.data.items) : [];
  const following = items.filter((p) => p.follows === true).length;
  const attention = items.filter((p) => needsAttention(p) && p.follows !== null).length;

  return (
    <section id="practices" aria-labelledby="practices-title" className="scroll-mt-20">
      <Card>
        <CardContent className="flex flex-col gap-4">
          <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
            <div className="flex min-w-0 flex-col gap-0.5">
              <h2 id="practices-title" className="text-lg font-semibold tracking-tight">
                Practices
              </h2>
              <p className="text-sm text-muted-foreground">
                {practices.data
                  ? `Follows ${following} of ${items.length} practices; ${attention} ${attention === 1 ? "needs" : "need"} attention.`
                  : "What went with scaling in this workspace's closed pilots."}
              </p>
            </div>
            <Link
              to="/w/$workspaceId/learning"
              params={{ workspaceId }}
              className="inline-flex items-center gap-1 text-sm font-medium text-accent-subtle-foreground hover:underline"
            >
              What your portfolio teaches
              <ArrowRight aria-hidden="true" className="size-3.5" />
            </Link>
          </div>
          {practices.isPending ? (
            <div aria-busy="true" className="flex flex-col gap-3">
              <p role="status" className="sr-only">
                Loading practices…
              </p>
              {Array.from({ length: 4 }, (_, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders
                <div key={i} className="flex items-center gap-3">
                  <Skeleton className="h-5 w-24" />
                  <Skeleton className="h-4 w-56 max-w-full" />
                </div>
              ))}
            </div>
          ) : practices.isError ? (
            <ListError
              what="the practices"
              error={practices.error}
              onRetry={() => void practices.refetch()}
              retrying={practices.isFetching}
            />
          ) : (
            <ul
              className="flex flex-col divide-y"
              aria-label="Practices and whether this pilot follows them"
            >
              {items.map((p) => (
                <PracticeItem
                  key={p.code}
                  workspaceId={workspaceId}
                  pilotId={pilotId}
                  practice={p}
                  showAction={!closed}
                  decider={canDecide(membership?.role)}
                />
              ))}
            </ul>
          )}
        </CardContent>
      </Card>
    </section>
  );
}

function FollowsBadge({ follows, good }: { follows: boolean | null; good: boolean }) {
  const label = followsLabel(follows);
  if (follows === true && good)
    return (
      <Badge tone="success">
        <Check aria-hidden="true" />
        {label}
      </Badge>
    );
  if (follows !== null && !good)
    return (
      <Badge tone="warning">
        {follows ? <Check aria-hidden="true" /> : <X aria-hidden="true" />}
        {label}
      </Badge>
    );
  if (follows === false)
    return (
      <Badge tone="neutral">
        <X aria-hidden="true" />
        {label}
      </Badge>
    );
  return (
    <Badge tone="neutral" className="text-muted-foreground">
      <CircleDashed aria-hidden="true" />
      {label}
    </Badge>
  );
}

function PracticeItem({
  workspaceId,
  pilotId,
  practice,
  showAction,
  decider,
}: {
  workspaceId: string;
  pilotId: string;
  practice: PilotPractice;
  showAction: boolean;
  decider: boolean;
}) {
  const action = practiceAction(practice.code, decider);
  const attention = needsAttention(practice);
  return (
    <li className="flex flex-col gap-1.5 py-2.5 first:pt-0 last:pb-0 sm:flex-row sm:items-start sm:gap-3">
      <span className="w-32 shrink-0">
        <FollowsBadge follows={practice.follows} good={!attention || practice.follows === null} />
      </span>
      <div className="flex min-w-0 flex-1 flex-col gap-1">
        <span className="text-sm font-medium" title={practice.explanation}>
          {practice.label}
        </span>
        {attention && (
          <>
            <p className="text-sm text-muted-foreground">{evidenceForPilot(practice)}</p>
            {showAction && (
              <Link
                to="/w/$workspaceId/pilots/$pilotId"
                params={{ workspaceId, pilotId }}
                // The pilot page opens the form these name (`log`, `decide`) from its URL.
                search={action.search as never}
                hash={action.hash}
                className="inline-flex w-fit items-center gap-1 text-sm font-medium text-accent-subtle-foreground hover:underline"
              >
                {action.label}
                <ArrowRight aria-hidden="true" className="size-3.5" />
              </Link>
            )}
          </>
        )}
      </div>
    </li>
  );
}
