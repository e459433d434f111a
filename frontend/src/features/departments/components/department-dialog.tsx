import { zodResolver } from "@hookform/resolvers/zod";
import { RefreshCw } from "lucide-react";
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
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/spinner";
import { ApiError, describeError, isStale } from "@/lib/api-error";
import type { Versioned } from "@/lib/etag";
import { applyProblem } from "@/lib/form-errors";
import { toast } from "@/lib/toast";
import { type Department, useDepartment, useSaveDepartment } from "../queries";
import {
  type DepartmentValues,
  departmentBody,
  departmentSchema,
  departmentValues,
  emptyDepartment,
} from "../schemas";

/** Create (`departmentId` null) or edit a department; open while `open` is true. */
export function DepartmentDialog({
  workspaceId,
  departmentId,
  open,
  onOpenChange,
}: {
  workspaceId: string;
  departmentId: string | null;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const editing = departmentId !== null;
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{editing ? "Edit department" : "New department"}</DialogTitle>
          <DialogDescription>
            Departments are the people a pilot needs on board: who leads them and the measure they
            are held to.
          </DialogDescription>
        </DialogHeader>
        {editing ? (
          <EditDepartment
            workspaceId={workspaceId}
            departmentId={departmentId}
            onDone={() => onOpenChange(false)}
          />
        ) : (
          <DepartmentForm
            workspaceId={workspaceId}
            current={null}
            onDone={() => onOpenChange(false)}
          />
        )}
      </DialogContent>
    </Dialog>
  );
}

function EditDepartment({
  workspaceId,
  departmentId,
  onDone,
}: {
  workspaceId: string;
  departmentId: string;
  onDone: () => void;
}) {
  const department = useDepartment(workspaceId, departmentId);
  if (department.isPending) {
    return (
      <div className="flex flex-col gap-4" aria-busy="true">
        <p role="status" className="sr-only">
          Loading department…
        </p>
        {[0, 1, 2].map((i) => (
          <div key={i} className="flex flex-col gap-2">
            <Skeleton className="h-4 w-24" />
            <Skeleton className="h-9 w-full" />
          </div>
        ))}
      </div>
    );
  }
  if (department.isError) {
    return (
      <ErrorAlert title="Could not load this department">
        {describeError(department.error).detail}
      </ErrorAlert>
    );
  }
  return (
    <DepartmentForm
      workspaceId={workspaceId}
      current={department.data}
      onReload={() => department.refetch()}
      reloading={department.isFetching}
      onDone={onDone}
    />
  );
}

const FIELDS = ["name", "lead_name", "kpi"] as const;

function DepartmentForm({
  workspaceId,
  current,
  onReload,
  reloading = false,
  onDone,
}: {
  workspaceId: string;
  current: Versioned<Department> | null;
  onReload?: () => Promise<{ data?: Versioned<Department> | undefined }>;
  reloading?: boolean;
  onDone: () => void;
}) {
  const save = useSaveDepartment(workspaceId);
  const [formError, setFormError] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  const form = useForm<DepartmentValues>({
    resolver: zodResolver(departmentSchema),
    defaultValues: current ? departmentValues(current.data) : emptyDepartment,
  });
  const { errors } = form.formState;

  /** After a conflict: fetch their version and start the form again from it. */
  const reload = async () => {
    const result = await onReload?.();
    if (result?.data) form.reset(departmentValues(result.data.data));
    setStale(false);
  };

  const onSubmit = form.handleSubmit((values) => {
    setFormError(null);
    setStale(false);
    save.mutate(
      { id: current?.data.id ?? null, etag: current?.etag ?? null, body: departmentBody(values) },
      {
        onSuccess: ({ data }) => {
          toast(current ? `Department “${data.name}” saved` : `Department “${data.name}” created`);
          onDone();
        },
        onError: (error) => {
          if (isStale(error)) {
            setStale(true);
            return;
          }
          if (error instanceof ApiError && error.status === 409) {
            // The only conflict on save is a name already taken.
            form.setError(
              "name",
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
        <ErrorAlert title="Someone changed this department since you opened it">
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
            placeholder="e.g. Field service"
            {...form.register("name")}
          />
        )}
      </Field>
      <Field
        label="Lead"
        help="The person who decides for the department: the one to win over."
        error={errors.lead_name?.message}
      >
        {(props) => (
          <Input
            {...props}
            autoComplete="off"
            placeholder="e.g. Maria Jensen"
            {...form.register("lead_name")}
          />
        )}
      </Field>
      <Field
        label="KPI the department is held to"
        help="Each department optimises the measure it is held to. Know it, and show how the pilot moves it, or the department will resist the change."
        error={errors.kpi?.message}
      >
        {(props) => (
          <Input
            {...props}
            autoComplete="off"
            placeholder="e.g. First-time fix rate"
            {...form.register("kpi")}
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
          {save.isPending ? "Saving…" : current ? "Save department" : "Create department"}
        </Button>
      </DialogFooter>
    </form>
  );
}
