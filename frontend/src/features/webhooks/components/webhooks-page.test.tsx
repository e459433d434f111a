import { QueryClientProvider } from "@tanstack/react-query";
import {
  createMemoryHistory,
  createRootRoute,
  createRouter,
  RouterProvider,
} from "@tanstack/react-router";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { client } from "@/client";
import { apiResult, createTestQueryClient, meReply, mockGet } from "@/test/render";
import type { Webhook } from "../events";
import { WebhooksPage } from "./webhooks-page";

const TURNED_OFF: Webhook = {
  id: "w1",
  url: "https://crm.example.com/hooks",
  description: "CRM sync",
  events: ["pilot.health_changed", "pilot.created"],
  enabled: false,
  disabled_reason: "Turned off after 24 hours in which every delivery failed.",
  disabled_at: "2026-11-02T10:00:00Z",
  failing_since: "2026-11-01T10:00:00Z",
  last_success_at: null,
  last_failure_at: "2026-11-02T10:00:00Z",
  created_at: "2026-11-01T10:00:00Z",
  updated_at: "2026-11-02T10:00:00Z",
  etag: '"w1-v1"',
};

function setup(role: "admin" | "editor", items: Webhook[] = []) {
  const get = mockGet({
    "/api/v1/auth/me": meReply([{ workspace_id: "ws", workspace_name: "Acme", role }]),
    "/api/v1/workspaces/{workspace_id}/webhooks": {
      status: 200,
      body: { items, next_cursor: null },
    },
  });
  const router = createRouter({
    routeTree: createRootRoute({ component: () => <WebhooksPage workspaceId="ws" /> }),
    history: createMemoryHistory({ initialEntries: ["/"] }),
  });
  render(
    <QueryClientProvider client={createTestQueryClient()}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return get;
}

describe("WebhooksPage", () => {
  it("tells non-admins who manages webhooks, without asking the API for them", async () => {
    const get = setup("editor");
    expect(
      await screen.findByRole("heading", { name: "Only admins manage webhooks" }),
    ).toBeInTheDocument();
    expect(get).not.toHaveBeenCalledWith(
      "/api/v1/workspaces/{workspace_id}/webhooks",
      expect.anything(),
    );
    expect(get).toHaveBeenCalledWith("/api/v1/auth/me", expect.anything());
  });

  it("explains webhooks and offers the one button that adds one when there are none", async () => {
    setup("admin");
    expect(await screen.findByRole("heading", { name: "No webhooks yet" })).toBeInTheDocument();
    expect(screen.getAllByRole("button", { name: "Add webhook" })).toHaveLength(1);
  });

  it("shows why Pilotboard turned an endpoint off", async () => {
    setup("admin", [TURNED_OFF]);
    const list = await screen.findByRole("list", { name: "Webhooks" });
    expect(within(list).getByRole("link", { name: TURNED_OFF.url })).toBeInTheDocument();
    expect(within(list).getByText("Turned off")).toBeInTheDocument();
    expect(within(list).getByText(TURNED_OFF.disabled_reason ?? "")).toBeInTheDocument();
    expect(within(list).getByText("Pilot proposed · Health changed")).toBeInTheDocument();
  });

  it("adds a webhook and shows its secret once", async () => {
    setup("admin");
    const post = vi.spyOn(client, "POST").mockResolvedValue(
      apiResult({
        status: 201,
        body: {
          ...TURNED_OFF,
          enabled: true,
          disabled_reason: null,
          url: "https://bi.example.com/in",
          events: ["pilot.stage_changed", "pilot.health_changed", "decision.recorded"],
          secret: "whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LTEyMzQ=",
        },
      }) as never,
    );
    await userEvent.click(await screen.findByRole("button", { name: "Add webhook" }));
    const dialog = await screen.findByRole("dialog", { name: "Add webhook" });
    await userEvent.type(
      within(dialog).getByLabelText("Endpoint URL"),
      "https://bi.example.com/in",
    );
    await userEvent.click(within(dialog).getByRole("checkbox", { name: /Pilot proposed/ }));
    await userEvent.click(within(dialog).getByRole("button", { name: "Add webhook" }));

    expect(post).toHaveBeenCalledWith("/api/v1/workspaces/{workspace_id}/webhooks", {
      params: { path: { workspace_id: "ws" } },
      body: {
        url: "https://bi.example.com/in",
        description: "",
        events: [
          "pilot.created",
          "pilot.stage_changed",
          "pilot.health_changed",
          "decision.recorded",
        ],
        enabled: true,
      },
    });
    const secret = await screen.findByRole("dialog", { name: "Copy the signing secret" });
    expect(within(secret).getByLabelText("Signing secret")).toHaveValue(
      "whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LTEyMzQ=",
    );
  });

  it("refuses a form without events or with a partial URL before calling the API", async () => {
    setup("admin");
    const post = vi.spyOn(client, "POST");
    await userEvent.click(await screen.findByRole("button", { name: "Add webhook" }));
    const dialog = await screen.findByRole("dialog", { name: "Add webhook" });
    await userEvent.type(within(dialog).getByLabelText("Endpoint URL"), "bi.example.com");
    for (const name of [/Stage changed/, /Health changed/, /Decision recorded/]) {
      await userEvent.click(within(dialog).getByRole("checkbox", { name }));
    }
    await userEvent.click(within(dialog).getByRole("button", { name: "Add webhook" }));

    expect(
      await within(dialog).findByText("Choose at least one event to send."),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText(
        "Enter a full http:// or https:// URL, like https://crm.example.com/hooks.",
      ),
    ).toBeInTheDocument();
    expect(post).not.toHaveBeenCalled();
  });
});
