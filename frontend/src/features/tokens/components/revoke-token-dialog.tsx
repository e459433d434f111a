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
import { describeError } from "@/lib/api-error";
import { toast } from "@/lib/toast";
import { useRevokeToken } from "../queries";
import type { Token } from "../token-status";

export function RevokeTokenDialog({
  token,
  onOpenChange,
}: {
  token: Token | null;
  onOpenChange: (open: boolean) => void;
}) {
  const revoke = useRevokeToken();
  const [error, setError] = useState<string | null>(null);

  const close = (open: boolean) => {
    if (!open) {
      setError(null);
      revoke.reset();
    }
    onOpenChange(open);
  };

  const confirm = () => {
    if (!token) return;
    setError(null);
    revoke.mutate(token.id, {
      onSuccess: () => {
        toast(`Token “${token.name}” revoked`);
        close(false);
      },
      onError: (e) => setError(describeError(e).detail),
    });
  };

  return (
    <AlertDialog open={token !== null} onOpenChange={close}>
      <AlertDialogContent>
        {token && (
          <>
            <div className="flex flex-col gap-1.5">
              <AlertDialogTitle>Revoke “{token.name}”?</AlertDialogTitle>
              <AlertDialogDescription>
                Anything that uses this token ({token.prefix}…) will get “401 Unauthorized” from now
                on. This cannot be undone; create a new token if you need access again.
              </AlertDialogDescription>
            </div>
            {error && <ErrorAlert title="Could not revoke the token">{error}</ErrorAlert>}
            <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
              <AlertDialogCancel asChild>
                <Button variant="outline">Cancel</Button>
              </AlertDialogCancel>
              <Button variant="destructive" onClick={confirm} disabled={revoke.isPending}>
                {revoke.isPending && <Spinner />}
                {revoke.isPending ? "Revoking…" : "Revoke token"}
              </Button>
            </div>
          </>
        )}
      </AlertDialogContent>
    </AlertDialog>
  );
}
