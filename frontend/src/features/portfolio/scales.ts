/**
 * The little chart maths the portfolio needs: linear and square-root scales, round tick values,
 * equal-area marks and a collision-free layout for bubbles in a band. Pure functions, so the
 * charts stay presentational and every number they draw can be tested.
 */

export type Scale = ((value: number) => number) & { domain: [number, number] };

/** Maps `domain` linearly onto `range`; a zero-width domain maps to the middle of the range. */
export function linearScale(domain: [number, number], range: [number, number]): Scale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0;
  const scale = ((value: number) =>
    span === 0 ? (r0 + r1) / 2 : r0 + ((value - d0) / span) * (r1 - r0)) as Scale;
  scale.domain = [d0, d1];
  return scale;
}

/** A step of 1, 2 or 5 × 10ⁿ giving about `count` intervals over `span`. */
export function niceStep(span: number, count = 5): number {
  if (!(span > 0) || !Number.isFinite(span)) return 1;
  const raw = span / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
  return nice * power;
}

/** Rounds values that floating point left at 0.30000000000000004 back to 0.3. */
const tidy = (value: number) => Number.parseFloat(value.toPrecision(12));

/**
 * A domain widened to whole steps, and the ticks on it: `niceDomain(-0.07, 0.42)` →
 * `{domain: [-0.1, 0.5], ticks: [-0.1, 0, 0.1, …, 0.5]}`.
 */
export function niceDomain(
  min: number,
  max: number,
  count = 5,
): { domain: [number, number]; ticks: number[] } {
  let lo = Math.min(min, max);
  let hi = Math.max(min, max);
  if (lo === hi) {
    lo = lo === 0 ? 0 : lo - Math.abs(lo) / 2;
    hi = hi === 0 ? 1 : hi + Math.abs(hi) / 2;
  }
  const step = niceStep(hi - lo, count);
  const start = tidy(Math.floor(lo / step) * step);
  const end = tidy(Math.ceil(hi / step) * step);
  const ticks: number[] = [];
  for (let i = 0; ; i++) {
    const tick = tidy(start + i * step);
    if (tick > end + step / 1e6) break;
    ticks.push(tick === 0 ? 0 : tick);
  }
  return { domain: [start, end], ticks };
}

/**
 * Radius for an amount so that a mark's *area* grows with it (a bubble twice the money is twice
 * the ink, not four times): `minRadius` for nothing or no figure, `maxRadius` at `max`.
 */
export function radiusScale(
  max: number,
  minRadius: number,
  maxRadius: number,
): (value: number | null | undefined) => number {
  return (value) => {
    if (value === null || value === undefined || !(value > 0) || !(max > 0)) return minRadius;
    const share = Math.min(1, value / max);
    return minRadius + (maxRadius - minRadius) * Math.sqrt(share);
  };
}

export type MarkShape = "circle" | "diamond" | "square";

/**
 * An SVG path for a mark of the same area as a circle of radius `r`, so shapes can carry meaning
 * (health) while size carries another (money) without one distorting the other.
 */
export function markPath(shape: MarkShape, cx: number, cy: number, r: number): string {
  const f = (n: number) => Number(n.toFixed(2));
  if (shape === "circle") {
    return `M${f(cx - r)},${f(cy)}a${f(r)},${f(r)} 0 1,0 ${f(2 * r)},0a${f(r)},${f(r)} 0 1,0 ${f(-2 * r)},0Z`;
  }
  if (shape === "square") {
    const h = (r * Math.sqrt(Math.PI)) / 2;
    return `M${f(cx - h)},${f(cy - h)}H${f(cx + h)}V${f(cy + h)}H${f(cx - h)}Z`;
  }
  const d = r * Math.sqrt(Math.PI / 2);
  return `M${f(cx)},${f(cy - d)}L${f(cx + d)},${f(cy)}L${f(cx)},${f(cy + d)}L${f(cx - d)},${f(cy)}Z`;
}

/** How far a mark of area π·r² reaches from its centre (a diamond's corners reach furthest). */
export function markReach(shape: MarkShape, r: number): number {
  if (shape === "diamond") return r * Math.sqrt(Math.PI / 2);
  if (shape === "square") return ((r * Math.sqrt(Math.PI)) / 2) * Math.SQRT2;
  return r;
}

export type BubbleInput = { id: string; y: number; r: number };
export type PlacedBubble = BubbleInput & { x: number };

/**
 * Spreads the bubbles of one band sideways so none overlaps another: each bubble, biggest first,
 * takes the free spot nearest the band's centre, trying alternately right and left. Vertical
 * positions never move (they are the data). Bubbles that cannot fit within `halfWidth` stay at
 * the free spot nearest the edge rather than leave the band. Deterministic for the same input.
 */
export function spreadInBand(
  bubbles: BubbleInput[],
  center: number,
  halfWidth: number,
  gap = 2,
  /** How far (px) a bubble may move up or down when its row is full: a small, fixed jitter. */
  maxShift = 0,
): PlacedBubble[] {
  const steps = spreadInBandSteps(bubbles, center, halfWidth, gap, maxShift);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** spreadInBand as a generator that yields every few bubbles, so the work can run in slices. */
export function* spreadInBandSteps(
  bubbles: BubbleInput[],
  center: number,
  halfWidth: number,
  gap = 2,
  maxShift = 0,
): Generator<undefined, PlacedBubble[]> {
  const order = [...bubbles].sort((a, b) => b.r - a.r || a.id.localeCompare(b.id));
  const placed: PlacedBubble[] = [];
  // Tried in order: the data's own height first, then ever larger shifts, down before up.
  const shifts = [0];
  for (let d = 2; d <= maxShift; d += 2) shifts.push(d, -d);
  // Spots lie every 2 px from the centre. Rather than test each spot against each placed bubble
  // (what made a band of hundreds of marks take hundreds of milliseconds), every placed bubble
  // within reach rules out one open interval of x at a given height; the nearest free spot on
  // each side is found by stepping over those intervals.
  let blocked: [number, number][] = [];
  /**
   * The smallest offset k·2 ≥ 0 (k whole) on side `sign` whose spot lies in no interval. The
   * intervals are merged and sorted, so one sweep outwards from the centre finds it.
   */
  const freeOffset = (sign: 1 | -1): number => {
    let offset = 0;
    const list = sign > 0 ? blocked : [...blocked].reverse();
    for (const [lo, hi] of list) {
      const x = center + sign * offset;
      if (x > lo && x < hi) {
        const edge = sign > 0 ? hi - center : center - lo;
        offset = Math.max(offset + 2, Math.ceil(edge / 2) * 2);
      }
    }
    return offset;
  };
  /** Sorts the intervals and merges those that overlap (open ones that only touch stay apart). */
  const merge = (intervals: [number, number][]): [number, number][] => {
    intervals.sort((p, q) => p[0] - q[0]);
    const out: [number, number][] = [];
    for (const [lo, hi] of intervals) {
      const last = out[out.length - 1];
      if (last && lo < last[1]) last[1] = Math.max(last[1], hi);
      else out.push([lo, hi]);
    }
    return out;
  };
  for (const bubble of order) {
    if (placed.length % 16 === 15) yield;
    const limit = Math.max(0, halfWidth - bubble.r);
    const reach = bubble.r + gap + maxShift;
    // In order across, so the intervals below come nearly sorted (sorting them is then cheap).
    const near = placed
      .filter((p) => Math.abs(p.y - bubble.y) < p.r + reach)
      .sort((p, q) => p.x - q.x);
    let spot: { x: number; y: number } | null = null;
    for (const dy of shifts) {
      const y = bubble.y + dy;
      const intervals: [number, number][] = [];
      for (const p of near) {
        const distance = p.r + bubble.r + gap;
        const dyp = p.y - y;
        const half = distance * distance - dyp * dyp;
        if (half > 0) {
          const w = Math.sqrt(half);
          intervals.push([p.x - w, p.x + w]);
        }
      }
      blocked = merge(intervals);
      const right = freeOffset(1);
      const left = freeOffset(-1);
      // Nearest the centre first; right before left at the same distance.
      const offset = Math.min(right, left);
      if (offset <= limit) {
        spot = { x: right <= left ? center + right : center - left, y };
        break;
      }
    }
    placed.push({
      ...bubble,
      ...(spot ?? { x: center + limit * (placed.length % 2 === 0 ? 1 : -1), y: bubble.y }),
    });
  }
  const byId = new Map(placed.map((p) => [p.id, p]));
  return bubbles.map((b) => byId.get(b.id) as PlacedBubble);
}

/** Whether any two placed bubbles overlap (closer than their radii plus `gap`). */
export function anyOverlap(bubbles: readonly PlacedBubble[], gap = 0): boolean {
  for (let i = 0; i < bubbles.length; i++) {
    const a = bubbles[i] as PlacedBubble;
    for (let j = i + 1; j < bubbles.length; j++) {
      const b = bubbles[j] as PlacedBubble;
      if (Math.hypot(a.x - b.x, a.y - b.y) < a.r + b.r + gap - 0.01) return true;
    }
  }
  return false;
}

/**
 * Widths of the risk bands: each in proportion to the room its marks need side by side (the sum
 * of their diameters), but never under `minShare` of the whole, so a crowded band gets the space
 * and an empty one still shows its label.
 */
export function bandWidths(needs: readonly number[], total: number, minShare = 0.15): number[] {
  const n = needs.length;
  if (n === 0) return [];
  const floor = Math.min(minShare, 1 / n);
  const sum = needs.reduce((a, b) => a + Math.max(0, b), 0);
  let shares = needs.map((need) => (sum > 0 ? Math.max(0, need) / sum : 1 / n));
  // Lift the small bands to the floor (for good), taking the room from the others in proportion.
  const pinned = shares.map(() => false);
  for (let round = 0; round < n; round++) {
    let changed = false;
    shares.forEach((share, i) => {
      if (!pinned[i] && share < floor - 1e-9) {
        pinned[i] = true;
        changed = true;
      }
    });
    if (!changed) break;
    const pinnedCount = pinned.filter(Boolean).length;
    const free = 1 - pinnedCount * floor;
    const rest = shares.reduce((a, share, i) => a + (pinned[i] ? 0 : share), 0);
    shares = shares.map((share, i) => {
      if (pinned[i]) return floor;
      return rest > 0 ? (share / rest) * free : free / (n - pinnedCount);
    });
  }
  return shares.map((share) => share * total);
}

/** Heatmap shading: 0 for nothing, up to `steps` for the largest count (never colour alone). */
export function intensity(count: number, max: number, steps = 4): number {
  if (!(count > 0) || !(max > 0)) return 0;
  return Math.max(1, Math.ceil((Math.min(count, max) / max) * steps));
}

/** `text` cut to at most `max` characters, with an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, Math.max(1, max - 1)).trimEnd()}…` : text;
}

export type LabelMark = { id: string; x: number; y: number; reach: number; text: string };
export type PlacedLabel = {
  x: number;
  y: number;
  anchor: "start" | "end" | "middle";
  text: string;
  /** A line from the mark's edge to a label placed away from it. */
  leader?: { x1: number; y1: number; x2: number; y2: number };
};
export type Box = { id?: string; x0: number; x1: number; y0: number; y1: number };

const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/**
 * Direct labels for marks, most important first: each takes the first spot (right, left, above,
 * below its mark) that stays inside `bounds` and covers no other mark or label, shortened to
 * the room it has there (never below `minChars`). With `leaders`, a label that has no room next
 * to its mark may sit further away (up to `leaders` px) joined to it by a line that crosses no
 * other mark. `obstacles` (every other mark, groups) are kept clear the same way. Marks with no
 * such spot stay unlabelled; their details are one hover or focus away,
 * and in the table.
 */
export function placeLabels(
  marks: LabelMark[],
  bounds: { x0: number; x1: number; y0: number; y1: number },
  {
    maxChars,
    minChars = 10,
    charWidth = 6.1,
    lineHeight = 14,
    leaders = 0,
    obstacles = [],
  }: {
    maxChars: number;
    minChars?: number;
    charWidth?: number;
    lineHeight?: number;
    leaders?: number;
    /**
     * What else is drawn and must stay visible: the marks that get no label, groups of pilots.
     * No label covers one, and no leader line crosses one (a box with its mark's id is that mark).
     */
    obstacles?: readonly Box[];
  },
): Map<string, PlacedLabel> {
  const boxes: Box[] = marks.map((m) => ({
    id: m.id,
    x0: m.x - m.reach,
    x1: m.x + m.reach,
    y0: m.y - m.reach,
    y1: m.y + m.reach,
  }));
  const half = lineHeight / 2;
  const placed = new Map<string, PlacedLabel>();
  const lines: { x1: number; y1: number; x2: number; y2: number }[] = [];
  /** A leader line must pass clear of every other mark and cross no other leader. */
  const clearLine = (m: LabelMark, line: { x1: number; y1: number; x2: number; y2: number }) =>
    marks.every((o) => o.id === m.id || segmentDistance(line, o.x, o.y) > o.reach + 1) &&
    lines.every((l) => !segmentsCross(l, line));
  for (const m of marks) {
    // Two pixels of clearance each side of the text.
    const charsIn = (room: number) => Math.min(maxChars, Math.floor((room - 4) / charWidth));
    const spots = [
      {
        anchor: "start" as const,
        x: m.x + m.reach + 4,
        y: m.y,
        room: bounds.x1 - (m.x + m.reach + 4),
      },
      { anchor: "end" as const, x: m.x - m.reach - 4, y: m.y, room: m.x - m.reach - 4 - bounds.x0 },
      {
        anchor: "middle" as const,
        x: m.x,
        y: m.y - m.reach - half - 2,
        room: bounds.x1 - bounds.x0,
      },
      {
        anchor: "middle" as const,
        x: m.x,
        y: m.y + m.reach + half + 3,
        room: bounds.x1 - bounds.x0,
      },
    ];
    // Further away, joined by a leader: right and left first, then the four diagonals.
    const away: (typeof spots)[number][] = [];
    for (let d = 14; d <= leaders; d += 14) {
      const e = m.reach + d;
      const diagonal = e * 0.75;
      away.push(
        { anchor: "start", x: m.x + e, y: m.y, room: bounds.x1 - (m.x + e) },
        { anchor: "end", x: m.x - e, y: m.y, room: m.x - e - bounds.x0 },
        { anchor: "start", x: m.x + diagonal, y: m.y - diagonal, room: bounds.x1 - m.x - diagonal },
        { anchor: "end", x: m.x - diagonal, y: m.y - diagonal, room: m.x - diagonal - bounds.x0 },
        { anchor: "start", x: m.x + diagonal, y: m.y + diagonal, room: bounds.x1 - m.x - diagonal },
        { anchor: "end", x: m.x - diagonal, y: m.y + diagonal, room: m.x - diagonal - bounds.x0 },
      );
    }
    for (const [index, spot] of [...spots, ...away].entries()) {
      const chars = Math.min(charsIn(spot.room), m.text.length);
      if (chars < Math.min(minChars, m.text.length)) continue;
      const text = truncate(m.text, chars);
      const w = text.length * charWidth;
      const x0 =
        spot.anchor === "start" ? spot.x : spot.anchor === "end" ? spot.x - w : spot.x - w / 2;
      const box = { x0: x0 - 2, x1: x0 + w + 2, y0: spot.y - half, y1: spot.y + half };
      const inside =
        box.x0 >= bounds.x0 && box.x1 <= bounds.x1 && box.y0 >= bounds.y0 && box.y1 <= bounds.y1;
      if (!inside || !boxes.every((b) => b.id === m.id || !overlaps(b, box))) continue;
      if (obstacles.some((o) => o.id !== m.id && overlaps(o, box))) continue;
      let leader: PlacedLabel["leader"];
      if (index >= spots.length) {
        // From the mark's edge towards the label's near end.
        const dx = spot.x - m.x;
        const dy = spot.y - m.y;
        const length = Math.hypot(dx, dy);
        const line = {
          x1: m.x + (dx / length) * (m.reach + 1),
          y1: m.y + (dy / length) * (m.reach + 1),
          x2: spot.x + (spot.anchor === "start" ? -2 : 2),
          y2: spot.y,
        };
        if (!clearLine(m, line)) continue;
        // The line must not run through another label either.
        if (boxes.some((b) => b.id === undefined && segmentHitsBox(line, b))) continue;
        if (obstacles.some((o) => o.id !== m.id && segmentHitsBox(line, o))) continue;
        lines.push(line);
        leader = line;
      }
      placed.set(m.id, { x: spot.x, y: spot.y, anchor: spot.anchor, text, leader });
      boxes.push(box);
      break;
    }
  }
  return placed;
}

type Segment = { x1: number; y1: number; x2: number; y2: number };

/** The distance from a point to a line segment. */
export function segmentDistance(s: Segment, px: number, py: number): number {
  const dx = s.x2 - s.x1;
  const dy = s.y2 - s.y1;
  const length2 = dx * dx + dy * dy;
  const t =
    length2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - s.x1) * dx + (py - s.y1) * dy) / length2));
  return Math.hypot(px - (s.x1 + t * dx), py - (s.y1 + t * dy));
}

function segmentsCross(a: Segment, b: Segment): boolean {
  const cross = (ax: number, ay: number, bx: number, by: number, cx: number, cy: number) =>
    (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
  const d1 = cross(a.x1, a.y1, a.x2, a.y2, b.x1, b.y1);
  const d2 = cross(a.x1, a.y1, a.x2, a.y2, b.x2, b.y2);
  const d3 = cross(b.x1, b.y1, b.x2, b.y2, a.x1, a.y1);
  const d4 = cross(b.x1, b.y1, b.x2, b.y2, a.x2, a.y2);
  return d1 * d2 < 0 && d3 * d4 < 0;
}

/** Whether a segment passes through the inside of a box (Liang–Barsky clipping). */
function segmentHitsBox(s: Segment, b: Box): boolean {
  const dx = s.x2 - s.x1;
  const dy = s.y2 - s.y1;
  let t0 = 0;
  let t1 = 1;
  for (const [p, q] of [
    [-dx, s.x1 - b.x0],
    [dx, b.x1 - s.x1],
    [-dy, s.y1 - b.y0],
    [dy, b.y1 - s.y1],
  ] as const) {
    if (p === 0) {
      if (q <= 0) return false;
      continue;
    }
    const r = q / p;
    if (p < 0) {
      if (r > t1) return false;
      t0 = Math.max(t0, r);
    } else {
      if (r < t0) return false;
      t1 = Math.min(t1, r);
    }
  }
  return t0 < t1;
}
