import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { client, type Schemas } from "@/client";
import { pilotKeys, refreshPilot } from "@/features/pilots/queries";
import { fetchAllPages, unwrap } from "@/lib/api";

export type CheckInPage = Schemas["CheckInPage"];
export type CheckInSubmit = Schemas["CheckInSubmit"];
export type CheckIn = Schemas["CheckInPublic"];
export type Benefit = Schemas["Benefit"];

export const checkInKeys = {
  /** Under the pilot's key: a new check-in refreshes the departments and the pilot's health. */
  history: (ws: string, id: string, involvementId: string) =>
    [...pilotKeys.detail(ws, id), "check-ins", involvementId] as const,
  page: (token: string) => ["public", "check-in", token] as const,
};

// --- the public page (no session) ------------------------------------------------------------

export const checkInPageQueryOptions = (token: string) =>
  queryOptions({
    queryKey: checkInKeys.page(token),
    queryFn: ({ signal }) =>
      unwrap(client.GET("/api/v1/check-ins/{token}", { params: { path: { token } }, signal })),
    retry: false,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });

export function useCheckInPage(token: string) {
  return useQuery(checkInPageQueryOptions(token));
}

/** Sends the department's answer with the attempt's Idempotency-Key (see useAnswerKey). */
export function useSubmitCheckIn(token: string) {
  return useMutation({
    mutationFn: ({ body, key }: { body: CheckInSubmit; key: string }) =>
      unwrap(
        client.POST("/api/v1/check-ins/{token}", {
          params: { path: { token }, header: { "Idempotency-Key": key } },
          body,
        }),
      ),
  });
}

// --- in the app ------------------------------------------------------------------------------

const path = (ws: string, id: string, involvementId: string) => ({
  workspace_id: ws,
  pilot_id: id,
  involvement_id: involvementId,
});

/** One department's check-ins in the pilot, newest first. */
export function useCheckIns(ws: string, id: string, involvementId: string, enabled = true) {
  return useQuery({
    queryKey: checkInKeys.history(ws, id, involvementId),
    queryFn: ({ signal }) =>
      fetchAllPages((cursor) =>
        unwrap(
          client.GET(
            "/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/involvements/{involvement_id}/check-ins",
            {
              params: { path: path(ws, id, involvementId), query: { limit: 200, cursor } },
              signal,
            },
          ),
        ),
      ),
    enabled,
  });
}

/** A member records a department's check-in (from a call or a meeting). */
export function useRecordCheckIn(ws: string, id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      involvementId,
      body,
      key,
    }: {
      involvementId: string;
      body: CheckInSubmit;
      key: string;
    }) =>
      unwrap(
        client.POST(
          "/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/involvements/{involvement_id}/check-ins",
          {
            params: { path: path(ws, id, involvementId), header: { "Idempotency-Key": key } },
            body,
          },
        ),
      ),
    onSuccess: () => refreshPilot(queryClient, ws, id),
  });
}
