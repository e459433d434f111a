import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { client, type Schemas } from "@/client";
import { authKeys, useMe } from "@/features/auth/queries";
import { fetchAllPages, unwrap } from "@/lib/api";

export type Workspace = Schemas["WorkspacePublic"];

export const workspaceKeys = {
  all: ["workspaces"] as const,
  list: () => [...workspaceKeys.all, "list"] as const,
  detail: (id: string) => [...workspaceKeys.all, "detail", id] as const,
};

export const workspacesQueryOptions = () =>
  queryOptions({
    queryKey: workspaceKeys.list(),
    queryFn: ({ signal }) =>
      fetchAllPages((cursor) =>
        unwrap(
          client.GET("/api/v1/workspaces", {
            params: { query: { limit: 200, cursor } },
            signal,
          }),
        ),
      ),
  });

export const workspaceQueryOptions = (id: string) =>
  queryOptions({
    queryKey: workspaceKeys.detail(id),
    queryFn: ({ signal }) =>
      unwrap(
        client.GET("/api/v1/workspaces/{workspace_id}", {
          params: { path: { workspace_id: id } },
          signal,
        }),
      ),
  });

export function useWorkspace(id: string) {
  return useQuery(workspaceQueryOptions(id));
}

export function useCreateWorkspace() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; currency: string }) =>
      unwrap(client.POST("/api/v1/workspaces", { body })),
    onSuccess: async (workspace) => {
      queryClient.setQueryData(workspaceKeys.detail(workspace.id), workspace);
      // The switcher and the route guards read memberships from /auth/me.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: workspaceKeys.list() }),
        queryClient.invalidateQueries({ queryKey: authKeys.me() }),
      ]);
    },
  });
}

/** My membership in the workspace (live: follows role changes), from /auth/me. */
export function useMembership(workspaceId: string) {
  const { data: me } = useMe();
  return me?.memberships.find((m) => m.workspace_id === workspaceId) ?? null;
}
