import { describe, expect, it } from "vitest";
import {
  keyFromLabel,
  rubricBody,
  rubricFormSchema,
  THRESHOLDS,
  thresholdsBody,
  thresholdsFormSchema,
  thresholdsGroupSchema,
  thresholdsIn,
  thresholdsValues,
  workspaceSettingsSchema,
} from "./schemas";

type Issues = { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } };

function messages(result: Issues) {
  if (result.success || !result.error) return {};
  return Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), i.message]));
}

const DEFAULTS = {
  no_iteration_days: 45,
  scale_decision_days: 30,
  selection_days: 60,
  ready_to_scale_days: 30,
  invited_not_engaged_days: 21,
  min_engaged_departments: 2,
  measurement_gap_iterations: 2,
  min_running_days: 60,
  min_iteration_days: 14,
  check_in_days: 21,
  department_silence_days: 30,
  customer_voice_days: 30,
};

const TIME_LABELS = [
  "Days a pilot must run before its scale review",
  "Days an iteration must last to count toward the scale review",
];

const criterion = (key: string, weight: number, saved = true) => ({
  key,
  label: key.replace(/_/g, " "),
  weight,
  saved,
});

describe("thresholds", () => {
  it("labels every threshold in plain words with its default", () => {
    expect(THRESHOLDS.map((t) => [t.name, t.default])).toEqual(Object.entries(DEFAULTS));
    expect(THRESHOLDS[0]?.label).toBe(
      "Days without an iteration before a running pilot is stalled",
    );
    expect(thresholdsIn("time").map((t) => t.label)).toEqual(TIME_LABELS);
    expect(thresholdsIn("health")).toHaveLength(7);
  });

  it("allows 0 to 3650 days for the time the method needs, 0 turning a check off", () => {
    expect(
      messages(
        thresholdsFormSchema.safeParse({
          thresholds: { ...DEFAULTS, min_running_days: 3651, min_iteration_days: -1 },
        }),
      ),
    ).toEqual({
      "thresholds.min_running_days": "Enter a whole number from 0 to 3650.",
      "thresholds.min_iteration_days": "Enter a whole number from 0 to 3650.",
    });
    expect(
      thresholdsBody({ thresholds: { min_running_days: 0, min_iteration_days: 3650 } }, "time"),
    ).toEqual({ thresholds: { min_running_days: 0, min_iteration_days: 3650 } });
    expect(thresholdsIn("time").map((t) => t.help)).toEqual([
      "Counted from the day it first entered running. 0 turns the check off.",
      "Shorter iterations are listed but do not count toward the two the gate asks for. 0 turns the check off.",
    ]);
  });

  it("keeps each group to its own thresholds", () => {
    const settings = {
      rubric: [],
      thresholds: DEFAULTS,
      digest_weekday: "monday" as const,
      updated_at: null,
    };
    expect(thresholdsValues(settings, "time")).toEqual({
      thresholds: { min_running_days: 60, min_iteration_days: 14 },
    });
    const {
      min_running_days,
      min_iteration_days,
      check_in_days,
      department_silence_days,
      customer_voice_days,
      ...health
    } = DEFAULTS;
    expect(thresholdsValues(settings, "voice")).toEqual({
      thresholds: { check_in_days: 21, department_silence_days: 30, customer_voice_days: 30 },
    });
    expect(thresholdsValues(settings, "health")).toEqual({ thresholds: health });
    expect(thresholdsValues(settings)).toEqual({ thresholds: DEFAULTS });
    // A group's form is checked on its own: the other group's values are not its business.
    expect(
      messages(thresholdsGroupSchema("time").safeParse({ thresholds: { min_running_days: 30 } })),
    ).toEqual({ "thresholds.min_iteration_days": "Enter a whole number from 0 to 3650." });
    expect(() =>
      thresholdsBody({ thresholds: { ...health, min_running_days: 5000 } }, "health"),
    ).not.toThrow();
    expect(thresholdsBody({ thresholds: health }, "health")).toEqual({ thresholds: health });
  });

  it("uses the API's limits: days 1..365, departments and iterations 1..10", () => {
    expect(
      messages(
        thresholdsFormSchema.safeParse({
          thresholds: {
            ...DEFAULTS,
            no_iteration_days: 366,
            selection_days: 0,
            ready_to_scale_days: 12.5,
            invited_not_engaged_days: Number.NaN,
            min_engaged_departments: 11,
            measurement_gap_iterations: 0,
          },
        }),
      ),
    ).toEqual({
      "thresholds.no_iteration_days": "Enter a whole number from 1 to 365.",
      "thresholds.selection_days": "Enter a whole number from 1 to 365.",
      "thresholds.ready_to_scale_days": "Enter a whole number from 1 to 365.",
      "thresholds.invited_not_engaged_days": "Enter a whole number from 1 to 365.",
      "thresholds.min_engaged_departments": "Enter a whole number from 1 to 10.",
      "thresholds.measurement_gap_iterations": "Enter a whole number from 1 to 10.",
    });
    expect(
      thresholdsBody({
        thresholds: { ...DEFAULTS, no_iteration_days: 365, min_engaged_departments: 10 },
      }),
    ).toEqual({ thresholds: { ...DEFAULTS, no_iteration_days: 365, min_engaged_departments: 10 } });
  });
});

describe("rubric", () => {
  it("needs at least one weight above 0", () => {
    expect(
      messages(rubricFormSchema.safeParse({ rubric: [criterion("a", 0), criterion("b", 0)] })),
    ).toEqual({ rubric: "Weight at least one criterion above 0, or no candidate can score." });
  });

  it("checks keys, labels and weights like the API", () => {
    expect(
      messages(
        rubricFormSchema.safeParse({
          rubric: [
            criterion("low_stakes", 11),
            { ...criterion("low_stakes", 1, false), label: " " },
            criterion("9lives", -1, false),
          ],
        }),
      ),
    ).toEqual({
      "rubric.0.weight": "Enter a weight from 0 to 10.",
      "rubric.1.label": "Name the criterion.",
      "rubric.1.key": "Another criterion already uses this key.",
      "rubric.2.key":
        "Start with a letter; use lowercase letters, digits and _ only (up to 40 characters).",
      "rubric.2.weight": "Enter a weight from 0 to 10.",
    });
    expect(messages(rubricFormSchema.safeParse({ rubric: [] }))).toEqual({
      rubric: "Keep at least one criterion.",
    });
    expect(
      messages(
        rubricFormSchema.safeParse({
          rubric: Array.from({ length: 13 }, (_, i) => criterion(`c${i}`, 1)),
        }),
      ),
    ).toEqual({ rubric: "Use at most 12 criteria." });
  });

  it("sends only key, label and weight", () => {
    expect(rubricBody({ rubric: [criterion("data_access", 2.5, false)] })).toEqual({
      rubric: [{ key: "data_access", label: "data access", weight: 2.5 }],
    });
  });

  it("derives a valid, unused key from a label", () => {
    expect(keyFromLabel("Access to data")).toBe("access_to_data");
    expect(keyFromLabel("  Équipe prête ! ")).toBe("equipe_prete");
    expect(keyFromLabel("3rd-party data")).toBe("rd_party_data");
    expect(keyFromLabel("!!!")).toBe("criterion");
    expect(keyFromLabel("Access to data", ["access_to_data", "access_to_data_2"])).toBe(
      "access_to_data_3",
    );
  });
});

describe("workspaceSettingsSchema", () => {
  it("needs a name of up to 100 characters and an ISO 4217 code, upper-cased", () => {
    expect(
      messages(workspaceSettingsSchema.safeParse({ name: "x".repeat(101), currency: "EURO" })),
    ).toEqual({
      name: "Keep the name to 100 characters or fewer.",
      currency: "Use a three-letter ISO 4217 code, like EUR.",
    });
    expect(workspaceSettingsSchema.parse({ name: " Acme ", currency: "chf" })).toEqual({
      name: "Acme",
      currency: "CHF",
    });
  });
});
