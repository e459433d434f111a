// How responsive the SPA's pilots list is on a large workspace, measured in a real browser.
//
//   npm run --silent build
//   .venv/bin/python bench/seed.py --database-url sqlite:////tmp/bench2k.db --pilots 2000
//   node bench/spa_pilots_list.mjs --database-url sqlite:////tmp/bench2k.db
//
// Starts `pilotboard serve` on the database (like bench/api.py), signs in as bench@bench.local
// (seed.py's admin) in Chromium, then, in a fresh page per run: opens the pilots list (time to
// the first rows), applies the Stage filter, the Health filter and a text search (time until the
// list shows the filtered rows), and clicks "Load more" (time until the next page is drawn).
// A PerformanceObserver counts long tasks (> 50 ms on the main thread) over each run. Also
// reports the JavaScript the first load of the list fetched, raw and gzipped. Prints p50/p95 in
// milliseconds; nothing is asserted (numbers for a person to read, see CONTRIBUTING.md).

import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { chromium } from "@playwright/test";
import { SIGN_IN_OPTIONS, signInBrowser, startServer, stopServer } from "./lib/serve.mjs";

const { values: args } = parseArgs({
  options: {
    "database-url": { type: "string" },
    "base-url": { type: "string" },
    runs: { type: "string", default: "7" },
    ...SIGN_IN_OPTIONS,
  },
});
if (!args["database-url"] && !args["base-url"]) {
  console.error("usage: node bench/spa_pilots_list.mjs --database-url URL | --base-url URL");
  process.exit(2);
}

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

/** Counts main-thread tasks over 50 ms from the first script on. */
const LONG_TASKS = () => {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__longTasks.push(entry.duration);
  }).observe({ type: "longtask", buffered: true });
};

/** Waits (each animation frame) until `done(arg)` holds in the page; returns performance.now(). */
async function until(page, done, arg) {
  await page.waitForFunction(done, arg, { polling: "raf", timeout: 60_000 });
  return page.evaluate(() => performance.now());
}

/** Every row of the list shows `text` in column `column` (0-based). */
const rowsShow = ([column, text]) => {
  const rows = [...document.querySelectorAll("table tbody tr")];
  return rows.length > 0 && rows.every((r) => r.cells[column]?.textContent?.includes(text));
};

async function main() {
  const server = args["base-url"]
    ? null
    : await startServer({ databaseUrl: args["database-url"] });
  const base = args["base-url"] ?? server.base;
  const browser = await chromium.launch({
    executablePath: args.chromium,
    args: ["--no-sandbox", "--disable-gpu"],
  });
  try {
    // Sign in once; every run reuses the session in a fresh page (cold JS and query caches).
    const { storageState, workspaceId } = await signInBrowser(browser, base, args);
    const listUrl = `/w/${workspaceId}/pilots`;

    const timings = {
      first: [],
      apiStart: [],
      apiTime: [],
      stage: [],
      health: [],
      search: [],
      more: [],
      longTasks: [],
    };
    let scripts = null;
    const runs = Number(args.runs);
    for (let run = 0; run <= runs; run++) {
      const context = await browser.newContext({
        baseURL: base,
        storageState,
        viewport: { width: 1280, height: 800 },
      });
      await context.addInitScript(LONG_TASKS);
      const page = await context.newPage();
      const js = new Map();
      page.on("response", async (response) => {
        if (response.request().resourceType() !== "script") return;
        try {
          js.set(response.url(), await response.body());
        } catch {
          // a navigation cancelled it
        }
      });

      await page.goto(listUrl, { waitUntil: "commit" });
      const first = await until(page, () =>
        Boolean(document.querySelector("table tbody tr td a")),
      );
      // Where the first rows' time went: the list request itself (resource timing).
      const api = await page.evaluate(() => {
        const entry = performance
          .getEntriesByType("resource")
          .find((e) => /\/pilots\?/.test(e.name) && !e.name.includes("cursor="));
        return entry ? [entry.startTime, entry.responseEnd] : [Number.NaN, Number.NaN];
      });
      if (scripts === null) {
        await page.waitForLoadState("networkidle");
        scripts = [...js.entries()].map(([url, body]) => ({
          url: new URL(url).pathname,
          raw: body.length,
          gzip: gzipSync(body, { level: 9 }).length,
        }));
      }

      const time = async (act, done, arg) => {
        const t0 = await page.evaluate(() => performance.now());
        await act();
        return (await until(page, done, arg)) - t0;
      };
      const stage = await time(
        () => page.getByLabel("Stage").selectOption("running"),
        rowsShow,
        [1, "Running"],
      );
      const health = await time(
        () => page.getByLabel("Health").selectOption("at_risk"),
        rowsShow,
        [2, "At risk"],
      );
      await page.goto(listUrl);
      await until(page, () => Boolean(document.querySelector("table tbody tr td a")));
      const search = await time(
        () => page.getByLabel("Search").fill("kitting"),
        ([column, text]) =>
          new URLSearchParams(location.search).get("q") === "kitting" &&
          [...document.querySelectorAll("table tbody tr")].length > 0 &&
          [...document.querySelectorAll("table tbody tr")].every((r) =>
            r.cells[column]?.textContent?.toLowerCase().includes(text),
          ),
        [0, "kitting"],
      );
      await page.goto(listUrl);
      await until(page, () => document.querySelectorAll("table tbody tr").length === 25);
      const more = await time(
        () => page.getByRole("button", { name: "Load more" }).click(),
        () => document.querySelectorAll("table tbody tr").length === 50,
      );
      const longTasks = await page.evaluate(() => window.__longTasks.length);
      await context.close();
      if (run === 0) continue; // warm-up: the server's caches and Python imports
      timings.first.push(first);
      timings.apiStart.push(api[0]);
      timings.apiTime.push(api[1] - api[0]);
      timings.stage.push(stage);
      timings.health.push(health);
      timings.search.push(search);
      timings.more.push(more);
      timings.longTasks.push(longTasks);
    }

    const pilots = await (async () => {
      const context = await browser.newContext({ baseURL: base, storageState });
      const response = await context.request.get(
        `/api/v1/workspaces/${workspaceId}/portfolio`,
      );
      const body = response.ok() ? await response.json() : null;
      await context.close();
      return body?.totals?.pilots ?? "?";
    })();
    const row = (label, values) =>
      `| ${label} | ${percentile(values, 50).toFixed(0)} | ${percentile(values, 95).toFixed(0)} |`;
    console.log(`SPA pilots list, ${pilots} pilots in the workspace, ${runs} runs (+1 warm-up)\n`);
    console.log("| step | p50 ms | p95 ms |\n|---|---:|---:|");
    console.log(row("open the list → first rows (from navigation start)", timings.first));
    console.log(row("  of which: the list request starts at", timings.apiStart));
    console.log(row("  of which: the list request (GET /pilots?limit=25) takes", timings.apiTime));
    console.log(row("Stage filter → filtered rows", timings.stage));
    console.log(row("Health filter → filtered rows", timings.health));
    console.log(row("text search (typed, 350 ms pause included) → URL + list", timings.search));
    console.log(row("Load more → 50 rows", timings.more));
    console.log(
      `\nlong tasks (> 50 ms) per run: ${timings.longTasks.join(", ")} (max ${Math.max(...timings.longTasks)})`,
    );
    const total = scripts.reduce((s, f) => ({ raw: s.raw + f.raw, gzip: s.gzip + f.gzip }), {
      raw: 0,
      gzip: 0,
    });
    console.log(
      `\nJavaScript fetched by the first load of the list: ${scripts.length} files, ` +
        `${(total.raw / 1024).toFixed(1)} KB raw, ${(total.gzip / 1024).toFixed(1)} KB gzipped`,
    );
    for (const f of scripts.sort((a, b) => b.gzip - a.gzip)) {
      console.log(`  ${(f.gzip / 1024).toFixed(1).padStart(6)} KB gz  ${f.url}`);
    }
  } finally {
    await browser.close();
    if (server) await stopServer(server.child);
  }
}

await main();
