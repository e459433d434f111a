import { useQuery } from "@tanstack/react-query";
import { client, type Schemas } from "@/client";
import { unwrapVersioned } from "@/lib/etag";
import { pilotKeys } from "../queries";
import {
  changedFields,
  guardedWrite,
  listAll,
  type PartRemoval,
  pathOf,
  usePartMutation,
} from "./shared";

export type Iteration = Schemas["IterationPublic"];

export const useIterations = (ws: string, id: string) =>
  useQuery({
    queryKey: pilotKeys.records(ws, id, "iterations"),
    queryFn: ({ signal }) =>
      listAll<Iteration>(
        "/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/iterations",
        ws,
        id,
        signal,
      ),
  });

export type IterationValues = Schemas["IterationCreate"] & {
  measurements: { metricId: string; value: number }[];
};

/**
 * Creates or updates an iteration (`shown` is the one on the page, null for a new one), then
 * records the measurements taken in it, dated on its end (or start) date.
 */
export const useSaveIteration = (ws: string, id: string) =>
  usePartMutation(
    ws,
    id,
    async (
      {
        shown,
        values,
        force = false,
      }: { shown: Iteration | null; values: IterationValues; force?: boolean },
      header,
    ) => {
      const { measurements, ...fields } = values;
      const edits = shown ? changedFields(shown, fields) : fields;
      const saved =
        shown && Object.keys(edits).length === 0
          ? { data: shown, etag: null }
          : shown
            ? await guardedWrite(shown, force, (ifMatchHeader) =>
                unwrapVersioned(
                  client.PATCH(
                    "/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/iterations/{iteration_id}",
                    {
                      params: {
                        path: { ...pathOf(ws, id), iteration_id: shown.id },
                        header: ifMatchHeader,
                      },
                      body: edits,
                    },
                  ),
                ),
              )
            : await unwrapVersioned(
                client.POST("/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/iterations", {
                  params: { path: pathOf(ws, id), header },
                  body: fields,
                }),
              );
      for (const m of measurements) {
        await unwrapVersioned(
          client.POST(
            "/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/metrics/{metric_id}/measurements",
            {
              params: {
                path: { ...pathOf(ws, id), metric_id: m.metricId },
                header: { "Idempotency-Key": crypto.randomUUID() },
              },
              body: {
                value: m.value,
                measured_on: fields.ended_on ?? fields.started_on,
                iteration_id: saved.data.id,
                note: "",
              },
            },
          ),
        );
      }
      // The measurements changed the iteration's count: the tag the write answered is stale.
      return measurements.length > 0 ? { data: saved.data, etag: null } : saved;
    },
  );

export const useRemoveIteration = (ws: string, id: string) =>
  usePartMutation(ws, id, ({ shown, force = false }: PartRemoval<Iteration>) =>
    guardedWrite(shown, force, (header) =>
      unwrapVersioned(
        client.DELETE(
          "/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/iterations/{iteration_id}",
          { params: { path: { ...pathOf(ws, id), iteration_id: shown.id }, header } },
        ),
      ),
    ),
  );
