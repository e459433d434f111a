import { queryOptions, useQuery } from "@tanstack/react-query";
import { client, type paths } from "@/client";
import { ApiError } from "@/lib/api-error";

/** The health check body, taken from the operation so it does not depend on schema names. */
export type Health =
  paths["/api/v1/health"]["get"]["responses"][200]["content"]["application/json"];

export const systemKeys = {
  all: ["system"] as const,
  health: () => [...systemKeys.all, "health"] as const,
};

export async function fetchHealth(signal?: AbortSignal): Promise<Health> {
  const { data, error, response } = await client.GET("/api/v1/health", { signal });
  if (data) return data;
  throw ApiError.fromResponse(response, error);
}

export const healthQueryOptions = () =>
  queryOptions({
    queryKey: systemKeys.health(),
    queryFn: ({ signal }) => fetchHealth(signal),
    // The page offers Retry; failing fast shows the real state instead of a long spinner.
    retry: false,
    refetchInterval: 30_000,
  });

export function useHealth() {
  return useQuery(healthQueryOptions());
}
