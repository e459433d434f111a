import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/api-error";
import {
  type Criteria,
  type CriteriaChange,
  changedByName,
  changedCriteria,
  changeInWords,
  criteriaLocked,
  groupChanges,
  groupInWords,
  isCriteriaLocked,
  type MetricFormValues,
  metricFormRules,
  reasonProblem,
  targetSideProblem,
} from "./criteria";
import { dayInWords } from "./format";

const SAVED: Criteria = {
  baseline: 12,
  target: 8,
  direction: "decrease",
  kind: "customer_experienced",
  is_revenue: false,
  revenue_period: "year",
};

const FORM: MetricFormValues = {
  name: "Machine downtime",
  unit: "h",
  kind: "customer_experienced",
  direction: "decrease",
  baseline: "12",
  target: "8",
  is_revenue: false,
  revenue_period: "year",
  change_reason: "",
};

type Issues = { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } };
const problems = (result: Issues) =>
  Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));

describe("criteriaLocked", () => {
  it.each([
    ["proposed", null, false],
    ["selecting", null, false],
    ["running", null, true],
    ["scale_review", null, true],
    ["scaling", null, true],
    ["adopted", null, true],
    ["paused", "running", true],
    ["paused", "scale_review", true],
    ["paused", "selecting", false],
    // A stopped pilot does not say where it stopped: the API's 409 decides.
    ["stopped", null, false],
  ] as const)("%s (paused from %s): %s", (stage, pausedFrom, locked) => {
    expect(criteriaLocked({ stage, paused_from: pausedFrom })).toBe(locked);
  });
});

describe("isCriteriaLocked", () => {
  it("recognises the API's 409 criteria-locked and nothing else", () => {
    const problem = (status: number, type: string) =>
      new ApiError({ status, title: "t", type: `https://pilotboard.dev/problems/${type}` });
    expect(isCriteriaLocked(problem(409, "criteria-locked"))).toBe(true);
    expect(isCriteriaLocked(problem(409, "conflict"))).toBe(false);
    expect(isCriteriaLocked(problem(422, "criteria-locked"))).toBe(false);
    expect(isCriteriaLocked(new Error("offline"))).toBe(false);
  });
});

describe("targetSideProblem", () => {
  it("wants the target above the baseline when higher is better, below when lower is", () => {
    expect(targetSideProblem("decrease", 12, 8)).toBeNull();
    expect(targetSideProblem("decrease", 12, 14)).toBe(
      "For a metric where lower is better, the target must be below the baseline (12).",
    );
    expect(targetSideProblem("decrease", 12, 12)).toBe(
      "For a metric where lower is better, the target must be below the baseline (12).",
    );
    expect(targetSideProblem("increase", 40, 55)).toBeNull();
    expect(targetSideProblem("increase", 40, 35)).toBe(
      "For a metric where higher is better, the target must be above the baseline (40).",
    );
  });

  it("has nothing to say while either value is missing or not a number", () => {
    expect(targetSideProblem("increase", null, 3)).toBeNull();
    expect(targetSideProblem("increase", 3, null)).toBeNull();
    expect(targetSideProblem("increase", Number.NaN, 1)).toBeNull();
  });
});

describe("reasonProblem", () => {
  it("needs 10 to 2000 characters, spaces around not counted", () => {
    expect(reasonProblem("   ")).toBe(
      "Say why you are changing it: the reason is recorded with the change.",
    );
    expect(reasonProblem("  long enough ")).toBeNull();
    expect(reasonProblem("short one")).toBe("Say why in at least 10 characters.");
    expect(reasonProblem("x".repeat(2001))).toBe("Keep it to 2,000 characters.");
    expect(reasonProblem("x".repeat(2000))).toBeNull();
    expect(reasonProblem("", "Say why the metric goes.")).toBe("Say why the metric goes.");
  });
});

describe("changedCriteria", () => {
  it("lists the criteria that differ, in the API's order", () => {
    expect(changedCriteria(SAVED, SAVED)).toEqual([]);
    expect(changedCriteria(SAVED, { ...SAVED, target: 7, kind: "internal", baseline: 13 })).toEqual(
      ["baseline", "target", "kind"],
    );
  });

  it("counts the revenue period for the revenue metric only", () => {
    expect(changedCriteria(SAVED, { ...SAVED, revenue_period: "month" })).toEqual([]);
    expect(
      changedCriteria({ ...SAVED, is_revenue: true }, { ...SAVED, revenue_period: "month" }),
    ).toEqual(["revenue_period"]);
    expect(
      changedCriteria(SAVED, { ...SAVED, is_revenue: true, revenue_period: "quarter" }),
    ).toEqual(["revenue_period"]);
  });
});

describe("metricFormRules", () => {
  it("puts a target on the wrong side at the target field", () => {
    const rules = metricFormRules({ saved: null, locked: false });
    expect(problems(rules.safeParse({ ...FORM, target: "15" }))).toEqual({
      target: "For a metric where lower is better, the target must be below the baseline (12).",
    });
    expect(problems(rules.safeParse({ ...FORM, direction: "increase", target: "15" }))).toEqual({});
  });

  it("asks for a reason only when a locked criterion changes", () => {
    const locked = metricFormRules({ saved: SAVED, locked: true });
    expect(problems(locked.safeParse({ ...FORM, name: "Downtime", unit: "hours" }))).toEqual({});
    expect(problems(locked.safeParse({ ...FORM, target: "7" }))).toEqual({
      change_reason: "Say why you are changing it: the reason is recorded with the change.",
    });
    expect(
      problems(locked.safeParse({ ...FORM, target: "7", change_reason: "The customer asked." })),
    ).toEqual({});
    const open = metricFormRules({ saved: SAVED, locked: false });
    expect(problems(open.safeParse({ ...FORM, target: "7" }))).toEqual({});
  });
});

describe("the change history", () => {
  const change = (over: Partial<CriteriaChange>): CriteriaChange => ({
    field: "target",
    before: 8,
    after: 7,
    reason: "The night shift joined.",
    changed_by: "u1",
    changed_at: "2027-03-12T10:00:00Z",
    ...over,
  });

  it("names each field and its values in words", () => {
    expect(changeInWords(change({}), "h")).toBe("target moved from 8 h to 7 h");
    expect(changeInWords(change({ field: "baseline", before: null, after: 12.5 }), "")).toBe(
      "baseline moved from not set to 12.5",
    );
    expect(
      changeInWords(change({ field: "direction", before: "increase", after: "decrease" }), "h"),
    ).toBe("direction changed from higher is better to lower is better");
    expect(
      changeInWords(
        change({ field: "kind", before: "customer_experienced", after: "internal" }),
        "",
      ),
    ).toBe("kind changed from customer-experienced to internal");
    expect(
      changeInWords(change({ field: "revenue_period", before: "year", after: "month" }), "€"),
    ).toBe("revenue period changed from per year to per month");
  });

  it("tells the changes of one save in one sentence, with the day and the person", () => {
    const groups = groupChanges([
      change({ field: "baseline", before: 12, after: 13 }),
      change({}),
      change({
        changed_at: "2027-04-02T09:00:00Z",
        reason: "Back to the plan.",
        before: 7,
        after: 8,
      }),
    ]);
    expect(groups.map((g) => g.changes.length)).toEqual([2, 1]);
    const [first, second] = groups;
    if (!first || !second) throw new Error("two groups expected");
    expect(groupInWords(first, "h", "Ada Admin")).toBe(
      `Baseline moved from 12 h to 13 h and target moved from 8 h to 7 h on ${dayInWords("2027-03-12T10:00:00Z")} by Ada Admin`,
    );
    expect(second.reason).toBe("Back to the plan.");
  });

  it("falls back when the person is not a member any more", () => {
    expect(changedByName("u1", { u1: "Ada Admin" })).toBe("Ada Admin");
    expect(changedByName("u2", { u1: "Ada Admin" })).toBe("a former member");
    expect(changedByName(null, {})).toBe("an API token");
  });
});
