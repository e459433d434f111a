import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { client } from "@/client";
import type { Role } from "@/features/auth/queries";
import { apiResult, renderInRouter } from "@/test/render";
import CommandPalette from "./command-palette";

const PILOTS = [
  {
    id: "p-agnes",
    title: "St. Agnes supply rooms",
    stage: "scale_review",
    health: "on_track",
  },
  { id: "p-old", title: "Old kiosk pilot", stage: "stopped", health: "on_track" },
];
const CUSTOMERS = [{ id: "c-1", name: "St. Agnes Hospital", segment: "Hospitals" }];
const DEPARTMENTS = [{ id: "d-1", name: "Nursing", lead_name: "Nora Nurse" }];

type Init = { params?: { query?: Record<string, unknown>; path?: Record<string, string> } };

/** The lists answer with what their text filter would find; the allowed decisions of a pilot. */
function mockApi() {
  return vi.spyOn(client, "GET").mockImplementation((async (path: string, init?: Init) => {
    const q = String(init?.params?.query?.q ?? "").toLowerCase();
    const page = <T extends { id: string }>(items: T[], text: (item: T) => string) => ({
      status: 200,
      body: {
        items: items.filter((item) => text(item).toLowerCase().includes(q)),
        next_cursor: null,
      },
    });
    switch (path) {
      case "/api/v1/workspaces/{workspace_id}/pilots":
        return apiResult(page(PILOTS, (p) => p.title));
      case "/api/v1/workspaces/{workspace_id}/customers":
        return apiResult(page(CUSTOMERS, (c) => c.name));
      case "/api/v1/workspaces/{workspace_id}/departments":
        return apiResult(page(DEPARTMENTS, (d) => d.name));
      case "/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/decisions/allowed":
        return apiResult({
          status: 200,
          body: {
            stage: "scale_review",
            allowed: [
              { kind: "scale", label: "Scale" },
              { kind: "stop", label: "Stop" },
            ],
          },
        });
      case "/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}":
        return apiResult({ status: 200, body: PILOTS[0] });
      default:
        return apiResult({ status: 404, body: { title: "Not found", status: 404 } });
    }
  }) as never);
}

function renderPalette({
  role = "admin",
  pilotId = null,
}: {
  role?: Role;
  pilotId?: string | null;
} = {}) {
  const onOpenChange = vi.fn();
  const onShowShortcuts = vi.fn();
  const rendered = renderInRouter(
    <CommandPalette
      open
      onOpenChange={onOpenChange}
      workspaceId="ws-1"
      role={role}
      pilotId={pilotId}
      onShowShortcuts={onShowShortcuts}
    />,
    "/w/ws-1/portfolio",
  );
  return { ...rendered, onOpenChange, onShowShortcuts };
}

// jsdom has no layout: cmdk scrolls the chosen item into view…
const scrollIntoView = Element.prototype.scrollIntoView;
beforeAll(() => {
  Element.prototype.scrollIntoView = () => {};
});
afterAll(() => {
  Element.prototype.scrollIntoView = scrollIntoView;
});
// …and measures its list's height for a CSS variable (unstubbed after each test: other files'
// charts measure themselves without one).
beforeEach(() => {
  vi.stubGlobal(
    "ResizeObserver",
    class {
      observe() {}
      unobserve() {}
      disconnect() {}
    },
  );
});

const palette = () => screen.findByRole("dialog", { name: "Command palette" });

describe("command palette", () => {
  it("lists actions and pages first, then narrows them and finds pilots, customers and departments as you type", async () => {
    const user = userEvent.setup();
    const get = mockApi();
    renderPalette();
    const dialog = await palette();

    expect(within(dialog).getByRole("option", { name: "New pilot" })).toBeInTheDocument();
    expect(within(dialog).getByRole("option", { name: /Log iteration/ })).toBeInTheDocument();
    expect(within(dialog).getByRole("option", { name: /Record decision/ })).toBeInTheDocument();
    expect(within(dialog).getByRole("option", { name: "Settings: Members" })).toBeInTheDocument();
    expect(
      within(dialog).getByRole("option", { name: "What your portfolio teaches" }),
    ).toBeInTheDocument();
    // Recently updated pilots, with their status (a stopped pilot is not "On track").
    const old = await within(dialog).findByRole("option", { name: /Old kiosk pilot/ });
    expect(within(old).getByText("Stopped")).toBeInTheDocument();

    await user.keyboard("agnes");
    const pilot = await within(dialog).findByRole("option", { name: /St\. Agnes supply rooms/ });
    expect(within(pilot).getByText("On track")).toBeInTheDocument();
    expect(
      await within(dialog).findByRole("option", { name: /St\. Agnes Hospital/ }),
    ).toBeInTheDocument();
    expect(within(dialog).queryByRole("option", { name: "New pilot" })).not.toBeInTheDocument();
    expect(within(dialog).queryByRole("option", { name: /Old kiosk/ })).not.toBeInTheDocument();
    expect(get).toHaveBeenCalledWith(
      "/api/v1/workspaces/{workspace_id}/customers",
      expect.objectContaining({
        params: expect.objectContaining({ query: expect.objectContaining({ q: "agnes" }) }),
      }),
    );

    await user.clear(within(dialog).getByRole("combobox"));
    await user.keyboard("members");
    expect(within(dialog).getByRole("option", { name: "Settings: Members" })).toBeInTheDocument();
    expect(within(dialog).queryByRole("option", { name: "Portfolio" })).not.toBeInTheDocument();
  });

  it("goes to a pilot on Enter", async () => {
    const user = userEvent.setup();
    mockApi();
    const { router, onOpenChange } = renderPalette();
    const dialog = await palette();
    await user.keyboard("supply");
    await within(dialog).findByRole("option", { name: /St\. Agnes supply rooms/ });
    await waitFor(() =>
      expect(within(dialog).getByRole("option", { selected: true })).toHaveTextContent(
        "St. Agnes supply rooms",
      ),
    );
    await user.keyboard("{Enter}");
    await waitFor(() => expect(router.state.location.pathname).toBe("/w/ws-1/pilots/p-agnes"));
    expect(onOpenChange).toHaveBeenCalledWith(false);
  });

  it("runs New pilot, and logs an iteration after picking the pilot", async () => {
    const user = userEvent.setup();
    mockApi();
    const { router } = renderPalette();
    let dialog = await palette();
    await user.click(within(dialog).getByRole("option", { name: "New pilot" }));
    await waitFor(() => expect(router.state.location.pathname).toBe("/w/ws-1/pilots/new"));

    router.history.push("/w/ws-1/portfolio");
    dialog = await palette();
    await user.click(within(dialog).getByRole("option", { name: /Log iteration/ }));
    const input = within(dialog).getByRole("combobox");
    expect(input).toHaveAttribute(
      "placeholder",
      expect.stringMatching(/^Which pilot\? Log an iteration/),
    );
    expect(input).toHaveFocus();
    await user.keyboard("agnes");
    await user.click(await within(dialog).findByRole("option", { name: /St\. Agnes supply/ }));
    await waitFor(() => expect(router.state.location.pathname).toBe("/w/ws-1/pilots/p-agnes"));
    expect(router.state.location.search).toEqual({ log: "iteration" });
  });

  it("on a pilot's page, records a decision on that pilot with a kind its stage allows", async () => {
    const user = userEvent.setup();
    mockApi();
    const { router } = renderPalette({ pilotId: "p-agnes" });
    const dialog = await palette();
    await user.click(
      await within(dialog).findByRole("option", {
        name: "Record decision on St. Agnes supply rooms",
      }),
    );
    const scale = await within(dialog).findByRole("option", { name: /^Scale/ });
    expect(within(dialog).queryByRole("option", { name: /^Pivot/ })).not.toBeInTheDocument();
    await user.click(scale);
    await waitFor(() => expect(router.state.location.pathname).toBe("/w/ws-1/pilots/p-agnes"));
    expect(router.state.location.search).toEqual({ decide: "scale" });
  });

  it("offers viewers no actions they cannot take, and opens the shortcut list", async () => {
    const user = userEvent.setup();
    mockApi();
    const { onShowShortcuts } = renderPalette({ role: "viewer" });
    const dialog = await palette();
    expect(within(dialog).queryByRole("option", { name: "New pilot" })).not.toBeInTheDocument();
    expect(within(dialog).queryByRole("option", { name: /Log iteration/ })).not.toBeInTheDocument();
    expect(
      within(dialog).queryByRole("option", { name: /Record decision/ }),
    ).not.toBeInTheDocument();
    await user.click(within(dialog).getByRole("option", { name: /Keyboard shortcuts/ }));
    expect(onShowShortcuts).toHaveBeenCalled();
  });
});
