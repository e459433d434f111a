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

export type Department = Schemas["DepartmentPublic"];
export type DepartmentBody = Schemas["DepartmentCreate"];

export const PAGE_SIZE = 50;

export const departmentKeys = {
  all: (workspaceId: string) => ["departments", workspaceId] as const,
  lists: (workspaceId: string) => [...departmentKeys.all(workspaceId), "list"] as const,
  list: (workspaceId: string, q: string) => [...departmentKeys.lists(workspaceId), { q }] as const,
  /** Every department at once, for pickers, filters and naming departments by id. */
  allPages: (workspaceId: string) => [...departmentKeys.lists(workspaceId), "all-pages"] as const,
  detail: (workspaceId: string, id: string) =>
    [...departmentKeys.all(workspaceId), "detail", id] as const,
};

export const departmentsQueryOptions = (workspaceId: string, q = "") =>
  infiniteQueryOptions({
    queryKey: departmentKeys.list(workspaceId, q),
    queryFn: ({ signal, pageParam }) =>
      unwrap(
        client.GET("/api/v1/workspaces/{workspace_id}/departments", {
          params: {
            path: { workspace_id: workspaceId },
            query: { limit: PAGE_SIZE, cursor: pageParam, ...(q ? { q } : {}) },
          },
          signal,
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
  });

export function useDepartments(workspaceId: string, q: string) {
  return useInfiniteQuery(departmentsQueryOptions(workspaceId, q));
}

/** Every department of the workspace (all pages), for pickers, filters and names. */
export const allDepartmentsQueryOptions = (workspaceId: string) =>
  queryOptions({
    queryKey: departmentKeys.allPages(workspaceId),
    queryFn: ({ signal }) =>
      fetchAllPages((cursor) =>
        unwrap(
          client.GET("/api/v1/workspaces/{workspace_id}/departments", {
            params: { path: { workspace_id: workspaceId }, query: { limit: 200, cursor } },
            signal,
          }),
        ),
      ),
    staleTime: 60_000,
  });

export function useAllDepartments(workspaceId: string) {
  return useQuery(allDepartmentsQueryOptions(workspaceId));
}

/** One department with its ETag, read fresh whenever a dialog that changes it opens. */
export const departmentQueryOptions = (workspaceId: string, id: string) =>
  queryOptions({
    queryKey: departmentKeys.detail(workspaceId, id),
    queryFn: ({ signal }) =>
      unwrapVersioned(
        client.GET("/api/v1/workspaces/{workspace_id}/departments/{department_id}", {
          params: { path: { workspace_id: workspaceId, department_id: id } },
          signal,
        }),
      ),
    staleTime: 0,
  });

export function useDepartment(workspaceId: string, id: string | null) {
  return useQuery({
    ...departmentQueryOptions(workspaceId, id ?? ""),
    enabled: id !== null,
  });
}

export function useSaveDepartment(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      id,
      etag,
      body,
    }: {
      id: string | null;
      etag: string | null;
      body: DepartmentBody;
    }) =>
      id
        ? unwrapVersioned(
            client.PATCH("/api/v1/workspaces/{workspace_id}/departments/{department_id}", {
              params: {
                path: { workspace_id: workspaceId, department_id: id },
                header: ifMatch(etag),
              },
              body,
            }),
          )
        : unwrapVersioned(
            client.POST("/api/v1/workspaces/{workspace_id}/departments", {
              params: {
                path: { workspace_id: workspaceId },
                header: { "Idempotency-Key": crypto.randomUUID() },
              },
              body,
            }),
          ),
    onSuccess: (saved) => {
      queryClient.setQueryData(departmentKeys.detail(workspaceId, saved.data.id), saved);
      return queryClient.invalidateQueries({ queryKey: departmentKeys.lists(workspaceId) });
    },
  });
}

export function useDeleteDepartment(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, etag }: { id: string; etag: string | null }) =>
      unwrapVersioned(
        client.DELETE("/api/v1/workspaces/{workspace_id}/departments/{department_id}", {
          params: {
            path: { workspace_id: workspaceId, department_id: id },
            header: ifMatch(etag),
          },
        }),
      ),
    onSuccess: (_, { id }) => {
      queryClient.removeQueries({ queryKey: departmentKeys.detail(workspaceId, id) });
      return queryClient.invalidateQueries({ queryKey: departmentKeys.lists(workspaceId) });
    },
  });
}
