import { Eye, MessageSquare, MessageSquarePlus } from "lucide-react";
import type * as React from "react";
import { useEffect, useMemo, useRef, useState } from "react";
import { RelativeTime } from "@/components/relative-time";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { useMe } from "@/features/auth/queries";
import { bringIntoView, commentIdFromHash } from "@/features/comments/anchor";
import { CommentForm } from "@/features/comments/components/comment-form";
import { Avatar, CommentItem, commentAnchor } from "@/features/comments/components/comment-item";
import { DeleteCommentDialog } from "@/features/comments/components/delete-comment-dialog";
import type { Mentionable } from "@/features/comments/mentions";
import { canComment, canDeleteComment, canEditComment } from "@/features/comments/permissions";
import {
  type Comment,
  useAddComment,
  useComments,
  useEditComment,
} from "@/features/comments/queries";
import {
  buildTimeline,
  type TimelineEntry,
  type TimelineFilter,
} from "@/features/comments/timeline";
import { useMembers } from "@/features/members/queries";
import { useMembership, useWorkspace } from "@/features/workspaces/queries";
import { toast } from "@/lib/toast";
import { cn } from "@/lib/utils";
import { useActivity } from "../records/activity";
import { activityChanges, activitySummary } from "../records/activity-changes";
import { Section, SectionState } from "./section";

const FILTER_LABELS: Record<TimelineFilter, string> = {
  all: "All",
  comments: "Comments",
  changes: "Changes",
};

/**
 * The pilot's discussion woven into its activity: one timeline, newest first, where a comment
 * sits beside the change it is about (the decision it questions, the stage change it explains).
 * A filter narrows it to the comments or to the changes. Members who take part write at the top;
 * viewers read. A link to `#comment-<id>` (a notification's) scrolls to that comment and marks it.
 */
export function ActivitySection({
  workspaceId,
  pilotId,
  hash = "",
  filter = "all",
  onFilterChange,
}: {
  workspaceId: string;
  pilotId: string;
  /** The page's URL hash, without `#`. */
  hash?: string;
  filter?: TimelineFilter;
  onFilterChange: (filter: TimelineFilter) => void;
}) {
  const comments = useComments(workspaceId, pilotId);
  const activity = useActivity(workspaceId, pilotId);
  const members = useMembers(workspaceId);
  const membership = useMembership(workspaceId);
  const currency = useWorkspace(workspaceId).data?.currency ?? null;
  const me = useMe();
  const role = membership?.role;
  const myId = me.data?.id;
  const commenter = canComment(role);
  const add = useAddComment(workspaceId, pilotId);
  const edit = useEditComment(workspaceId, pilotId);
  const [editing, setEditing] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<Comment | null>(null);
  const composerRef = useRef<HTMLTextAreaElement | null>(null);
  const listRef = useRef<HTMLOListElement | null>(null);

  const mentionable = useMemo<Mentionable[]>(
    () =>
      (members.data ?? [])
        .filter((m) => m.is_active)
        .map((m) => ({ id: m.user_id, name: m.name, email: m.email, role: m.role })),
    [members.data],
  );

  // A link to a comment shows it even when the filter would hide it.
  const targetId = commentIdFromHash(hash);
  const target = targetId ? comments.data?.find((c) => c.id === targetId) : undefined;
  const shownFilter: TimelineFilter = target && filter === "changes" ? "all" : filter;
  const thread = comments.data ?? [];
  const changes = activity.data?.pages.flatMap((p) => p.items) ?? [];
  const { entries, olderComments } = buildTimeline({
    comments: thread,
    activity: changes,
    moreActivity: activity.hasNextPage,
    filter: shownFilter,
  });
  // The timeline shows once both the comments and the activity are in (SectionState below): a
  // comment is "shown" only then, or the arrival below would look for an element not yet drawn
  // and, its inputs unchanged when the activity came, never look again.
  const drawn = comments.isSuccess && activity.isSuccess;
  const targetShown = drawn && target ? entries.some((e) => e.id === target.id) : false;
  const targetGone = targetId !== null && comments.isSuccess && !target;

  // An older comment waits for the activity around it: read on until it is in the timeline.
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = activity;
  useEffect(() => {
    if (target && !targetShown && hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [target, targetShown, hasNextPage, isFetchingNextPage, fetchNextPage]);

  // Arriving at a comment: bring it into view and give it focus, once per link followed.
  const arrived = useRef<string | null>(null);
  useEffect(() => {
    if (!targetShown || !targetId || arrived.current === hash) return;
    const element = document.getElementById(commentAnchor(targetId));
    if (!element) return;
    arrived.current = hash;
    return bringIntoView(element);
  }, [targetShown, targetId, hash]);

  const showLoadMore = shownFilter !== "comments" && activity.hasNextPage;
  const noComments = comments.isSuccess && thread.length === 0;

  return (
    <Section
      id="activity"
      title="Discussion and activity"
      description="Comments and every change to the pilot, newest first."
      action={
        <FilterToggle
          value={shownFilter}
          counts={{ comments: comments.data?.length }}
          onChange={(value) => onFilterChange(value)}
        />
      }
    >
      {commenter ? (
        <CommentForm
          label="New comment"
          submitLabel="Comment"
          placeholder="Ask a question, share what the customer said, or type @ to bring someone in"
          members={mentionable}
          draftKey={`pilotboard:comment-draft:${workspaceId}:${pilotId}`}
          textareaRef={composerRef}
          onSubmit={async (values) => {
            await add.mutateAsync(values);
            toast("Comment posted");
          }}
        />
      ) : (
        membership && (
          <p className="flex gap-2 rounded-lg border bg-muted/40 p-3 text-sm text-muted-foreground">
            <Eye aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
            As a viewer you can read the discussion; editors, executives and admins take part in it.
            Ask an admin of the workspace if you need to comment.
          </p>
        )
      )}
      {targetGone && (
        <p role="status" className="rounded-lg border bg-muted/40 p-3 text-sm">
          The comment this link points to has been deleted.
        </p>
      )}
      <SectionState
        pending={comments.isPending || activity.isPending}
        error={comments.error ?? activity.error}
        onRetry={() => {
          if (comments.isError) void comments.refetch();
          if (activity.isError) void activity.refetch();
        }}
      >
        {noComments && shownFilter !== "changes" && (
          <EmptyDiscussion
            commenter={commenter}
            onStart={() => {
              composerRef.current?.focus();
              composerRef.current?.scrollIntoView?.({ block: "center" });
            }}
          />
        )}
        {entries.length > 0 ? (
          <ol
            ref={listRef}
            tabIndex={-1}
            aria-label={`${shownFilter === "all" ? "Discussion and activity" : FILTER_LABELS[shownFilter]}, newest first`}
            className="relative flex flex-col gap-3 outline-none before:absolute before:top-4 before:bottom-4 before:left-4 before:w-px before:bg-border"
          >
            {entries.map((entry) => (
              <TimelineItem
                key={`${entry.kind}-${entry.id}`}
                entry={entry}
                currency={currency}
                render={(comment) => (
                  <CommentItem
                    comment={comment}
                    members={mentionable}
                    canEdit={canEditComment(comment, myId)}
                    canDelete={canDeleteComment(comment, myId, role)}
                    editing={editing === comment.id}
                    highlighted={comment.id === targetId}
                    onEdit={() => setEditing(comment.id)}
                    onCancelEdit={() => {
                      setEditing(null);
                      focusComment(comment.id);
                    }}
                    onSave={async (values) => {
                      await edit.mutateAsync({ shown: comment, ...values });
                      toast("Comment saved");
                      setEditing(null);
                      focusComment(comment.id);
                    }}
                    onDelete={() => setDeleting(comment)}
                  />
                )}
              />
            ))}
          </ol>
        ) : (
          shownFilter === "changes" && (
            <p className="text-sm text-muted-foreground">No changes recorded yet.</p>
          )
        )}
        {showLoadMore && (
          <Button
            variant="outline"
            size="sm"
            className="self-start"
            onClick={() => void activity.fetchNextPage()}
            disabled={activity.isFetchingNextPage}
          >
            {activity.isFetchingNextPage && <Spinner />}
            {shownFilter === "all" && olderComments > 0
              ? `Load older (${olderComments} more ${olderComments === 1 ? "comment" : "comments"})`
              : "Load older"}
          </Button>
        )}
      </SectionState>
      <DeleteCommentDialog
        workspaceId={workspaceId}
        pilotId={pilotId}
        comment={deleting}
        mine={deleting ? canEditComment(deleting, myId) : false}
        onClose={() => setDeleting(null)}
        afterDelete={() => listRef.current ?? composerRef.current}
      />
    </Section>
  );
}

/** After an edit, focus goes back to the comment (the form it was in is gone). */
function focusComment(id: string) {
  requestAnimationFrame(() => document.getElementById(commentAnchor(id))?.focus());
}

function TimelineItem({
  entry,
  currency,
  render,
}: {
  entry: TimelineEntry;
  currency: string | null;
  render: (comment: Comment) => React.ReactNode;
}) {
  if (entry.kind === "comment")
    return (
      <li className="relative flex gap-3">
        <Avatar name={entry.comment.author_name} id={entry.comment.author_id} />
        {render(entry.comment)}
      </li>
    );
  const a = entry.activity;
  const changes = activityChanges(a, currency);
  return (
    <li className="relative flex gap-3 text-sm">
      <span aria-hidden="true" className="flex w-8 shrink-0 justify-center pt-1.5">
        <span className="size-2.5 rounded-full bg-muted-foreground/60 ring-4 ring-card" />
      </span>
      <div className="flex min-w-0 flex-1 flex-col gap-0.5 sm:flex-row sm:justify-between sm:gap-4">
        <div className="flex min-w-0 flex-col gap-1">
          <p className="min-w-0 break-words text-muted-foreground">
            <span className="font-medium text-foreground">{a.actor_name ?? "An integration"}</span>{" "}
            {activitySummary(a, changes)}
          </p>
          {changes.length > 0 && (
            <ul aria-label="Changes" className="flex min-w-0 flex-col gap-0.5">
              {changes.map((c) => (
                <li key={c.field} className="min-w-0 break-words">
                  <span className="text-muted-foreground">{c.label}:</span>{" "}
                  {c.before !== null && (
                    <>
                      <span className="text-muted-foreground">{c.before}</span>{" "}
                      <span aria-hidden="true">→</span>
                      <span className="sr-only">changed to</span>{" "}
                    </>
                  )}
                  <span className="font-medium">{c.after}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
        <span className="shrink-0 text-muted-foreground">
          <RelativeTime value={a.occurred_at} />
        </span>
      </div>
    </li>
  );
}

/** No comment yet: say what the discussion is for, and offer to start it. */
function EmptyDiscussion({ commenter, onStart }: { commenter: boolean; onStart: () => void }) {
  return (
    <div className="flex flex-col items-start gap-3 rounded-lg border border-dashed p-4 sm:flex-row sm:items-center sm:justify-between">
      <p className="flex gap-2 text-sm">
        <MessageSquare
          aria-hidden="true"
          className="mt-0.5 size-4 shrink-0 text-muted-foreground"
        />
        <span>
          <span className="font-medium">No comments yet.</span>{" "}
          <span className="text-muted-foreground">
            {commenter
              ? "Discuss the pilot where it lives: ask a question, share what the customer said, or @mention whoever should weigh in."
              : "When the team discusses the pilot, it shows here."}
          </span>
        </span>
      </p>
      {commenter && (
        <Button variant="outline" size="sm" onClick={onStart}>
          <MessageSquarePlus aria-hidden="true" />
          Write the first comment
        </Button>
      )}
    </div>
  );
}

/** All · Comments · Changes: toggle buttons, the chosen one pressed. */
function FilterToggle({
  value,
  counts,
  onChange,
}: {
  value: TimelineFilter;
  counts: { comments?: number | undefined };
  onChange: (value: TimelineFilter) => void;
}) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: a labelled group of toggle buttons
    <div
      role="group"
      aria-label="Show"
      className="inline-flex rounded-md border border-input bg-muted/60 p-0.5"
    >
      {(["all", "comments", "changes"] as const).map((option) => (
        <button
          key={option}
          type="button"
          aria-pressed={value === option}
          onClick={() => onChange(option)}
          className={cn(
            "inline-flex h-7 cursor-pointer items-center gap-1.5 rounded-[5px] px-2.5 text-xs font-medium text-muted-foreground transition-colors hover:text-foreground aria-pressed:bg-card aria-pressed:text-foreground aria-pressed:shadow-xs",
          )}
        >
          {FILTER_LABELS[option]}{" "}
          {option === "comments" && counts.comments !== undefined && (
            <span className="tabular-nums text-muted-foreground">{counts.comments}</span>
          )}
        </button>
      ))}
    </div>
  );
}
