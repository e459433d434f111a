import { safeRedirect } from "@/features/auth/redirect";

/** The bell counts up to this many unread notifications; past it, it says "99+". */
export const UNREAD_CAP = 99;

/** The number on the bell: nothing at 0, "99+" past the cap. */
export function unreadBadge(count: number): string | null {
  if (count <= 0) return null;
  return count > UNREAD_CAP ? `${UNREAD_CAP}+` : String(count);
}

/** The bell's accessible name: "Notifications, 3 unread". */
export function bellLabel(count: number | null): string {
  if (count === null || count <= 0) return "Notifications";
  if (count > UNREAD_CAP) return `Notifications, more than ${UNREAD_CAP} unread`;
  return `Notifications, ${count} unread`;
}

/**
 * Where a notification leads inside the app: its `url` when it is a path of this app, else null
 * (a notification never sends anyone to another site).
 */
export function notificationHref(url: string | null | undefined): string | null {
  return safeRedirect(url);
}

/** Unread notifications on one page of the unread list, and whether more exist beyond it. */
export function countUnread(page: {
  items: unknown[];
  next_cursor: string | null;
  unread?: number | null;
}): number {
  if (typeof page.unread === "number") return page.unread;
  return page.next_cursor ? Math.max(page.items.length, UNREAD_CAP + 1) : page.items.length;
}
