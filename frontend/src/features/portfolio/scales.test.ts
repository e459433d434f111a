import { describe, expect, it } from "vitest";
import {
  anyOverlap,
  intensity,
  linearScale,
  markPath,
  markReach,
  niceDomain,
  niceStep,
  placeLabels,
  radiusScale,
  spreadInBand,
  truncate,
} from "./scales";

describe("linearScale", () => {
  it("maps the domain onto the range, inverted ranges included (SVG y grows downwards)", () => {
    const y = linearScale([0, 1.5], [300, 0]);
    expect(y(0)).toBe(300);
    expect(y(1.5)).toBe(0);
    expect(y(0.75)).toBe(150);
    expect(y(-0.3)).toBe(360);
    expect(y.domain).toEqual([0, 1.5]);
  });

  it("puts everything in the middle when the domain has no width", () => {
    expect(linearScale([2, 2], [0, 100])(2)).toBe(50);
  });
});

describe("niceStep and niceDomain", () => {
  it.each([
    [1, 5, 0.2],
    [1.5, 4, 0.5],
    [0.49, 4, 0.2],
    [120, 5, 50],
    [7, 5, 2],
    [0, 5, 1],
  ])("a span of %j in about %j steps steps by %j", (span, count, step) => {
    expect(niceStep(span, count)).toBe(step);
  });

  it("widens to whole steps and lists the ticks without floating-point dust", () => {
    expect(niceDomain(-0.07, 0.42, 4)).toEqual({
      domain: [-0.2, 0.6],
      ticks: [-0.2, 0, 0.2, 0.4, 0.6],
    });
    expect(niceDomain(0, 1.222222, 4)).toEqual({
      domain: [0, 1.5],
      ticks: [0, 0.5, 1, 1.5],
    });
    expect(niceDomain(0, 0.3, 3)).toEqual({ domain: [0, 0.3], ticks: [0, 0.1, 0.2, 0.3] });
  });

  it("gives a flat domain some room", () => {
    expect(niceDomain(0, 0).domain).toEqual([0, 1]);
    expect(niceDomain(2, 2, 2)).toEqual({ domain: [1, 3], ticks: [1, 2, 3] });
  });
});

describe("radiusScale", () => {
  const r = radiusScale(400_000, 5, 25);

  it("grows the area, not the radius, with the amount", () => {
    expect(r(400_000)).toBe(25);
    expect(r(100_000)).toBe(15); // a quarter of the money: half the radius span
    expect(r(0)).toBe(5);
  });

  it("draws the smallest mark for no figure and caps figures above the maximum", () => {
    expect(r(null)).toBe(5);
    expect(r(undefined)).toBe(5);
    expect(r(-10)).toBe(5);
    expect(r(900_000)).toBe(25);
    expect(radiusScale(0, 5, 25)(100)).toBe(5);
  });
});

describe("markPath", () => {
  it("draws a circle, and a square and a diamond of the same area", () => {
    expect(markPath("circle", 50, 40, 10)).toBe("M40,40a10,10 0 1,0 20,0a10,10 0 1,0 -20,0Z");
    // side = r·√π = 17.72…: area π·r² like the circle
    expect(markPath("square", 50, 40, 10)).toBe("M41.14,31.14H58.86V48.86H41.14Z");
    // half-diagonal = r·√(π/2) = 12.53…
    expect(markPath("diamond", 50, 40, 10)).toBe("M50,27.47L62.53,40L50,52.53L37.47,40Z");
  });
});

describe("markReach", () => {
  it("is how far each mark reaches from its centre", () => {
    expect(markReach("circle", 10)).toBe(10);
    expect(markReach("diamond", 10)).toBeCloseTo(12.533, 3);
    expect(markReach("square", 10)).toBeCloseTo(12.533, 3); // its corners
  });
});

describe("spreadInBand", () => {
  it("leaves a lone bubble at the centre and keeps every vertical position", () => {
    expect(spreadInBand([{ id: "a", y: 100, r: 10 }], 200, 80)).toEqual([
      { id: "a", y: 100, r: 10, x: 200 },
    ]);
  });

  it("moves overlapping bubbles sideways, biggest at the centre, none overlapping", () => {
    const placed = spreadInBand(
      [
        { id: "small", y: 100, r: 5 },
        { id: "big", y: 100, r: 20 },
        { id: "mid", y: 104, r: 10 },
      ],
      200,
      100,
    );
    expect(placed.map((p) => p.id)).toEqual(["small", "big", "mid"]);
    expect(placed.map((p) => p.y)).toEqual([100, 100, 104]);
    expect(placed[1]?.x).toBe(200);
    for (const a of placed) {
      for (const b of placed) {
        if (a === b) continue;
        expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeGreaterThanOrEqual(a.r + b.r + 2);
      }
    }
    // The same input always lands the same way.
    expect(spreadInBand(placed, 200, 100)).toEqual(placed);
  });

  it("never pushes a bubble out of its band", () => {
    const placed = spreadInBand(
      Array.from({ length: 6 }, (_, i) => ({ id: `p${i}`, y: 50, r: 10 })),
      100,
      30,
    );
    for (const p of placed) {
      expect(p.x - p.r).toBeGreaterThanOrEqual(70);
      expect(p.x + p.r).toBeLessThanOrEqual(130);
    }
  });
});

describe("intensity", () => {
  it.each([
    [0, 4, 0],
    [1, 4, 1],
    [2, 4, 2],
    [3, 4, 3],
    [4, 4, 4],
    [1, 10, 1],
    [6, 10, 3],
    [12, 10, 4],
    [3, 0, 0],
  ])("%j of at most %j is shade %j", (count, max, shade) => {
    expect(intensity(count, max)).toBe(shade);
  });
});

describe("truncate", () => {
  it("cuts with an ellipsis only when needed", () => {
    expect(truncate("Line-side kitting", 30)).toBe("Line-side kitting");
    expect(truncate("Line-side kitting", 10)).toBe("Line-side…");
    expect(truncate("Line-side kitting", 11)).toBe("Line-side…");
  });
});

describe("placeLabels", () => {
  const bounds = { x0: 0, x1: 300, y0: 0, y1: 200 };
  const options = { maxChars: 20, minChars: 4, charWidth: 6, lineHeight: 14 };

  it("puts a label right of its mark when there is room", () => {
    const labels = placeLabels(
      [{ id: "a", x: 50, y: 100, reach: 10, text: "Kitting" }],
      bounds,
      options,
    );
    expect(labels.get("a")).toEqual({ x: 64, y: 100, anchor: "start", text: "Kitting" });
  });

  it("goes left near the right edge, shortened to the room it has", () => {
    const labels = placeLabels(
      [{ id: "a", x: 250, y: 100, reach: 10, text: "Same-day spare parts for Hartmann" }],
      bounds,
      // Right of the mark there is room for "Same…" only: too short to say anything.
      { ...options, minChars: 10 },
    );
    expect(labels.get("a")).toEqual({
      x: 236,
      y: 100,
      anchor: "end",
      text: "Same-day spare part…",
    });
  });

  it("never covers another mark or an earlier label, and gives up rather than overlap", () => {
    const labels = placeLabels(
      [
        { id: "first", x: 100, y: 100, reach: 10, text: "Stalled one" },
        // Its left is the first label, its right, top and bottom the blocker's mark.
        { id: "second", x: 200, y: 100, reach: 10, text: "Crowded pilot" },
        { id: "blocker", x: 240, y: 100, reach: 20, text: "B" },
      ],
      bounds,
      options,
    );
    expect(labels.get("first")).toEqual({ x: 114, y: 100, anchor: "start", text: "Stalled one" });
    expect(labels.has("second")).toBe(false);
    expect(labels.get("blocker")).toEqual({ x: 264, y: 100, anchor: "start", text: "B" });
  });

  it("keeps clear of unlabelled marks and of groups' boxes", () => {
    const labels = placeLabels([{ id: "a", x: 50, y: 100, reach: 10, text: "Kitting" }], bounds, {
      ...options,
      obstacles: [
        // An unlabelled mark where the label would go on the right, a group's box on the left.
        { id: "other", x0: 70, x1: 80, y0: 95, y1: 105 },
        { x0: 0, x1: 38, y0: 90, y1: 110 },
        // Its own mark is no obstacle to its label.
        { id: "a", x0: 40, x1: 60, y0: 90, y1: 110 },
      ],
    });
    // Above the mark, the first spot that covers neither.
    expect(labels.get("a")).toEqual({ x: 50, y: 81, anchor: "middle", text: "Kitting" });
  });
});

describe("spreadInBand at scale", () => {
  it("places hundreds of marks in a band with none overlapping", () => {
    const bubbles = Array.from({ length: 300 }, (_, i) => ({
      id: `p${String(i).padStart(3, "0")}`,
      y: 40 + ((i * 37) % 200),
      r: 3 + (i % 5),
    }));
    const placed = spreadInBand(bubbles, 300, 290, 2, 6);
    expect(placed.map((p) => p.id)).toEqual(bubbles.map((b) => b.id));
    const inside = placed.filter((p) => p.x - p.r >= 10 - 1e-9 && p.x + p.r <= 590 + 1e-9);
    expect(inside).toHaveLength(300);
    expect(anyOverlap(placed, 2)).toBe(false);
  });
});
