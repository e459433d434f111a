import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { client } from "@/client";
import { apiResult, meReply, mockGet, renderApp, renderInRouter } from "@/test/render";
import { EARLY, LEARNING, PREMIER, pilotPractice, VOICE } from "../fixtures";
import { PracticesPanel } from "./practices-panel";

const WS = "ws-1";
const PILOT = "9b2f0c1e-1111-4a4a-8b8b-000000000001";
const EMPTY_LIST = { status: 200, body: { items: [], next_cursor: null } };
const WORKSPACE = {
  id: WS,
  name: "Demo",
  currency: "EUR",
  role: "executive",
  created_at: "2026-01-01T09:00:00Z",
  updated_at: "2026-01-01T09:00:00Z",
};

function mockApi(role: string, learning: { status: number; body: unknown }) {
  return mockGet({
    "/api/v1/auth/me": meReply([{ workspace_id: WS, workspace_name: "Demo", role }]),
    "/api/v1/workspaces/{workspace_id}": { status: 200, body: { ...WORKSPACE, role } },
    "/api/v1/workspaces/{workspace_id}/portfolio/learning": learning,
    "/api/v1/workspaces/{workspace_id}/members": EMPTY_LIST,
    "/api/v1/workspaces/{workspace_id}/departments": EMPTY_LIST,
  });
}

describe("what the portfolio teaches", () => {
  it("draws each practice's two rates as named marks, keeps short data apart, and cautions", async () => {
    const get = mockApi("viewer", { status: 200, body: LEARNING });
    renderApp(`/w/${WS}/learning?risk=low&as_of=2026-11-22`);

    expect(
      await screen.findByRole("heading", { level: 1, name: "What your portfolio teaches" }),
    ).toBeInTheDocument();
    // The filters and the date in the URL go to the API under its names.
    expect(get).toHaveBeenCalledWith(
      "/api/v1/workspaces/{workspace_id}/portfolio/learning",
      expect.objectContaining({
        params: { path: { workspace_id: WS }, query: { risk_level: "low", as_of: "2026-11-22" } },
      }),
    );
    const enough = await screen.findByRole("list", { name: "Practices with enough data" });
    const mark = within(enough).getByRole("img", {
      name: "Two departments engaged before the start. Pilots that followed it: 17 of 24 scaled, 71 %, 95 % interval 51–85 %.",
    });
    expect(mark).toHaveAttribute("tabindex", "0");
    expect(
      within(enough).getByText(
        "17 of 24 pilots that engaged two departments before the start scaled; 6 of 21 that did not.",
      ),
    ).toBeInTheDocument();

    const short = screen.getByRole("region", { name: "Not enough data yet" });
    expect(within(short).queryByText(EARLY.label)).not.toBeInTheDocument();
    expect(
      within(short).getByText("Needs 2 more closed pilots that chose a premier-account customer."),
    ).toBeInTheDocument();
    expect(
      within(short).getByRole("img", {
        name: "The customer's voice on two iterations. Pilots that followed it: no closed pilot.",
      }),
    ).toBeInTheDocument();
    expect(screen.getByText("Association, not proof.")).toBeInTheDocument();

    // The table view carries the same numbers.
    await userEvent.click(screen.getByRole("button", { name: "Table" }));
    const row = screen.getByRole("row", { name: /Two departments engaged before the start/ });
    expect(
      within(row)
        .getAllByRole("cell")
        .map((cell) => cell.textContent),
    ).toEqual(["17 of 24", "71 % (51–85 %)", "6 of 21", "29 % (14–50 %)", "▲ 42 points", "Yes"]);
    expect(screen.getByRole("row", { name: new RegExp(PREMIER.label) })).toHaveTextContent(
      "Not yet",
    );
  });

  it("says what to do when no pilot has closed yet", async () => {
    mockApi("executive", {
      status: 200,
      body: { as_of: "2026-11-22", closed: { scaled: 0, stopped: 0 }, practices: [] },
    });
    renderApp(`/w/${WS}/learning`);
    expect(await screen.findByRole("heading", { name: "No closed pilots yet" })).toBeVisible();
    expect(screen.getByRole("link", { name: "See the decisions waiting" })).toHaveAttribute(
      "href",
      `/w/${WS}/portfolio`,
    );
  });

  it("shows the error with a retry", async () => {
    mockApi("executive", { status: 500, body: { title: "Server error", status: 500 } });
    renderApp(`/w/${WS}/learning`);
    expect(await screen.findByText("Could not load what the portfolio teaches")).toBeVisible();
    expect(screen.getByRole("button", { name: "Retry" })).toBeEnabled();
  });
});

describe("the practices panel", () => {
  it("says what the pilot follows and links what it does not to the action that fixes it", async () => {
    const items = [
      pilotPractice(EARLY, false),
      pilotPractice(PREMIER, true),
      pilotPractice(VOICE, null),
      pilotPractice(
        { ...EARLY, code: "quick_decision", label: "A quick scale-review decision" },
        null,
      ),
    ];
    vi.spyOn(client, "GET").mockImplementation((async (path: string) => {
      if (path.endsWith("/practices"))
        return apiResult({ status: 200, body: { as_of: "2026-11-22", items } });
      if (path === "/api/v1/auth/me")
        return apiResult(meReply([{ workspace_id: WS, workspace_name: "Demo", role: "editor" }]));
      return apiResult({ status: 404, body: { title: "Not found", status: 404 } });
    }) as never);
    renderInRouter(<PracticesPanel workspaceId={WS} pilotId={PILOT} />);

    const list = await screen.findByRole("list", {
      name: "Practices and whether this pilot follows them",
    });
    const rows = within(list).getAllByRole("listitem");
    // What needs attention first (not followed; a red flag followed), then not yet known.
    expect(rows.map((r) => r.textContent?.slice(0, 40))).toEqual([
      expect.stringContaining("Not followed"),
      expect.stringContaining("FollowingA premier-account customer"),
      expect.stringContaining("Not yet known"),
      expect.stringContaining("Not yet known"),
    ]);
    const early = rows[0];
    expect(early).toHaveTextContent(
      "In this portfolio, pilots that followed it scaled more often (71 % against 29 %)",
    );
    expect(
      early && within(early).getByRole("link", { name: "Engage departments" }),
    ).toHaveAttribute("href", `/w/${WS}/pilots/${PILOT}#departments`);
    // A premier account is a red flag: following it is what needs attention, data short or not.
    expect(rows[1]).toHaveTextContent(/Too little history to tell yet: 0 of 3 pilots/);
    expect(
      rows[1] && within(rows[1]).getByRole("link", { name: "Review the candidate customers" }),
    ).toHaveAttribute("href", `/w/${WS}/pilots/${PILOT}#candidates`);
    expect(
      rows[2] && within(rows[2]).getByRole("link", { name: "Ask the customer for feedback" }),
    ).toHaveAttribute("href", `/w/${WS}/pilots/${PILOT}#customer-voice`);
    // An editor cannot decide: the decision link goes to the decisions.
    expect(
      rows[3] && within(rows[3]).getByRole("link", { name: "See the decisions" }),
    ).toHaveAttribute("href", `/w/${WS}/pilots/${PILOT}#decisions`);
    expect(screen.getByText("Follows 1 of 4 practices; 2 need attention.")).toBeVisible();
    expect(screen.getByRole("link", { name: "What your portfolio teaches" })).toHaveAttribute(
      "href",
      `/w/${WS}/learning`,
    );
  });
});
