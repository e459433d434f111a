import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { Section } from "./section";
import { SectionFoldProvider, sectionPlan } from "./section-fold";

describe("sectionPlan", () => {
  it("leads with the candidates while choosing, the rest folded", () => {
    const plan = sectionPlan("selecting");
    expect(plan.order.slice(0, 2)).toEqual(["candidates", "departments"]);
    expect(plan.open).not.toContain("iterations");
    expect(plan.open).not.toContain("scale-plan");
  });

  it("leads with the latest iteration, the metrics and the departments while running", () => {
    const plan = sectionPlan("running");
    expect(plan.order.slice(0, 3)).toEqual(["iterations", "metrics", "departments"]);
    expect(plan.open).toEqual(["iterations", "metrics", "departments"]);
  });

  it("puts the evidence next to the decision in the scale review", () => {
    const plan = sectionPlan("scale_review");
    expect(plan.order.slice(0, 4)).toEqual([
      "metrics",
      "decisions",
      "customer-voice",
      "iterations",
    ]);
    expect(plan.open).not.toContain("candidates");
    expect(plan.order[4]).toBe("scale-plan");
    expect(plan.open).toContain("scale-plan");
    expect(plan.order.indexOf("candidates")).toBeGreaterThan(plan.order.indexOf("iterations"));
  });

  it("leads with the scale plan while scaling, and the outcome's evidence once closed", () => {
    expect(sectionPlan("scaling").order[0]).toBe("scale-plan");
    expect(sectionPlan("adopted").order.slice(0, 2)).toEqual(["decisions", "metrics"]);
    expect(sectionPlan("stopped").open).toEqual(["decisions", "metrics"]);
  });

  it("lists every section exactly once in every stage", () => {
    for (const stage of [
      "proposed",
      "selecting",
      "running",
      "paused",
      "scale_review",
      "scaling",
      "adopted",
      "stopped",
    ] as const) {
      const { order } = sectionPlan(stage);
      expect(new Set(order).size).toBe(9);
      expect(order).toHaveLength(9);
    }
  });
});

describe("Section folding", () => {
  afterEach(() => window.localStorage.clear());

  const page = (open: string[], forced: string[] = []) => (
    <SectionFoldProvider pilotId="p1" open={open} forced={forced}>
      <Section id="metrics" title="Metrics" action={<button type="button">Add metric</button>}>
        <p>Stock-outs per month</p>
      </Section>
      <Section id="candidates" title="Candidates">
        <p>St. Agnes Hospital</p>
      </Section>
    </SectionFoldProvider>
  );

  it("opens what the stage needs and folds the rest behind a disclosure button", () => {
    render(page(["metrics"]));
    const metrics = screen.getByRole("button", { name: "Metrics" });
    const candidates = screen.getByRole("button", { name: "Candidates" });
    expect(metrics).toHaveAttribute("aria-expanded", "true");
    expect(candidates).toHaveAttribute("aria-expanded", "false");
    expect(screen.getByText("Stock-outs per month")).toBeVisible();
    expect(screen.queryByText("St. Agnes Hospital")).toBeNull();
    // The heading stays a level-2 heading for screen-reader navigation.
    expect(screen.getByRole("heading", { level: 2, name: "Candidates" })).toBeInTheDocument();
  });

  it("folds by keyboard and remembers the choice per pilot and section", async () => {
    const user = userEvent.setup();
    const { unmount } = render(page(["metrics"]));
    screen.getByRole("button", { name: "Metrics" }).focus();
    await user.keyboard("{Enter}");
    expect(screen.getByRole("button", { name: "Metrics" })).toHaveAttribute(
      "aria-expanded",
      "false",
    );
    expect(screen.queryByText("Stock-outs per month")).toBeNull();
    expect(screen.queryByRole("button", { name: "Add metric" })).toBeNull();
    await user.click(screen.getByRole("button", { name: "Candidates" }));
    expect(screen.getByText("St. Agnes Hospital")).toBeVisible();
    expect(window.localStorage.getItem("pilotboard:pilot-section:p1:metrics")).toBe("closed");
    expect(window.localStorage.getItem("pilotboard:pilot-section:p1:candidates")).toBe("open");

    unmount();
    render(page(["metrics"]));
    expect(screen.getByRole("button", { name: "Metrics" })).toHaveAttribute(
      "aria-expanded",
      "false",
    );
    expect(screen.getByText("St. Agnes Hospital")).toBeVisible();
  });

  it("opens a section a link points at, even one folded before", () => {
    window.localStorage.setItem("pilotboard:pilot-section:p1:candidates", "closed");
    render(page(["metrics"], ["candidates"]));
    expect(screen.getByText("St. Agnes Hospital")).toBeVisible();
  });

  it("is a plain section outside the pilot page", () => {
    render(
      <Section id="metrics" title="Metrics">
        <p>Stock-outs per month</p>
      </Section>,
    );
    expect(screen.queryByRole("button")).toBeNull();
    expect(screen.getByText("Stock-outs per month")).toBeVisible();
  });
});
