import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { client, type Schemas } from "@/client";
import { pilotKeys } from "@/features/pilots/queries";
import { portfolioKeys } from "@/features/portfolio/queries";
import { ifMatch, unwrapVersioned } from "@/lib/etag";

export type MethodSettings = Schemas["SettingsPublic"];
export type MethodSettingsUpdate = Schemas["SettingsUpdate"];
export type Thresholds = Schemas["Thresholds"];
export type Criterion = Schemas["RubricCriterion"];

/** The workspace's method settings (rubric and thresholds): one object, one key. */
export const settingsKeys = {
  all: (workspaceId: string) => ["settings", workspaceId] as const,
  method: (workspaceId: string) => [...settingsKeys.all(workspaceId), "method"] as const,
};

/**
 * The rubric and thresholds with the ETag to send back when changing them. The settings page
 * and the pilot pages (rubric, gate thresholds) read this one entry.
 */
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

/** How long the pilot pages trust the settings they read (a settings save refreshes them). */
const LOOKUP_STALE_TIME = 60_000;

/** The scoring rubric, for the candidates of a pilot. */
export function useRubric(workspaceId: string) {
  return useQuery({
    ...methodSettingsQueryOptions(workspaceId),
    staleTime: LOOKUP_STALE_TIME,
    select: (settings) => settings.data.rubric,
  });
}

/** How many engaged departments the gate into running asks for (a workspace threshold). */
export function useMinEngaged(workspaceId: string) {
  return useQuery({
    ...methodSettingsQueryOptions(workspaceId),
    staleTime: LOOKUP_STALE_TIME,
    select: (settings) => settings.data.thresholds.min_engaged_departments,
  });
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
      // The saved settings replace the one cached copy every page reads (rubric included).
      queryClient.setQueryData(settingsKeys.method(workspaceId), saved);
      // Health depends on the thresholds: pilot lists and the portfolio are out of date.
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: pilotKeys.all(workspaceId) }),
        queryClient.invalidateQueries({ queryKey: portfolioKeys.all(workspaceId) }),
      ]);
    },
  });
}

/** The workspace's thresholds, for pages that judge by them (e.g. a department's silence). */
export function useThresholds(workspaceId: string) {
  return useQuery({
    ...methodSettingsQueryOptions(workspaceId),
    staleTime: LOOKUP_STALE_TIME,
    select: (settings) => settings.data.thresholds,
  });
}
