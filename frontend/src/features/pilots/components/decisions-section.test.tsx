import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { client } from "@/client";
import { formatDate } from "@/lib/format";
import { apiResult, meReply, mockGet, renderWithQuery } from "@/test/render";
import type { DecisionKind } from "../labels";
import type { Pilot } from "../queries";
import type { AllowedDecisions, Decision } from "../records/decisions";
import { todayIso } from "../schemas";
import { DecisionsSection } from "./decisions-section";

const WS = "ws";
const DECISIONS = "/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/decisions";
const ALLOWED = "/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/decisions/allowed";
const WITHDRAW =
  "/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/decisions/{decision_id}/withdraw";

const EFFECTS: Record<DecisionKind, string> = {
  start: "Lets the team move the pilot into Running once the other start criteria are met.",
  continue: "Keeps the pilot running as it is.",
  pivot: "Keeps the pilot running with a changed approach.",
  scale: "Lets the team move the pilot into Scaling once the scale plan covers every department.",
  stop: "Tells the team to end the pilot: they stop it with the reason and what was learned.",
};

const allowed = (stage: Pilot["stage"], kinds: DecisionKind[]): AllowedDecisions => ({
  stage,
  allowed: kinds.map((kind) => ({ kind, effect: EFFECTS[kind] })),
});

const pilot = (over: Partial<Pilot> = {}) =>
  ({
    id: "p1",
    stage: "selecting",
    stage_entered_at: "2026-11-01T10:00:00Z",
    criteria_changed: false,
    ...over,
  }) as Pilot;

const decision = (over: Partial<Decision> & { id: string }): Decision => ({
  etag: `"${over.id}"`,
  kind: "start",
  rationale: "Small, eager and measurable.",
  decided_on: "2026-11-10",
  decided_by: "u-ada",
  created_at: "2026-11-10T09:00:00Z",
  updated_at: "2026-11-10T09:00:00Z",
  withdrawn_at: null,
  withdrawn_by: null,
  withdraw_reason: "",
  ...over,
});

const MEMBERS = [
  { user_id: "u-ada", name: "Ada Admin", email: "ada@x.test", role: "executive" },
  { user_id: "u-eve", name: "Eve Exec", email: "eve@x.test", role: "executive" },
];

function setup({
  role = "executive",
  stage = "selecting",
  kinds = ["start", "stop"],
  decisions = [],
  over = {},
  decide,
}: {
  role?: string;
  stage?: Pilot["stage"];
  kinds?: DecisionKind[];
  decisions?: Decision[];
  over?: Partial<Pilot>;
  decide?: DecisionKind;
} = {}) {
  const replies = {
    "/api/v1/auth/me": meReply([{ workspace_id: WS, workspace_name: "Demo", role }]),
    "/api/v1/workspaces/{workspace_id}/members": {
      status: 200,
      body: { items: MEMBERS, next_cursor: null },
    },
    [DECISIONS]: { status: 200, body: { items: decisions, next_cursor: null } },
    [ALLOWED]: { status: 200, body: allowed(stage, kinds) },
  };
  const get = mockGet(replies);
  renderWithQuery(
    <DecisionsSection
      workspaceId={WS}
      pilot={pilot({ stage, ...over })}
      canRecord={role === "executive" || role === "admin"}
      decide={decide}
    />,
  );
  return { get, replies, section: screen.getByRole("region", { name: "Decisions" }) };
}

describe("the decision form", () => {
  it("offers only the kinds the stage takes, each with what it lets the team do", async () => {
    const user = userEvent.setup();
    const post = vi.spyOn(client, "POST").mockResolvedValue(
      apiResult({
        status: 201,
        body: decision({ id: "d-new", decided_on: todayIso() }),
      }) as never,
    );
    const { section } = setup();

    const kinds = await within(section).findByRole("group", { name: "Decision" });
    expect(kinds).toHaveAccessibleDescription(
      "A pilot in Selecting can take a Start or Stop decision. Decisions fit the stage: each answers the question the pilot faces now.",
    );
    expect(
      within(kinds)
        .getAllByRole("radio")
        .map((r) => r.getAttribute("value")),
    ).toEqual(["start", "stop"]);
    expect(within(kinds).getByRole("radio", { name: "Start" })).toHaveAccessibleDescription(
      EFFECTS.start,
    );
    expect(within(kinds).queryByRole("radio", { name: "Scale" })).toBeNull();
    expect(within(kinds).queryByRole("radio", { name: "Continue" })).toBeNull();

    // Nothing is chosen for the executive: the choice is theirs to make.
    await user.click(within(section).getByRole("button", { name: "Record decision" }));
    expect(
      await within(section).findByText("Choose the decision you are recording."),
    ).toBeVisible();
    expect(post).not.toHaveBeenCalled();

    await user.click(within(kinds).getByRole("radio", { name: "Start" }));
    await user.type(within(section).getByLabelText("Rationale"), "Small, eager and measurable.");
    await user.click(within(section).getByRole("button", { name: "Record decision" }));
    await waitFor(() => expect(post).toHaveBeenCalledTimes(1));
    expect(post).toHaveBeenCalledWith(
      DECISIONS,
      expect.objectContaining({
        body: { kind: "start", rationale: "Small, eager and measurable.", decided_on: todayIso() },
      }),
    );
    // Recorded: the form is empty again, and the next decision is a choice of its own.
    await waitFor(() => expect(within(section).getByLabelText("Rationale")).toHaveValue(""));
    expect(within(kinds).getByRole("radio", { name: "Start" })).not.toBeChecked();
  });

  it("says why an adopted or stopped pilot takes no decision, and offers no form", async () => {
    const { section } = setup({ stage: "stopped", kinds: [] });
    expect(
      await within(section).findByText(
        "A stopped pilot takes no more decisions. Its reason and lessons stay on record.",
      ),
    ).toBeVisible();
    expect(within(section).queryByRole("button", { name: "Record decision" })).toBeNull();
    expect(within(section).queryByRole("radio")).toBeNull();
  });

  it("shows the API's refusal when the stage changed meanwhile, and asks for the kinds again", async () => {
    const user = userEvent.setup();
    vi.spyOn(client, "POST").mockResolvedValue(
      apiResult({
        status: 409,
        body: {
          type: "https://pilotboard.dev/problems/decision-not-allowed",
          title: "Decision not allowed in this stage",
          status: 409,
          detail:
            "A `start` decision cannot be recorded while the pilot is in `running` (it takes `continue`, `pivot`, `stop`).",
          allowed: ["continue", "pivot", "stop"],
        },
      }) as never,
    );
    const { get, replies, section } = setup();
    const kinds = await within(section).findByRole("group", { name: "Decision" });
    await user.click(within(kinds).getByRole("radio", { name: "Start" }));
    await user.type(within(section).getByLabelText("Rationale"), "Go.");
    replies[ALLOWED] = { status: 200, body: allowed("running", ["continue", "pivot", "stop"]) };
    await user.click(within(section).getByRole("button", { name: "Record decision" }));

    expect(await within(section).findByRole("alert")).toHaveTextContent(
      "A start decision cannot be recorded while the pilot is in running (it takes continue, pivot, stop).",
    );
    await within(section).findByRole("radio", { name: "Pivot" });
    expect(get.mock.calls.filter((call) => (call as unknown[])[0] === ALLOWED)).toHaveLength(2);
    // The refused choice is gone with the stage that took it.
    expect(within(section).queryByRole("radio", { name: "Start" })).toBeNull();
    expect(
      within(section).getByText(
        /^A pilot in Running can take a Continue, Pivot or Stop decision\./,
      ),
    ).toBeVisible();
  });

  it("opens at the kind a link asked for, with focus on it", async () => {
    const { section } = setup({
      stage: "scale_review",
      kinds: ["continue", "pivot", "scale", "stop"],
      decide: "scale",
    });
    const scale = await within(section).findByRole("radio", { name: "Scale" });
    await waitFor(() => expect(scale).toBeChecked());
    expect(scale).toHaveFocus();
  });

  it("says so when a link asks for a kind the stage does not take", async () => {
    const { section } = setup({
      stage: "running",
      kinds: ["continue", "pivot", "stop"],
      decide: "start",
    });
    expect(
      await within(section).findByText(
        "A Start decision is not open in Running: choose one of these.",
      ),
    ).toBeVisible();
    expect(
      within(section)
        .getAllByRole("radio")
        .filter((r) => (r as HTMLInputElement).checked),
    ).toEqual([]);
  });

  it("warns before the decision when the success criteria moved after the start", async () => {
    const user = userEvent.setup();
    const { section } = setup({
      stage: "scale_review",
      kinds: ["continue", "pivot", "scale", "stop"],
      over: { criteria_changed: true },
    });
    const warning = await within(section).findByRole("note", {
      name: "Success criteria changed after the start",
    });
    expect(warning).toHaveTextContent("Check what changed and why before you decide.");
    expect(
      within(warning).getByRole("link", { name: "See the changes in Metrics" }),
    ).toHaveAttribute("href", "#metrics");
    await user.click(within(section).getByRole("radio", { name: "Scale" }));
    expect(warning).toHaveTextContent("check what changed and why before you scale.");
    // It comes before the button that records the decision.
    const submit = within(section).getByRole("button", { name: "Record decision" });
    expect(warning.compareDocumentPosition(submit) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it("shows no warning when the criteria are as set at the start", async () => {
    const { section } = setup({
      stage: "scale_review",
      kinds: ["continue", "pivot", "scale", "stop"],
    });
    await within(section).findByRole("radio", { name: "Scale" });
    expect(within(section).queryByRole("note", { name: /Success criteria changed/ })).toBeNull();
  });
});

describe("withdrawing a decision", () => {
  const MINE = decision({ id: "d-mine", created_at: "2026-11-10T09:00:00Z" });
  const THEIRS = decision({
    id: "d-theirs",
    kind: "stop",
    decided_by: "u-eve",
    decided_on: "2026-11-09",
    created_at: "2026-11-09T09:00:00Z",
  });
  const BEFORE_STAGE = decision({
    id: "d-old",
    decided_on: "2026-10-20",
    created_at: "2026-10-20T09:00:00Z",
  });
  const WITHDRAWN = decision({
    id: "d-gone",
    decided_on: "2026-11-05",
    created_at: "2026-11-05T09:00:00Z",
    rationale: "Recorded in a hurry.",
    withdrawn_at: "2026-11-06T12:00:00Z",
    withdrawn_by: "u-eve",
    withdraw_reason: "Recorded on the wrong pilot.",
  });

  it("strikes a withdrawn decision through and says who withdrew it, when and why", async () => {
    const { section } = setup({ decisions: [WITHDRAWN] });
    const list = await within(section).findByRole("list", { name: "Decisions" });
    const item = within(list).getByRole("listitem");
    expect(within(item).getByText("Withdrawn")).toBeVisible();
    expect(item.querySelector("del")).toHaveTextContent("Start");
    expect(within(item).getByText("Recorded in a hurry.").closest("del")).not.toBeNull();
    expect(item).toHaveTextContent(
      `Withdrawn on ${formatDate("2026-11-06T12:00:00Z")} by Eve Exec: Recorded on the wrong pilot.`,
    );
    expect(within(item).queryByRole("button", { name: /Withdraw/ })).toBeNull();
  });

  it("is offered to the decider while the pilot is in the stage it was recorded in", async () => {
    const { section } = setup({ decisions: [MINE, THEIRS, BEFORE_STAGE] });
    const list = await within(section).findByRole("list", { name: "Decisions" });
    await waitFor(() =>
      expect(within(list).getAllByRole("button", { name: /^Withdraw/ })).toHaveLength(1),
    );
    expect(
      within(list).getByRole("button", {
        name: `Withdraw the Start decision of ${formatDate("2026-11-10")}`,
      }),
    ).toBeVisible();
  });

  it("is offered to an admin for anyone's decision", async () => {
    const { section } = setup({ role: "admin", decisions: [MINE, THEIRS, BEFORE_STAGE] });
    const list = await within(section).findByRole("list", { name: "Decisions" });
    await waitFor(() =>
      expect(within(list).getAllByRole("button", { name: /^Withdraw/ })).toHaveLength(2),
    );
  });

  it("asks why, checks the reason, withdraws it and leaves it struck through", async () => {
    const user = userEvent.setup();
    const { replies, section } = setup({ decisions: [MINE] });
    const withdrawn = {
      ...MINE,
      withdrawn_at: "2026-11-12T08:00:00Z",
      withdrawn_by: "u-ada",
      withdraw_reason: "The board revisited it on Monday.",
    };
    const post = vi.spyOn(client, "POST").mockImplementation((async (
      _path: string,
      init: { params: { header: Record<string, string> } },
    ) => {
      // Lists carry no ETag: the first try is refused as stale with the server's copy, which is
      // the one on the page, so it is sent again without the tag.
      if (init.params.header["If-Match"])
        return apiResult({
          status: 412,
          body: { type: "about:blank", title: "Changed", status: 412, current: MINE },
        });
      replies[DECISIONS] = { status: 200, body: { items: [withdrawn], next_cursor: null } };
      return apiResult({ status: 200, body: withdrawn });
    }) as never);

    const button = await within(section).findByRole("button", { name: /^Withdraw the Start/ });
    await user.click(button);
    const dialog = await screen.findByRole("dialog", { name: "Withdraw the Start decision?" });
    const reason = within(dialog).getByLabelText("Why is it withdrawn?");
    await waitFor(() => expect(reason).toHaveFocus());

    await user.type(reason, "Oops");
    await user.click(within(dialog).getByRole("button", { name: "Withdraw decision" }));
    expect(
      await within(dialog).findByText("Say in at least 10 characters why it is withdrawn."),
    ).toBeVisible();
    expect(reason).toHaveAttribute("aria-invalid", "true");
    expect(post).not.toHaveBeenCalled();

    await user.clear(reason);
    await user.type(reason, "The board revisited it on Monday.");
    await user.click(within(dialog).getByRole("button", { name: "Withdraw decision" }));
    await waitFor(() => expect(dialog).not.toBeInTheDocument());
    expect(post).toHaveBeenCalledTimes(2);
    expect(post).toHaveBeenLastCalledWith(
      WITHDRAW,
      expect.objectContaining({
        params: {
          path: { workspace_id: WS, pilot_id: "p1", decision_id: "d-mine" },
          header: {},
        },
        body: { reason: "The board revisited it on Monday." },
      }),
    );

    const entry = within(section).getByRole("listitem");
    await waitFor(() =>
      expect(entry).toHaveTextContent(
        `Withdrawn on ${formatDate("2026-11-12T08:00:00Z")} by Ada Admin: The board revisited it on Monday.`,
      ),
    );
    expect(entry.querySelector("del")).toHaveTextContent("Start");
    // Focus lands on the decision itself: the button it came from is gone.
    expect(entry).toHaveFocus();
  });

  it("puts the API's field error on the reason, and says why when the decision is final", async () => {
    const user = userEvent.setup();
    const post = vi.spyOn(client, "POST").mockResolvedValueOnce(
      apiResult({
        status: 422,
        body: {
          type: "https://pilotboard.dev/problems/validation-error",
          title: "Invalid request",
          status: 422,
          errors: [{ loc: ["body", "reason"], msg: "String should have at most 2000 characters" }],
        },
      }) as never,
    );
    const { section } = setup({ decisions: [MINE] });
    await user.click(await within(section).findByRole("button", { name: /^Withdraw the Start/ }));
    const dialog = await screen.findByRole("dialog", { name: "Withdraw the Start decision?" });
    const reason = within(dialog).getByLabelText("Why is it withdrawn?");
    await user.type(reason, "The board revisited it.");
    await user.click(within(dialog).getByRole("button", { name: "Withdraw decision" }));
    expect(
      await within(dialog).findByText("String should have at most 2000 characters"),
    ).toBeVisible();
    expect(reason).toHaveAccessibleDescription(
      expect.stringContaining("String should have at most 2000 characters"),
    );

    post.mockResolvedValueOnce(
      apiResult({
        status: 409,
        body: {
          type: "https://pilotboard.dev/problems/decision-final",
          title: "Decision is final",
          status: 409,
          detail:
            "The pilot has moved to `running` since this decision was recorded, so it stands; record a new decision instead.",
        },
      }) as never,
    );
    await user.click(within(dialog).getByRole("button", { name: "Withdraw decision" }));
    expect(await within(dialog).findByRole("alert")).toHaveTextContent(
      "The pilot has moved to running since this decision was recorded, so it stands; record a new decision instead.",
    );
  });
});
