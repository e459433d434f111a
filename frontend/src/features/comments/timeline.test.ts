import { describe, expect, it } from "vitest";
import type { Activity } from "@/features/pilots/records/activity";
import type { Comment } from "./queries";
import { buildTimeline } from "./timeline";

const comment = (id: string, at: string): Comment => ({
  id,
  body: id,
  body_html: `<p>${id}</p>`,
  author_id: "u-erin",
  author_name: "Erin Editor",
  mentions: [],
  created_at: at,
  updated_at: at,
  etag: `"${id}"`,
  edited_at: null,
});

const change = (id: string, at: string, action = "pilot.updated"): Activity => ({
  id,
  action,
  actor_name: "Ada Admin",
  actor_user_id: "u-ada",
  after: null,
  before: null,
  object_id: null,
  object_type: "pilot",
  occurred_at: at,
  pilot_id: "p1",
  summary: id,
});

const ids = (entries: { id: string }[]) => entries.map((e) => e.id);

const COMMENTS = [
  comment("c3", "2026-11-10T12:00:00Z"),
  comment("c2", "2026-11-08T12:00:00Z"),
  comment("c1", "2026-11-01T12:00:00Z"),
];
const ACTIVITY = [
  change("a-c3", "2026-11-10T12:00:00Z", "comment.created"),
  change("a4", "2026-11-09T12:00:00Z"),
  change("a-c2-edit", "2026-11-08T13:00:00Z", "comment.edited"),
  change("a-c0-deleted", "2026-11-07T12:00:00Z", "comment.deleted"),
  change("a3", "2026-11-05T12:00:00Z"),
];

describe("buildTimeline", () => {
  it("weaves comments into the changes, newest first, without repeating a comment", () => {
    const { entries, olderComments } = buildTimeline({
      comments: COMMENTS,
      activity: ACTIVITY,
      moreActivity: false,
      filter: "all",
    });
    expect(ids(entries)).toEqual(["c3", "a4", "c2", "a-c0-deleted", "a3", "c1"]);
    expect(olderComments).toBe(0);
  });

  it("holds back comments older than the activity read so far, and counts them", () => {
    const { entries, olderComments } = buildTimeline({
      comments: COMMENTS,
      activity: ACTIVITY,
      moreActivity: true,
      filter: "all",
    });
    // c1 (1 Nov) is older than the last entry read (5 Nov): it waits for the next page.
    expect(ids(entries)).toEqual(["c3", "a4", "c2", "a-c0-deleted", "a3"]);
    expect(olderComments).toBe(1);
  });

  it("shows every comment, and only comments, in the Comments view", () => {
    const { entries } = buildTimeline({
      comments: [COMMENTS[2], COMMENTS[0], COMMENTS[1]].filter((c) => c !== undefined),
      activity: ACTIVITY,
      moreActivity: true,
      filter: "comments",
    });
    expect(ids(entries)).toEqual(["c3", "c2", "c1"]);
  });

  it("shows the changes without any comment entry in the Changes view", () => {
    const { entries } = buildTimeline({
      comments: COMMENTS,
      activity: ACTIVITY,
      moreActivity: false,
      filter: "changes",
    });
    expect(ids(entries)).toEqual(["a4", "a3"]);
  });
});
