import { QueryClientProvider } from "@tanstack/react-query";
import {
  createMemoryHistory,
  createRootRoute,
  createRouter,
  RouterProvider,
} from "@tanstack/react-router";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { client } from "@/client";
import { apiResult, createTestQueryClient, meReply, mockGet } from "@/test/render";
import { DepartmentsPage } from "./departments-page";

const DEPARTMENT = {
  id: "d1",
  name: "Field service",
  lead_name: "Maria Jensen",
  kpi: "First-time fix rate",
  created_at: "2026-11-01T10:00:00Z",
  updated_at: "2026-11-01T10:00:00Z",
};

function setup(role: "editor" | "viewer", items = [DEPARTMENT]) {
  const get = mockGet({
    "/api/v1/auth/me": meReply([{ workspace_id: "ws", workspace_name: "Acme", role }]),
    "/api/v1/workspaces/{workspace_id}/departments": {
      status: 200,
      body: { items, next_cursor: null },
    },
    "/api/v1/workspaces/{workspace_id}/departments/{department_id}": {
      status: 200,
      body: DEPARTMENT,
    },
  });
  // Inside a router: the "in use" list links to the pilots.
  const router = createRouter({
    routeTree: createRootRoute({
      component: () => <DepartmentsPage workspaceId="ws" q="" onSearch={() => {}} />,
    }),
    history: createMemoryHistory({ initialEntries: ["/"] }),
  });
  render(
    <QueryClientProvider client={createTestQueryClient()}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return get;
}

describe("DepartmentsPage", () => {
  it("is read-only for viewers", async () => {
    setup("viewer");
    const table = await screen.findByRole("table", { name: "Departments" });
    expect(within(table).getByText("First-time fix rate")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "New department" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /^(Edit|Delete) / })).not.toBeInTheDocument();
  });

  it("offers the one button that creates a department when there are none", async () => {
    setup("editor", []);
    expect(await screen.findByRole("heading", { name: "No departments yet" })).toBeInTheDocument();
    expect(screen.getAllByRole("button", { name: "New department" })).toHaveLength(1);
  });

  it("lists the pilots that still involve a department it cannot delete", async () => {
    setup("editor");
    const remove = vi.spyOn(client, "DELETE").mockResolvedValue(
      apiResult({
        status: 409,
        body: {
          status: 409,
          title: "Conflict",
          detail: "This department is involved in the pilot “Remote diagnostics”.",
          pilots: [{ id: "p1", title: "Remote diagnostics" }],
        },
      }) as never,
    );
    const table = await screen.findByRole("table", { name: "Departments" });
    await userEvent.click(within(table).getByRole("button", { name: "Delete Field service" }));
    const dialog = await screen.findByRole("alertdialog", { name: "Delete “Field service”?" });
    await userEvent.click(within(dialog).getByRole("button", { name: "Delete department" }));
    const pilots = await within(dialog).findByRole("list", { name: "Pilots using it" });
    expect(within(pilots).getByRole("link", { name: "Remote diagnostics" })).toHaveAttribute(
      "href",
      "/w/ws/pilots/p1",
    );
    expect(within(dialog).queryByRole("button", { name: "Delete department" })).toBeNull();
    expect(remove).toHaveBeenCalledTimes(1);
  });

  it("gives focus back to the j-selected row when the dialog it opened closes", async () => {
    setup("editor", [DEPARTMENT, { ...DEPARTMENT, id: "d2", name: "Sales" }]);
    const table = await screen.findByRole("table", { name: "Departments" });
    await userEvent.keyboard("jj");
    const sales = within(table).getByRole("row", { name: /Sales/ });
    expect(sales).toHaveFocus();

    await userEvent.keyboard("{Enter}");
    expect(await screen.findByRole("dialog", { name: "Edit department" })).toBeInTheDocument();
    await userEvent.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());

    await waitFor(() => expect(sales).toHaveFocus());
    await userEvent.keyboard("k");
    expect(within(table).getByRole("row", { name: /Field service/ })).toHaveFocus();
  });
});
