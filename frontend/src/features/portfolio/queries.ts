import {
  infiniteQueryOptions,
  keepPreviousData,
  queryOptions,
  useInfiniteQuery,
  useQuery,
} from "@tanstack/react-query";
import { client } from "@/client";
import { unwrap } from "@/lib/api";
import { bootFetch } from "@/lib/boot";
import { type PortfolioSearch, toPortfolioQuery } from "./search";
import type { AttentionItem, AttentionPage, Portfolio } from "./types";

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
          // On the page's first load, the request index.html already started (lib/boot.ts).
          fetch: bootFetch,
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

/**
 * The attention list past the portfolio's first 50: `GET …/portfolio/attention` with the same
 * filters and date. The portfolio carries no cursor, so the first page asks for twice the
 * portfolio's share and the caller drops what it already shows; later pages follow `next_cursor`.
 */
export const attentionPagesOptions = (ws: string, search: PortfolioSearch, first: number) =>
  infiniteQueryOptions({
    queryKey: [...portfolioKeys.view(ws, search), "attention"] as const,
    queryFn: async ({ pageParam, signal }): Promise<AttentionPage> => {
      return unwrap(
        client.GET("/api/v1/workspaces/{workspace_id}/portfolio/attention", {
          params: {
            path: { workspace_id: ws },
            query: {
              ...toPortfolioQuery(search),
              limit: pageParam ? ATTENTION_PAGE : first + ATTENTION_PAGE,
              cursor: pageParam ?? undefined,
            },
          },
          signal,
        }),
      );
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
    staleTime: 0,
  });

export const ATTENTION_PAGE = 50;

/** The portfolio's attention items followed by the pages loaded so far (each pilot once). */
export function mergeAttention(first: AttentionItem[], pages: AttentionPage[]): AttentionItem[] {
  const seen = new Set(first.map((a) => a.pilot_id));
  const all = [...first];
  for (const page of pages) {
    for (const item of page.items) {
      if (seen.has(item.pilot_id)) continue;
      seen.add(item.pilot_id);
      all.push(item);
    }
  }
  return all;
}

export function useAttentionPages(
  ws: string,
  search: PortfolioSearch,
  first: number,
  enabled: boolean,
) {
  return useInfiniteQuery({ ...attentionPagesOptions(ws, search, first), enabled });
}
