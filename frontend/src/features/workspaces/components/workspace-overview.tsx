import { Link } from "@tanstack/react-router";
import {
  ChevronRight,
  FileUp,
  KeyRound,
  type LucideIcon,
  Mail,
  Settings2,
  SlidersHorizontal,
  Users,
  Webhook,
} from "lucide-react";
import { ListError } from "@/components/list-states";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { roleLabel } from "@/features/members/roles";
import { useDocumentTitle } from "@/lib/use-document-title";
import { useMembership, useWorkspace } from "../queries";

export function WorkspaceOverview({ workspaceId }: { workspaceId: string }) {
  const workspace = useWorkspace(workspaceId);
  const membership = useMembership(workspaceId);
  useDocumentTitle(workspace.data?.name ?? "Workspace");

  if (workspace.isError) {
    return (
      <ListError
        what="this workspace"
        error={workspace.error}
        onRetry={() => void workspace.refetch()}
        retrying={workspace.isFetching}
      />
    );
  }

  const isAdmin = membership?.role === "admin";
  const canImport = isAdmin || membership?.role === "editor";
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-2">
        {workspace.data ? (
          <h1 className="break-words text-2xl font-semibold tracking-tight">
            {workspace.data.name}
          </h1>
        ) : (
          <>
            <p className="sr-only" role="status">
              Loading workspace…
            </p>
            <Skeleton className="h-8 w-64 max-w-full" />
          </>
        )}
        <div className="flex flex-wrap items-center gap-2 text-sm text-muted-foreground">
          {membership && <Badge>Your role: {roleLabel(membership.role)}</Badge>}
          {workspace.data && (
            <span>
              Currency{" "}
              <span className="font-medium text-foreground">{workspace.data.currency}</span>
            </span>
          )}
        </div>
      </div>

      <section aria-labelledby="settings-heading" className="flex flex-col gap-3">
        <h2 id="settings-heading" className="text-sm font-medium text-muted-foreground">
          Workspace settings
        </h2>
        <div className="grid gap-4 sm:grid-cols-2">
          <SettingsLink
            to="/w/$workspaceId/settings/workspace"
            workspaceId={workspaceId}
            icon={Settings2}
            title="Workspace"
            description={
              isAdmin
                ? "Rename the workspace, set its currency and its weekly digest day."
                : "The workspace's name, currency and weekly digest day."
            }
          />
          <SettingsLink
            to="/w/$workspaceId/settings/method"
            workspaceId={workspaceId}
            icon={SlidersHorizontal}
            title="Rubric & thresholds"
            description={
              isAdmin
                ? "How candidates are scored and when a pilot is at risk or stalled."
                : "See how candidates are scored and when a pilot is at risk or stalled."
            }
          />
          <SettingsLink
            to="/w/$workspaceId/settings/members"
            workspaceId={workspaceId}
            icon={Users}
            title="Members"
            description={
              isAdmin
                ? "Add people, change their roles and remove access."
                : "See who is in this workspace and what they can do."
            }
          />
          <SettingsLink
            to="/w/$workspaceId/settings/tokens"
            workspaceId={workspaceId}
            icon={KeyRound}
            title="API tokens"
            description="Let scripts and integrations use the API on your behalf."
          />
          {canImport && (
            <SettingsLink
              to="/w/$workspaceId/settings/import"
              workspaceId={workspaceId}
              icon={FileUp}
              title="Import"
              description="Bring customers or departments in from a CSV file, with a preview first."
            />
          )}
          {isAdmin && (
            <SettingsLink
              to="/w/$workspaceId/settings/webhooks"
              workspaceId={workspaceId}
              icon={Webhook}
              title="Webhooks"
              description="Send pilot events to your CRM, BI or chat tools as they happen."
            />
          )}
          {isAdmin && (
            <SettingsLink
              to="/w/$workspaceId/settings/email"
              workspaceId={workspaceId}
              icon={Mail}
              title="Email log"
              description="Every invitation, notification and digest sent, and whether it went out."
            />
          )}
        </div>
      </section>
    </div>
  );
}

function SettingsLink({
  to,
  workspaceId,
  icon: Icon,
  title,
  description,
}: {
  to:
    | "/w/$workspaceId/settings/members"
    | "/w/$workspaceId/settings/tokens"
    | "/w/$workspaceId/settings/workspace"
    | "/w/$workspaceId/settings/method"
    | "/w/$workspaceId/settings/webhooks"
    | "/w/$workspaceId/settings/import"
    | "/w/$workspaceId/settings/email";
  workspaceId: string;
  icon: LucideIcon;
  title: string;
  description: string;
}) {
  return (
    <Card className="group relative transition-colors hover:border-accent/50">
      <CardContent className="flex items-center gap-4">
        <span className="flex size-10 shrink-0 items-center justify-center rounded-lg bg-accent-subtle text-accent-subtle-foreground">
          <Icon aria-hidden="true" className="size-5" />
        </span>
        <div className="flex min-w-0 flex-1 flex-col gap-0.5">
          <Link
            to={to}
            params={{ workspaceId }}
            className="font-medium after:absolute after:inset-0 after:rounded-xl focus-visible:outline-none focus-visible:after:outline-2 focus-visible:after:outline-offset-2 focus-visible:after:outline-ring"
          >
            {title}
          </Link>
          <p className="text-sm text-muted-foreground">{description}</p>
        </div>
        <ChevronRight
          aria-hidden="true"
          className="size-4 shrink-0 text-muted-foreground transition-transform group-hover:translate-x-0.5"
        />
      </CardContent>
    </Card>
  );
}
