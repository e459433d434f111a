import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { client } from "@/client";
import { fetchAllPages, unwrap } from "@/lib/api";
import { type Gate, type Pilot, pilotKeys, type TransitionBody } from "../queries";
import { type PilotSearch, toPilotQuery } from "../search";

/**
 * Every pilot the filters match, all pages (the board shows them all at once). Under the list
 * key, so whatever refreshes the list refreshes the board.
 */
export const boardPilotsQueryOptions = (ws: string, search: PilotSearch) =>
  queryOptions({
    queryKey: [...pilotKeys.lists(ws), "board", search] as const,
    queryFn: ({ signal }) =>
      fetchAllPages<Pilot>((cursor) =>
        unwrap(
          client.GET("/api/v1/workspaces/{workspace_id}/pilots", {
            params: {
              path: { workspace_id: ws },
              query: { ...toPilotQuery(search), limit: 200, cursor },
            },
            signal,
          }),
        ),
      ),
  });

export const useBoardPilots = (ws: string, search: PilotSearch) =>
  useQuery(boardPilotsQueryOptions(ws, search));

/** The gate of one move, read fresh; `signal` cancels it quietly when the person moves on. */
export function fetchGate(ws: string, id: string, to: Pilot["stage"], signal: AbortSignal) {
  return unwrap<Gate>(
    client.GET("/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/gate", {
      params: { path: { workspace_id: ws, pilot_id: id }, query: { to } },
      signal,
    }),
  );
}

/**
 * Moves a pilot from the board. No `If-Match`: the board holds no version of the pilot, and the
 * server checks the gate again, refusing (409 with `unmet`) a move it no longer meets.
 */
export function useBoardTransition(ws: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ pilot, transition }: { pilot: Pilot; transition: TransitionBody }) =>
      unwrap(
        client.POST("/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/transitions", {
          params: { path: { workspace_id: ws, pilot_id: pilot.id } },
          body: { reason: "", lessons_learned: "", ...transition },
        }),
      ),
    onSuccess: async (_data, { pilot }) => {
      await queryClient.cancelQueries({ queryKey: pilotKeys.detail(ws, pilot.id) });
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: pilotKeys.detail(ws, pilot.id) }),
        queryClient.invalidateQueries({ queryKey: pilotKeys.lists(ws) }),
      ]);
    },
  });
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === "AbortError";
}
