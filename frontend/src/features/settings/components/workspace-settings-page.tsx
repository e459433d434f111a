import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { ListError, ListSkeleton, PageHeader } from "@/components/list-states";
import { ErrorAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import {
  useMembership,
  useUpdateWorkspace,
  useVersionedWorkspace,
  type Workspace,
} from "@/features/workspaces/queries";
import { CURRENCIES } from "@/features/workspaces/schemas";
import { isStale } from "@/lib/api-error";
import type { Versioned } from "@/lib/etag";
import { applyProblem } from "@/lib/form-errors";
import { toast } from "@/lib/toast";
import { useDocumentTitle } from "@/lib/use-document-title";
import { type WorkspaceSettingsValues, workspaceSettingsSchema } from "../schemas";
import { DigestDaySection } from "./digest-day-section";
import { StaleAlert } from "./stale-alert";

export function WorkspaceSettingsPage({ workspaceId }: { workspaceId: string }) {
  useDocumentTitle("Workspace settings");
  const membership = useMembership(workspaceId);
  const isAdmin = membership?.role === "admin";
  const workspace = useVersionedWorkspace(workspaceId);

  return (
    <div className="flex max-w-2xl flex-col gap-6">
      <PageHeader
        title="Workspace settings"
        description={
          isAdmin
            ? "The workspace's name, the currency budgets and revenue are shown in, and the day of the weekly digest."
            : "The workspace's name, currency and weekly digest day. Only admins can change them."
        }
      />
      {workspace.isPending ? (
        <ListSkeleton label="Loading workspace…" rows={2} />
      ) : workspace.isError ? (
        <ListError
          what="the workspace"
          error={workspace.error}
          onRetry={() => void workspace.refetch()}
          retrying={workspace.isFetching}
        />
      ) : isAdmin ? (
        <WorkspaceForm
          workspaceId={workspaceId}
          current={workspace.data}
          onReload={() => workspace.refetch()}
          reloading={workspace.isFetching}
        />
      ) : (
        <Card>
          <CardContent>
            <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm">
              <dt className="text-muted-foreground">Name</dt>
              <dd className="min-w-0 break-words font-medium">{workspace.data.data.name}</dd>
              <dt className="text-muted-foreground">Currency</dt>
              <dd className="font-medium">{workspace.data.data.currency}</dd>
            </dl>
          </CardContent>
        </Card>
      )}
      <DigestDaySection workspaceId={workspaceId} isAdmin={isAdmin} />
    </div>
  );
}

function WorkspaceForm({
  workspaceId,
  current,
  onReload,
  reloading,
}: {
  workspaceId: string;
  current: Versioned<Workspace>;
  onReload: () => Promise<{ data?: Versioned<Workspace> | undefined }>;
  reloading: boolean;
}) {
  const update = useUpdateWorkspace(workspaceId);
  const [formError, setFormError] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  const form = useForm<WorkspaceSettingsValues>({
    resolver: zodResolver(workspaceSettingsSchema),
    defaultValues: { name: current.data.name, currency: current.data.currency },
  });
  const { errors } = form.formState;
  const listed = (CURRENCIES as readonly string[]).includes(current.data.currency);

  /** After a conflict: fetch their version and start the form again from it. */
  const reload = async () => {
    const result = await onReload();
    if (result.data)
      form.reset({ name: result.data.data.name, currency: result.data.data.currency });
    setStale(false);
  };

  const onSubmit = form.handleSubmit((values) => {
    setFormError(null);
    setStale(false);
    const body = workspaceSettingsSchema.parse(values);
    update.mutate(
      { etag: current.etag, body },
      {
        onSuccess: ({ data }) => toast(`Workspace “${data.name}” saved`),
        onError: (error) => {
          if (isStale(error)) return setStale(true);
          setFormError(applyProblem(error, form.setError, ["name", "currency"] as const));
        },
      },
    );
  });

  return (
    <Card>
      <CardContent className="sm:p-6">
        <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
          {stale && (
            <StaleAlert what="workspace" onReload={() => void reload()} reloading={reloading} />
          )}
          {formError && <ErrorAlert>{formError}</ErrorAlert>}
          <Field label="Name" error={errors.name?.message}>
            {(props) => <Input {...props} autoComplete="organization" {...form.register("name")} />}
          </Field>
          <Field
            label="Currency"
            help={
              listed
                ? `A three-letter ISO 4217 code, e.g. ${CURRENCIES.slice(0, 4).join(", ")}. Budgets and revenue are shown in it; amounts are not converted.`
                : "A three-letter ISO 4217 code. Budgets and revenue are shown in it; amounts are not converted."
            }
            error={errors.currency?.message}
          >
            {(props) => (
              <Input
                {...props}
                autoComplete="off"
                spellCheck={false}
                maxLength={3}
                list="currency-codes"
                className="uppercase sm:max-w-32"
                {...form.register("currency")}
              />
            )}
          </Field>
          <datalist id="currency-codes">
            {CURRENCIES.map((code) => (
              <option key={code} value={code} />
            ))}
          </datalist>
          <div className="flex justify-end border-t pt-4">
            <Button type="submit" disabled={update.isPending}>
              {update.isPending && <Spinner />}
              {update.isPending ? "Saving…" : "Save workspace"}
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
