import { createFileRoute, redirect } from "@tanstack/react-router";
import { Building2, Plus } from "lucide-react";
import { useState } from "react";
import { EmptyState } from "@/components/list-states";
import { Button } from "@/components/ui/button";
import { CreateWorkspaceDialog } from "@/features/workspaces/components/create-workspace-dialog";
import { landingWorkspace, readLastWorkspace } from "@/features/workspaces/last-workspace";
import { useDocumentTitle } from "@/lib/use-document-title";

/** `/` opens the last workspace used (or the first); without any, it offers to create one. */
export const Route = createFileRoute("/_app/")({
  beforeLoad: ({ context }) => {
    const workspaceId = landingWorkspace(context.me.memberships, readLastWorkspace());
    if (workspaceId) {
      throw redirect({ to: "/w/$workspaceId", params: { workspaceId }, replace: true });
    }
  },
  component: NoWorkspace,
});

function NoWorkspace() {
  useDocumentTitle("Welcome");
  const [open, setOpen] = useState(false);
  return (
    <div className="mx-auto flex max-w-xl flex-col gap-6">
      <h1 className="text-2xl font-semibold tracking-tight">Welcome to Pilotboard</h1>
      <EmptyState
        icon={Building2}
        title="You are not in a workspace yet"
        action={
          <Button onClick={() => setOpen(true)}>
            <Plus aria-hidden="true" />
            Create workspace
          </Button>
        }
      >
        A workspace holds one organisation's pilots, customers and departments. Create one and
        invite your team, or ask an admin to add you to theirs.
      </EmptyState>
      <CreateWorkspaceDialog open={open} onOpenChange={setOpen} />
    </div>
  );
}
