import { Link } from "@tanstack/react-router";
import { ChevronRight, Lock, Pencil, Plus, Webhook as WebhookIcon } from "lucide-react";
import { useState } from "react";
import type { Schemas } from "@/client";
import { EmptyState, ListError, ListSkeleton, PageHeader } from "@/components/list-states";
import { RelativeTime } from "@/components/relative-time";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { useMembership, useWorkspace } from "@/features/workspaces/queries";
import { useDocumentTitle } from "@/lib/use-document-title";
import { useReturnFocus } from "@/lib/use-return-focus";
import { eventLabel, sortEvents, type Webhook } from "../events";
import { useWebhooks } from "../queries";
import { WebhookDialog } from "./webhook-dialog";
import { WebhookSecretDialog } from "./webhook-secret-dialog";
import { WebhookStatusBadge } from "./webhook-status";

export function WebhooksPage({ workspaceId }: { workspaceId: string }) {
  useDocumentTitle("Webhooks");
  const workspace = useWorkspace(workspaceId);
  const membership = useMembership(workspaceId);
  const isAdmin = membership?.role === "admin";
  const webhooks = useWebhooks(workspaceId, isAdmin);
  const [adding, setAdding] = useState(false);
  const [created, setCreated] = useState<Schemas["WebhookCreated"] | null>(null);
  // Edited straight from the list with the item's version (`etag`) as If-Match: by id, so a
  // reload after a conflict shows the list's newer copy.
  const [editingId, setEditingId] = useState<string | null>(null);
  const editing = webhooks.data?.find((w) => w.id === editingId) ?? null;
  useReturnFocus(editing !== null);
  const workspaceName = workspace.data?.name ?? "this workspace";

  const addButton = (
    <Button onClick={() => setAdding(true)}>
      <Plus aria-hidden="true" />
      Add webhook
    </Button>
  );

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Webhooks"
        description={`Tell your other systems the moment something happens to a pilot in ${workspaceName}.`}
        action={isAdmin && webhooks.isSuccess && webhooks.data.length > 0 ? addButton : undefined}
      />

      {!membership ? (
        <ListSkeleton label="Loading webhooks…" />
      ) : !isAdmin ? (
        <EmptyState icon={Lock} title="Only admins manage webhooks">
          Webhooks send the workspace's pilot events to other systems, so only the admins of{" "}
          {workspaceName} can see and change them. Ask one of them if you need a new integration.
        </EmptyState>
      ) : webhooks.isPending ? (
        <ListSkeleton label="Loading webhooks…" />
      ) : webhooks.isError ? (
        <ListError
          what="webhooks"
          error={webhooks.error}
          onRetry={() => void webhooks.refetch()}
          retrying={webhooks.isFetching}
        />
      ) : webhooks.data.length === 0 ? (
        <EmptyState icon={WebhookIcon} title="No webhooks yet" action={addButton}>
          A webhook pushes an event to another system — your CRM, a BI tool, a chat channel — the
          moment a pilot is proposed, changes stage, slips to at risk or gets a decision, so nobody
          has to poll for it. Each delivery is signed, retried for 24 hours, and logged here.
        </EmptyState>
      ) : (
        <ul className="flex flex-col gap-3" aria-label="Webhooks">
          {webhooks.data.map((webhook) => (
            <li key={webhook.id}>
              <WebhookCard
                workspaceId={workspaceId}
                webhook={webhook}
                onEdit={() => setEditingId(webhook.id)}
              />
            </li>
          ))}
        </ul>
      )}

      <WebhookDialog
        workspaceId={workspaceId}
        current={null}
        open={adding}
        onOpenChange={setAdding}
        onCreated={setCreated}
      />
      <WebhookDialog
        workspaceId={workspaceId}
        current={editing ? { data: editing, etag: editing.etag } : null}
        open={editing !== null}
        onOpenChange={(open) => !open && setEditingId(null)}
        onReload={async () => {
          const fresh = (await webhooks.refetch()).data?.find((w) => w.id === editingId);
          return { data: fresh ? { data: fresh, etag: fresh.etag } : undefined };
        }}
        reloading={webhooks.isFetching}
      />
      <WebhookSecretDialog created={created} onClose={() => setCreated(null)} />
    </div>
  );
}

function WebhookCard({
  workspaceId,
  webhook,
  onEdit,
}: {
  workspaceId: string;
  webhook: Webhook;
  onEdit: () => void;
}) {
  return (
    <Card className="group relative transition-colors hover:border-accent/50">
      <CardContent className="flex flex-col gap-3">
        <div className="flex items-start justify-between gap-3">
          <div className="flex min-w-0 flex-col gap-1">
            <Link
              to="/w/$workspaceId/settings/webhooks/$webhookId"
              params={{ workspaceId, webhookId: webhook.id }}
              className="font-mono text-sm font-medium break-all after:absolute after:inset-0 after:rounded-xl focus-visible:outline-none focus-visible:after:outline-2 focus-visible:after:outline-offset-2 focus-visible:after:outline-ring"
            >
              {webhook.url}
            </Link>
            {webhook.description && (
              <p className="text-sm text-muted-foreground break-words">{webhook.description}</p>
            )}
          </div>
          <div className="flex shrink-0 items-center gap-2">
            <WebhookStatusBadge webhook={webhook} />
            {/* Above the card's link, which covers the rest of the card. */}
            <Button
              variant="ghost"
              size="sm"
              className="relative z-10"
              onClick={onEdit}
              aria-label={`Edit ${webhook.description || webhook.url}`}
            >
              <Pencil aria-hidden="true" />
              <span className="max-sm:sr-only">Edit</span>
            </Button>
            <ChevronRight
              aria-hidden="true"
              className="size-4 text-muted-foreground transition-transform group-hover:translate-x-0.5"
            />
          </div>
        </div>
        <p className="text-sm">
          <span className="sr-only">Events: </span>
          {sortEvents(webhook.events).map(eventLabel).join(" · ")}
        </p>
        {webhook.disabled_reason && (
          <p className="text-sm text-danger-foreground break-words">{webhook.disabled_reason}</p>
        )}
        <dl className="flex flex-wrap gap-x-6 gap-y-1 text-sm">
          <div className="flex gap-1.5">
            <dt className="text-muted-foreground">Last delivered</dt>
            <dd>
              {webhook.last_success_at ? <RelativeTime value={webhook.last_success_at} /> : "Never"}
            </dd>
          </div>
          <div className="flex gap-1.5">
            <dt className="text-muted-foreground">Last failure</dt>
            <dd>
              {webhook.last_failure_at ? <RelativeTime value={webhook.last_failure_at} /> : "None"}
            </dd>
          </div>
        </dl>
      </CardContent>
    </Card>
  );
}
