import { infiniteQueryOptions, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { client, type Schemas } from "@/client";
import { unwrap } from "@/lib/api";
import { pilotKeys } from "../queries";
import { pathOf } from "./shared";

export type Activity = Schemas["ActivityPublic"];

export const activityQueryOptions = (ws: string, id: string) =>
  infiniteQueryOptions({
    queryKey: pilotKeys.activity(ws, id),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        client.GET("/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/activity", {
          params: { path: pathOf(ws, id), query: { limit: 20, cursor: pageParam } },
          signal,
        }),
      ),
    getNextPageParam: (last) => last.next_cursor,
  });

export const useActivity = (ws: string, id: string) =>
  useInfiniteQuery(activityQueryOptions(ws, id));

/** The newest activity entry: who changed the pilot last, and when. */
export async function fetchLatestActivity(ws: string, id: string): Promise<Activity | null> {
  const page = await unwrap(
    client.GET("/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/activity", {
      params: { path: pathOf(ws, id), query: { limit: 1 } },
    }),
  );
  return page.items[0] ?? null;
}

/** Who changed the pilot last, read afresh while `enabled` (e.g. a conflict is shown). */
export const useLatestActivity = (ws: string, id: string, enabled: boolean) =>
  useQuery({
    queryKey: pilotKeys.latestActivity(ws, id),
    queryFn: () => fetchLatestActivity(ws, id),
    enabled,
    staleTime: 0,
  });
