import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { client } from "@/client";
import { apiResult, mockGet, renderWithQuery } from "@/test/render";
import type { CheckInPage as Page } from "../queries";
import { CheckInPage } from "./check-in-page";

const PATH = "/api/v1/check-ins/{token}";

const PAGE: Page = {
  workspace_name: "Acme Logistics",
  pilot_title: "Same-day dressings",
  department_name: "Finance",
  contact_name: "Fiona Finch",
  stake: "Fewer rush invoices to chase.",
  iteration: { number: 2, started_on: "2026-11-07", summary: "Restock at 6:00." },
};

describe("CheckInPage", () => {
  it("asks the department four questions and sends its answer as the API takes it", async () => {
    const get = mockGet({ [PATH]: { status: 200, body: PAGE } });
    const post = vi
      .spyOn(client, "POST")
      .mockResolvedValue(apiResult({ status: 201, body: { id: "c1" } }) as never);
    renderWithQuery(<CheckInPage token="tok" />);

    expect(
      await screen.findByRole("heading", { level: 1, name: "How is the pilot going for Finance?" }),
    ).toBeInTheDocument();
    expect(screen.getByRole("region", { name: "What Finance gets out of it" })).toHaveTextContent(
      "Fewer rush invoices to chase.",
    );
    expect(screen.getByRole("region", { name: "What changed lately" })).toHaveTextContent(
      "Restock at 6:00.",
    );

    await userEvent.click(screen.getByRole("button", { name: "Send check-in" }));
    expect(
      await screen.findByText("Say whether the department sees the benefit it expected."),
    ).toBeInTheDocument();
    expect(screen.getByText("Say whether the department is still committed.")).toBeInTheDocument();

    await userEvent.click(
      within(
        screen.getByRole("radiogroup", {
          name: "Does Finance see the benefit it expected from the pilot?",
        }),
      ).getByRole("radio", { name: "Partly" }),
    );
    const committed = screen.getByRole("radiogroup", {
      name: "Is Finance still committed to the pilot?",
    });
    await userEvent.click(within(committed).getByRole("radio", { name: "No" }));
    expect(committed).toHaveAccessibleDescription(
      expect.stringContaining("the pilot's owner hears about it at once"),
    );
    await userEvent.type(screen.getByLabelText("Is anything in the way?"), "Budget freeze");
    await userEvent.click(screen.getByRole("button", { name: "Send check-in" }));

    expect(await screen.findByRole("heading", { level: 1, name: "Thank you" })).toBeVisible();
    expect(post).toHaveBeenCalledWith(PATH, {
      params: { path: { token: "tok" }, header: { "Idempotency-Key": expect.any(String) } },
      body: { benefit: "partly", still_committed: false, blocker: "Budget freeze", note: "" },
    });
    expect(get.mock.calls.map((call) => (call as unknown[])[0])).toEqual([PATH]);
  }, 10_000); // many clicks and keystrokes: slow on a busy machine

  it("says kindly when the request's link is not valid any more", async () => {
    mockGet({});
    renderWithQuery(<CheckInPage token="old" />);
    expect(
      await screen.findByRole("heading", { level: 1, name: "This link is not valid any more" }),
    ).toBeInTheDocument();
  });
});
