import { createFileRoute } from "@tanstack/react-router";
import { PilotPage } from "@/features/pilots/components/pilot-page";
import { pilotPageSearchSchema } from "@/features/pilots/page-search";
import { pilotQueryOptions } from "@/features/pilots/queries";

export const Route = createFileRoute("/_app/w/$workspaceId/pilots/$pilotId")({
  validateSearch: pilotPageSearchSchema,
  loader: ({ context, params }) => {
    void context.queryClient.prefetchQuery(pilotQueryOptions(params.workspaceId, params.pilotId));
  },
  component: function Pilot() {
    const { workspaceId, pilotId } = Route.useParams();
    const { decide } = Route.useSearch();
    return <PilotPage key={pilotId} workspaceId={workspaceId} pilotId={pilotId} decide={decide} />;
  },
});
