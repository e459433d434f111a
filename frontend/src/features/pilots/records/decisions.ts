import { useQuery } from "@tanstack/react-query";
import { client, type Schemas } from "@/client";
import { unwrapVersioned } from "@/lib/etag";
import { pilotKeys } from "../queries";
import { listAll, pathOf, usePartMutation } from "./shared";

export type Decision = Schemas["DecisionPublic"];

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

export const useAddDecision = (ws: string, id: string) =>
  usePartMutation(ws, id, (values: Schemas["DecisionCreate"], header) =>
    unwrapVersioned(
      client.POST("/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/decisions", {
        params: { path: pathOf(ws, id), header },
        body: values,
      }),
    ),
  );
