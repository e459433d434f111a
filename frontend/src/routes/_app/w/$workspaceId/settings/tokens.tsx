import { createFileRoute } from "@tanstack/react-router";
import { TokensPage } from "@/features/tokens/components/tokens-page";
import { tokensQueryOptions } from "@/features/tokens/queries";

export const Route = createFileRoute("/_app/w/$workspaceId/settings/tokens")({
  loader: ({ context }) => {
    void context.queryClient.prefetchQuery(tokensQueryOptions());
  },
  component: function Tokens() {
    const { workspaceId } = Route.useParams();
    return <TokensPage workspaceId={workspaceId} />;
  },
});
