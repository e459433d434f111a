import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { healthOk, meReply, mockGet, renderApp, SIGNED_OUT } from "@/test/render";

const WORKSPACE = {
  id: "ws-1",
  name: "Field services",
  currency: "EUR",
  role: "admin",
  created_at: "2026-11-01T10:00:00Z",
  updated_at: "2026-11-01T10:00:00Z",
};

describe("app shell and routing", () => {
  it("shows the public status page to signed-out visitors, with a way to sign in", async () => {
    mockGet({
      "/api/v1/auth/me": SIGNED_OUT,
      "/api/v1/health": {
        status: 200,
        body: healthOk({ status: "ok", database: "ok", revision: "abc" }).data,
      },
    });
    renderApp("/status");

    expect(
      await screen.findByRole("heading", { level: 1, name: "System status" }),
    ).toBeInTheDocument();
    expect(screen.getByRole("banner")).toBeInTheDocument();
    expect(screen.getByRole("main")).toHaveAttribute("id", "main");
    expect(screen.getByRole("link", { name: "Skip to content" })).toHaveAttribute("href", "#main");
    expect(await screen.findByRole("link", { name: "Sign in" })).toHaveAttribute("href", "/login");
    expect(screen.queryByRole("navigation", { name: "Main" })).not.toBeInTheDocument();
    await waitFor(() => expect(document.title).toBe("System status · Pilotboard"));
  });

  it("sends signed-out visitors of a workspace page to sign in, remembering where they were", async () => {
    mockGet({ "/api/v1/auth/me": SIGNED_OUT });
    const { router } = renderApp("/w/ws-1/settings/members");

    expect(
      await screen.findByRole("heading", { level: 1, name: "Sign in to Pilotboard" }),
    ).toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/login");
    expect(router.state.location.search).toEqual({ redirect: "/w/ws-1/settings/members" });
    expect(screen.queryByRole("banner")).not.toBeInTheDocument();
  });

  it("opens the last workspace used at /, on the page for the role, with its navigation and the user menu", async () => {
    window.localStorage.setItem("pilotboard-last-workspace", "ws-2");
    mockGet({
      "/api/v1/auth/me": meReply([
        { workspace_id: "ws-1", workspace_name: "Field services", role: "admin" },
        { workspace_id: "ws-2", workspace_name: "Retail", role: "viewer" },
      ]),
      "/api/v1/workspaces/{workspace_id}": {
        status: 200,
        body: { ...WORKSPACE, id: "ws-2", name: "Retail", role: "viewer" },
      },
    });
    const { router } = renderApp("/");

    // Viewers (and executives) land on the portfolio; editors and admins on the pilots.
    expect(await screen.findByRole("heading", { level: 1, name: "Portfolio" })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/w/ws-2/portfolio");

    const nav = screen.getByRole("navigation", { name: "Main" });
    const links = within(nav).getAllByRole("link");
    expect(links.map((link) => link.textContent)).toEqual([
      "Portfolio",
      "Pilots",
      "Customers",
      "Departments",
      "Members",
      "API tokens",
      "Settings",
    ]);
    expect(links[0]).toHaveAttribute("aria-current", "page");
    expect(within(nav).getByRole("link", { name: "Customers" })).toHaveAttribute(
      "href",
      "/w/ws-2/customers",
    );
    expect(within(nav).getByRole("link", { name: "Members" })).toHaveAttribute(
      "href",
      "/w/ws-2/settings/members",
    );
    expect(screen.getByRole("button", { name: "Workspace: Retail" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Account: Ada Admin" })).toBeInTheDocument();
  });

  it("offers to create a workspace to someone who has none", async () => {
    mockGet({ "/api/v1/auth/me": meReply([]) });
    renderApp("/");

    expect(
      await screen.findByRole("heading", { name: "You are not in a workspace yet" }),
    ).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Create workspace" })).toBeInTheDocument();
  });

  it("shows a not-found page for a workspace the person is not in", async () => {
    mockGet({ "/api/v1/auth/me": meReply([]) });
    renderApp("/w/someone-elses");

    expect(
      await screen.findByRole("heading", { level: 1, name: "Page not found" }),
    ).toBeInTheDocument();
  });

  it("shows a not-found page with a link home for unknown paths", async () => {
    mockGet({ "/api/v1/auth/me": SIGNED_OUT });
    renderApp("/pilots/does-not-exist");

    expect(
      await screen.findByRole("heading", { level: 1, name: "Page not found" }),
    ).toBeInTheDocument();
    expect(screen.getByText("/pilots/does-not-exist")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Back to home" })).toHaveAttribute("href", "/");
    expect(document.title).toBe("Page not found · Pilotboard");
  });
});
