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
// admin) in Debian's Chromium (bench/lib/serve.mjs), opens the Bench workspace's portfolio in a
// fresh context with that session and waits
// until the report is drawn and the network is idle. Reports the DOM node count, the long tasks
// (PerformanceObserver 'longtask': over 50 ms on the main thread) — their total and the longest —
// and the time until the report's charts are on screen. Prints min/median over the rounds.
// Numbers for a person to read: nothing is asserted.

import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { chromium } from "@playwright/test";
import { ROOT, SIGN_IN_OPTIONS, signInBrowser, startServer, stopServer } from "./lib/serve.mjs";

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
    ...SIGN_IN_OPTIONS,
    verbose: { type: "boolean", default: false },
  },
});
if (!args["database-url"]) {
  console.error(
    "usage: node bench/page.mjs --database-url URL [--a CHECKOUT [--a-dist DIR]] [--b CHECKOUT [--b-dist DIR]] [--rounds N]",
  );
  process.exit(2);
}

/** Records every main-thread task over 50 ms from the first script on. */
const LONG_TASKS = () => {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__longTasks.push(entry.duration);
  }).observe({ type: "longtask", buffered: true });
};

/** Opens the portfolio once in a fresh context (signed in, cold caches); what it saw. */
async function measure(browser, base, session) {
  const context = await browser.newContext({
    baseURL: base,
    storageState: session.storageState,
    viewport: { width: Number(args.width), height: Number(args.height) },
  });
  try {
    const step = (what) => args.verbose && console.error(`  ${what}`);
    await context.addInitScript(LONG_TASKS);
    const page = await context.newPage();
    await page.goto(`/w/${session.workspaceId}/portfolio`, { waitUntil: "commit" });
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
        const { base, child } = await startServer({
          databaseUrl: args["database-url"],
          checkout: side.checkout,
          dist: side.dist,
          timeoutMs: 120_000,
        });
        try {
          const session = await signInBrowser(browser, base, args);
          const r = await measure(browser, base, session);
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
