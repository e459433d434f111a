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
): PlacedBubble[] {
  const order = [...bubbles].sort((a, b) => b.r - a.r || a.id.localeCompare(b.id));
  const placed: PlacedBubble[] = [];
  const collides = (x: number, b: BubbleInput) =>
    placed.some((p) => Math.hypot(p.x - x, p.y - b.y) < p.r + b.r + gap);
  for (const bubble of order) {
    const limit = Math.max(0, halfWidth - bubble.r);
    let x = center;
    if (collides(x, bubble)) {
      const step = 2;
      let found = false;
      for (let offset = step; offset <= limit && !found; offset += step) {
        for (const candidate of [center + offset, center - offset]) {
          if (!collides(candidate, bubble)) {
            x = candidate;
            found = true;
            break;
          }
        }
      }
      if (!found) x = center + limit * (placed.length % 2 === 0 ? 1 : -1);
    }
    placed.push({ ...bubble, x });
  }
  const byId = new Map(placed.map((p) => [p.id, p]));
  return bubbles.map((b) => byId.get(b.id) as PlacedBubble);
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
};
type Box = { id?: string; x0: number; x1: number; y0: number; y1: number };

const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/**
 * Direct labels for marks, most important first: each takes the first spot (right, left, above,
 * below its mark) that stays inside `bounds` and covers no other mark or label, shortened to
 * the room it has there (never below `minChars`). Marks with no such spot stay unlabelled;
 * their details are one hover or focus away, and in the table.
 */
export function placeLabels(
  marks: LabelMark[],
  bounds: { x0: number; x1: number; y0: number; y1: number },
  {
    maxChars,
    minChars = 10,
    charWidth = 6.1,
    lineHeight = 14,
  }: {
    maxChars: number;
    minChars?: number;
    charWidth?: number;
    lineHeight?: number;
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
    for (const spot of spots) {
      const chars = Math.min(charsIn(spot.room), m.text.length);
      if (chars < Math.min(minChars, m.text.length)) continue;
      const text = truncate(m.text, chars);
      const w = text.length * charWidth;
      const x0 =
        spot.anchor === "start" ? spot.x : spot.anchor === "end" ? spot.x - w : spot.x - w / 2;
      const box = { x0: x0 - 2, x1: x0 + w + 2, y0: spot.y - half, y1: spot.y + half };
      const inside =
        box.x0 >= bounds.x0 && box.x1 <= bounds.x1 && box.y0 >= bounds.y0 && box.y1 <= bounds.y1;
      if (inside && boxes.every((b) => b.id === m.id || !overlaps(b, box))) {
        placed.set(m.id, { x: spot.x, y: spot.y, anchor: spot.anchor, text });
        boxes.push(box);
        break;
      }
    }
  }
  return placed;
}
