import { createFileRoute } from "@tanstack/react-router";
import { WorkspaceSettingsPage } from "@/features/settings/components/workspace-settings-page";
import { workspaceQueryOptions } from "@/features/workspaces/queries";

export const Route = createFileRoute("/_app/w/$workspaceId/settings/workspace")({
  loader: ({ context, params }) => {
    void context.queryClient.prefetchQuery(workspaceQueryOptions(params.workspaceId));
  },
  component: function WorkspaceSettings() {
    const { workspaceId } = Route.useParams();
    return <WorkspaceSettingsPage workspaceId={workspaceId} />;
  },
});
