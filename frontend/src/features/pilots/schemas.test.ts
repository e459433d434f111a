import { describe, expect, it } from "vitest";
import {
  candidateSchema,
  decisionSchema,
  editPilotSchema,
  involvementSchema,
  iterationSchema,
  metricSchema,
  outcomeSchema,
  pauseSchema,
  stopSchema,
  todayIso,
  toScores,
} from "./schemas";

/** The message of each failing field, keyed by path. */
function problems(result: {
  success: boolean;
  error?: { issues: { path: PropertyKey[]; message: string }[] };
}) {
  return Object.fromEntries(
    (result.error?.issues ?? []).map((i) => [i.path.map(String).join("."), i.message]),
  );
}

describe("outcomeSchema (wizard step 1)", () => {
  it("asks for a title, a hypothesis and an outcome", () => {
    expect(
      problems(outcomeSchema.safeParse({ title: " ", hypothesis: "", target_outcome: "" })),
    ).toEqual({
      title: "Give the pilot a title.",
      hypothesis: "Write the hypothesis: what you expect to change for the customer, and why.",
      target_outcome: "Choose the outcome the pilot targets.",
    });
  });

  it("has the API's limits: title 200, hypothesis 4000", () => {
    const ok = {
      title: "a".repeat(200),
      hypothesis: "h".repeat(4000),
      target_outcome: "profitability",
    };
    expect(outcomeSchema.safeParse(ok).success).toBe(true);
    expect(
      problems(
        outcomeSchema.safeParse({ ...ok, title: "a".repeat(201), hypothesis: "h".repeat(4001) }),
      ),
    ).toEqual({ title: "At most 200 characters.", hypothesis: "At most 4,000 characters." });
  });
});

describe("editPilotSchema", () => {
  const base = {
    title: "Parts",
    hypothesis: "",
    target_outcome: "profitability" as const,
    owner_id: "u1",
    sponsor_id: "",
    budget: "",
    revenue_at_stake: "",
    risk_level: "low" as const,
    risk_rationale: "",
    risk_before: "low",
  };

  it("needs a rationale when the risk level is set by hand", () => {
    expect(problems(editPilotSchema.safeParse({ ...base, risk_level: "high" }))).toEqual({
      risk_rationale: "Explain why when you set the risk level yourself.",
    });
    expect(editPilotSchema.safeParse(base).success).toBe(true);
  });

  it("keeps money between 0 and 10^13", () => {
    expect(
      problems(
        editPilotSchema.safeParse({ ...base, budget: "-1", revenue_at_stake: "100000000000000" }),
      ),
    ).toEqual({
      budget: "Enter an amount from 0 to 10,000,000,000,000.",
      revenue_at_stake: "Enter an amount from 0 to 10,000,000,000,000.",
    });
    expect(problems(editPilotSchema.safeParse({ ...base, budget: "twelve" }))).toEqual({
      budget: "Enter a number, like 12 or 7.5.",
    });
  });
});

describe("candidateSchema", () => {
  const base = {
    mode: "existing" as const,
    customer_id: "c1",
    name: "",
    segment: "",
    is_premier_account: false,
    scores: { low_stakes: "4", data_access: "" },
    notes: "",
  };

  it("needs a customer, or a name for a new one", () => {
    expect(problems(candidateSchema.safeParse({ ...base, customer_id: "" }))).toEqual({
      customer_id: "Choose a customer, or create a new one.",
    });
    expect(problems(candidateSchema.safeParse({ ...base, mode: "new", customer_id: "" }))).toEqual({
      name: "Name the customer.",
    });
  });

  it("scores from 1 to 5 only, notes up to 2000 characters", () => {
    expect(
      problems(
        candidateSchema.safeParse({
          ...base,
          scores: { low_stakes: "6" },
          notes: "n".repeat(2001),
        }),
      ),
    ).toEqual({ "scores.low_stakes": "Score it from 1 to 5.", notes: "At most 2,000 characters." });
  });

  it("sends only the scores that were given, as numbers", () => {
    expect(toScores({ low_stakes: "4", data_access: "", eager_champion: "5" })).toEqual({
      low_stakes: 4,
      eager_champion: 5,
    });
  });
});

describe("involvementSchema", () => {
  const base = {
    department_id: "d1",
    contact_name: "",
    contact_email: "",
    stake: "Fewer rush orders",
    status: "engaged" as const,
    invited_on: "2026-11-01",
    engaged_on: "2026-11-05",
  };
  it("needs the department's stake, within 1000 characters", () => {
    expect(problems(involvementSchema.safeParse({ ...base, stake: "  " }))).toEqual({
      stake: "Say what this department gets out of the pilot.",
    });
    expect(
      problems(
        involvementSchema.safeParse({
          ...base,
          stake: "s".repeat(1001),
          contact_name: "c".repeat(121),
        }),
      ),
    ).toEqual({
      stake: "At most 1,000 characters.",
      contact_name: "At most 120 characters.",
    });
  });
  it("takes an optional contact email, checked before it is sent", () => {
    expect(
      problems(involvementSchema.safeParse({ ...base, contact_email: "cfo@example.com" })),
    ).toEqual({});
    expect(problems(involvementSchema.safeParse({ ...base, contact_email: "cfo@" }))).toEqual({
      contact_email: "Enter a valid email address, or leave it empty.",
    });
  });
  it("cannot engage before the invitation", () => {
    expect(problems(involvementSchema.safeParse({ ...base, engaged_on: "2026-10-31" }))).toEqual({
      engaged_on: "It cannot engage before it was invited.",
    });
  });
});

describe("metricSchema", () => {
  const base = {
    name: "Downtime",
    unit: "h",
    kind: "customer_experienced" as const,
    direction: "decrease" as const,
    baseline: "12",
    target: "8",
    is_revenue: false,
  };
  it("has the API's limits: name 120, unit 30, values within ±10^15", () => {
    expect(metricSchema.safeParse(base).success).toBe(true);
    expect(
      problems(
        metricSchema.safeParse({
          ...base,
          name: "n".repeat(121),
          unit: "u".repeat(31),
          target: "2000000000000000",
        }),
      ),
    ).toEqual({
      name: "At most 120 characters.",
      unit: "At most 30 characters.",
      target: "Enter a value between −10¹⁵ and 10¹⁵.",
    });
  });
});

describe("iterationSchema", () => {
  it("needs what changed and an end after the start; measurements are numbers", () => {
    expect(
      problems(
        iterationSchema.safeParse({
          started_on: "2026-10-10",
          ended_on: "2026-10-01",
          changes: "",
          change_order: "2",
          customer_feedback: "",
          customer_summary: "x".repeat(4001),
          new_needs: "",
          learnings: "",
          measurements: { m1: "7,5 kg", m2: "7,5" },
        }),
      ),
    ).toEqual({
      changes: "What did you change?",
      customer_summary: "At most 4,000 characters.",
      "measurements.m1": "Enter a number, like 12 or 7.5.",
      ended_on: "The end cannot be before the start.",
    });
  });
});

describe("decisionSchema and stopSchema", () => {
  it("refuses a decision dated in the future", () => {
    const tomorrow = todayIso(new Date(Date.now() + 86_400_000));
    expect(
      problems(
        decisionSchema.safeParse({ kind: "scale", rationale: "Ready", decided_on: tomorrow }),
      ),
    ).toEqual({ decided_on: "A decision cannot be dated in the future." });
    expect(
      decisionSchema.safeParse({ kind: "scale", rationale: "Ready", decided_on: todayIso() })
        .success,
    ).toBe(true);
  });

  it("needs a reason and the lessons learned to stop", () => {
    expect(problems(stopSchema.safeParse({ reason: "", lessons_learned: "" }))).toEqual({
      reason: "Say why, so the team knows.",
      lessons_learned: "Write down what the pilot taught you.",
    });
    expect(
      problems(stopSchema.safeParse({ reason: "r".repeat(2001), lessons_learned: "ok" })),
    ).toEqual({
      reason: "At most 2,000 characters.",
    });
  });
});

describe("pauseSchema", () => {
  it("asks for a reason only", () => {
    expect(pauseSchema.safeParse({ reason: "Site closed", lessons_learned: "" }).success).toBe(
      true,
    );
    expect(problems(pauseSchema.safeParse({ reason: " ", lessons_learned: "" }))).toEqual({
      reason: "Say why, so the team knows.",
    });
  });
});
