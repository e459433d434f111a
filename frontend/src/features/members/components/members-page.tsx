import { CircleCheck, CircleMinus, MailPlus, Plus, Trash2, Users } from "lucide-react";
import { useId, useState } from "react";
import { EmptyState, ListError, ListSkeleton, PageHeader } from "@/components/list-states";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Select } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { type Role, useMe } from "@/features/auth/queries";
import { InviteDialog } from "@/features/invitations/components/invite-dialog";
import { PendingInvitations } from "@/features/invitations/components/pending-invitations";
import { useWorkspace } from "@/features/workspaces/queries";
import { describeError, isStale } from "@/lib/api-error";
import { toast } from "@/lib/toast";
import { useDocumentTitle } from "@/lib/use-document-title";
import { useReturnFocus } from "@/lib/use-return-focus";
import { type Member, useChangeRole, useMembers } from "../queries";
import { ROLES, roleLabel } from "../roles";
import { AddMemberDialog } from "./add-member-dialog";
import { RemoveMemberDialog } from "./remove-member-dialog";

export function MembersPage({ workspaceId }: { workspaceId: string }) {
  useDocumentTitle("Members");
  const { data: me } = useMe();
  const workspace = useWorkspace(workspaceId);
  const members = useMembers(workspaceId);
  const [adding, setAdding] = useState(false);
  const [inviting, setInviting] = useState(false);
  // By id: after a reload (a stale write), the dialog confirms the member as the list has it now.
  const [removingId, setRemovingId] = useState<string | null>(null);
  const removing = members.data?.find((m) => m.user_id === removingId) ?? null;
  // Focus goes back to the Remove button when the person cancels.
  useReturnFocus(removing !== null);

  const role = me?.memberships.find((m) => m.workspace_id === workspaceId)?.role;
  const isAdmin = role === "admin";
  const workspaceName = workspace.data?.name ?? "this workspace";

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Members"
        description={
          isAdmin
            ? `People in ${workspaceName} and what they can do. Only admins can change this list.`
            : `People in ${workspaceName} and what they can do. Ask an admin to change roles or add people.`
        }
        action={
          isAdmin && (
            <div className="flex flex-wrap gap-2">
              <Button variant="outline" onClick={() => setAdding(true)}>
                <Plus aria-hidden="true" />
                Add member
              </Button>
              <Button onClick={() => setInviting(true)}>
                <MailPlus aria-hidden="true" />
                Invite by email
              </Button>
            </div>
          )
        }
      />

      {members.isPending ? (
        <ListSkeleton label="Loading members…" />
      ) : members.isError ? (
        <ListError
          what="members"
          error={members.error}
          onRetry={() => void members.refetch()}
          retrying={members.isFetching}
        />
      ) : members.data.length === 0 ? (
        <EmptyState icon={Users} title="No members yet">
          Invite colleagues by email, or add people who already have an account.
        </EmptyState>
      ) : (
        <MemberList
          workspaceId={workspaceId}
          members={members.data}
          meId={me?.id ?? null}
          isAdmin={isAdmin}
          onRemove={(member) => setRemovingId(member.user_id)}
        />
      )}

      {isAdmin && (
        <PendingInvitations
          workspaceId={workspaceId}
          workspaceName={workspaceName}
          onInvite={() => setInviting(true)}
        />
      )}

      {isAdmin && (
        <>
          <InviteDialog
            workspaceId={workspaceId}
            workspaceName={workspaceName}
            open={inviting}
            onOpenChange={setInviting}
          />
          <AddMemberDialog
            workspaceId={workspaceId}
            workspaceName={workspaceName}
            open={adding}
            onOpenChange={setAdding}
          />
          <RemoveMemberDialog
            workspaceId={workspaceId}
            workspaceName={workspaceName}
            member={removing}
            isSelf={removing?.user_id === me?.id}
            onOpenChange={(open) => !open && setRemovingId(null)}
          />
        </>
      )}
    </div>
  );
}

type ListProps = {
  workspaceId: string;
  members: Member[];
  meId: string | null;
  isAdmin: boolean;
  onRemove: (member: Member) => void;
};

/** A table on wide screens, cards on phones. Only one of the two is ever displayed. */
function MemberList({ workspaceId, members, meId, isAdmin, onRemove }: ListProps) {
  return (
    <>
      <Card className="hidden overflow-hidden md:block">
        <table className="w-full text-sm">
          <caption className="sr-only">Members</caption>
          <thead className="border-b bg-muted/50 text-left text-xs text-muted-foreground">
            <tr>
              <th scope="col" className="px-5 py-2.5 font-medium">
                Name
              </th>
              <th scope="col" className="px-3 py-2.5 font-medium">
                Email
              </th>
              <th scope="col" className="px-3 py-2.5 font-medium">
                Role
              </th>
              <th scope="col" className="px-3 py-2.5 font-medium">
                Status
              </th>
              {isAdmin && (
                <th scope="col" className="px-5 py-2.5 text-right font-medium">
                  <span className="sr-only">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody className="divide-y">
            {members.map((member) => (
              <tr key={member.id} className="align-top">
                <td className="px-5 py-3 font-medium">
                  <span className="flex min-h-9 items-center gap-2">
                    {member.name}
                    {member.user_id === meId && <Badge>You</Badge>}
                  </span>
                </td>
                <td className="px-3 py-3 text-muted-foreground">
                  <span className="flex min-h-9 items-center break-all">{member.email}</span>
                </td>
                <td className="px-3 py-3">
                  {isAdmin ? (
                    <RoleControl workspaceId={workspaceId} member={member} />
                  ) : (
                    <span className="flex min-h-9 items-center">{roleLabel(member.role)}</span>
                  )}
                </td>
                <td className="px-3 py-3">
                  <span className="flex min-h-9 items-center">
                    <MemberStatus active={member.is_active} />
                  </span>
                </td>
                {isAdmin && (
                  <td className="px-5 py-3 text-right">
                    <RemoveButton member={member} onRemove={onRemove} />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </Card>

      <ul className="flex flex-col gap-3 md:hidden" aria-label="Members">
        {members.map((member) => (
          <li key={member.id}>
            <Card className="flex flex-col gap-3 p-4">
              <div className="flex items-start justify-between gap-3">
                <div className="flex min-w-0 flex-col">
                  <p className="flex items-center gap-2 font-medium">
                    <span className="truncate">{member.name}</span>
                    {member.user_id === meId && <Badge>You</Badge>}
                  </p>
                  <p className="break-all text-sm text-muted-foreground">{member.email}</p>
                </div>
                <MemberStatus active={member.is_active} />
              </div>
              {isAdmin ? (
                <div className="flex items-start gap-2">
                  <div className="min-w-0 flex-1">
                    <RoleControl workspaceId={workspaceId} member={member} />
                  </div>
                  <RemoveButton member={member} onRemove={onRemove} />
                </div>
              ) : (
                <p className="text-sm">
                  <span className="text-muted-foreground">Role: </span>
                  {roleLabel(member.role)}
                </p>
              )}
            </Card>
          </li>
        ))}
      </ul>
    </>
  );
}

function MemberStatus({ active }: { active: boolean }) {
  return active ? (
    <Badge tone="success">
      <CircleCheck aria-hidden="true" />
      Active
    </Badge>
  ) : (
    <Badge>
      <CircleMinus aria-hidden="true" />
      Deactivated
    </Badge>
  );
}

function RemoveButton({ member, onRemove }: { member: Member; onRemove: (m: Member) => void }) {
  return (
    <Button
      variant="ghost"
      onClick={() => onRemove(member)}
      aria-label={`Remove ${member.name}`}
      className="text-danger-foreground hover:bg-danger"
    >
      <Trash2 aria-hidden="true" />
      Remove
    </Button>
  );
}

/** Changing a role saves at once: progress beside the select, a toast, or the reason it failed. */
function RoleControl({ workspaceId, member }: { workspaceId: string; member: Member }) {
  const change = useChangeRole(workspaceId);
  const [error, setError] = useState<string | null>(null);
  const errorId = useId();

  const onChange = (role: Role) => {
    setError(null);
    change.mutate(
      { userId: member.user_id, etag: member.etag || null, role },
      {
        onSuccess: (updated) => toast(`${updated.name} is now ${roleLabel(updated.role)}`),
        onError: (e) =>
          setError(
            isStale(e)
              ? "Someone changed this membership since the list was loaded. It has been reloaded: choose the role again."
              : describeError(e).detail,
          ),
      },
    );
  };

  return (
    <div className="flex flex-col gap-1.5">
      <div className="flex items-center gap-2">
        <Select
          aria-label={`Role of ${member.name}`}
          aria-describedby={error ? errorId : undefined}
          aria-invalid={error ? true : undefined}
          value={change.isPending ? change.variables.role : member.role}
          disabled={change.isPending}
          onChange={(event) => onChange(event.target.value as Role)}
          className="w-full md:w-36"
        >
          {ROLES.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
        </Select>
        {change.isPending && (
          <>
            <Spinner className="text-muted-foreground" />
            <span className="sr-only" role="status">
              Saving role…
            </span>
          </>
        )}
      </div>
      {error && (
        <p id={errorId} role="alert" className="max-w-xs text-sm text-danger-foreground">
          {error}
        </p>
      )}
    </div>
  );
}
