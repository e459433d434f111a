import { useState } from "react";
import { DeleteDialog } from "@/components/delete-dialog";
import { describeError } from "@/lib/api-error";
import type { Versioned } from "@/lib/etag";
import { toast } from "@/lib/toast";
import type { Webhook } from "../events";
import { useDeleteWebhook } from "../queries";

export function DeleteWebhookDialog({
  workspaceId,
  current,
  open,
  onOpenChange,
  onDeleted,
}: {
  workspaceId: string;
  current: Versioned<Webhook>;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onDeleted: () => void;
}) {
  const remove = useDeleteWebhook(workspaceId);
  const [error, setError] = useState<string | null>(null);

  const close = (next: boolean) => {
    if (!next) {
      setError(null);
      remove.reset();
    }
    onOpenChange(next);
  };

  return (
    <DeleteDialog
      workspaceId={workspaceId}
      open={open}
      onOpenChange={close}
      title="Delete this webhook?"
      description={
        <>
          Events stop going to <span className="break-all font-medium">{current.data.url}</span> at
          once, deliveries still waiting are dropped, and its delivery log is deleted. This cannot
          be undone.
        </>
      }
      confirmLabel="Delete webhook"
      pending={remove.isPending}
      error={error}
      inUse={null}
      inUseMessage=""
      onConfirm={() => {
        setError(null);
        remove.mutate(
          { id: current.data.id, etag: current.etag },
          {
            onSuccess: () => {
              toast("Webhook deleted");
              close(false);
              onDeleted();
            },
            onError: (e) => setError(describeError(e).detail),
          },
        );
      }}
    />
  );
}
