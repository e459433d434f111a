import { createFileRoute } from "@tanstack/react-router";
import { TokensPage } from "@/features/tokens/components/tokens-page";

export const Route = createFileRoute("/_app/w/$workspaceId/settings/tokens")({
  // The query options come with the page's own chunk, fetched alongside: not in the first script.
  loader: async ({ context }) => {
    const { tokensQueryOptions } = await import("@/features/tokens/queries");
    void context.queryClient.prefetchQuery(tokensQueryOptions());
  },
  component: function Tokens() {
    const { workspaceId } = Route.useParams();
    return <TokensPage workspaceId={workspaceId} />;
  },
});
