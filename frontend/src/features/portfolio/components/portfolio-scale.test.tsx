import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { client } from "@/client";
import { apiResult, meReply, renderApp } from "@/test/render";
import { binPilotsSearch, binSummary, describeBin, healthMix } from "../bins";
import type { AttentionItem, PointBin, Portfolio, WaitingDecision } from "../types";
import { compactCount } from "./bubble-chart";

const WS = "ws-1";
const id = (n: number) => `9b2f0c1e-1111-4a4a-8b8b-${String(n).padStart(12, "0")}`;

const attention = (n: number): AttentionItem => ({
  pilot_id: id(n),
  title: `Pilot ${n}`,
  health: "stalled",
  reasons: [{ code: "no_recent_iteration", severity: "stalled", message: `Reason ${n}` }],
  days_in_stage: 100 - n,
  criteria_changed: false,
});

const waiting = (n: number): WaitingDecision => ({
  pilot_id: id(100 + n),
  title: `Waiting ${n}`,
  decision: n % 2 ? "scale" : "start",
  waiting_days: 60 - n,
});

const BIN_LOW: PointBin = {
  risk_level: "low",
  progress_band: "25-50",
  count: 1200,
  on_track: 1000,
  at_risk: 150,
  stalled: 50,
  revenue_at_stake: 2_500_000,
};
const BIN_NONE: PointBin = {
  risk_level: "high",
  progress_band: "none",
  count: 40,
  on_track: 40,
  at_risk: 0,
  stalled: 0,
  revenue_at_stake: 0,
};

const PORTFOLIO: Portfolio = {
  as_of: "2026-11-22",
  totals: { pilots: 1242, active: 1242, on_track: 1040, at_risk: 150, stalled: 52 },
  stages: [
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
    count: stage === "running" ? 1242 : 0,
    revenue_at_stake: 0,
  })) as Portfolio["stages"],
  points: [1, 2].map((n) => ({
    pilot_id: id(n),
    title: `Pilot ${n}`,
    stage: "running" as const,
    risk_level: "medium" as const,
    health: "stalled" as const,
    revenue_lift: 0.1 * n,
    progress: 0.4 * n,
    revenue_at_stake: 100_000 * n,
    criteria_changed: false,
  })),
  points_total: 1242,
  point_bins: [BIN_LOW, BIN_NONE],
  attention: [attention(1), attention(2)],
  attention_total: 5,
  decisions_waiting: [waiting(1), waiting(2)],
  decisions_waiting_total: 4,
  outcomes: {
    adopted: 0,
    stopped: 0,
    win_rate: null,
    total_revenue_gain: 0,
    median_revenue_lift: null,
    median_days_to_scale_decision: null,
  },
  departments: [],
  time_in_stage: [],
};

const EMPTY_LIST = { status: 200, body: { items: [], next_cursor: null } };

type Reply = { status: number; body: unknown };

/** The API, with the attention pages answered by cursor (and the decisions' by `onWaiting`). */
function mockApi(
  onWaiting?: (cursor: string | undefined) => Promise<Reply>,
  portfolio: Portfolio = PORTFOLIO,
) {
  const replies: Record<string, ReturnType<typeof meReply>> = {
    "/api/v1/auth/me": meReply([{ workspace_id: WS, workspace_name: "Demo", role: "executive" }]),
    "/api/v1/workspaces/{workspace_id}": {
      status: 200,
      body: {
        id: WS,
        name: "Demo",
        currency: "EUR",
        role: "executive",
        created_at: "2026-01-01T09:00:00Z",
        updated_at: "2026-01-01T09:00:00Z",
      },
    },
    "/api/v1/workspaces/{workspace_id}/portfolio": { status: 200, body: portfolio },
    "/api/v1/workspaces/{workspace_id}/members": EMPTY_LIST,
    "/api/v1/workspaces/{workspace_id}/departments": EMPTY_LIST,
    "/api/v1/workspaces/{workspace_id}/customers": EMPTY_LIST,
    "/api/v1/workspaces/{workspace_id}/pilots": EMPTY_LIST,
  };
  return vi.spyOn(client, "GET").mockImplementation((async (
    path: string,
    options?: { params?: { query?: { cursor?: string } } },
  ) => {
    if (path === "/api/v1/workspaces/{workspace_id}/portfolio/attention") {
      const cursor = options?.params?.query?.cursor;
      // The first page repeats what the portfolio already shows; the page drops those.
      return apiResult(
        cursor === "c1"
          ? { status: 200, body: { items: [attention(5)], next_cursor: null, total: 5 } }
          : {
              status: 200,
              body: {
                items: [attention(1), attention(2), attention(3), attention(4)],
                next_cursor: "c1",
                total: 5,
              },
            },
      );
    }
    if (path === "/api/v1/workspaces/{workspace_id}/portfolio/decisions-waiting") {
      // One page past the portfolio's, repeating what it already shows; then nothing more.
      const reply = await onWaiting?.(options?.params?.query?.cursor);
      return apiResult(
        reply ?? {
          status: 200,
          body: {
            items: [waiting(1), waiting(2), waiting(3), waiting(4)],
            next_cursor: null,
            total: 4,
          },
        },
      );
    }
    return apiResult(replies[path] ?? { status: 404, body: { title: "Not found", status: 404 } });
  }) as never);
}

describe("the bubble chart at scale", () => {
  it("says how many pilots are marks and how many are grouped, and links each group", async () => {
    mockApi();
    renderApp(`/w/${WS}/portfolio`);

    // The page mounts, then its report, in steps of their own: give them time under a busy run.
    expect(
      await screen.findByText(
        "2 of 1,242 pilots shown individually (stalled, at risk and the most revenue at stake first); the other 1,240 are grouped by risk and progress, each group with its count.",
        undefined,
        { timeout: 5_000 },
      ),
    ).toBeInTheDocument();
    // A group on the progress axis is drawn in the chart: a link, reachable by Tab, named in words.
    // The chart's code comes in a chunk of its own.
    const drawn = await screen.findByRole(
      "link",
      { name: /^1,200 pilots grouped, Low risk/ },
      { timeout: 5_000 },
    );
    expect(drawn).toHaveAttribute("href", `/w/${WS}/pilots?risk=low`);
    expect(drawn).toHaveAccessibleName(
      "1,200 pilots grouped, Low risk, 25–50 % of target: 50 stalled, 150 at risk, 1,000 on track; €2,500,000 at stake",
    );
    expect(drawn.closest("svg")).not.toBeNull();
    expect(within(drawn).getByText("1.2k")).toBeInTheDocument();
    // One without progress cannot be placed on the axis: it is listed under the chart.
    const listed = within(screen.getByRole("list", { name: "Grouped pilots not drawn" })).getByRole(
      "link",
    );
    expect(listed).toHaveAccessibleName(
      "40 pilots grouped, High risk, no progress measured: 40 on track; €0 at stake",
    );
    expect(listed).toHaveAttribute("href", `/w/${WS}/pilots?risk=high`);
  }, 20_000);

  it("lists every group in the table view, after a page of pilots", async () => {
    mockApi();
    const user = userEvent.setup();
    renderApp(`/w/${WS}/portfolio`);
    const card = (await screen.findByRole("heading", { name: "Risk and outcome" })).closest(
      "section",
    ) as HTMLElement;
    await user.click(within(card).getByRole("button", { name: "Table" }));
    const groups = await within(card).findByRole("table", {
      name: /Pilots grouped by risk and progress/,
    });
    expect(within(groups).getAllByRole("row")).toHaveLength(3);
    expect(
      within(groups).getByRole("rowheader", { name: "Low risk, 25–50 % of target" }),
    ).toBeInTheDocument();
  });

  it("words, shades and links a group", () => {
    expect(compactCount(999)).toBe("999");
    expect(compactCount(1250)).toBe("1.2k");
    expect(compactCount(12_400)).toBe("12k");
    expect(healthMix(BIN_LOW)).toEqual({
      stalled: 50 / 1200,
      at_risk: 150 / 1200,
      on_track: 1000 / 1200,
    });
    expect(describeBin({ ...BIN_LOW, risk_level: null }, "EUR")).toMatch(
      /^1,200 pilots grouped, risk not rated/,
    );
    // The portfolio's filters carry over; the group's risk level narrows them.
    expect(binPilotsSearch(BIN_LOW, { stage: "running", health: "stalled" })).toEqual({
      stage: "running",
      health: "stalled",
      risk: "low",
    });
    expect(binPilotsSearch({ ...BIN_LOW, risk_level: null }, { risk: "high" }).risk).toBe("high");
    expect(binSummary(300, 300)).toBeNull();
  });
});

describe("the attention list", () => {
  it("shows the portfolio's first items and loads the rest page by page", async () => {
    const get = mockApi();
    const user = userEvent.setup();
    renderApp(`/w/${WS}/portfolio`);

    const list = await screen.findByRole(
      "list",
      { name: "Pilots that need attention" },
      // The page mounts, then its report, in steps of their own: give them time under a busy run.
      { timeout: 5_000 },
    );
    expect(within(list).getAllByRole("link", { name: /^Pilot \d$/ })).toHaveLength(2);
    expect(screen.getByText("5 pilots, stalled first")).toBeInTheDocument();

    await user.click(
      screen.getByRole("button", { name: "Show more (3 more pilots that need attention)" }),
    );
    expect(await within(list).findByRole("link", { name: "Pilot 4" })).toBeInTheDocument();
    expect(get).toHaveBeenCalledWith(
      "/api/v1/workspaces/{workspace_id}/portfolio/attention",
      expect.objectContaining({
        params: { path: { workspace_id: WS }, query: { limit: 52, cursor: undefined } },
      }),
    );
    // Each pilot once, in order.
    expect(
      within(list)
        .getAllByRole("link", { name: /^Pilot \d$/ })
        .map((a) => a.textContent),
    ).toEqual(["Pilot 1", "Pilot 2", "Pilot 3", "Pilot 4"]);

    await user.click(
      screen.getByRole("button", { name: "Show more (1 more pilots that need attention)" }),
    );
    expect(await within(list).findByRole("link", { name: "Pilot 5" })).toBeInTheDocument();
    expect(get).toHaveBeenCalledWith(
      "/api/v1/workspaces/{workspace_id}/portfolio/attention",
      expect.objectContaining({
        params: { path: { workspace_id: WS }, query: { limit: 50, cursor: "c1" } },
      }),
    );
    expect(
      screen.queryByRole("button", { name: /more pilots that need attention/ }),
    ).not.toBeInTheDocument();
  });
});

describe("the decisions waiting", () => {
  it("shows the portfolio's first decisions with the total and loads the rest", async () => {
    const get = mockApi();
    const user = userEvent.setup();
    renderApp(`/w/${WS}/portfolio`);

    const list = await screen.findByRole(
      "list",
      { name: "Decisions waiting" },
      // The page mounts, then its report, in steps of their own: give them time under a busy run.
      { timeout: 5_000 },
    );
    const titles = () =>
      within(list)
        .getAllByRole("link", { name: /^Waiting \d$/ })
        .map((a) => a.textContent);
    expect(titles()).toEqual(["Waiting 1", "Waiting 2"]);
    const section = screen.getByRole("region", { name: "Decisions waiting on you" });
    expect(within(section).getByText("4 pilots, longest waiting first")).toBeInTheDocument();
    // Nothing is fetched before it is asked for.
    expect(get).not.toHaveBeenCalledWith(
      "/api/v1/workspaces/{workspace_id}/portfolio/decisions-waiting",
      expect.anything(),
    );

    // A button, reachable by keyboard, that says how many are left (to screen readers, of what).
    const more = within(section).getByRole("button", {
      name: "Show more (2 more decisions waiting)",
    });
    more.focus();
    await user.keyboard("{Enter}");
    expect(await within(list).findByRole("link", { name: "Waiting 4" })).toBeInTheDocument();
    expect(get).toHaveBeenCalledWith(
      "/api/v1/workspaces/{workspace_id}/portfolio/decisions-waiting",
      expect.objectContaining({
        params: { path: { workspace_id: WS }, query: { limit: 52, cursor: undefined } },
      }),
    );
    // Each pilot once, in order; every one is here, so no button is left.
    expect(titles()).toEqual(["Waiting 1", "Waiting 2", "Waiting 3", "Waiting 4"]);
    expect(within(section).queryByRole("button", { name: /Show more/ })).not.toBeInTheDocument();
  });

  it("says it is loading, and when a page fails, lets the reader try again", async () => {
    let release: (reply: Reply) => void = () => {};
    mockApi(
      () =>
        new Promise<Reply>((resolve) => {
          release = resolve;
        }),
    );
    const user = userEvent.setup();
    renderApp(`/w/${WS}/portfolio`);
    const section = await screen.findByRole(
      "region",
      { name: "Decisions waiting on you" },
      { timeout: 5_000 },
    );
    await user.click(
      within(section).getByRole("button", { name: "Show more (2 more decisions waiting)" }),
    );
    // While the page loads the button says so, and cannot be pressed twice.
    const loading = await within(section).findByRole("button", {
      name: "Loading… (2 more decisions waiting)",
    });
    expect(loading).toBeDisabled();
    expect(loading).toHaveAttribute("aria-busy", "true");
    release({ status: 500, body: { title: "Server error", status: 500 } });
    expect(await within(section).findByRole("alert")).toHaveTextContent(
      "The next pilots did not load. Try again.",
    );

    await user.click(
      within(section).getByRole("button", { name: "Show more (2 more decisions waiting)" }),
    );
    release({ status: 200, body: { items: [waiting(3)], next_cursor: "w2", total: 4 } });
    expect(await within(section).findByRole("link", { name: "Waiting 3" })).toBeInTheDocument();
    expect(within(section).queryByRole("alert")).not.toBeInTheDocument();
    // One left on the server: the button stays, for the next page.
    expect(
      within(section).getByRole("button", { name: "Show more (1 more decisions waiting)" }),
    ).toBeEnabled();
  });

  it("shows ten at a time, and fetches a page only past those the portfolio carried", async () => {
    const range = (from: number, to: number) =>
      Array.from({ length: to - from + 1 }, (_, i) => waiting(from + i));
    const get = mockApi(
      async () => ({
        status: 200,
        body: { items: range(20, 28), next_cursor: null, total: 28 },
      }),
      { ...PORTFOLIO, decisions_waiting: range(1, 25), decisions_waiting_total: 28 },
    );
    const user = userEvent.setup();
    renderApp(`/w/${WS}/portfolio`);
    const list = await screen.findByRole("list", { name: "Decisions waiting" }, { timeout: 5_000 });
    const section = screen.getByRole("region", { name: "Decisions waiting on you" });
    const titles = () =>
      within(list)
        .getAllByRole("link", { name: /^Waiting \d+$/ })
        .map((a) => a.textContent);
    const fetched = () =>
      (get.mock.calls as unknown as [string][]).filter(
        ([path]) => path === "/api/v1/workspaces/{workspace_id}/portfolio/decisions-waiting",
      ).length;
    expect(titles()).toEqual(range(1, 10).map((w) => w.title));

    // The next ten are already here: shown without a request.
    await user.click(
      within(section).getByRole("button", { name: "Show more (18 more decisions waiting)" }),
    );
    expect(await within(list).findByRole("link", { name: "Waiting 20" })).toBeInTheDocument();
    expect(titles()).toEqual(range(1, 20).map((w) => w.title));
    expect(fetched()).toBe(0);

    // Past the portfolio's 25: the rest come from the API, each pilot once, in order.
    await user.click(
      within(section).getByRole("button", { name: "Show more (8 more decisions waiting)" }),
    );
    expect(await within(list).findByRole("link", { name: "Waiting 28" })).toBeInTheDocument();
    expect(fetched()).toBe(1);
    expect(titles()).toEqual(range(1, 28).map((w) => w.title));
    expect(within(section).queryByRole("button", { name: /Show more/ })).not.toBeInTheDocument();
  });
});
