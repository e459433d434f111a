import { zodResolver } from "@hookform/resolvers/zod";
import { RefreshCw } from "lucide-react";
import { useId, useState } from "react";
import { useForm } from "react-hook-form";
import type { Schemas } from "@/client";
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
import { Input } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { ApiError, isStale } from "@/lib/api-error";
import type { Versioned } from "@/lib/etag";
import { applyProblem } from "@/lib/form-errors";
import { toast } from "@/lib/toast";
import { EVENT_OPTIONS, type Webhook } from "../events";
import { useCreateWebhook, useUpdateWebhook } from "../queries";
import {
  emptyWebhook,
  type WebhookValues,
  webhookBody,
  webhookSchema,
  webhookValues,
} from "../schemas";

const FIELDS = ["url", "description", "events"] as const;

/** Add a webhook (`current` null) or edit one; open while `open` is true. */
export function WebhookDialog({
  workspaceId,
  current,
  open,
  onOpenChange,
  onCreated,
  onReload,
  reloading = false,
}: {
  workspaceId: string;
  current: Versioned<Webhook> | null;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onCreated?: (created: Schemas["WebhookCreated"]) => void;
  onReload?: () => Promise<{ data?: Versioned<Webhook> }>;
  reloading?: boolean;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-w-lg">
        <DialogHeader>
          <DialogTitle>{current ? "Edit webhook" : "Add webhook"}</DialogTitle>
          <DialogDescription>
            Pilotboard sends each event you choose to this URL as a signed JSON POST, and retries
            for 24 hours when it does not get through.
          </DialogDescription>
        </DialogHeader>
        {open && (
          <WebhookForm
            workspaceId={workspaceId}
            current={current}
            onDone={() => onOpenChange(false)}
            onCreated={onCreated}
            onReload={onReload}
            reloading={reloading}
          />
        )}
      </DialogContent>
    </Dialog>
  );
}

function WebhookForm({
  workspaceId,
  current,
  onDone,
  onCreated,
  onReload,
  reloading,
}: {
  workspaceId: string;
  current: Versioned<Webhook> | null;
  onDone: () => void;
  onCreated?: (created: Schemas["WebhookCreated"]) => void;
  onReload?: () => Promise<{ data?: Versioned<Webhook> }>;
  reloading: boolean;
}) {
  const create = useCreateWebhook(workspaceId);
  const update = useUpdateWebhook(workspaceId);
  const pending = create.isPending || update.isPending;
  const [formError, setFormError] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  // The version the person started from: saving over a newer one is refused (412).
  const [etag, setEtag] = useState(current?.etag ?? null);
  const eventsId = useId();
  const form = useForm<WebhookValues>({
    resolver: zodResolver(webhookSchema),
    defaultValues: current ? webhookValues(current.data) : emptyWebhook,
  });
  const { errors } = form.formState;

  /** After a conflict: fetch their version and start the form again from it. */
  const reload = async () => {
    const result = await onReload?.();
    if (result?.data) {
      form.reset(webhookValues(result.data.data));
      setEtag(result.data.etag);
    }
    setStale(false);
  };

  const onError = (error: unknown) => {
    if (isStale(error)) {
      setStale(true);
      return;
    }
    if (error instanceof ApiError && error.status === 409) {
      setFormError(error.detail ?? error.title);
      return;
    }
    setFormError(applyProblem(error, form.setError, FIELDS));
  };

  const onSubmit = form.handleSubmit((values) => {
    setFormError(null);
    setStale(false);
    const body = webhookBody(values);
    if (current) {
      update.mutate(
        { id: current.data.id, etag, body },
        {
          onSuccess: () => {
            toast("Webhook saved");
            onDone();
          },
          onError,
        },
      );
    } else {
      create.mutate(body, {
        onSuccess: (created) => {
          onDone();
          onCreated?.(created);
        },
        onError,
      });
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      {stale && (
        <ErrorAlert title="Someone changed this webhook since you opened it">
          <p>Reload to see their version, then make your change again.</p>
          {onReload && (
            <Button
              type="button"
              variant="outline"
              size="sm"
              className="mt-2"
              onClick={() => void reload()}
              disabled={reloading}
            >
              <RefreshCw
                aria-hidden="true"
                className={reloading ? "motion-safe:animate-spin" : ""}
              />
              Reload
            </Button>
          )}
        </ErrorAlert>
      )}
      {formError && <ErrorAlert>{formError}</ErrorAlert>}
      <Field
        label="Endpoint URL"
        help="A public https:// address of the system that receives the events. Addresses inside your network are refused."
        error={errors.url?.message}
      >
        {(props) => (
          <Input
            {...props}
            type="url"
            inputMode="url"
            autoComplete="off"
            spellCheck={false}
            placeholder="https://crm.example.com/hooks/pilotboard"
            {...form.register("url")}
          />
        )}
      </Field>
      <Field
        label="Description (optional)"
        help="What receives the events, so the next admin knows what it is for."
        error={errors.description?.message}
      >
        {(props) => (
          <Input
            {...props}
            autoComplete="off"
            placeholder="e.g. CRM sync"
            {...form.register("description")}
          />
        )}
      </Field>
      <fieldset
        className="flex flex-col gap-2"
        aria-describedby={`${eventsId}-help${errors.events ? ` ${eventsId}-error` : ""}`}
        aria-invalid={errors.events ? true : undefined}
      >
        <legend className="mb-1 text-sm font-medium">Events</legend>
        <p id={`${eventsId}-help`} className="text-xs text-muted-foreground">
          Each event sends the object as the API reads it (the pilot, iteration, measurement,
          decision, comment, feedback response or check-in).
        </p>
        <div className="grid gap-2 sm:grid-cols-2">
          {EVENT_OPTIONS.map((option) => (
            <label
              key={option.value}
              className="flex cursor-pointer items-start gap-3 rounded-lg border p-3 has-[:checked]:border-accent has-[:checked]:bg-accent-subtle/60 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-ring"
            >
              <input
                type="checkbox"
                value={option.value}
                className="mt-0.5 size-4 shrink-0 accent-[var(--accent)] focus-visible:outline-none"
                {...form.register("events")}
              />
              <span className="flex min-w-0 flex-col gap-0.5">
                <span className="text-sm font-medium">{option.label}</span>
                <code className="font-mono text-xs text-muted-foreground">{option.value}</code>
                <span className="text-xs text-muted-foreground">{option.description}</span>
              </span>
            </label>
          ))}
        </div>
        {errors.events && (
          <p id={`${eventsId}-error`} role="alert" className="text-sm text-danger-foreground">
            {errors.events.message}
          </p>
        )}
      </fieldset>
      <DialogFooter className="mt-2">
        <DialogClose asChild>
          <Button type="button" variant="outline">
            Cancel
          </Button>
        </DialogClose>
        <Button type="submit" disabled={pending}>
          {pending && <Spinner />}
          {pending ? "Saving…" : current ? "Save webhook" : "Add webhook"}
        </Button>
      </DialogFooter>
    </form>
  );
}
