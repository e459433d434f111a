import { Building2, ChevronsUpDown } from "lucide-react";
import { DeferredMenu } from "@/components/deferred-menu";
import { Button } from "@/components/ui/button";
import type { Me } from "@/features/auth/queries";

const loadWorkspaceMenu = () => import("./workspace-menu");

/** The workspace button in the top bar; its menu loads on idle or on first use. */
export function WorkspaceSwitcher({
  memberships,
  currentId,
}: {
  memberships: Me["memberships"];
  currentId: string | null;
}) {
  const current = memberships.find((m) => m.workspace_id === currentId);
  return (
    <DeferredMenu
      load={loadWorkspaceMenu}
      menu={(m, props) => (
        <m.WorkspaceMenu memberships={memberships} currentId={currentId} {...props} />
      )}
      trigger={
        <Button
          variant="ghost"
          className="min-w-0 max-w-44 gap-1.5 px-2 sm:max-w-64"
          aria-label={`Workspace: ${current?.workspace_name ?? "none chosen"}`}
        >
          <Building2 aria-hidden="true" className="text-muted-foreground" />
          <span className="truncate">{current?.workspace_name ?? "Choose a workspace"}</span>
          <ChevronsUpDown aria-hidden="true" className="text-muted-foreground" />
        </Button>
      }
    />
  );
}
