import { QueryClientProvider } from "@tanstack/react-query";
import { RouterProvider } from "@tanstack/react-router";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { client } from "./client";
import { authKeys } from "./features/auth/queries";
import { csrfMiddleware, unauthorizedMiddleware } from "./lib/api";
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

const root = document.getElementById("root");
if (!root) throw new Error("index.html must contain an element with id 'root'");

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
