import { createFileRoute } from "@tanstack/react-router";
import { WorkspaceOverview } from "@/features/workspaces/components/workspace-overview";

/** The workspace's overview and settings hub (the workspace's landing page is role-based). */
export const Route = createFileRoute("/_app/w/$workspaceId/settings/")({
  component: function WorkspaceSettings() {
    const { workspaceId } = Route.useParams();
    return <WorkspaceOverview workspaceId={workspaceId} />;
  },
});
