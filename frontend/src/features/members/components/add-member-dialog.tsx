import { zodResolver } from "@hookform/resolvers/zod";
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
import { ApiError } from "@/lib/api-error";
import { applyProblem } from "@/lib/form-errors";
import { toast } from "@/lib/toast";
import { useAddMember } from "../queries";
import { ROLES, roleLabel } from "../roles";
import { type MemberValues, memberSchema } from "../schemas";

export function AddMemberDialog({
  workspaceId,
  workspaceName,
  open,
  onOpenChange,
}: {
  workspaceId: string;
  workspaceName: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Add member</DialogTitle>
          <DialogDescription>
            Give someone who already has a Pilotboard account access to {workspaceName}.
          </DialogDescription>
        </DialogHeader>
        <AddMemberForm workspaceId={workspaceId} onDone={() => onOpenChange(false)} />
      </DialogContent>
    </Dialog>
  );
}

function AddMemberForm({ workspaceId, onDone }: { workspaceId: string; onDone: () => void }) {
  const add = useAddMember(workspaceId);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<MemberValues>({
    resolver: zodResolver(memberSchema),
    defaultValues: { email: "", role: "editor" },
  });
  const { errors } = form.formState;
  const role = form.watch("role");

  const onSubmit = form.handleSubmit((values) => {
    setFormError(null);
    add.mutate(values, {
      onSuccess: (member) => {
        toast(`${member.name} added as ${roleLabel(member.role)}`);
        onDone();
      },
      onError: (error) => {
        if (error instanceof ApiError && error.status === 409) {
          // Already a member: the problem is the email, so say it there.
          form.setError(
            "email",
            { type: "server", message: error.detail ?? error.title },
            { shouldFocus: true },
          );
          return;
        }
        setFormError(applyProblem(error, form.setError, ["email", "role"] as const));
      },
    });
  });

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      {formError && <ErrorAlert>{formError}</ErrorAlert>}
      <Field label="Email" help="The email they sign in with." error={errors.email?.message}>
        {(props) => (
          <Input
            {...props}
            type="email"
            inputMode="email"
            autoComplete="off"
            spellCheck={false}
            placeholder="name@company.com"
            {...form.register("email")}
          />
        )}
      </Field>
      <Field
        label="Role"
        help={ROLES.find((r) => r.value === role)?.description}
        error={errors.role?.message}
      >
        {(props) => (
          <Select {...props} {...form.register("role")}>
            {ROLES.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
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
        <Button type="submit" disabled={add.isPending}>
          {add.isPending && <Spinner />}
          {add.isPending ? "Adding…" : "Add member"}
        </Button>
      </DialogFooter>
    </form>
  );
}
