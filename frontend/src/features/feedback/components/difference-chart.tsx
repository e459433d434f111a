import { ChartCard, DataTable } from "@/features/portfolio/components/chart-card";
import { formatDate } from "@/lib/format";
import { type FeedbackPoint, formatMean } from "../format";

const TICKS = [1, 2, 3, 4, 5] as const;

/** Where a point sits: columns centred per iteration, 5 at the top and 1 at the bottom (%). */
export function pointPosition(index: number, count: number, value: number) {
  return { x: ((index + 0.5) / Math.max(1, count)) * 100, y: ((5 - value) / 4) * 100 };
}

/** The series in words, for screen readers: "Iteration 1: 2.0 from 1 response; …". */
export function describeSeries(points: readonly FeedbackPoint[]): string {
  return `Customer-rated difference by iteration, 1 (no difference) to 5 (a great deal): ${points
    .map(
      (p) =>
        `iteration ${p.number}, ${formatMean(p.difference)} from ${p.responses} response${p.responses === 1 ? "" : "s"}`,
    )
    .join("; ")}.`;
}

/**
 * The mean answer to "How much difference does this make for you?" per iteration: a line on the
 * 1–5 scale with each point labelled directly, and the same numbers as a table.
 */
export function DifferenceChart({ points }: { points: readonly FeedbackPoint[] }) {
  return (
    <ChartCard
      id="customer-rated-difference"
      level={3}
      title="Customer-rated difference"
      description="The customer's mean answer to “How much difference does this make for you?”, from 1 (none) to 5 (a great deal), per iteration."
      chart={<DifferenceLine points={points} />}
      table={
        <DataTable
          caption="Customer-rated difference per iteration"
          columns={[
            { key: "iteration", label: "Iteration" },
            { key: "started", label: "Started" },
            { key: "responses", label: "Responses", numeric: true },
            { key: "difference", label: "Difference (1–5)", numeric: true },
            { key: "effort", label: "Ease (1–5)", numeric: true },
          ]}
          rows={points.map((p) => ({
            key: p.iterationId,
            cells: [
              `Iteration ${p.number}`,
              formatDate(p.startedOn),
              p.responses,
              formatMean(p.difference),
              formatMean(p.effort),
            ],
          }))}
        />
      }
    />
  );
}

function DifferenceLine({ points }: { points: readonly FeedbackPoint[] }) {
  const at = points.map((p, i) => pointPosition(i, points.length, p.difference));
  return (
    <div role="img" aria-label={describeSeries(points)} className="flex flex-col gap-1.5 pl-5">
      <div className="relative mt-5 h-40" aria-hidden="true">
        {TICKS.map((t) => (
          <span
            key={t}
            className="absolute inset-x-0 border-t border-dashed border-border"
            style={{ top: `${((5 - t) / 4) * 100}%` }}
          >
            <span className="absolute right-full mr-2 -translate-y-1/2 text-xs text-muted-foreground tabular-nums">
              {t}
            </span>
          </span>
        ))}
        <svg
          aria-hidden="true"
          viewBox="0 0 100 100"
          preserveAspectRatio="none"
          className="absolute inset-0 size-full overflow-visible"
        >
          {at.length > 1 && (
            <polyline
              points={at.map((p) => `${p.x},${p.y}`).join(" ")}
              fill="none"
              className="stroke-accent"
              strokeWidth={2}
              vectorEffect="non-scaling-stroke"
            />
          )}
        </svg>
        {points.map((p, i) => (
          <span
            key={p.iterationId}
            className="absolute flex -translate-x-1/2 -translate-y-1/2 flex-col items-center"
            style={{ left: `${at[i]?.x ?? 0}%`, top: `${at[i]?.y ?? 0}%` }}
          >
            <span className="absolute bottom-full mb-1 rounded bg-card/90 px-1 text-xs font-semibold tabular-nums">
              {formatMean(p.difference)}
            </span>
            <span className="size-3 rounded-full border-2 border-card bg-accent" />
          </span>
        ))}
      </div>
      <div aria-hidden="true" className="relative h-9 text-xs text-muted-foreground">
        {points.map((p, i) => (
          <span
            key={p.iterationId}
            className="absolute flex -translate-x-1/2 flex-col items-center whitespace-nowrap"
            style={{ left: `${at[i]?.x ?? 0}%` }}
          >
            <span className="font-medium text-foreground">It. {p.number}</span>
            <span>{p.responses} resp.</span>
          </span>
        ))}
      </div>
    </div>
  );
}
