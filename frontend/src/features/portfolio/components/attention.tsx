import { Link } from "@tanstack/react-router";
import { ArrowRight, CircleCheck, Clock, Gavel, Goal, Play, Scale } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent } from "@/components/ui/card";
import {
  HealthBadge,
  PilotStatusBadge,
  ReasonIcon,
} from "@/features/pilots/components/health-badge";
import { STAGE_LABELS, type Stage } from "@/features/pilots/labels";
import { useProgressiveCount } from "@/lib/use-progressive-count";
import { formatDays, pilotCount } from "../format";
import { attentionAction, CRITERIA_CHANGED, WAITING_LABELS } from "../tables";
import type { AttentionItem, WaitingDecision } from "../types";
import { MorePages } from "./paging";

/**
 * The flag of a pilot whose success criteria moved after it started running: icon and words,
 * never colour alone. Its results are read against goalposts set later than the start.
 */
export function CriteriaChangedFlag() {
  return (
    <Badge
      tone="warning"
      className="whitespace-normal"
      title="A metric's baseline, target, direction or kind changed, or a metric was removed, after the pilot started running."
    >
      <Goal aria-hidden="true" />
      {CRITERIA_CHANGED}
    </Badge>
  );
}

/**
 * Stalled, then at-risk pilots (longest in stage first), each with its reasons and the one link
 * that leads to acting on it.
 */
export function AttentionList({
  workspaceId,
  items,
  total = items.length,
  onMore,
  pending = false,
  error = false,
}: {
  workspaceId: string;
  items: (AttentionItem & { stage: Stage | null })[];
  /** Every item over all pages (the portfolio's `attention_total`). */
  total?: number;
  /** Loads the next page; absent when every item is here. */
  onMore?: () => void;
  pending?: boolean;
  /** The last page failed to load (the button tries again). */
  error?: boolean;
}) {
  // Fifty pilots with their reasons are a lot of page: drawn ten at a time, top first.
  const drawn = useProgressiveCount(items.length, 10);
  return (
    <section aria-labelledby="attention-title" className="min-w-0">
      <Card className="h-full">
        <CardContent className="flex flex-col gap-4">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h2 id="attention-title" className="text-base font-semibold tracking-tight">
              Needs attention
            </h2>
            <span className="text-sm text-muted-foreground">
              {total === 0 ? "Nothing stalled or at risk" : `${pilotCount(total)}, stalled first`}
            </span>
          </div>
          {items.length === 0 && total === 0 ? (
            <p className="flex items-center gap-2 text-sm text-muted-foreground">
              <CircleCheck aria-hidden="true" className="size-4 text-success-foreground" />
              Every active pilot is on track.
            </p>
          ) : (
            <ul aria-label="Pilots that need attention" className="flex flex-col divide-y">
              {items.slice(0, drawn).map((item) => {
                const action = attentionAction(item.reasons);
                return (
                  <li
                    key={item.pilot_id}
                    className="flex flex-col gap-2 py-3 first:pt-0 last:pb-0 print:break-inside-avoid"
                  >
                    <div className="flex flex-wrap items-start justify-between gap-x-3 gap-y-1.5">
                      <div className="flex min-w-0 flex-1 basis-64 flex-col gap-1">
                        <Link
                          to="/w/$workspaceId/pilots/$pilotId"
                          params={{ workspaceId, pilotId: item.pilot_id }}
                          className="break-words font-medium text-accent-subtle-foreground hover:underline"
                        >
                          {item.title}
                        </Link>
                        <span className="flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
                          {item.stage ? (
                            <PilotStatusBadge stage={item.stage} health={item.health} />
                          ) : (
                            <HealthBadge health={item.health} />
                          )}
                          {item.criteria_changed && <CriteriaChangedFlag />}
                          <span className="tabular-nums">
                            {formatDays(item.days_in_stage)}
                            {item.stage ? ` in ${STAGE_LABELS[item.stage]}` : " in stage"}
                          </span>
                        </span>
                      </div>
                      <Link
                        to="/w/$workspaceId/pilots/$pilotId"
                        params={{ workspaceId, pilotId: item.pilot_id }}
                        hash={action.hash}
                        className="inline-flex shrink-0 items-center gap-1 rounded-md text-sm font-medium text-accent-subtle-foreground hover:underline print:hidden"
                      >
                        {action.label} <span className="sr-only">for {item.title}</span>
                        <ArrowRight aria-hidden="true" className="size-4" />
                      </Link>
                    </div>
                    <ul
                      className="flex flex-col gap-1"
                      aria-label={`Why ${item.title} needs attention`}
                    >
                      {item.reasons.map((r) => (
                        <li key={r.code} className="flex gap-2 text-sm">
                          <ReasonIcon severity={r.severity} />
                          <span className="min-w-0 break-words">{r.message}</span>
                        </li>
                      ))}
                    </ul>
                  </li>
                );
              })}
            </ul>
          )}
          <MorePages
            shown={items.length}
            total={total}
            onMore={onMore}
            pending={pending}
            error={error}
            what="pilots that need attention"
          />
        </CardContent>
      </Card>
    </section>
  );
}

const WAITING_ICONS = { start: Play, scale: Scale } as const;

/**
 * Pilots waiting on an executive, longest first: a start decision for a pilot otherwise ready to
 * run, or the decision that closes a scale review. Deciders get the link straight to the form.
 * The portfolio carries the first 50 and the total; the rest load a page at a time.
 */
export function DecisionsWaiting({
  workspaceId,
  items,
  total = items.length,
  onMore,
  pending = false,
  error = false,
  overdue,
  decider,
}: {
  workspaceId: string;
  items: WaitingDecision[];
  /** Every item over all pages (the portfolio's `decisions_waiting_total`). */
  total?: number;
  /** Loads the next page; absent when every item is here. */
  onMore?: () => void;
  pending?: boolean;
  /** The last page failed to load (the button tries again). */
  error?: boolean;
  /** Pilots whose wait has passed the workspace's threshold (their health says so). */
  overdue: Set<string>;
  /** Whether the reader records these decisions (executives and admins). */
  decider: boolean;
}) {
  // Drawn ten at a time, top first, like the attention list.
  const drawn = useProgressiveCount(items.length, 10);
  return (
    <section aria-labelledby="waiting-title" className="min-w-0">
      <Card className="h-full">
        <CardContent className="flex flex-col gap-4">
          <div className="flex flex-col gap-1">
            <div className="flex flex-wrap items-baseline justify-between gap-x-2 gap-y-1">
              <h2 id="waiting-title" className="text-base font-semibold tracking-tight">
                {decider ? "Decisions waiting on you" : "Decisions waiting on executives"}
              </h2>
              {total > 0 && (
                <span className="text-sm text-muted-foreground">
                  {pilotCount(total)}, longest waiting first
                </span>
              )}
            </div>
            <p className="text-sm text-muted-foreground">
              A start decision lets a pilot that is ready begin running; a scale review ends with
              scale, continue, pivot or stop.
            </p>
          </div>
          {items.length === 0 && total === 0 ? (
            <div className="flex gap-2 text-sm text-muted-foreground">
              <CircleCheck
                aria-hidden="true"
                className="mt-0.5 size-4 shrink-0 text-success-foreground"
              />
              <p>
                No pilot is waiting for a decision. Pilots appear here once they are ready to start,
                or when they enter their scale review.
              </p>
            </div>
          ) : (
            <ul aria-label="Decisions waiting" className="flex flex-col divide-y">
              {items.slice(0, drawn).map((item) => {
                const Icon = WAITING_ICONS[item.decision];
                return (
                  <li
                    key={item.pilot_id}
                    className="flex flex-col gap-1.5 py-3 first:pt-0 last:pb-0 print:break-inside-avoid"
                  >
                    <Link
                      to="/w/$workspaceId/pilots/$pilotId"
                      params={{ workspaceId, pilotId: item.pilot_id }}
                      hash="decisions"
                      className="break-words font-medium text-accent-subtle-foreground hover:underline"
                    >
                      {item.title}
                    </Link>
                    <span className="flex flex-wrap items-center gap-2 text-sm">
                      <Badge>
                        <Icon aria-hidden="true" />
                        {WAITING_LABELS[item.decision]}
                      </Badge>
                      <span className="flex items-center gap-1.5 tabular-nums">
                        <Clock aria-hidden="true" className="size-4 text-muted-foreground" />
                        {item.waiting_days === 0
                          ? "Waiting since today"
                          : `Waiting ${formatDays(item.waiting_days)}`}
                      </span>
                      {overdue.has(item.pilot_id) && (
                        <Badge tone="danger">
                          <Gavel aria-hidden="true" />
                          Overdue
                        </Badge>
                      )}
                    </span>
                    {decider && (
                      <Link
                        to="/w/$workspaceId/pilots/$pilotId"
                        params={{ workspaceId, pilotId: item.pilot_id }}
                        search={{ decide: item.decision }}
                        hash="decisions"
                        className="inline-flex w-fit items-center gap-1 rounded-md text-sm font-medium text-accent-subtle-foreground hover:underline print:hidden"
                      >
                        Record the decision <span className="sr-only">for {item.title}</span>
                        <ArrowRight aria-hidden="true" className="size-4" />
                      </Link>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
          <MorePages
            shown={items.length}
            total={total}
            onMore={onMore}
            pending={pending}
            error={error}
            what="decisions waiting"
          />
        </CardContent>
      </Card>
    </section>
  );
}
