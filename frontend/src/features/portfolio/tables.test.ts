import { describe, expect, it } from "vitest";
import {
  attentionAction,
  bubbleRows,
  describeBubble,
  flaggedDepartments,
  funnelRows,
  heatmapMax,
  liftRanking,
  timeInStageRows,
  withStages,
} from "./tables";
import type { DepartmentEngagement, PortfolioPoint } from "./types";

const point = (over: Partial<PortfolioPoint> & { pilot_id: string; title: string }) =>
  ({
    stage: "running",
    risk_level: "low",
    health: "on_track",
    revenue_lift: null,
    progress: null,
    revenue_at_stake: null,
    criteria_changed: false,
    ...over,
  }) as PortfolioPoint;

const POINTS = [
  point({
    pilot_id: "a",
    title: "Kitting",
    health: "stalled",
    revenue_lift: 0.16,
    progress: 0.5,
    revenue_at_stake: 150_000,
  }),
  point({ pilot_id: "b", title: "Energy", stage: "proposed", risk_level: null }),
  point({
    pilot_id: "c",
    title: "VMI",
    stage: "scaling",
    revenue_lift: 0.35,
    progress: 1.22,
    revenue_at_stake: 500_000,
  }),
  point({ pilot_id: "d", title: "Dunning", health: "at_risk", progress: 0.63 }),
  point({
    pilot_id: "e",
    title: "Courier",
    risk_level: "high",
    revenue_lift: -0.05,
    progress: -0.1,
    criteria_changed: true,
  }),
  point({ pilot_id: "f", title: "Boxes", revenue_lift: 0.16 }),
];

describe("funnelRows", () => {
  it("lists every lifecycle step in order, missing ones as zero, and the pilots off the path", () => {
    const { steps, offPath } = funnelRows([
      { stage: "stopped", count: 1, revenue_at_stake: 200_000 },
      { stage: "running", count: 4, revenue_at_stake: 750_000 },
      { stage: "proposed", count: 1, revenue_at_stake: 90_000 },
    ]);
    expect(steps).toEqual([
      { stage: "proposed", label: "Proposed", count: 1, revenue: 90_000 },
      { stage: "selecting", label: "Selecting", count: 0, revenue: 0 },
      { stage: "running", label: "Running", count: 4, revenue: 750_000 },
      { stage: "scale_review", label: "Scale review", count: 0, revenue: 0 },
      { stage: "scaling", label: "Scaling", count: 0, revenue: 0 },
      { stage: "adopted", label: "Adopted", count: 0, revenue: 0 },
    ]);
    expect(offPath).toEqual([
      { stage: "paused", label: "Paused", count: 0, revenue: 0 },
      { stage: "stopped", label: "Stopped", count: 1, revenue: 200_000 },
    ]);
  });
});

describe("bubbleRows", () => {
  it("plots progress by default; pilots without it are listed, not drawn", () => {
    const { bands, plotted, unplotted } = bubbleRows(POINTS, "progress");
    expect(plotted.map((r) => [r.title, r.band, r.value])).toEqual([
      ["Courier", "high", -0.1],
      ["Dunning", "low", 0.63],
      ["Kitting", "low", 0.5],
      ["VMI", "low", 1.22],
    ]);
    expect(unplotted.map((r) => [r.title, r.band])).toEqual([
      ["Boxes", "low"],
      ["Energy", "unrated"],
    ]);
    // The unrated pilot is not drawn, so it gets no band of its own.
    expect(bands).toEqual(["low", "medium", "high"]);
  });

  it("plots revenue lift on demand, with a band for unrated pilots that are drawn", () => {
    const points = [
      ...POINTS,
      point({ pilot_id: "g", title: "Auction", risk_level: null, revenue_lift: 0.02 }),
    ];
    const { bands, plotted } = bubbleRows(points, "lift");
    expect(plotted.map((r) => [r.title, r.value])).toEqual([
      ["Auction", 0.02],
      ["Boxes", 0.16],
      ["Courier", -0.05],
      ["Kitting", 0.16],
      ["VMI", 0.35],
    ]);
    expect(bands).toEqual(["low", "medium", "high", "unrated"]);
  });

  it("describes a bubble in words", () => {
    const vmi = bubbleRows(POINTS, "progress").plotted[3];
    expect(vmi && describeBubble(vmi, "122 % of target", "€500,000")).toBe(
      "VMI, On track, Scaling, Low risk, 122 % of target, €500,000 at stake",
    );
    // Moved goalposts are said, not only shown.
    const courier = bubbleRows(POINTS, "progress").plotted[0];
    expect(courier && describeBubble(courier, "−10 % of target", "no revenue")).toBe(
      "Courier, On track, Running, High risk, −10 % of target, no revenue at stake, criteria changed after start",
    );
  });
});

describe("liftRanking", () => {
  it("ranks pilots with a revenue lift best first, ties by title", () => {
    expect(liftRanking(POINTS).map((p) => [p.title, p.revenue_lift])).toEqual([
      ["VMI", 0.35],
      ["Boxes", 0.16],
      ["Kitting", 0.16],
      ["Courier", -0.05],
    ]);
  });
});

describe("timeInStageRows", () => {
  it("orders stages along the lifecycle, paused last, and labels them", () => {
    expect(
      timeInStageRows([
        { stage: "paused", median_days: 20, max_days: 20 },
        { stage: "running", median_days: 128, max_days: 198 },
        { stage: "proposed", median_days: null, max_days: null },
      ]),
    ).toEqual([
      { stage: "proposed", label: "Proposed", median_days: null, max_days: null },
      { stage: "running", label: "Running", median_days: 128, max_days: 198 },
      { stage: "paused", label: "Paused", median_days: 20, max_days: 20 },
    ]);
  });
});

describe("departments", () => {
  const dept = (name: string, counts: [number, number, number, number], flagged = false) =>
    ({
      department_id: name,
      name,
      invited: counts[0],
      engaged: counts[1],
      champion: counts[2],
      declined: counts[3],
      indifference_index: null,
      flagged,
    }) as DepartmentEngagement;

  it("names the flagged departments and finds the darkest cell", () => {
    const departments = [
      dept("Finance", [1, 1, 1, 0]),
      dept("Marketing", [1, 0, 0, 2], true),
      dept("Supply chain", [0, 4, 2, 0]),
    ];
    expect(flaggedDepartments(departments)).toEqual(["Marketing"]);
    expect(heatmapMax(departments)).toBe(4);
    expect(heatmapMax([])).toBe(0);
  });
});

describe("the attention list", () => {
  it("leads to the part of the pilot page that acts on the most severe reason", () => {
    expect(
      attentionAction([
        { code: "premier_account", severity: "at_risk", message: "" },
        { code: "scale_decision_overdue", severity: "stalled", message: "" },
      ]),
    ).toEqual({ hash: "decisions", label: "Record the decision" });
    expect(
      attentionAction([{ code: "department_not_engaged", severity: "at_risk", message: "" }]),
    ).toEqual({ hash: "departments", label: "See departments" });
    expect(attentionAction([{ code: "owner_inactive", severity: "at_risk", message: "" }])).toEqual(
      {
        label: "Open pilot",
      },
    );
  });

  it("adds each pilot's stage from the points", () => {
    expect(
      withStages(
        [
          {
            pilot_id: "a",
            title: "Kitting",
            health: "stalled",
            reasons: [],
            days_in_stage: 198,
            criteria_changed: false,
          },
          {
            pilot_id: "z",
            title: "Gone",
            health: "at_risk",
            reasons: [],
            days_in_stage: 3,
            criteria_changed: true,
          },
        ],
        POINTS,
      ).map((i) => [i.title, i.stage]),
    ).toEqual([
      ["Kitting", "running"],
      ["Gone", null],
    ]);
  });
});
