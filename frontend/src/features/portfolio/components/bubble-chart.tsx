import { Link } from "@tanstack/react-router";
import { startTransition, useEffect, useMemo, useRef, useState } from "react";
import { flushSync } from "react-dom";
import { formatMoney } from "@/features/customers/format";
import { pilotStatusLabel } from "@/features/pilots/components/health-badge";
import { formatLift } from "@/features/pilots/format";
import { HEALTH_LABELS, type Health, STAGE_LABELS } from "@/features/pilots/labels";
import { useProgressiveCount } from "@/lib/use-progressive-count";
import { cn } from "@/lib/utils";
import {
  binBand,
  binKey,
  binPilotsSearch,
  describeBin,
  healthMix,
  PROGRESS_BAND_LABELS,
  PROGRESS_BAND_VALUE,
} from "../bins";
import {
  formatCount,
  formatMoneyCompact,
  formatPercent,
  formatProgress,
  pilotCount,
} from "../format";
import {
  anyOverlap,
  bandWidths,
  linearScale,
  type MarkShape,
  markPath,
  markReach,
  niceDomain,
  type PlacedBubble,
  placeLabels,
  radiusScale,
  spreadInBandSteps,
  truncate,
} from "../scales";
import type { BubbleY, PortfolioSearch } from "../search";
import { type BubbleRow, describeBubble, RISK_BAND_LABELS, type RiskBand } from "../tables";
import type { PointBin } from "../types";
import { CriteriaChangedFlag } from "./attention";
import { DataTable } from "./chart-card";
import { PageControls, usePage } from "./paging";

/** Health is shape, colour and word: never colour alone. */
export const HEALTH_MARKS: Record<Health, { shape: MarkShape; className: string }> = {
  on_track: { shape: "circle", className: "fill-success-foreground/20 stroke-success-foreground" },
  at_risk: { shape: "diamond", className: "fill-warning-foreground/25 stroke-warning-foreground" },
  stalled: { shape: "square", className: "fill-danger-foreground/25 stroke-danger-foreground" },
};

const HEALTH_ORDER: Health[] = ["stalled", "at_risk", "on_track"];

export function valueText(value: number | null, y: BubbleY): string {
  return y === "lift" ? `revenue lift ${formatLift(value)}` : formatProgress(value);
}

/** The chart's width on an A4 page (186 mm of paper at 96 px per inch, less the card's padding). */
const PRINT_WIDTH = 660;

/**
 * The width of an element, kept up to date (falls back where ResizeObserver is missing or the
 * element has no size, as in tests). Null until measured, so a chart is laid out once, for its
 * real width (its box keeps its proportions meanwhile). While printing it is the page's width, so the chart is laid
 * out for paper rather than shrunk from the screen with its labels.
 */
function useWidth(fallback: number) {
  const ref = useRef<HTMLElement>(null);
  const [width, setWidth] = useState<number | null>(null);
  const [printing, setPrinting] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    // Where there is no ResizeObserver (tests), measured once; 0 (no layout) means the fallback.
    if (typeof ResizeObserver === "undefined") {
      const measured = Math.round(element.getBoundingClientRect().width);
      setWidth(measured > 0 ? measured : fallback);
      return;
    }
    // The observer reports the width after the browser's own layout (no forced reflow), and the
    // chart is laid out in a task of its own, after the rest of the page has painted.
    const observer = new ResizeObserver(([entry]) => {
      const next = Math.round(entry?.contentRect.width ?? 0);
      setWidth((current) => (next > 0 ? next : (current ?? fallback)));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [fallback]);
  useEffect(() => {
    if (typeof window.matchMedia !== "function") return;
    const print = window.matchMedia("print");
    const sync = () => flushSync(() => setPrinting(print.matches));
    const before = () => flushSync(() => setPrinting(true));
    setPrinting(print.matches);
    print.addEventListener("change", sync);
    window.addEventListener("beforeprint", before);
    window.addEventListener("afterprint", sync);
    return () => {
      print.removeEventListener("change", sync);
      window.removeEventListener("beforeprint", before);
      window.removeEventListener("afterprint", sync);
    };
  }, []);
  return [ref, printing ? PRINT_WIDTH : width, printing] as const;
}

/** "Medium risk", or "Medium" (then cut) when its column is too narrow for the words. */
function bandLabel(band: RiskBand, room: number): string {
  const full = `${RISK_BAND_LABELS[band]}${band === "unrated" ? "" : " risk"}`;
  const fits = (text: string) => text.length * 6.6 + 6 <= room;
  if (fits(full)) return full;
  return fits(RISK_BAND_LABELS[band])
    ? RISK_BAND_LABELS[band]
    : truncate(RISK_BAND_LABELS[band], Math.max(2, Math.floor((room - 6) / 6.6)));
}

const LABEL_LIMIT = 40;

/** The chart is three stacked layers: axes (decorative), the bubbles (links), their labels. */
const LAYER = "absolute inset-0 block size-full overflow-visible text-[11px]";
/**
 * Risk (across) × outcome (up): progress to target or revenue lift. Each bubble's area is the
 * revenue at stake and its shape and colour its health; each is a link to the pilot (click, or
 * Tab then Enter). Stalled and at-risk pilots are labelled first; the rest when there is room.
 */
export function BubbleChart(props: {
  workspaceId: string;
  rows: BubbleRow[];
  bands: RiskBand[];
  y: BubbleY;
  currency: string;
  /** Pilots beyond the marks, grouped (drawn on the progress axis only; listed otherwise). */
  bins?: PointBin[];
  search?: PortfolioSearch;
}) {
  const [ref, width, printing] = useWidth(640);
  const height = (width ?? 640) < 520 || printing ? 300 : 360;
  return (
    <div className="flex flex-col gap-3">
      <BubbleLegend y={props.y} />
      <figure
        ref={ref}
        className="relative m-0 w-full"
        style={{ aspectRatio: `${width ?? 640} / ${height}` }}
      >
        {width !== null && (
          <BubblePlot {...props} width={width} height={height} printing={printing} />
        )}
      </figure>
      <p className="min-h-5 text-sm text-muted-foreground print:hidden" aria-hidden="true">
        Point at a mark, or Tab to it, for details; select it to open the pilot.
      </p>
    </div>
  );
}

type LayoutInput = {
  rows: BubbleRow[];
  bands: RiskBand[];
  y: BubbleY;
  bins: PointBin[];
  width: number;
  height: number;
};

/**
 * The chart's layout for its data and size: axes, bands, every mark's place (a beeswarm per band)
 * and the labels. A generator that yields every few marks, so that the work can run in slices.
 */
function* bubbleLayout(input: LayoutInput) {
  const { rows, bands, y, bins, width, height } = input;
  const narrow = width < 520;
  const margin = { top: 14, right: narrow ? 8 : 16, bottom: 34, left: narrow ? 44 : 52 };
  const plotW = Math.max(60, width - margin.left - margin.right);
  const plotH = height - margin.top - margin.bottom;
  // Grouped pilots sit in a narrow lane at the right of their risk column, at their band's height.
  const drawnBins =
    y === "progress"
      ? bins.filter((b) => b.progress_band !== "none" && bands.includes(binBand(b)))
      : [];
  const BIN_W = narrow ? 30 : 38;
  const BIN_H = 18;
  const binLane = (band: RiskBand) => (drawnBins.some((b) => binBand(b) === band) ? BIN_W + 6 : 0);
  const maxMoney = Math.max(0, ...rows.map((r) => r.revenue_at_stake ?? 0));
  const maxR = Math.max(8, Math.min(narrow ? 18 : 26, plotW / bands.length / 4.5));
  const baseRadius = radiusScale(maxMoney, narrow ? 4.5 : 5.5, maxR);

  const layout = yield* (function* () {
    const values = [
      ...rows.map((r) => r.value ?? 0),
      ...drawnBins.map(
        (b) => PROGRESS_BAND_VALUE[b.progress_band as keyof typeof PROGRESS_BAND_VALUE],
      ),
    ];
    const { domain, ticks } =
      y === "progress"
        ? niceDomain(Math.min(0, ...values), Math.max(1, ...values), 4)
        : niceDomain(Math.min(0, ...values), Math.max(0.1, ...values), 4);
    const pad = maxR * 0.6;
    const scaleY = linearScale(domain, [margin.top + plotH - pad, margin.top + pad]);
    // A crowded band gets more of the width (risk is a category: its columns need not be equal).
    const widths = bandWidths(
      bands.map((band) =>
        rows
          .filter((r) => r.band === band)
          .reduce((sum, r) => sum + 2 * baseRadius(r.revenue_at_stake) + 4, binLane(band)),
      ),
      plotW,
      narrow ? 0.22 : 0.15,
    );
    const starts = widths.map(
      (_, i) => margin.left + widths.slice(0, i).reduce((a, b) => a + b, 0),
    );
    // A beeswarm per band: every mark at its own height, spread sideways. When a band is too
    // crowded, marks shrink (all alike, so sizes still compare), then may move a few pixels up or
    // down (deterministic: the same data always lands the same way).
    // Band by band, a few marks at a time: each a step of the work (see useLayoutInSlices).
    function* attempt(scale: number, maxShift: number) {
      const placed: PlacedBubble[] = [];
      for (const [i, band] of bands.entries()) {
        yield;
        placed.push(
          ...(yield* spreadInBandSteps(
            rows
              .filter((r) => r.band === band)
              .map((r) => ({
                id: r.pilot_id,
                y: scaleY(r.value ?? 0),
                // Spread by what the mark covers: a diamond's corners reach past its radius.
                r: markReach(HEALTH_MARKS[r.health].shape, baseRadius(r.revenue_at_stake) * scale),
              })),
            (starts[i] ?? 0) + ((widths[i] ?? 0) - binLane(band)) / 2,
            ((widths[i] ?? 0) - binLane(band)) / 2 - 4,
            2,
            maxShift,
          )),
        );
      }
      return placed;
    }
    let scale = 1;
    let placed = yield* attempt(1, 0);
    for (const [nextScale, shift] of [
      [0.85, 0],
      [0.7, 0],
      [0.6, 6],
      [0.5, 12],
    ] as const) {
      if (!anyOverlap(placed)) break;
      scale = nextScale;
      placed = yield* attempt(nextScale, shift);
    }
    const byId = new Map(placed.map((p) => [p.id, p]));

    const binAt = new Map(
      drawnBins.map((b) => {
        const i = bands.indexOf(binBand(b));
        const x = (starts[i] ?? 0) + (widths[i] ?? 0) - BIN_W / 2 - 4;
        const value = PROGRESS_BAND_VALUE[b.progress_band as keyof typeof PROGRESS_BAND_VALUE];
        return [binKey(b), { x, y: scaleY(value) }];
      }),
    );
    // Labels: attention first, then the most money; a label with no room beside its mark sits
    // a little away with a leader line; any that still do not fit are dropped (the mark keeps its
    // name for keyboard and screen readers, and its tooltip).
    const biggest = [...rows].sort(
      (a, b) => (b.revenue_at_stake ?? 0) - (a.revenue_at_stake ?? 0),
    )[0];
    const priority = [...rows].sort(
      (a, b) =>
        Number(b === biggest) - Number(a === biggest) ||
        HEALTH_ORDER.indexOf(a.health) - HEALTH_ORDER.indexOf(b.health) ||
        (b.revenue_at_stake ?? 0) - (a.revenue_at_stake ?? 0),
    );
    // At most LABEL_LIMIT candidates: placing labels costs the square of their number, and a
    // chart of hundreds of marks has room for a few dozen names at most.
    const labels = placeLabels(
      priority.slice(0, LABEL_LIMIT).flatMap((row) => {
        const p = byId.get(row.pilot_id);
        return p ? [{ id: p.id, x: p.x, y: p.y, reach: p.r, text: row.title }] : [];
      }),
      { x0: margin.left, x1: width - margin.right, y0: 0, y1: margin.top + plotH },
      {
        maxChars: narrow ? 16 : 24,
        charWidth: 6.4,
        leaders: narrow ? 28 : 42,
        // No label covers a mark (labelled or not) or a group's box (with its focus ring).
        obstacles: [
          ...placed.map((p) => ({
            id: p.id,
            x0: p.x - p.r - 1,
            x1: p.x + p.r + 1,
            y0: p.y - p.r - 1,
            y1: p.y + p.r + 1,
          })),
          ...[...binAt.values()].map((at) => ({
            x0: at.x - BIN_W / 2 - 3,
            x1: at.x + BIN_W / 2 + 3,
            y0: at.y - BIN_H / 2 - 3,
            y1: at.y + BIN_H / 2 + 3,
          })),
        ],
      },
    );
    return { ticks, scaleY, byId, labels, starts, widths, scale, binAt };
  })();
  return { input, margin, plotH, drawnBins, BIN_W, BIN_H, baseRadius, ...layout };
}

type BubbleLayout = ReturnType<typeof bubbleLayout> extends Generator<unknown, infer T> ? T : never;

/**
 * The layout for `input`, worked out in slices of a few milliseconds, each in a task of its own,
 * so the page stays responsive while hundreds of marks find their place. Until it is ready the
 * previous layout stays drawn (nothing, the first time). While printing it is worked out at once.
 */
function useLayoutInSlices(input: LayoutInput, printing: boolean): BubbleLayout | null {
  const [done, setDone] = useState<BubbleLayout | null>(null);
  const current = done?.input === input ? done : null;
  const now = useMemo(
    () => (printing && !current ? finish(bubbleLayout(input)) : null),
    [printing, current, input],
  );
  useEffect(() => {
    if (printing || done?.input === input) return;
    const steps = bubbleLayout(input);
    let timer = 0;
    const slice = () => {
      const end = performance.now() + SLICE_MS;
      for (;;) {
        const step = steps.next();
        // Drawing hundreds of marks is itself work: a transition, rendered in slices too.
        if (step.done) return startTransition(() => setDone(step.value));
        if (performance.now() >= end) break;
      }
      timer = window.setTimeout(slice);
    };
    timer = window.setTimeout(slice);
    return () => window.clearTimeout(timer);
  }, [input, printing, done]);
  return now ?? current ?? done;
}

/** How long one slice of layout work may run before it lets the browser have the thread. */
const SLICE_MS = 8;

function finish<T>(steps: Generator<unknown, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** The chart's layers and tooltips, laid out for a known width. */
function BubblePlot({
  workspaceId,
  rows,
  bands,
  y,
  currency,
  bins = [],
  search = {},
  width,
  height,
  printing,
}: {
  workspaceId: string;
  rows: BubbleRow[];
  bands: RiskBand[];
  y: BubbleY;
  currency: string;
  /** Pilots beyond the marks, grouped (drawn on the progress axis only; listed otherwise). */
  bins?: PointBin[];
  search?: PortfolioSearch;
  width: number;
  height: number;
  /** While printing: laid out at once, for paper. */
  printing: boolean;
}) {
  const input = useMemo(
    () => ({ rows, bands, y, bins, width, height }),
    [rows, bands, y, bins, width, height],
  );
  const layout = useLayoutInSlices(input, printing);
  if (!layout) return null;
  return (
    <BubbleMarks layout={layout} workspaceId={workspaceId} currency={currency} search={search} />
  );
}

/** The chart's layers and tooltips, for a finished layout. */
function BubbleMarks({
  layout,
  workspaceId,
  currency,
  search,
}: {
  layout: BubbleLayout;
  workspaceId: string;
  currency: string;
  search: PortfolioSearch;
}) {
  const [active, setActive] = useState<string | null>(null);
  const [activeBin, setActiveBin] = useState<string | null>(null);
  const { rows, bands, y, width, height } = layout.input;
  const {
    margin,
    plotH,
    drawnBins,
    BIN_W,
    BIN_H,
    baseRadius,
    ticks,
    scaleY,
    byId,
    labels,
    starts,
    widths,
    scale,
    binAt,
  } = layout;
  const radius = (value: number | null) => baseRadius(value) * scale;
  const tickText = (t: number) =>
    y === "progress"
      ? formatPercent(t)
      : t === 0
        ? "0 %"
        : `${t > 0 ? "+" : "−"}${formatPercent(Math.abs(t))}`;
  const reference = y === "progress" ? 1 : 0;
  const money = (r: BubbleRow) =>
    r.revenue_at_stake === null ? "no revenue" : formatMoney(r.revenue_at_stake, currency);
  const activeRow = rows.find((r) => r.pilot_id === active) ?? null;
  // Bubbles never overlap (spreadInBand), so they can come in reading order: band by band, from
  // the best outcome down. That is the order Tab visits them in.
  const drawOrder = [...rows].sort(
    (a, b) =>
      bands.indexOf(a.band) - bands.indexOf(b.band) ||
      (byId.get(a.pilot_id)?.y ?? 0) - (byId.get(b.pilot_id)?.y ?? 0),
  );
  // Hundreds of marks, each a link: drawn a hundred at a time, in reading order.
  const drawn = useProgressiveCount(drawOrder.length, 100);

  return (
    <>
      <svg aria-hidden="true" viewBox={`0 0 ${width} ${height}`} className={LAYER}>
        {ticks.map((t) => (
          <g key={t}>
            <line
              x1={margin.left}
              x2={width - margin.right}
              y1={scaleY(t)}
              y2={scaleY(t)}
              className={cn(t === reference ? "stroke-muted-foreground" : "stroke-border")}
              strokeDasharray={t === reference && y === "progress" ? "5 4" : undefined}
            />
            <text
              x={margin.left - 8}
              y={scaleY(t)}
              dy="0.32em"
              textAnchor="end"
              className="fill-muted-foreground tabular-nums"
            >
              {tickText(t)}
            </text>
          </g>
        ))}
        {!ticks.includes(reference) && (
          <line
            x1={margin.left}
            x2={width - margin.right}
            y1={scaleY(reference)}
            y2={scaleY(reference)}
            className="stroke-muted-foreground"
            strokeDasharray={y === "progress" ? "5 4" : undefined}
          />
        )}
        {/* In the axis margin, above the line's own tick: the plot's right edge is where the
            groups' boxes sit, and no label covers a mark or a box. */}
        <text
          x={margin.left - 8}
          y={scaleY(reference) - 13}
          textAnchor="end"
          className="fill-muted-foreground text-[10px] font-medium"
        >
          {y === "progress" ? "Target" : "Baseline"}
        </text>
        {bands.map((band, i) => (
          <g key={band}>
            {i > 0 && (
              <line
                x1={starts[i]}
                x2={starts[i]}
                y1={margin.top}
                y2={margin.top + plotH}
                className="stroke-border"
                strokeDasharray="2 4"
              />
            )}
            <text
              x={(starts[i] ?? 0) + (widths[i] ?? 0) / 2}
              y={height - 10}
              textAnchor="middle"
              className="fill-foreground font-medium"
            >
              {bandLabel(band, widths[i] ?? 0)}
            </text>
          </g>
        ))}
      </svg>
      <svg viewBox={`0 0 ${width} ${height}`} className={cn(LAYER, "overflow-visible")}>
        <title>
          {`${pilotCount(rows.length)} by risk level and ${y === "lift" ? "revenue lift" : "progress to target"}; bubble size is revenue at stake. Each bubble opens its pilot.${drawnBins.length > 0 ? " Each numbered box is a group of pilots; it opens them in the pilots list." : ""}`}
        </title>
        {drawOrder.slice(0, drawn).map((row) => {
          const p = byId.get(row.pilot_id);
          if (!p) return null;
          const mark = HEALTH_MARKS[row.health];
          const label = describeBubble(row, valueText(row.value, y), money(row));
          return (
            <Link
              key={row.pilot_id}
              to="/w/$workspaceId/pilots/$pilotId"
              params={{ workspaceId, pilotId: row.pilot_id }}
              aria-label={label}
              className="group cursor-pointer outline-none"
              onFocus={() => setActive(row.pilot_id)}
              onBlur={() => setActive((current) => (current === row.pilot_id ? null : current))}
              onMouseEnter={() => setActive(row.pilot_id)}
              onMouseLeave={() =>
                setActive((current) => (current === row.pilot_id ? null : current))
              }
            >
              <path
                d={markPath("circle", p.x, p.y, p.r + 4)}
                className="fill-none stroke-ring opacity-0 group-hover:opacity-60 group-focus-visible:opacity-100"
                strokeWidth={2.5}
              />
              <path
                d={markPath(mark.shape, p.x, p.y, radius(row.revenue_at_stake))}
                className={mark.className}
                strokeWidth={1.5}
              />
            </Link>
          );
        })}
        {drawnBins.map((bin) => {
          const at = binAt.get(binKey(bin));
          if (!at) return null;
          const key = binKey(bin);
          const mix = healthMix(bin);
          const x0 = at.x - BIN_W / 2;
          const y0 = at.y - BIN_H / 2;
          const stalledW = BIN_W * mix.stalled;
          const riskW = BIN_W * mix.at_risk;
          const leave = () => setActiveBin((current) => (current === key ? null : current));
          return (
            <Link
              key={key}
              data-bubble-bin={key}
              to="/w/$workspaceId/pilots"
              params={{ workspaceId }}
              search={binPilotsSearch(bin, search)}
              aria-label={describeBin(bin, currency)}
              className="group cursor-pointer outline-none"
              onFocus={() => setActiveBin(key)}
              onBlur={leave}
              onMouseEnter={() => setActiveBin(key)}
              onMouseLeave={leave}
            >
              <rect
                x={x0 - 3}
                y={y0 - 3}
                width={BIN_W + 6}
                height={BIN_H + 6}
                rx={5}
                className="fill-none stroke-ring opacity-0 group-hover:opacity-60 group-focus-visible:opacity-100"
                strokeWidth={2.5}
              />
              {/* The health mix, left to right: stalled, at risk, on track. */}
              <rect
                x={x0}
                y={y0}
                width={stalledW}
                height={BIN_H}
                className="fill-danger-foreground/35"
              />
              <rect
                x={x0 + stalledW}
                y={y0}
                width={riskW}
                height={BIN_H}
                className="fill-warning-foreground/35"
              />
              <rect
                x={x0 + stalledW + riskW}
                y={y0}
                width={Math.max(0, BIN_W - stalledW - riskW)}
                height={BIN_H}
                className="fill-success-foreground/25"
              />
              <rect
                x={x0}
                y={y0}
                width={BIN_W}
                height={BIN_H}
                rx={3}
                className="fill-none stroke-muted-foreground"
                strokeWidth={1}
              />
              <text
                x={at.x}
                y={at.y}
                dy="0.34em"
                textAnchor="middle"
                className="pointer-events-none fill-foreground text-[10px] font-semibold tabular-nums"
              >
                {compactCount(bin.count)}
              </text>
            </Link>
          );
        })}
      </svg>
      <svg
        aria-hidden="true"
        viewBox={`0 0 ${width} ${height}`}
        className={cn(LAYER, "pointer-events-none")}
      >
        {[...labels.entries()].map(([id, l]) => (
          <g key={id}>
            {l.leader && (
              <line
                x1={l.leader.x1}
                y1={l.leader.y1}
                x2={l.leader.x2}
                y2={l.leader.y2}
                className="stroke-muted-foreground"
                strokeWidth={0.75}
              />
            )}
            <text
              data-bubble-label={id}
              x={l.x}
              y={l.y}
              dy="0.32em"
              textAnchor={l.anchor}
              className={cn(
                "pointer-events-none fill-foreground",
                active === id && "font-semibold",
              )}
            >
              {l.text}
            </text>
          </g>
        ))}
      </svg>
      {activeRow && (
        <BubbleTooltip
          row={activeRow}
          at={byId.get(activeRow.pilot_id)}
          width={width}
          y={y}
          currency={currency}
        />
      )}
      {activeBin && binAt.get(activeBin) && (
        <BinTooltip
          text={describeBin(drawnBins.find((b) => binKey(b) === activeBin) as PointBin, currency)}
          at={binAt.get(activeBin) as { x: number; y: number }}
          width={width}
        />
      )}
    </>
  );
}

/** 12, 340, 1.2k, 12k: a bin's count in the few pixels of its box. */
export function compactCount(count: number): string {
  if (count < 1000) return String(count);
  if (count < 10_000) return `${(Math.floor(count / 100) / 10).toString()}k`;
  return `${Math.floor(count / 1000)}k`;
}

function BinTooltip({
  text,
  at,
  width,
}: {
  text: string;
  at: { x: number; y: number };
  width: number;
}) {
  const below = at.y < 84;
  const left = Math.min(Math.max(at.x, 112), Math.max(112, width - 112));
  return (
    <div
      aria-hidden="true"
      data-bin-tooltip
      className="pointer-events-none absolute z-10 w-max max-w-[220px] rounded-md border bg-card px-2.5 py-1.5 text-xs text-card-foreground shadow-md print:hidden"
      style={{
        left,
        top: below ? at.y + 16 : at.y - 16,
        transform: `translate(-50%, ${below ? "0" : "-100%"})`,
      }}
    >
      <p>{text}</p>
      <p className="text-muted-foreground">Select to see them in the pilots list.</p>
    </div>
  );
}

/** The details of the mark under the pointer or the keyboard focus, beside the mark. */
function BubbleTooltip({
  row,
  at,
  width,
  y,
  currency,
}: {
  row: BubbleRow;
  at: { x: number; y: number; r: number } | undefined;
  width: number;
  y: BubbleY;
  currency: string;
}) {
  if (!at) return null;
  const below = at.y - at.r < 84;
  const left = Math.min(Math.max(at.x, 112), Math.max(112, width - 112));
  return (
    <div
      aria-hidden="true"
      data-bubble-tooltip
      className="pointer-events-none absolute z-10 w-max max-w-[220px] rounded-md border bg-card px-2.5 py-1.5 text-xs text-card-foreground shadow-md print:hidden"
      style={{
        left,
        top: below ? at.y + at.r + 8 : at.y - at.r - 8,
        transform: `translate(-50%, ${below ? "0" : "-100%"})`,
      }}
    >
      <p className="font-medium break-words">{row.title}</p>
      <p className="text-muted-foreground">
        {pilotStatusLabel(row.stage, row.health)} · {STAGE_LABELS[row.stage]} ·{" "}
        {RISK_BAND_LABELS[row.band]}
        {row.band === "unrated" ? "" : " risk"}
      </p>
      <p className="tabular-nums">
        {valueText(row.value, y)} ·{" "}
        {row.revenue_at_stake === null
          ? "no revenue at stake"
          : `${formatMoneyCompact(row.revenue_at_stake, currency)} at stake`}
      </p>
      {row.criteria_changed && <CriteriaChangedFlag />}
    </div>
  );
}

function MarkIcon({ health }: { health: Health }) {
  const mark = HEALTH_MARKS[health];
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" className="size-3.5 shrink-0">
      <path d={markPath(mark.shape, 8, 8, 5.5)} className={mark.className} strokeWidth={1.5} />
    </svg>
  );
}

/** The key: health by shape, colour and word; what size and the reference line mean. */
export function BubbleLegend({ y }: { y: BubbleY }) {
  return (
    <ul
      aria-label="Key"
      className="flex flex-wrap items-center gap-x-4 gap-y-1.5 text-xs text-muted-foreground"
    >
      {(["on_track", "at_risk", "stalled"] as const).map((h) => (
        <li key={h} className="flex items-center gap-1.5 text-foreground">
          <MarkIcon health={h} />
          {HEALTH_LABELS[h]}
        </li>
      ))}
      <li className="flex items-center gap-1.5">
        <svg aria-hidden="true" viewBox="0 0 28 16" className="h-3.5 w-6 shrink-0">
          <circle cx="5" cy="11" r="3" className="fill-none stroke-muted-foreground" />
          <circle cx="18" cy="8" r="7" className="fill-none stroke-muted-foreground" />
        </svg>
        Size: revenue at stake
      </li>
      <li className="flex items-center gap-1.5">
        <svg aria-hidden="true" viewBox="0 0 24 4" className="h-1 w-6 shrink-0">
          <line
            x1="0"
            x2="24"
            y1="2"
            y2="2"
            className="stroke-muted-foreground"
            strokeWidth={1.5}
            strokeDasharray={y === "progress" ? "5 4" : undefined}
          />
        </svg>
        {y === "progress" ? "Target (100 %)" : "Baseline (no change)"}
      </li>
    </ul>
  );
}

export function BubbleTable({
  rows,
  y,
  currency,
  bins = [],
}: {
  rows: BubbleRow[];
  y: BubbleY;
  currency: string;
  /** The grouped pilots, listed after the pilots with one row per group. */
  bins?: PointBin[];
}) {
  const pager = usePage(rows, TABLE_PAGE, rows);
  return (
    <div className="flex flex-col gap-3">
      <DataTable
        caption={`Pilots by risk level and ${y === "lift" ? "revenue lift" : "progress to target"}`}
        columns={[
          { key: "pilot", label: "Pilot" },
          { key: "health", label: "Health" },
          { key: "stage", label: "Stage" },
          { key: "risk", label: "Risk" },
          { key: "progress", label: "Progress", numeric: true },
          { key: "lift", label: "Revenue lift", numeric: true },
          { key: "stake", label: "Revenue at stake", numeric: true },
          { key: "criteria", label: "Success criteria" },
        ]}
        rows={pager.rows.map((r) => ({
          key: r.pilot_id,
          cells: [
            r.title,
            pilotStatusLabel(r.stage, r.health),
            STAGE_LABELS[r.stage],
            RISK_BAND_LABELS[r.band],
            r.progress === null ? "—" : formatPercent(r.progress),
            formatLift(r.revenue_lift),
            r.revenue_at_stake === null ? "—" : formatMoney(r.revenue_at_stake, currency),
            r.criteria_changed ? <CriteriaChangedFlag key="criteria" /> : "Unchanged",
          ],
        }))}
      />
      <PageControls pager={pager} what="pilots" />
      {bins.length > 0 && (
        <DataTable
          caption="Pilots grouped by risk and progress (not listed one by one above)"
          columns={[
            { key: "group", label: "Group" },
            { key: "count", label: "Pilots", numeric: true },
            { key: "stalled", label: "Stalled", numeric: true },
            { key: "at_risk", label: "At risk", numeric: true },
            { key: "on_track", label: "On track", numeric: true },
            { key: "stake", label: "Revenue at stake", numeric: true },
          ]}
          rows={bins.map((b) => ({
            key: binKey(b),
            cells: [
              `${RISK_BAND_LABELS[binBand(b)]}${binBand(b) === "unrated" ? "" : " risk"}, ${PROGRESS_BAND_LABELS[b.progress_band]}`,
              formatCount(b.count),
              formatCount(b.stalled),
              formatCount(b.at_risk),
              formatCount(b.on_track),
              formatMoney(b.revenue_at_stake, currency),
            ],
          }))}
        />
      )}
    </div>
  );
}

const TABLE_PAGE = 25;

/**
 * The groups the chart does not draw (no progress measured, or every group when the chart plots
 * revenue lift, which groups do not carry): one link each to the pilots list.
 */
export function BinList({
  workspaceId,
  bins,
  search,
  currency,
}: {
  workspaceId: string;
  bins: PointBin[];
  search: PortfolioSearch;
  currency: string;
}) {
  if (bins.length === 0) return null;
  return (
    <ul aria-label="Grouped pilots not drawn" className="flex flex-wrap gap-2">
      {bins.map((bin) => {
        const mix = healthMix(bin);
        return (
          <li key={binKey(bin)}>
            <Link
              to="/w/$workspaceId/pilots"
              params={{ workspaceId }}
              search={binPilotsSearch(bin, search)}
              aria-label={describeBin(bin, currency)}
              title={describeBin(bin, currency)}
              className="flex items-center gap-2 rounded-md border px-2 py-1 text-xs hover:bg-muted focus-visible:outline-2 focus-visible:outline-ring"
            >
              <span className="font-semibold tabular-nums">{formatCount(bin.count)}</span>
              <span className="text-muted-foreground">
                {RISK_BAND_LABELS[binBand(bin)]}
                {binBand(bin) === "unrated" ? "" : " risk"} ·{" "}
                {PROGRESS_BAND_LABELS[bin.progress_band]}
              </span>
              <span aria-hidden="true" className="flex h-2 w-10 overflow-hidden rounded-sm border">
                <span
                  className="bg-danger-foreground/50"
                  style={{ width: `${mix.stalled * 100}%` }}
                />
                <span
                  className="bg-warning-foreground/50"
                  style={{ width: `${mix.at_risk * 100}%` }}
                />
                <span
                  className="bg-success-foreground/40"
                  style={{ width: `${mix.on_track * 100}%` }}
                />
              </span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
