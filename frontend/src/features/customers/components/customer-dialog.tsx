import { zodResolver } from "@hookform/resolvers/zod";
import { RefreshCw } from "lucide-react";
import { useId, useState } from "react";
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
import { controlClassName, Input, Label } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/spinner";
import { ApiError, describeError, isStale } from "@/lib/api-error";
import type { Versioned } from "@/lib/etag";
import { applyProblem } from "@/lib/form-errors";
import { toast } from "@/lib/toast";
import { cn } from "@/lib/utils";
import { type Customer, useCustomer, useSaveCustomer } from "../queries";
import {
  type CustomerValues,
  customerBody,
  customerSchema,
  customerValues,
  emptyCustomer,
} from "../schemas";
import { PremierWarning } from "./premier-warning";

/** Create (`customerId` null) or edit a customer; open while `open` is true. */
export function CustomerDialog({
  workspaceId,
  currency,
  customerId,
  open,
  onOpenChange,
}: {
  workspaceId: string;
  currency: string;
  customerId: string | null;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const onDone = () => onOpenChange(false);
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-w-lg">
        <DialogHeader>
          <DialogTitle>{customerId ? "Edit customer" : "New customer"}</DialogTitle>
          <DialogDescription>
            Customers are where pilots run. What you note here helps pick the right one.
          </DialogDescription>
        </DialogHeader>
        {customerId ? (
          <EditCustomer
            workspaceId={workspaceId}
            currency={currency}
            customerId={customerId}
            onDone={onDone}
          />
        ) : (
          <CustomerForm
            workspaceId={workspaceId}
            currency={currency}
            current={null}
            onDone={onDone}
          />
        )}
      </DialogContent>
    </Dialog>
  );
}

function EditCustomer({
  workspaceId,
  currency,
  customerId,
  onDone,
}: {
  workspaceId: string;
  currency: string;
  customerId: string;
  onDone: () => void;
}) {
  const customer = useCustomer(workspaceId, customerId);
  if (customer.isPending) {
    return (
      <div className="flex flex-col gap-4" aria-busy="true">
        <p role="status" className="sr-only">
          Loading customer…
        </p>
        {[0, 1, 2, 3].map((i) => (
          <div key={i} className="flex flex-col gap-2">
            <Skeleton className="h-4 w-24" />
            <Skeleton className="h-9 w-full" />
          </div>
        ))}
      </div>
    );
  }
  if (customer.isError) {
    return (
      <ErrorAlert title="Could not load this customer">
        {describeError(customer.error).detail}
      </ErrorAlert>
    );
  }
  return (
    <CustomerForm
      workspaceId={workspaceId}
      currency={currency}
      current={customer.data}
      onReload={() => customer.refetch()}
      reloading={customer.isFetching}
      onDone={onDone}
    />
  );
}

const FIELDS = [
  "name",
  "segment",
  "annual_revenue",
  "is_premier_account",
  "external_id",
  "notes",
] as const;

function CustomerForm({
  workspaceId,
  currency,
  current,
  onReload,
  reloading = false,
  onDone,
}: {
  workspaceId: string;
  currency: string;
  current: Versioned<Customer> | null;
  onReload?: () => Promise<{ data?: Versioned<Customer> | undefined }>;
  reloading?: boolean;
  onDone: () => void;
}) {
  const save = useSaveCustomer(workspaceId);
  const [formError, setFormError] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  const premierId = useId();
  const form = useForm<CustomerValues>({
    resolver: zodResolver(customerSchema),
    defaultValues: current ? customerValues(current.data) : emptyCustomer,
  });
  const { errors } = form.formState;
  const premier = form.watch("is_premier_account");

  /** After a conflict: fetch their version and start the form again from it. */
  const reload = async () => {
    const result = await onReload?.();
    if (result?.data) form.reset(customerValues(result.data.data));
    setStale(false);
  };

  const onSubmit = form.handleSubmit((values) => {
    setFormError(null);
    setStale(false);
    save.mutate(
      { id: current?.data.id ?? null, etag: current?.etag ?? null, body: customerBody(values) },
      {
        onSuccess: ({ data }) => {
          toast(current ? `Customer “${data.name}” saved` : `Customer “${data.name}” created`);
          onDone();
        },
        onError: (error) => {
          if (isStale(error)) {
            setStale(true);
            return;
          }
          if (error instanceof ApiError && error.status === 409) {
            // A conflict on save is a name or external id already used by another customer.
            const field = /external/i.test(error.detail ?? "") ? "external_id" : "name";
            form.setError(
              field,
              { type: "server", message: error.detail ?? error.title },
              { shouldFocus: true },
            );
            return;
          }
          setFormError(applyProblem(error, form.setError, FIELDS));
        },
      },
    );
  });

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      {stale && (
        <ErrorAlert title="Someone changed this customer since you opened it">
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
      <Field label="Name" error={errors.name?.message}>
        {(props) => (
          <Input
            {...props}
            autoComplete="off"
            placeholder="e.g. Nordwind Logistics"
            {...form.register("name")}
          />
        )}
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Segment" help="Free text, e.g. Mid-market." error={errors.segment?.message}>
          {(props) => <Input {...props} autoComplete="off" {...form.register("segment")} />}
        </Field>
        <Field
          label={`Annual revenue (${currency})`}
          help="Leave empty when unknown."
          error={errors.annual_revenue?.message}
        >
          {(props) => (
            <Input
              {...props}
              inputMode="decimal"
              autoComplete="off"
              placeholder="e.g. 1250000"
              className="tabular-nums"
              {...form.register("annual_revenue")}
            />
          )}
        </Field>
      </div>
      <div className="flex flex-col gap-1.5">
        <div className="flex items-start gap-2.5">
          <input
            id={premierId}
            type="checkbox"
            aria-describedby={`${premierId}-help`}
            className="mt-0.5 size-4 shrink-0 cursor-pointer accent-accent"
            {...form.register("is_premier_account")}
          />
          <Label htmlFor={premierId} className="cursor-pointer">
            Premier account
          </Label>
        </div>
        <p id={`${premierId}-help`} className="pl-6.5 text-xs text-muted-foreground">
          A relationship too valuable to risk. A pilot at a premier account raises a red flag with
          them, so pick a smaller customer with ideal conditions instead.
        </p>
        {premier && <PremierWarning className="mt-1" />}
      </div>
      <Field
        label="External id"
        help="The customer's id in your CRM, if you want to match them up."
        error={errors.external_id?.message}
      >
        {(props) => (
          <Input
            {...props}
            autoComplete="off"
            spellCheck={false}
            placeholder="e.g. CRM-10442"
            {...form.register("external_id")}
          />
        )}
      </Field>
      <Field
        label="Notes"
        help="What makes them a good or a poor place to try something new."
        error={errors.notes?.message}
      >
        {(props) => (
          <textarea
            {...props}
            rows={3}
            className={cn(controlClassName, "h-auto min-h-20 py-2")}
            {...form.register("notes")}
          />
        )}
      </Field>
      <DialogFooter className="mt-2">
        <DialogClose asChild>
          <Button type="button" variant="outline">
            Cancel
          </Button>
        </DialogClose>
        <Button type="submit" disabled={save.isPending}>
          {save.isPending && <Spinner />}
          {save.isPending ? "Saving…" : current ? "Save customer" : "Create customer"}
        </Button>
      </DialogFooter>
    </form>
  );
}
