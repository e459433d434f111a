import { describe, expect, it } from "vitest";
import { parsePilotPageSearch } from "./page-search";

describe("parsePilotPageSearch", () => {
  it("keeps a decision kind, an activity filter and the iteration form", () => {
    expect(
      parsePilotPageSearch({ decide: "scale", activity: "comments", log: "iteration" }),
    ).toStrictEqual({ decide: "scale", activity: "comments", log: "iteration" });
  });

  it("drops unknown values and keys", () => {
    expect(
      parsePilotPageSearch({ decide: "approve", activity: 1, log: "decision", tab: "x" }),
    ).toStrictEqual({});
  });
});
