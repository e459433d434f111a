import { DataTable } from "@/features/portfolio/components/chart-card";
import { cn } from "@/lib/utils";
import {
  countsInWords,
  describeDifference,
  describeSide,
  formatCounts,
  formatDifference,
  formatInterval,
  formatRate,
  labelPlace,
  neededInWords,
  type PracticeEvidence,
  type PracticeSide,
  RATE_TICKS,
  rateX,
} from "../evidence";

const ROW_HEIGHT = 68;
const Y = { with: 22, without: 46 } as const;
const SIDE_LABEL = { with: "With it", without: "Without" } as const;

/**
 * Each practice's two rates of scaling (the pilots that followed it and those that did not) as
 * dots with whiskers for their 95 % intervals, on one shared 0–100 % axis. Every dot is a
 * keyboard stop with its numbers as its name; the counts are also written out under each row.
 */
export function PracticeChart({
  practices,
  greyed = false,
  label,
}: {
  practices: PracticeEvidence[];
  greyed?: boolean;
  label: string;
}) {
  return (
    <ol aria-label={label} className={cn("flex flex-col gap-4", greyed && "text-muted-foreground")}>
      <li aria-hidden="true" className={GRID}>
        <span className="hidden sm:block" />
        <Axis />
      </li>
      {practices.map((p) => (
        <li key={p.code} data-practice={p.code} className="flex flex-col gap-1">
          <div className={GRID}>
            <div className="flex min-w-0 flex-col gap-0.5">
              <span
                className={cn("text-sm font-medium", !greyed && "text-foreground")}
                title={p.explanation}
              >
                {p.label}
              </span>
              <span className="text-xs tabular-nums">
                <span aria-hidden="true">{formatDifference(p.difference)}</span>
                <span className="sr-only">{describeDifference(p.difference)}</span>
              </span>
            </div>
            <PracticeMarks practice={p} greyed={greyed} />
          </div>
          <p className="text-sm text-muted-foreground">{countsInWords(p)}</p>
          {greyed && <p className="text-sm font-medium">{neededInWords(p)}</p>}
        </li>
      ))}
    </ol>
  );
}

const GRID = "grid grid-cols-1 gap-1 sm:grid-cols-[minmax(0,15rem)_1fr] sm:items-center sm:gap-4";

function Axis() {
  return (
    <svg aria-hidden="true" width="100%" height="20" className="overflow-visible text-xs">
      {RATE_TICKS.map((t) => (
        <text
          key={t}
          x={`${rateX(t)}%`}
          y="14"
          textAnchor={t === 0 ? "start" : t === 1 ? "end" : "middle"}
          className="fill-muted-foreground tabular-nums"
        >
          {formatRate(t)}
        </text>
      ))}
    </svg>
  );
}

function PracticeMarks({ practice, greyed }: { practice: PracticeEvidence; greyed: boolean }) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: an SVG's two marks, grouped under the practice's name
    <svg
      width="100%"
      height={ROW_HEIGHT}
      role="group"
      aria-label={`${practice.label}: share of pilots that scaled, with and without it`}
      className="overflow-visible text-xs"
    >
      {RATE_TICKS.map((t) => (
        <line
          key={t}
          x1={`${rateX(t)}%`}
          x2={`${rateX(t)}%`}
          y1="2"
          y2={ROW_HEIGHT - 2}
          className={t === 0.5 ? "stroke-muted-foreground/50" : "stroke-border"}
          strokeDasharray={t === 0.5 ? "3 3" : undefined}
        />
      ))}
      <Mark practice={practice} side="with" values={practice.with} greyed={greyed} />
      <Mark practice={practice} side="without" values={practice.without} greyed={greyed} />
    </svg>
  );
}

function Mark({
  practice,
  side,
  values,
  greyed,
}: {
  practice: PracticeEvidence;
  side: "with" | "without";
  values: PracticeSide;
  greyed: boolean;
}) {
  const y = Y[side];
  const name = describeSide(practice, side, values);
  if (values.rate === null || values.ci_low === null || values.ci_high === null) {
    return (
      // biome-ignore lint/a11y/noInteractiveElementToNoninteractiveRole: every mark is a keyboard stop with its numbers
      <g tabIndex={0} role="img" aria-label={name} className="outline-none">
        <text x={`${rateX(0)}%`} y={y} dy="0.32em" className="fill-muted-foreground italic">
          {SIDE_LABEL[side]}: no closed pilot
        </text>
      </g>
    );
  }
  const x = rateX(values.rate);
  const lo = rateX(values.ci_low);
  const hi = rateX(values.ci_high);
  // The direct label goes where there is room: right of the whisker, left of it, or, when the
  // whisker spans nearly the whole axis, over (with) or under (without) the dot.
  const place = labelPlace(values.ci_low, values.ci_high);
  const text = `${SIDE_LABEL[side]} ${formatRate(values.rate)}`;
  const stroke = side === "with" ? "stroke-accent" : "stroke-muted-foreground";
  return (
    // biome-ignore lint/a11y/noInteractiveElementToNoninteractiveRole: every mark is a keyboard stop with its numbers
    <g tabIndex={0} role="img" aria-label={name} className="group outline-none">
      <title>{name}</title>
      <line
        x1={`${lo}%`}
        x2={`${hi}%`}
        y1={y}
        y2={y}
        className={stroke}
        strokeWidth={2}
        strokeDasharray={greyed ? "3 2" : undefined}
      />
      <line x1={`${lo}%`} x2={`${lo}%`} y1={y - 5} y2={y + 5} className={stroke} strokeWidth={2} />
      <line x1={`${hi}%`} x2={`${hi}%`} y1={y - 5} y2={y + 5} className={stroke} strokeWidth={2} />
      <circle
        cx={`${x}%`}
        cy={y}
        r={10}
        className="fill-none stroke-ring opacity-0 group-hover:opacity-60 group-focus-visible:opacity-100"
        strokeWidth={2.5}
      />
      <circle
        cx={`${x}%`}
        cy={y}
        r={6}
        className={cn(
          side === "with" ? "fill-accent stroke-accent" : "fill-card stroke-muted-foreground",
          greyed && "opacity-60",
        )}
        strokeWidth={2}
      />
      <text
        x={`${place === "right" ? hi : place === "left" ? lo : x}%`}
        dx={place === "right" ? 8 : place === "left" ? -8 : 0}
        y={place === "over" ? (side === "with" ? y - 13 : y + 15) : y}
        dy="0.32em"
        textAnchor={place === "right" ? "start" : place === "left" ? "end" : "middle"}
        className={cn(
          "tabular-nums",
          side === "with" && !greyed
            ? "fill-accent-subtle-foreground font-semibold"
            : "fill-muted-foreground",
        )}
      >
        {text}
      </text>
    </g>
  );
}

/** The chart's numbers, one row per practice, in the API's order. */
export function PracticeTable({ practices }: { practices: PracticeEvidence[] }) {
  return (
    <DataTable
      caption="Closed pilots that scaled, with and without each practice (95 % intervals)"
      columns={[
        { key: "practice", label: "Practice" },
        { key: "with", label: "With it: scaled", numeric: true },
        { key: "with-rate", label: "With it: rate (95 %)", numeric: true },
        { key: "without", label: "Without: scaled", numeric: true },
        { key: "without-rate", label: "Without: rate (95 %)", numeric: true },
        { key: "difference", label: "Difference", numeric: true },
        { key: "enough", label: "Enough data" },
      ]}
      rows={practices.map((p) => ({
        key: p.code,
        cells: [
          p.label,
          formatCounts(p.with),
          `${formatRate(p.with.rate)} (${formatInterval(p.with)})`,
          formatCounts(p.without),
          `${formatRate(p.without.rate)} (${formatInterval(p.without)})`,
          formatDifference(p.difference),
          p.enough_data ? "Yes" : "Not yet",
        ],
      }))}
    />
  );
}
