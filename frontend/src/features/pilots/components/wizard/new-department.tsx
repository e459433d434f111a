import { zodResolver } from "@hookform/resolvers/zod";
import { Building2 } from "lucide-react";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { ErrorAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { type Department, useSaveDepartment } from "@/features/departments/queries";
import {
  type DepartmentValues,
  departmentBody,
  departmentSchema,
  emptyDepartment,
} from "@/features/departments/schemas";
import { ApiError } from "@/lib/api-error";
import { applyProblem } from "@/lib/form-errors";
import { toast } from "@/lib/toast";

const FIELDS = ["name", "lead_name", "kpi"] as const;

/**
 * Creates a department without leaving the wizard (a new workspace has none yet), then hands it
 * to the step so it can be invited at once. Inline, not a dialog: it is the step's next action.
 */
export function NewDepartmentForm({
  workspaceId,
  first,
  onCreated,
  onCancel,
}: {
  workspaceId: string;
  /** The workspace has no department yet: say so, and offer no way around it. */
  first: boolean;
  onCreated: (department: Department) => void;
  onCancel?: () => void;
}) {
  const save = useSaveDepartment(workspaceId);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<DepartmentValues>({
    resolver: zodResolver(departmentSchema),
    defaultValues: emptyDepartment,
  });
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit((values) => {
    setFormError(null);
    save.mutate(
      { id: null, etag: null, body: departmentBody(values) },
      {
        onSuccess: ({ data }) => {
          toast(`Department “${data.name}” created`);
          form.reset(emptyDepartment);
          onCreated(data);
        },
        onError: (error) => {
          if (error instanceof ApiError && error.status === 409) {
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
    <form
      onSubmit={onSubmit}
      noValidate
      aria-labelledby="new-department-title"
      className="flex flex-col gap-4 rounded-lg border border-dashed p-4"
    >
      <div className="flex flex-col gap-1">
        <h3 id="new-department-title" className="flex items-center gap-2 font-medium">
          <Building2 aria-hidden="true" className="size-4 shrink-0 text-muted-foreground" />
          {first ? "Add the first department" : "New department"}
        </h3>
        <p className="text-sm text-muted-foreground">
          {first
            ? "This workspace has no departments yet. Add the ones this pilot needs on board; you can invite each as soon as it exists."
            : "A department the pilot needs that is not in the workspace yet."}
        </p>
      </div>
      {formError && <ErrorAlert>{formError}</ErrorAlert>}
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <Field label="Name" error={errors.name?.message}>
          {(props) => (
            <Input
              {...props}
              autoComplete="off"
              placeholder="e.g. Supply chain"
              {...form.register("name")}
            />
          )}
        </Field>
        <Field
          label="Lead (optional)"
          help="The person who decides for the department."
          error={errors.lead_name?.message}
        >
          {(props) => <Input {...props} autoComplete="off" {...form.register("lead_name")} />}
        </Field>
      </div>
      <Field
        label="KPI it is held to (optional)"
        help="Each manager optimises the measure they are held to: name it, and show how the pilot moves it."
        error={errors.kpi?.message}
      >
        {(props) => (
          <Input
            {...props}
            autoComplete="off"
            placeholder="e.g. Picking cost per order"
            {...form.register("kpi")}
          />
        )}
      </Field>
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        {onCancel && (
          <Button type="button" variant="outline" onClick={onCancel}>
            Cancel
          </Button>
        )}
        <Button type="submit" disabled={save.isPending}>
          {save.isPending && <Spinner />}
          {save.isPending ? "Creating…" : "Create and invite"}
        </Button>
      </div>
    </form>
  );
}
