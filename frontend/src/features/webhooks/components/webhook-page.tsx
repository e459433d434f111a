import { Link, useNavigate } from "@tanstack/react-router";
import { ArrowLeft, Ban, KeyRound, Pencil, Power, Trash2 } from "lucide-react";
import { useEffect, useState } from "react";
import type { Schemas } from "@/client";
import { ListError, ListSkeleton } from "@/components/list-states";
import { RelativeTime } from "@/components/relative-time";
import { ErrorAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogTitle,
} from "@/components/ui/dialog";
import { Spinner } from "@/components/ui/spinner";
import { useMembership } from "@/features/workspaces/queries";
import { describeError, isStale } from "@/lib/api-error";
import { toast } from "@/lib/toast";
import { useDocumentTitle } from "@/lib/use-document-title";
import { eventLabel, sortEvents } from "../events";
import { useDeliveries, useReplaceWebhookSecret, useUpdateWebhook, useWebhook } from "../queries";
import { DeleteWebhookDialog } from "./delete-webhook-dialog";
import { DeliveriesLog } from "./deliveries-log";
import { WebhookDialog } from "./webhook-dialog";
import { WebhookSecretDialog } from "./webhook-secret-dialog";
import { WebhookStatusBadge } from "./webhook-status";

/** One webhook: its settings and status, the actions on it, and its delivery log. */
export function WebhookPage({
  workspaceId,
  webhookId,
}: {
  workspaceId: string;
  webhookId: string;
}) {
  useDocumentTitle("Webhook");
  const membership = useMembership(workspaceId);
  const isAdmin = membership?.role === "admin";
  const webhook = useWebhook(workspaceId, webhookId, isAdmin);
  // Each new look at the deliveries also refreshes the endpoint's state (failing since, last
  // delivered, turned off), which the worker changes as it goes.
  const deliveriesUpdatedAt = useDeliveries(workspaceId, webhookId, isAdmin).dataUpdatedAt;
  const { refetch } = webhook;
  useEffect(() => {
    if (deliveriesUpdatedAt) void refetch();
  }, [deliveriesUpdatedAt, refetch]);
  const update = useUpdateWebhook(workspaceId);
  const navigate = useNavigate();
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [disabling, setDisabling] = useState(false);
  const [toggleError, setToggleError] = useState<string | null>(null);
  const replace = useReplaceWebhookSecret(workspaceId);
  const [replacing, setReplacing] = useState(false);
  const [replaced, setReplaced] = useState<Schemas["WebhookCreated"] | null>(null);

  const back = (
    <Link
      to="/w/$workspaceId/settings/webhooks"
      params={{ workspaceId }}
      className="flex w-fit items-center gap-1 text-sm text-muted-foreground hover:text-foreground"
    >
      <ArrowLeft aria-hidden="true" className="size-4" />
      Webhooks
    </Link>
  );

  if (membership && membership.role !== "admin") {
    return (
      <div className="flex flex-col gap-4">
        {back}
        <ErrorAlert title="Only admins manage webhooks">
          Ask an admin of this workspace to show you its deliveries.
        </ErrorAlert>
      </div>
    );
  }
  if (!membership || webhook.isPending) return <ListSkeleton label="Loading webhook…" />;
  if (webhook.isError) {
    return (
      <div className="flex flex-col gap-4">
        {back}
        <ListError
          what="this webhook"
          error={webhook.error}
          onRetry={() => void webhook.refetch()}
          retrying={webhook.isFetching}
        />
      </div>
    );
  }
  const current = webhook.data;
  const hook = current.data;

  const setEnabled = (enabled: boolean) => {
    setToggleError(null);
    update.mutate(
      { id: hook.id, etag: current.etag, body: { enabled } },
      {
        onSuccess: () => {
          setDisabling(false);
          toast(enabled ? "Webhook enabled" : "Webhook disabled");
        },
        onError: (error) => {
          setDisabling(false);
          setToggleError(
            isStale(error)
              ? "Someone changed this webhook since you opened it. It has been reloaded: try again."
              : describeError(error).detail,
          );
          if (isStale(error)) void webhook.refetch();
        },
      },
    );
  };

  const replaceSecret = () => {
    setToggleError(null);
    replace.mutate(
      { id: hook.id, etag: current.etag },
      {
        onSuccess: (saved) => {
          setReplacing(false);
          setReplaced(saved.data);
        },
        onError: (error) => {
          setReplacing(false);
          setToggleError(
            isStale(error)
              ? "Someone changed this webhook since you opened it. It has been reloaded: try again."
              : describeError(error).detail,
          );
          if (isStale(error)) void webhook.refetch();
        },
      },
    );
  };

  return (
    <div className="flex min-w-0 flex-col gap-6">
      <div className="flex flex-col gap-3">
        {back}
        <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
          <div className="flex min-w-0 flex-col gap-1">
            <h1 className="font-mono text-xl font-semibold tracking-tight break-all">{hook.url}</h1>
            {hook.description && (
              <p className="text-sm text-muted-foreground">{hook.description}</p>
            )}
          </div>
          <WebhookStatusBadge webhook={hook} />
        </div>
        <div className="flex flex-wrap gap-2">
          <Button variant="outline" onClick={() => setEditing(true)}>
            <Pencil aria-hidden="true" />
            Edit
          </Button>
          {hook.enabled ? (
            <Button variant="outline" onClick={() => setDisabling(true)}>
              <Ban aria-hidden="true" />
              Disable
            </Button>
          ) : (
            <Button variant="outline" onClick={() => setEnabled(true)} disabled={update.isPending}>
              {update.isPending ? <Spinner /> : <Power aria-hidden="true" />}
              Enable
            </Button>
          )}
          <Button variant="outline" onClick={() => setReplacing(true)}>
            <KeyRound aria-hidden="true" />
            Replace secret
          </Button>
          <Button
            variant="outline"
            onClick={() => setDeleting(true)}
            className="text-danger-foreground"
          >
            <Trash2 aria-hidden="true" />
            Delete
          </Button>
        </div>
        {toggleError && <ErrorAlert>{toggleError}</ErrorAlert>}
      </div>

      {hook.disabled_reason && (
        <ErrorAlert title="Pilotboard turned this webhook off">
          <p>{hook.disabled_reason}</p>
          <p className="mt-1">
            Fix the receiver, then enable the webhook: deliveries that were waiting resume.
          </p>
        </ErrorAlert>
      )}
      {hook.enabled && hook.failing_since && (
        <div className="rounded-lg border border-warning-border bg-warning px-3 py-2.5 text-sm text-warning-foreground">
          Deliveries have been failing since <RelativeTime value={hook.failing_since} />. After 24
          hours of failures Pilotboard turns the webhook off.
        </div>
      )}

      <Card>
        <CardContent className="flex flex-col gap-3 text-sm">
          <div className="flex flex-col gap-1">
            <h2 className="text-xs font-medium text-muted-foreground">Events</h2>
            <ul className="flex flex-wrap gap-2">
              {sortEvents(hook.events).map((event) => (
                <li key={event} className="rounded-md border px-2 py-0.5">
                  {eventLabel(event)}{" "}
                  <code className="font-mono text-xs text-muted-foreground">{event}</code>
                </li>
              ))}
            </ul>
          </div>
          <dl className="flex flex-wrap gap-x-6 gap-y-1">
            <div className="flex gap-1.5">
              <dt className="text-muted-foreground">Last delivered</dt>
              <dd>
                {hook.last_success_at ? <RelativeTime value={hook.last_success_at} /> : "Never"}
              </dd>
            </div>
            <div className="flex gap-1.5">
              <dt className="text-muted-foreground">Last failure</dt>
              <dd>
                {hook.last_failure_at ? <RelativeTime value={hook.last_failure_at} /> : "None"}
              </dd>
            </div>
            <div className="flex gap-1.5">
              <dt className="text-muted-foreground">Added</dt>
              <dd>
                <RelativeTime value={hook.created_at} />
              </dd>
            </div>
          </dl>
        </CardContent>
      </Card>

      <section aria-labelledby="deliveries-heading" className="flex flex-col gap-3">
        <div className="flex flex-col gap-1">
          <h2 id="deliveries-heading" className="text-lg font-semibold tracking-tight">
            Deliveries
          </h2>
          <p className="text-sm text-muted-foreground">
            Newest first. A failed attempt is retried after 10 seconds, then twice as long each
            time, for 24 hours.
          </p>
        </div>
        <DeliveriesLog workspaceId={workspaceId} webhookId={hook.id} />
      </section>

      <WebhookDialog
        workspaceId={workspaceId}
        current={current}
        open={editing}
        onOpenChange={setEditing}
        onReload={() => webhook.refetch()}
        reloading={webhook.isFetching}
      />
      <DeleteWebhookDialog
        workspaceId={workspaceId}
        current={current}
        open={deleting}
        onOpenChange={setDeleting}
        onDeleted={() =>
          void navigate({ to: "/w/$workspaceId/settings/webhooks", params: { workspaceId } })
        }
      />
      <WebhookSecretDialog created={replaced} onClose={() => setReplaced(null)} />
      <AlertDialog open={replacing} onOpenChange={setReplacing}>
        <AlertDialogContent>
          <div className="flex flex-col gap-1.5">
            <AlertDialogTitle>Replace the signing secret?</AlertDialogTitle>
            <AlertDialogDescription>
              The current secret stops working at once: deliveries from now on, retries included,
              are signed with the new one. Update the receiver right after copying it.
            </AlertDialogDescription>
          </div>
          <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <AlertDialogCancel asChild>
              <Button variant="outline">Cancel</Button>
            </AlertDialogCancel>
            <Button onClick={replaceSecret} disabled={replace.isPending}>
              {replace.isPending && <Spinner />}
              Replace secret
            </Button>
          </div>
        </AlertDialogContent>
      </AlertDialog>
      <AlertDialog open={disabling} onOpenChange={setDisabling}>
        <AlertDialogContent>
          <div className="flex flex-col gap-1.5">
            <AlertDialogTitle>Disable this webhook?</AlertDialogTitle>
            <AlertDialogDescription>
              Events that happen while it is disabled are not sent to it. Deliveries already waiting
              stay queued and go out when you enable it again.
            </AlertDialogDescription>
          </div>
          <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <AlertDialogCancel asChild>
              <Button variant="outline">Cancel</Button>
            </AlertDialogCancel>
            <Button onClick={() => setEnabled(false)} disabled={update.isPending}>
              {update.isPending && <Spinner />}
              Disable webhook
            </Button>
          </div>
        </AlertDialogContent>
      </AlertDialog>
    </div>
  );
}
