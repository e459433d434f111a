import { useNavigate } from "@tanstack/react-router";
import { Plus } from "lucide-react";
import { lazy, Suspense, useState } from "react";
import type { DeferredMenuProps } from "@/components/deferred-menu";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import type { Me } from "@/features/auth/queries";
import { roleLabel } from "@/features/members/roles";

// The form (react-hook-form, zod) is not part of the top bar's first paint: fetched when the
// menu opens, so it is there by the time "Create workspace" is chosen.
const loadCreateDialog = () => import("./create-workspace-dialog");
const CreateWorkspaceDialog = lazy(() =>
  loadCreateDialog().then((module) => ({ default: module.CreateWorkspaceDialog })),
);

/**
 * The workspace menu, in a chunk of its own (the top bar draws its button, see
 * workspace-switcher): switch workspace, or create one.
 */
export function WorkspaceMenu({
  memberships,
  currentId,
  trigger,
  defaultOpen,
}: {
  memberships: Me["memberships"];
  currentId: string | null;
} & DeferredMenuProps) {
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  // Mounted from the first time it opens on, so it closes with its animation.
  const [created, setCreated] = useState(false);

  return (
    <>
      <DropdownMenu
        defaultOpen={defaultOpen}
        onOpenChange={(open) => open && void loadCreateDialog()}
      >
        <DropdownMenuTrigger asChild>{trigger}</DropdownMenuTrigger>
        <DropdownMenuContent align="start" className="w-72">
          {memberships.length > 0 && (
            <>
              <DropdownMenuLabel>Workspaces</DropdownMenuLabel>
              <DropdownMenuRadioGroup
                value={currentId ?? ""}
                onValueChange={(workspaceId) =>
                  void navigate({ to: "/w/$workspaceId", params: { workspaceId } })
                }
              >
                {memberships.map((m) => (
                  <DropdownMenuRadioItem key={m.workspace_id} value={m.workspace_id}>
                    <span className="flex min-w-0 flex-1 flex-col">
                      <span className="truncate">{m.workspace_name}</span>
                      <span className="text-xs text-muted-foreground">{roleLabel(m.role)}</span>
                    </span>
                  </DropdownMenuRadioItem>
                ))}
              </DropdownMenuRadioGroup>
              <DropdownMenuSeparator />
            </>
          )}
          <DropdownMenuItem
            onSelect={() => {
              setCreated(true);
              setCreating(true);
            }}
          >
            <Plus aria-hidden="true" />
            Create workspace
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      {created && (
        <Suspense fallback={null}>
          <CreateWorkspaceDialog open={creating} onOpenChange={setCreating} />
        </Suspense>
      )}
    </>
  );
}
