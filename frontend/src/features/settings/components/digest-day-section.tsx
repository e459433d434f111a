import { CalendarDays } from "lucide-react";
import { useId, useState } from "react";
import { useForm } from "react-hook-form";
import { ListError, ListSkeleton } from "@/components/list-states";
import { ErrorAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { isStale } from "@/lib/api-error";
import { applyProblem } from "@/lib/form-errors";
import { toast } from "@/lib/toast";
import { type MethodSettings, useMethodSettings, useUpdateMethodSettings } from "../queries";
import { StaleAlert } from "./stale-alert";

export type Weekday = NonNullable<MethodSettings["digest_weekday"]>;

export const WEEKDAYS: readonly { value: Weekday; label: string }[] = [
  { value: "monday", label: "Monday" },
  { value: "tuesday", label: "Tuesday" },
  { value: "wednesday", label: "Wednesday" },
  { value: "thursday", label: "Thursday" },
  { value: "friday", label: "Friday" },
  { value: "saturday", label: "Saturday" },
  { value: "sunday", label: "Sunday" },
];

export function weekdayLabel(value: string | null | undefined): string {
  return WEEKDAYS.find((d) => d.value === value)?.label ?? "Monday";
}

const EXPLANATION =
  "Executives and admins who keep the weekly digest on get one email that day: the decisions waiting on them, the stalled pilots with their reasons, and the week's health changes.";

/** The workspace's weekly digest day (a workspace setting, saved with the method settings). */
export function DigestDaySection({
  workspaceId,
  isAdmin,
}: {
  workspaceId: string;
  isAdmin: boolean;
}) {
  const settings = useMethodSettings(workspaceId);
  const headingId = useId();

  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-3">
      <div className="flex flex-col gap-1">
        <h2 id={headingId} className="flex items-center gap-2 text-lg font-semibold tracking-tight">
          <CalendarDays aria-hidden="true" className="size-5 text-muted-foreground" />
          Weekly digest
        </h2>
        <p className="text-sm text-muted-foreground">{EXPLANATION}</p>
      </div>
      {settings.isPending ? (
        <ListSkeleton label="Loading the digest day…" rows={1} />
      ) : settings.isError ? (
        <ListError
          what="the digest day"
          error={settings.error}
          onRetry={() => void settings.refetch()}
          retrying={settings.isFetching}
        />
      ) : isAdmin ? (
        <DigestDayForm
          key={settings.data.data.digest_weekday ?? "monday"}
          workspaceId={workspaceId}
          current={settings.data.data.digest_weekday ?? "monday"}
          etag={settings.data.etag}
          onReload={() => void settings.refetch()}
          reloading={settings.isFetching}
        />
      ) : (
        <Card>
          <CardContent>
            <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm">
              <dt className="text-muted-foreground">Digest day</dt>
              <dd className="font-medium">{weekdayLabel(settings.data.data.digest_weekday)}</dd>
            </dl>
          </CardContent>
        </Card>
      )}
    </section>
  );
}

function DigestDayForm({
  workspaceId,
  current,
  etag,
  onReload,
  reloading,
}: {
  workspaceId: string;
  current: Weekday;
  etag: string | null;
  onReload: () => void;
  reloading: boolean;
}) {
  const update = useUpdateMethodSettings(workspaceId);
  const [formError, setFormError] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  const form = useForm<{ digest_weekday: Weekday }>({
    defaultValues: { digest_weekday: current },
  });
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit((values) => {
    setFormError(null);
    setStale(false);
    update.mutate(
      { etag, body: { digest_weekday: values.digest_weekday } },
      {
        onSuccess: (saved) =>
          toast(`The weekly digest now goes out on ${weekdayLabel(saved.data.digest_weekday)}s`),
        onError: (error) => {
          if (isStale(error)) return setStale(true);
          setFormError(applyProblem(error, form.setError, ["digest_weekday"] as const));
        },
      },
    );
  });

  return (
    <Card>
      <CardContent className="sm:p-6">
        <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
          {stale && <StaleAlert what="settings" onReload={onReload} reloading={reloading} />}
          {formError && <ErrorAlert>{formError}</ErrorAlert>}
          <Field
            label="Digest day"
            help="The digest goes out once a week on this day, to each person who gets it."
            error={errors.digest_weekday?.message}
          >
            {(props) => (
              <Select {...props} className="sm:max-w-56" {...form.register("digest_weekday")}>
                {WEEKDAYS.map((d) => (
                  <option key={d.value} value={d.value}>
                    {d.label}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <div className="flex justify-end border-t pt-4">
            <Button type="submit" disabled={update.isPending}>
              {update.isPending && <Spinner />}
              {update.isPending ? "Saving…" : "Save digest day"}
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
