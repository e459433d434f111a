import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { client } from "@/client";
import { apiResult, mockGet, renderWithQuery } from "@/test/render";
import { DigestDaySection } from "./digest-day-section";

const SETTINGS = {
  rubric: [{ key: "fit", label: "Fit", weight: 1 }],
  thresholds: {},
  digest_weekday: "monday",
  updated_at: null,
};

function setup(isAdmin: boolean) {
  mockGet({
    "/api/v1/workspaces/{workspace_id}/settings": { status: 200, body: SETTINGS },
  });
  renderWithQuery(<DigestDaySection workspaceId="ws" isAdmin={isAdmin} />);
}

describe("DigestDaySection", () => {
  it("shows the day to non-admins", async () => {
    setup(false);
    expect(await screen.findByText("Digest day")).toBeInTheDocument();
    expect(screen.getByText("Monday")).toBeInTheDocument();
    expect(screen.queryByRole("combobox")).not.toBeInTheDocument();
  });

  it("lets admins choose the day and saves only that", async () => {
    setup(true);
    const patch = vi
      .spyOn(client, "PATCH")
      .mockResolvedValue(
        apiResult({ status: 200, body: { ...SETTINGS, digest_weekday: "thursday" } }) as never,
      );
    const select = await screen.findByLabelText("Digest day");
    expect(select).toHaveValue("monday");
    expect(screen.getAllByRole("option").map((o) => o.textContent)).toEqual([
      "Monday",
      "Tuesday",
      "Wednesday",
      "Thursday",
      "Friday",
      "Saturday",
      "Sunday",
    ]);
    await userEvent.selectOptions(select, "thursday");
    await userEvent.click(screen.getByRole("button", { name: "Save digest day" }));
    expect(patch).toHaveBeenCalledWith("/api/v1/workspaces/{workspace_id}/settings", {
      params: { path: { workspace_id: "ws" }, header: {} },
      body: { digest_weekday: "thursday" },
    });
  });
});
