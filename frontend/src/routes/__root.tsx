import type { QueryClient } from "@tanstack/react-query";
import { createRootRouteWithContext, Outlet, useRouterState } from "@tanstack/react-router";
import { AppShell } from "@/components/app-shell";
import { NotFound } from "@/components/not-found";
import { RouteError } from "@/components/route-error";
import { Toaster } from "@/components/ui/toaster";

export type RouterContext = { queryClient: QueryClient };

export const Route = createRootRouteWithContext<RouterContext>()({
  component: RootLayout,
  notFoundComponent: NotFound,
  errorComponent: RouteError,
});

function RootLayout() {
  // Pages marked `staticData: { bare: true }` (sign-in) bring their own layout.
  const bare = useRouterState({ select: (s) => s.matches.some((m) => m.staticData.bare) });
  return (
    <>
      {bare ? (
        <Outlet />
      ) : (
        <AppShell>
          <Outlet />
        </AppShell>
      )}
      <Toaster />
    </>
  );
}
