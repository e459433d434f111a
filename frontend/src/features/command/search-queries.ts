import { useQueries } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { client, type Schemas } from "@/client";
import { unwrap } from "@/lib/api";

/** How many of each kind one search shows. */
export const RESULTS_PER_KIND = 5;

export type PilotHit = Schemas["PilotPublic"];
export type CustomerHit = Schemas["CustomerPublic"];
export type DepartmentHit = Schemas["DepartmentPublic"];

/** `value`, once it has stayed the same for `delay` ms (typing settles before a request goes). */
export function useDebounced<T>(value: T, delay = 200): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return settled;
}

const isClosed = (stage: PilotHit["stage"]) => stage === "adopted" || stage === "stopped";

const searchKey = (ws: string, kind: string, q: string) => ["search", ws, kind, q] as const;

/**
 * Pilots, customers and departments matching `q`, a few of each, from the lists' own text filter
 * (`q`: title or hypothesis; name, segment, id or notes; name, lead or KPI). An empty `q` asks
 * for the recently updated pilots only. `enabled` false reads nothing. Results are only ever those
 * of this `q` (never the previous text's), so Enter cannot open something no longer asked for.
 */
export function useObjectSearch(ws: string, q: string, enabled = true) {
  const text = q.trim();
  const [pilots, customers, departments] = useQueries({
    queries: [
      {
        queryKey: searchKey(ws, "pilots", text),
        queryFn: ({ signal }: { signal: AbortSignal }) =>
          unwrap(
            client.GET("/api/v1/workspaces/{workspace_id}/pilots", {
              params: {
                path: { workspace_id: ws },
                query: {
                  limit: RESULTS_PER_KIND,
                  ...(text ? { q: text, sort: "title" } : { sort: "-updated_at" }),
                },
              },
              signal,
            }),
          ),
        enabled,
        staleTime: 30_000,
      },
      {
        queryKey: searchKey(ws, "customers", text),
        queryFn: ({ signal }: { signal: AbortSignal }) =>
          unwrap(
            client.GET("/api/v1/workspaces/{workspace_id}/customers", {
              params: { path: { workspace_id: ws }, query: { limit: RESULTS_PER_KIND, q: text } },
              signal,
            }),
          ),
        enabled: enabled && text !== "",
        staleTime: 30_000,
      },
      {
        queryKey: searchKey(ws, "departments", text),
        queryFn: ({ signal }: { signal: AbortSignal }) =>
          unwrap(
            client.GET("/api/v1/workspaces/{workspace_id}/departments", {
              params: { path: { workspace_id: ws }, query: { limit: RESULTS_PER_KIND, q: text } },
              signal,
            }),
          ),
        enabled: enabled && text !== "",
        staleTime: 30_000,
      },
    ],
  });
  const queries = text ? [pilots, customers, departments] : [pilots];
  return {
    // Pilots under way before closed ones (each group keeps the API's order).
    pilots: [...(pilots.data?.items ?? [])].sort(
      (a, b) => Number(isClosed(a.stage)) - Number(isClosed(b.stage)),
    ),
    customers: text ? (customers.data?.items ?? []) : [],
    departments: text ? (departments.data?.items ?? []) : [],
    /** Still reading the answer for this text (earlier results may show meanwhile). */
    pending: queries.some((query) => query.isFetching),
    error: queries.find((query) => query.isError)?.error ?? null,
    retry: () => {
      for (const query of queries) if (query.isError) void query.refetch();
    },
  };
}
