import { createFileRoute } from "@tanstack/react-router";
import { SetupWizard } from "@/features/pilots/components/wizard/setup-wizard";
import { parseSetupSearch } from "@/features/pilots/wizard";

/** The wizard for a draft pilot; without `step` it resumes at the first incomplete one. */
export const Route = createFileRoute("/_app/w/$workspaceId/pilots/$pilotId_/setup")({
  validateSearch: parseSetupSearch,
  // The query options come with the page's own chunk, fetched alongside: not in the first script.
  loader: async ({ context, params }) => {
    const { gateQueryOptions, pilotQueryOptions } = await import("@/features/pilots/queries");
    void context.queryClient.prefetchQuery(pilotQueryOptions(params.workspaceId, params.pilotId));
    void context.queryClient.prefetchQuery(
      gateQueryOptions(params.workspaceId, params.pilotId, "running"),
    );
  },
  component: function PilotSetup() {
    const { workspaceId, pilotId } = Route.useParams();
    const { step } = Route.useSearch();
    return (
      <SetupWizard key={pilotId} workspaceId={workspaceId} pilotId={pilotId} step={step ?? null} />
    );
  },
});
