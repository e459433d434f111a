import { useState } from "react";
import { DeleteDialog } from "@/components/delete-dialog";
import { describeError, type PilotRef, pilotsInUse } from "@/lib/api-error";
import { toast } from "@/lib/toast";
import { type Customer, useCustomer, useDeleteCustomer } from "../queries";

export function DeleteCustomerDialog({
  workspaceId,
  customer,
  onOpenChange,
}: {
  workspaceId: string;
  /** The customer to delete; the dialog is open while this is set. */
  customer: Customer | null;
  onOpenChange: (open: boolean) => void;
}) {
  const remove = useDeleteCustomer(workspaceId);
  // Read it fresh: the ETag sent with the delete is the one of what the person confirms. Not
  // once the delete is on its way: a read of what is being deleted would only answer 404.
  const current = useCustomer(
    workspaceId,
    remove.isIdle || remove.isError ? (customer?.id ?? null) : null,
  );
  const [error, setError] = useState<string | null>(null);
  const [inUse, setInUse] = useState<PilotRef[] | null>(null);

  const close = (open: boolean) => {
    if (!open) {
      setError(null);
      setInUse(null);
      remove.reset();
    }
    onOpenChange(open);
  };

  const confirm = () => {
    if (!customer) return;
    setError(null);
    remove.mutate(
      { id: customer.id, etag: current.data?.etag ?? null },
      {
        onSuccess: () => {
          toast(`Customer “${customer.name}” deleted`);
          close(false);
        },
        onError: (e) => {
          const pilots = pilotsInUse(e);
          if (pilots) setInUse(pilots);
          else setError(describeError(e).detail);
        },
      },
    );
  };

  return (
    <DeleteDialog
      workspaceId={workspaceId}
      open={customer !== null}
      onOpenChange={close}
      title={`Delete “${customer?.name ?? ""}”?`}
      description="The customer, their revenue, segment and notes are removed from this workspace. This cannot be undone."
      confirmLabel="Delete customer"
      pending={remove.isPending}
      error={error}
      inUse={inUse}
      inUseMessage="Pilots run at this customer or consider them as a candidate. Take them out of those pilots first, then delete the customer."
      onConfirm={confirm}
    />
  );
}
