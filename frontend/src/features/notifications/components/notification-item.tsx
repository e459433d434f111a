import { useRouter } from "@tanstack/react-router";
import type * as React from "react";
import { RelativeTime } from "@/components/relative-time";
import { cn } from "@/lib/utils";
import { notificationHref } from "../format";
import { kindInfo } from "../kinds";
import { type Notification, useMarkRead } from "../queries";

/**
 * Opens a notification: marks it read (when it is not yet) and goes to where to act. Links keep
 * their real `href`, so a middle click or "open in new tab" works too (and still marks it read).
 */
export function useOpenNotification(onOpen?: () => void) {
  const router = useRouter();
  const markRead = useMarkRead();
  return (notification: Notification, event: React.MouseEvent<HTMLAnchorElement>) => {
    if (notification.read_at === null) markRead.mutate({ ids: [notification.id] });
    const plainClick =
      event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
    const href = notificationHref(notification.url);
    if (!plainClick || !href) return;
    event.preventDefault();
    onOpen?.();
    void router.navigate({ href });
  };
}

/**
 * One notification: its kind's icon, the title as the link to where to act, the body, the
 * workspace (when the person has several) and when it came. Unread ones carry a dot and say so.
 */
export function NotificationItem({
  notification,
  workspaceName,
  onOpen,
  compact = false,
  action,
}: {
  notification: Notification;
  /** Shown when the person is in more than one workspace. */
  workspaceName?: string | null;
  onOpen: (notification: Notification, event: React.MouseEvent<HTMLAnchorElement>) => void;
  compact?: boolean;
  action?: React.ReactNode;
}) {
  const { label, icon: Icon } = kindInfo(notification.kind);
  const unread = notification.read_at === null;
  const href = notificationHref(notification.url);
  return (
    <div
      className={cn(
        "group relative flex gap-3",
        compact ? "px-4 py-3 hover:bg-muted/60" : "p-4",
        unread && compact && "bg-accent-subtle/40",
      )}
    >
      <span
        aria-hidden="true"
        className={cn(
          "mt-0.5 flex size-8 shrink-0 items-center justify-center rounded-full",
          unread
            ? "bg-accent-subtle text-accent-subtle-foreground"
            : "bg-muted text-muted-foreground",
        )}
      >
        <Icon className="size-4" />
      </span>
      <div className="flex min-w-0 flex-1 flex-col gap-0.5">
        <p className="flex flex-wrap items-center gap-x-2 text-xs text-muted-foreground">
          <span>{label}</span>
          {workspaceName && (
            <>
              <span aria-hidden="true">·</span>
              <span className="truncate">{workspaceName}</span>
            </>
          )}
          <span aria-hidden="true">·</span>
          <RelativeTime value={notification.created_at} />
        </p>
        {href ? (
          <a
            href={href}
            onClick={(event) => onOpen(notification, event)}
            aria-label={unread ? `Unread: ${notification.title}` : undefined}
            className={cn(
              "break-words text-sm hover:underline focus-visible:outline-none",
              unread ? "font-semibold" : "font-medium",
              // The whole row is the link's target; the focus ring goes round the row.
              compact &&
                "after:absolute after:inset-0 focus-visible:after:outline-2 focus-visible:after:-outline-offset-2 focus-visible:after:outline-ring",
              !compact &&
                "rounded-sm focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring",
            )}
          >
            {notification.title}
          </a>
        ) : (
          <p className={cn("break-words text-sm", unread ? "font-semibold" : "font-medium")}>
            {unread && <span className="sr-only">Unread: </span>}
            {notification.title}
          </p>
        )}
        {notification.body && (
          <p className={cn("break-words text-sm text-muted-foreground", compact && "line-clamp-2")}>
            {notification.body}
          </p>
        )}
        {action && <div className="relative z-10 mt-2 flex flex-wrap gap-2">{action}</div>}
      </div>
      {unread && (
        <span
          aria-hidden="true"
          title="Unread"
          className="mt-2 size-2 shrink-0 rounded-full bg-accent"
        />
      )}
    </div>
  );
}
