import { describe, expect, it } from "vitest";
import type { Pilot } from "../queries";
import {
  allowedMoves,
  daysInStage,
  groupByStage,
  moveKind,
  moveLabel,
  neighbour,
  TARGETS,
  visibleTargets,
} from "./grouping";

const pilot = (id: string, stage: Pilot["stage"], paused_from: Pilot["paused_from"] = null) =>
  ({ id, title: id, stage, paused_from }) as Pilot;

describe("groupByStage", () => {
  it("puts every pilot in its stage's column, keeping the list's order", () => {
    const columns = groupByStage([
      pilot("a", "running"),
      pilot("b", "proposed"),
      pilot("c", "running"),
      pilot("d", "paused", "running"),
      pilot("e", "stopped"),
    ]);
    expect(columns.running.map((p) => p.id)).toEqual(["a", "c"]);
    expect(columns.proposed.map((p) => p.id)).toEqual(["b"]);
    expect(columns.paused.map((p) => p.id)).toEqual(["d"]);
    expect(columns.stopped.map((p) => p.id)).toEqual(["e"]);
    expect(columns.adopted).toEqual([]);
    expect(Object.keys(columns)).toEqual([...TARGETS]);
  });
});

describe("the keyboard's stage order", () => {
  it("walks the lifecycle, then paused and stopped once their column is open", () => {
    expect(visibleTargets(false)).toEqual([
      "proposed",
      "selecting",
      "running",
      "scale_review",
      "scaling",
      "adopted",
    ]);
    expect(visibleTargets(true).slice(-2)).toEqual(["paused", "stopped"]);
    expect(neighbour(visibleTargets(false), "running", 1)).toBe("scale_review");
    expect(neighbour(visibleTargets(false), "running", -1)).toBe("selecting");
    expect(neighbour(visibleTargets(false), "adopted", 1)).toBe("adopted");
    expect(neighbour(visibleTargets(false), "proposed", -1)).toBe("proposed");
    expect(neighbour(visibleTargets(true), "adopted", 1)).toBe("paused");
  });
});

describe("moves", () => {
  it("asks nothing for the own column, the gate for others, and a reason to pause or stop", () => {
    expect(moveKind(pilot("a", "running"), "running")).toEqual({ kind: "none" });
    expect(moveKind(pilot("a", "running"), "scale_review")).toEqual({
      kind: "gate",
      to: "scale_review",
      needsReason: false,
    });
    expect(moveKind(pilot("a", "running"), "stopped")).toEqual({
      kind: "gate",
      to: "stopped",
      needsReason: true,
    });
  });

  it("offers in the Move to menu exactly the lifecycle's next moves", () => {
    expect(allowedMoves(pilot("a", "proposed"))).toEqual(["selecting", "paused", "stopped"]);
    expect(allowedMoves(pilot("a", "scale_review"))).toEqual([
      "scaling",
      "running",
      "paused",
      "stopped",
    ]);
    expect(allowedMoves(pilot("a", "paused", "running"))).toEqual(["running", "stopped"]);
    expect(allowedMoves(pilot("a", "adopted"))).toEqual([]);
    expect(allowedMoves(pilot("a", "stopped"))).toEqual([]);
  });

  it("names each move as a person says it", () => {
    expect(moveLabel(pilot("a", "paused", "running"), "running")).toBe("Resume in Running");
    expect(moveLabel(pilot("a", "running"), "paused")).toBe("Pause…");
    expect(moveLabel(pilot("a", "running"), "stopped")).toBe("Stop…");
    expect(moveLabel(pilot("a", "running"), "scale_review")).toBe("Scale review");
    expect(daysInStage(0)).toBe("Since today");
    expect(daysInStage(1)).toBe("1 day in stage");
    expect(daysInStage(12)).toBe("12 days in stage");
  });
});
