import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { meReply, mockGet, renderApp } from "@/test/render";
import type { Portfolio } from "../types";

const WS = "ws-1";
const KITTING = "9b2f0c1e-1111-4a4a-8b8b-000000000001";
const SHELF = "9b2f0c1e-1111-4a4a-8b8b-000000000002";
const VMI = "9b2f0c1e-1111-4a4a-8b8b-000000000003";
const ENERGY = "9b2f0c1e-1111-4a4a-8b8b-000000000004";

const WORKSPACE = {
  id: WS,
  name: "Demo",
  currency: "EUR",
  role: "executive",
  created_at: "2026-01-01T09:00:00Z",
  updated_at: "2026-01-01T09:00:00Z",
};

const stages = (counts: Partial<Record<string, number>> = {}) =>
  [
    "proposed",
    "selecting",
    "running",
    "scale_review",
    "scaling",
    "adopted",
    "paused",
    "stopped",
  ].map((stage) => ({
    stage,
    count: counts[stage] ?? 0,
    revenue_at_stake: (counts[stage] ?? 0) * 100_000,
  })) as Portfolio["stages"];

const PORTFOLIO: Portfolio = {
  as_of: "2026-11-22",
  totals: { pilots: 3, active: 3, on_track: 1, at_risk: 0, stalled: 2 },
  stages: stages({ running: 1, scale_review: 1, scaling: 1 }),
  points_total: 3,
  point_bins: [],
  attention_total: 2,
  points: [
    {
      pilot_id: KITTING,
      title: "Line-side kitting",
      stage: "running",
      risk_level: "low",
      health: "stalled",
      revenue_lift: 0.16,
      progress: 0.5,
      revenue_at_stake: 150_000,
      criteria_changed: true,
    },
    {
      pilot_id: SHELF,
      title: "Shelf-ready deliveries",
      stage: "scale_review",
      risk_level: "medium",
      health: "stalled",
      revenue_lift: 0.122222,
      progress: 0.82,
      revenue_at_stake: 300_000,
      criteria_changed: false,
    },
    {
      pilot_id: VMI,
      title: "Vendor-managed inventory",
      stage: "scaling",
      risk_level: "low",
      health: "on_track",
      revenue_lift: 0.35,
      progress: 1.22,
      revenue_at_stake: 500_000,
      criteria_changed: false,
    },
  ],
  attention: [
    {
      pilot_id: KITTING,
      title: "Line-side kitting",
      health: "stalled",
      reasons: [
        {
          code: "no_recent_iteration",
          severity: "stalled",
          message: "No iteration for 62 days (more than 45).",
        },
      ],
      days_in_stage: 198,
      criteria_changed: true,
    },
    {
      pilot_id: SHELF,
      title: "Shelf-ready deliveries",
      health: "stalled",
      reasons: [
        {
          code: "scale_decision_overdue",
          severity: "stalled",
          message: "Waiting 40 days for an executive decision (more than 30).",
        },
      ],
      days_in_stage: 40,
      criteria_changed: false,
    },
  ],
  decisions_waiting: [
    { pilot_id: SHELF, title: "Shelf-ready deliveries", decision: "scale", waiting_days: 40 },
    { pilot_id: ENERGY, title: "Energy audits", decision: "start", waiting_days: 12 },
  ],
  decisions_waiting_total: 2,
  outcomes: {
    adopted: 2,
    stopped: 1,
    win_rate: 0.666667,
    total_revenue_gain: 277_000,
    median_revenue_lift: 0.122222,
    median_days_to_scale_decision: 120,
  },
  departments: [
    {
      department_id: "d-1",
      name: "Marketing",
      invited: 2,
      engaged: 0,
      champion: 0,
      declined: 2,
      silent: 0,
      indifference_index: 1,
      flagged: true,
    },
    {
      department_id: "d-2",
      name: "Supply chain",
      invited: 0,
      engaged: 5,
      champion: 3,
      declined: 0,
      silent: 2,
      indifference_index: 0.25,
      flagged: false,
    },
  ],
  time_in_stage: [
    { stage: "running", median_days: 147, max_days: 198 },
    { stage: "scale_review", median_days: 24.5, max_days: 40 },
  ],
};

const EMPTY_LIST = { status: 200, body: { items: [], next_cursor: null } };

function mockApi(role: string, portfolio: { status: number; body: unknown }) {
  return mockGet({
    "/api/v1/auth/me": meReply([{ workspace_id: WS, workspace_name: "Demo", role }]),
    "/api/v1/workspaces/{workspace_id}": { status: 200, body: { ...WORKSPACE, role } },
    "/api/v1/workspaces/{workspace_id}/portfolio": portfolio,
    "/api/v1/workspaces/{workspace_id}/members": EMPTY_LIST,
    "/api/v1/workspaces/{workspace_id}/departments": EMPTY_LIST,
    "/api/v1/workspaces/{workspace_id}/customers": EMPTY_LIST,
    "/api/v1/workspaces/{workspace_id}/pilots": EMPTY_LIST,
  });
}

describe("the portfolio page", () => {
  it("is where an executive lands: figures, attention with a way to act, decisions waiting", {
    timeout: 20_000,
  }, async () => {
    const get = mockApi("executive", { status: 200, body: PORTFOLIO });
    const { router } = renderApp(`/w/${WS}`);

    expect(await screen.findByRole("heading", { level: 1, name: "Portfolio" })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe(`/w/${WS}/portfolio`);
    // "As of" the date the API evaluated (shown in the reader's locale).
    expect(
      await screen.findByText(
        (_, el) => el?.tagName === "TIME" && el.getAttribute("datetime") === "2026-11-22",
      ),
    ).toBeInTheDocument();

    const headline = screen.getByRole("region", { name: "Headline figures" });
    const tile = (name: string) => within(headline).getByRole("listitem", { name });
    expect(within(tile("Stalled")).getByText("2")).toBeInTheDocument();
    expect(within(tile("Win rate")).getByText("67 %")).toBeInTheDocument();
    expect(within(tile("Win rate")).getByText("2 adopted · 1 stopped")).toBeInTheDocument();
    expect(within(tile("Revenue gain")).getByText("€277,000")).toBeInTheDocument();
    expect(
      within(tile("Median revenue lift")).getByText("improved by 12.2 percent"),
    ).toBeInTheDocument();

    const attention = screen.getByRole("list", { name: "Pilots that need attention" });
    expect(within(attention).getByText("198 days in Running")).toBeInTheDocument();
    expect(
      within(attention).getByRole("link", {
        name: "Record the decision for Shelf-ready deliveries",
      }),
    ).toHaveAttribute("href", `/w/${WS}/pilots/${SHELF}#decisions`);
    expect(
      within(attention).getByRole("link", { name: "See iterations for Line-side kitting" }),
    ).toHaveAttribute("href", `/w/${WS}/pilots/${KITTING}#iterations`);

    // Moved goalposts are flagged in words beside the health.
    const kitting = within(attention).getAllByRole("listitem")[0];
    expect(kitting).toHaveTextContent("Line-side kitting");
    expect(kitting && within(kitting).getByText("Criteria changed after start")).toBeVisible();
    expect(within(attention).getAllByText("Criteria changed after start")).toHaveLength(1);

    // Each waiting decision says what it is and how long it waits, and leads to the form.
    expect(screen.getByRole("heading", { name: "Decisions waiting on you" })).toBeInTheDocument();
    const waiting = screen.getByRole("list", { name: "Decisions waiting" });
    const [scale, start] = within(waiting).getAllByRole("listitem");
    expect(scale).toHaveTextContent("Shelf-ready deliveriesScale reviewWaiting 40 daysOverdue");
    expect(
      scale &&
        within(scale).getByRole("link", { name: "Record the decision for Shelf-ready deliveries" }),
    ).toHaveAttribute("href", `/w/${WS}/pilots/${SHELF}?decide=scale#decisions`);
    expect(start).toHaveTextContent("Energy auditsStart decisionWaiting 12 days");
    expect(start).not.toHaveTextContent("Overdue");
    expect(
      start && within(start).getByRole("link", { name: "Record the decision for Energy audits" }),
    ).toHaveAttribute("href", `/w/${WS}/pilots/${ENERGY}?decide=start#decisions`);

    expect(
      await screen.findByText(
        /Marketing shows organisational indifference/,
        { selector: "span" },
        // The report's lower part is its own chunk (React.lazy): it lands a moment later.
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
    // Silent departments count beside the engagement columns and in the index.
    const supply = screen.getByRole("row", { name: /Supply chain/ });
    expect(
      within(supply)
        .getAllByRole("cell")
        .map((cell) => cell.textContent),
    ).toEqual(["0", "5", "3", "0", "2", "25 %"]);

    // Each bubble is a link to its pilot, named in words (the chart lays itself out in the
    // background, after the rest of the report).
    expect(
      await screen.findByRole("link", {
        name: "Line-side kitting, Stalled, Running, Low risk, 50 % of target, €150,000 at stake, criteria changed after start",
      }),
    ).toHaveAttribute("href", `/w/${WS}/pilots/${KITTING}`);
    expect(get).toHaveBeenCalledWith(
      "/api/v1/workspaces/{workspace_id}/portfolio",
      expect.objectContaining({ params: { path: { workspace_id: WS }, query: {} } }),
    );
  });

  it("passes the URL's filters and date to the API and to the CSV link", async () => {
    const get = mockApi("viewer", { status: 200, body: PORTFOLIO });
    renderApp(`/w/${WS}/portfolio?health=stalled&as_of=2026-12-22`);

    expect(await screen.findByText(/Filtered: Stalled/)).toBeInTheDocument();
    // Two downloads: words and percentages for people, codes and fractions for machines.
    // The menu's code arrives on first use (a chunk of its own): give it time under a busy run.
    await userEvent.click(screen.getByRole("button", { name: "Download CSV" }));
    expect(
      await screen.findByRole("menuitem", { name: /CSV for spreadsheets/ }, { timeout: 5_000 }),
    ).toHaveAttribute(
      "href",
      `/api/v1/workspaces/${WS}/portfolio?format=csv&health=stalled&as_of=2026-12-22&labels=true`,
    );
    expect(screen.getByRole("menuitem", { name: /CSV for machines/ })).toHaveAttribute(
      "href",
      `/api/v1/workspaces/${WS}/portfolio?format=csv&health=stalled&as_of=2026-12-22`,
    );
    await userEvent.keyboard("{Escape}");
    expect(screen.getByLabelText("Health")).toHaveValue("stalled");
    expect(get).toHaveBeenCalledWith(
      "/api/v1/workspaces/{workspace_id}/portfolio",
      expect.objectContaining({
        params: { path: { workspace_id: WS }, query: { health: "stalled", as_of: "2026-12-22" } },
      }),
    );
    // A viewer does not decide: the heading says who does, and no entry offers the form.
    expect(
      screen.getByRole("heading", { name: "Decisions waiting on executives" }),
    ).toBeInTheDocument();
    const waiting = screen.getByRole("list", { name: "Decisions waiting" });
    expect(within(waiting).queryByRole("link", { name: /Record the decision/ })).toBeNull();
    expect(within(waiting).getByRole("link", { name: "Energy audits" })).toHaveAttribute(
      "href",
      `/w/${WS}/pilots/${ENERGY}#decisions`,
    );
  });

  it("shows every chart as a table on request", async () => {
    mockApi("executive", { status: 200, body: PORTFOLIO });
    renderApp(`/w/${WS}/portfolio`);

    const funnel = await screen.findByRole("region", { name: "Pilots by stage" });
    await userEvent.click(within(funnel).getByRole("button", { name: "Table" }));
    expect(within(funnel).getByRole("button", { name: "Table" })).toHaveAttribute(
      "aria-pressed",
      "true",
    );
    // The charts' code comes in a chunk of its own.
    const table = await within(funnel).findByRole("table", {
      name: "Pilots and revenue at stake by stage",
    });
    expect(within(table).getByRole("row", { name: /Scale review/ })).toHaveTextContent(
      "Scale review1€100,000",
    );

    // The points' table flags moved goalposts in words.
    const risk = screen.getByRole("region", { name: "Risk and outcome" });
    await userEvent.click(within(risk).getByRole("button", { name: "Table" }));
    const points = await within(risk).findByRole("table", {
      name: "Pilots by risk level and progress to target",
    });
    expect(within(points).getByRole("columnheader", { name: "Success criteria" })).toBeVisible();
    expect(within(points).getByRole("row", { name: /Line-side kitting/ })).toHaveTextContent(
      /Criteria changed after start$/,
    );
    expect(within(points).getByRole("row", { name: /Vendor-managed inventory/ })).toHaveTextContent(
      /Unchanged$/,
    );
  });

  it("says when no decision is waiting, and when one will be", async () => {
    mockApi("executive", {
      status: 200,
      body: { ...PORTFOLIO, decisions_waiting: [], decisions_waiting_total: 0 },
    });
    renderApp(`/w/${WS}/portfolio`);

    // The page mounts, then its report, in steps of their own: give them time under a busy run.
    const section = await screen.findByRole(
      "region",
      { name: "Decisions waiting on you" },
      { timeout: 5_000 },
    );
    expect(section).toHaveTextContent(
      "No pilot is waiting for a decision. Pilots appear here once they are ready to start, or when they enter their scale review.",
    );
    expect(within(section).queryByRole("list")).toBeNull();
  });

  it("lands editors and admins on the pilots", async () => {
    mockApi("editor", { status: 200, body: PORTFOLIO });
    const { router } = renderApp(`/w/${WS}`);

    expect(await screen.findByRole("heading", { level: 1, name: "Pilots" })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe(`/w/${WS}/pilots`);
  });

  it("says what to do when no pilot matches, or none exists yet", async () => {
    const empty = {
      ...PORTFOLIO,
      totals: { pilots: 0, active: 0, on_track: 0, at_risk: 0, stalled: 0 },
    };
    mockApi("executive", { status: 200, body: empty });
    const { unmount } = renderApp(`/w/${WS}/portfolio?stage=running&as_of=2026-12-22`);

    expect(
      await screen.findByRole("heading", { name: "No pilots match these filters" }),
    ).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Clear filters" })).toHaveAttribute(
      "href",
      `/w/${WS}/portfolio?as_of=2026-12-22`,
    );
    unmount();

    mockApi("editor", { status: 200, body: empty });
    renderApp(`/w/${WS}/portfolio`);
    expect(await screen.findByRole("heading", { name: "No pilots yet" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Start a pilot" })).toHaveAttribute(
      "href",
      `/w/${WS}/pilots`,
    );
  });

  it("shows an error with a retry when the portfolio cannot load", async () => {
    mockApi("executive", {
      status: 500,
      body: { type: "about:blank", title: "Internal Server Error", status: 500, detail: "Boom." },
    });
    renderApp(`/w/${WS}/portfolio`);

    expect(await screen.findByText("Could not load the portfolio")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Retry" })).toBeInTheDocument();
  });
});
