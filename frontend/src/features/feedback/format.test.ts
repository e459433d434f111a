import { describe, expect, it } from "vitest";
import {
  feedbackSeries,
  formatMean,
  respondentLabel,
  responsesByIteration,
  voiceSummary,
} from "./format";
import type { FeedbackResponse } from "./queries";

const iteration = (
  id: string,
  number: number,
  responses: number,
  difference: number | null,
  effort: number | null,
) => ({
  id,
  number,
  started_on: `2026-0${number}-01`,
  feedback: { responses, difference_mean: difference, effort_mean: effort },
});

const response = (id: string, iterationId: string | null, name = ""): FeedbackResponse => ({
  id,
  iteration_id: iterationId,
  iteration_number: iterationId ? 1 : null,
  link_id: "l1",
  respondent_name: name,
  difference: 4,
  effort: 5,
  comment: "",
  new_needs: "",
  created_at: "2026-11-01T10:00:00Z",
});

describe("feedbackSeries", () => {
  it("keeps the rated iterations, oldest first, with their means", () => {
    expect(
      feedbackSeries([
        iteration("i3", 3, 2, 4.5, 4),
        iteration("i1", 1, 1, 2, 3),
        iteration("i2", 2, 0, null, null),
      ]),
    ).toEqual([
      {
        iterationId: "i1",
        number: 1,
        startedOn: "2026-01-01",
        responses: 1,
        difference: 2,
        effort: 3,
      },
      {
        iterationId: "i3",
        number: 3,
        startedOn: "2026-03-01",
        responses: 2,
        difference: 4.5,
        effort: 4,
      },
    ]);
  });
});

describe("words", () => {
  it("reads means to one decimal and names anonymous respondents by their customer", () => {
    expect(formatMean(3.4567)).toBe("3.5");
    expect(formatMean(null)).toBe("—");
    expect(respondentLabel({ respondent_name: "Anna" }, "St. Agnes")).toBe("Anna");
    expect(respondentLabel({ respondent_name: "" }, "St. Agnes")).toBe("Someone at St. Agnes");
    expect(respondentLabel({ respondent_name: "" }, null)).toBe("Someone at the customer");
    expect(voiceSummary({ responses: 2, difference_mean: 3.5, effort_mean: 4 })).toBe(
      "2 responses · difference 3.5 / 5 · ease 4.0 / 5",
    );
    expect(voiceSummary({ responses: 0, difference_mean: null, effort_mean: null })).toBe(
      "No customer response yet",
    );
  });

  it("groups responses by their iteration", () => {
    const groups = responsesByIteration([
      response("r1", "i1"),
      response("r2", null),
      response("r3", "i1"),
    ]);
    expect(groups.get("i1")?.map((r) => r.id)).toEqual(["r1", "r3"]);
    expect(groups.get(null)?.map((r) => r.id)).toEqual(["r2"]);
  });
});
