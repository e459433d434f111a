import { Check, Copy, TriangleAlert } from "lucide-react";
import { useState } from "react";
import type { Schemas } from "@/client";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { Label } from "@/components/ui/input";
import { toast } from "@/lib/toast";

/** Shows a new webhook's signing secret once, with a Copy button and how to use it. */
export function WebhookSecretDialog({
  created,
  onClose,
}: {
  created: Schemas["WebhookCreated"] | null;
  onClose: () => void;
}) {
  const [copied, setCopied] = useState(false);
  const [copyFailed, setCopyFailed] = useState(false);

  const close = () => {
    setCopied(false);
    setCopyFailed(false);
    onClose();
  };

  const copy = async () => {
    if (!created) return;
    try {
      await navigator.clipboard.writeText(created.secret);
      setCopied(true);
      setCopyFailed(false);
      toast("Signing secret copied to the clipboard");
    } catch {
      setCopyFailed(true);
    }
  };

  return (
    <Dialog open={created !== null} onOpenChange={(open) => !open && close()}>
      <DialogContent onInteractOutside={(event) => event.preventDefault()}>
        <DialogHeader>
          <DialogTitle>Copy the signing secret</DialogTitle>
          <DialogDescription>
            Events to <span className="break-all font-medium">{created?.url}</span> are signed with
            this secret. Your receiver uses it to check that each request came from Pilotboard and
            was not changed on the way.
          </DialogDescription>
        </DialogHeader>
        <div className="flex gap-3 rounded-lg border border-warning-border bg-warning px-3 py-2.5 text-sm text-warning-foreground">
          <TriangleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
          <p>
            <strong className="font-semibold">This is the only time it is shown.</strong> Store it
            with the receiver's configuration now. If you lose it, delete the webhook and add it
            again.
          </p>
        </div>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="new-webhook-secret">Signing secret</Label>
          <div className="flex gap-2">
            <input
              id="new-webhook-secret"
              readOnly
              value={created?.secret ?? ""}
              onFocus={(event) => event.currentTarget.select()}
              spellCheck={false}
              className="h-9 min-w-0 flex-1 rounded-md border border-input bg-muted px-3 font-mono text-sm"
            />
            <Button type="button" variant="outline" onClick={() => void copy()}>
              {copied ? <Check aria-hidden="true" /> : <Copy aria-hidden="true" />}
              {copied ? "Copied" : "Copy"}
            </Button>
          </div>
          {copyFailed && (
            <p role="alert" className="text-sm text-danger-foreground">
              The browser did not allow copying. Select the secret and copy it by hand.
            </p>
          )}
        </div>
        <p className="text-sm text-muted-foreground">
          Deliveries follow the Standard Webhooks format: check the{" "}
          <code className="rounded bg-muted px-1 font-mono text-xs">webhook-signature</code> header
          (HMAC-SHA256 of id, timestamp and body) with any Standard Webhooks library.
        </p>
        <DialogFooter>
          <Button type="button" onClick={close}>
            Done
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
