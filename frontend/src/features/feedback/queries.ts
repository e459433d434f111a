import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { client, type Schemas } from "@/client";
import { pilotKeys, refreshPilot } from "@/features/pilots/queries";
import { fetchAllPages, unwrap } from "@/lib/api";

export type FeedbackPage = Schemas["FeedbackPage"];
export type FeedbackSubmit = Schemas["FeedbackSubmit"];
export type FeedbackReceipt = Schemas["FeedbackReceipt"];
export type FeedbackLink = Schemas["FeedbackLinkPublic"];
export type FeedbackLinkCreated = Schemas["FeedbackLinkCreated"];
export type FeedbackLinkCreate = Schemas["FeedbackLinkCreate"];
export type FeedbackResponse = Schemas["FeedbackResponsePublic"];
export type LinkState = Schemas["LinkState"];

/** Feedback lives under the pilot's key: any write to the pilot refreshes it too. */
export const feedbackKeys = {
  links: (ws: string, id: string) => [...pilotKeys.detail(ws, id), "feedback-links"] as const,
  responses: (ws: string, id: string) => [...pilotKeys.detail(ws, id), "feedback"] as const,
  page: (token: string) => ["public", "feedback", token] as const,
};

const path = (ws: string, id: string) => ({ workspace_id: ws, pilot_id: id });

// --- the public page (no session) ------------------------------------------------------------

/** What the customer's page shows: the workspace, the pilot, the latest iteration's summary. */
export const feedbackPageQueryOptions = (token: string) =>
  queryOptions({
    queryKey: feedbackKeys.page(token),
    queryFn: ({ signal }) =>
      unwrap(client.GET("/api/v1/feedback/{token}", { params: { path: { token } }, signal })),
    retry: false,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });

export function useFeedbackPage(token: string) {
  return useQuery(feedbackPageQueryOptions(token));
}

/**
 * Sends one person's answers. The caller passes the Idempotency-Key of this attempt, kept across
 * retries of the same answers, so a phone that resends after a lost answer records them once.
 */
export function useSubmitFeedback(token: string) {
  return useMutation({
    mutationFn: ({ body, key }: { body: FeedbackSubmit; key: string }) =>
      unwrap(
        client.POST("/api/v1/feedback/{token}", {
          params: { path: { token }, header: { "Idempotency-Key": key } },
          body,
        }),
      ),
  });
}

// --- the team's side ---------------------------------------------------------------------------

export function useFeedbackLinks(ws: string, id: string) {
  return useQuery({
    queryKey: feedbackKeys.links(ws, id),
    queryFn: ({ signal }) =>
      fetchAllPages((cursor) =>
        unwrap(
          client.GET("/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/feedback-links", {
            params: { path: path(ws, id), query: { limit: 200, cursor } },
            signal,
          }),
        ),
      ),
  });
}

/** Every response the pilot received, newest first. */
export function useFeedbackResponses(ws: string, id: string) {
  return useQuery({
    queryKey: feedbackKeys.responses(ws, id),
    queryFn: ({ signal }) =>
      fetchAllPages((cursor) =>
        unwrap(
          client.GET("/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/feedback", {
            params: { path: path(ws, id), query: { limit: 200, cursor } },
            signal,
          }),
        ),
      ),
  });
}

export function useCreateFeedbackLink(ws: string, id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: FeedbackLinkCreate) =>
      unwrap(
        client.POST("/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/feedback-links", {
          params: { path: path(ws, id), header: { "Idempotency-Key": crypto.randomUUID() } },
          body,
        }),
      ),
    // The pilot's health may turn on its first link (no customer voice since…).
    onSuccess: () => refreshPilot(queryClient, ws, id),
  });
}

export function useRevokeFeedbackLink(ws: string, id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (link: FeedbackLink) =>
      unwrap(
        client.DELETE(
          "/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/feedback-links/{link_id}",
          { params: { path: { ...path(ws, id), link_id: link.id } } },
        ),
      ),
    onSuccess: () => refreshPilot(queryClient, ws, id),
  });
}
