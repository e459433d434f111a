import { useState } from "react";
import { ErrorAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogTitle,
} from "@/components/ui/dialog";
import { Spinner } from "@/components/ui/spinner";
import { describeError, isStale } from "@/lib/api-error";
import { toast } from "@/lib/toast";
import { type Member, useRemoveMember } from "../queries";

export function RemoveMemberDialog({
  workspaceId,
  workspaceName,
  member,
  isSelf,
  onOpenChange,
}: {
  workspaceId: string;
  workspaceName: string;
  /** The member to remove; the dialog is open while this is set. */
  member: Member | null;
  isSelf: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const remove = useRemoveMember(workspaceId);
  const [error, setError] = useState<string | null>(null);

  const close = (open: boolean) => {
    if (!open) {
      setError(null);
      remove.reset();
    }
    onOpenChange(open);
  };

  const confirm = () => {
    if (!member) return;
    setError(null);
    remove.mutate(
      { userId: member.user_id, etag: member.etag || null },
      {
        onSuccess: () => {
          toast(`${member.name} removed from ${workspaceName}`);
          close(false);
        },
        onError: (e) =>
          setError(
            isStale(e)
              ? "Someone changed this membership since you opened the list. It has been reloaded: check it, then try again."
              : describeError(e).detail,
          ),
      },
    );
  };

  return (
    <AlertDialog open={member !== null} onOpenChange={close}>
      <AlertDialogContent>
        {member && (
          <>
            <div className="flex flex-col gap-1.5">
              <AlertDialogTitle>
                Remove {isSelf ? "yourself" : member.name} from {workspaceName}?
              </AlertDialogTitle>
              <AlertDialogDescription>
                {isSelf ? "You" : `${member.name} (${member.email})`} will lose access to this
                workspace at once: its pilots, customers, departments and portfolio. API tokens for
                this workspace stop working. An admin can add {isSelf ? "you" : "them"} again later.
              </AlertDialogDescription>
            </div>
            {error && <ErrorAlert title="Could not remove this member">{error}</ErrorAlert>}
            <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
              <AlertDialogCancel asChild>
                <Button variant="outline">Cancel</Button>
              </AlertDialogCancel>
              <Button variant="destructive" onClick={confirm} disabled={remove.isPending}>
                {remove.isPending && <Spinner />}
                {remove.isPending ? "Removing…" : "Remove member"}
              </Button>
            </div>
          </>
        )}
      </AlertDialogContent>
    </AlertDialog>
  );
}
