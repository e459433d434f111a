import { RelativeTime } from "@/components/relative-time";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { useActivity } from "../records/activity";
import { Section, SectionState } from "./section";

export function ActivitySection({
  workspaceId,
  pilotId,
}: {
  workspaceId: string;
  pilotId: string;
}) {
  const activity = useActivity(workspaceId, pilotId);
  const items = activity.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Section id="activity" title="Activity" description="Every change, who made it and when.">
      <SectionState
        pending={activity.isPending}
        error={activity.error}
        onRetry={() => void activity.refetch()}
      >
        {items.length === 0 ? (
          <p className="text-sm text-muted-foreground">Nothing yet.</p>
        ) : (
          <ol className="flex flex-col divide-y text-sm" aria-label="Activity, newest first">
            {items.map((a) => (
              <li
                key={a.id}
                className="flex flex-col gap-0.5 py-2 sm:flex-row sm:justify-between sm:gap-4"
              >
                <p className="min-w-0 break-words">
                  <span className="font-medium">{a.actor_name ?? "An integration"}</span>{" "}
                  {a.summary}
                </p>
                <span className="shrink-0 text-muted-foreground">
                  <RelativeTime value={a.occurred_at} />
                </span>
              </li>
            ))}
          </ol>
        )}
        {activity.hasNextPage && (
          <Button
            variant="outline"
            size="sm"
            className="self-start"
            onClick={() => void activity.fetchNextPage()}
            disabled={activity.isFetchingNextPage}
          >
            {activity.isFetchingNextPage && <Spinner />}
            Load more
          </Button>
        )}
      </SectionState>
    </Section>
  );
}
