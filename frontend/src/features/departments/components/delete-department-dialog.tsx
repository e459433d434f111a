import { useState } from "react";
import { DeleteDialog } from "@/components/delete-dialog";
import { describeError, type PilotRef, pilotsInUse } from "@/lib/api-error";
import { toast } from "@/lib/toast";
import { type Department, useDeleteDepartment, useDepartment } from "../queries";

export function DeleteDepartmentDialog({
  workspaceId,
  department,
  onOpenChange,
}: {
  workspaceId: string;
  /** The department to delete; the dialog is open while this is set. */
  department: Department | null;
  onOpenChange: (open: boolean) => void;
}) {
  const remove = useDeleteDepartment(workspaceId);
  // Read it fresh: the ETag sent with the delete is the one of what the person confirms. Not
  // once the delete is on its way: a read of what is being deleted would only answer 404.
  const current = useDepartment(
    workspaceId,
    remove.isIdle || remove.isError ? (department?.id ?? null) : null,
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
    if (!department) return;
    setError(null);
    remove.mutate(
      { id: department.id, etag: current.data?.etag ?? null },
      {
        onSuccess: () => {
          toast(`Department “${department.name}” deleted`);
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

  const name = department?.name ?? "";
  return (
    <DeleteDialog
      workspaceId={workspaceId}
      open={department !== null}
      onOpenChange={close}
      title={`Delete “${name}”?`}
      description={`The department, its lead and its KPI are removed from this workspace. Pilots cannot involve it any more. This cannot be undone.`}
      confirmLabel="Delete department"
      pending={remove.isPending}
      error={error}
      inUse={inUse}
      inUseMessage="Pilots still involve this department or plan to scale through it. Remove it from them first, then delete it."
      onConfirm={confirm}
    />
  );
}
