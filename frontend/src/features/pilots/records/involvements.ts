import { useQuery } from "@tanstack/react-query";
import { client, type Schemas } from "@/client";
import { unwrapVersioned } from "@/lib/etag";
import { pilotKeys } from "../queries";
import {
  guardedWrite,
  listAll,
  type PartChange,
  type PartRemoval,
  pathOf,
  usePartMutation,
} from "./shared";

/** A department's involvement in the pilot. */
export type Involvement = Schemas["InvolvementPublic"];

export const useInvolvements = (ws: string, id: string) =>
  useQuery({
    queryKey: pilotKeys.records(ws, id, "involvements"),
    queryFn: ({ signal }) =>
      listAll<Involvement>(
        "/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/involvements",
        ws,
        id,
        signal,
      ),
  });

export const useAddInvolvement = (ws: string, id: string) =>
  usePartMutation(ws, id, (values: Schemas["InvolvementCreate"], header) =>
    unwrapVersioned(
      client.POST("/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/involvements", {
        params: { path: pathOf(ws, id), header },
        body: values,
      }),
    ),
  );

export const useUpdateInvolvement = (ws: string, id: string) =>
  usePartMutation(
    ws,
    id,
    ({ shown, changes, force = false }: PartChange<Involvement, Schemas["InvolvementUpdate"]>) =>
      guardedWrite(shown, force, (header) =>
        unwrapVersioned(
          client.PATCH(
            "/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/involvements/{involvement_id}",
            {
              params: { path: { ...pathOf(ws, id), involvement_id: shown.id }, header },
              body: changes,
            },
          ),
        ),
      ),
  );

export const useRemoveInvolvement = (ws: string, id: string) =>
  usePartMutation(ws, id, ({ shown, force = false }: PartRemoval<Involvement>) =>
    guardedWrite(shown, force, (header) =>
      unwrapVersioned(
        client.DELETE(
          "/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/involvements/{involvement_id}",
          { params: { path: { ...pathOf(ws, id), involvement_id: shown.id }, header } },
        ),
      ),
    ),
  );
