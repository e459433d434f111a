import { Link } from "@tanstack/react-router";
import { BellOff, CheckCheck } from "lucide-react";
import { useId, useState } from "react";
import type { DeferredMenuProps } from "@/components/deferred-menu";
import { ListError } from "@/components/list-states";
import { Button } from "@/components/ui/button";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";
import { Skeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/spinner";
import type { Me } from "@/features/auth/queries";
import { describeError } from "@/lib/api-error";
import { useMarkRead, useRecentNotifications } from "../queries";
import { workspaceNames } from "./notification-bell";
import { NotificationItem, useOpenNotification } from "./notification-item";

/** The bell's panel, in a chunk of its own: the top bar draws the bell (see notification-bell). */
export function NotificationPopover({
  me,
  unread,
  trigger,
  defaultOpen,
}: { me: Me; unread: number } & DeferredMenuProps) {
  const [open, setOpen] = useState(defaultOpen);
  return (
    <Popover open={open} onOpenChange={setOpen}>
      <PopoverTrigger asChild>{trigger}</PopoverTrigger>
      {open && <BellPanel me={me} unread={unread} onClose={() => setOpen(false)} />}
    </Popover>
  );
}

function BellPanel({ me, unread, onClose }: { me: Me; unread: number; onClose: () => void }) {
  const headingId = useId();
  const recent = useRecentNotifications(true);
  const markRead = useMarkRead();
  const open = useOpenNotification(onClose);
  const names = workspaceNames(me);
  const [error, setError] = useState<string | null>(null);

  const markAll = () => {
    setError(null);
    markRead.mutate({ all: true }, { onError: (e) => setError(describeError(e).detail) });
  };

  return (
    <PopoverContent
      aria-labelledby={headingId}
      tabIndex={-1}
      // Focus goes to the panel itself (named "Notifications"), not to its first button; Tab
      // then reaches "Mark all read" and the notifications in order.
      onOpenAutoFocus={(event) => {
        event.preventDefault();
        (event.currentTarget as HTMLElement | null)?.focus();
      }}
    >
      <div className="flex items-center justify-between gap-2 border-b px-4 py-2.5">
        <h2 id={headingId} className="text-sm font-semibold">
          Notifications
        </h2>
        <Button
          variant="ghost"
          size="sm"
          onClick={markAll}
          disabled={unread === 0 || markRead.isPending}
          className="-mr-2"
        >
          {markRead.isPending && markRead.variables && "all" in markRead.variables ? (
            <Spinner />
          ) : (
            <CheckCheck aria-hidden="true" />
          )}
          Mark all read
        </Button>
      </div>
      {error && (
        <p role="alert" className="border-b px-4 py-2 text-sm text-danger-foreground">
          {error}
        </p>
      )}
      <div className="min-h-0 flex-1 overflow-y-auto">
        {recent.isPending ? (
          <div aria-busy="true" className="flex flex-col gap-3 p-4">
            <p role="status" className="sr-only">
              Loading notifications…
            </p>
            {[0, 1, 2].map((i) => (
              <div key={i} className="flex gap-3">
                <Skeleton className="size-8 rounded-full" />
                <div className="flex flex-1 flex-col gap-2">
                  <Skeleton className="h-3 w-24" />
                  <Skeleton className="h-4 w-full" />
                </div>
              </div>
            ))}
          </div>
        ) : recent.isError ? (
          <div className="p-3">
            <ListError
              what="notifications"
              error={recent.error}
              onRetry={() => void recent.refetch()}
              retrying={recent.isFetching}
            />
          </div>
        ) : recent.data.length === 0 ? (
          <div className="flex flex-col items-center gap-2 px-6 py-8 text-center">
            <span className="flex size-10 items-center justify-center rounded-full bg-accent-subtle text-accent-subtle-foreground">
              <BellOff aria-hidden="true" className="size-5" />
            </span>
            <p className="text-sm font-medium">No notifications yet</p>
            <p className="text-sm text-muted-foreground">
              You are told here when a decision waits on you, a pilot you own changes health,
              someone mentions you or comments on your pilots, and when a check-in or customer
              feedback arrives.
            </p>
          </div>
        ) : (
          <ul aria-label="Latest notifications" className="divide-y">
            {recent.data.map((notification) => (
              <li key={notification.id}>
                <NotificationItem
                  compact
                  notification={notification}
                  workspaceName={names?.get(notification.workspace_id) ?? null}
                  onOpen={open}
                />
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 border-t px-4 py-2.5 text-sm">
        <Link
          to="/notifications"
          onClick={onClose}
          className="font-medium text-accent-subtle-foreground underline-offset-4 hover:underline"
        >
          See all notifications
        </Link>
        <Link
          to="/preferences"
          onClick={onClose}
          className="text-muted-foreground underline-offset-4 hover:text-foreground hover:underline"
        >
          Email preferences
        </Link>
      </div>
    </PopoverContent>
  );
}
