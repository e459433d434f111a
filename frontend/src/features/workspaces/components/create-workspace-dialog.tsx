import { zodResolver } from "@hookform/resolvers/zod";
import { useNavigate } from "@tanstack/react-router";
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
import { Input, Select } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { applyProblem } from "@/lib/form-errors";
import { toast } from "@/lib/toast";
import { useCreateWorkspace } from "../queries";
import { CURRENCIES, type WorkspaceValues, workspaceSchema } from "../schemas";

export function CreateWorkspaceDialog({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Create workspace</DialogTitle>
          <DialogDescription>
            A workspace holds one organisation's pilots, customers and departments. You become its
            admin and can invite your team.
          </DialogDescription>
        </DialogHeader>
        {/* Mounted only while open, so every opening starts with a clean form. */}
        <CreateWorkspaceForm onDone={() => onOpenChange(false)} />
      </DialogContent>
    </Dialog>
  );
}

function CreateWorkspaceForm({ onDone }: { onDone: () => void }) {
  const create = useCreateWorkspace();
  const navigate = useNavigate();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<WorkspaceValues>({
    resolver: zodResolver(workspaceSchema),
    defaultValues: { name: "", currency: "EUR" },
  });
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit((values) => {
    setFormError(null);
    create.mutate(
      { name: values.name.trim(), currency: values.currency.trim().toUpperCase() },
      {
        onSuccess: ({ data: workspace }) => {
          toast(`Workspace “${workspace.name}” created`);
          onDone();
          void navigate({ to: "/w/$workspaceId", params: { workspaceId: workspace.id } });
        },
        onError: (error) =>
          setFormError(applyProblem(error, form.setError, ["name", "currency"] as const)),
      },
    );
  });

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      {formError && <ErrorAlert>{formError}</ErrorAlert>}
      <Field label="Name" error={errors.name?.message}>
        {(props) => (
          <Input
            {...props}
            autoComplete="organization"
            placeholder="e.g. Field services"
            {...form.register("name")}
          />
        )}
      </Field>
      <Field
        label="Currency"
        help="Budgets and revenue in this workspace are shown in this currency."
        error={errors.currency?.message}
      >
        {(props) => (
          <Select {...props} {...form.register("currency")}>
            {CURRENCIES.map((code) => (
              <option key={code} value={code}>
                {code}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <DialogFooter className="mt-2">
        <DialogClose asChild>
          <Button type="button" variant="outline">
            Cancel
          </Button>
        </DialogClose>
        <Button type="submit" disabled={create.isPending}>
          {create.isPending && <Spinner />}
          {create.isPending ? "Creating…" : "Create workspace"}
        </Button>
      </DialogFooter>
    </form>
  );
}
