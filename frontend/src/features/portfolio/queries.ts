import {
  infiniteQueryOptions,
  keepPreviousData,
  queryOptions,
  useInfiniteQuery,
  useQuery,
} from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { client } from "@/client";
import { unwrap } from "@/lib/api";
import { bootFetch } from "@/lib/boot";
import { type PortfolioSearch, toPortfolioQuery } from "./search";
import type { AttentionPage, DecisionsWaitingPage, Portfolio } from "./types";

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

/** The portfolio's lists that are paged: the portfolio carries the first items and the total. */
export type PagedList = "attention" | "decisions-waiting";

/** A page of a paged list as its route answers it, and the list's items. */
type Pages = { attention: AttentionPage; "decisions-waiting": DecisionsWaitingPage };
export type PageOf<L extends PagedList> = Pages[L];
export type ItemOf<L extends PagedList> = Pages[L]["items"][number];

/** Items per page past the portfolio's share. */
export const LIST_PAGE = 50;

function fetchPage<L extends PagedList>(
  list: L,
  ws: string,
  query: ReturnType<typeof toPortfolioQuery> & { limit: number; cursor?: string },
  signal: AbortSignal,
): Promise<PageOf<L>> {
  const params = { path: { workspace_id: ws }, query };
  const page =
    list === "attention"
      ? unwrap(
          client.GET("/api/v1/workspaces/{workspace_id}/portfolio/attention", { params, signal }),
        )
      : unwrap(
          client.GET("/api/v1/workspaces/{workspace_id}/portfolio/decisions-waiting", {
            params,
            signal,
          }),
        );
  return page as Promise<PageOf<L>>;
}

/**
 * A paged list past the portfolio's first items (`GET …/portfolio/attention` or
 * `…/portfolio/decisions-waiting`) with the same filters and date. The portfolio carries no
 * cursor, so the first page asks for the portfolio's share plus a page and the caller drops what
 * it already shows; later pages follow `next_cursor`. Kept under the portfolio's key, so whatever
 * refreshes the portfolio refreshes its pages.
 */
export const listPagesOptions = <L extends PagedList>(
  list: L,
  ws: string,
  search: PortfolioSearch,
  first: number,
) =>
  infiniteQueryOptions({
    queryKey: [...portfolioKeys.view(ws, search), list] as const,
    queryFn: ({ pageParam, signal }): Promise<PageOf<L>> =>
      fetchPage(
        list,
        ws,
        {
          ...toPortfolioQuery(search),
          limit: pageParam ? LIST_PAGE : first + LIST_PAGE,
          cursor: pageParam ?? undefined,
        },
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
    staleTime: 0,
  });

/** The portfolio's items followed by the pages loaded so far (each pilot once). */
export function mergePages<T extends { pilot_id: string }>(
  first: T[],
  pages: { items: T[] }[],
): T[] {
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

/**
 * A paged list of the portfolio as far as it is loaded: the portfolio's `first` items (of `total`)
 * and the pages fetched since, and `more` to fetch the next page (absent when every item is here).
 * Nothing is fetched until `more` is called.
 *
 * With `step`, the list shows `step` items at first and `step` more at each `more`, which fetches
 * the next page only once the shown items reach the end of those loaded; it starts again from the
 * first `step` when the portfolio's own items change (other filters, other data).
 */
export function usePagedList<L extends PagedList>(
  list: L,
  ws: string,
  search: PortfolioSearch,
  first: ItemOf<L>[],
  total: number,
  step?: number,
) {
  const pages = useInfiniteQuery({
    ...listPagesOptions(list, ws, search, first.length),
    enabled: false,
  });
  const loaded = pages.data?.pages;
  const all = useMemo(() => mergePages(first, loaded ?? []), [first, loaded]);
  const [reveal, setReveal] = useState({ of: first, shown: step ?? Number.POSITIVE_INFINITY });
  const shown = Object.is(reveal.of, first) ? reveal.shown : (step ?? Number.POSITIVE_INFINITY);
  const items = useMemo(() => (shown < all.length ? all.slice(0, shown) : all), [all, shown]);
  const fetchable = total > all.length && (loaded === undefined || pages.hasNextPage);
  const fetchNext = () => void (loaded === undefined ? pages.refetch() : pages.fetchNextPage());
  const more =
    step === undefined
      ? fetchable
        ? fetchNext
        : undefined
      : shown < all.length || fetchable
        ? () => {
            if (shown + step > all.length && fetchable) fetchNext();
            setReveal({ of: first, shown: Math.min(shown, all.length) + step });
          }
        : undefined;
  return {
    items,
    total,
    more,
    pending: pages.isFetching,
    error: pages.isError,
  };
}
