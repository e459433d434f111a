import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { client, type Schemas } from "@/client";
import { unwrap } from "@/lib/api";
import { ApiError } from "@/lib/api-error";

export type Me = Schemas["MePublic"];
export type Role = Schemas["Role"];

export const authKeys = {
  all: ["auth"] as const,
  me: () => [...authKeys.all, "me"] as const,
};

/** Who is signed in, or null when nobody is (a 401 is an answer here, not an error). */
export async function fetchMe(signal?: AbortSignal): Promise<Me | null> {
  const { data, error, response } = await client.GET("/api/v1/auth/me", { signal });
  if (response.status === 401) return null;
  if (data) return data;
  throw ApiError.fromResponse(response, error);
}

export const meQueryOptions = () =>
  queryOptions({
    queryKey: authKeys.me(),
    queryFn: ({ signal }) => fetchMe(signal),
    staleTime: 60_000,
  });

export function useMe() {
  return useQuery(meQueryOptions());
}

/**
 * Data that belongs to whoever was signed in. Health checks are everyone's, and so is what a
 * public link shows (keys starting with "public": an invitation, an unsubscribe link).
 */
export const isPersonal = (queryKey: readonly unknown[]) =>
  queryKey[0] !== "system" && queryKey[0] !== "public";

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { email: string; password: string }) =>
      unwrap(client.POST("/api/v1/auth/login", { body })),
    onSuccess: (data) => {
      // A different person may have been signed in before: drop everything cached for them.
      queryClient.removeQueries({ predicate: (q) => isPersonal(q.queryKey) });
      queryClient.setQueryData(authKeys.me(), data.user);
    },
  });
}

/**
 * Signs out, then leaves for the sign-in page before dropping the cached data, so pages still on
 * screen do not refetch (and fail) in between. Resolves once on the sign-in page.
 */
export function useSignOut() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const logout = useMutation({
    mutationFn: () => unwrap(client.POST("/api/v1/auth/logout")),
  });
  const signOut = async () => {
    try {
      await logout.mutateAsync();
    } catch {
      // Already signed out (401) or offline: the session is treated as over either way.
    }
    queryClient.setQueryData(authKeys.me(), null);
    await navigate({ to: "/login", replace: true });
    queryClient.removeQueries({
      predicate: (q) => isPersonal(q.queryKey) && q.queryKey[0] !== "auth",
    });
  };
  return { signOut, isPending: logout.isPending };
}
