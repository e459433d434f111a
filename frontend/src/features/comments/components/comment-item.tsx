import { Pencil, Trash2 } from "lucide-react";
import { useLayoutEffect, useRef } from "react";
import { RelativeTime } from "@/components/relative-time";
import { Button } from "@/components/ui/button";
import { Tooltip } from "@/components/ui/tooltip";
import { formatDateTime, initials } from "@/lib/format";
import { cn } from "@/lib/utils";
import { highlightMentions } from "../highlight";
import type { Mentionable } from "../mentions";
import { PROSE } from "../prose";
import type { Comment } from "../queries";
import { CommentForm, type CommentValues } from "./comment-form";

/** The element id a link to the comment (`#comment-<id>`, e.g. from a notification) targets. */
export const commentAnchor = (id: string) => `comment-${id}`;

/**
 * One comment: who wrote it and when, "edited" with the time of the last edit, the server's
 * sanitised rendering of its Markdown, and Edit / Delete for those allowed. While edited, the
 * text is replaced by the form.
 */
export function CommentItem({
  comment,
  members,
  canEdit,
  canDelete,
  editing,
  highlighted,
  onEdit,
  onCancelEdit,
  onSave,
  onDelete,
}: {
  comment: Comment;
  members: readonly Mentionable[];
  canEdit: boolean;
  canDelete: boolean;
  editing: boolean;
  /** The comment a link pointed to (`#comment-<id>`). */
  highlighted: boolean;
  onEdit: () => void;
  onCancelEdit: () => void;
  onSave: (values: CommentValues) => Promise<unknown>;
  onDelete: () => void;
}) {
  const author = comment.author_name ?? "A former member";
  const headingId = `${commentAnchor(comment.id)}-by`;
  return (
    <article
      id={commentAnchor(comment.id)}
      tabIndex={-1}
      aria-labelledby={headingId}
      data-highlighted={highlighted || undefined}
      className={cn(
        "min-w-0 flex-1 scroll-mt-24 rounded-lg border bg-card outline-none transition-shadow",
        highlighted && "border-accent ring-2 ring-accent/40",
      )}
    >
      <header
        className={cn(
          "flex flex-wrap items-center justify-between gap-x-3 gap-y-1 rounded-t-lg border-b px-3 py-1.5",
          highlighted ? "bg-accent-subtle" : "bg-muted/50",
        )}
      >
        <p className="flex min-w-0 flex-wrap items-baseline gap-x-1.5 text-sm">
          <span id={headingId} className="font-medium">
            {author} <span className="sr-only">commented</span>
          </span>
          <span className="text-muted-foreground">
            <RelativeTime value={comment.created_at} />
          </span>
          {comment.edited_at && (
            <Tooltip content={`Edited ${formatDateTime(comment.edited_at)}`}>
              <button
                type="button"
                className="cursor-default text-xs text-muted-foreground underline decoration-dotted underline-offset-2"
                title={`Edited ${formatDateTime(comment.edited_at)}`}
              >
                edited
              </button>
            </Tooltip>
          )}
        </p>
        {(canEdit || canDelete) && !editing && (
          <div className="-mr-1.5 flex gap-0.5">
            {canEdit && (
              <Button variant="ghost" size="sm" className="h-7 px-2" onClick={onEdit}>
                <Pencil aria-hidden="true" />
                Edit <span className="sr-only">your comment</span>
              </Button>
            )}
            {canDelete && (
              <Button variant="ghost" size="sm" className="h-7 px-2" onClick={onDelete}>
                <Trash2 aria-hidden="true" />
                Delete{" "}
                <span className="sr-only">{canEdit ? "your comment" : `${author}'s comment`}</span>
              </Button>
            )}
          </div>
        )}
      </header>
      <div className="px-3 py-2.5">
        {editing ? (
          <CommentForm
            label="Edit comment"
            submitLabel="Save"
            members={members}
            initialBody={comment.body}
            onSubmit={onSave}
            onCancel={onCancelEdit}
            autoFocus
          />
        ) : (
          <CommentBody comment={comment} members={members} />
        )}
      </div>
    </article>
  );
}

/**
 * The comment as the server rendered it, the members it mentions marked. The server renders the
 * Markdown with raw HTML off and sanitises the result with an allowlist (no scripts, handlers,
 * styles or images; links with rel="noopener nofollow"), so its HTML is shown as it comes.
 */
function CommentBody({ comment, members }: { comment: Comment; members: readonly Mentionable[] }) {
  const ref = useRef<HTMLDivElement>(null);
  const names = comment.mentions
    .map((id) => members.find((m) => m.id === id)?.name)
    .filter((name): name is string => Boolean(name))
    .join("\n");
  // React leaves the markup alone while `body_html` is the same; when it changes, it is set
  // afresh and marked again.
  const html = comment.body_html;
  useLayoutEffect(() => {
    if (ref.current && names && html.includes("@"))
      highlightMentions(ref.current, names.split("\n"));
  }, [html, names]);
  return (
    <div
      ref={ref}
      className={PROSE}
      // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised by the server
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}

/**
 * Avatar colours: light and dark pairs with AA contrast. Initials alone collide (Erin Editor and
 * Evan Ellis are both "EE"); the colour, picked from the whole name or id, tells them apart.
 */
export const AVATAR_TONES = [
  "bg-sky-100 text-sky-900 dark:bg-sky-900 dark:text-sky-100",
  "bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100",
  "bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100",
  "bg-rose-100 text-rose-900 dark:bg-rose-900 dark:text-rose-100",
  "bg-violet-100 text-violet-900 dark:bg-violet-900 dark:text-violet-100",
  "bg-teal-100 text-teal-900 dark:bg-teal-900 dark:text-teal-100",
  "bg-orange-100 text-orange-900 dark:bg-orange-900 dark:text-orange-100",
  "bg-indigo-100 text-indigo-900 dark:bg-indigo-900 dark:text-indigo-100",
] as const;

/** A stable colour for a person: the same name (or id) always gets the same one. */
export function avatarTone(key: string): (typeof AVATAR_TONES)[number] {
  let hash = 0;
  for (const char of key) hash = (Math.imul(hash, 31) + (char.codePointAt(0) ?? 0)) | 0;
  return AVATAR_TONES[Math.abs(hash) % AVATAR_TONES.length] ?? AVATAR_TONES[0];
}

/** The author's initials in a circle, beside their comment, coloured by who they are. */
export function Avatar({ name, id }: { name: string | null; id?: string | null }) {
  const key = id ?? name;
  return (
    <span
      aria-hidden="true"
      className={cn(
        "relative flex size-8 shrink-0 items-center justify-center rounded-full text-xs font-semibold ring-4 ring-card",
        key ? avatarTone(key) : "bg-accent-subtle text-accent-subtle-foreground",
      )}
    >
      {name ? initials(name) : "?"}
    </span>
  );
}
