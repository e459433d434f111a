import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { client } from "@/client";
import { type PortfolioSearch, toPortfolioQuery } from "@/features/portfolio/search";
import { unwrap } from "@/lib/api";
import type { PilotPractices, PortfolioLearning } from "./evidence";

export const learningKeys = {
  all: (ws: string) => ["learning", ws] as const,
  portfolio: (ws: string, search: PortfolioSearch) =>
    [...learningKeys.all(ws), "portfolio", toPortfolioQuery(search)] as const,
  pilot: (ws: string, pilotId: string) => [...learningKeys.all(ws), "pilot", pilotId] as const,
};

/** What the portfolio teaches, for the filters and date in the URL (the portfolio's own). */
export const learningQueryOptions = (ws: string, search: PortfolioSearch) =>
  queryOptions({
    queryKey: learningKeys.portfolio(ws, search),
    queryFn: ({ signal }): Promise<PortfolioLearning> =>
      unwrap(
        client.GET("/api/v1/workspaces/{workspace_id}/portfolio/learning", {
          params: { path: { workspace_id: ws }, query: toPortfolioQuery(search) },
          signal,
        }),
      ),
    staleTime: 30_000,
    placeholderData: keepPreviousData,
  });

export const usePortfolioLearning = (ws: string, search: PortfolioSearch) =>
  useQuery(learningQueryOptions(ws, search));

/** One pilot against every practice, beside the workspace's evidence. */
export const pilotPracticesQueryOptions = (ws: string, pilotId: string) =>
  queryOptions({
    queryKey: learningKeys.pilot(ws, pilotId),
    queryFn: ({ signal }): Promise<PilotPractices> =>
      unwrap(
        client.GET("/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/practices", {
          params: { path: { workspace_id: ws, pilot_id: pilotId } },
          signal,
        }),
      ),
    staleTime: 0,
  });

export const usePilotPractices = (ws: string, pilotId: string) =>
  useQuery(pilotPracticesQueryOptions(ws, pilotId));
