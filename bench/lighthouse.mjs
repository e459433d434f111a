// Lighthouse (performance) on the portfolio page, mobile and desktop, in Debian's Chromium.
//
//   npm run --silent build
//   .venv/bin/python bench/seed.py --database-url sqlite:////tmp/h18f/b.db --pilots 10000
//   node bench/lighthouse.mjs --database-url sqlite:////tmp/h18f/b.db [--checkout DIR --dist DIR]
//
// Starts `pilotboard serve` (the checkout's backend, serving its built SPA), signs in as
// bench@bench.local over the API (both in bench/lib/serve.mjs) and hands the session cookie to Lighthouse, then runs
// Lighthouse's performance category on the Bench workspace's portfolio with its mobile preset
// (simulated slow 4G and 4× CPU slowdown) and its desktop preset, `--runs` times each. Prints each
// run's score, LCP, TBT, CLS and FCP, and the median score. Nothing is asserted. `--preset mobile`
// runs one preset only; `--save DIR` keeps each run's full report (JSON) and its trace
// for a closer look.

import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";
import { ROOT, SIGN_IN_OPTIONS, signIn, startServer, stopServer } from "./lib/serve.mjs";

const { values: args } = parseArgs({
  options: {
    "database-url": { type: "string" },
    checkout: { type: "string", default: ROOT },
    dist: { type: "string" },
    runs: { type: "string", default: "3" },
    // Only one preset ("mobile" or "desktop"); both when left out.
    preset: { type: "string" },
    // A directory for each run's full report and trace (<preset>-<run>.json, .trace.json).
    save: { type: "string" },
    ...SIGN_IN_OPTIONS,
  },
});
if (!args["database-url"]) {
  console.error("usage: node bench/lighthouse.mjs --database-url URL [--checkout DIR] [--dist DIR]");
  process.exit(2);
}

const median = (values) => {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

async function main() {
  const checkout = resolve(args.checkout);
  const dist = resolve(args.dist ?? join(checkout, "frontend/dist"));
  const { base, child } = await startServer({
    databaseUrl: args["database-url"],
    checkout,
    dist,
    timeoutMs: 120_000,
  });
  const chrome = await chromeLauncher.launch({
    chromePath: args.chromium,
    chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu"],
  });
  try {
    const { cookie, workspaceId } = await signIn(base, args);
    const url = `${base}/w/${workspaceId}/portfolio`;
    console.log(`${url} (${checkout}, ${dist})`);
    const presets = [
      ["mobile", undefined],
      ["desktop", desktopConfig],
    ].filter(([name]) => !args.preset || args.preset === name);
    if (args.save) mkdirSync(args.save, { recursive: true });
    for (const [name, config] of presets) {
      const scores = [];
      for (let run = 1; run <= Number(args.runs); run++) {
        const result = await lighthouse(
          url,
          {
            port: chrome.port,
            output: "json",
            logLevel: "error",
            onlyCategories: ["performance"],
            extraHeaders: { Cookie: cookie },
          },
          config,
        );
        const lhr = result.lhr;
        if (args.save) {
          writeFileSync(join(args.save, `${name}-${run}.json`), JSON.stringify(lhr));
          const trace = result.artifacts?.Trace;
          if (trace) writeFileSync(join(args.save, `${name}-${run}.trace.json`), JSON.stringify(trace));
        }
        const audit = (id) => lhr.audits[id]?.displayValue ?? "—";
        const score = lhr.categories.performance.score ?? 0;
        scores.push(score);
        console.log(
          `${name} run ${run}: ${score.toFixed(2)} · FCP ${audit("first-contentful-paint")} · LCP ${audit("largest-contentful-paint")} · TBT ${audit("total-blocking-time")} · CLS ${audit("cumulative-layout-shift")}`,
        );
      }
      console.log(`${name}: median ${median(scores).toFixed(2)}, min ${Math.min(...scores).toFixed(2)}`);
    }
  } finally {
    await chrome.kill();
    await stopServer(child);
  }
}

await main();
