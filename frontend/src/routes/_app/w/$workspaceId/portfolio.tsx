import { createFileRoute } from "@tanstack/react-router";
import { PortfolioPage } from "@/features/portfolio/components/portfolio-page";
import { portfolioQueryOptions } from "@/features/portfolio/queries";
import { parsePortfolioSearch } from "@/features/portfolio/search";

export const Route = createFileRoute("/_app/w/$workspaceId/portfolio")({
  validateSearch: parsePortfolioSearch,
  loaderDeps: ({ search }) => search,
  loader: ({ context, params, deps }) => {
    void context.queryClient.prefetchQuery(portfolioQueryOptions(params.workspaceId, deps));
  },
  component: function Portfolio() {
    const { workspaceId } = Route.useParams();
    const search = Route.useSearch();
    return <PortfolioPage workspaceId={workspaceId} search={search} />;
  },
});
