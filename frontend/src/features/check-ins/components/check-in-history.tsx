import { RelativeTime } from "@/components/relative-time";
import { Badge } from "@/components/ui/badge";
import { SectionState } from "@/features/pilots/components/section";
import { type CheckIn, useCheckIns } from "../queries";
import { benefitLabel } from "../schemas";

const BENEFIT_TONES = { yes: "success", partly: "warning", not_yet: "neutral" } as const;

/** A department's check-ins in the pilot, newest first: what it saw, whether it still commits. */
export function CheckInHistory({
  workspaceId,
  pilotId,
  involvementId,
}: {
  workspaceId: string;
  pilotId: string;
  involvementId: string;
}) {
  const checkIns = useCheckIns(workspaceId, pilotId, involvementId);
  const list = checkIns.data ?? [];
  return (
    <SectionState
      pending={checkIns.isPending}
      error={checkIns.error}
      onRetry={() => void checkIns.refetch()}
    >
      {list.length === 0 ? (
        <p className="text-sm text-muted-foreground">No check-ins yet.</p>
      ) : (
        <ol className="flex flex-col divide-y" aria-label="Check-ins, newest first">
          {list.map((c) => (
            <CheckInItem key={c.id} checkIn={c} />
          ))}
        </ol>
      )}
    </SectionState>
  );
}

export function CheckInItem({ checkIn: c }: { checkIn: CheckIn }) {
  return (
    <li className="flex flex-col gap-1 py-2 text-sm first:pt-0 last:pb-0">
      <p className="flex flex-wrap items-center gap-x-2 gap-y-1">
        <Badge tone={BENEFIT_TONES[c.benefit]}>
          Benefit: {benefitLabel(c.benefit).toLowerCase()}
        </Badge>
        {c.still_committed ? (
          <Badge>Still committed</Badge>
        ) : (
          <Badge tone="danger">No longer committed</Badge>
        )}
        <span className="text-xs text-muted-foreground">
          <RelativeTime value={c.created_at} />
          {c.iteration_number !== null && ` · iteration ${c.iteration_number}`}
          {c.source === "app"
            ? ` · recorded by ${c.recorded_by_name ?? "a member"}`
            : " · answered by email"}
        </span>
      </p>
      {c.blocker && (
        <p className="break-words whitespace-pre-line">
          <span className="text-muted-foreground">In the way: </span>
          {c.blocker}
        </p>
      )}
      {c.note && <p className="break-words whitespace-pre-line">{c.note}</p>}
    </li>
  );
}
