import { createFileRoute } from "@tanstack/react-router";
import { PilotsPage } from "@/features/pilots/components/pilots-page";
import { pilotsQueryOptions } from "@/features/pilots/queries";
import { pilotSearchSchema } from "@/features/pilots/search";

export const Route = createFileRoute("/_app/w/$workspaceId/pilots/")({
  validateSearch: pilotSearchSchema,
  loaderDeps: ({ search }) => search,
  loader: ({ context, params, deps }) => {
    void context.queryClient.prefetchInfiniteQuery(pilotsQueryOptions(params.workspaceId, deps));
  },
  component: function Pilots() {
    const { workspaceId } = Route.useParams();
    const search = Route.useSearch();
    return <PilotsPage workspaceId={workspaceId} search={search} />;
  },
});
