import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { client, type Schemas } from "@/client";
import { authKeys, useMe } from "@/features/auth/queries";
import { fetchAllPages, unwrap } from "@/lib/api";
import { ifMatch, unwrapVersioned } from "@/lib/etag";

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

/** The workspace with its ETag (the settings page sends it back when renaming). */
export const workspaceQueryOptions = (id: string) =>
  queryOptions({
    queryKey: workspaceKeys.detail(id),
    queryFn: ({ signal }) =>
      unwrapVersioned(
        client.GET("/api/v1/workspaces/{workspace_id}", {
          params: { path: { workspace_id: id } },
          signal,
        }),
      ),
  });

/** The workspace itself (its name, its currency). */
export function useWorkspace(id: string) {
  return useQuery({ ...workspaceQueryOptions(id), select: (workspace) => workspace.data });
}

/** The workspace with its ETag, for the rename / currency form. */
export function useVersionedWorkspace(id: string) {
  return useQuery(workspaceQueryOptions(id));
}

export function useCreateWorkspace() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; currency: string }) =>
      unwrapVersioned(client.POST("/api/v1/workspaces", { body })),
    onSuccess: async (created) => {
      queryClient.setQueryData(workspaceKeys.detail(created.data.id), created);
      // The switcher and the route guards read memberships from /auth/me.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: workspaceKeys.list() }),
        queryClient.invalidateQueries({ queryKey: authKeys.me() }),
      ]);
    },
  });
}

export function useUpdateWorkspace(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      etag,
      body,
    }: {
      etag: string | null;
      body: { name: string; currency: string };
    }) =>
      unwrapVersioned(
        client.PATCH("/api/v1/workspaces/{workspace_id}", {
          params: { path: { workspace_id: workspaceId }, header: ifMatch(etag) },
          body,
        }),
      ),
    onSuccess: (saved) => {
      queryClient.setQueryData(workspaceKeys.detail(workspaceId), saved);
      // The switcher shows names from /auth/me and the workspace list.
      return Promise.all([
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
