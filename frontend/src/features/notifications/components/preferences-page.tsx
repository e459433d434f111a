import { Link } from "@tanstack/react-router";
import { useId, useState } from "react";
import { useForm } from "react-hook-form";
import { ListError, ListSkeleton, PageHeader } from "@/components/list-states";
import { ErrorAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Spinner } from "@/components/ui/spinner";
import { useMe } from "@/features/auth/queries";
import { applyProblem } from "@/lib/form-errors";
import { toast } from "@/lib/toast";
import { useDocumentTitle } from "@/lib/use-document-title";
import { DEFAULT_EMAIL_KINDS, KIND_INFO, NOTIFICATION_KINDS } from "../kinds";
import { type Preferences, usePreferences, useUpdatePreferences } from "../queries";
import { type PreferencesValues, preferencesBody, preferencesValues } from "../schemas";

/** The signed-in person's choice of what reaches them by email. */
export function PreferencesPage() {
  useDocumentTitle("Email preferences");
  const preferences = usePreferences();

  return (
    <div className="flex max-w-3xl flex-col gap-6">
      <PageHeader
        title="Email preferences"
        description={
          <>
            Every notification appears under the bell in the top bar. Choose which ones also reach
            you by email, and whether you get the weekly digest. These apply to all your workspaces.{" "}
            <Link
              to="/notifications"
              className="font-medium text-accent-subtle-foreground underline-offset-4 hover:underline"
            >
              See your notifications
            </Link>
          </>
        }
      />
      {preferences.isPending ? (
        <ListSkeleton label="Loading your preferences…" rows={4} />
      ) : preferences.isError ? (
        <ListError
          what="your preferences"
          error={preferences.error}
          onRetry={() => void preferences.refetch()}
          retrying={preferences.isFetching}
        />
      ) : (
        <PreferencesForm current={preferences.data} />
      )}
    </div>
  );
}

function PreferencesForm({ current }: { current: Preferences }) {
  const update = useUpdatePreferences();
  const { data: me } = useMe();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<PreferencesValues>({ defaultValues: preferencesValues(current) });
  const { errors, isDirty } = form.formState;
  const emailId = useId();
  const digestId = useId();
  const getsDigest =
    me?.memberships.some((m) => m.role === "admin" || m.role === "executive") ?? false;

  const onSubmit = form.handleSubmit((values) => {
    setFormError(null);
    update.mutate(preferencesBody(values), {
      onSuccess: (saved) => {
        form.reset(preferencesValues(saved));
        toast("Email preferences saved");
      },
      onError: (error) =>
        setFormError(
          applyProblem(error, form.setError, ["email_immediate", "weekly_digest"] as const),
        ),
    });
  });

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-6">
      {formError && <ErrorAlert title="Could not save your preferences">{formError}</ErrorAlert>}
      <section aria-labelledby={`${emailId}-heading`}>
        <Card>
          <CardContent className="flex flex-col gap-4 sm:p-6">
            <fieldset
              className="flex flex-col gap-3"
              aria-describedby={`${emailId}-help${errors.email_immediate ? ` ${emailId}-error` : ""}`}
            >
              <legend className="contents">
                <h2 id={`${emailId}-heading`} className="text-lg font-semibold tracking-tight">
                  Email me right away when…
                </h2>
              </legend>
              <p id={`${emailId}-help`} className="-mt-1 text-sm text-muted-foreground">
                One email per notification, as it happens, with a link to where to act. Unticked
                kinds still show under the bell. By default:{" "}
                {DEFAULT_EMAIL_KINDS.map((k) => KIND_INFO[k].label.toLowerCase()).join(", ")}.
              </p>
              <div className="grid gap-2 sm:grid-cols-2">
                {NOTIFICATION_KINDS.map((kind) => {
                  const { label, description, icon: Icon } = KIND_INFO[kind];
                  return (
                    <label
                      key={kind}
                      className="flex cursor-pointer items-start gap-3 rounded-lg border p-3 has-[:checked]:border-accent has-[:checked]:bg-accent-subtle/60 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-ring"
                    >
                      <input
                        type="checkbox"
                        value={kind}
                        aria-labelledby={`${emailId}-${kind}`}
                        aria-describedby={`${emailId}-${kind}-help`}
                        className="mt-0.5 size-4 shrink-0 accent-[var(--accent)] focus-visible:outline-none"
                        {...form.register("email_immediate")}
                      />
                      <span className="flex min-w-0 flex-col gap-0.5">
                        <span
                          id={`${emailId}-${kind}`}
                          className="flex items-center gap-1.5 text-sm font-medium"
                        >
                          <Icon aria-hidden="true" className="size-4 text-muted-foreground" />
                          {label}
                        </span>
                        <span
                          id={`${emailId}-${kind}-help`}
                          className="text-xs text-muted-foreground"
                        >
                          {description}
                        </span>
                      </span>
                    </label>
                  );
                })}
              </div>
              {errors.email_immediate && (
                <p id={`${emailId}-error`} role="alert" className="text-sm text-danger-foreground">
                  {errors.email_immediate.message}
                </p>
              )}
            </fieldset>
          </CardContent>
        </Card>
      </section>

      <section aria-labelledby={`${digestId}-heading`}>
        <Card>
          <CardContent className="flex flex-col gap-4 sm:p-6">
            <div className="flex flex-col gap-1">
              <h2 id={`${digestId}-heading`} className="text-lg font-semibold tracking-tight">
                Weekly digest
              </h2>
              <p id={`${digestId}-help`} className="text-sm text-muted-foreground">
                One email on the workspace's digest day (Monday unless an admin changed it): the
                decisions waiting on you, the stalled pilots with their reasons, and the week's
                health changes, each with a link.{" "}
                {getsDigest
                  ? "It goes to executives and admins."
                  : "It goes to executives and admins only: you will get it once you have one of those roles."}
              </p>
            </div>
            <label className="flex cursor-pointer items-start gap-3 rounded-lg border p-3 has-[:checked]:border-accent has-[:checked]:bg-accent-subtle/60 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-ring">
              <input
                type="checkbox"
                aria-describedby={`${digestId}-help`}
                className="mt-0.5 size-4 shrink-0 accent-[var(--accent)] focus-visible:outline-none"
                {...form.register("weekly_digest")}
              />
              <span className="text-sm font-medium">Send me the weekly digest</span>
            </label>
            {errors.weekly_digest && (
              <p role="alert" className="text-sm text-danger-foreground">
                {errors.weekly_digest.message}
              </p>
            )}
          </CardContent>
        </Card>
      </section>

      <div className="flex items-center justify-end gap-3">
        {isDirty && <p className="text-sm text-muted-foreground">You have unsaved changes.</p>}
        <Button type="submit" disabled={update.isPending}>
          {update.isPending && <Spinner />}
          {update.isPending ? "Saving…" : "Save preferences"}
        </Button>
      </div>
    </form>
  );
}
