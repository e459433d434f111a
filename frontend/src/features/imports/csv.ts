import type { Schemas } from "@/client";

/** What can be imported from CSV, with the columns the API reads (API.md field names). */
export type ImportKind = "customers" | "departments";

export type ImportReport = Schemas["ImportReport"];
export type RowError = Schemas["RowErrorItem"];

export type Column = { name: string; required?: boolean; help: string };

export const IMPORT_KINDS: Record<
  ImportKind,
  { label: string; singular: string; plural: string; columns: Column[]; example: string[][] }
> = {
  customers: {
    label: "Customers",
    singular: "customer",
    plural: "customers",
    columns: [
      { name: "name", required: true, help: "The customer's name." },
      { name: "segment", help: "Free text, e.g. Healthcare." },
      { name: "annual_revenue", help: "Digits only, a dot for decimals: 1250000.50." },
      {
        name: "is_premier_account",
        help: "true or false (yes/no, 1/0). Empty means false.",
      },
      {
        name: "external_id",
        help: "The customer's id in your CRM. Records are matched on it, then on the name.",
      },
      { name: "notes", help: "Free text." },
    ],
    example: [
      ["Nordwind Logistics", "Mid-market", "1250000", "false", "CRM-10442", "New depot in May"],
      ["St. Agnes Hospital", "Healthcare", "", "no", "CRM-10507", ""],
    ],
  },
  departments: {
    label: "Departments",
    singular: "department",
    plural: "departments",
    columns: [
      {
        name: "name",
        required: true,
        help: "Unique in the workspace; records are matched on it, ignoring case.",
      },
      { name: "lead_name", help: "Who leads the department." },
      { name: "kpi", help: "The measure the department is held to." },
    ],
    example: [
      ["Field service", "Maria Jensen", "First-time fix rate"],
      ["Supply chain", "Sam Okafor", "Picking cost per order"],
    ],
  },
};

/** The upload limit of the API (`PILOTBOARD_MAX_BODY_BYTES`, 1 MiB by default). */
export const MAX_UPLOAD_BYTES = 1_048_576;
/** The most rows the API takes in one file. */
export const MAX_ROWS = 10_000;
/** How many errors the report table shows at once. */
export const SHOWN_ERRORS = 200;

export function parseImportKind(value: unknown): ImportKind {
  return value === "departments" ? "departments" : "customers";
}

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** A template file: the header and two example rows, with a byte order mark for spreadsheets. */
export function templateCsv(kind: ImportKind): string {
  const { columns, example } = IMPORT_KINDS[kind];
  const lines = [columns.map((c) => c.name), ...example].map((row) => row.map(csvCell).join(","));
  return `\ufeff${lines.join("\r\n")}\r\n`;
}

export function templateHref(kind: ImportKind): string {
  return `data:text/csv;charset=utf-8,${encodeURIComponent(templateCsv(kind))}`;
}

export function templateFileName(kind: ImportKind): string {
  return `pilotboard-${kind}-template.csv`;
}

/** Why a chosen file cannot be sent, before uploading it; null when it can. */
export function checkFile(file: { name: string; size: number }): string | null {
  const name = file.name.toLowerCase();
  if (/\.(xlsx|xlsm|xls|ods|numbers)$/.test(name)) {
    return "This is a spreadsheet workbook. Save it as “CSV UTF-8” and choose that file.";
  }
  if (file.size === 0) return "This file is empty. Its first line must name the columns.";
  if (file.size > MAX_UPLOAD_BYTES) {
    return `This file is ${formatSize(file.size)}; the limit is ${formatSize(MAX_UPLOAD_BYTES)}. Split it into smaller files.`;
  }
  return null;
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n.toLocaleString("en-GB")} ${n === 1 ? singular : plural}`;
}

/** "120 records: 118 valid, 2 with errors." */
export function reportSummary(report: Pick<ImportReport, "rows" | "valid">): string {
  if (report.rows === 0) return "The file has a header but no records.";
  const invalid = report.rows - report.valid;
  if (invalid === 0) return `${count(report.rows, "record")}, all valid.`;
  return `${count(report.rows, "record")}: ${report.valid.toLocaleString("en-GB")} valid, ${invalid.toLocaleString("en-GB")} with errors.`;
}

/** What an import did (or, for a dry run, would do): "adds 3 customers, updates 1, leaves 2 unchanged". */
export function changesSummary(
  report: Pick<ImportReport, "created" | "updated" | "unchanged">,
  kind: ImportKind,
): string {
  const { singular, plural } = IMPORT_KINDS[kind];
  const parts = [
    `${report.created.toLocaleString("en-GB")} new ${report.created === 1 ? singular : plural}`,
    `${report.updated.toLocaleString("en-GB")} updated`,
    `${report.unchanged.toLocaleString("en-GB")} unchanged`,
  ];
  return parts.join(", ");
}

/** True when importing the (valid) file would change nothing. */
export function changesNothing(report: Pick<ImportReport, "created" | "updated">): boolean {
  return report.created === 0 && report.updated === 0;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

function isRowError(value: unknown): value is RowError {
  return (
    isRecord(value) &&
    typeof value.row === "number" &&
    typeof value.message === "string" &&
    (value.field === null || typeof value.field === "string")
  );
}

/**
 * The per-record errors of a refused import (a 422 problem with `errors: [{row, field, message}]`),
 * or null when the problem is about the file as a whole.
 */
export function rowErrorsOf(problem: unknown): RowError[] | null {
  if (!isRecord(problem) || !Array.isArray(problem.errors)) return null;
  const errors = problem.errors.filter(isRowError);
  return errors.length > 0 && errors.length === problem.errors.length ? errors : null;
}

/** A readable name for a column in the error table ("Whole line" for line-level errors). */
export function columnLabel(field: string | null): string {
  return field ?? "Whole line";
}
