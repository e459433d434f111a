import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { GateChecklist, UnmetList } from "./lifecycle";

describe("GateChecklist", () => {
  it("lists every criterion and says which are met", () => {
    render(
      <GateChecklist
        gate={{
          to_stage: "running",
          allowed: true,
          met: false,
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
  });

  it("says so when a step has no conditions", () => {
    render(
      <GateChecklist gate={{ to_stage: "selecting", allowed: true, met: true, criteria: [] }} />,
    );
    expect(screen.getByText(/No conditions for this step/)).toBeInTheDocument();
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
