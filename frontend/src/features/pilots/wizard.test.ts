import { describe, expect, it } from "vitest";
import {
  firstIncompleteStep,
  parseSetupSearch,
  stepForCriterion,
  stepsDone,
  unmetByStep,
} from "./wizard";

/** The gate into running as the API lists it, every criterion met unless named. */
function gate(unmet: string[] = []) {
  return [
    "customer_chosen",
    "hypothesis",
    "engaged_departments",
    "customer_metric",
    "sponsor",
    "start_decision",
  ].map((code) => ({ code, met: !unmet.includes(code), message: code }));
}

describe("stepForCriterion", () => {
  it("sends every gate criterion to the step that fixes it", () => {
    expect(
      [
        "hypothesis",
        "customer_chosen",
        "lifecycle",
        "engaged_departments",
        "customer_metric",
        "sponsor",
        "start_decision",
        "something_new",
      ].map(stepForCriterion),
    ).toEqual([
      "outcome",
      "customer",
      "customer",
      "departments",
      "metrics",
      "review",
      "review",
      "review",
    ]);
  });
});

describe("firstIncompleteStep", () => {
  it("starts at the beginning without a pilot", () => {
    expect(firstIncompleteStep(null)).toBe("outcome");
  });

  it("resumes at the earliest step with an unmet criterion, whatever the API's order", () => {
    expect(firstIncompleteStep(gate(["customer_metric", "engaged_departments"]))).toBe(
      "departments",
    );
    expect(firstIncompleteStep(gate(["sponsor", "hypothesis"]))).toBe("outcome");
    expect(firstIncompleteStep(gate(["customer_chosen", "customer_metric"]))).toBe("customer");
  });

  it("lands on the review when only the review's own items remain, or nothing does", () => {
    expect(firstIncompleteStep(gate(["sponsor", "start_decision"]))).toBe("review");
    expect(firstIncompleteStep(gate())).toBe("review");
  });

  it("keeps a proposed pilot on the customer step (the lifecycle item)", () => {
    const criteria = [{ code: "lifecycle", met: false }, ...gate(["engaged_departments"])];
    expect(firstIncompleteStep(criteria)).toBe("customer");
  });
});

describe("stepsDone", () => {
  it("marks a step done when none of its criteria is unmet; the review when all are met", () => {
    expect(stepsDone(gate(["customer_metric", "sponsor"]))).toEqual({
      outcome: true,
      customer: true,
      departments: true,
      metrics: false,
      review: false,
    });
    expect(stepsDone(gate())).toEqual({
      outcome: true,
      customer: true,
      departments: true,
      metrics: true,
      review: true,
    });
  });

  it("marks nothing done before the pilot exists", () => {
    expect(Object.values(stepsDone(null))).toEqual([false, false, false, false, false]);
  });
});

describe("unmetByStep", () => {
  it("groups the unmet criteria under their step, in step order", () => {
    expect(
      unmetByStep(gate(["start_decision", "customer_metric", "sponsor", "hypothesis"])).map((g) => [
        g.step,
        g.items.map((i) => i.code),
      ]),
    ).toEqual([
      ["outcome", ["hypothesis"]],
      ["metrics", ["customer_metric"]],
      ["review", ["sponsor", "start_decision"]],
    ]);
  });
});

describe("parseSetupSearch", () => {
  it("keeps a known step and drops anything else, so a stale link still opens", () => {
    expect(parseSetupSearch({ step: "metrics" })).toEqual({ step: "metrics" });
    expect(parseSetupSearch({ step: "launch" })).toEqual({ step: undefined });
    expect(parseSetupSearch({})).toEqual({});
  });
});
