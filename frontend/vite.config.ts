/// <reference types="vitest/config" />
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, URL } from "node:url";
import tailwindcss from "@tailwindcss/vite";
import { tanstackRouter } from "@tanstack/router-plugin/vite";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * Copies Swagger UI (npm `swagger-ui-dist`) into `dist/api-docs/`, so the backend's `/docs` page
 * loads it from this origin: no CDN, and the strict Content-Security-Policy holds.
 */
function apiDocsAssets(): Plugin {
  return {
    name: "pilotboard-api-docs",
    apply: "build",
    generateBundle() {
      const require = createRequire(import.meta.url);
      const dist = dirname(require.resolve("swagger-ui-dist/package.json"));
      for (const file of ["swagger-ui-bundle.js", "swagger-ui.css"]) {
        this.emitFile({
          type: "asset",
          fileName: `api-docs/${file}`,
          source: readFileSync(join(dist, file)),
        });
      }
    },
  };
}

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
    apiDocsAssets(),
  ],
  resolve: {
    alias: { "@": here("src") },
  },
  build: {
    outDir: here("dist"),
    emptyOutDir: true,
    // `.vite/manifest.json`: which chunks each route loads, read by `bench/bundle.mjs`.
    manifest: true,
    modulePreload: {
      // The first page's modules are hinted in index.html, where the browser's preload scanner
      // reads them for free. A lazy chunk's own imports are found by the browser as it loads the
      // chunk: a <link> added from script for each of them cost the main thread more (on a slow
      // phone, hundreds of milliseconds per page) than the round trip it saved. Its CSS still
      // comes with it.
      resolveDependencies: (_file, deps, { hostType }) =>
        hostType === "html" ? deps : deps.filter((dep) => dep.endsWith(".css")),
    },
  },
  server: {
    // `npm run dev` talks to a backend started with `pilotboard serve` on its default port.
    proxy: { "/api": "http://127.0.0.1:8000" },
  },
  test: {
    environment: "jsdom",
    setupFiles: ["src/test/setup.ts"],
    restoreMocks: true,
    unstubGlobals: true,
    // One test file per core (Vitest's default leaves one core to itself: on the 2-core CI
    // machine that is a single worker, 133 s against 98 s for the suite).
    maxWorkers: "100%",
    // Logic files (`*.test.ts`) share their worker's jsdom and module graph; component files
    // (`*.test.tsx`) get their own, as pages start fresh. Building an environment per file was
    // most of the suite's time on the 2-core CI machine. A test puts back what it changes in
    // shared state (src/test/setup.ts; stubbed globals are put back after each test).
    projects: [
      { extends: true, test: { name: "logic", include: ["src/**/*.test.ts"], isolate: false } },
      { extends: true, test: { name: "components", include: ["src/**/*.test.tsx"] } },
    ],
  },
});
