import { Link } from "@tanstack/react-router";
import { Check, Clock, type LucideIcon, Mail, Star, TriangleAlert, X } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent } from "@/components/ui/card";
import { cn } from "@/lib/utils";
import { formatPercent, listNames } from "../format";
import {
  HEAT_SHADES,
  type HeatColumn,
  type HeatTone,
  heatCellClass,
  heatCellLabel,
  TONE_WORDS,
} from "../heatmap";
import { ENGAGEMENT_COLUMNS, flaggedDepartments, heatmapMax } from "../tables";
import type { DepartmentEngagement } from "../types";

const COLUMN_LABELS: Record<HeatColumn, { label: string; short: string; icon: LucideIcon }> = {
  invited: { label: "Invited", short: "Inv.", icon: Mail },
  engaged: { label: "Engaged", short: "Eng.", icon: Check },
  champion: { label: "Champion", short: "Ch.", icon: Star },
  declined: { label: "Declined", short: "Dec.", icon: X },
  silent: { label: "Silent", short: "Sil.", icon: Clock },
};

/** A column heading with its icon, abbreviated on a phone; screen readers hear the whole word. */
function Heading({
  label,
  short,
  icon: Icon,
}: {
  label: string;
  short: string;
  icon?: LucideIcon;
}) {
  return (
    <span className="inline-flex items-center justify-center gap-1">
      {Icon && <Icon aria-hidden="true" className="size-3.5 shrink-0 max-sm:hidden print:hidden" />}
      <span aria-hidden="true" className="sm:hidden print:inline">
        {short}
      </span>
      <span className="max-sm:sr-only print:sr-only">{label}</span>
    </span>
  );
}

const LEGEND: { tone: HeatTone; columns: string }[] = [
  { tone: "good", columns: "Engaged, Champion" },
  { tone: "neutral", columns: "Invited" },
  { tone: "watch", columns: "Silent" },
  { tone: "bad", columns: "Declined" },
];

/** The key: which columns are good, waiting, quiet or bad, in words beside each swatch. */
function HeatLegend() {
  return (
    <ul aria-label="Key" className="flex flex-wrap gap-x-4 gap-y-1.5 text-xs text-muted-foreground">
      {LEGEND.map(({ tone, columns }) => (
        <li key={tone} className="flex items-center gap-1.5">
          <span
            aria-hidden="true"
            className={cn("size-3 shrink-0 rounded-[3px] border", HEAT_SHADES[tone][4])}
          />
          <span>
            <span className="font-medium text-foreground">{columns}</span>: {TONE_WORDS[tone]}
          </span>
        </li>
      ))}
      <li>Darker: more involvements. Select a number to see the pilots.</li>
    </ul>
  );
}

/** A count that opens the pilots behind it: the department at that engagement status (zero is
 * plain text). */
function HeatCell({
  workspaceId,
  department,
  column,
  count,
  max,
}: {
  workspaceId: string;
  department: DepartmentEngagement;
  column: HeatColumn;
  count: number;
  max: number;
}) {
  return (
    <td
      className={cn(
        "rounded-[4px] p-0 text-center whitespace-nowrap tabular-nums",
        heatCellClass(column, count, max),
      )}
    >
      {count > 0 ? (
        <Link
          to="/w/$workspaceId/pilots"
          params={{ workspaceId }}
          search={{
            department: department.department_id,
            // Silence is judged as of a date, not stored: that cell opens the department's pilots.
            ...(column === "silent" ? {} : { engagement: column }),
          }}
          aria-label={heatCellLabel(department.name, column, count)}
          className="block rounded-[4px] px-1 py-2 font-medium underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-ring"
        >
          {count}
        </Link>
      ) : (
        <span className="block px-1 py-2">{count}</span>
      )}
    </td>
  );
}

/**
 * Departments × engagement as a shaded table (the table *is* the chart, so it needs no
 * alternative), with the indifference index and the flagged departments called out above it.
 */
export function DepartmentHeatmap({
  workspaceId,
  departments,
}: {
  workspaceId: string;
  departments: DepartmentEngagement[];
}) {
  const flagged = flaggedDepartments(departments);
  const max = Math.max(heatmapMax(departments), ...departments.map((d) => d.silent));
  return (
    <section aria-labelledby="departments-title" className="portfolio-block min-w-0">
      <Card>
        <CardContent className="flex flex-col gap-4">
          <div className="flex flex-col gap-1">
            <h2 id="departments-title" className="text-base font-semibold tracking-tight">
              Department engagement
            </h2>
            <p className="text-sm text-muted-foreground">
              How each department answers when a pilot needs it. Silent: engaged on paper, but no
              check-in for longer than the workspace allows. The indifference index is the share of
              its involvements still only invited, declined, or silent.
            </p>
          </div>
          {flagged.length > 0 && (
            <p className="flex gap-2 rounded-lg border border-warning-border bg-warning px-3 py-2.5 text-sm text-warning-foreground">
              <TriangleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
              <span>
                <span className="font-medium">
                  {listNames(flagged)} {flagged.length === 1 ? "shows" : "show"} organisational
                  indifference:
                </span>{" "}
                half or more of {flagged.length === 1 ? "its" : "their"} involvements are still only
                invited, declined, or silent. Pilots that need{" "}
                {flagged.length === 1 ? "it" : "them"} will not scale without a word from the top.
              </span>
            </p>
          )}
          {departments.length === 0 ? (
            <p className="text-sm text-muted-foreground">
              No department has been involved in a pilot yet.
            </p>
          ) : (
            <div className="min-w-0">
              <table className="w-full table-fixed border-separate border-spacing-0.5 text-sm max-sm:text-[13px]">
                <caption className="sr-only">
                  Involvements of each department by engagement, how many are silent, and its
                  indifference index
                </caption>
                <thead className="text-xs text-muted-foreground">
                  <tr>
                    <th scope="col" className="px-1 py-1.5 text-left font-medium">
                      Department
                    </th>
                    {ENGAGEMENT_COLUMNS.map((c) => (
                      <th
                        key={c}
                        scope="col"
                        className="w-[11%] px-0.5 py-1.5 text-center font-medium sm:w-[12%] sm:px-1"
                      >
                        <Heading {...COLUMN_LABELS[c]} />
                      </th>
                    ))}
                    <th
                      scope="col"
                      className="w-[11%] px-0.5 py-1.5 text-center font-medium sm:px-1"
                    >
                      <Heading {...COLUMN_LABELS.silent} />
                    </th>
                    <th
                      scope="col"
                      className="w-[15%] px-0.5 py-1.5 text-right font-medium sm:w-[16%] sm:px-1"
                    >
                      <Heading label="Indifference" short="Index" />
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {departments.map((d) => (
                    <tr key={d.department_id}>
                      <th scope="row" className="px-1 py-1 text-left font-medium">
                        <span className="flex flex-wrap items-center gap-x-2 gap-y-1">
                          <span className="min-w-0 break-words">{d.name}</span>
                          {d.flagged && (
                            <Badge tone="warning">
                              <TriangleAlert aria-hidden="true" />
                              <span className="max-sm:sr-only">Indifferent</span>
                            </Badge>
                          )}
                        </span>
                      </th>
                      {[...ENGAGEMENT_COLUMNS, "silent" as const].map((c) => (
                        <HeatCell
                          key={c}
                          workspaceId={workspaceId}
                          department={d}
                          column={c}
                          count={d[c]}
                          max={max}
                        />
                      ))}
                      <td
                        className={cn(
                          "px-1 py-2 text-right whitespace-nowrap tabular-nums",
                          d.flagged && "font-semibold text-warning-foreground",
                        )}
                      >
                        {formatPercent(d.indifference_index)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <div className="mt-3">
                <HeatLegend />
              </div>
            </div>
          )}
        </CardContent>
      </Card>
    </section>
  );
}
