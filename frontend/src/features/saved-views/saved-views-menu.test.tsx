import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { client } from "@/client";
import { apiResult, mockGet, renderWithQuery } from "@/test/render";
import type { SavedView } from "./queries";
import { SavedViewsMenu } from "./saved-views-menu";

const LIST = "/api/v1/workspaces/{workspace_id}/saved-views";

const saved = (id: string, name: string, over: Partial<SavedView> = {}): SavedView => ({
  id,
  name,
  layout: "list",
  density: "compact",
  search: { stage: "running" },
  etag: `"${id}"`,
  created_at: "2026-11-22T10:00:00Z",
  updated_at: "2026-11-22T10:00:00Z",
  ...over,
});

const CURRENT = {
  search: { stage: "running" as const },
  view: "list" as const,
  density: "compact" as const,
};

function setup(views: SavedView[]) {
  mockGet({ [LIST]: { status: 200, body: { items: views, next_cursor: null } } });
  const onApply = vi.fn();
  renderWithQuery(<SavedViewsMenu workspaceId="ws" current={CURRENT} onApply={onApply} />);
  return { onApply, user: userEvent.setup() };
}

describe("the saved views menu", () => {
  it("lists the views by name, marks the one shown, and applies a choice", async () => {
    const other = saved("v2", "Board of everything", { layout: "board", search: {} });
    const { onApply, user } = setup([saved("v1", "Running, compact"), other]);

    // The button names the view the page shows now.
    await user.click(await screen.findByRole("button", { name: /Running, compact/ }));
    const items = await screen.findAllByRole("menuitem");
    expect(items.map((i) => i.textContent)).toEqual([
      "Board of everythingBoard · every pilot",
      "Running, compactCompact list · Running",
      "Save current view…",
      "Rename or delete views…",
    ]);
    expect(items[1]).toHaveAttribute("aria-current", "true");
    await user.click(items[0] as HTMLElement);
    expect(onApply).toHaveBeenCalledWith(other);
  });

  it("saves the current view under a name, showing a taken name next to the field", async () => {
    const { user } = setup([]);
    const post = vi
      .spyOn(client, "POST")
      .mockResolvedValueOnce(
        apiResult({
          status: 409,
          body: {
            type: "https://pilotboard.dev/problems/name-taken",
            title: "Name already taken",
            status: 409,
            detail: "You already have a view called “Mine”.",
          },
        }) as never,
      )
      .mockResolvedValueOnce(apiResult({ status: 201, body: saved("v9", "Mine 2") }) as never);

    await user.click(await screen.findByRole("button", { name: /Views/ }));
    expect(await screen.findByText(/None yet/)).toBeInTheDocument();
    await user.click(screen.getByRole("menuitem", { name: "Save current view…" }));
    const dialog = await screen.findByRole("dialog", { name: "Save this view" });
    expect(dialog).toHaveTextContent("Compact list · Running");
    await user.click(within(dialog).getByRole("button", { name: "Save view" }));
    expect(within(dialog).getByLabelText("Name")).toHaveAccessibleDescription(
      /Give the view a name/,
    );
    expect(post).not.toHaveBeenCalled();

    await user.type(within(dialog).getByLabelText("Name"), "Mine{Enter}");
    expect(post).toHaveBeenLastCalledWith(LIST, {
      params: { path: { workspace_id: "ws" } },
      body: { name: "Mine", layout: "list", density: "compact", search: { stage: "running" } },
    });
    await waitFor(() =>
      expect(within(dialog).getByLabelText("Name")).toHaveAccessibleDescription(
        /already have a view with this name/,
      ),
    );
    await user.type(within(dialog).getByLabelText("Name"), " 2{Enter}");
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
  });

  it("deletes a view only after a confirmation, sending its version", async () => {
    const { user } = setup([saved("v1", "Old view")]);
    const del = vi.spyOn(client, "DELETE").mockResolvedValue(apiResult({ status: 204 }) as never);

    await user.click(await screen.findByRole("button", { name: /Old view/ }));
    await user.click(await screen.findByRole("menuitem", { name: "Rename or delete views…" }));
    const manage = await screen.findByRole("dialog", { name: "Your saved views" });
    await user.click(within(manage).getByRole("button", { name: "Delete “Old view”" }));
    const confirm = await screen.findByRole("alertdialog");
    expect(confirm).toHaveTextContent("No pilot changes");
    expect(del).not.toHaveBeenCalled();
    await user.click(within(confirm).getByRole("button", { name: "Delete view" }));
    await waitFor(() =>
      expect(del).toHaveBeenCalledWith("/api/v1/workspaces/{workspace_id}/saved-views/{view_id}", {
        params: { path: { workspace_id: "ws", view_id: "v1" }, header: { "If-Match": '"v1"' } },
      }),
    );
  });
});
