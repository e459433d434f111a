import { Check, Copy, TriangleAlert } from "lucide-react";
import { useState } from "react";
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

/** Shows a new token's secret once, with a Copy button. */
export function TokenSecretDialog({
  created,
  onClose,
}: {
  created: { name: string; token: string } | null;
  onClose: () => void;
}) {
  const [copied, setCopied] = useState(false);
  const [copyFailed, setCopyFailed] = useState(false);

  const copy = async () => {
    if (!created) return;
    try {
      await navigator.clipboard.writeText(created.token);
      setCopied(true);
      setCopyFailed(false);
      toast("Token copied to the clipboard");
    } catch {
      setCopyFailed(true);
    }
  };

  return (
    <Dialog
      open={created !== null}
      onOpenChange={(open) => {
        if (!open) {
          setCopied(false);
          setCopyFailed(false);
          onClose();
        }
      }}
    >
      <DialogContent onInteractOutside={(event) => event.preventDefault()}>
        <DialogHeader>
          <DialogTitle>Copy your new token</DialogTitle>
          <DialogDescription>
            “{created?.name}” is ready. Send it as{" "}
            <code className="rounded bg-muted px-1 font-mono text-xs">
              Authorization: Bearer &lt;token&gt;
            </code>
            .
          </DialogDescription>
        </DialogHeader>
        <div className="flex gap-3 rounded-lg border border-warning-border bg-warning px-3 py-2.5 text-sm text-warning-foreground">
          <TriangleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
          <p>
            <strong className="font-semibold">This is the only time it is shown.</strong> Store it
            now, for example in your password manager. If you lose it, revoke it and create a new
            one.
          </p>
        </div>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="new-token-secret">Token</Label>
          <div className="flex gap-2">
            <input
              id="new-token-secret"
              readOnly
              value={created?.token ?? ""}
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
              The browser did not allow copying. Select the token and copy it by hand.
            </p>
          )}
        </div>
        <DialogFooter>
          <Button type="button" onClick={() => onClose()}>
            Done
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
