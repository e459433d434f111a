import { ChartColumn, Table } from "lucide-react";
import type * as React from "react";
import { useState } from "react";
import { Card, CardContent } from "@/components/ui/card";
import { cn } from "@/lib/utils";

/**
 * A titled card holding one chart and its table alternative, with a Chart / Table switch. The
 * table carries the same rows as the chart (see ../tables.ts) with a caption, for anyone who
 * reads numbers better than shapes or uses a screen reader. Printing keeps whichever is shown.
 */
export function ChartCard({
  id,
  title,
  description,
  chart,
  table,
  footer,
  className,
  level = 2,
}: {
  id: string;
  title: string;
  /** The heading's level: 2 on a page of charts, 3 inside a page's section. */
  level?: 2 | 3;
  description?: React.ReactNode;
  chart: React.ReactNode;
  table: React.ReactNode;
  footer?: React.ReactNode;
  className?: string;
}) {
  const [view, setView] = useState<"chart" | "table">("chart");
  const Heading = level === 3 ? "h3" : "h2";
  return (
    <section
      aria-labelledby={`${id}-title`}
      className={cn("portfolio-block min-w-0 scroll-mt-24", className)}
    >
      <Card className="h-full">
        <CardContent className="flex h-full flex-col gap-4">
          <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-2">
            <div className="flex min-w-0 flex-1 basis-56 flex-col gap-1">
              <Heading id={`${id}-title`} className="text-base font-semibold tracking-tight">
                {title}
              </Heading>
              {description && <p className="text-sm text-muted-foreground">{description}</p>}
            </div>
            <ViewSwitch title={title} view={view} onChange={setView} />
          </div>
          {view === "chart" ? chart : table}
          {footer}
        </CardContent>
      </Card>
    </section>
  );
}

function ViewSwitch({
  title,
  view,
  onChange,
}: {
  title: string;
  view: "chart" | "table";
  onChange: (view: "chart" | "table") => void;
}) {
  const options = [
    { value: "chart", label: "Chart", Icon: ChartColumn },
    { value: "table", label: "Table", Icon: Table },
  ] as const;
  return (
    // biome-ignore lint/a11y/useSemanticElements: a labelled group of toggle buttons, not a form fieldset
    <div
      role="group"
      aria-label={`Show ${title} as`}
      className="inline-flex shrink-0 rounded-md border border-input bg-muted/60 p-0.5 print:hidden"
    >
      {options.map(({ value, label, Icon }) => (
        <button
          key={value}
          type="button"
          aria-pressed={view === value}
          onClick={() => onChange(value)}
          className="inline-flex h-7 cursor-pointer items-center gap-1.5 rounded-[5px] px-2.5 text-xs font-medium text-muted-foreground transition-colors hover:text-foreground aria-pressed:bg-card aria-pressed:text-foreground aria-pressed:shadow-xs"
        >
          <Icon aria-hidden="true" className="size-3.5" />
          {label}
        </button>
      ))}
    </div>
  );
}

/**
 * A compact data table with a caption (a chart's alternative). On a phone, where its columns would
 * not fit, the same rows show as cards: the first cell as the heading, the others labelled.
 */
export function DataTable({
  caption,
  columns,
  rows,
}: {
  caption: string;
  columns: { key: string; label: string; numeric?: boolean }[];
  rows: { key: string; cells: React.ReactNode[] }[];
}) {
  return (
    <>
      <table className="hidden w-full text-sm sm:table">
        <caption className="pb-2 text-left text-xs text-muted-foreground">{caption}</caption>
        <thead className="border-b text-left text-xs text-muted-foreground">
          <tr>
            {columns.map((c, i) => (
              <th
                key={c.key}
                scope="col"
                className={cn(
                  "px-2 py-2 font-medium first:pl-0 last:pr-0",
                  c.numeric && i > 0 && "text-right",
                )}
              >
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y">
          {rows.map((row) => (
            <tr key={row.key}>
              {row.cells.map((cell, i) =>
                i === 0 ? (
                  <th
                    // biome-ignore lint/suspicious/noArrayIndexKey: columns are positional
                    key={i}
                    scope="row"
                    className="px-2 py-2 text-left font-medium first:pl-0"
                  >
                    {cell}
                  </th>
                ) : (
                  <td
                    // biome-ignore lint/suspicious/noArrayIndexKey: columns are positional
                    key={i}
                    className={cn(
                      "px-2 py-2 last:pr-0",
                      columns[i]?.numeric && "text-right tabular-nums",
                    )}
                  >
                    {cell}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <div className="flex flex-col gap-2 sm:hidden">
        <p className="text-xs text-muted-foreground">{caption}</p>
        <ul aria-label={caption} className="flex flex-col divide-y rounded-lg border">
          {rows.map((row) => (
            <li key={row.key} className="flex flex-col gap-1.5 px-3 py-2.5">
              <span className="break-words font-medium">{row.cells[0]}</span>
              <dl className="grid grid-cols-2 gap-x-3 gap-y-0.5 text-sm">
                {row.cells.slice(1).map((cell, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: columns are positional
                  <div key={i} className="contents">
                    <dt className="text-muted-foreground">{columns[i + 1]?.label}</dt>
                    <dd className={cn(columns[i + 1]?.numeric && "tabular-nums")}>{cell}</dd>
                  </div>
                ))}
              </dl>
            </li>
          ))}
        </ul>
      </div>
    </>
  );
}
