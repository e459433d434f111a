import { screen, within } from "@testing-library/react";
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
  },
];

function setup(role: "admin" | "viewer") {
  mockGet({
    "/api/v1/auth/me": meReply([{ workspace_id: "ws", workspace_name: "Acme", role }]),
    "/api/v1/workspaces/{workspace_id}": {
      status: 200,
      body: { id: "ws", name: "Acme", currency: "EUR", role, created_at: "", updated_at: "" },
    },
    "/api/v1/workspaces/{workspace_id}/members": {
      status: 200,
      body: { items: MEMBERS, next_cursor: null },
    },
  });
  return renderWithQuery(<MembersPage workspaceId="ws" />);
}

describe("MembersPage", () => {
  it("is read-only for non-admins", async () => {
    setup("viewer");
    const table = await screen.findByRole("table", { name: "Members" });
    expect(within(table).getByText("Vic Viewer")).toBeInTheDocument();
    expect(within(table).getAllByRole("row")).toHaveLength(3);
    expect(screen.queryByRole("button", { name: "Add member" })).not.toBeInTheDocument();
    expect(screen.queryByRole("combobox")).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /Remove/ })).not.toBeInTheDocument();
  });

  it("lets admins change roles and shows why the last admin cannot be demoted", async () => {
    setup("admin");
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
      params: { path: { workspace_id: "ws", user_id: "u-ada" } },
      body: { role: "editor" },
    });
    expect(within(table).getByLabelText("Role of Ada Admin")).toHaveValue("admin");
  });

  it("confirms a removal, naming the person and what they lose", async () => {
    setup("admin");
    const table = await screen.findByRole("table", { name: "Members" });
    await userEvent.click(within(table).getByRole("button", { name: "Remove Vic Viewer" }));

    const dialog = await screen.findByRole("alertdialog", { name: "Remove Vic Viewer from Acme?" });
    expect(dialog).toHaveTextContent("Vic Viewer (viewer@e2e.local) will lose access");
    await userEvent.keyboard("{Escape}");
    expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument();
  });
});
