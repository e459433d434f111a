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
import { ROLES, roleLabel } from "@/features/members/roles";
import { ApiError } from "@/lib/api-error";
import { applyProblem } from "@/lib/form-errors";
import { toast } from "@/lib/toast";
import { useInvite } from "../queries";
import { type InviteValues, inviteSchema } from "../schemas";

export function InviteDialog({
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
          <DialogTitle>Invite by email</DialogTitle>
          <DialogDescription>
            They get an email with a link to join {workspaceName}, valid for 7 days. Someone new
            sets a name and a password; someone who already has an account signs in.
          </DialogDescription>
        </DialogHeader>
        <InviteForm workspaceId={workspaceId} onDone={() => onOpenChange(false)} />
      </DialogContent>
    </Dialog>
  );
}

function InviteForm({ workspaceId, onDone }: { workspaceId: string; onDone: () => void }) {
  const invite = useInvite(workspaceId);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<InviteValues>({
    resolver: zodResolver(inviteSchema),
    defaultValues: { email: "", role: "editor" },
  });
  const { errors } = form.formState;
  const role = form.watch("role");

  const onSubmit = form.handleSubmit((values) => {
    setFormError(null);
    invite.mutate(values, {
      onSuccess: (invitation) => {
        toast(`Invitation sent to ${invitation.email} as ${roleLabel(invitation.role)}`);
        onDone();
      },
      onError: (error) => {
        if (error instanceof ApiError && error.status === 409) {
          // Already a member, or already invited: the problem is the email, so say it there.
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
      <Field
        label="Email"
        help="Where the invitation goes. They join with this address."
        error={errors.email?.message}
      >
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
        <Button type="submit" disabled={invite.isPending}>
          {invite.isPending && <Spinner />}
          {invite.isPending ? "Sending…" : "Send invitation"}
        </Button>
      </DialogFooter>
    </form>
  );
}
