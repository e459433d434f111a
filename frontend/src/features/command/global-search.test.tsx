import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { client } from "@/client";
import { apiResult, renderInRouter } from "@/test/render";
import { CommandProvider } from "./command-provider";
import { GlobalSearch } from "./global-search";

type Init = { params?: { query?: Record<string, unknown> } };

function mockLists() {
  return vi.spyOn(client, "GET").mockImplementation((async (path: string, init?: Init) => {
    const q = String(init?.params?.query?.q ?? "").toLowerCase();
    const items: Record<string, { id: string; name?: string; title?: string }[]> = {
      "/api/v1/workspaces/{workspace_id}/pilots": [
        { id: "p-1", title: "Mobile stock counts", stage: "running", health: "at_risk" } as never,
      ],
      "/api/v1/workspaces/{workspace_id}/customers": [
        { id: "c-1", name: "Mobility Partners", segment: "Retail" } as never,
      ],
      "/api/v1/workspaces/{workspace_id}/departments": [
        { id: "d-1", name: "Field mobility", lead_name: "" } as never,
      ],
    };
    const list = items[path];
    if (!list) return apiResult({ status: 404, body: { title: "Not found", status: 404 } });
    return apiResult({
      status: 200,
      body: {
        items: list.filter((item) => (item.title ?? item.name ?? "").toLowerCase().includes(q)),
        next_cursor: null,
      },
    });
  }) as never);
}

function renderSearch() {
  return renderInRouter(
    <CommandProvider workspaceId="ws-1" memberRole="editor">
      <button type="button">Elsewhere</button>
      <textarea aria-label="Notes" />
      <GlobalSearch workspaceId="ws-1" />
    </CommandProvider>,
    "/w/ws-1/portfolio",
  );
}

describe("global search", () => {
  it("finds pilots, customers and departments once typing pauses, and opens one from the keyboard", async () => {
    const user = userEvent.setup();
    const get = mockLists();
    const { router } = renderSearch();
    const box = await screen.findByRole("combobox", {
      name: "Search pilots, customers and departments",
    });
    expect(box).toHaveAttribute("aria-keyshortcuts", "/");
    expect(box).toHaveAttribute("aria-expanded", "false");

    await user.click(box);
    await user.keyboard("mob");
    // One request per list for the settled text, not one per keystroke.
    await waitFor(() => expect(box).toHaveAttribute("aria-expanded", "true"));
    const results = screen.getByRole("listbox", { name: "Search results" });
    const pilot = await within(results).findByRole("option", { name: /Mobile stock counts/ });
    expect(within(pilot).getByText("At risk")).toBeInTheDocument();
    expect(
      await within(results).findByRole("option", { name: /Mobility Partners/ }),
    ).toBeInTheDocument();
    expect(within(results).getByRole("group", { name: "Departments" })).toHaveTextContent(
      "Field mobility",
    );
    const calls = get.mock.calls as unknown as [string, Init][];
    const customerCalls = calls.filter(
      ([path]) => path === "/api/v1/workspaces/{workspace_id}/customers",
    );
    expect(customerCalls.map(([, init]) => init.params?.query?.q)).toEqual(["mob"]);

    // The first result is highlighted; ↓ moves on (aria-activedescendant follows).
    expect(pilot).toHaveAttribute("aria-selected", "true");
    await user.keyboard("{ArrowDown}");
    const customer = within(results).getByRole("option", { name: /Mobility Partners/ });
    expect(customer).toHaveAttribute("aria-selected", "true");
    expect(box).toHaveAttribute("aria-activedescendant", customer.id);

    await user.keyboard("{Enter}");
    await waitFor(() => expect(router.state.location.pathname).toBe("/w/ws-1/customers"));
    expect(router.state.location.search).toEqual({ q: "Mobility Partners" });
    expect(box).toHaveValue("");
    expect(box).toHaveAttribute("aria-expanded", "false");
  });

  it("says when nothing matches, offers the pilots list, and closes on Esc", async () => {
    const user = userEvent.setup();
    mockLists();
    const { router } = renderSearch();
    const box = await screen.findByRole("combobox");
    await user.click(box);
    await user.keyboard("zzz");
    expect(
      await screen.findByText("Nothing matches “zzz” among pilots, customers or departments."),
    ).toBeInTheDocument();
    await user.keyboard("{Escape}");
    expect(box).toHaveAttribute("aria-expanded", "false");
    expect(box).toHaveValue("zzz");

    await user.keyboard("{ArrowDown}");
    await user.click(await screen.findByRole("option", { name: "All pilots matching “zzz”" }));
    await waitFor(() => expect(router.state.location.pathname).toBe("/w/ws-1/pilots"));
    expect(router.state.location.search).toEqual({ q: "zzz" });
  });

  it("is focused by /, except while typing elsewhere; ? lists the shortcuts", async () => {
    const user = userEvent.setup();
    mockLists();
    renderSearch();
    const box = await screen.findByRole("combobox");
    // jsdom lays nothing out: make the field count as on screen.
    box.getClientRects = () => [{}] as unknown as DOMRectList;

    await user.click(screen.getByRole("textbox", { name: "Notes" }));
    await user.keyboard("/");
    expect(screen.getByRole("textbox", { name: "Notes" })).toHaveValue("/");
    expect(box).not.toHaveFocus();

    await user.click(screen.getByRole("button", { name: "Elsewhere" }));
    await user.keyboard("/");
    expect(box).toHaveFocus();
    expect(box).toHaveValue("");

    await user.click(screen.getByRole("button", { name: "Elsewhere" }));
    await user.keyboard("?");
    const dialog = await screen.findByRole("dialog", { name: "Keyboard shortcuts" });
    expect(within(dialog).getByText("Open the command palette")).toBeInTheDocument();
    expect(within(dialog).getByText("Next row")).toBeInTheDocument();
    // While the dialog is open, / does nothing; Esc closes it.
    await user.keyboard("/");
    expect(box).not.toHaveFocus();
    await user.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
  });
});
