import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { client } from "@/client";
import { apiResult, meReply, mockGet, renderInRouter } from "@/test/render";
import type { Notification } from "../queries";
import { NotificationsPage } from "./notifications-page";

const HEALTH: Notification = {
  id: "n-1",
  kind: "health_changed",
  workspace_id: "ws-1",
  pilot_id: "p-1",
  title: "Remote diagnostics is stalled",
  body: "No iteration for 45 days.",
  url: "/w/ws-1/pilots/p-1",
  created_at: "2026-11-22T10:00:00Z",
  read_at: null,
};

function setup(items: Notification[], unread: number, unreadOnly = false) {
  const get = mockGet({
    "/api/v1/auth/me": meReply([
      { workspace_id: "ws-1", workspace_name: "Field services", role: "editor" },
    ]),
    "/api/v1/me/notifications": { status: 200, body: { items, next_cursor: null, unread } },
  });
  renderInRouter(<NotificationsPage unreadOnly={unreadOnly} />);
  return get;
}

describe("NotificationsPage", () => {
  it("explains what will appear when there is nothing yet", async () => {
    setup([], 0);
    expect(
      await screen.findByRole("heading", { name: "No notifications yet" }),
    ).toBeInTheDocument();
    expect(screen.getByText(/when a decision waits on you/)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Mark all read" })).toBeDisabled();
  });

  it("asks only for unread ones under the filter, and says when all are read", async () => {
    const get = setup([], 0, true);
    expect(
      await screen.findByRole("heading", { name: "You are all caught up" }),
    ).toBeInTheDocument();
    expect(get).toHaveBeenCalledWith("/api/v1/me/notifications", {
      params: { query: { limit: 25, cursor: null, unread: true } },
      signal: expect.anything(),
    });
    expect(screen.getByRole("link", { name: "Show all notifications" })).toHaveAttribute(
      "href",
      "/notifications",
    );
    const filter = screen.getByRole("navigation", { name: "Filter notifications" });
    expect(within(filter).getByRole("link", { name: "Unread" })).toHaveAttribute(
      "href",
      "/notifications?unread=true",
    );
  });

  it("marks one read from the list", async () => {
    const post = vi
      .spyOn(client, "POST")
      .mockResolvedValue(apiResult({ status: 200, body: { unread: 0 } }) as never);
    setup([HEALTH], 1);
    const list = await screen.findByRole("list", { name: "Notifications" });
    expect(
      within(list).getByRole("link", { name: "Unread: Remote diagnostics is stalled" }),
    ).toHaveAttribute("href", "/w/ws-1/pilots/p-1");
    expect(screen.getByRole("link", { name: "Unread (1)" })).toBeInTheDocument();
    await userEvent.click(
      within(list).getByRole("button", { name: "Mark “Remote diagnostics is stalled” read" }),
    );
    expect(post).toHaveBeenCalledWith("/api/v1/me/notifications/read", { body: { ids: ["n-1"] } });
  });
});
