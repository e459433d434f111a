// The portfolio page in a real browser: how much DOM it builds and how long the main thread is
// blocked, side by side for two checkouts (before and after), on one seeded database.
//
//   npm run --silent build                       # this checkout's frontend/dist
//   .venv/bin/python bench/seed.py --database-url sqlite:////tmp/h18f/b.db --pilots 10000
//   node bench/page.mjs --database-url sqlite:////tmp/h18f/b.db \
//       --a /tmp/h18f-before --a-dist /tmp/h18f/dist-before --b . --rounds 3
//
// For each round and each side (A, then B: interleaved), starts `pilotboard serve` with that
// side's backend (PYTHONPATH=<checkout>/backend) serving that side's built SPA
// (PILOTBOARD_SPA_DIR, default <checkout>/frontend/dist), signs in as bench@bench.local (seed.py's
// admin) in Debian's Chromium, opens the Bench workspace's portfolio in a fresh context and waits
// until the report is drawn and the network is idle. Reports the DOM node count, the long tasks
// (PerformanceObserver 'longtask': over 50 ms on the main thread) — their total and the longest —
// and the time until the report's charts are on screen. Prints min/median over the rounds.
// Numbers for a person to read: nothing is asserted.

import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { chromium } from "@playwright/test";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const { values: args } = parseArgs({
  options: {
    "database-url": { type: "string" },
    a: { type: "string" },
    "a-dist": { type: "string" },
    b: { type: "string", default: ROOT },
    "b-dist": { type: "string" },
    rounds: { type: "string", default: "3" },
    width: { type: "string", default: "1440" },
    height: { type: "string", default: "900" },
    email: { type: "string", default: "bench@bench.local" },
    password: { type: "string", default: "bench-password-123" },
    workspace: { type: "string", default: "Bench" },
    chromium: { type: "string", default: "/usr/bin/chromium" },
    verbose: { type: "boolean", default: false },
  },
});
if (!args["database-url"]) {
  console.error(
    "usage: node bench/page.mjs --database-url URL [--a CHECKOUT [--a-dist DIR]] [--b CHECKOUT [--b-dist DIR]] [--rounds N]",
  );
  process.exit(2);
}

function freePort() {
  return new Promise((done) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

/** `pilotboard serve` with a checkout's backend, serving a built SPA directory. */
async function startServer(checkout, dist) {
  const port = await freePort();
  const child = spawn(
    join(ROOT, ".venv/bin/pilotboard"),
    ["serve", "--host", "127.0.0.1", "--port", String(port)],
    {
      env: {
        ...process.env,
        PYTHONPATH: join(checkout, "backend"),
        PILOTBOARD_ENV: "development",
        PILOTBOARD_DATABASE_URL: args["database-url"],
        PILOTBOARD_SPA_DIR: dist,
        PILOTBOARD_VAR_DIR: mkdtempSync(join(tmpdir(), "pilotboard-page-")),
        PILOTBOARD_LOG_LEVEL: "warning",
      },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${base}/api/v1/health`)).ok) return { base, child };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill();
  throw new Error(`the server for ${checkout} did not start`);
}

function stopServer(child) {
  return new Promise((done) => {
    child.once("exit", done);
    child.kill("SIGTERM");
  });
}

/** Records every main-thread task over 50 ms from the first script on. */
const LONG_TASKS = () => {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__longTasks.push(entry.duration);
  }).observe({ type: "longtask", buffered: true });
};

/** Signs in and opens the portfolio once; returns what one measurement saw. */
async function measure(browser, base) {
  const context = await browser.newContext({
    baseURL: base,
    viewport: { width: Number(args.width), height: Number(args.height) },
  });
  try {
    const step = (what) => args.verbose && console.error(`  ${what}`);
    const login = await context.newPage();
    step("sign in");
    await login.goto("/login");
    await login.getByLabel("Email").fill(args.email);
    await login.getByLabel("Password").fill(args.password);
    await login.getByRole("button", { name: "Sign in" }).click();
    await login.waitForURL((url) => !url.pathname.includes("/login"));
    const me = await (await login.request.get("/api/v1/auth/me")).json();
    const ws =
      me.memberships.find((m) => m.workspace_name === args.workspace) ?? me.memberships[0];
    await login.close();

    step("signed in");
    await context.addInitScript(LONG_TASKS);
    const page = await context.newPage();
    await page.goto(`/w/${ws.workspace_id}/portfolio`, { waitUntil: "commit" });
    await page.waitForSelector("#risk-outcome-title", { timeout: 600_000 });
    const drawn = await page.evaluate(() => performance.now());
    step("charts drawn");
    await page.waitForLoadState("networkidle", { timeout: 600_000 });
    step("network idle");
    // Lazy parts (below the fold) and idle work get a moment to land.
    await page.waitForTimeout(1500);
    const seen = await page.evaluate(() => ({
      nodes: document.getElementsByTagName("*").length,
      tasks: window.__longTasks,
    }));
    return {
      nodes: seen.nodes,
      longest: Math.max(0, ...seen.tasks),
      total: seen.tasks.reduce((a, b) => a + b, 0),
      count: seen.tasks.length,
      drawn,
    };
  } finally {
    await context.close();
  }
}

const median = (values) => {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

async function main() {
  const sides = [];
  if (args.a) {
    const checkout = resolve(args.a);
    sides.push({
      name: "A",
      checkout,
      dist: resolve(args["a-dist"] ?? join(checkout, "frontend/dist")),
    });
  }
  const b = resolve(args.b);
  sides.push({ name: "B", checkout: b, dist: resolve(args["b-dist"] ?? join(b, "frontend/dist")) });

  const browser = await chromium.launch({
    executablePath: args.chromium,
    args: ["--no-sandbox", "--disable-gpu"],
  });
  const results = Object.fromEntries(sides.map((s) => [s.name, []]));
  try {
    for (let round = 1; round <= Number(args.rounds); round++) {
      for (const side of sides) {
        const { base, child } = await startServer(side.checkout, side.dist);
        try {
          const r = await measure(browser, base);
          results[side.name].push(r);
          console.log(
            `round ${round} ${side.name}: ${r.nodes} DOM nodes, longest task ${r.longest.toFixed(0)} ms, long tasks ${r.total.toFixed(0)} ms (${r.count}), charts at ${r.drawn.toFixed(0)} ms`,
          );
        } finally {
          await stopServer(child);
        }
      }
    }
  } finally {
    await browser.close();
  }

  console.log("\nmin / median over the rounds");
  console.log("side | DOM nodes | longest task ms | long tasks total ms | charts drawn ms");
  for (const side of sides) {
    const rs = results[side.name];
    const col = (key) => {
      const values = rs.map((r) => r[key]);
      return `${Math.min(...values).toFixed(0)} / ${median(values).toFixed(0)}`;
    };
    console.log(
      `${side.name} (${side.checkout}, ${side.dist}) | ${col("nodes")} | ${col("longest")} | ${col("total")} | ${col("drawn")}`,
    );
  }
}

await main();
