import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { client, type Schemas } from "@/client";
import { fetchAllPages, unwrap } from "@/lib/api";

export type TokenCreate = Schemas["TokenCreate"];

export const tokenKeys = {
  all: ["tokens"] as const,
  list: () => [...tokenKeys.all, "list"] as const,
};

/** All my tokens, in every workspace; pages filter by workspace. */
export const tokensQueryOptions = () =>
  queryOptions({
    queryKey: tokenKeys.list(),
    queryFn: ({ signal }) =>
      fetchAllPages((cursor) =>
        unwrap(client.GET("/api/v1/tokens", { params: { query: { limit: 200, cursor } }, signal })),
      ),
  });

export function useTokens() {
  return useQuery(tokensQueryOptions());
}

export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TokenCreate) => unwrap(client.POST("/api/v1/tokens", { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokenKeys.list() }),
  });
}

export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(client.DELETE("/api/v1/tokens/{token_id}", { params: { path: { token_id: id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokenKeys.list() }),
  });
}
