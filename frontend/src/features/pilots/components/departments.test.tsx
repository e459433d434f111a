import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { client } from "@/client";
import { apiResult, mockGet, renderWithQuery } from "@/test/render";
import type { Pilot } from "../queries";
import type { Involvement } from "../records/involvements";
import { InvolvementList } from "./departments";

const CHECK_INS =
  "/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/involvements/{involvement_id}/check-ins";

const pilot = { id: "p1", stage: "running" } as Pilot;

const involvement = (over: Partial<Involvement> & { id: string }): Involvement => ({
  etag: `"${over.id}"`,
  department_id: `d-${over.id}`,
  department_name: "Finance",
  contact_name: "Fiona Finch",
  contact_email: "fiona@example.com",
  stake: "Fewer rush invoices",
  status: "engaged",
  invited_on: "2026-09-01",
  engaged_on: "2026-09-05",
  last_check_in_on: "2026-10-20",
  silent_days: 34,
  created_at: "2026-09-01T10:00:00Z",
  updated_at: "2026-09-05T10:00:00Z",
  ...over,
});

const CHECK_IN = {
  id: "c1",
  involvement_id: "i1",
  department_name: "Finance",
  iteration_id: "it2",
  iteration_number: 2,
  benefit: "not_yet",
  still_committed: false,
  blocker: "Budget freeze",
  note: "",
  source: "app",
  recorded_by: "u-ada",
  recorded_by_name: "Ada Admin",
  created_at: "2026-10-20T10:00:00Z",
};

describe("InvolvementList with check-ins", () => {
  it("says which department is silent beyond the workspace's limit, and which is not", async () => {
    mockGet({ [CHECK_INS]: { status: 200, body: { items: [CHECK_IN], next_cursor: null } } });
    renderWithQuery(
      <InvolvementList
        workspaceId="ws"
        pilot={pilot}
        involvements={[
          involvement({ id: "i1" }),
          involvement({
            id: "i2",
            department_name: "Supply chain",
            silent_days: 3,
            last_check_in_on: "2026-11-20",
          }),
        ]}
        editable={false}
        checkIns={{ silenceDays: 30, canRecord: false }}
      />,
    );
    const [finance, supply] = screen.getAllByRole("listitem");
    expect(finance).toHaveTextContent(
      "Silent for 34 days, more than the 30 days the workspace allowsLast check-in 34 days ago",
    );
    expect(supply).toHaveTextContent("Last check-in 3 days ago");
    expect(supply).not.toHaveTextContent("Silent");
    expect(screen.queryByRole("button", { name: /Record check-in/ })).toBeNull();

    const toggle = screen.getByRole("button", { name: "Check-ins of Finance" });
    await userEvent.click(toggle);
    expect(toggle).toHaveAttribute("aria-expanded", "true");
    const history = await screen.findByRole("list", { name: "Check-ins, newest first" });
    expect(history).toHaveTextContent("Benefit: not yetNo longer committed");
    expect(history).toHaveTextContent("iteration 2 · recorded by Ada Admin");
    expect(history).toHaveTextContent("In the way: Budget freeze");
  });

  it("lets an editor record what a department said in a meeting", async () => {
    mockGet({});
    const post = vi
      .spyOn(client, "POST")
      .mockResolvedValue(apiResult({ status: 201, body: CHECK_IN }) as never);
    renderWithQuery(
      <InvolvementList
        workspaceId="ws"
        pilot={pilot}
        involvements={[involvement({ id: "i1" })]}
        editable
        checkIns={{ silenceDays: 30, canRecord: true }}
      />,
    );
    await userEvent.click(screen.getByRole("button", { name: "Record check-in from Finance" }));
    const dialog = await screen.findByRole("dialog", {
      name: "Record a check-in from Finance",
    });
    await userEvent.click(
      within(
        within(dialog).getByRole("radiogroup", {
          name: "Does Finance see the benefit it expected from the pilot?",
        }),
      ).getByRole("radio", { name: "Yes" }),
    );
    await userEvent.click(
      within(
        within(dialog).getByRole("radiogroup", {
          name: "Is Finance still committed to the pilot?",
        }),
      ).getByRole("radio", { name: "Yes" }),
    );
    await userEvent.click(within(dialog).getByRole("button", { name: "Record check-in" }));
    expect(post).toHaveBeenCalledWith(CHECK_INS, {
      params: {
        path: { workspace_id: "ws", pilot_id: "p1", involvement_id: "i1" },
        header: { "Idempotency-Key": expect.any(String) },
      },
      body: { benefit: "yes", still_committed: true, blocker: "", note: "" },
    });
  });
});
