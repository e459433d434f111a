import type { Activity } from "@/features/pilots/records/activity";
import type { Comment } from "./queries";

/** What the pilot's timeline shows: everything, the discussion only, or the changes only. */
export const TIMELINE_FILTERS = ["all", "comments", "changes"] as const;
export type TimelineFilter = (typeof TIMELINE_FILTERS)[number];

export type TimelineEntry =
  | { kind: "comment"; id: string; at: number; comment: Comment }
  | { kind: "activity"; id: string; at: number; activity: Activity };

/** Activity entries that repeat a comment shown in full beside them. */
const REPEATS_A_COMMENT = new Set(["comment.created", "comment.edited"]);

/**
 * The pilot's comments woven into its activity, newest first. The whole thread is loaded but the
 * activity comes a page at a time, so while older activity remains unread, comments older than
 * the last entry read wait for it ("Load older" brings both): the order shown is always true.
 * An activity entry that only repeats a comment (created, edited) is left out; the line saying a
 * comment was deleted stays, as the only trace of it.
 */
export function buildTimeline({
  comments,
  activity,
  moreActivity,
  filter,
}: {
  comments: readonly Comment[];
  activity: readonly Activity[];
  moreActivity: boolean;
  filter: TimelineFilter;
}): { entries: TimelineEntry[]; olderComments: number } {
  const commentEntries = comments.map(
    (comment): TimelineEntry => ({
      kind: "comment",
      id: comment.id,
      at: Date.parse(comment.created_at),
      comment,
    }),
  );
  const changes = activity
    .filter((a) =>
      filter === "changes" ? !a.action.startsWith("comment.") : !REPEATS_A_COMMENT.has(a.action),
    )
    .map(
      (a): TimelineEntry => ({
        kind: "activity",
        id: a.id,
        at: Date.parse(a.occurred_at),
        activity: a,
      }),
    );
  const newestFirst = (a: TimelineEntry, b: TimelineEntry) => b.at - a.at;
  if (filter === "comments") return { entries: commentEntries.sort(newestFirst), olderComments: 0 };
  if (filter === "changes") return { entries: changes.sort(newestFirst), olderComments: 0 };
  const frontier =
    moreActivity && activity.length > 0
      ? Math.min(...activity.map((a) => Date.parse(a.occurred_at)))
      : Number.NEGATIVE_INFINITY;
  const shown = commentEntries.filter((c) => c.at >= frontier);
  return {
    entries: [...shown, ...changes].sort(newestFirst),
    olderComments: commentEntries.length - shown.length,
  };
}
