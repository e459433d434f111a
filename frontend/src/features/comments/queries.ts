import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { client, type Schemas } from "@/client";
import { pilotKeys } from "@/features/pilots/queries";
import { guardedWrite, pathOf, rememberPartTag } from "@/features/pilots/records/shared";
import { fetchAllPages, unwrap } from "@/lib/api";
import { ApiError, isStale } from "@/lib/api-error";
import { unwrapVersioned } from "@/lib/etag";

export type Comment = Schemas["CommentPublic"];
export type CommentCreate = Schemas["CommentCreate"];

/** A pilot's comments live under its key, with everything else read about it. */
export const commentKeys = {
  list: (ws: string, id: string) => [...pilotKeys.detail(ws, id), "comments"] as const,
};

/**
 * Every comment on the pilot (all pages, newest first as the API lists them). A pilot's thread is
 * short enough to hold whole, so the timeline can weave it into the activity and a link to any
 * comment finds it.
 */
export const useComments = (ws: string, id: string) =>
  useQuery({
    queryKey: commentKeys.list(ws, id),
    queryFn: ({ signal }) =>
      fetchAllPages((cursor) =>
        unwrap(
          client.GET("/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/comments", {
            params: { path: pathOf(ws, id), query: { limit: 200, cursor } },
            signal,
          }),
        ),
      ),
    // A discussion moves while the page is open: read it again now and then (only while the
    // tab is in view) besides on focus.
    refetchInterval: 60_000,
  });

/** After a write: the thread and the activity (which records every comment) are read again. */
function useRefreshThread(ws: string, id: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: commentKeys.list(ws, id) }),
      queryClient.invalidateQueries({ queryKey: pilotKeys.activity(ws, id) }),
    ]);
}

export function useAddComment(ws: string, id: string) {
  const refresh = useRefreshThread(ws, id);
  return useMutation({
    mutationFn: async (body: CommentCreate) => {
      const result = await unwrapVersioned(
        client.POST("/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/comments", {
          params: { path: pathOf(ws, id), header: { "Idempotency-Key": crypto.randomUUID() } },
          body,
        }),
      );
      rememberPartTag(result.data, result.etag);
      return result.data;
    },
    onSuccess: refresh,
  });
}

/** The page showed the comment as it no longer is: edited (412) or deleted (404) meanwhile. */
const outdated = (error: unknown) =>
  isStale(error) || (error instanceof ApiError && error.status === 404);

const commentPath = (ws: string, id: string, commentId: string) => ({
  ...pathOf(ws, id),
  comment_id: commentId,
});

/**
 * Edits the comment shown on the page. Guarded by its ETag like the pilot's records: an edit made
 * meanwhile (in another tab) is never silently overwritten (412, see `guardedWrite`).
 */
export function useEditComment(ws: string, id: string) {
  const refresh = useRefreshThread(ws, id);
  return useMutation({
    mutationFn: async ({ shown, body, mentions }: { shown: Comment } & CommentCreate) => {
      const result = await guardedWrite(shown, false, (header) =>
        unwrapVersioned(
          client.PATCH(
            "/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/comments/{comment_id}",
            {
              params: { path: commentPath(ws, id, shown.id), header },
              body: { body, mentions: mentions ?? [] },
            },
          ),
        ),
      );
      rememberPartTag(result.data, result.etag);
      return result.data;
    },
    onSuccess: refresh,
    onError: (error) => (outdated(error) ? refresh() : undefined),
  });
}

/** Deletes the comment shown on the page (its author, or an admin); refused if it changed since. */
export function useDeleteComment(ws: string, id: string) {
  const refresh = useRefreshThread(ws, id);
  return useMutation({
    mutationFn: (shown: Comment) =>
      guardedWrite(shown, false, (header) =>
        unwrapVersioned(
          client.DELETE(
            "/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/comments/{comment_id}",
            { params: { path: commentPath(ws, id, shown.id), header } },
          ),
        ),
      ),
    onSuccess: refresh,
    onError: (error) => (outdated(error) ? refresh() : undefined),
  });
}
