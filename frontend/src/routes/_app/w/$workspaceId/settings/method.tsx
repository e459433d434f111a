import { createFileRoute } from "@tanstack/react-router";
import { MethodSettingsPage } from "@/features/settings/components/method-settings-page";
import { methodSettingsQueryOptions } from "@/features/settings/queries";

export const Route = createFileRoute("/_app/w/$workspaceId/settings/method")({
  loader: ({ context, params }) => {
    void context.queryClient.prefetchQuery(methodSettingsQueryOptions(params.workspaceId));
  },
  component: function MethodSettings() {
    const { workspaceId } = Route.useParams();
    return <MethodSettingsPage workspaceId={workspaceId} />;
  },
});
