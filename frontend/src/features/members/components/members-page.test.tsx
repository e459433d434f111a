import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { client } from "@/client";
import { apiResult, meReply, mockGet, renderWithQuery } from "@/test/render";
import { MembersPage } from "./members-page";

const MEMBERS = [
  {
    id: "m1",
    user_id: "u-ada",
    email: "admin@e2e.local",
    name: "Ada Admin",
    role: "admin",
    is_active: true,
    created_at: "2026-11-01T10:00:00Z",
    updated_at: "2026-11-01T10:00:00Z",
    etag: '"ada-v1"',
  },
  {
    id: "m2",
    user_id: "u-vic",
    email: "viewer@e2e.local",
    name: "Vic Viewer",
    role: "viewer",
    is_active: true,
    created_at: "2026-11-02T10:00:00Z",
    updated_at: "2026-11-02T10:00:00Z",
    etag: '"vic-v1"',
  },
];

const INVITATIONS = [
  {
    id: "i-1",
    email: "noor@example.com",
    role: "executive",
    created_at: "2026-11-20T10:00:00Z",
    expires_at: "2999-11-27T10:00:00Z",
  },
  {
    id: "i-2",
    email: "late@example.com",
    role: "viewer",
    created_at: "2026-11-01T10:00:00Z",
    expires_at: "2026-11-08T10:00:00Z",
  },
];

function setup(role: "admin" | "viewer", invitations: unknown[] = INVITATIONS) {
  return mockGet({
    "/api/v1/auth/me": meReply([{ workspace_id: "ws", workspace_name: "Acme", role }]),
    "/api/v1/workspaces/{workspace_id}": {
      status: 200,
      body: { id: "ws", name: "Acme", currency: "EUR", role, created_at: "", updated_at: "" },
    },
    "/api/v1/workspaces/{workspace_id}/members": {
      status: 200,
      body: { items: MEMBERS, next_cursor: null },
    },
    "/api/v1/workspaces/{workspace_id}/invitations": {
      status: 200,
      body: { items: invitations, next_cursor: null },
    },
  });
}

function renderPage() {
  return renderWithQuery(<MembersPage workspaceId="ws" />);
}

describe("MembersPage", () => {
  it("is read-only for non-admins", async () => {
    const get = setup("viewer");
    renderPage();
    const table = await screen.findByRole("table", { name: "Members" });
    expect(within(table).getByText("Vic Viewer")).toBeInTheDocument();
    expect(within(table).getAllByRole("row")).toHaveLength(3);
    expect(screen.queryByRole("button", { name: "Add member" })).not.toBeInTheDocument();
    expect(screen.queryByRole("combobox")).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /Remove/ })).not.toBeInTheDocument();
    expect(screen.queryByRole("heading", { name: "Pending invitations" })).not.toBeInTheDocument();
    expect(get).not.toHaveBeenCalledWith(
      "/api/v1/workspaces/{workspace_id}/invitations",
      expect.anything(),
    );
  });

  it("lets admins change roles and shows why the last admin cannot be demoted", async () => {
    setup("admin");
    renderPage();
    const patch = vi.spyOn(client, "PATCH").mockResolvedValue(
      apiResult({
        status: 409,
        body: {
          status: 409,
          title: "Conflict",
          detail: "A workspace needs at least one admin: make someone else admin first.",
        },
      }) as never,
    );
    const table = await screen.findByRole("table", { name: "Members" });
    expect(screen.getByRole("button", { name: "Add member" })).toBeInTheDocument();

    await userEvent.selectOptions(within(table).getByLabelText("Role of Ada Admin"), "editor");

    expect(await within(table).findByRole("alert")).toHaveTextContent(
      "A workspace needs at least one admin: make someone else admin first.",
    );
    expect(patch).toHaveBeenCalledWith("/api/v1/workspaces/{workspace_id}/members/{user_id}", {
      // The list item's version: the first change from the list is checked, not refused.
      params: {
        path: { workspace_id: "ws", user_id: "u-ada" },
        header: { "If-Match": '"ada-v1"' },
      },
      body: { role: "editor" },
    });
    expect(within(table).getByLabelText("Role of Ada Admin")).toHaveValue("admin");
  });

  it("confirms a removal, naming the person and what they lose", async () => {
    setup("admin");
    renderPage();
    const table = await screen.findByRole("table", { name: "Members" });
    await userEvent.click(within(table).getByRole("button", { name: "Remove Vic Viewer" }));

    const dialog = await screen.findByRole("alertdialog", { name: "Remove Vic Viewer from Acme?" });
    expect(dialog).toHaveTextContent("Vic Viewer (viewer@e2e.local) will lose access");
    await userEvent.keyboard("{Escape}");
    expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument();
  });

  it("lists pending invitations with their expiry, and resends one", async () => {
    setup("admin");
    const post = vi.spyOn(client, "POST").mockResolvedValue(
      apiResult({
        status: 200,
        body: { ...INVITATIONS[1], expires_at: "2999-01-01T00:00:00Z" },
      }) as never,
    );
    renderPage();
    const table = await screen.findByRole("table", { name: "Pending invitations" });
    const rows = within(table).getAllByRole("row");
    expect(rows).toHaveLength(3);
    expect(rows[1]).toHaveTextContent("noor@example.com");
    expect(rows[1]).toHaveTextContent("Executive");
    expect(rows[2]).toHaveTextContent("Expired");

    await userEvent.click(
      within(table).getByRole("button", { name: "Resend the invitation to late@example.com" }),
    );
    expect(post).toHaveBeenCalledWith(
      "/api/v1/workspaces/{workspace_id}/invitations/{invitation_id}/resend",
      { params: { path: { workspace_id: "ws", invitation_id: "i-2" } } },
    );
  });

  it("confirms before revoking an invitation", async () => {
    setup("admin");
    const del = vi.spyOn(client, "DELETE").mockResolvedValue(apiResult({ status: 204 }) as never);
    renderPage();
    const table = await screen.findByRole("table", { name: "Pending invitations" });
    await userEvent.click(
      within(table).getByRole("button", { name: "Revoke the invitation to noor@example.com" }),
    );
    const dialog = await screen.findByRole("alertdialog", {
      name: "Revoke the invitation to noor@example.com?",
    });
    expect(dialog).toHaveTextContent("The link in their email stops working at once");
    expect(del).not.toHaveBeenCalled();
    await userEvent.click(within(dialog).getByRole("button", { name: "Revoke invitation" }));
    expect(del).toHaveBeenCalledWith(
      "/api/v1/workspaces/{workspace_id}/invitations/{invitation_id}",
      { params: { path: { workspace_id: "ws", invitation_id: "i-1" } } },
    );
    await waitFor(() => expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument());
  });

  it("invites by email with a role, and puts a refusal at the email", async () => {
    setup("admin", []);
    const post = vi.spyOn(client, "POST").mockResolvedValue(
      apiResult({
        status: 409,
        body: { status: 409, title: "Conflict", detail: "viewer@e2e.local is already a member." },
      }) as never,
    );
    renderPage();
    expect(await screen.findByText(/No pending invitations/)).toBeInTheDocument();
    await userEvent.click(
      screen.getAllByRole("button", { name: "Invite by email" })[0] as HTMLElement,
    );
    const dialog = await screen.findByRole("dialog", { name: "Invite by email" });
    await userEvent.type(within(dialog).getByLabelText("Email"), "viewer@e2e.local");
    await userEvent.selectOptions(within(dialog).getByLabelText("Role"), "executive");
    await userEvent.click(within(dialog).getByRole("button", { name: "Send invitation" }));

    expect(post).toHaveBeenCalledWith("/api/v1/workspaces/{workspace_id}/invitations", {
      params: { path: { workspace_id: "ws" } },
      body: { email: "viewer@e2e.local", role: "executive" },
    });
    expect(await within(dialog).findByText("viewer@e2e.local is already a member.")).toBeVisible();
    expect(within(dialog).getByLabelText("Email")).toHaveFocus();
  });
});
