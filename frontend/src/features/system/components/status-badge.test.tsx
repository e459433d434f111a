import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { describeStatus, StatusBadge, worstTone } from "./status-badge";

describe("describeStatus", () => {
  it.each([
    ["ok", "success", "Operational"],
    ["OK", "success", "Operational"],
    ["healthy", "success", "Operational"],
    ["degraded", "warning", "Degraded"],
    ["error", "danger", "Down"],
    ["unavailable", "danger", "Down"],
    ["read_only", "warning", "Read only"],
    ["", "warning", "Unknown"],
  ])("maps %j to %s / %s", (value, tone, label) => {
    const described = describeStatus(value);
    expect(described.tone).toBe(tone);
    expect(described.label).toBe(label);
  });
});

describe("worstTone", () => {
  it("is success when every part is fine", () => {
    expect(worstTone(["success", "success"])).toBe("success");
  });

  it("picks the most severe tone", () => {
    expect(worstTone(["success", "warning"])).toBe("warning");
    expect(worstTone(["warning", "danger", "success"])).toBe("danger");
  });
});

describe("StatusBadge", () => {
  it("shows a word and an icon, never colour alone", () => {
    const { container } = render(<StatusBadge status="error" />);
    const badge = screen.getByText("Down");
    expect(badge).toBeInTheDocument();
    expect(badge.querySelector("svg")).not.toBeNull();
    expect(container.textContent).toBe("Down");
  });
});
