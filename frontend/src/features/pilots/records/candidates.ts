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

export type Candidate = Schemas["CandidatePublic"];

export const useCandidates = (ws: string, id: string) =>
  useQuery({
    queryKey: pilotKeys.records(ws, id, "candidates"),
    queryFn: ({ signal }) =>
      listAll<Candidate>(
        "/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/candidates",
        ws,
        id,
        signal,
      ),
  });

export const useAddCandidate = (ws: string, id: string) =>
  usePartMutation(ws, id, (values: Schemas["CandidateCreate"], header) =>
    unwrapVersioned(
      client.POST("/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/candidates", {
        params: { path: pathOf(ws, id), header },
        body: values,
      }),
    ),
  );

export const useUpdateCandidate = (ws: string, id: string) =>
  usePartMutation(
    ws,
    id,
    ({ shown, changes, force = false }: PartChange<Candidate, Schemas["CandidateUpdate"]>) =>
      guardedWrite(shown, force, (header) =>
        unwrapVersioned(
          client.PATCH(
            "/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/candidates/{candidate_id}",
            {
              params: { path: { ...pathOf(ws, id), candidate_id: shown.id }, header },
              body: changes,
            },
          ),
        ),
      ),
  );

export const useRemoveCandidate = (ws: string, id: string) =>
  usePartMutation(ws, id, ({ shown, force = false }: PartRemoval<Candidate>) =>
    guardedWrite(shown, force, (header) =>
      unwrapVersioned(
        client.DELETE(
          "/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/candidates/{candidate_id}",
          { params: { path: { ...pathOf(ws, id), candidate_id: shown.id }, header } },
        ),
      ),
    ),
  );
