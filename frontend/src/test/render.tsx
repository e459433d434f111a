import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import {
  createMemoryHistory,
  createRootRoute,
  createRouter,
  RouterProvider,
} from "@tanstack/react-router";
import { render } from "@testing-library/react";
import type * as React from "react";
import { vi } from "vitest";
import { client } from "@/client";
import { createAppRouter } from "@/router";

type HealthResult = Awaited<ReturnType<typeof client.GET>>;

/** A fresh query client per test: no retries, no shared cache. */
export function createTestQueryClient(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { retry: false, gcTime: Infinity } } });
}

export function renderWithQuery(ui: React.ReactElement, queryClient = createTestQueryClient()) {
  return {
    queryClient,
    ...render(<QueryClientProvider client={queryClient}>{ui}</QueryClientProvider>),
  };
}

/**
 * Renders one component inside a bare router at `path` (for components with links), with a
 * fresh query client. The returned router shows where a link or navigation went.
 */
export function renderInRouter(ui: React.ReactElement, path = "/") {
  const queryClient = createTestQueryClient();
  const router = createRouter({
    routeTree: createRootRoute({ component: () => ui }),
    history: createMemoryHistory({ initialEntries: [path] }),
  });
  return {
    router,
    queryClient,
    ...render(
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>,
    ),
  };
}

/** Renders the whole app (shell + routes) at `path`, as the browser would after a refresh. */
export function renderApp(path: string) {
  const queryClient = createTestQueryClient();
  const router = createAppRouter(queryClient, createMemoryHistory({ initialEntries: [path] }));
  return {
    router,
    ...render(
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>,
    ),
  };
}

/** What openapi-fetch resolves with for a successful health check. */
export function healthOk(data: {
  status: string;
  database: string;
  revision: string | null;
}): HealthResult {
  return {
    data,
    error: undefined,
    response: new Response(JSON.stringify(data), { status: 200 }),
  } as HealthResult;
}

/** What openapi-fetch resolves with when the API answers with problem+json. */
export function healthProblem(status: number, problem: Record<string, unknown>): HealthResult {
  const response = new Response(JSON.stringify(problem), {
    status,
    headers: { "Content-Type": "application/problem+json" },
  });
  return { data: undefined, error: problem, response } as unknown as HealthResult;
}

type Reply = { status: number; body?: unknown };

/** What openapi-fetch resolves with for `reply`: data on success, the problem otherwise. */
export function apiResult(reply: Reply) {
  const ok = reply.status < 400;
  const response = new Response(reply.status === 204 ? null : JSON.stringify(reply.body ?? {}), {
    status: reply.status,
    headers: { "Content-Type": ok ? "application/json" : "application/problem+json" },
  });
  return ok
    ? { data: reply.body, error: undefined, response }
    : { data: undefined, error: reply.body, response };
}

/**
 * Answers the client's GET calls by path template (e.g. "/api/v1/auth/me"); unknown paths 404.
 * Returns the spy so tests can assert on calls.
 */
export function mockGet(replies: Record<string, Reply>) {
  return vi
    .spyOn(client, "GET")
    .mockImplementation((async (path: string) =>
      apiResult(
        replies[path] ?? { status: 404, body: { title: "Not found", status: 404 } },
      )) as never);
}

export const SIGNED_OUT: Reply = {
  status: 401,
  body: { type: "about:blank", title: "Unauthorized", status: 401, detail: "Sign in." },
};

export function meReply(
  memberships: { workspace_id: string; workspace_name: string; role: string }[] = [],
  user: Partial<{ id: string; name: string; email: string }> = {},
): Reply {
  return {
    status: 200,
    body: {
      id: "u-ada",
      name: "Ada Admin",
      email: "admin@e2e.local",
      is_admin: false,
      memberships,
      ...user,
    },
  };
}
