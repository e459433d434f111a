/// <reference types="vitest/config" />
import { fileURLToPath, URL } from "node:url";
import tailwindcss from "@tailwindcss/vite";
import { tanstackRouter } from "@tanstack/router-plugin/vite";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here("."),
  publicDir: here("public"),
  // Keep caches in the root node_modules (the only one), not in frontend/node_modules.
  cacheDir: here("../node_modules/.vite"),
  plugins: [
    // Must come before the React plugin so route files are split before transformation.
    tanstackRouter({
      target: "react",
      autoCodeSplitting: true,
      routesDirectory: here("src/routes"),
      generatedRouteTree: here("src/routeTree.gen.ts"),
    }),
    react(),
    tailwindcss(),
  ],
  resolve: {
    alias: { "@": here("src") },
  },
  build: {
    outDir: here("dist"),
    emptyOutDir: true,
  },
  server: {
    // `npm run dev` talks to a backend started with `pilotboard serve` on its default port.
    proxy: { "/api": "http://127.0.0.1:8000" },
  },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.{ts,tsx}"],
    setupFiles: ["src/test/setup.ts"],
    restoreMocks: true,
  },
});
