import { Link } from "@tanstack/react-router";
import {
  CircleCheck,
  Download,
  FileSpreadsheet,
  Lock,
  RefreshCw,
  TriangleAlert,
  Upload,
} from "lucide-react";
import { type DragEvent, useId, useRef, useState } from "react";
import { EmptyState, PageHeader } from "@/components/list-states";
import { ErrorAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Spinner } from "@/components/ui/spinner";
import { useMembership } from "@/features/workspaces/queries";
import { describeError } from "@/lib/api-error";
import { toast } from "@/lib/toast";
import { useDocumentTitle } from "@/lib/use-document-title";
import { cn } from "@/lib/utils";
import {
  changesNothing,
  changesSummary,
  checkFile,
  columnLabel,
  formatSize,
  IMPORT_KINDS,
  type ImportKind,
  type ImportReport,
  MAX_ROWS,
  type RowError,
  reportSummary,
  SHOWN_ERRORS,
  templateFileName,
  templateHref,
} from "../csv";
import { refusedImport, useCheckImport, useRunImport } from "../queries";

export function ImportPage({
  workspaceId,
  kind,
  onKindChange,
}: {
  workspaceId: string;
  kind: ImportKind;
  onKindChange: (kind: ImportKind) => void;
}) {
  useDocumentTitle(`Import ${IMPORT_KINDS[kind].plural}`);
  const membership = useMembership(workspaceId);
  const canImport = membership?.role === "admin" || membership?.role === "editor";
  const check = useCheckImport(workspaceId);
  const run = useRunImport(workspaceId);
  const [file, setFile] = useState<File | null>(null);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const what = IMPORT_KINDS[kind];

  const reset = () => {
    setFile(null);
    setFileProblem(null);
    check.reset();
    run.reset();
    if (inputRef.current) inputRef.current.value = "";
  };

  const choose = (chosen: File | null, forKind: ImportKind = kind) => {
    check.reset();
    run.reset();
    setFile(chosen);
    const problem = chosen ? checkFile(chosen) : null;
    setFileProblem(problem);
    if (chosen && !problem) check.mutate({ kind: forKind, file: chosen });
  };

  const startImport = () => {
    if (!file) return;
    run.mutate(
      { kind, file },
      {
        onSuccess: (report) => toast(`Imported ${what.plural}: ${changesSummary(report, kind)}.`),
      },
    );
  };

  if (membership && !canImport) {
    return (
      <div className="flex flex-col gap-6">
        <PageHeader title="Import from CSV" />
        <EmptyState icon={Lock} title="Only editors and admins can import">
          Ask an admin of this workspace for the editor role, or send them your CSV file.
        </EmptyState>
      </div>
    );
  }

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Import from CSV"
        description="Bring customers or departments in from a spreadsheet or your CRM. Every record is checked first; nothing is written until the whole file is valid."
      />

      <KindPicker
        kind={kind}
        disabled={run.isPending}
        onChange={(next) => {
          reset();
          onKindChange(next);
        }}
      />

      <ColumnsCard kind={kind} />

      <FilePicker
        kind={kind}
        file={file}
        inputRef={inputRef}
        disabled={check.isPending || run.isPending}
        onFile={(chosen) => choose(chosen)}
      />

      <section aria-label="Check and import" aria-live="polite" className="flex flex-col gap-4">
        {fileProblem ? (
          <ErrorAlert title="This file cannot be imported">{fileProblem}</ErrorAlert>
        ) : check.isPending ? (
          <Card>
            <CardContent className="flex items-center gap-3" role="status">
              <Spinner />
              Checking {file?.name}…
            </CardContent>
          </Card>
        ) : check.isError ? (
          <CheckFailed error={check.error} onRetry={() => file && check.mutate({ kind, file })} />
        ) : run.isSuccess ? (
          <Done workspaceId={workspaceId} kind={kind} report={run.data} onAnother={reset} />
        ) : check.isSuccess ? (
          <Preview
            kind={kind}
            report={check.data}
            importing={run.isPending}
            importError={run.error}
            onImport={startImport}
          />
        ) : null}
      </section>
    </div>
  );
}

function KindPicker({
  kind,
  disabled,
  onChange,
}: {
  kind: ImportKind;
  disabled: boolean;
  onChange: (kind: ImportKind) => void;
}) {
  const name = useId();
  return (
    <fieldset className="flex flex-col gap-2" disabled={disabled}>
      <legend className="mb-2 text-sm font-medium">What are you importing?</legend>
      <div className="flex flex-wrap gap-3">
        {(Object.keys(IMPORT_KINDS) as ImportKind[]).map((option) => (
          <label
            key={option}
            className={cn(
              "flex min-h-9 cursor-pointer items-center gap-2 rounded-md border bg-card px-3 py-2 text-sm shadow-xs has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-ring",
              kind === option && "border-accent bg-accent-subtle text-accent-subtle-foreground",
            )}
          >
            <input
              type="radio"
              name={name}
              value={option}
              checked={kind === option}
              onChange={() => onChange(option)}
              className="size-4 accent-accent"
            />
            {IMPORT_KINDS[option].label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function ColumnsCard({ kind }: { kind: ImportKind }) {
  const what = IMPORT_KINDS[kind];
  const headingId = useId();
  return (
    <Card>
      <CardContent className="flex flex-col gap-4">
        <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
          <div className="flex flex-col gap-1">
            <h2 id={headingId} className="font-medium">
              Columns for {what.plural}
            </h2>
            <p className="text-sm text-muted-foreground">
              The first line names the columns; only <code>name</code> is required. Records that
              already exist are updated, so you can import the same file again safely. At most{" "}
              {MAX_ROWS.toLocaleString("en-GB")} records per file, saved as CSV UTF-8.
            </p>
          </div>
          <Button variant="outline" asChild className="self-start">
            <a href={templateHref(kind)} download={templateFileName(kind)}>
              <Download aria-hidden="true" />
              Download template
            </a>
          </Button>
        </div>
        <dl
          aria-labelledby={headingId}
          className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]"
        >
          {what.columns.map((column) => (
            <div key={column.name} className="contents">
              <dt className="font-mono text-xs font-medium sm:pt-0.5">
                {column.name}
                {column.required && <span className="ml-1 text-muted-foreground">(required)</span>}
              </dt>
              <dd className="mb-2 text-muted-foreground sm:mb-0">{column.help}</dd>
            </div>
          ))}
        </dl>
      </CardContent>
    </Card>
  );
}

function FilePicker({
  kind,
  file,
  inputRef,
  disabled,
  onFile,
}: {
  kind: ImportKind;
  file: File | null;
  inputRef: React.RefObject<HTMLInputElement | null>;
  disabled: boolean;
  onFile: (file: File | null) => void;
}) {
  const [dragging, setDragging] = useState(false);
  const inputId = useId();
  const hintId = useId();

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    if (disabled) return;
    const dropped = event.dataTransfer.files[0];
    if (dropped) onFile(dropped);
  };

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: the drop zone adds drag-and-drop to the labelled file input inside it, which keyboards and screen readers use
    <div
      onDragOver={(event) => {
        event.preventDefault();
        if (!disabled) setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
      className={cn(
        "flex flex-col items-center gap-3 rounded-xl border-2 border-dashed bg-card px-6 py-10 text-center transition-colors",
        dragging && "border-accent bg-accent-subtle",
      )}
    >
      <span className="flex size-12 items-center justify-center rounded-full bg-accent-subtle text-accent-subtle-foreground">
        <FileSpreadsheet aria-hidden="true" className="size-6" />
      </span>
      {file ? (
        <p className="text-sm">
          <span className="font-medium break-all">{file.name}</span>{" "}
          <span className="text-muted-foreground">({formatSize(file.size)})</span>
        </p>
      ) : (
        <p id={hintId} className="text-sm text-muted-foreground">
          Drag your {IMPORT_KINDS[kind].singular} file here, or choose it.
        </p>
      )}
      <label
        htmlFor={inputId}
        className={cn(
          "inline-flex h-9 cursor-pointer items-center gap-2 rounded-md border border-input bg-card px-4 text-sm font-medium shadow-xs hover:bg-muted has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-ring",
          disabled && "pointer-events-none opacity-60",
        )}
      >
        <Upload aria-hidden="true" className="size-4" />
        {file ? "Choose another file" : "Choose a CSV file"}
        <input
          ref={inputRef}
          id={inputId}
          type="file"
          accept=".csv,.txt,text/csv,text/plain"
          aria-label="CSV file"
          aria-describedby={file ? undefined : hintId}
          disabled={disabled}
          className="sr-only"
          onChange={(event) => onFile(event.target.files?.[0] ?? null)}
        />
      </label>
    </div>
  );
}

function CheckFailed({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { title, detail, status } = describeError(error);
  return (
    <ErrorAlert title={status === 422 ? "This file cannot be read" : title}>
      <p>{detail}</p>
      {status === null || (status !== null && status >= 500) ? (
        <Button variant="outline" size="sm" onClick={onRetry} className="mt-2">
          <RefreshCw aria-hidden="true" />
          Try again
        </Button>
      ) : null}
    </ErrorAlert>
  );
}

function Preview({
  kind,
  report,
  importing,
  importError,
  onImport,
}: {
  kind: ImportKind;
  report: ImportReport;
  importing: boolean;
  importError: unknown;
  onImport: () => void;
}) {
  const what = IMPORT_KINDS[kind];
  const hasErrors = report.errors.length > 0;
  const nothing = !hasErrors && changesNothing(report);
  const refused = refusedImport(importError);
  const errors = refused ? refused.errors : report.errors;
  return (
    <Card>
      <CardContent className="flex flex-col gap-4">
        <div className="flex items-start gap-3">
          {hasErrors || refused ? (
            <TriangleAlert
              aria-hidden="true"
              className="mt-0.5 size-5 shrink-0 text-warning-foreground"
            />
          ) : (
            <CircleCheck
              aria-hidden="true"
              className="mt-0.5 size-5 shrink-0 text-success-foreground"
            />
          )}
          <div className="flex flex-col gap-1">
            <h2 className="font-medium">
              {hasErrors ? "Fix the file before importing" : "Ready to import"}
            </h2>
            <p className="text-sm">{reportSummary(report)}</p>
            {!hasErrors && report.rows > 0 && (
              <p className="text-sm text-muted-foreground">
                Importing gives {changesSummary(report, kind)}.
              </p>
            )}
            {hasErrors && (
              <p className="text-sm text-muted-foreground">
                Nothing is imported while any record has an error. Correct these lines in your file,
                save it, and choose it again.
              </p>
            )}
          </div>
        </div>

        {errors.length > 0 && <ErrorTable errors={errors} />}

        {refused && <ErrorAlert title="Nothing was imported">{refused.detail}</ErrorAlert>}
        {importError && !refused ? (
          <ErrorAlert title="The import failed; nothing was written">
            {describeError(importError).detail}
          </ErrorAlert>
        ) : null}

        {!hasErrors && report.rows > 0 && (
          <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
            <Button onClick={onImport} disabled={importing || nothing}>
              {importing ? <Spinner /> : <Upload aria-hidden="true" />}
              {importing
                ? "Importing…"
                : `Import ${report.valid.toLocaleString("en-GB")} ${report.valid === 1 ? what.singular : what.plural}`}
            </Button>
            {importing && (
              <div role="status" className="flex items-center gap-2 text-sm text-muted-foreground">
                <progress aria-label={`Importing ${what.plural}`} className="h-2 w-32" />
                Writing {report.valid.toLocaleString("en-GB")} records in one go…
              </div>
            )}
            {nothing && (
              <p className="text-sm text-muted-foreground">
                Everything in this file is already in Pilotboard.
              </p>
            )}
          </div>
        )}
      </CardContent>
    </Card>
  );
}

function ErrorTable({ errors }: { errors: RowError[] }) {
  const shown = errors.slice(0, SHOWN_ERRORS);
  return (
    <div className="flex flex-col gap-2">
      <table className="w-full border-collapse text-sm">
        <caption className="mb-2 text-left text-sm font-medium">
          {errors.length === 1 ? "1 problem" : `${errors.length.toLocaleString("en-GB")} problems`}
        </caption>
        <thead className="border-b text-left text-muted-foreground max-sm:sr-only">
          <tr>
            <th scope="col" className="py-2 pr-4 font-medium">
              Line
            </th>
            <th scope="col" className="py-2 pr-4 font-medium">
              Column
            </th>
            <th scope="col" className="py-2 font-medium">
              Problem
            </th>
          </tr>
        </thead>
        <tbody>
          {shown.map((error, index) => (
            <tr
              // biome-ignore lint/suspicious/noArrayIndexKey: a line can have several errors
              key={`${error.row}-${error.field}-${index}`}
              className="border-b align-top last:border-0 max-sm:flex max-sm:flex-col max-sm:gap-0.5 max-sm:py-2"
            >
              <td className="py-2 pr-4 tabular-nums max-sm:py-0">
                <span className="text-muted-foreground sm:hidden">Line </span>
                {error.row}
              </td>
              <td className="py-2 pr-4 font-mono text-xs max-sm:py-0">
                <span className="font-sans text-muted-foreground sm:hidden">Column </span>
                {columnLabel(error.field)}
              </td>
              <td className="py-2 max-sm:py-0">{error.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {errors.length > shown.length && (
        <p className="text-sm text-muted-foreground">
          And {(errors.length - shown.length).toLocaleString("en-GB")} more; fix these first and
          check the file again.
        </p>
      )}
    </div>
  );
}

function Done({
  workspaceId,
  kind,
  report,
  onAnother,
}: {
  workspaceId: string;
  kind: ImportKind;
  report: ImportReport;
  onAnother: () => void;
}) {
  const what = IMPORT_KINDS[kind];
  return (
    <Card>
      <CardContent className="flex flex-col gap-4">
        <div className="flex items-start gap-3">
          <CircleCheck
            aria-hidden="true"
            className="mt-0.5 size-5 shrink-0 text-success-foreground"
          />
          <div className="flex flex-col gap-1">
            <h2 className="font-medium">Import complete</h2>
            <dl className="flex flex-wrap gap-x-6 gap-y-1 text-sm">
              {(
                [
                  ["Added", report.created],
                  ["Updated", report.updated],
                  ["Unchanged", report.unchanged],
                ] as const
              ).map(([label, value]) => (
                <div key={label} className="flex gap-1.5">
                  <dt className="text-muted-foreground">{label}</dt>
                  <dd className="font-medium tabular-nums">{value.toLocaleString("en-GB")}</dd>
                </div>
              ))}
            </dl>
          </div>
        </div>
        <div className="flex flex-col gap-2 sm:flex-row">
          <Button asChild>
            <Link
              to={
                kind === "customers" ? "/w/$workspaceId/customers" : "/w/$workspaceId/departments"
              }
              params={{ workspaceId }}
            >
              View {what.plural}
            </Link>
          </Button>
          <Button variant="outline" onClick={onAnother}>
            Import another file
          </Button>
        </div>
      </CardContent>
    </Card>
  );
}
