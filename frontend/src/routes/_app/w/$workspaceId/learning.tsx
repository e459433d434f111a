import { createFileRoute } from "@tanstack/react-router";
import { LearningPage } from "@/features/learning/components/learning-page";
import { parsePortfolioSearch } from "@/features/portfolio/search";

export const Route = createFileRoute("/_app/w/$workspaceId/learning")({
  // The portfolio's filters and date: a link from the portfolio keeps the same view.
  validateSearch: parsePortfolioSearch,
  loaderDeps: ({ search }) => search,
  // The query options come with the page's own chunk, fetched alongside: not in the first script.
  loader: async ({ context, params, deps }) => {
    const { learningQueryOptions } = await import("@/features/learning/queries");
    void context.queryClient.prefetchQuery(learningQueryOptions(params.workspaceId, deps));
  },
  component: function Learning() {
    const { workspaceId } = Route.useParams();
    const search = Route.useSearch();
    return <LearningPage workspaceId={workspaceId} search={search} />;
  },
});
