import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { HealthBadge, HealthWithReasons } from "./health-badge";

describe("HealthBadge", () => {
  it.each([
    ["on_track", "On track"],
    ["at_risk", "At risk"],
    ["stalled", "Stalled"],
  ] as const)("shows %s as an icon and the word %j", (health, word) => {
    const { container } = render(<HealthBadge health={health} />);
    expect(screen.getByText(word)).toBeInTheDocument();
    expect(container.querySelector("svg")).not.toBeNull();
  });
});

describe("HealthWithReasons", () => {
  it("shows the reasons when the badge gets keyboard focus", async () => {
    render(
      <HealthWithReasons
        health="stalled"
        title="Same-day parts"
        reasons={[
          {
            code: "no_recent_iteration",
            severity: "stalled",
            message: "No iteration for 52 days (more than 45).",
            threshold: 45,
          },
        ]}
      />,
    );
    const trigger = screen.getByRole("button", { name: /Stalled: Same-day parts. 1 reason/ });
    await userEvent.tab();
    expect(trigger).toHaveFocus();
    expect(await screen.findByRole("tooltip")).toHaveTextContent(
      "No iteration for 52 days (more than 45).",
    );
  });

  it("is a plain badge without reasons", () => {
    render(<HealthWithReasons health="on_track" title="x" reasons={[]} />);
    expect(screen.queryByRole("button")).toBeNull();
    expect(screen.getByText("On track")).toBeInTheDocument();
  });
});
