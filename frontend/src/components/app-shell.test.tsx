import { screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { client } from "@/client";
import { healthOk, renderApp } from "@/test/render";

describe("app shell and routing", () => {
  it("renders landmarks, a skip link and the current nav item on /", async () => {
    vi.spyOn(client, "GET").mockResolvedValue(
      healthOk({ status: "ok", database: "ok", revision: "abc123" }),
    );
    renderApp("/");

    expect(
      await screen.findByRole("heading", { level: 1, name: "System status" }),
    ).toBeInTheDocument();
    expect(screen.getByRole("banner")).toBeInTheDocument();
    expect(screen.getByRole("main")).toHaveAttribute("id", "main");
    expect(screen.getByRole("link", { name: "Skip to content" })).toHaveAttribute("href", "#main");

    const nav = screen.getByRole("navigation", { name: "Main" });
    const links = within(nav).getAllByRole("link");
    expect(links.map((link) => link.textContent)).toEqual(["System status"]);
    expect(links[0]).toHaveAttribute("aria-current", "page");
    await vi.waitFor(() => expect(document.title).toBe("System status · Pilotboard"));
  });

  it("shows a not-found page with a link home for unknown paths", async () => {
    const get = vi.spyOn(client, "GET");
    renderApp("/pilots/does-not-exist");

    expect(
      await screen.findByRole("heading", { level: 1, name: "Page not found" }),
    ).toBeInTheDocument();
    expect(screen.getByText("/pilots/does-not-exist")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Back to home" })).toHaveAttribute("href", "/");
    expect(screen.getByRole("navigation", { name: "Main" })).toBeInTheDocument();
    expect(document.title).toBe("Page not found · Pilotboard");
    expect(get).not.toHaveBeenCalled();
  });
});
