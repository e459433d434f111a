import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { client, type Schemas } from "@/client";
import { authKeys, type Role } from "@/features/auth/queries";
import { fetchAllPages, unwrap } from "@/lib/api";
import { isStale } from "@/lib/api-error";
import { ifMatch } from "@/lib/etag";

export type Member = Schemas["MemberPublic"];

export const memberKeys = {
  all: ["members"] as const,
  list: (workspaceId: string) => [...memberKeys.all, workspaceId] as const,
};

export const membersQueryOptions = (workspaceId: string) =>
  queryOptions({
    queryKey: memberKeys.list(workspaceId),
    queryFn: ({ signal }) =>
      fetchAllPages((cursor) =>
        unwrap(
          client.GET("/api/v1/workspaces/{workspace_id}/members", {
            params: { path: { workspace_id: workspaceId }, query: { limit: 200, cursor } },
            signal,
          }),
        ),
      ),
  });

export function useMembers(workspaceId: string) {
  return useQuery(membersQueryOptions(workspaceId));
}

export function useAddMember(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { email: string; role: Role }) =>
      unwrap(
        client.POST("/api/v1/workspaces/{workspace_id}/members", {
          params: { path: { workspace_id: workspaceId } },
          body,
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: memberKeys.list(workspaceId) }),
  });
}

export function useChangeRole(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    // `etag` is the list item's version: a change over someone else's newer one is refused (412).
    mutationFn: ({ userId, etag, role }: { userId: string; etag: string | null; role: Role }) =>
      unwrap(
        client.PATCH("/api/v1/workspaces/{workspace_id}/members/{user_id}", {
          params: { path: { workspace_id: workspaceId, user_id: userId }, header: ifMatch(etag) },
          body: { role },
        }),
      ),
    // Refused as stale: the list shows what changed, with its new version, for the next try.
    onError: (error) =>
      isStale(error) && queryClient.invalidateQueries({ queryKey: memberKeys.list(workspaceId) }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: memberKeys.list(workspaceId) }),
        // My own role may be the one that changed.
        queryClient.invalidateQueries({ queryKey: authKeys.me() }),
      ]),
  });
}

export function useRemoveMember(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, etag }: { userId: string; etag: string | null }) =>
      unwrap(
        client.DELETE("/api/v1/workspaces/{workspace_id}/members/{user_id}", {
          params: { path: { workspace_id: workspaceId, user_id: userId }, header: ifMatch(etag) },
        }),
      ),
    onError: (error) =>
      isStale(error) && queryClient.invalidateQueries({ queryKey: memberKeys.list(workspaceId) }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: memberKeys.list(workspaceId) }),
  });
}
