import { Link } from "@tanstack/react-router";
import { formatMoney } from "@/features/customers/format";
import { pilotStatusLabel } from "@/features/pilots/components/health-badge";
import { describeLift, formatLift } from "@/features/pilots/format";
import { STAGE_LABELS } from "@/features/pilots/labels";
import { cn } from "@/lib/utils";
import { linearScale } from "../scales";
import type { liftRanking } from "../tables";
import { DataTable } from "./chart-card";
import { PageControls, ShowMore, usePage, useShown } from "./paging";

type Ranked = ReturnType<typeof liftRanking>;

/**
 * Revenue lift by pilot, best first, as bars either side of zero, each labelled with its signed
 * percentage and arrow. Titles link to the pilot.
 */
export function LiftChart({ workspaceId, rows: all }: { workspaceId: string; rows: Ranked }) {
  const [shown, more] = useShown(LIFT_STEP, all);
  const rows = all.slice(0, shown);
  const lo = Math.min(0, ...rows.map((r) => r.revenue_lift));
  const hi = Math.max(0, ...rows.map((r) => r.revenue_lift));
  // Room beside the bars for their labels: right of positive bars, left of negative ones.
  const padLeft = lo < 0 ? 24 : 0;
  const padRight = hi > 0 ? 24 : 0;
  const x = linearScale([lo, hi === lo ? lo + 1 : hi], [padLeft, 100 - padRight]);
  const zero = x(0);
  return (
    <div className="flex flex-col gap-3">
      <ol className="flex flex-col gap-3" aria-label="Pilots ranked by revenue lift">
        {rows.map((r) => {
          const end = x(r.revenue_lift);
          const positive = r.revenue_lift >= 0;
          const width = Math.max(0.5, Math.abs(end - zero));
          return (
            <li
              key={r.pilot_id}
              className="grid grid-cols-1 gap-1 text-sm sm:grid-cols-[minmax(0,16rem)_1fr] sm:items-center sm:gap-3"
            >
              <Link
                to="/w/$workspaceId/pilots/$pilotId"
                params={{ workspaceId, pilotId: r.pilot_id }}
                className="min-w-0 truncate font-medium text-accent-subtle-foreground hover:underline"
                title={r.title}
              >
                {r.title}
              </Link>
              <span className="relative flex h-6 items-center" aria-hidden="true">
                <span className="absolute inset-y-0 w-px bg-border" style={{ left: `${zero}%` }} />
                <span
                  className={cn(
                    "absolute h-4 rounded-[3px]",
                    positive ? "bg-success-foreground/80" : "bg-danger-foreground/80",
                  )}
                  style={{ left: `${positive ? zero : zero - width}%`, width: `${width}%` }}
                />
                <span
                  className={cn(
                    "absolute whitespace-nowrap text-xs font-semibold tabular-nums",
                    positive ? "text-success-foreground" : "text-danger-foreground",
                  )}
                  style={
                    positive
                      ? { left: `calc(${zero + width}% + 0.375rem)` }
                      : { right: `calc(${100 - (zero - width)}% + 0.375rem)` }
                  }
                >
                  {formatLift(r.revenue_lift)}
                </span>
              </span>
              <span className="sr-only">{describeLift(r.revenue_lift)}</span>
            </li>
          );
        })}
      </ol>
      <ShowMore remaining={all.length - rows.length} onMore={more} what="pilots ranked by lift" />
    </div>
  );
}

const LIFT_STEP = 15;

export function LiftTable({ rows, currency }: { rows: Ranked; currency: string }) {
  const pager = usePage(rows, 25, rows);
  return (
    <div className="flex flex-col gap-3">
      <DataTable
        caption="Revenue lift by pilot, best first"
        columns={[
          { key: "pilot", label: "Pilot" },
          { key: "stage", label: "Stage" },
          { key: "health", label: "Health" },
          { key: "lift", label: "Revenue lift", numeric: true },
          { key: "stake", label: "Revenue at stake", numeric: true },
        ]}
        rows={pager.rows.map((r) => ({
          key: r.pilot_id,
          cells: [
            r.title,
            STAGE_LABELS[r.stage],
            pilotStatusLabel(r.stage, r.health),
            formatLift(r.revenue_lift),
            r.revenue_at_stake === null ? "—" : formatMoney(r.revenue_at_stake, currency),
          ],
        }))}
      />
      <PageControls pager={pager} what="pilots" />
    </div>
  );
}
