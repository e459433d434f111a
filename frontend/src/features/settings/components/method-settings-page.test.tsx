import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { client } from "@/client";
import { apiResult, meReply, mockGet, renderWithQuery } from "@/test/render";
import { MethodSettingsPage } from "./method-settings-page";

const SETTINGS = {
  rubric: [{ key: "low_stakes", label: "Low stakes in the relationship", weight: 1 }],
  thresholds: {
    no_iteration_days: 45,
    scale_decision_days: 30,
    selection_days: 60,
    ready_to_scale_days: 30,
    invited_not_engaged_days: 21,
    min_engaged_departments: 2,
    measurement_gap_iterations: 2,
    min_running_days: 60,
    min_iteration_days: 14,
    check_in_days: 21,
    department_silence_days: 30,
    customer_voice_days: 30,
  },
  updated_at: null,
};

const {
  min_running_days,
  min_iteration_days,
  check_in_days,
  department_silence_days,
  customer_voice_days,
  ...HEALTH
} = SETTINGS.thresholds;

function setup(role: "admin" | "viewer") {
  mockGet({
    "/api/v1/auth/me": meReply([{ workspace_id: "ws", workspace_name: "Acme", role }]),
    "/api/v1/workspaces/{workspace_id}/settings": { status: 200, body: SETTINGS },
  });
  renderWithQuery(<MethodSettingsPage workspaceId="ws" />);
}

describe("MethodSettingsPage", () => {
  it("shows the settings without controls to non-admins", async () => {
    setup("viewer");
    expect(await screen.findByRole("table", { name: "Rubric criteria" })).toHaveTextContent(
      "Low stakes in the relationship",
    );
    expect(screen.queryByRole("spinbutton")).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /^Save/ })).not.toBeInTheDocument();
  });

  it("puts a server error at its field and explains a conflict with a reload", async () => {
    setup("admin");
    const patch = vi
      .spyOn(client, "PATCH")
      .mockResolvedValueOnce(
        apiResult({
          status: 422,
          body: {
            status: 422,
            title: "Invalid request",
            detail: "1 field is invalid",
            errors: [
              { loc: ["body", "thresholds", "no_iteration_days"], msg: "Must be at most 365." },
            ],
          },
        }) as never,
      )
      .mockResolvedValueOnce(
        apiResult({
          status: 412,
          body: { status: 412, title: "Precondition failed", detail: "Changed.", current: {} },
        }) as never,
      );
    const field = await screen.findByLabelText(
      "Days without an iteration before a running pilot is stalled (45)",
    );
    await userEvent.clear(field);
    await userEvent.type(field, "40");
    await userEvent.click(screen.getByRole("button", { name: "Save thresholds" }));
    expect(await screen.findByText("Must be at most 365.")).toBeInTheDocument();
    expect(field).toHaveAttribute("aria-invalid", "true");
    expect(patch).toHaveBeenCalledWith("/api/v1/workspaces/{workspace_id}/settings", {
      params: { path: { workspace_id: "ws" }, header: {} },
      body: { thresholds: { ...HEALTH, no_iteration_days: 40 } },
    });

    await userEvent.click(screen.getByRole("button", { name: "Save thresholds" }));
    expect(
      await screen.findByText("Someone changed the settings since you opened this page"),
    ).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Reload" })).toBeInTheDocument();
  });

  it("saves the time the method needs on its own, 0 turning a check off", async () => {
    setup("admin");
    const patch = vi.spyOn(client, "PATCH").mockResolvedValueOnce(
      apiResult({
        status: 200,
        body: { ...SETTINGS, thresholds: { ...SETTINGS.thresholds, min_running_days: 0 } },
      }) as never,
    );
    const time = await screen.findByRole("region", { name: "Time the method needs" });
    const running = within(time).getByLabelText(
      "Days a pilot must run before its scale review (60)",
    );
    expect(running).toHaveValue(60);
    expect(running).toHaveAccessibleDescription(
      "From 0 to 3650 days. The default is 60. Counted from the day it first entered running. 0 turns the check off.",
    );
    expect(
      within(time).getByLabelText(
        "Days an iteration must last to count toward the scale review (14)",
      ),
    ).toHaveValue(14);

    await userEvent.clear(running);
    await userEvent.type(running, "3651");
    await userEvent.click(within(time).getByRole("button", { name: "Save time rules" }));
    expect(
      await within(time).findByText("Enter a whole number from 0 to 3650."),
    ).toBeInTheDocument();
    expect(patch).not.toHaveBeenCalled();

    await userEvent.clear(running);
    await userEvent.type(running, "0");
    await userEvent.click(within(time).getByRole("button", { name: "Save time rules" }));
    await vi.waitFor(() => expect(patch).toHaveBeenCalledTimes(1));
    expect(patch).toHaveBeenCalledWith("/api/v1/workspaces/{workspace_id}/settings", {
      params: { path: { workspace_id: "ws" }, header: {} },
      body: { thresholds: { min_running_days: 0, min_iteration_days: 14 } },
    });
  });

  it("shows a check turned off as Off to non-admins", async () => {
    mockGet({
      "/api/v1/auth/me": meReply([{ workspace_id: "ws", workspace_name: "Acme", role: "viewer" }]),
      "/api/v1/workspaces/{workspace_id}/settings": {
        status: 200,
        body: { ...SETTINGS, thresholds: { ...SETTINGS.thresholds, min_iteration_days: 0 } },
      },
    });
    renderWithQuery(<MethodSettingsPage workspaceId="ws" />);
    const time = await screen.findByRole("region", { name: "Time the method needs" });
    expect(
      within(time)
        .getAllByRole("definition")
        .map((dd) => dd.textContent),
    ).toEqual(["60", "Off"]);
  });

  it("lets an admin set how often departments are asked and how long silence may last", async () => {
    const patch = vi.spyOn(client, "PATCH").mockResolvedValue(
      apiResult({
        status: 200,
        body: { ...SETTINGS, thresholds: { ...SETTINGS.thresholds, department_silence_days: 14 } },
      }) as never,
    );
    setup("admin");
    const voice = await screen.findByRole("region", {
      name: "Hearing from departments and the customer",
    });
    const silence = within(voice).getByLabelText(
      "Days an engaged department can stay silent before the pilot is at risk (30)",
    );
    expect(silence).toHaveAccessibleDescription(
      "From 1 to 3650 days. The default is 30. Silence is counted from its last check-in, or from when it was first asked. Indifference is not refusal, but it kills pilots just the same.",
    );
    await userEvent.clear(silence);
    await userEvent.type(silence, "14");
    await userEvent.click(within(voice).getByRole("button", { name: "Save check-in rules" }));
    await vi.waitFor(() => expect(patch).toHaveBeenCalledTimes(1));
    expect(patch).toHaveBeenCalledWith("/api/v1/workspaces/{workspace_id}/settings", {
      params: { path: { workspace_id: "ws" }, header: {} },
      body: {
        thresholds: { check_in_days: 21, department_silence_days: 14, customer_voice_days: 30 },
      },
    });
  });
});
