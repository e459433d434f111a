import { ChevronDown, Inbox } from "lucide-react";
import { EmptyState, ListError, ListSkeleton } from "@/components/list-states";
import { RelativeTime } from "@/components/relative-time";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Spinner } from "@/components/ui/spinner";
import { formatDateTime } from "@/lib/format";
import { type Attempt, attemptSummary, type Delivery, deliveryLabel, eventLabel } from "../events";
import { useDeliveries } from "../queries";

/** Every delivery to one endpoint, newest first, each with all its attempts. */
export function DeliveriesLog({
  workspaceId,
  webhookId,
}: {
  workspaceId: string;
  webhookId: string;
}) {
  const deliveries = useDeliveries(workspaceId, webhookId);

  if (deliveries.isPending) return <ListSkeleton label="Loading deliveries…" />;
  if (deliveries.isError) {
    return (
      <ListError
        what="deliveries"
        error={deliveries.error}
        onRetry={() => void deliveries.refetch()}
        retrying={deliveries.isFetching}
      />
    );
  }
  const items = deliveries.data.pages.flatMap((page) => page.items);
  if (items.length === 0) {
    return (
      <EmptyState icon={Inbox} title="Nothing delivered yet">
        Each event this webhook receives shows up here with every attempt to deliver it: the status
        code, how long the receiver took and the start of its answer.
      </EmptyState>
    );
  }
  return (
    <div className="flex flex-col gap-3">
      <ul className="flex flex-col gap-2" aria-label="Deliveries">
        {items.map((delivery) => (
          <li key={delivery.id}>
            <DeliveryItem delivery={delivery} />
          </li>
        ))}
      </ul>
      {deliveries.hasNextPage && (
        <Button
          variant="outline"
          className="self-center"
          onClick={() => void deliveries.fetchNextPage()}
          disabled={deliveries.isFetchingNextPage}
        >
          {deliveries.isFetchingNextPage && <Spinner />}
          Show older deliveries
        </Button>
      )}
    </div>
  );
}

function DeliveryItem({ delivery }: { delivery: Delivery }) {
  const { label, tone } = deliveryLabel(delivery);
  const attempts =
    delivery.attempt_count === 1 ? "1 attempt" : `${delivery.attempt_count} attempts`;
  return (
    <Card className="overflow-hidden">
      <details className="group">
        <summary className="flex cursor-pointer list-none flex-wrap items-center gap-x-3 gap-y-1 px-4 py-3 hover:bg-muted/50 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-ring [&::-webkit-details-marker]:hidden">
          <ChevronDown
            aria-hidden="true"
            className="size-4 shrink-0 text-muted-foreground transition-transform group-open:rotate-180"
          />
          <Badge tone={tone}>{label}</Badge>
          <span className="font-medium">{eventLabel(delivery.event_type)}</span>
          <code className="font-mono text-xs text-muted-foreground">{delivery.event_type}</code>
          <span className="ml-auto flex flex-wrap items-center gap-x-3 text-sm text-muted-foreground">
            <span>{attempts}</span>
            <RelativeTime value={delivery.created_at} />
          </span>
        </summary>
        <div className="flex flex-col gap-4 border-t px-4 py-3 text-sm">
          <dl className="grid gap-x-6 gap-y-1 sm:grid-cols-2">
            <div className="flex min-w-0 gap-1.5">
              <dt className="text-muted-foreground">webhook-id</dt>
              <dd className="min-w-0 font-mono text-xs break-all">{delivery.message_id}</dd>
            </div>
            <div className="flex gap-1.5">
              <dt className="text-muted-foreground">
                {delivery.status === "pending" ? "Next attempt" : "Finished"}
              </dt>
              <dd>
                {delivery.status === "pending"
                  ? delivery.next_attempt_at
                    ? formatDateTime(delivery.next_attempt_at)
                    : "—"
                  : delivery.completed_at
                    ? formatDateTime(delivery.completed_at)
                    : "—"}
              </dd>
            </div>
          </dl>
          {delivery.attempts.length > 0 ? (
            <ol className="flex flex-col gap-2" aria-label="Attempts">
              {delivery.attempts.map((attempt) => (
                <AttemptItem key={attempt.number} attempt={attempt} />
              ))}
            </ol>
          ) : (
            <p className="text-muted-foreground">Not attempted yet: it is on its way.</p>
          )}
          <div className="flex flex-col gap-1">
            <h4 className="text-xs font-medium text-muted-foreground">Payload sent</h4>
            <pre className="rounded-md bg-muted p-3 font-mono text-xs break-all whitespace-pre-wrap">
              {JSON.stringify(delivery.payload, null, 2)}
            </pre>
          </div>
        </div>
      </details>
    </Card>
  );
}

function AttemptItem({ attempt }: { attempt: Attempt }) {
  return (
    <li className="flex flex-col gap-1 rounded-md border p-3">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <span className="font-medium">Attempt {attempt.number}</span>
        <Badge tone={attempt.succeeded ? "success" : "danger"}>
          {attempt.succeeded ? "Succeeded" : "Failed"}
        </Badge>
        <span className="tabular-nums">
          {attempt.status_code === null ? "No response" : `HTTP ${attempt.status_code}`}
        </span>
        {(attempt.status_code !== null || attempt.latency_ms > 0) && (
          <span className="tabular-nums text-muted-foreground">
            {attempt.latency_ms.toLocaleString("en")} ms
          </span>
        )}
        <span className="ml-auto text-muted-foreground">
          <RelativeTime value={attempt.attempted_at} />
        </span>
      </div>
      <p className="sr-only">{attemptSummary(attempt)}</p>
      {attempt.error && <p className="text-danger-foreground break-words">{attempt.error}</p>}
      {attempt.response_excerpt && (
        <pre className="rounded bg-muted p-2 font-mono text-xs break-all whitespace-pre-wrap">
          {attempt.response_excerpt}
        </pre>
      )}
    </li>
  );
}
