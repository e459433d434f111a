import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { meReply, mockGet, renderInRouter } from "@/test/render";
import type { MailMessage } from "../queries";
import type { MailState } from "../states";
import { EmailLogPage, stuckInOutbox } from "./email-log-page";

const QUEUED: MailMessage = {
  id: "m-1",
  to: "exec@demo.local",
  subject: "A decision waits on you: Proactive outage calls",
  kind: "decision_needed",
  state: "queued",
  attempts: 2,
  last_error: "The SMTP server answered 451 Try again later",
  created_at: "2026-12-06T09:00:00Z",
  sent_at: null,
};
const SENT: MailMessage = {
  ...QUEUED,
  id: "m-2",
  to: "noor@example.com",
  subject: "Ada Admin invited you to Field services",
  kind: "invitation",
  state: "sent",
  attempts: 1,
  last_error: null,
  sent_at: "2026-12-06T09:00:05Z",
};

function setup(role: string, items: MailMessage[] = [], state?: MailState) {
  const get = mockGet({
    "/api/v1/auth/me": meReply([{ workspace_id: "ws", workspace_name: "Acme", role }]),
    "/api/v1/workspaces/{workspace_id}": {
      status: 200,
      body: { id: "ws", name: "Acme", currency: "EUR", role, created_at: "", updated_at: "" },
    },
    "/api/v1/workspaces/{workspace_id}/mail": { status: 200, body: { items, next_cursor: null } },
  });
  const onStateChange = vi.fn();
  renderInRouter(<EmailLogPage workspaceId="ws" state={state} onStateChange={onStateChange} />);
  return { get, onStateChange };
}

describe("EmailLogPage", () => {
  it("tells non-admins who can read it, without asking the API", async () => {
    const { get } = setup("editor");
    expect(
      await screen.findByRole("heading", { name: "Only admins see the email log" }),
    ).toBeInTheDocument();
    expect(get).not.toHaveBeenCalledWith(
      "/api/v1/workspaces/{workspace_id}/mail",
      expect.anything(),
    );
  });

  it("lists each message with its state, attempts and last error, and explains the outbox", async () => {
    setup("admin", [QUEUED, SENT]);
    const table = await screen.findByRole("table", { name: "Email log" });
    const rows = within(table).getAllByRole("row");
    expect(rows).toHaveLength(3);
    expect(rows[1]).toHaveTextContent("Queued");
    expect(rows[1]).toHaveTextContent("exec@demo.local");
    expect(rows[1]).toHaveTextContent("Decision needed");
    expect(rows[1]).toHaveTextContent(
      "Last error (will retry): The SMTP server answered 451 Try again later",
    );
    expect(rows[2]).toHaveTextContent("Sent");
    expect(rows[2]).toHaveTextContent("Invitation");
    expect(screen.getByRole("note", { name: "About the outbox" })).toHaveTextContent(
      "PILOTBOARD_SMTP_URL",
    );
    // Phones get the same messages as cards.
    const cards = screen.getByRole("list", { name: "Email log" });
    expect(within(cards).getAllByRole("listitem")).toHaveLength(2);
  });

  it("filters by state through the URL, and says when none is in it", async () => {
    const { get, onStateChange } = setup("admin", [], "failed");
    expect(await screen.findByRole("heading", { name: "No failed messages" })).toBeInTheDocument();
    expect(get).toHaveBeenCalledWith("/api/v1/workspaces/{workspace_id}/mail", {
      params: { path: { workspace_id: "ws" }, query: { limit: 25, cursor: null, state: "failed" } },
      signal: expect.anything(),
    });
    await userEvent.selectOptions(screen.getByLabelText("Show"), "sent");
    expect(onStateChange).toHaveBeenLastCalledWith("sent");
    await userEvent.click(screen.getByRole("button", { name: "Show all messages" }));
    expect(onStateChange).toHaveBeenLastCalledWith(undefined);
  });

  it("warns when messages wait in the outbox without any attempt (no mail server)", async () => {
    const now = new Date("2026-12-06T09:10:00Z");
    expect(stuckInOutbox([{ ...QUEUED, attempts: 0 }], now)).toBe(true);
    expect(
      stuckInOutbox([{ ...QUEUED, attempts: 0, created_at: "2026-12-06T09:08:00Z" }], now),
    ).toBe(false);
    expect(stuckInOutbox([QUEUED, SENT], now)).toBe(false);

    setup("admin", [
      { ...QUEUED, attempts: 0, last_error: null, created_at: "2020-01-01T00:00:00Z" },
    ]);
    const note = await screen.findByRole("note", { name: "Messages are waiting in the outbox" });
    expect(note).toHaveTextContent("Without a mail server to send through, messages stay Queued");
  });
});
