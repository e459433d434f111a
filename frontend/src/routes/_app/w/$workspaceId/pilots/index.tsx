import { createFileRoute } from "@tanstack/react-router";
import { PilotsPage } from "@/features/pilots/components/pilots-page";
import { pilotsQueryOptions } from "@/features/pilots/queries";
import { filtersOf, pilotsPageSearchSchema } from "@/features/pilots/search";

export const Route = createFileRoute("/_app/w/$workspaceId/pilots/")({
  validateSearch: pilotsPageSearchSchema,
  // The density never changes what is loaded; the board loads its own (all pages at once).
  loaderDeps: ({ search }) => ({ filters: filtersOf(search), board: search.view === "board" }),
  loader: ({ context, params, deps }) => {
    if (!deps.board)
      void context.queryClient.prefetchInfiniteQuery(
        pilotsQueryOptions(params.workspaceId, deps.filters),
      );
  },
  component: function Pilots() {
    const { workspaceId } = Route.useParams();
    const search = Route.useSearch();
    return <PilotsPage workspaceId={workspaceId} search={search} />;
  },
});
