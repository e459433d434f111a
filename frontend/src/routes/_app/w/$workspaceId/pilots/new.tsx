import { createFileRoute } from "@tanstack/react-router";
import { SetupWizard } from "@/features/pilots/components/wizard/setup-wizard";

/** The new-pilot wizard before the pilot exists: its first step creates the draft. */
export const Route = createFileRoute("/_app/w/$workspaceId/pilots/new")({
  component: function NewPilot() {
    const { workspaceId } = Route.useParams();
    return <SetupWizard workspaceId={workspaceId} pilotId={null} step="outcome" />;
  },
});
