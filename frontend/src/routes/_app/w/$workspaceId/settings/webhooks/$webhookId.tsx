import { createFileRoute } from "@tanstack/react-router";
import { WebhookPage } from "@/features/webhooks/components/webhook-page";

export const Route = createFileRoute("/_app/w/$workspaceId/settings/webhooks/$webhookId")({
  component: function Webhook() {
    const { workspaceId, webhookId } = Route.useParams();
    return <WebhookPage workspaceId={workspaceId} webhookId={webhookId} />;
  },
});
