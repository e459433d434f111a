import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { renderWithQuery } from "@/test/render";
import { DifferenceChart, describeSeries, pointPosition } from "./difference-chart";

const POINTS = [
  { iterationId: "i1", number: 1, startedOn: "2026-09-01", responses: 1, difference: 2, effort: 3 },
  {
    iterationId: "i2",
    number: 2,
    startedOn: "2026-10-01",
    responses: 3,
    difference: 4.333,
    effort: null,
  },
];

describe("DifferenceChart", () => {
  it("places iterations in centred columns on the 1–5 scale", () => {
    expect(pointPosition(0, 2, 5)).toEqual({ x: 25, y: 0 });
    expect(pointPosition(1, 2, 1)).toEqual({ x: 75, y: 100 });
    expect(pointPosition(0, 1, 3)).toEqual({ x: 50, y: 50 });
  });

  it("reads as words, and as a table on request", async () => {
    expect(describeSeries(POINTS)).toBe(
      "Customer-rated difference by iteration, 1 (no difference) to 5 (a great deal): iteration 1, 2.0 from 1 response; iteration 2, 4.3 from 3 responses.",
    );
    renderWithQuery(<DifferenceChart points={POINTS} />);
    expect(screen.getByRole("img", { name: describeSeries(POINTS) })).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Table" }));
    const rows = screen
      .getAllByRole("row")
      .slice(1, 3)
      .map((row) => row.textContent);
    expect(rows[0]).toMatch(/^Iteration 1.*12.03.0$/);
    expect(rows[1]).toMatch(/^Iteration 2.*34.3—$/);
  });
});
