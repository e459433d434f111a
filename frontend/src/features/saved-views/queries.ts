import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { client, type Schemas } from "@/client";
import { fetchAllPages, unwrap } from "@/lib/api";
import { ifMatch } from "@/lib/etag";

export type SavedView = Schemas["SavedViewPublic"];
export type SavedViewCreate = Schemas["SavedViewCreate"];
export type SavedViewUpdate = Schemas["SavedViewUpdate"];

/** A person keeps at most this many views in a workspace (the API refuses the next one). */
export const MAX_VIEWS = 50;

export const savedViewKeys = {
  all: (ws: string) => ["saved-views", ws] as const,
};

const PATH = "/api/v1/workspaces/{workspace_id}/saved-views" as const;
const ONE = "/api/v1/workspaces/{workspace_id}/saved-views/{view_id}" as const;

export const savedViewsQueryOptions = (ws: string) =>
  queryOptions({
    queryKey: savedViewKeys.all(ws),
    queryFn: ({ signal }) =>
      fetchAllPages((cursor) =>
        unwrap(
          client.GET(PATH, {
            params: { path: { workspace_id: ws }, query: { limit: 200, cursor } },
            signal,
          }),
        ),
      ),
  });

export const useSavedViews = (ws: string) => useQuery(savedViewsQueryOptions(ws));

export function useCreateSavedView(ws: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SavedViewCreate) =>
      unwrap(client.POST(PATH, { params: { path: { workspace_id: ws } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: savedViewKeys.all(ws) }),
  });
}

export function useUpdateSavedView(ws: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ view, changes }: { view: SavedView; changes: SavedViewUpdate }) =>
      unwrap(
        client.PATCH(ONE, {
          params: { path: { workspace_id: ws, view_id: view.id }, header: ifMatch(view.etag) },
          body: changes,
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: savedViewKeys.all(ws) }),
  });
}

export function useDeleteSavedView(ws: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (view: SavedView) =>
      unwrap(
        client.DELETE(ONE, {
          params: { path: { workspace_id: ws, view_id: view.id }, header: ifMatch(view.etag) },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: savedViewKeys.all(ws) }),
  });
}
