import { useQuery } from "@tanstack/react-query";
import { client, type Schemas } from "@/client";
import { fetchAllPages, unwrap } from "@/lib/api";
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

export type Metric = Schemas["MetricPublic"];
export type Measurement = Schemas["MeasurementPublic"];

export const useMetrics = (ws: string, id: string) =>
  useQuery({
    queryKey: pilotKeys.records(ws, id, "metrics"),
    queryFn: ({ signal }) =>
      listAll<Metric>(
        "/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/metrics",
        ws,
        id,
        signal,
      ),
  });

export const useMeasurements = (ws: string, id: string, metricId: string) =>
  useQuery({
    queryKey: pilotKeys.measurements(ws, id, metricId),
    queryFn: ({ signal }) =>
      fetchAllPages((cursor) =>
        unwrap(
          client.GET(
            "/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/metrics/{metric_id}/measurements",
            {
              params: {
                path: { ...pathOf(ws, id), metric_id: metricId },
                query: { limit: 200, cursor },
              },
              signal,
            },
          ),
        ),
      ),
  });

export const useAddMetric = (ws: string, id: string) =>
  usePartMutation(ws, id, (values: Schemas["MetricCreate"], header) =>
    unwrapVersioned(
      client.POST("/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/metrics", {
        params: { path: pathOf(ws, id), header },
        body: values,
      }),
    ),
  );

export const useUpdateMetric = (ws: string, id: string) =>
  usePartMutation(
    ws,
    id,
    ({ shown, changes, force = false }: PartChange<Metric, Schemas["MetricUpdate"]>) =>
      guardedWrite(shown, force, (header) =>
        unwrapVersioned(
          client.PATCH("/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/metrics/{metric_id}", {
            params: { path: { ...pathOf(ws, id), metric_id: shown.id }, header },
            body: changes,
          }),
        ),
      ),
  );

/**
 * Deletes a metric with its measurements. Once the pilot has started, `reason` is required
 * (sent as `?reason=`, recorded in the activity log); without it the API answers 409.
 */
export const useRemoveMetric = (ws: string, id: string) =>
  usePartMutation(
    ws,
    id,
    ({ shown, force = false, reason }: PartRemoval<Metric> & { reason?: string }) =>
      guardedWrite(shown, force, (header) =>
        unwrapVersioned(
          client.DELETE("/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/metrics/{metric_id}", {
            params: {
              path: { ...pathOf(ws, id), metric_id: shown.id },
              query: reason ? { reason } : {},
              header,
            },
          }),
        ),
      ),
  );
