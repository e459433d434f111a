import { zodResolver } from "@hookform/resolvers/zod";
import { Check, Copy, Mail, TriangleAlert } from "lucide-react";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { ErrorAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input, Label } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { todayIso } from "@/features/pilots/schemas";
import { ApiError } from "@/lib/api-error";
import { applyProblem } from "@/lib/form-errors";
import { formatDate } from "@/lib/format";
import { toast } from "@/lib/toast";
import { type FeedbackLinkCreated, useCreateFeedbackLink } from "../queries";
import { type FeedbackLinkValues, feedbackLinkBody, feedbackLinkSchema } from "../schemas";

/**
 * Makes a feedback link for one person at the testbed customer, then shows it this once with a
 * Copy button, and says whether it was emailed.
 */
export function FeedbackLinkDialog({
  workspaceId,
  pilotId,
  customer,
  open,
  onOpenChange,
}: {
  workspaceId: string;
  pilotId: string;
  customer: string | null;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const [created, setCreated] = useState<FeedbackLinkCreated | null>(null);
  const close = (next: boolean) => {
    if (!next) setCreated(null);
    onOpenChange(next);
  };
  return (
    <Dialog open={open} onOpenChange={close}>
      <DialogContent
        className="max-w-lg"
        // Once the link is shown, a stray click outside must not lose it.
        onInteractOutside={(event) => created && event.preventDefault()}
      >
        {created ? (
          <CreatedLink link={created} onDone={() => close(false)} />
        ) : (
          <>
            <DialogHeader>
              <DialogTitle>Create a feedback link</DialogTitle>
              <DialogDescription>
                For one person at {customer ?? "the testbed customer"}. They answer two questions
                and two optional ones on a page of their own: no account, nothing internal shown.
              </DialogDescription>
            </DialogHeader>
            {open && (
              <LinkForm workspaceId={workspaceId} pilotId={pilotId} onCreated={setCreated} />
            )}
          </>
        )}
      </DialogContent>
    </Dialog>
  );
}

function LinkForm({
  workspaceId,
  pilotId,
  onCreated,
}: {
  workspaceId: string;
  pilotId: string;
  onCreated: (link: FeedbackLinkCreated) => void;
}) {
  const create = useCreateFeedbackLink(workspaceId, pilotId);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<FeedbackLinkValues>({
    resolver: zodResolver(feedbackLinkSchema),
    defaultValues: { contact_name: "", contact_email: "", expires_on: "" },
  });
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit((values) => {
    setFormError(null);
    create.mutate(feedbackLinkBody(values), {
      onSuccess: onCreated,
      onError: (error) => {
        if (error instanceof ApiError && error.status === 409) {
          setFormError(error.detail ?? error.title);
          return;
        }
        setFormError(
          applyProblem(error, form.setError, [
            "contact_name",
            "contact_email",
            "expires_on",
          ] as const),
        );
      },
    });
  });

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      {formError && <ErrorAlert>{formError}</ErrorAlert>}
      <Field
        label="Who is it for?"
        help="Their name, perhaps their role: the page greets them by it, and you will recognise the link in the list."
        error={errors.contact_name?.message}
      >
        {(props) => (
          <Input
            {...props}
            autoComplete="off"
            placeholder="e.g. Anna Kowalczyk, ward nurse"
            {...form.register("contact_name")}
          />
        )}
      </Field>
      <Field
        label="Email (optional)"
        help="Pilotboard emails the link to this address. Leave it empty to pass the link on yourself."
        error={errors.contact_email?.message}
      >
        {(props) => (
          <Input {...props} type="email" autoComplete="off" {...form.register("contact_email")} />
        )}
      </Field>
      <Field
        label="Works until (optional)"
        help="The last day the link works (UTC). Leave it empty to keep it until you revoke it."
        error={errors.expires_on?.message}
      >
        {(props) => (
          <Input
            {...props}
            type="date"
            min={todayIso()}
            className="sm:max-w-48"
            {...form.register("expires_on")}
          />
        )}
      </Field>
      <DialogFooter>
        <DialogClose asChild>
          <Button type="button" variant="outline">
            Cancel
          </Button>
        </DialogClose>
        <Button type="submit" disabled={create.isPending}>
          {create.isPending && <Spinner />}
          {create.isPending ? "Creating…" : "Create link"}
        </Button>
      </DialogFooter>
    </form>
  );
}

function CreatedLink({ link, onDone }: { link: FeedbackLinkCreated; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  const [copyFailed, setCopyFailed] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link.url);
      setCopied(true);
      setCopyFailed(false);
      toast("Link copied to the clipboard");
    } catch {
      setCopyFailed(true);
    }
  };
  return (
    <>
      <DialogHeader>
        <DialogTitle>The link for {link.contact_name}</DialogTitle>
        <DialogDescription>
          Anyone holding this link can answer, until{" "}
          {link.expires_on ? `the end of ${formatDate(link.expires_on)} (UTC)` : "you revoke it"}.
        </DialogDescription>
      </DialogHeader>
      {link.contact_email ? (
        <p
          role="status"
          className="flex gap-2 rounded-lg border bg-accent-subtle px-3 py-2.5 text-sm text-accent-subtle-foreground"
        >
          <Mail aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
          <span>
            Emailed to <span className="font-medium break-all">{link.contact_email}</span>: it is on
            its way. The Email log under Settings shows when it is sent.
          </span>
        </p>
      ) : (
        <p role="status" className="text-sm">
          Not emailed: copy it now and pass it on yourself.
        </p>
      )}
      <div className="flex gap-3 rounded-lg border border-warning-border bg-warning px-3 py-2.5 text-sm text-warning-foreground">
        <TriangleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
        <p>
          <strong className="font-semibold">This is the only time the link is shown.</strong> If it
          gets lost, revoke it and create a new one.
        </p>
      </div>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="new-feedback-link">Feedback link</Label>
        <div className="flex gap-2">
          <input
            id="new-feedback-link"
            readOnly
            value={link.url}
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
            The browser did not allow copying. Select the link and copy it by hand.
          </p>
        )}
      </div>
      <DialogFooter>
        <Button type="button" onClick={onDone}>
          Done
        </Button>
      </DialogFooter>
    </>
  );
}
