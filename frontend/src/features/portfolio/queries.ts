import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { client } from "@/client";
import { unwrap } from "@/lib/api";
import { type PortfolioSearch, toPortfolioQuery } from "./search";
import type { Portfolio } from "./types";

export const portfolioKeys = {
  all: (ws: string) => ["portfolio", ws] as const,
  view: (ws: string, search: PortfolioSearch) =>
    [...portfolioKeys.all(ws), toPortfolioQuery(search)] as const,
};

/**
 * The portfolio for the filters and date in the URL. It summarises every pilot, so any change to
 * one makes it stale: it is always refetched when the page opens (the last answer shows
 * meanwhile), and a change of filters keeps the previous figures on screen until the new ones land.
 */
export const portfolioQueryOptions = (ws: string, search: PortfolioSearch) =>
  queryOptions({
    queryKey: portfolioKeys.view(ws, search),
    queryFn: async ({ signal }): Promise<Portfolio> => {
      const data = await unwrap(
        client.GET("/api/v1/workspaces/{workspace_id}/portfolio", {
          params: { path: { workspace_id: ws }, query: toPortfolioQuery(search) },
          signal,
        }),
      );
      // The operation also answers CSV (`?format=csv`, the download link); this call asks JSON.
      if (typeof data === "string") throw new Error("The portfolio came back as text, not JSON.");
      return data;
    },
    staleTime: 0,
    placeholderData: keepPreviousData,
  });

export const usePortfolio = (ws: string, search: PortfolioSearch) =>
  useQuery(portfolioQueryOptions(ws, search));
