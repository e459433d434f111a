import {
  infiniteQueryOptions,
  type QueryClient,
  queryOptions,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { client, type Schemas } from "@/client";
import { unwrap } from "@/lib/api";
import { ifMatch, unwrapVersioned } from "@/lib/etag";
import type { Stage } from "./labels";
import { type PilotSearch, toPilotQuery } from "./search";

export type Pilot = Schemas["PilotPublic"];
export type PilotUpdate = Schemas["PilotUpdate"];
export type Gate = Schemas["GatePublic"];
export type GateItem = Schemas["GateItem"];

/** The records a pilot holds, each read as one list under the pilot's key (see records/). */
export type RecordKind =
  | "candidates"
  | "involvements"
  | "iterations"
  | "metrics"
  | "decisions"
  | "scale-plan";

/**
 * The cache keys of pilots. Everything read about one pilot (its records, gates, measurements,
 * activity) lives under its `detail` key, so one invalidation refreshes all of it.
 */
export const pilotKeys = {
  all: (ws: string) => ["pilots", ws] as const,
  lists: (ws: string) => [...pilotKeys.all(ws), "list"] as const,
  list: (ws: string, search: PilotSearch) => [...pilotKeys.lists(ws), search] as const,
  detail: (ws: string, id: string) => [...pilotKeys.all(ws), "detail", id] as const,
  records: (ws: string, id: string, kind: RecordKind) =>
    [...pilotKeys.detail(ws, id), kind] as const,
  measurements: (ws: string, id: string, metricId: string) =>
    [...pilotKeys.detail(ws, id), "measurements", metricId] as const,
  gate: (ws: string, id: string, to: Stage) => [...pilotKeys.detail(ws, id), "gate", to] as const,
  activity: (ws: string, id: string) => [...pilotKeys.detail(ws, id), "activity"] as const,
  latestActivity: (ws: string, id: string) => [...pilotKeys.activity(ws, id), "latest"] as const,
};

// --- the list --------------------------------------------------------------------------------

export const PAGE_SIZE = 25;

export const pilotsQueryOptions = (ws: string, search: PilotSearch) =>
  infiniteQueryOptions({
    queryKey: pilotKeys.list(ws, search),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        client.GET("/api/v1/workspaces/{workspace_id}/pilots", {
          params: {
            path: { workspace_id: ws },
            query: { ...toPilotQuery(search), limit: PAGE_SIZE, cursor: pageParam },
          },
          signal,
        }),
      ),
    getNextPageParam: (last) => last.next_cursor,
  });

export const usePilots = (ws: string, search: PilotSearch) =>
  useInfiniteQuery(pilotsQueryOptions(ws, search));

// --- one pilot -------------------------------------------------------------------------------

export type PilotWithTag = { pilot: Pilot; etag: string | null };

export const pilotQueryOptions = (ws: string, id: string) =>
  queryOptions({
    queryKey: pilotKeys.detail(ws, id),
    queryFn: async ({ signal }): Promise<PilotWithTag> => {
      const { data, etag } = await unwrapVersioned(
        client.GET("/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}", {
          params: { path: { workspace_id: ws, pilot_id: id } },
          signal,
        }),
      );
      return { pilot: data, etag };
    },
  });

export const usePilot = (ws: string, id: string) => useQuery(pilotQueryOptions(ws, id));

export function useCreatePilot(ws: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (values: Schemas["PilotCreate"]) =>
      unwrapVersioned(
        client.POST("/api/v1/workspaces/{workspace_id}/pilots", {
          params: {
            path: { workspace_id: ws },
            header: { "Idempotency-Key": crypto.randomUUID() },
          },
          body: values,
        }),
      ),
    onSuccess: ({ data, etag }) => {
      queryClient.setQueryData(pilotKeys.detail(ws, data.id), { pilot: data, etag });
      return queryClient.invalidateQueries({ queryKey: pilotKeys.lists(ws) });
    },
  });
}

/**
 * Refreshes the pilot and every record of it (their keys share the detail prefix) after a write.
 * Reads still in flight started before the write: they are cancelled first, otherwise a first
 * load would be reused as is and show the state from before the write.
 */
export async function refreshPilot(queryClient: QueryClient, ws: string, id: string) {
  await queryClient.cancelQueries({ queryKey: pilotKeys.detail(ws, id) });
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: pilotKeys.detail(ws, id) }),
    queryClient.invalidateQueries({ queryKey: pilotKeys.lists(ws) }),
  ]);
}

/**
 * The pilot's ETag once the read in flight, if any, has landed. A write to one of its records
 * (the scale plan, a metric) gives the pilot a new version and reads it again; a change sent
 * before that read lands would carry the old version and be refused as if someone else had
 * changed the pilot.
 */
export async function settledEtag(queryClient: QueryClient, ws: string, id: string) {
  const queryKey = pilotKeys.detail(ws, id);
  const fetching = () => queryClient.isFetching({ queryKey, exact: true }) > 0;
  if (fetching()) {
    await new Promise<void>((resolve) => {
      const unsubscribe = queryClient.getQueryCache().subscribe(() => {
        if (!fetching()) {
          unsubscribe();
          resolve();
        }
      });
      if (!fetching()) {
        unsubscribe();
        resolve();
      }
    });
  }
  return queryClient.getQueryData<PilotWithTag>(queryKey)?.etag;
}

/**
 * PATCH the pilot with the ETag last read. `force` re-sends without it (overwrite anyway after
 * a conflict). A 412 throws an ApiError with `current`.
 */
export function useUpdatePilot(ws: string, id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ changes, force = false }: { changes: PilotUpdate; force?: boolean }) => {
      const etag = await settledEtag(queryClient, ws, id);
      return unwrapVersioned(
        client.PATCH("/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}", {
          params: {
            path: { workspace_id: ws, pilot_id: id },
            header: force ? {} : ifMatch(etag),
          },
          body: changes,
        }),
      );
    },
    onSuccess: ({ data, etag }) => {
      queryClient.setQueryData(pilotKeys.detail(ws, id), { pilot: data, etag });
      return refreshPilot(queryClient, ws, id);
    },
  });
}

export type TransitionBody = { to_stage: Stage; reason?: string; lessons_learned?: string };

export function useTransition(ws: string, id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({
      transition,
      force = false,
    }: {
      transition: TransitionBody;
      force?: boolean;
    }) => {
      const etag = await settledEtag(queryClient, ws, id);
      return unwrapVersioned(
        client.POST("/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/transitions", {
          params: {
            path: { workspace_id: ws, pilot_id: id },
            header: force ? {} : ifMatch(etag),
          },
          body: { reason: "", lessons_learned: "", ...transition },
        }),
      );
    },
    onSuccess: ({ data, etag }) => {
      queryClient.setQueryData(pilotKeys.detail(ws, id), { pilot: data, etag });
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: pilotKeys.detail(ws, id) }),
        queryClient.invalidateQueries({ queryKey: pilotKeys.lists(ws) }),
      ]);
    },
  });
}

// --- gates -----------------------------------------------------------------------------------

/**
 * The checklist for a move. Its request is never aborted: moving a stage replaces the checklist
 * shown (and refreshes the pilot) while the old one may still be loading; that small answer is
 * let through and dropped, rather than aborted as a failed request in the console.
 */
export const gateQueryOptions = (ws: string, id: string, to: Stage) =>
  queryOptions({
    queryKey: pilotKeys.gate(ws, id, to),
    queryFn: () =>
      unwrap(
        client.GET("/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/gate", {
          params: { path: { workspace_id: ws, pilot_id: id }, query: { to } },
        }),
      ),
  });

export const useGate = (ws: string, id: string, to: Stage | null) =>
  useQuery({ ...gateQueryOptions(ws, id, to ?? "running"), enabled: to !== null });
