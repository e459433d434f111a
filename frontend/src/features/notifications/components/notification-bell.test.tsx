import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { client } from "@/client";
import type { Me } from "@/features/auth/queries";
import { apiResult, mockGet, renderInRouter } from "@/test/render";
import type { Notification } from "../queries";
import { NotificationBell } from "./notification-bell";

const ME: Me = {
  id: "u-erin",
  name: "Erin Executive",
  email: "exec@e2e.local",
  is_admin: false,
  memberships: [
    { workspace_id: "ws-1", workspace_name: "Field services", role: "executive" },
    { workspace_id: "ws-2", workspace_name: "Retail", role: "viewer" },
  ],
};

const DECISION: Notification = {
  id: "n-1",
  kind: "decision_needed",
  workspace_id: "ws-1",
  pilot_id: "p-1",
  title: "A decision waits on you: Remote diagnostics",
  body: "Remote diagnostics is in scale review: record scale, continue, pivot or stop.",
  url: "/w/ws-1/pilots/p-1?decide=scale",
  created_at: "2026-11-22T10:00:00Z",
  read_at: null,
};

const MENTION: Notification = {
  ...DECISION,
  id: "n-2",
  kind: "mentioned",
  workspace_id: "ws-2",
  title: "Ada Admin mentioned you on Store pickup",
  body: "@Erin can you look at the numbers?",
  url: "/w/ws-2/pilots/p-9#comment-c-1",
  read_at: "2026-11-22T11:00:00Z",
};

function setup(items: Notification[], unread: number) {
  mockGet({
    "/api/v1/me/notifications": { status: 200, body: { items, next_cursor: null, unread } },
  });
  return renderInRouter(<NotificationBell me={ME} />);
}

describe("NotificationBell", () => {
  it("says how many are unread in its name and on the badge", async () => {
    setup([DECISION, MENTION], 1);
    const bell = await screen.findByRole("button", { name: "Notifications, 1 unread" });
    expect(bell).toHaveTextContent("1");
  });

  it("lists the latest, marks one read when it is opened and goes where to act", async () => {
    const post = vi
      .spyOn(client, "POST")
      .mockResolvedValue(apiResult({ status: 200, body: { unread: 0 } }) as never);
    const { router } = setup([DECISION, MENTION], 1);
    await userEvent.click(await screen.findByRole("button", { name: "Notifications, 1 unread" }));

    const panel = await screen.findByRole("dialog", { name: "Notifications" });
    const list = await within(panel).findByRole("list", { name: "Latest notifications" });
    const items = within(list).getAllByRole("listitem");
    expect(items).toHaveLength(2);
    // The unread one says so; with two workspaces, each says which it is about.
    expect(items[0]).toHaveTextContent("Decision needed·Field services");
    expect(within(items[1] as HTMLElement).getByText("Retail")).toBeInTheDocument();
    const link = within(list).getByRole("link", {
      name: "Unread: A decision waits on you: Remote diagnostics",
    });
    expect(link).toHaveAttribute("href", "/w/ws-1/pilots/p-1?decide=scale");

    await userEvent.click(link);
    expect(post).toHaveBeenCalledWith("/api/v1/me/notifications/read", { body: { ids: ["n-1"] } });
    await waitFor(() => expect(router.state.location.pathname).toBe("/w/ws-1/pilots/p-1"));
    expect(router.state.location.search).toEqual({ decide: "scale" });
    expect(screen.queryByRole("dialog", { name: "Notifications" })).not.toBeInTheDocument();
  });

  it("does not mark a read notification again", async () => {
    const post = vi.spyOn(client, "POST");
    const { router } = setup([MENTION], 0);
    await userEvent.click(await screen.findByRole("button", { name: "Notifications" }));
    await userEvent.click(
      await screen.findByRole("link", { name: "Ada Admin mentioned you on Store pickup" }),
    );
    await waitFor(() => expect(router.state.location.pathname).toBe("/w/ws-2/pilots/p-9"));
    expect(router.state.location.hash).toBe("comment-c-1");
    expect(post).not.toHaveBeenCalled();
  });

  it("marks all read, and the count goes with the server's answer", async () => {
    const post = vi
      .spyOn(client, "POST")
      .mockResolvedValue(apiResult({ status: 200, body: { unread: 0 } }) as never);
    setup([DECISION], 4);
    await userEvent.click(await screen.findByRole("button", { name: "Notifications, 4 unread" }));
    const panel = await screen.findByRole("dialog", { name: "Notifications" });
    await within(panel).findByRole("list", { name: "Latest notifications" });
    await userEvent.click(within(panel).getByRole("button", { name: "Mark all read" }));

    expect(post).toHaveBeenCalledWith("/api/v1/me/notifications/read", { body: { all: true } });
    expect(await screen.findByRole("button", { name: "Notifications" })).toBeInTheDocument();
  });

  it("says what will appear when there is nothing yet", async () => {
    setup([], 0);
    await userEvent.click(await screen.findByRole("button", { name: "Notifications" }));
    const panel = await screen.findByRole("dialog", { name: "Notifications" });
    expect(await within(panel).findByText("No notifications yet")).toBeInTheDocument();
    expect(panel).toHaveTextContent("when a decision waits on you");
    expect(within(panel).getByRole("button", { name: "Mark all read" })).toBeDisabled();
    expect(within(panel).getByRole("link", { name: "See all notifications" })).toHaveAttribute(
      "href",
      "/notifications",
    );
  });
});
