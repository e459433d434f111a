import {
  infiniteQueryOptions,
  queryOptions,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { client, type Schemas } from "@/client";
import { unwrap } from "@/lib/api";
import { countUnread, UNREAD_CAP } from "./format";

export type Notification = Schemas["NotificationPublic"];
export type Preferences = Schemas["PreferencesPublic"];
export type PreferencesUpdate = Schemas["PreferencesUpdate"];

/** How often the bell asks for news while the tab is open (it also asks on focus). */
export const BELL_REFRESH_MS = 30_000;
/** How many notifications the bell's panel shows. */
export const RECENT_COUNT = 8;
export const PAGE_SIZE = 25;

export const notificationKeys = {
  all: ["notifications"] as const,
  unread: () => [...notificationKeys.all, "unread"] as const,
  recent: () => [...notificationKeys.all, "recent"] as const,
  list: (unreadOnly: boolean) => [...notificationKeys.all, "list", { unreadOnly }] as const,
  preferences: () => ["preferences"] as const,
};

function fetchPage(
  query: { unread?: boolean; limit: number; cursor?: string | null },
  signal?: AbortSignal,
) {
  return unwrap(client.GET("/api/v1/me/notifications", { params: { query }, signal }));
}

/** The unread count on the bell: refreshed on an interval and whenever the window gets focus. */
export function useUnreadCount(enabled = true) {
  return useQuery({
    queryKey: notificationKeys.unread(),
    queryFn: async ({ signal }) =>
      countUnread(await fetchPage({ unread: true, limit: UNREAD_CAP + 1 }, signal)),
    enabled,
    staleTime: 0,
    refetchInterval: BELL_REFRESH_MS,
    refetchOnWindowFocus: "always",
    retry: false,
  });
}

/** The latest notifications, read or not, for the bell's panel. */
export const recentNotificationsQueryOptions = () =>
  queryOptions({
    queryKey: notificationKeys.recent(),
    queryFn: async ({ signal }) => (await fetchPage({ limit: RECENT_COUNT }, signal)).items,
    staleTime: 0,
  });

export function useRecentNotifications(enabled: boolean) {
  return useQuery({ ...recentNotificationsQueryOptions(), enabled });
}

/** Every notification, newest first, a page at a time (`unreadOnly`: only the unread ones). */
export const notificationsQueryOptions = (unreadOnly: boolean) =>
  infiniteQueryOptions({
    queryKey: notificationKeys.list(unreadOnly),
    queryFn: ({ signal, pageParam }) =>
      fetchPage(
        { limit: PAGE_SIZE, cursor: pageParam, ...(unreadOnly ? { unread: true } : {}) },
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
  });

export function useNotifications(unreadOnly: boolean) {
  return useInfiniteQuery(notificationsQueryOptions(unreadOnly));
}

/**
 * Marks some notifications read (`ids`), or all of them (`all`). The server answers with the
 * unread count, which goes straight onto the bell; the lists are read again.
 */
export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { ids: string[] } | { all: true }) =>
      unwrap(client.POST("/api/v1/me/notifications/read", { body })),
    onSuccess: (result) => {
      queryClient.setQueryData(notificationKeys.unread(), result.unread);
      return queryClient.invalidateQueries({
        queryKey: notificationKeys.all,
        predicate: (q) => q.queryKey[1] !== "unread",
      });
    },
  });
}

export const preferencesQueryOptions = () =>
  queryOptions({
    queryKey: notificationKeys.preferences(),
    queryFn: ({ signal }) => unwrap(client.GET("/api/v1/me/preferences", { signal })),
  });

export function usePreferences() {
  return useQuery(preferencesQueryOptions());
}

export function useUpdatePreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PreferencesUpdate) =>
      unwrap(client.PATCH("/api/v1/me/preferences", { body })),
    onSuccess: (saved) => queryClient.setQueryData(notificationKeys.preferences(), saved),
  });
}
