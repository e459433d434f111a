import { Link } from "@tanstack/react-router";
import { BellOff, Check, CheckCheck, PartyPopper, Settings2 } from "lucide-react";
import { useState } from "react";
import { EmptyState, ListError, ListSkeleton, PageHeader } from "@/components/list-states";
import { ErrorAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Spinner } from "@/components/ui/spinner";
import { useMe } from "@/features/auth/queries";
import { describeError } from "@/lib/api-error";
import { toast } from "@/lib/toast";
import { useDocumentTitle } from "@/lib/use-document-title";
import { type Notification, useMarkRead, useNotifications, useUnreadCount } from "../queries";
import { workspaceNames } from "./notification-bell";
import { NotificationItem, useOpenNotification } from "./notification-item";

/** Every notification, newest first, a page at a time; `unreadOnly` shows the unread ones. */
export function NotificationsPage({ unreadOnly }: { unreadOnly: boolean }) {
  useDocumentTitle(unreadOnly ? "Unread notifications" : "Notifications");
  const { data: me } = useMe();
  const list = useNotifications(unreadOnly);
  const unread = useUnreadCount();
  const markRead = useMarkRead();
  const open = useOpenNotification();
  const [error, setError] = useState<string | null>(null);
  const names = me ? workspaceNames(me) : null;
  const unreadCount = unread.data ?? 0;

  const markAll = () => {
    setError(null);
    markRead.mutate(
      { all: true },
      {
        onSuccess: () => toast("All notifications marked read"),
        onError: (e) => setError(describeError(e).detail),
      },
    );
  };

  const items = list.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <div className="flex max-w-3xl flex-col gap-6">
      <PageHeader
        title="Notifications"
        description="What needs you across your workspaces, newest first. Opening one marks it read."
        action={
          <div className="flex flex-wrap gap-2">
            <Button variant="outline" asChild>
              <Link to="/preferences">
                <Settings2 aria-hidden="true" />
                Email preferences
              </Link>
            </Button>
            <Button onClick={markAll} disabled={unreadCount === 0 || markRead.isPending}>
              {markRead.isPending ? <Spinner /> : <CheckCheck aria-hidden="true" />}
              Mark all read
            </Button>
          </div>
        }
      />

      <nav aria-label="Filter notifications" className="flex">
        <ul className="inline-flex rounded-lg border bg-card p-1 text-sm shadow-xs">
          <FilterLink unread={false} label="All" />
          <FilterLink unread label={unreadCount > 0 ? `Unread (${unreadCount})` : "Unread"} />
        </ul>
      </nav>

      {error && <ErrorAlert title="Could not mark them read">{error}</ErrorAlert>}

      {list.isPending ? (
        <ListSkeleton label="Loading notifications…" rows={4} />
      ) : list.isError ? (
        <ListError
          what="notifications"
          error={list.error}
          onRetry={() => void list.refetch()}
          retrying={list.isFetching}
        />
      ) : items.length === 0 ? (
        unreadOnly ? (
          <EmptyState
            icon={PartyPopper}
            title="You are all caught up"
            action={
              <Button variant="outline" asChild>
                <Link to="/notifications">Show all notifications</Link>
              </Button>
            }
          >
            Nothing unread. New notifications appear here and on the bell in the top bar.
          </EmptyState>
        ) : (
          <EmptyState icon={BellOff} title="No notifications yet">
            Pilotboard tells you here when a decision waits on you, when a pilot you own turns at
            risk or stalled, when someone mentions you or comments on your pilots, and when a
            department's check-in or the customer's feedback arrives. Each one links to where to
            act.
          </EmptyState>
        )
      ) : (
        <div className="flex flex-col gap-3">
          <Card className="overflow-hidden">
            <ul
              aria-label={unreadOnly ? "Unread notifications" : "Notifications"}
              className="divide-y"
            >
              {items.map((notification) => (
                <li key={notification.id}>
                  <NotificationItem
                    notification={notification}
                    workspaceName={names?.get(notification.workspace_id) ?? null}
                    onOpen={open}
                    action={
                      notification.read_at === null && (
                        <MarkReadButton notification={notification} />
                      )
                    }
                  />
                </li>
              ))}
            </ul>
          </Card>
          {list.hasNextPage && (
            <Button
              variant="outline"
              className="self-center"
              onClick={() => void list.fetchNextPage()}
              disabled={list.isFetchingNextPage}
            >
              {list.isFetchingNextPage && <Spinner />}
              Show older notifications
            </Button>
          )}
        </div>
      )}
    </div>
  );
}

function FilterLink({ unread, label }: { unread: boolean; label: string }) {
  return (
    <li>
      <Link
        to="/notifications"
        search={unread ? { unread: true } : {}}
        activeOptions={{ exact: true, includeSearch: true }}
        className="flex items-center rounded-md px-3 py-1.5 font-medium text-muted-foreground transition-colors hover:text-foreground aria-[current=page]:bg-accent-subtle aria-[current=page]:text-accent-subtle-foreground"
      >
        {label}
      </Link>
    </li>
  );
}

function MarkReadButton({ notification }: { notification: Notification }) {
  const markRead = useMarkRead();
  return (
    <>
      <Button
        variant="outline"
        size="sm"
        onClick={() => markRead.mutate({ ids: [notification.id] })}
        disabled={markRead.isPending}
        aria-label={`Mark “${notification.title}” read`}
      >
        {markRead.isPending ? <Spinner /> : <Check aria-hidden="true" />}
        Mark read
      </Button>
      {markRead.isError && (
        <p role="alert" className="text-sm text-danger-foreground">
          {describeError(markRead.error).detail}
        </p>
      )}
    </>
  );
}
