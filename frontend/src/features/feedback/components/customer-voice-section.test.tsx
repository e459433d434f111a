import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { client } from "@/client";
import type { Pilot } from "@/features/pilots/queries";
import { apiResult, mockGet, renderWithQuery } from "@/test/render";
import type { FeedbackLink, FeedbackResponse } from "../queries";
import { CustomerVoiceSection } from "./customer-voice-section";

const LINKS = "/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/feedback-links";
const LINK = "/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/feedback-links/{link_id}";
const RESPONSES = "/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/feedback";

const pilot = (over: Partial<Pilot> = {}) =>
  ({ id: "p1", stage: "running", customer_id: "c1", ...over }) as Pilot;

const link = (over: Partial<FeedbackLink> & { id: string }): FeedbackLink => ({
  etag: `"${over.id}"`,
  contact_name: "Anna Kowalczyk, ward nurse",
  contact_email: null,
  expires_on: null,
  created_at: "2026-11-01T10:00:00Z",
  updated_at: "2026-11-01T10:00:00Z",
  created_by: "u-ada",
  revoked_at: null,
  state: "active",
  responses: 0,
  last_response_at: null,
  ...over,
});

const RESPONSE: FeedbackResponse = {
  id: "r1",
  iteration_id: "i3",
  iteration_number: 3,
  link_id: "l1",
  respondent_name: "",
  difference: 4,
  effort: 5,
  comment: "The night shift no longer runs out.",
  new_needs: "IV fluids too.",
  created_at: new Date(Date.now() - 3_600_000).toISOString(),
};

function setup(links: FeedbackLink[], responses: FeedbackResponse[] = []) {
  mockGet({
    [LINKS]: { status: 200, body: { items: links, next_cursor: null } },
    [RESPONSES]: { status: 200, body: { items: responses, next_cursor: null } },
  });
}

describe("CustomerVoiceSection", () => {
  it("lists links with their state and count, and the responses with both scores", async () => {
    setup(
      [
        link({ id: "l1", responses: 1, contact_email: "anna@st-agnes.example" }),
        link({
          id: "l2",
          contact_name: "Piet",
          state: "revoked",
          revoked_at: "2026-11-20T10:00:00Z",
        }),
      ],
      [RESPONSE],
    );
    renderWithQuery(
      <CustomerVoiceSection
        workspaceId="ws"
        pilot={pilot()}
        customer="St. Agnes"
        editable
        canSeeLinks
      />,
    );
    const links = await screen.findByRole("list", { name: "Feedback links" });
    const [anna, piet] = within(links).getAllByRole("listitem");
    expect(anna).toHaveTextContent("Anna Kowalczyk, ward nurseActive1 response");
    expect(anna).toHaveTextContent("emailed to anna@st-agnes.example · no expiry");
    expect(piet).toHaveTextContent("PietRevoked0 responses · revoked");
    expect(piet && within(piet).queryByRole("button")).toBeNull();

    const response = await screen.findByRole("article", {
      name: "Feedback from Someone at St. Agnes",
    });
    expect(response).toHaveTextContent("Difference4/5Ease5/5Iteration 3 · 1 hour ago");
    expect(response).toHaveTextContent("“The night shift no longer runs out.”");
    expect(response).toHaveTextContent("New needs: IV fluids too.");
  });

  it("creates a link, shows it once with Copy and says it was emailed", async () => {
    setup([]);
    const post = vi.spyOn(client, "POST").mockResolvedValue(
      apiResult({
        status: 201,
        body: {
          ...link({ id: "l9", contact_email: "anna@st-agnes.example" }),
          token: "t0k",
          url: "https://pilotboard.example/feedback/t0k",
        },
      }) as never,
    );
    renderWithQuery(
      <CustomerVoiceSection
        workspaceId="ws"
        pilot={pilot()}
        customer="St. Agnes"
        editable
        canSeeLinks
      />,
    );
    await screen.findByText(/No links yet/);
    await userEvent.click(
      screen.getAllByRole("button", { name: "Create feedback link" })[0] as HTMLElement,
    );
    const dialog = await screen.findByRole("dialog", { name: "Create a feedback link" });
    await userEvent.click(within(dialog).getByRole("button", { name: "Create link" }));
    expect(await within(dialog).findByText("Name the person the link is for.")).toBeVisible();

    await userEvent.type(
      within(dialog).getByLabelText("Who is it for?"),
      "Anna Kowalczyk, ward nurse",
    );
    await userEvent.type(
      within(dialog).getByLabelText("Email (optional)"),
      "anna@st-agnes.example",
    );
    await userEvent.click(within(dialog).getByRole("button", { name: "Create link" }));

    const shown = await screen.findByRole("dialog", {
      name: "The link for Anna Kowalczyk, ward nurse",
    });
    expect(within(shown).getByLabelText("Feedback link")).toHaveValue(
      "https://pilotboard.example/feedback/t0k",
    );
    expect(within(shown).getByRole("status")).toHaveTextContent(
      "Emailed to anna@st-agnes.example: it is on its way.",
    );
    expect(within(shown).getByText("This is the only time the link is shown.")).toBeVisible();
    expect(within(shown).getByRole("button", { name: "Copy" })).toBeVisible();
    expect(post).toHaveBeenCalledWith(LINKS, {
      params: {
        path: { workspace_id: "ws", pilot_id: "p1" },
        header: { "Idempotency-Key": expect.any(String) },
      },
      body: {
        contact_name: "Anna Kowalczyk, ward nurse",
        contact_email: "anna@st-agnes.example",
        expires_on: null,
      },
    });
  });

  it("revokes a link only after saying what happens", async () => {
    setup([link({ id: "l1", responses: 2 })]);
    const del = vi.spyOn(client, "DELETE").mockResolvedValue(apiResult({ status: 204 }) as never);
    renderWithQuery(
      <CustomerVoiceSection
        workspaceId="ws"
        pilot={pilot()}
        customer={null}
        editable
        canSeeLinks
      />,
    );
    await userEvent.click(
      await screen.findByRole("button", { name: "Revoke the link for Anna Kowalczyk, ward nurse" }),
    );
    const confirm = await screen.findByRole("alertdialog", {
      name: "Revoke the link for Anna Kowalczyk, ward nurse?",
    });
    expect(confirm).toHaveTextContent("The 2 responses given through it stay.");
    await userEvent.click(within(confirm).getByRole("button", { name: "Revoke link" }));
    expect(del).toHaveBeenCalledWith(LINK, {
      params: { path: { workspace_id: "ws", pilot_id: "p1", link_id: "l1" } },
    });
  });

  it("shows viewers the responses only, and asks for a customer before any link", async () => {
    const get = mockGet({
      [RESPONSES]: { status: 200, body: { items: [], next_cursor: null } },
    });
    const { unmount } = renderWithQuery(
      <CustomerVoiceSection
        workspaceId="ws"
        pilot={pilot()}
        customer="St. Agnes"
        editable={false}
        canSeeLinks={false}
      />,
    );
    expect(await screen.findByText(/No responses yet/)).toBeVisible();
    expect(screen.queryByRole("button", { name: "Create feedback link" })).toBeNull();
    expect(get.mock.calls.map((call) => (call as unknown[])[0])).toEqual([RESPONSES]);
    unmount();

    setup([]);
    renderWithQuery(
      <CustomerVoiceSection
        workspaceId="ws"
        pilot={pilot({ customer_id: null })}
        customer={null}
        editable
        canSeeLinks
      />,
    );
    expect(
      await screen.findByText(
        "Choose the testbed customer first: feedback links are for people there.",
      ),
    ).toBeVisible();
    expect(screen.queryByRole("button", { name: "Create feedback link" })).toBeNull();
  });
});
