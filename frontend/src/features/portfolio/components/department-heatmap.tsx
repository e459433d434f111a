import { TriangleAlert } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent } from "@/components/ui/card";
import { cn } from "@/lib/utils";
import { formatPercent, listNames } from "../format";
import { intensity } from "../scales";
import {
  ENGAGEMENT_COLUMNS,
  type EngagementColumn,
  flaggedDepartments,
  heatmapMax,
} from "../tables";
import type { DepartmentEngagement } from "../types";

const COLUMN_LABELS: Record<EngagementColumn, { label: string; short: string }> = {
  invited: { label: "Invited", short: "Inv." },
  engaged: { label: "Engaged", short: "Eng." },
  champion: { label: "Champion", short: "Champ." },
  declined: { label: "Declined", short: "Decl." },
};

/** A column heading that abbreviates on a phone; screen readers always hear the whole word. */
function Heading({ label, short }: { label: string; short: string }) {
  return (
    <>
      <span aria-hidden="true" className="sm:hidden">
        {short}
      </span>
      <span className="max-sm:sr-only">{label}</span>
    </>
  );
}

/** Shades for 0–4: darker for more involvements; the number is always printed in the cell. */
const SHADES = [
  "bg-transparent text-muted-foreground",
  "bg-accent/10",
  "bg-accent/20",
  "bg-accent/30",
  "bg-accent/40",
];

/**
 * Departments × engagement as a shaded table (the table *is* the chart, so it needs no
 * alternative), with the indifference index and the flagged departments called out above it.
 */
export function DepartmentHeatmap({ departments }: { departments: DepartmentEngagement[] }) {
  const flagged = flaggedDepartments(departments);
  const max = heatmapMax(departments);
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
              <table className="w-full border-separate border-spacing-0.5 text-sm">
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
                        className="w-[12%] px-1 py-1.5 text-center font-medium"
                      >
                        <Heading {...COLUMN_LABELS[c]} />
                      </th>
                    ))}
                    <th scope="col" className="w-[11%] px-1 py-1.5 text-center font-medium">
                      <Heading label="Silent" short="Sil." />
                    </th>
                    <th scope="col" className="w-[16%] px-1 py-1.5 text-right font-medium">
                      <Heading label="Indifference" short="Index" />
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {departments.map((d) => (
                    <tr key={d.department_id}>
                      <th scope="row" className="px-1 py-1 text-left font-medium">
                        <span className="flex flex-wrap items-center gap-x-2 gap-y-1">
                          <span className="break-words">{d.name}</span>
                          {d.flagged && (
                            <Badge tone="warning">
                              <TriangleAlert aria-hidden="true" />
                              Indifferent
                            </Badge>
                          )}
                        </span>
                      </th>
                      {ENGAGEMENT_COLUMNS.map((c) => (
                        <td
                          key={c}
                          className={cn(
                            "rounded-[4px] px-1 py-2 text-center tabular-nums",
                            SHADES[intensity(d[c], max)],
                          )}
                        >
                          {d[c]}
                        </td>
                      ))}
                      <td
                        className={cn(
                          "rounded-[4px] px-1 py-2 text-center tabular-nums",
                          d.silent > 0
                            ? "bg-warning font-medium text-warning-foreground"
                            : "text-muted-foreground",
                        )}
                      >
                        {d.silent}
                      </td>
                      <td
                        className={cn(
                          "px-1 py-2 text-right tabular-nums",
                          d.flagged && "font-semibold text-warning-foreground",
                        )}
                      >
                        {formatPercent(d.indifference_index)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </CardContent>
      </Card>
    </section>
  );
}
