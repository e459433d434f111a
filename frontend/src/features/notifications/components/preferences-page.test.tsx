import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { client } from "@/client";
import { apiResult, meReply, mockGet, renderInRouter } from "@/test/render";
import { PreferencesPage } from "./preferences-page";

function setup(role = "executive") {
  mockGet({
    "/api/v1/auth/me": meReply([{ workspace_id: "ws-1", workspace_name: "Field services", role }]),
    "/api/v1/me/preferences": {
      status: 200,
      body: { email_immediate: ["decision_needed", "mentioned", "invited"], weekly_digest: true },
    },
  });
  renderInRouter(<PreferencesPage />);
}

describe("PreferencesPage", () => {
  it("explains each kind and shows what is on", async () => {
    setup();
    const decision = await screen.findByRole("checkbox", { name: "Decision needed" });
    expect(decision).toBeChecked();
    expect(decision).toHaveAccessibleDescription(
      "A pilot waits for a go / no-go decision from you: one you sponsor, or, for executives, one without a sponsor.",
    );
    expect(screen.getByRole("checkbox", { name: "Health changed" })).not.toBeChecked();
    expect(screen.getByRole("checkbox", { name: "Mentioned" })).toBeChecked();
    expect(screen.getAllByRole("checkbox")).toHaveLength(8);
    expect(screen.getByRole("checkbox", { name: "Send me the weekly digest" })).toBeChecked();
    expect(await screen.findByText(/It goes to executives and admins\./)).toBeInTheDocument();
  });

  it("saves the choices and shows the server's refusal", async () => {
    setup("viewer");
    const patch = vi.spyOn(client, "PATCH").mockResolvedValue(
      apiResult({
        status: 422,
        body: {
          status: 422,
          title: "Invalid input",
          errors: [{ loc: ["body", "weekly_digest"], msg: "Not now." }],
        },
      }) as never,
    );
    expect(
      await screen.findByText(/you will get it once you have one of those roles/),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole("checkbox", { name: "Health changed" }));
    await userEvent.click(screen.getByRole("checkbox", { name: "Mentioned" }));
    await userEvent.click(screen.getByRole("checkbox", { name: "Send me the weekly digest" }));
    expect(screen.getByText("You have unsaved changes.")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Save preferences" }));

    expect(patch).toHaveBeenCalledWith("/api/v1/me/preferences", {
      body: {
        email_immediate: ["decision_needed", "health_changed", "invited"],
        weekly_digest: false,
      },
    });
    expect(await screen.findByText("Not now.")).toBeInTheDocument();
  });
});
