import { createFileRoute } from "@tanstack/react-router";
import { NotificationsPage } from "@/features/notifications/components/notifications-page";

type NotificationsSearch = { unread?: true };

/** Every notification of the signed-in person (`?unread=true`: the unread ones only). */
export const Route = createFileRoute("/_app/notifications")({
  validateSearch: (search: Record<string, unknown>): NotificationsSearch =>
    search.unread === true || search.unread === "true" ? { unread: true } : {},
  component: function Notifications() {
    const { unread } = Route.useSearch();
    return <NotificationsPage unreadOnly={unread === true} />;
  },
});
