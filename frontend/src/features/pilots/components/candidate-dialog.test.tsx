import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { mockGet, renderWithQuery } from "@/test/render";
import type { Pilot } from "../queries";
import type { Candidate } from "../records/candidates";
import { CandidateDialog } from "./candidates";

const RUBRIC = [
  { key: "low_stakes", label: "Low stakes in the relationship", weight: 1 },
  { key: "ideal_conditions", label: "Ideal conditions for change", weight: 1 },
];

const customer = (id: string, name: string, premier = false) => ({
  id,
  name,
  segment: "",
  annual_revenue: null,
  is_premier_account: premier,
  external_id: null,
  notes: "",
  created_at: "2026-11-01T10:00:00Z",
  updated_at: "2026-11-01T10:00:00Z",
  etag: '"v1"',
});

const PILOT = { id: "p1", customer_id: null, stage: "selecting" } as unknown as Pilot;

const EXISTING = {
  id: "c1",
  customer_id: "cu1",
  customer_name: "Northwind Depot",
  scores: { low_stakes: 4, ideal_conditions: 3 },
  notes: "",
  total: 62.5,
  is_premier_account: false,
  is_chosen: false,
  created_at: "2026-11-01T10:00:00Z",
  updated_at: "2026-11-01T10:00:00Z",
  etag: '"c1"',
} as Candidate;

function setup() {
  mockGet({
    "/api/v1/workspaces/{workspace_id}/customers": {
      status: 200,
      body: {
        items: [customer("cu1", "Northwind Depot"), customer("cu2", "Globex Group", true)],
        next_cursor: null,
      },
    },
  });
  renderWithQuery(
    <CandidateDialog
      workspaceId="ws"
      pilot={PILOT}
      candidates={[EXISTING]}
      rubric={RUBRIC}
      candidate={null}
      open
      onOpenChange={() => {}}
    />,
  );
  return screen.getByRole("dialog", { name: "Add a candidate customer" });
}

describe("CandidateDialog", () => {
  it("ranks the candidate live as it is scored, and derives its risk", async () => {
    const user = userEvent.setup();
    const dialog = setup();
    // Customers already considered are not offered again.
    const select = await within(dialog).findByLabelText("Customer");
    await within(select).findByRole("option", { name: "Globex Group (premier account)" });
    expect(within(select).queryByRole("option", { name: "Northwind Depot" })).toBeNull();

    const summary = within(dialog).getByRole("status");
    expect(summary).toHaveTextContent("Weighted score: not scored yet");
    const stakes = within(dialog).getByRole("group", { name: "Low stakes in the relationship" });
    await user.click(within(stakes).getByRole("radio", { name: "5 (Ideal)" }));
    expect(summary).toHaveTextContent("Weighted score: 100 / 100");
    expect(summary).toHaveTextContent("would rank 1st of 2");
    const conditions = within(dialog).getByRole("group", { name: "Ideal conditions for change" });
    await user.click(within(conditions).getByRole("radio", { name: "1 (Poor)" }));
    // (5 + 1) / 2 = 3 → 50: below Northwind's 62.5.
    expect(summary).toHaveTextContent("Weighted score: 50 / 100");
    expect(summary).toHaveTextContent("would rank 2nd of 2");
    expect(summary).toHaveTextContent(
      "Risk if chosen: Medium (a score of 50 is between 40 and 70)",
    );
  });

  it("warns, and says why, when a premier account is picked", async () => {
    const user = userEvent.setup();
    const dialog = setup();
    const select = await within(dialog).findByLabelText("Customer");
    await within(select).findByRole("option", { name: "Globex Group (premier account)" });
    await user.selectOptions(select, "cu2");
    expect(within(dialog).getByRole("note")).toHaveTextContent(
      "Globex Group is a premier account. A premier account is a red flag for a testbed",
    );
    expect(within(dialog).getByRole("status")).toHaveTextContent(
      "Risk if chosen: High (a premier account is never a low-risk testbed)",
    );
  });

  it("says what is missing at the field, before anything is sent", async () => {
    const user = userEvent.setup();
    const dialog = setup();
    await user.click(within(dialog).getByRole("button", { name: "Add candidate" }));
    expect(
      await within(dialog).findByText("Choose a customer, or create a new one."),
    ).toBeVisible();
    await user.click(within(dialog).getByRole("radio", { name: "A new customer" }));
    await user.click(within(dialog).getByRole("button", { name: "Add candidate" }));
    expect(await within(dialog).findByText("Name the customer.")).toBeVisible();
  });
});
