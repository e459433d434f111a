import { Bell } from "lucide-react";
import { DeferredMenu } from "@/components/deferred-menu";
import { Button } from "@/components/ui/button";
import type { Me } from "@/features/auth/queries";
import { bellLabel, unreadBadge } from "../format";
import { useUnreadCount } from "../queries";

const loadPopover = () => import("./notification-popover");

/** Names of the person's workspaces by id, when there is more than one to tell apart. */
export function workspaceNames(me: Me): Map<string, string> | null {
  if (me.memberships.length < 2) return null;
  return new Map(me.memberships.map((m) => [m.workspace_id, m.workspace_name]));
}

/**
 * The bell in the top bar: the unread count (kept fresh on an interval and on focus), and a panel
 * with the latest notifications, each leading to where to act, and "Mark all read". The panel's
 * code loads on idle or on first use (see DeferredMenu).
 */
export function NotificationBell({ me }: { me: Me }) {
  const unread = useUnreadCount();
  const count = unread.data ?? 0;
  const badge = unreadBadge(count);

  return (
    <DeferredMenu
      popup="dialog"
      load={loadPopover}
      menu={(m, props) => <m.NotificationPopover me={me} unread={count} {...props} />}
      trigger={
        <Button
          variant="ghost"
          size="icon"
          className="relative"
          aria-label={bellLabel(unread.data ?? null)}
          title="Notifications"
        >
          <Bell aria-hidden="true" />
          {badge && (
            <span
              aria-hidden="true"
              className="absolute top-0.5 right-0.5 flex h-4 min-w-4 items-center justify-center rounded-full bg-accent px-1 text-[0.6875rem] leading-none font-semibold tabular-nums text-accent-foreground ring-2 ring-card"
            >
              {badge}
            </span>
          )}
        </Button>
      }
    />
  );
}
