import { createFileRoute } from "@tanstack/react-router";
import { WebhooksPage } from "@/features/webhooks/components/webhooks-page";

export const Route = createFileRoute("/_app/w/$workspaceId/settings/webhooks/")({
  component: function Webhooks() {
    const { workspaceId } = Route.useParams();
    return <WebhooksPage workspaceId={workspaceId} />;
  },
});
