import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { client } from "@/client";
import { healthOk, healthProblem, renderWithQuery } from "@/test/render";
import { SystemStatus } from "./system-status";

const HEALTHY = { status: "ok", database: "ok", revision: "0001_initial" };

describe("SystemStatus", () => {
  it("shows skeletons and announces loading while the check runs", () => {
    vi.spyOn(client, "GET").mockReturnValue(new Promise(() => {}));
    renderWithQuery(<SystemStatus />);

    expect(screen.getByRole("heading", { level: 1, name: "System status" })).toBeInTheDocument();
    expect(screen.getByRole("status")).toHaveTextContent("Loading system status…");
    expect(screen.getByRole("button", { name: "Refresh" })).toBeDisabled();
  });

  it("shows API, database and schema revision when everything is up", async () => {
    const get = vi.spyOn(client, "GET").mockResolvedValue(healthOk(HEALTHY));
    renderWithQuery(<SystemStatus />);

    expect(
      await screen.findByRole("heading", { name: "All systems operational" }),
    ).toBeInTheDocument();
    expect(get).toHaveBeenCalledWith("/api/v1/health", expect.objectContaining({}));
    const api = screen.getByRole("heading", { name: "API" }).closest("div.rounded-xl");
    const database = screen.getByRole("heading", { name: "Database" }).closest("div.rounded-xl");
    expect(within(api as HTMLElement).getByText("Operational")).toBeInTheDocument();
    expect(within(database as HTMLElement).getByText("Operational")).toBeInTheDocument();
    expect(screen.getByText("0001_initial")).toBeInTheDocument();
    expect(screen.getByText(/Last checked at/)).toBeInTheDocument();
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("summarises a database outage and a missing revision", async () => {
    vi.spyOn(client, "GET").mockResolvedValue(
      healthOk({ status: "ok", database: "unavailable", revision: null }),
    );
    renderWithQuery(<SystemStatus />);

    expect(
      await screen.findByRole("heading", { name: "Some systems are down" }),
    ).toBeInTheDocument();
    expect(screen.getByText("Down")).toBeInTheDocument();
    expect(screen.getByText("Not migrated")).toBeInTheDocument();
  });

  it("shows the problem detail from a 503 and recovers on Retry", async () => {
    const get = vi
      .spyOn(client, "GET")
      .mockResolvedValueOnce(
        healthProblem(503, {
          type: "about:blank",
          title: "Service Unavailable",
          status: 503,
          detail: "The database is not reachable.",
        }),
      )
      .mockResolvedValueOnce(healthOk(HEALTHY));
    renderWithQuery(<SystemStatus />);

    const alert = await screen.findByRole("alert");
    expect(within(alert).getByRole("heading", { name: "Status check failed" })).toBeInTheDocument();
    expect(alert).toHaveTextContent(
      "The database is not reachable. (Service Unavailable, HTTP 503)",
    );

    await userEvent.click(within(alert).getByRole("button", { name: "Retry" }));

    expect(
      await screen.findByRole("heading", { name: "All systems operational" }),
    ).toBeInTheDocument();
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
    expect(get).toHaveBeenCalledTimes(2);
  });

  it("explains a network failure in plain words", async () => {
    vi.spyOn(client, "GET").mockRejectedValue(new TypeError("Failed to fetch"));
    renderWithQuery(<SystemStatus />);

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Check your connection and try again.");
    expect(alert).not.toHaveTextContent("HTTP");
  });

  it("checks again when Refresh is pressed", async () => {
    const get = vi.spyOn(client, "GET").mockResolvedValue(healthOk(HEALTHY));
    renderWithQuery(<SystemStatus />);
    await screen.findByRole("heading", { name: "All systems operational" });

    await userEvent.click(screen.getByRole("button", { name: "Refresh" }));

    await vi.waitFor(() => expect(get).toHaveBeenCalledTimes(2));
  });
});
