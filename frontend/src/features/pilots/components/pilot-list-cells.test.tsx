import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { DepartmentChips, LastIteration } from "./pilot-list-cells";

const d = (name: string, status: "invited" | "engaged" | "champion" | "declined") => ({
  department_id: `id-${name}`,
  name,
  status,
});

const FIVE = [
  d("Finance", "declined"),
  d("IT", "champion"),
  d("Operations", "engaged"),
  d("Sales", "invited"),
  d("Supply chain", "engaged"),
];

describe("DepartmentChips", () => {
  it("says each engagement in words, in the order given", () => {
    render(<DepartmentChips departments={FIVE.slice(0, 4)} />);
    const list = screen.getByRole("list");
    expect(
      within(list)
        .getAllByRole("listitem")
        .map((li) => li.textContent),
    ).toEqual(["Finance · declined", "IT · champion", "Operations · engaged", "Sales · invited"]);
  });

  it("folds the chips past the limit into one that lists them on keyboard focus", async () => {
    render(<DepartmentChips departments={FIVE} limit={3} />);
    const items = screen.getAllByRole("listitem");
    expect(items).toHaveLength(4);
    const more = screen.getByRole("button", {
      name: "2 more: Sales (invited), Supply chain (engaged)",
    });
    expect(more).toHaveTextContent("+2 more");

    await userEvent.tab();
    expect(more).toHaveFocus();
    const tip = await screen.findByRole("tooltip");
    expect(tip).toHaveTextContent("Sales · invited");
    expect(tip).toHaveTextContent("Supply chain · engaged");
  });

  it("does not fold a single chip: it takes the room of the +1", () => {
    render(<DepartmentChips departments={FIVE.slice(0, 4)} limit={3} />);
    expect(screen.getAllByRole("listitem")).toHaveLength(4);
    expect(screen.queryByRole("button")).toBeNull();
  });

  it("says none when no department is involved", () => {
    const { container } = render(<DepartmentChips departments={[]} />);
    expect(container).toHaveTextContent("—None");
    expect(screen.queryByRole("list")).toBeNull();
  });
});

describe("LastIteration", () => {
  const today = new Date(2026, 0, 15, 9, 0);

  it("shows how long ago, with the full date on hover and for screen readers", () => {
    render(<LastIteration day="2026-01-03" today={today} />);
    const time = screen.getByText("12 days ago", { exact: false });
    expect(time.tagName).toBe("TIME");
    expect(time).toHaveAttribute("dateTime", "2026-01-03");
    expect(time).toHaveAttribute("title", "Jan 3, 2026");
    expect(time).toHaveTextContent("12 days ago (Jan 3, 2026)");
  });

  it("shows the full date on screen where there is no hover", () => {
    render(<LastIteration day="2026-01-03" today={today} full />);
    expect(screen.getByText("12 days ago", { exact: false })).toHaveTextContent(
      "12 days ago · Jan 3, 2026",
    );
  });

  it("says none without iterations", () => {
    const { container } = render(<LastIteration day={null} today={today} />);
    expect(container).toHaveTextContent("—None");
  });
});
