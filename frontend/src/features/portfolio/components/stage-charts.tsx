import { formatMoney } from "@/features/customers/format";
import { cn } from "@/lib/utils";
import { formatCount, formatDays, formatMoneyCompact, pilotCount } from "../format";
import type { StageRow, StageTimeRow } from "../tables";
import { DataTable } from "./chart-card";

const share = (value: number, max: number) => (max > 0 ? (value / max) * 100 : 0);

/** Pilots by stage as bars, each labelled with its count and the revenue at stake there. */
export function FunnelChart({
  steps,
  offPath,
  currency,
}: {
  steps: StageRow[];
  offPath: StageRow[];
  currency: string;
}) {
  const max = Math.max(0, ...steps.map((r) => r.count), ...offPath.map((r) => r.count));
  const summary = [...steps, ...offPath]
    .map((r) => `${r.label}: ${pilotCount(r.count)}, ${formatMoney(r.revenue, currency)} at stake`)
    .join("; ");
  const row = (r: StageRow, muted = false) => (
    <div key={r.stage} className="grid grid-cols-[6.5rem_1fr] items-center gap-3 text-sm">
      <span className={cn("truncate", muted && "text-muted-foreground")}>{r.label}</span>
      <span className="flex min-w-0 items-center gap-2">
        <span
          className={cn(
            "h-6 shrink-0 rounded-[4px]",
            muted ? "bg-muted-foreground/35" : "bg-accent",
            r.count === 0 && "w-px bg-border",
          )}
          style={r.count > 0 ? { width: `${Math.max(2, share(r.count, max) * 0.62)}%` } : undefined}
        />
        <span className="flex min-w-0 items-baseline gap-1.5 whitespace-nowrap">
          <span className="font-semibold tabular-nums">{formatCount(r.count)}</span>
          {r.revenue > 0 && (
            <span className="truncate text-xs text-muted-foreground tabular-nums">
              {formatMoneyCompact(r.revenue, currency)}
            </span>
          )}
        </span>
      </span>
    </div>
  );
  return (
    <div role="img" aria-label={`Pilots by stage. ${summary}.`} className="flex flex-col gap-2">
      {steps.map((r) => row(r))}
      <div className="mt-2 flex flex-col gap-2 border-t pt-3">
        <span className="text-xs font-medium text-muted-foreground">Off the path</span>
        {offPath.map((r) => row(r, true))}
      </div>
    </div>
  );
}

export function FunnelTable({
  steps,
  offPath,
  currency,
}: {
  steps: StageRow[];
  offPath: StageRow[];
  currency: string;
}) {
  return (
    <DataTable
      caption="Pilots and revenue at stake by stage"
      columns={[
        { key: "stage", label: "Stage" },
        { key: "count", label: "Pilots", numeric: true },
        { key: "revenue", label: "Revenue at stake", numeric: true },
      ]}
      rows={[...steps, ...offPath].map((r) => ({
        key: r.stage,
        cells: [r.label, r.count, formatMoney(r.revenue, currency)],
      }))}
    />
  );
}

/** Median and longest time in each stage: a light bar to the longest, a dark one to the median. */
export function TimeInStageChart({ rows }: { rows: StageTimeRow[] }) {
  const max = Math.max(0, ...rows.map((r) => r.max_days ?? 0));
  const summary = rows
    .map((r) =>
      r.median_days === null
        ? `${r.label}: no pilots`
        : `${r.label}: median ${formatDays(r.median_days)}, longest ${formatDays(r.max_days)}`,
    )
    .join("; ");
  return (
    <div className="flex flex-col gap-3">
      <div role="img" aria-label={`Time in stage. ${summary}.`} className="flex flex-col gap-2">
        {rows.map((r) => (
          <div
            key={r.stage}
            className="grid grid-cols-[6rem_1fr] items-center gap-x-3 text-sm sm:grid-cols-[6.5rem_1fr]"
          >
            <span className="truncate">{r.label}</span>
            <span className="flex min-w-0 flex-wrap items-center gap-x-2 gap-y-0.5">
              {r.median_days === null ? (
                <span className="text-xs text-muted-foreground">No pilots</span>
              ) : (
                <>
                  <span
                    className="relative h-6 shrink-0 rounded-[4px] bg-accent-subtle ring-1 ring-accent/30 ring-inset"
                    style={{ width: `${Math.max(1.5, share(r.max_days ?? 0, max) * 0.55)}%` }}
                  >
                    <span
                      className="absolute inset-y-0 left-0 rounded-[4px] bg-accent"
                      style={{
                        width: `${r.max_days ? Math.min(100, (r.median_days / r.max_days) * 100) : 100}%`,
                      }}
                    />
                  </span>
                  <span className="min-w-0 whitespace-nowrap text-xs tabular-nums max-sm:basis-full">
                    <span className="font-semibold text-foreground">
                      {formatDays(r.median_days)}
                    </span>
                    <span className="text-muted-foreground"> · max {formatDays(r.max_days)}</span>
                  </span>
                </>
              )}
            </span>
          </div>
        ))}
      </div>
      <p className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-muted-foreground">
        <span className="flex items-center gap-1.5">
          <span aria-hidden="true" className="inline-block size-3 rounded-[3px] bg-accent" />
          Median
        </span>
        <span className="flex items-center gap-1.5">
          <span
            aria-hidden="true"
            className="inline-block size-3 rounded-[3px] bg-accent-subtle ring-1 ring-accent/30 ring-inset"
          />
          Longest
        </span>
      </p>
    </div>
  );
}

export function TimeInStageTable({ rows }: { rows: StageTimeRow[] }) {
  return (
    <DataTable
      caption="Median and longest days in each stage"
      columns={[
        { key: "stage", label: "Stage" },
        { key: "median", label: "Median", numeric: true },
        { key: "max", label: "Longest", numeric: true },
      ]}
      rows={rows.map((r) => ({
        key: r.stage,
        cells: [r.label, formatDays(r.median_days), formatDays(r.max_days)],
      }))}
    />
  );
}
