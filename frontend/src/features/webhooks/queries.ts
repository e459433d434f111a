import {
  infiniteQueryOptions,
  queryOptions,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { client, type Schemas } from "@/client";
import { fetchAllPages, unwrap } from "@/lib/api";
import { ifMatch, unwrapVersioned } from "@/lib/etag";
import type { WebhookBody } from "./schemas";

export const DELIVERIES_PAGE_SIZE = 20;

export const webhookKeys = {
  all: (workspaceId: string) => ["webhooks", workspaceId] as const,
  list: (workspaceId: string) => [...webhookKeys.all(workspaceId), "list"] as const,
  detail: (workspaceId: string, id: string) =>
    [...webhookKeys.all(workspaceId), "detail", id] as const,
  deliveries: (workspaceId: string, id: string) =>
    [...webhookKeys.detail(workspaceId, id), "deliveries"] as const,
};

/** A workspace has at most 20 webhooks: one request reads them all. */
export const webhooksQueryOptions = (workspaceId: string) =>
  queryOptions({
    queryKey: webhookKeys.list(workspaceId),
    queryFn: ({ signal }) =>
      fetchAllPages((cursor) =>
        unwrap(
          client.GET("/api/v1/workspaces/{workspace_id}/webhooks", {
            params: { path: { workspace_id: workspaceId }, query: { limit: 200, cursor } },
            signal,
          }),
        ),
      ),
  });

export function useWebhooks(workspaceId: string, enabled = true) {
  return useQuery({ ...webhooksQueryOptions(workspaceId), enabled });
}

export const webhookQueryOptions = (workspaceId: string, id: string) =>
  queryOptions({
    queryKey: webhookKeys.detail(workspaceId, id),
    queryFn: ({ signal }) =>
      unwrapVersioned(
        client.GET("/api/v1/workspaces/{workspace_id}/webhooks/{webhook_id}", {
          params: { path: { workspace_id: workspaceId, webhook_id: id } },
          signal,
        }),
      ),
    staleTime: 0,
  });

export function useWebhook(workspaceId: string, id: string | null, enabled = true) {
  return useQuery({
    ...webhookQueryOptions(workspaceId, id ?? ""),
    enabled: enabled && id !== null,
  });
}

/** The delivery log, newest first; refreshed every few seconds while a delivery is waiting. */
export const deliveriesQueryOptions = (workspaceId: string, id: string) =>
  infiniteQueryOptions({
    queryKey: webhookKeys.deliveries(workspaceId, id),
    queryFn: ({ signal, pageParam }) =>
      unwrap(
        client.GET("/api/v1/workspaces/{workspace_id}/webhooks/{webhook_id}/deliveries", {
          params: {
            path: { workspace_id: workspaceId, webhook_id: id },
            query: { limit: DELIVERIES_PAGE_SIZE, cursor: pageParam },
          },
          signal,
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
  });

export function useDeliveries(workspaceId: string, id: string, enabled = true) {
  return useInfiniteQuery({
    ...deliveriesQueryOptions(workspaceId, id),
    enabled,
    refetchInterval: (query) =>
      query.state.data?.pages.some((page) => page.items.some((d) => d.status === "pending"))
        ? 5000
        : false,
  });
}

export function useCreateWebhook(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: WebhookBody) =>
      unwrap(
        client.POST("/api/v1/workspaces/{workspace_id}/webhooks", {
          params: { path: { workspace_id: workspaceId } },
          body: { ...body, enabled: true },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: webhookKeys.list(workspaceId) }),
  });
}

export function useUpdateWebhook(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      id,
      etag,
      body,
    }: {
      id: string;
      etag: string | null;
      body: Schemas["WebhookUpdate"];
    }) =>
      unwrapVersioned(
        client.PATCH("/api/v1/workspaces/{workspace_id}/webhooks/{webhook_id}", {
          params: { path: { workspace_id: workspaceId, webhook_id: id }, header: ifMatch(etag) },
          body,
        }),
      ),
    onSuccess: (saved) => {
      queryClient.setQueryData(webhookKeys.detail(workspaceId, saved.data.id), saved);
      return queryClient.invalidateQueries({ queryKey: webhookKeys.list(workspaceId) });
    },
  });
}

export function useDeleteWebhook(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, etag }: { id: string; etag: string | null }) =>
      unwrapVersioned(
        client.DELETE("/api/v1/workspaces/{workspace_id}/webhooks/{webhook_id}", {
          params: { path: { workspace_id: workspaceId, webhook_id: id }, header: ifMatch(etag) },
        }),
      ),
    onSuccess: (_, { id }) => {
      queryClient.removeQueries({ queryKey: webhookKeys.detail(workspaceId, id) });
      return queryClient.invalidateQueries({ queryKey: webhookKeys.list(workspaceId) });
    },
  });
}

/** A new signing secret (shown once); the old one stops signing at once. */
export function useReplaceWebhookSecret(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, etag }: { id: string; etag: string | null }) =>
      unwrapVersioned(
        client.POST("/api/v1/workspaces/{workspace_id}/webhooks/{webhook_id}/secret", {
          params: { path: { workspace_id: workspaceId, webhook_id: id }, header: ifMatch(etag) },
        }),
      ),
    onSuccess: (saved) => {
      const { secret: _secret, ...webhook } = saved.data;
      queryClient.setQueryData(webhookKeys.detail(workspaceId, saved.data.id), {
        ...saved,
        data: webhook,
      });
      return queryClient.invalidateQueries({ queryKey: webhookKeys.list(workspaceId) });
    },
  });
}
