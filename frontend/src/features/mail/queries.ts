import {
  infiniteQueryOptions,
  queryOptions,
  useInfiniteQuery,
  useMutation,
  useQuery,
} from "@tanstack/react-query";
import { client, type Schemas } from "@/client";
import { unwrap } from "@/lib/api";
import type { MailState } from "./states";

export type MailMessage = Schemas["MailLogItem"];
export type UnsubscribeInfo = Schemas["UnsubscribeInfo"];

export const MAIL_PAGE_SIZE = 25;
/** While messages wait in the outbox, the log looks again this often. */
const QUEUED_REFRESH_MS = 5_000;

export const mailKeys = {
  all: (workspaceId: string) => ["mail", workspaceId] as const,
  log: (workspaceId: string, state: MailState | undefined) =>
    [...mailKeys.all(workspaceId), "log", { state: state ?? null }] as const,
  unsubscribe: (token: string) => ["public", "unsubscribe", token] as const,
};

/** The workspace's email log, newest first, a page at a time, optionally one state only. */
export const mailLogQueryOptions = (workspaceId: string, state: MailState | undefined) =>
  infiniteQueryOptions({
    queryKey: mailKeys.log(workspaceId, state),
    queryFn: ({ signal, pageParam }) =>
      unwrap(
        client.GET("/api/v1/workspaces/{workspace_id}/mail", {
          params: {
            path: { workspace_id: workspaceId },
            query: { limit: MAIL_PAGE_SIZE, cursor: pageParam, ...(state ? { state } : {}) },
          },
          signal,
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
  });

export function useMailLog(workspaceId: string, state: MailState | undefined, enabled = true) {
  return useInfiniteQuery({
    ...mailLogQueryOptions(workspaceId, state),
    enabled,
    // Follow queued messages as the worker sends them (stops once none is waiting).
    refetchInterval: (query) =>
      query.state.data?.pages.some((page) => page.items.some((m) => m.state === "queued"))
        ? QUEUED_REFRESH_MS
        : false,
  });
}

/** What a one-click unsubscribe link would stop (public: no session needed). */
export const unsubscribeQueryOptions = (token: string) =>
  queryOptions({
    queryKey: mailKeys.unsubscribe(token),
    queryFn: ({ signal }) =>
      unwrap(
        client.GET("/api/v1/mail/unsubscribe/{token}", {
          params: { path: { token } },
          signal,
        }),
      ),
    retry: false,
    staleTime: Infinity,
  });

export function useUnsubscribeInfo(token: string) {
  return useQuery(unsubscribeQueryOptions(token));
}

export function useUnsubscribe(token: string) {
  return useMutation({
    mutationFn: () =>
      unwrap(client.POST("/api/v1/mail/unsubscribe/{token}", { params: { path: { token } } })),
  });
}
