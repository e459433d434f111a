import {
  infiniteQueryOptions,
  queryOptions,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { client, type Schemas } from "@/client";
import { fetchAllPages, unwrap } from "@/lib/api";
import { ifMatch, unwrapVersioned } from "@/lib/etag";
import type { CustomersSearch } from "./search";

export type Customer = Schemas["CustomerPublic"];
export type CustomerBody = Schemas["CustomerCreate"];

export const PAGE_SIZE = 25;

export const customerKeys = {
  all: (workspaceId: string) => ["customers", workspaceId] as const,
  lists: (workspaceId: string) => [...customerKeys.all(workspaceId), "list"] as const,
  list: (workspaceId: string, search: CustomersSearch) =>
    [...customerKeys.lists(workspaceId), search] as const,
  segments: (workspaceId: string) => [...customerKeys.lists(workspaceId), "segments"] as const,
  /** Every customer at once, for pickers and for naming customers by id. */
  allPages: (workspaceId: string) => [...customerKeys.lists(workspaceId), "all-pages"] as const,
  detail: (workspaceId: string, id: string) =>
    [...customerKeys.all(workspaceId), "detail", id] as const,
};

export const customersQueryOptions = (workspaceId: string, search: CustomersSearch) =>
  infiniteQueryOptions({
    queryKey: customerKeys.list(workspaceId, search),
    queryFn: ({ signal, pageParam }) =>
      unwrap(
        client.GET("/api/v1/workspaces/{workspace_id}/customers", {
          params: {
            path: { workspace_id: workspaceId },
            query: {
              limit: PAGE_SIZE,
              cursor: pageParam,
              ...(search.q ? { q: search.q } : {}),
              ...(search.segment ? { segment: search.segment } : {}),
              ...(search.premier ? { is_premier_account: true } : {}),
            },
          },
          signal,
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
  });

export function useCustomers(workspaceId: string, search: CustomersSearch) {
  return useInfiniteQuery(customersQueryOptions(workspaceId, search));
}

/** Every customer of the workspace (all pages), for pickers and for naming customers by id. */
export const allCustomersQueryOptions = (workspaceId: string) =>
  queryOptions({
    queryKey: customerKeys.allPages(workspaceId),
    queryFn: ({ signal }) =>
      fetchAllPages((cursor) =>
        unwrap(
          client.GET("/api/v1/workspaces/{workspace_id}/customers", {
            params: { path: { workspace_id: workspaceId }, query: { limit: 200, cursor } },
            signal,
          }),
        ),
      ),
    staleTime: 60_000,
  });

export function useAllCustomers(workspaceId: string) {
  return useQuery(allCustomersQueryOptions(workspaceId));
}

/** The segments in use (from the first 200 customers), for the segment filter. */
export function useCustomerSegments(workspaceId: string) {
  return useQuery({
    queryKey: customerKeys.segments(workspaceId),
    queryFn: async ({ signal }) => {
      const page = await unwrap(
        client.GET("/api/v1/workspaces/{workspace_id}/customers", {
          params: { path: { workspace_id: workspaceId }, query: { limit: 200 } },
          signal,
        }),
      );
      return distinctSegments(page.items);
    },
  });
}

export function distinctSegments(customers: Pick<Customer, "segment">[]): string[] {
  const segments = new Set(customers.map((c) => c.segment.trim()).filter(Boolean));
  return [...segments].sort((a, b) => a.localeCompare(b));
}

export const customerQueryOptions = (workspaceId: string, id: string) =>
  queryOptions({
    queryKey: customerKeys.detail(workspaceId, id),
    queryFn: ({ signal }) =>
      unwrapVersioned(
        client.GET("/api/v1/workspaces/{workspace_id}/customers/{customer_id}", {
          params: { path: { workspace_id: workspaceId, customer_id: id } },
          signal,
        }),
      ),
    staleTime: 0,
  });

export function useCustomer(workspaceId: string, id: string | null) {
  return useQuery({ ...customerQueryOptions(workspaceId, id ?? ""), enabled: id !== null });
}

export function useSaveCustomer(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      id,
      etag,
      body,
    }: {
      id: string | null;
      etag: string | null;
      body: CustomerBody;
    }) =>
      id
        ? unwrapVersioned(
            client.PATCH("/api/v1/workspaces/{workspace_id}/customers/{customer_id}", {
              params: {
                path: { workspace_id: workspaceId, customer_id: id },
                header: ifMatch(etag),
              },
              body,
            }),
          )
        : unwrapVersioned(
            client.POST("/api/v1/workspaces/{workspace_id}/customers", {
              params: {
                path: { workspace_id: workspaceId },
                header: { "Idempotency-Key": crypto.randomUUID() },
              },
              body,
            }),
          ),
    onSuccess: (saved) => {
      queryClient.setQueryData(customerKeys.detail(workspaceId, saved.data.id), saved);
      return queryClient.invalidateQueries({ queryKey: customerKeys.lists(workspaceId) });
    },
  });
}

export function useDeleteCustomer(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, etag }: { id: string; etag: string | null }) =>
      unwrapVersioned(
        client.DELETE("/api/v1/workspaces/{workspace_id}/customers/{customer_id}", {
          params: {
            path: { workspace_id: workspaceId, customer_id: id },
            header: ifMatch(etag),
          },
        }),
      ),
    onSuccess: (_, { id }) => {
      queryClient.removeQueries({ queryKey: customerKeys.detail(workspaceId, id) });
      return queryClient.invalidateQueries({ queryKey: customerKeys.lists(workspaceId) });
    },
  });
}
