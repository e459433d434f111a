import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { HealthBadge, HealthWithReasons, PilotStatusBadge } from "./health-badge";

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

describe("PilotStatusBadge", () => {
  it("shows the outcome of an adopted pilot, never its health", () => {
    render(<PilotStatusBadge stage="adopted" health="on_track" title="Kiosk" />);
    expect(screen.getByText("Adopted")).toBeInTheDocument();
    expect(screen.queryByText("On track")).toBeNull();
  });

  it("shows a stopped pilot's reason, in full on keyboard focus", async () => {
    const reason = "The customer's budget was frozen for the whole of next year";
    render(
      <PilotStatusBadge stage="stopped" health="on_track" title="Kiosk" stopReason={reason} />,
    );
    expect(screen.queryByText("On track")).toBeNull();
    const trigger = screen.getByRole("button", { name: `Stopped: Kiosk. Reason: ${reason}` });
    expect(trigger).toHaveTextContent(`Stopped: ${reason}`);
    await userEvent.tab();
    expect(trigger).toHaveFocus();
    expect(await screen.findByRole("tooltip")).toHaveTextContent(`Stopped: ${reason}`);
  });

  it("says Stopped without a reason, and is not focusable then", () => {
    render(<PilotStatusBadge stage="stopped" health="at_risk" />);
    expect(screen.getByText("Stopped")).toBeInTheDocument();
    expect(screen.queryByRole("button")).toBeNull();
  });

  it("shows the health, with its reasons, while the pilot is under way", () => {
    render(
      <PilotStatusBadge
        stage="running"
        health="at_risk"
        title="Kiosk"
        reasons={[
          {
            code: "too_few_departments",
            severity: "at_risk",
            message: "Only 1 department engaged (fewer than 2).",
            threshold: 2,
          },
        ]}
      />,
    );
    expect(screen.getByRole("button", { name: /At risk: Kiosk. 1 reason/ })).toBeInTheDocument();
  });
});
