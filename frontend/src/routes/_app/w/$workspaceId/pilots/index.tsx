import { createFileRoute } from "@tanstack/react-router";
import { PilotsPage } from "@/features/pilots/components/pilots-page";
import { filtersOf, parsePilotsPageSearch } from "@/features/pilots/search";

export const Route = createFileRoute("/_app/w/$workspaceId/pilots/")({
  validateSearch: parsePilotsPageSearch,
  // The density never changes what is loaded; the board loads its own (all pages at once).
  loaderDeps: ({ search }) => ({ filters: filtersOf(search), board: search.view === "board" }),
  // The query options come with the page's own chunk, fetched alongside: not in the first script.
  loader: async ({ context, params, deps }) => {
    const { pilotsQueryOptions } = await import("@/features/pilots/queries");
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
