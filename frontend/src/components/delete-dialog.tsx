import { Link } from "@tanstack/react-router";
import type * as React from "react";
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
import type { PilotRef } from "@/lib/api-error";

/**
 * Confirms a delete, saying what will be lost. When the server refuses because pilots still use
 * the object (409), it lists them instead of the delete button.
 */
export function DeleteDialog({
  workspaceId,
  open,
  onOpenChange,
  title,
  description,
  confirmLabel,
  pending,
  error,
  inUse,
  inUseMessage,
  onConfirm,
}: {
  workspaceId: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description: React.ReactNode;
  confirmLabel: string;
  pending: boolean;
  /** An error other than "in use". */
  error: string | null;
  /** The pilots that still use the object, once the server said so. */
  inUse: PilotRef[] | null;
  inUseMessage: string;
  onConfirm: () => void;
}) {
  return (
    <AlertDialog open={open} onOpenChange={onOpenChange}>
      <AlertDialogContent>
        <div className="flex flex-col gap-1.5">
          <AlertDialogTitle>{title}</AlertDialogTitle>
          <AlertDialogDescription>{description}</AlertDialogDescription>
        </div>
        {inUse && (
          <ErrorAlert title="Still in use">
            <p>{inUseMessage}</p>
            {inUse.length > 0 && (
              <ul className="mt-2 list-disc pl-5" aria-label="Pilots using it">
                {inUse.map((pilot) => (
                  <li key={pilot.id}>
                    <Link
                      to="/w/$workspaceId/pilots/$pilotId"
                      params={{ workspaceId, pilotId: pilot.id }}
                      className="font-medium underline underline-offset-4"
                    >
                      {pilot.title}
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </ErrorAlert>
        )}
        {error && <ErrorAlert title="Could not delete">{error}</ErrorAlert>}
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <AlertDialogCancel asChild>
            <Button variant="outline">{inUse ? "Close" : "Cancel"}</Button>
          </AlertDialogCancel>
          {!inUse && (
            <Button variant="destructive" onClick={onConfirm} disabled={pending}>
              {pending && <Spinner />}
              {pending ? "Deleting…" : confirmLabel}
            </Button>
          )}
        </div>
      </AlertDialogContent>
    </AlertDialog>
  );
}
