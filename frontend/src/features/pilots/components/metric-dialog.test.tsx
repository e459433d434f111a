import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { client } from "@/client";
import { apiResult, mockGet, renderWithQuery } from "@/test/render";
import type { Pilot } from "../queries";
import type { Metric } from "../records/metrics";
import { MetricDialog, MetricList } from "./metrics-section";

const METRIC: Metric = {
  id: "m1",
  name: "Machine downtime",
  unit: "h",
  kind: "customer_experienced",
  direction: "decrease",
  baseline: 12,
  target: 8,
  is_revenue: false,
  revenue_period: "year",
  latest_value: null,
  lift: null,
  progress: null,
  measurement_count: 0,
  criteria_changes: [],
  created_at: "2027-01-05T10:00:00Z",
  updated_at: "2027-01-05T10:00:00Z",
  etag: '"m1"',
};

const pilot = (stage: Pilot["stage"]) =>
  ({
    id: "p1",
    stage,
    paused_from: null,
    revenue_gain_per_year: null,
    criteria_changed: false,
  }) as unknown as Pilot;

const PATH = "/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/metrics/{metric_id}";

function openDialog(stage: Pilot["stage"], metric: Metric | null = METRIC) {
  mockGet({});
  renderWithQuery(
    <MetricDialog
      workspaceId="ws"
      pilot={pilot(stage)}
      metric={metric}
      open
      onOpenChange={() => {}}
    />,
  );
  return screen.getByRole("dialog");
}

const locked = (detail: string) =>
  apiResult({
    status: 409,
    body: {
      type: "https://pilotboard.dev/problems/criteria-locked",
      title: "Success criteria locked",
      status: 409,
      detail,
    },
  }) as never;

describe("MetricDialog", () => {
  it("refuses a target on the wrong side of the baseline, at the target", async () => {
    const user = userEvent.setup();
    const patch = vi.spyOn(client, "PATCH");
    const dialog = openDialog("selecting");
    const target = within(dialog).getByLabelText("Target");
    await user.clear(target);
    await user.type(target, "14");
    await user.click(within(dialog).getByRole("button", { name: "Save metric" }));
    expect(target).toHaveAttribute("aria-invalid", "true");
    expect(target).toHaveAccessibleDescription(
      "The value that means the pilot worked: below the baseline, as lower is better. For a metric where lower is better, the target must be below the baseline (12).",
    );
    expect(patch).not.toHaveBeenCalled();
    // Before the start, a change needs no reason.
    expect(within(dialog).queryByLabelText("Why are you changing it?")).toBeNull();
  });

  it("asks why a criterion changes once the pilot runs, and sends the reason", async () => {
    const user = userEvent.setup();
    const patch = vi
      .spyOn(client, "PATCH")
      .mockResolvedValueOnce(apiResult({ status: 200, body: { ...METRIC, target: 7 } }) as never);
    const dialog = openDialog("running");
    // Renaming is free: no reason asked.
    expect(within(dialog).queryByLabelText("Why are you changing it?")).toBeNull();
    const target = within(dialog).getByLabelText("Target");
    await user.clear(target);
    await user.type(target, "7");
    expect(
      within(dialog).getByText(
        "Success criteria are fixed at the start so nobody moves the goalposts. This change will be recorded on the metric and flagged to the executives.",
      ),
    ).toBeInTheDocument();
    const reason = within(dialog).getByLabelText("Why are you changing it?");
    await user.click(within(dialog).getByRole("button", { name: "Save metric" }));
    expect(reason).toHaveAttribute("aria-invalid", "true");
    expect(
      within(dialog).getByText(
        "Say why you are changing it: the reason is recorded with the change.",
      ),
    ).toBeInTheDocument();
    expect(patch).not.toHaveBeenCalled();

    await user.type(reason, "The customer's night shift joined the pilot.");
    await user.click(within(dialog).getByRole("button", { name: "Save metric" }));
    await vi.waitFor(() => expect(patch).toHaveBeenCalledTimes(1));
    expect(patch).toHaveBeenCalledWith(PATH, {
      params: {
        path: { workspace_id: "ws", pilot_id: "p1", metric_id: "m1" },
        header: { "If-Match": '"m1"' },
      },
      body: { target: 7, change_reason: "The customer's night shift joined the pilot." },
    });
  });

  it("shows the reason field when the API says the criteria are locked", async () => {
    const user = userEvent.setup();
    const patch = vi
      .spyOn(client, "PATCH")
      .mockResolvedValueOnce(locked("The pilot has started, so its success criteria are fixed."))
      .mockResolvedValueOnce(
        apiResult({ status: 200, body: { ...METRIC, kind: "internal" } }) as never,
      );
    // The page still shows the pilot as selecting; someone else started it meanwhile.
    const dialog = openDialog("selecting");
    await user.selectOptions(within(dialog).getByLabelText("Kind"), "internal");
    await user.click(within(dialog).getByRole("button", { name: "Save metric" }));
    const reason = await within(dialog).findByLabelText("Why are you changing it?");
    await vi.waitFor(() => expect(reason).toHaveFocus());
    expect(reason).toHaveAccessibleDescription(
      "10 to 2,000 characters, shown on the metric with your name and the date. The pilot has started: say why you are changing it.",
    );
    expect(within(dialog).queryByRole("alert")).toBeNull();

    await user.type(reason, "It is our cost, not the customer's.");
    await user.click(within(dialog).getByRole("button", { name: "Save metric" }));
    await vi.waitFor(() => expect(patch).toHaveBeenCalledTimes(2));
    expect(patch.mock.calls[1]?.[1]).toMatchObject({
      body: { kind: "internal", change_reason: "It is our cost, not the customer's." },
    });
  });

  it("asks what the revenue is per, and sends it", async () => {
    const user = userEvent.setup();
    const post = vi
      .spyOn(client, "POST")
      .mockResolvedValueOnce(apiResult({ status: 201, body: { ...METRIC, id: "m2" } }) as never);
    const dialog = openDialog("proposed", null);
    expect(within(dialog).queryByLabelText("Revenue is per")).toBeNull();
    await user.type(within(dialog).getByLabelText("Name"), "Parts revenue");
    await user.type(within(dialog).getByLabelText("Baseline"), "40000");
    await user.type(within(dialog).getByLabelText("Target"), "46000");
    await user.click(within(dialog).getByLabelText("This is the pilot's revenue metric"));
    const period = within(dialog).getByLabelText("Revenue is per");
    expect(period).toHaveValue("year");
    expect(
      within(period)
        .getAllByRole("option")
        .map((o) => o.textContent),
    ).toEqual(["Month", "Quarter", "Year"]);
    await user.selectOptions(period, "month");
    await user.click(within(dialog).getByRole("button", { name: "Add metric" }));
    await vi.waitFor(() => expect(post).toHaveBeenCalledTimes(1));
    expect(post.mock.calls[0]?.[1]).toMatchObject({
      body: {
        name: "Parts revenue",
        baseline: 40000,
        target: 46000,
        is_revenue: true,
        revenue_period: "month",
      },
    });
  });
});

describe("MetricList", () => {
  it("tells the change history on the card, naming the people", async () => {
    mockGet({
      "/api/v1/workspaces/{workspace_id}/members": {
        status: 200,
        body: {
          items: [{ user_id: "u1", name: "Ada Admin", email: "a@x", role: "admin" }],
          next_cursor: null,
        },
      },
      "/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/metrics/{metric_id}/measurements": {
        status: 200,
        body: { items: [], next_cursor: null },
      },
    });
    const at = "2027-03-12T10:00:00Z";
    const metric: Metric = {
      ...METRIC,
      target: 7,
      direction: "decrease",
      criteria_changes: [
        {
          field: "target",
          before: 8,
          after: 7,
          reason: "Night shift.",
          changed_by: "u1",
          changed_at: at,
        },
        {
          field: "kind",
          before: "customer_experienced",
          after: "internal",
          reason: "Our figure after all.",
          changed_by: "u9",
          changed_at: "2027-03-20T10:00:00Z",
        },
      ],
    };
    renderWithQuery(
      <MetricList workspaceId="ws" pilot={pilot("running")} metrics={[metric]} editable={false} />,
    );
    const history = screen.getByRole("region", { name: "Changed after the start" });
    await within(history).findByText(/by Ada Admin/);
    expect(
      within(history)
        .getAllByRole("listitem")
        .map((li) => li.textContent),
    ).toEqual([
      "Target moved from 8 h to 7 h on 12 March 2027 by Ada Admin because “Night shift.”",
      "Kind changed from customer-experienced to internal on 20 March 2027 by a former member because “Our figure after all.”",
    ]);
  });

  it("asks why a metric is deleted once the pilot runs, and sends the reason", async () => {
    const user = userEvent.setup();
    mockGet({
      "/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/metrics/{metric_id}/measurements": {
        status: 200,
        body: { items: [], next_cursor: null },
      },
    });
    const remove = vi
      .spyOn(client, "DELETE")
      .mockResolvedValueOnce(apiResult({ status: 204 }) as never);
    renderWithQuery(
      <MetricList workspaceId="ws" pilot={pilot("scale_review")} metrics={[METRIC]} editable />,
    );
    await user.click(screen.getByRole("button", { name: "Delete metric Machine downtime" }));
    const confirm = screen.getByRole("alertdialog", {
      name: "Delete the metric Machine downtime?",
    });
    const reason = within(confirm).getByLabelText("Why are you deleting it?");
    await user.click(within(confirm).getByRole("button", { name: "Delete metric" }));
    expect(reason).toHaveAttribute("aria-invalid", "true");
    expect(reason).toHaveFocus();
    expect(remove).not.toHaveBeenCalled();

    await user.type(reason, "We measure downtime per site instead.");
    await user.click(within(confirm).getByRole("button", { name: "Delete metric" }));
    await vi.waitFor(() => expect(remove).toHaveBeenCalledTimes(1));
    expect(remove).toHaveBeenCalledWith(PATH, {
      params: {
        path: { workspace_id: "ws", pilot_id: "p1", metric_id: "m1" },
        query: { reason: "We measure downtime per site instead." },
        header: { "If-Match": '"m1"' },
      },
    });
  });
});
