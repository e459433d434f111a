import { zodResolver } from "@hookform/resolvers/zod";
import { useId, useMemo, useState } from "react";
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
import { applyProblem } from "@/lib/form-errors";
import { useCreateToken } from "../queries";
import { type TokenValues, todayIso, tokenRequest, tokenSchema } from "../schemas";

const ACCESS = [
  {
    value: "read",
    label: "Read only",
    description: "Reads pilots, customers, departments and the portfolio.",
  },
  {
    value: "write",
    label: "Read & write",
    description: "Can also create and change them, within your role in this workspace.",
  },
] as const;

export function CreateTokenDialog({
  workspaceId,
  workspaceName,
  open,
  onOpenChange,
  onCreated,
}: {
  workspaceId: string;
  workspaceName: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onCreated: (token: Schemas["TokenCreated"]) => void;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Create API token</DialogTitle>
          <DialogDescription>
            The token acts as you in {workspaceName}, limited to the access you choose here.
          </DialogDescription>
        </DialogHeader>
        <CreateTokenForm workspaceId={workspaceId} onCreated={onCreated} />
      </DialogContent>
    </Dialog>
  );
}

function CreateTokenForm({
  workspaceId,
  onCreated,
}: {
  workspaceId: string;
  onCreated: (token: Schemas["TokenCreated"]) => void;
}) {
  const create = useCreateToken();
  const schema = useMemo(() => tokenSchema(), []);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<TokenValues>({
    resolver: zodResolver(schema),
    defaultValues: { name: "", access: "read", expiresOn: "" },
  });
  const { errors } = form.formState;
  const accessLegendId = useId();

  const onSubmit = form.handleSubmit((values) => {
    setFormError(null);
    create.mutate(tokenRequest(values, workspaceId), {
      onSuccess: onCreated,
      onError: (error) => {
        const message = applyProblem(error, form.setError, ["name", "expiresOn"], {
          expires_at: "expiresOn",
          scopes: "access",
        });
        setFormError(message);
      },
    });
  });

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      {formError && <ErrorAlert>{formError}</ErrorAlert>}
      <Field
        label="Name"
        help="Name it after what will use it, so you know what breaks if you revoke it."
        error={errors.name?.message}
      >
        {(props) => (
          <Input
            {...props}
            autoComplete="off"
            placeholder="e.g. CRM sync"
            {...form.register("name")}
          />
        )}
      </Field>
      <fieldset className="flex flex-col gap-2" aria-describedby={accessLegendId}>
        <legend className="mb-1.5 text-sm font-medium">Access</legend>
        <p id={accessLegendId} className="sr-only">
          What the token may do.
        </p>
        {ACCESS.map((option) => (
          <label
            key={option.value}
            className="flex cursor-pointer items-start gap-3 rounded-lg border p-3 has-[:checked]:border-accent has-[:checked]:bg-accent-subtle/60 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-ring"
          >
            <input
              type="radio"
              value={option.value}
              className="mt-0.5 size-4 accent-[var(--accent)] focus-visible:outline-none"
              {...form.register("access")}
            />
            <span className="flex flex-col gap-0.5">
              <span className="text-sm font-medium">{option.label}</span>
              <span className="text-xs text-muted-foreground">{option.description}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <Field
        label="Expires on (optional)"
        help="Leave empty for a token that does not expire. You can revoke it at any time."
        error={errors.expiresOn?.message}
      >
        {(props) => (
          <Input
            {...props}
            type="date"
            min={todayIso()}
            className="w-full sm:w-48"
            {...form.register("expiresOn")}
          />
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
          {create.isPending ? "Creating…" : "Create token"}
        </Button>
      </DialogFooter>
    </form>
  );
}
