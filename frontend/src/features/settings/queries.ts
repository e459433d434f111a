import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { client, type Schemas } from "@/client";
import { authKeys } from "@/features/auth/queries";
import { workspaceKeys } from "@/features/workspaces/queries";
import { ifMatch, unwrapVersioned } from "@/lib/etag";

export type MethodSettings = Schemas["SettingsPublic"];
export type MethodSettingsUpdate = Schemas["SettingsUpdate"];
export type Thresholds = Schemas["Thresholds"];
export type Criterion = Schemas["RubricCriterion"];

export const settingsKeys = {
  method: (workspaceId: string) => ["settings", workspaceId, "method"] as const,
  workspace: (workspaceId: string) => ["settings", workspaceId, "workspace"] as const,
};

/** The rubric and thresholds with the ETag to send back when changing them. */
export const methodSettingsQueryOptions = (workspaceId: string) =>
  queryOptions({
    queryKey: settingsKeys.method(workspaceId),
    queryFn: ({ signal }) =>
      unwrapVersioned(
        client.GET("/api/v1/workspaces/{workspace_id}/settings", {
          params: { path: { workspace_id: workspaceId } },
          signal,
        }),
      ),
  });

export function useMethodSettings(workspaceId: string) {
  return useQuery(methodSettingsQueryOptions(workspaceId));
}

export function useUpdateMethodSettings(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ etag, body }: { etag: string | null; body: MethodSettingsUpdate }) =>
      unwrapVersioned(
        client.PATCH("/api/v1/workspaces/{workspace_id}/settings", {
          params: { path: { workspace_id: workspaceId }, header: ifMatch(etag) },
          body,
        }),
      ),
    onSuccess: (saved) => {
      queryClient.setQueryData(settingsKeys.method(workspaceId), saved);
      // Health depends on the thresholds: pilot lists and the portfolio are out of date.
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: ["pilots", workspaceId] }),
        queryClient.invalidateQueries({ queryKey: ["portfolio", workspaceId] }),
      ]);
    },
  });
}

/** The workspace with its ETag, for the rename / currency form. */
export const workspaceSettingsQueryOptions = (workspaceId: string) =>
  queryOptions({
    queryKey: settingsKeys.workspace(workspaceId),
    queryFn: ({ signal }) =>
      unwrapVersioned(
        client.GET("/api/v1/workspaces/{workspace_id}", {
          params: { path: { workspace_id: workspaceId } },
          signal,
        }),
      ),
  });

export function useWorkspaceSettings(workspaceId: string) {
  return useQuery(workspaceSettingsQueryOptions(workspaceId));
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
      queryClient.setQueryData(settingsKeys.workspace(workspaceId), saved);
      queryClient.setQueryData(workspaceKeys.detail(workspaceId), saved.data);
      // The switcher shows names from /auth/me and the workspace list.
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: workspaceKeys.list() }),
        queryClient.invalidateQueries({ queryKey: authKeys.me() }),
      ]);
    },
  });
}
