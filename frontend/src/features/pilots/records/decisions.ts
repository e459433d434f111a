import { useQuery } from "@tanstack/react-query";
import { client, type Schemas } from "@/client";
import { unwrap } from "@/lib/api";
import { ApiError } from "@/lib/api-error";
import { unwrapVersioned } from "@/lib/etag";
import { pilotKeys } from "../queries";
import { guardedWrite, listAll, pathOf, usePartMutation } from "./shared";

export type Decision = Schemas["DecisionPublic"];
export type AllowedDecisions = Schemas["AllowedDecisions"];

/**
 * The decisions the pilot's stage takes. The key sits under the pilot's, so every write to the
 * pilot or its records, and every stage change, refreshes it with the rest.
 */
export const allowedDecisionsKey = (ws: string, id: string) =>
  [...pilotKeys.detail(ws, id), "allowed-decisions"] as const;

export const useDecisions = (ws: string, id: string) =>
  useQuery({
    queryKey: pilotKeys.records(ws, id, "decisions"),
    queryFn: ({ signal }) =>
      listAll<Decision>(
        "/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/decisions",
        ws,
        id,
        signal,
      ),
  });

export const useAllowedDecisions = (ws: string, id: string, enabled = true) =>
  useQuery({
    queryKey: allowedDecisionsKey(ws, id),
    queryFn: ({ signal }) =>
      unwrap(
        client.GET("/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/decisions/allowed", {
          params: { path: pathOf(ws, id) },
          signal,
        }),
      ),
    enabled,
  });

export const useAddDecision = (ws: string, id: string) =>
  usePartMutation(ws, id, (values: Schemas["DecisionCreate"], header) =>
    unwrapVersioned(
      client.POST("/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/decisions", {
        params: { path: pathOf(ws, id), header },
        body: values,
      }),
    ),
  );

/** Withdraws the decision shown on the page, guarded by its ETag like every other record. */
export const useWithdrawDecision = (ws: string, id: string) =>
  usePartMutation(ws, id, ({ shown, reason }: { shown: Decision; reason: string }) =>
    guardedWrite(shown, false, (header) =>
      unwrapVersioned(
        client.POST(
          "/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/decisions/{decision_id}/withdraw",
          {
            params: { path: { ...pathOf(ws, id), decision_id: shown.id }, header },
            body: { reason },
          },
        ),
      ),
    ),
  );

/** Problem types of the decision rules (`…/problems/<slug>`). */
export const isProblem = (error: unknown, slug: string): error is ApiError =>
  error instanceof ApiError && error.type.endsWith(`/${slug}`);
