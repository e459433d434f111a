import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { meReply, mockGet, renderWithQuery } from "@/test/render";
import type { Activity } from "../records/activity";
import { activityChanges, activitySummary } from "../records/activity-changes";
import { ActivitySection } from "./activity-section";

const WS = "ws";
const EVE = "5b1f7c2e-8d3a-4e6f-9a0b-1c2d3e4f5a6b";
const GONE = "6f1c2a9e-4b7d-4c1e-9a53-0d2f8b7e5a10";

const entry = (over: Partial<Activity>): Activity => ({
  id: "a1",
  action: "pilot.updated",
  actor_name: "Ada Admin",
  actor_user_id: "u-ada",
  before: null,
  after: null,
  names: {},
  object_id: "p1",
  object_type: "pilot",
  occurred_at: "2026-11-10T12:00:00Z",
  pilot_id: "p1",
  summary: "",
  ...over,
});

const SPONSOR = entry({
  summary: "Pilot updated: budget, sponsor_id",
  before: { sponsor_id: null, budget: 1000 },
  after: { sponsor_id: EVE, budget: 250000 },
  names: { [EVE]: "Evelyn Executive" },
});

describe("activityChanges", () => {
  it("names people and formats money, before → after", () => {
    const changes = activityChanges(SPONSOR, "EUR");
    expect(changes.map((c) => [c.label, c.before, c.after])).toEqual([
      ["Sponsor", "—", "Evelyn Executive"],
      ["Budget", expect.stringMatching(/1,000/), expect.stringMatching(/250,000/)],
    ]);
    expect(changes[1]?.after).toContain("€");
    expect(activitySummary(SPONSOR, changes)).toBe("Pilot updated");
  });

  it("lists only what changed, in words: stages, engagement, dates, deleted objects", () => {
    const changes = activityChanges(
      entry({
        action: "involvement.updated",
        summary: "Finance engaged",
        before: {
          department_id: GONE,
          status: "invited",
          engaged_on: null,
          stake: "Fewer stock-outs",
        },
        after: {
          department_id: GONE,
          status: "engaged",
          engaged_on: "2026-11-03",
          stake: "Fewer stock-outs",
        },
      }),
    );
    expect(changes.map((c) => `${c.label}: ${c.before} → ${c.after}`)).toEqual([
      "Engagement: Invited → Engaged",
      "Engaged on: — → 3 November 2026",
    ]);
  });

  it("says who an id was when its object is gone, and nothing for creations", () => {
    const [owner] = activityChanges(
      entry({ before: { owner_id: GONE }, after: { owner_id: EVE }, names: { [EVE]: "Eve" } }),
    );
    expect(owner).toMatchObject({ label: "Owner", before: "a former member", after: "Eve" });
    expect(activityChanges(entry({ after: { title: "New" } }))).toEqual([]);
  });

  it("reads a stage change as its stages in words, with the reason it was given", () => {
    const stopped = entry({
      action: "pilot.stage_changed",
      summary: "Moved from scale review to stopped: The customer froze its budget",
      before: { stage: "scale_review" },
      after: { stage: "stopped", reason: "The customer froze its budget", lessons_learned: "" },
    });
    const changes = activityChanges(stopped);
    expect(changes).toEqual([
      { field: "reason", label: "Reason", before: null, after: "The customer froze its budget" },
    ]);
    expect(activitySummary(stopped, changes)).toBe("Moved from Scale review to Stopped");
    const moved = entry({
      action: "pilot.stage_changed",
      summary: "Moved from proposed to selecting",
      before: { stage: "proposed" },
      after: { stage: "selecting", reason: "", lessons_learned: "" },
    });
    expect(activityChanges(moved)).toEqual([]);
    expect(activitySummary(moved, [])).toBe("Moved from Proposed to Selecting");
  });

  it("keeps a summary that is already words", () => {
    const moved = entry({ summary: "Customer chosen", before: { customer_id: null } });
    expect(activitySummary(moved, [])).toBe("Customer chosen");
  });
});

describe("the activity timeline", () => {
  it("shows an update as human fields with before → after values", async () => {
    mockGet({
      "/api/v1/auth/me": meReply([{ workspace_id: WS, workspace_name: "Demo", role: "editor" }]),
      "/api/v1/workspaces/{workspace_id}": {
        status: 200,
        body: { id: WS, name: "Demo", currency: "USD" },
      },
      "/api/v1/workspaces/{workspace_id}/members": {
        status: 200,
        body: { items: [], next_cursor: null },
      },
      "/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/comments": {
        status: 200,
        body: { items: [], next_cursor: null },
      },
      "/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/activity": {
        status: 200,
        body: { items: [SPONSOR], next_cursor: null },
      },
    });
    renderWithQuery(
      <ActivitySection workspaceId={WS} pilotId="p1" filter="changes" onFilterChange={() => {}} />,
    );
    const changes = await screen.findByRole("list", { name: "Changes" });
    const lines = within(changes)
      .getAllByRole("listitem")
      .map((li) => li.textContent?.replace(/\s+/g, " ").trim());
    expect(lines[0]).toBe("Sponsor: — →changed to Evelyn Executive");
    expect(lines[1]).toMatch(/^Budget: \$1,000 →changed to \$250,000$/);
    expect(screen.getByText("Pilot updated")).toBeInTheDocument();
    expect(screen.queryByText(/sponsor_id/)).toBeNull();
  });
});
