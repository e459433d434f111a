import { zodResolver } from "@hookform/resolvers/zod";
import { Plus, Trash2 } from "lucide-react";
import { type ReactNode, useState } from "react";
import { type Resolver, useFieldArray, useForm } from "react-hook-form";
import { ListError, ListSkeleton, PageHeader } from "@/components/list-states";
import { ErrorAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { useMembership } from "@/features/workspaces/queries";
import { isStale } from "@/lib/api-error";
import { decimalOrNaN } from "@/lib/decimal";
import type { Versioned } from "@/lib/etag";
import { applyProblem } from "@/lib/form-errors";
import { formatDateTime } from "@/lib/format";
import { toast } from "@/lib/toast";
import { useDocumentTitle } from "@/lib/use-document-title";
import { cn } from "@/lib/utils";
import { type MethodSettings, useMethodSettings, useUpdateMethodSettings } from "../queries";
import {
  keyFromLabel,
  type RubricValues,
  rubricBody,
  rubricFormSchema,
  rubricValues,
  type ThresholdGroup,
  type ThresholdsValues,
  thresholdsBody,
  thresholdsGroupSchema,
  thresholdsIn,
  thresholdsValues,
} from "../schemas";
import { StaleAlert } from "./stale-alert";

export function MethodSettingsPage({ workspaceId }: { workspaceId: string }) {
  useDocumentTitle("Rubric & thresholds");
  const membership = useMembership(workspaceId);
  const isAdmin = membership?.role === "admin";
  const settings = useMethodSettings(workspaceId);

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Rubric & thresholds"
        description={
          isAdmin
            ? "How candidate customers are scored, when a pilot counts as at risk or stalled, and how long it must run before its scale review. Every pilot's health and gates follow these."
            : "How candidate customers are scored, when a pilot counts as at risk or stalled, and how long it must run before its scale review. Only admins can change them."
        }
      />
      {settings.isPending ? (
        <ListSkeleton label="Loading settings…" rows={4} />
      ) : settings.isError ? (
        <ListError
          what="the settings"
          error={settings.error}
          onRetry={() => void settings.refetch()}
          retrying={settings.isFetching}
        />
      ) : (
        <>
          {settings.data.data.updated_at ? (
            <p className="-mt-3 text-xs text-muted-foreground">
              Last changed {formatDateTime(settings.data.data.updated_at)}
            </p>
          ) : (
            <p className="-mt-3 text-xs text-muted-foreground">The defaults apply.</p>
          )}
          {isAdmin ? (
            <>
              <RubricForm
                workspaceId={workspaceId}
                settings={settings.data}
                onReload={() => settings.refetch()}
                reloading={settings.isFetching}
              />
              <ThresholdsForm
                workspaceId={workspaceId}
                settings={settings.data}
                onReload={() => settings.refetch()}
                reloading={settings.isFetching}
                group="health"
              />
              <ThresholdsForm
                workspaceId={workspaceId}
                settings={settings.data}
                onReload={() => settings.refetch()}
                reloading={settings.isFetching}
                group="time"
              />
              <ThresholdsForm
                workspaceId={workspaceId}
                settings={settings.data}
                onReload={() => settings.refetch()}
                reloading={settings.isFetching}
                group="voice"
              />
            </>
          ) : (
            <ReadOnlySettings settings={settings.data.data} />
          )}
        </>
      )}
    </div>
  );
}

type FormProps = {
  workspaceId: string;
  settings: Versioned<MethodSettings>;
  onReload: () => Promise<{ data?: Versioned<MethodSettings> | undefined }>;
  reloading: boolean;
};

function Section({
  id,
  title,
  description,
  children,
}: {
  id: string;
  title: string;
  description: string;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id}>
      <Card>
        <CardContent className="flex flex-col gap-5 sm:p-6">
          <div className="flex flex-col gap-1">
            <h2 id={id} className="text-lg font-semibold tracking-tight">
              {title}
            </h2>
            <p className="text-sm text-muted-foreground">{description}</p>
          </div>
          {children}
        </CardContent>
      </Card>
    </section>
  );
}

function RubricForm({ workspaceId, settings, onReload, reloading }: FormProps) {
  const update = useUpdateMethodSettings(workspaceId);
  const [formError, setFormError] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  const form = useForm<RubricValues>({
    resolver: zodResolver(rubricFormSchema),
    defaultValues: rubricValues(settings.data),
  });
  const rubric = useFieldArray({ control: form.control, name: "rubric" });
  const { errors, isDirty } = form.formState;
  const listError = errors.rubric?.root?.message ?? errors.rubric?.message;

  const onSubmit = form.handleSubmit((values) => {
    setFormError(null);
    setStale(false);
    update.mutate(
      { etag: settings.etag, body: rubricBody(values) },
      {
        onSuccess: (saved) => {
          form.reset(rubricValues(saved.data));
          toast("Rubric saved");
        },
        onError: (error) => {
          if (isStale(error)) return setStale(true);
          const fields = values.rubric.flatMap((_, i) =>
            (["key", "label", "weight"] as const).map((f) => `rubric.${i}.${f}` as const),
          );
          setFormError(applyProblem(error, form.setError, ["rubric", ...fields]));
        },
      },
    );
  });

  const reload = async () => {
    const result = await onReload();
    if (result.data) form.reset(rubricValues(result.data.data));
    setStale(false);
  };

  const suggestKey = (index: number) => {
    const row = form.getValues(`rubric.${index}`);
    if (row.saved || row.key.trim()) return;
    const taken = form
      .getValues("rubric")
      .filter((_, i) => i !== index)
      .map((c) => c.key);
    form.setValue(`rubric.${index}.key`, keyFromLabel(row.label, taken), { shouldDirty: true });
  };

  return (
    <Section
      id="rubric-heading"
      title="Candidate rubric"
      description="Candidate customers are scored 1 to 5 on each criterion; the weights decide how much each counts toward the total. A weight of 0 leaves a criterion out."
    >
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
        {stale && (
          <StaleAlert what="settings" onReload={() => void reload()} reloading={reloading} />
        )}
        {formError && <ErrorAlert>{formError}</ErrorAlert>}
        <div
          aria-hidden="true"
          className="hidden grid-cols-[minmax(0,1fr)_13rem_7rem_2.25rem] gap-3 border-b pb-2 text-xs font-medium text-muted-foreground md:grid"
        >
          <span>Criterion</span>
          <span>Key</span>
          <span>Weight (0–10)</span>
          <span />
        </div>
        <ol className="flex flex-col gap-4 md:gap-3">
          {rubric.fields.map((field, index) => {
            const rowErrors = errors.rubric?.[index];
            return (
              <li key={field.id}>
                <fieldset className="grid grid-cols-[minmax(0,1fr)_6rem] gap-3 rounded-lg border p-3 md:grid-cols-[minmax(0,1fr)_13rem_7rem_2.25rem] md:items-start md:rounded-none md:border-0 md:p-0">
                  <legend className="sr-only">Criterion {index + 1}</legend>
                  <CompactField
                    label="Label"
                    error={rowErrors?.label?.message}
                    className="col-span-2 md:col-span-1"
                  >
                    {(props) => (
                      <Input
                        {...props}
                        autoComplete="off"
                        {...form.register(`rubric.${index}.label`, {
                          onBlur: () => suggestKey(index),
                        })}
                      />
                    )}
                  </CompactField>
                  <CompactField label="Key" error={rowErrors?.key?.message}>
                    {(props) => (
                      <Input
                        {...props}
                        readOnly={field.saved}
                        spellCheck={false}
                        autoComplete="off"
                        className="font-mono text-xs read-only:bg-muted read-only:text-muted-foreground"
                        {...form.register(`rubric.${index}.key`)}
                      />
                    )}
                  </CompactField>
                  <CompactField label="Weight" error={rowErrors?.weight?.message}>
                    {(props) => (
                      <Input
                        {...props}
                        inputMode="decimal"
                        autoComplete="off"
                        className="tabular-nums"
                        {...form.register(`rubric.${index}.weight`, {
                          // "2,5" in a euro workspace: read by the workspace's convention.
                          setValueAs: (v: unknown) =>
                            typeof v === "number" ? v : (decimalOrNaN(String(v)) ?? Number.NaN),
                        })}
                      />
                    )}
                  </CompactField>
                  <div className="col-span-2 flex justify-end md:col-span-1 md:block">
                    <Button
                      type="button"
                      variant="ghost"
                      size="icon"
                      aria-label={`Remove criterion ${index + 1}`}
                      disabled={rubric.fields.length === 1}
                      onClick={() => rubric.remove(index)}
                      className="text-danger-foreground hover:bg-danger"
                    >
                      <Trash2 aria-hidden="true" />
                    </Button>
                  </div>
                </fieldset>
              </li>
            );
          })}
        </ol>
        <p className="text-xs text-muted-foreground">
          A key is fixed once saved: candidates' scores are stored under it. New criteria get a key
          from their label.
        </p>
        {listError && (
          <p role="alert" className="text-sm text-danger-foreground">
            {listError}
          </p>
        )}
        <div className="flex flex-col gap-3 border-t pt-4 sm:flex-row sm:items-center sm:justify-between">
          <Button
            type="button"
            variant="outline"
            disabled={rubric.fields.length >= 12}
            onClick={() =>
              rubric.append(
                { key: "", label: "", weight: 1, saved: false },
                { focusName: `rubric.${rubric.fields.length}.label` },
              )
            }
          >
            <Plus aria-hidden="true" />
            Add criterion
          </Button>
          <div className="flex flex-col-reverse gap-2 sm:flex-row">
            {isDirty && (
              <Button
                type="button"
                variant="ghost"
                onClick={() => {
                  form.reset(rubricValues(settings.data));
                  setFormError(null);
                }}
              >
                Discard changes
              </Button>
            )}
            <Button type="submit" disabled={update.isPending}>
              {update.isPending && <Spinner />}
              {update.isPending ? "Saving…" : "Save rubric"}
            </Button>
          </div>
        </div>
      </form>
    </Section>
  );
}

/** A field whose label shows on phones and is read from the column header on wide screens. */
function CompactField({
  label,
  error,
  className,
  children,
}: {
  label: string;
  error?: string | undefined;
  className?: string;
  children: (props: {
    id: string;
    "aria-invalid"?: boolean;
    "aria-describedby"?: string;
  }) => ReactNode;
}) {
  return (
    <div className={cn("min-w-0 [&_label]:md:sr-only", className)}>
      <Field label={label} error={error}>
        {children}
      </Field>
    </div>
  );
}

/** What each group of thresholds is about, as its card says it. */
const GROUPS: Record<
  ThresholdGroup,
  { id: string; title: string; description: string; readOnly: string; save: string; saved: string }
> = {
  health: {
    id: "thresholds-heading",
    title: "Stall thresholds",
    description:
      "When a pilot's health turns to At risk or Stalled. Tighter numbers flag problems sooner; looser ones fit slower organisations.",
    readOnly: "When a pilot's health turns to At risk or Stalled.",
    save: "Save thresholds",
    saved: "Thresholds saved",
  },
  time: {
    id: "time-heading",
    title: "Time the method needs",
    description:
      "A pilot proves itself over time: a good week is not a result. The gate into the scale review waits until the pilot has run long enough, and counts only iterations that lasted long enough to show an effect.",
    readOnly: "How long a pilot runs, and an iteration lasts, before the scale review counts them.",
    save: "Save time rules",
    saved: "Time rules saved",
  },
  voice: {
    id: "voice-heading",
    title: "Hearing from departments and the customer",
    description:
      "Counterpart departments are asked by email how the pilot is going for them, and the testbed customer answers through feedback links. These numbers set how often departments are asked, and how long silence lasts before a pilot is at risk.",
    readOnly: "How often departments are asked to check in, and how long silence may last.",
    save: "Save check-in rules",
    saved: "Check-in rules saved",
  },
};

function ThresholdsForm({
  workspaceId,
  settings,
  onReload,
  reloading,
  group,
}: FormProps & { group: ThresholdGroup }) {
  const update = useUpdateMethodSettings(workspaceId);
  const [formError, setFormError] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  const about = GROUPS[group];
  const thresholds = thresholdsIn(group);
  const form = useForm<ThresholdsValues>({
    resolver: zodResolver(thresholdsGroupSchema(group)) as Resolver<ThresholdsValues>,
    defaultValues: thresholdsValues(settings.data, group),
  });
  const { errors, isDirty } = form.formState;

  const onSubmit = form.handleSubmit((values) => {
    setFormError(null);
    setStale(false);
    update.mutate(
      { etag: settings.etag, body: thresholdsBody(values, group) },
      {
        onSuccess: (saved) => {
          form.reset(thresholdsValues(saved.data, group));
          toast(about.saved);
        },
        onError: (error) => {
          if (isStale(error)) return setStale(true);
          setFormError(
            applyProblem(
              error,
              form.setError,
              thresholds.map((t) => `thresholds.${t.name}` as const),
            ),
          );
        },
      },
    );
  });

  const reload = async () => {
    const result = await onReload();
    if (result.data) form.reset(thresholdsValues(result.data.data, group));
    setStale(false);
  };

  return (
    <Section id={about.id} title={about.title} description={about.description}>
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-5">
        {stale && (
          <StaleAlert what="settings" onReload={() => void reload()} reloading={reloading} />
        )}
        {formError && <ErrorAlert>{formError}</ErrorAlert>}
        <div className="grid gap-5 md:grid-cols-2">
          {thresholds.map((t) => (
            <Field
              key={t.name}
              label={`${t.label} (${t.default})`}
              help={`From ${t.min} to ${t.max} ${t.unit}. The default is ${t.default}.${t.help ? ` ${t.help}` : ""}`}
              error={errors.thresholds?.[t.name]?.message}
            >
              {(props) => (
                <Input
                  {...props}
                  type="number"
                  inputMode="numeric"
                  min={t.min}
                  max={t.max}
                  step={1}
                  className="tabular-nums sm:max-w-40"
                  {...form.register(`thresholds.${t.name}`, { valueAsNumber: true })}
                />
              )}
            </Field>
          ))}
        </div>
        <div className="flex flex-col-reverse gap-2 border-t pt-4 sm:flex-row sm:justify-end">
          {isDirty && (
            <Button
              type="button"
              variant="ghost"
              onClick={() => {
                form.reset(thresholdsValues(settings.data, group));
                setFormError(null);
              }}
            >
              Discard changes
            </Button>
          )}
          <Button type="submit" disabled={update.isPending}>
            {update.isPending && <Spinner />}
            {update.isPending ? "Saving…" : about.save}
          </Button>
        </div>
      </form>
    </Section>
  );
}

function ReadOnlySettings({ settings }: { settings: MethodSettings }) {
  return (
    <>
      <Section
        id="rubric-heading"
        title="Candidate rubric"
        description="Candidate customers are scored 1 to 5 on each criterion; the weights decide how much each counts toward the total."
      >
        <table className="w-full text-sm">
          <caption className="sr-only">Rubric criteria</caption>
          <thead className="border-b text-left text-xs text-muted-foreground">
            <tr>
              <th scope="col" className="py-2 pr-3 font-medium">
                Criterion
              </th>
              <th scope="col" className="py-2 text-right font-medium">
                Weight
              </th>
            </tr>
          </thead>
          <tbody className="divide-y">
            {settings.rubric.map((c) => (
              <tr key={c.key}>
                <th scope="row" className="py-2.5 pr-3 text-left font-normal">
                  <span className="block break-words">{c.label}</span>
                  <span className="block font-mono text-xs text-muted-foreground">{c.key}</span>
                </th>
                <td className="py-2.5 text-right tabular-nums">{c.weight}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
      {(["health", "time", "voice"] as const).map((group) => (
        <Section
          key={group}
          id={GROUPS[group].id}
          title={GROUPS[group].title}
          description={GROUPS[group].readOnly}
        >
          <dl className="flex flex-col divide-y text-sm">
            {thresholdsIn(group).map((t) => (
              <div key={t.name} className="flex items-start justify-between gap-4 py-2.5">
                <dt>
                  {t.label} <span className="text-muted-foreground">(default {t.default})</span>
                </dt>
                <dd className="shrink-0 font-medium tabular-nums">
                  {settings.thresholds[t.name] === 0 && group === "time"
                    ? "Off"
                    : settings.thresholds[t.name]}
                </dd>
              </div>
            ))}
          </dl>
        </Section>
      ))}
    </>
  );
}
