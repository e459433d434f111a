import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Gate } from "../queries";
import { GateChecklist, UnmetList, waitsOnlyForTime } from "./lifecycle";

const TO_SCALE_REVIEW: Gate = {
  to_stage: "scale_review",
  allowed: true,
  met: false,
  ready_on: "2027-03-03",
  criteria: [
    {
      code: "time_running",
      met: false,
      message: "The pilot has run at least 60 days (48 so far; ready on 3 March 2027).",
    },
    {
      code: "iterations",
      met: true,
      message:
        "At least 2 iterations of 14 days or more are logged (2 now; 1 shorter than 14 days does not count).",
    },
    { code: "measurements", met: true, message: "Every metric has a measurement." },
  ],
};

describe("GateChecklist", () => {
  it("lists every criterion and says which are met", () => {
    render(
      <GateChecklist
        gate={{
          to_stage: "running",
          allowed: true,
          met: false,
          ready_on: null,
          criteria: [
            { code: "customer_chosen", met: true, message: "A testbed customer is chosen." },
            {
              code: "engaged_departments",
              met: false,
              message: "At least 2 departments are engaged, each with its stake (1 now).",
            },
          ],
        }}
      />,
    );
    const list = screen.getByRole("list", { name: "Ready for Running" });
    const items = within(list).getAllByRole("listitem");
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent("Met: A testbed customer is chosen.");
    expect(items[1]).toHaveTextContent(
      "Not met: At least 2 departments are engaged, each with its stake (1 now).",
    );
    // Something other than time is missing: no date to wait for.
    expect(screen.queryByText(/^Ready on/)).not.toBeInTheDocument();
  });

  it("says so when a step has no conditions", () => {
    render(
      <GateChecklist
        gate={{
          to_stage: "selecting",
          allowed: true,
          met: true,
          ready_on: "2027-01-10",
          criteria: [],
        }}
      />,
    );
    expect(screen.getByText(/No conditions for this step/)).toBeInTheDocument();
  });

  it("gives the date and the rule when only time is missing", () => {
    render(<GateChecklist gate={TO_SCALE_REVIEW} />);
    expect(screen.getByText("Ready on 3 March 2027")).toBeInTheDocument();
    expect(
      screen.getByText(
        "Everything else is in place: a pilot has to run, and each iteration has to last, long enough for its results to show more than a good week.",
      ),
    ).toBeInTheDocument();
    const items = within(screen.getByRole("list", { name: "Ready for Scale review" })).getAllByRole(
      "listitem",
    );
    expect(items.map((li) => li.textContent)).toEqual([
      "Not met: The pilot has run at least 60 days (48 so far; ready on 3 March 2027).",
      "Met: At least 2 iterations of 14 days or more are logged (2 now; 1 shorter than 14 days does not count).",
      "Met: Every metric has a measurement.",
    ]);
  });

  it("adds nothing when everything is met today", () => {
    render(
      <GateChecklist
        gate={{
          ...TO_SCALE_REVIEW,
          met: true,
          ready_on: "2027-01-10",
          criteria: TO_SCALE_REVIEW.criteria.map((c) => ({ ...c, met: true })),
        }}
      />,
    );
    expect(screen.queryByText(/Ready on/)).not.toBeInTheDocument();
    expect(screen.queryByText(/Everything else is in place/)).not.toBeInTheDocument();
    expect(screen.getAllByRole("listitem")).toHaveLength(3);
  });
});

describe("waitsOnlyForTime", () => {
  it("is true only for an allowed, unmet gate with a date", () => {
    expect(waitsOnlyForTime(TO_SCALE_REVIEW)).toBe(true);
    expect(waitsOnlyForTime({ ...TO_SCALE_REVIEW, ready_on: null })).toBe(false);
    expect(waitsOnlyForTime({ ...TO_SCALE_REVIEW, met: true })).toBe(false);
    expect(waitsOnlyForTime({ ...TO_SCALE_REVIEW, allowed: false })).toBe(false);
  });
});

describe("UnmetList", () => {
  it("shows each unmet item of a 409", () => {
    render(
      <UnmetList
        unmet={[
          { code: "sponsor", message: "An executive sponsor is named." },
          { code: "start_decision", message: "A start decision is recorded." },
        ]}
      />,
    );
    expect(screen.getAllByRole("listitem").map((li) => li.textContent)).toEqual([
      "An executive sponsor is named.",
      "A start decision is recorded.",
    ]);
  });
});
