import { QueryClientProvider } from "@tanstack/react-query";
import { RouterProvider } from "@tanstack/react-router";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { client } from "./client";
import { authKeys } from "./features/auth/queries";
import { csrfMiddleware, unauthorizedMiddleware } from "./lib/api";
import { endBoot } from "./lib/boot";
import { cn } from "./lib/utils";
import { createAppRouter, createQueryClient } from "./router";
import "./styles.css";

const queryClient = createQueryClient();
const router = createAppRouter(queryClient);

client.use(
  csrfMiddleware(),
  unauthorizedMiddleware(() => {
    // The session ended (expired, signed out elsewhere): sign in again, then come back here.
    queryClient.setQueryData(authKeys.me(), null);
    const { pathname, href } = router.state.location;
    if (pathname === "/login") return;
    void router.navigate({ to: "/login", search: { redirect: href }, replace: true });
  }),
);

// While the session is checked, the first render's first-use costs are paid in short tasks of
// their own rather than inside its one long task: tailwind-merge builds its tables, ICU loads the
// locale's number and date formats.
setTimeout(() => cn("px-2", "px-3"));
setTimeout(() => new Intl.NumberFormat(navigator.language).formatToParts(1.5));
setTimeout(() => new Intl.DateTimeFormat(undefined, { dateStyle: "medium" }).format(0));
// index.html's outline of the page (lib/boot.ts) stays until the router has rendered a page; the
// portfolio removes it itself once mounted (within a second at most, whatever happens).
const stopBoot = router.subscribe("onRendered", () => {
  stopBoot();
  const leaf = router.state.matches.at(-1);
  const portfolio = leaf?.routeId === "/_app/w/$workspaceId/portfolio" && leaf.status === "success";
  if (portfolio) setTimeout(endBoot, 1000);
  else endBoot();
});

const root = document.getElementById("root");
if (!root) throw new Error("index.html must contain an element with id 'root'");

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
