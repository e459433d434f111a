import { createFileRoute } from "@tanstack/react-router";
import { MethodSettingsPage } from "@/features/settings/components/method-settings-page";

export const Route = createFileRoute("/_app/w/$workspaceId/settings/method")({
  // The query options come with the page's own chunk, fetched alongside: not in the first script.
  loader: async ({ context, params }) => {
    const { methodSettingsQueryOptions } = await import("@/features/settings/queries");
    void context.queryClient.prefetchQuery(methodSettingsQueryOptions(params.workspaceId));
  },
  component: function MethodSettings() {
    const { workspaceId } = Route.useParams();
    return <MethodSettingsPage workspaceId={workspaceId} />;
  },
});
