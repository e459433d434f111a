import { Clock, MailPlus, RotateCw, TriangleAlert, X } from "lucide-react";
import { useState } from "react";
import { ListError, ListSkeleton } from "@/components/list-states";
import { RelativeTime } from "@/components/relative-time";
import { ErrorAlert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogTitle,
} from "@/components/ui/dialog";
import { Spinner } from "@/components/ui/spinner";
import { roleLabel } from "@/features/members/roles";
import { describeError } from "@/lib/api-error";
import { formatDate, formatDateTime } from "@/lib/format";
import { toast } from "@/lib/toast";
import {
  type Invitation,
  useInvitations,
  useResendInvitation,
  useRevokeInvitation,
} from "../queries";

/** Whether an invitation's link has run out (it can still be sent again, with a new link). */
export function isExpired(invitation: Pick<Invitation, "expires_at">, now = new Date()): boolean {
  return new Date(invitation.expires_at).getTime() <= now.getTime();
}

/** The members page's list of invitations not yet accepted, with resend and revoke. */
export function PendingInvitations({
  workspaceId,
  workspaceName,
  onInvite,
}: {
  workspaceId: string;
  workspaceName: string;
  onInvite: () => void;
}) {
  const invitations = useInvitations(workspaceId);
  const [revoking, setRevoking] = useState<Invitation | null>(null);

  return (
    <section aria-labelledby="invitations-heading" className="flex flex-col gap-3">
      <div className="flex flex-col gap-1">
        <h2 id="invitations-heading" className="text-lg font-semibold tracking-tight">
          Pending invitations
        </h2>
        <p className="text-sm text-muted-foreground">
          People invited by email who have not joined yet. Each link works once, for 7 days.
        </p>
      </div>
      {invitations.isPending ? (
        <ListSkeleton label="Loading invitations…" rows={2} />
      ) : invitations.isError ? (
        <ListError
          what="invitations"
          error={invitations.error}
          onRetry={() => void invitations.refetch()}
          retrying={invitations.isFetching}
        />
      ) : invitations.data.length === 0 ? (
        <Card>
          <CardContent className="flex flex-col items-start gap-3 sm:flex-row sm:items-center sm:justify-between">
            <p className="text-sm text-muted-foreground">
              No pending invitations. Invite a colleague by email — they do not need an account yet.
            </p>
            <Button variant="outline" onClick={onInvite}>
              <MailPlus aria-hidden="true" />
              Invite by email
            </Button>
          </CardContent>
        </Card>
      ) : (
        <InvitationList
          workspaceId={workspaceId}
          invitations={invitations.data}
          onRevoke={setRevoking}
        />
      )}
      <RevokeInvitationDialog
        workspaceId={workspaceId}
        workspaceName={workspaceName}
        invitation={revoking}
        onOpenChange={(open) => !open && setRevoking(null)}
      />
    </section>
  );
}

type ListProps = {
  workspaceId: string;
  invitations: Invitation[];
  onRevoke: (invitation: Invitation) => void;
};

/** A table on wide screens, cards on phones. Only one of the two is ever displayed. */
function InvitationList({ workspaceId, invitations, onRevoke }: ListProps) {
  return (
    <>
      <Card className="hidden overflow-hidden md:block">
        <table className="w-full text-sm">
          <caption className="sr-only">Pending invitations</caption>
          <thead className="border-b bg-muted/50 text-left text-xs text-muted-foreground">
            <tr>
              <th scope="col" className="px-5 py-2.5 font-medium">
                Email
              </th>
              <th scope="col" className="px-3 py-2.5 font-medium">
                Role
              </th>
              <th scope="col" className="px-3 py-2.5 font-medium">
                Invited
              </th>
              <th scope="col" className="px-3 py-2.5 font-medium">
                Link works until
              </th>
              <th scope="col" className="px-5 py-2.5 text-right font-medium">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y">
            {invitations.map((invitation) => (
              <tr key={invitation.id} className="align-middle">
                <td className="px-5 py-3 font-medium break-all">{invitation.email}</td>
                <td className="px-3 py-3">{roleLabel(invitation.role)}</td>
                <td className="px-3 py-3 text-muted-foreground">
                  <RelativeTime value={invitation.created_at} />
                </td>
                <td className="px-3 py-3">
                  <Expiry invitation={invitation} />
                </td>
                <td className="px-5 py-3">
                  <Actions workspaceId={workspaceId} invitation={invitation} onRevoke={onRevoke} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>

      <ul className="flex flex-col gap-3 md:hidden" aria-label="Pending invitations">
        {invitations.map((invitation) => (
          <li key={invitation.id}>
            <Card className="flex flex-col gap-3 p-4">
              <div className="flex flex-col gap-1">
                <p className="font-medium break-all">{invitation.email}</p>
                <p className="text-sm text-muted-foreground">
                  {roleLabel(invitation.role)} · invited{" "}
                  <RelativeTime value={invitation.created_at} />
                </p>
                <Expiry invitation={invitation} label />
              </div>
              <Actions workspaceId={workspaceId} invitation={invitation} onRevoke={onRevoke} />
            </Card>
          </li>
        ))}
      </ul>
    </>
  );
}

/** The day the link stops working (a date reads better than "in 6 days" for a deadline). */
function ExpiryDate({ value }: { value: string }) {
  return (
    <time dateTime={value} title={formatDateTime(value)} className="tabular-nums">
      {formatDate(value)}
    </time>
  );
}

function Expiry({ invitation, label = false }: { invitation: Invitation; label?: boolean }) {
  return isExpired(invitation) ? (
    <Badge tone="warning">
      <TriangleAlert aria-hidden="true" />
      Expired <ExpiryDate value={invitation.expires_at} />
    </Badge>
  ) : (
    <span className="flex items-center gap-1.5 text-sm">
      <Clock aria-hidden="true" className="size-3.5 text-muted-foreground" />
      <span>
        {label && "Link works until "}
        <ExpiryDate value={invitation.expires_at} />
      </span>
    </span>
  );
}

function Actions({
  workspaceId,
  invitation,
  onRevoke,
}: {
  workspaceId: string;
  invitation: Invitation;
  onRevoke: (invitation: Invitation) => void;
}) {
  const resend = useResendInvitation(workspaceId);
  const [error, setError] = useState<string | null>(null);

  const onResend = () => {
    setError(null);
    resend.mutate(invitation.id, {
      onSuccess: () =>
        toast(`A new invitation was sent to ${invitation.email}; the earlier link stopped working`),
      onError: (e) => setError(describeError(e).detail),
    });
  };

  return (
    <div className="flex flex-col items-stretch gap-1.5 md:items-end">
      <div className="flex flex-wrap gap-2 md:justify-end">
        <Button
          variant="outline"
          size="sm"
          onClick={onResend}
          disabled={resend.isPending}
          aria-label={`Resend the invitation to ${invitation.email}`}
        >
          {resend.isPending ? <Spinner /> : <RotateCw aria-hidden="true" />}
          {resend.isPending ? "Sending…" : "Resend"}
        </Button>
        <Button
          variant="ghost"
          size="sm"
          onClick={() => onRevoke(invitation)}
          aria-label={`Revoke the invitation to ${invitation.email}`}
          className="text-danger-foreground hover:bg-danger"
        >
          <X aria-hidden="true" />
          Revoke
        </Button>
      </div>
      {error && (
        <p role="alert" className="max-w-xs text-sm text-danger-foreground">
          {error}
        </p>
      )}
    </div>
  );
}

function RevokeInvitationDialog({
  workspaceId,
  workspaceName,
  invitation,
  onOpenChange,
}: {
  workspaceId: string;
  workspaceName: string;
  /** The invitation to revoke; the dialog is open while this is set. */
  invitation: Invitation | null;
  onOpenChange: (open: boolean) => void;
}) {
  const revoke = useRevokeInvitation(workspaceId);
  const [error, setError] = useState<string | null>(null);

  const close = (open: boolean) => {
    if (!open) {
      setError(null);
      revoke.reset();
    }
    onOpenChange(open);
  };

  const confirm = () => {
    if (!invitation) return;
    setError(null);
    revoke.mutate(invitation.id, {
      onSuccess: () => {
        toast(`Invitation to ${invitation.email} revoked`);
        close(false);
      },
      onError: (e) => setError(describeError(e).detail),
    });
  };

  return (
    <AlertDialog open={invitation !== null} onOpenChange={close}>
      <AlertDialogContent>
        {invitation && (
          <>
            <div className="flex flex-col gap-1.5">
              <AlertDialogTitle>Revoke the invitation to {invitation.email}?</AlertDialogTitle>
              <AlertDialogDescription>
                The link in their email stops working at once, and they cannot join {workspaceName}{" "}
                with it. You can invite them again later.
              </AlertDialogDescription>
            </div>
            {error && <ErrorAlert title="Could not revoke this invitation">{error}</ErrorAlert>}
            <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
              <AlertDialogCancel asChild>
                <Button variant="outline">Cancel</Button>
              </AlertDialogCancel>
              <Button variant="destructive" onClick={confirm} disabled={revoke.isPending}>
                {revoke.isPending && <Spinner />}
                {revoke.isPending ? "Revoking…" : "Revoke invitation"}
              </Button>
            </div>
          </>
        )}
      </AlertDialogContent>
    </AlertDialog>
  );
}
