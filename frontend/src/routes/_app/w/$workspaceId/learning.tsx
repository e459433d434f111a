import { createFileRoute } from "@tanstack/react-router";
import { LearningPage } from "@/features/learning/components/learning-page";
import { learningQueryOptions } from "@/features/learning/queries";
import { portfolioSearchSchema } from "@/features/portfolio/search";

export const Route = createFileRoute("/_app/w/$workspaceId/learning")({
  // The portfolio's filters and date: a link from the portfolio keeps the same view.
  validateSearch: portfolioSearchSchema,
  loaderDeps: ({ search }) => search,
  loader: ({ context, params, deps }) => {
    void context.queryClient.prefetchQuery(learningQueryOptions(params.workspaceId, deps));
  },
  component: function Learning() {
    const { workspaceId } = Route.useParams();
    const search = Route.useSearch();
    return <LearningPage workspaceId={workspaceId} search={search} />;
  },
});
