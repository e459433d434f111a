import * as React from "react";
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
import { type Comment, useDeleteComment } from "../queries";

/**
 * Confirms deleting a comment, saying what goes and what stays. Cancel has the focus; after a
 * delete, focus moves to `afterDelete()` (the trigger is gone with the comment).
 */
export function DeleteCommentDialog({
  workspaceId,
  pilotId,
  comment: open,
  mine,
  onClose,
  afterDelete,
}: {
  workspaceId: string;
  pilotId: string;
  comment: Comment | null;
  /** The person deleting wrote it (else: an admin deletes someone else's). */
  mine: boolean;
  onClose: () => void;
  afterDelete: () => HTMLElement | null;
}) {
  // The comment stays named while the dialog animates out.
  const last = React.useRef(open);
  if (open) last.current = open;
  const comment = open ?? last.current;
  const remove = useDeleteComment(workspaceId, pilotId);
  const [error, setError] = React.useState<string | null>(null);
  const deleted = React.useRef(false);
  const author = comment?.author_name ?? "a former member";

  const close = () => {
    setError(null);
    remove.reset();
    onClose();
  };

  const confirm = () => {
    if (!comment) return;
    setError(null);
    remove.mutate(comment, {
      onSuccess: () => {
        toast("Comment deleted");
        deleted.current = true;
        close();
      },
      onError: (e) =>
        setError(
          isStale(e)
            ? "This comment was edited since the page was loaded: read it again before deleting it."
            : describeError(e).detail,
        ),
    });
  };

  return (
    <AlertDialog open={open !== null} onOpenChange={(isOpen) => !isOpen && close()}>
      <AlertDialogContent
        onCloseAutoFocus={(event) => {
          if (!deleted.current) return;
          deleted.current = false;
          const target = afterDelete();
          if (target) {
            event.preventDefault();
            target.focus();
          }
        }}
      >
        <div className="flex flex-col gap-1.5">
          <AlertDialogTitle>
            {mine ? "Delete your comment?" : `Delete ${author}’s comment?`}
          </AlertDialogTitle>
          <AlertDialogDescription>
            It disappears from the discussion for everyone. Notifications already sent are not
            recalled, and the pilot’s activity log keeps a record of what it said.
          </AlertDialogDescription>
        </div>
        {comment && (
          <p className="line-clamp-4 whitespace-pre-line break-words rounded-lg border bg-muted/40 p-3 text-sm">
            {comment.body}
          </p>
        )}
        {error && <ErrorAlert title="Could not delete">{error}</ErrorAlert>}
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <AlertDialogCancel asChild>
            <Button variant="outline">Cancel</Button>
          </AlertDialogCancel>
          <Button variant="destructive" onClick={confirm} disabled={remove.isPending}>
            {remove.isPending && <Spinner />}
            {remove.isPending ? "Deleting…" : "Delete comment"}
          </Button>
        </div>
      </AlertDialogContent>
    </AlertDialog>
  );
}
