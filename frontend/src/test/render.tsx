import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createMemoryHistory, RouterProvider } from "@tanstack/react-router";
import { render } from "@testing-library/react";
import type * as React from "react";
import type { client } from "@/client";
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
