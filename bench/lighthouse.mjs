// Lighthouse (performance) on the portfolio page, mobile and desktop, in Debian's Chromium.
//
//   npm run --silent build
//   .venv/bin/python bench/seed.py --database-url sqlite:////tmp/h18f/b.db --pilots 10000
//   node bench/lighthouse.mjs --database-url sqlite:////tmp/h18f/b.db [--checkout DIR --dist DIR]
//
// Starts `pilotboard serve` (the checkout's backend, serving its built SPA), signs in as
// bench@bench.local over the API and hands the session cookie to Lighthouse, then runs
// Lighthouse's performance category on the Bench workspace's portfolio with its mobile preset
// (simulated slow 4G and 4× CPU slowdown) and its desktop preset, `--runs` times each. Prints each
// run's score, LCP, TBT, CLS and FCP, and the median score. Nothing is asserted.

import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const { values: args } = parseArgs({
  options: {
    "database-url": { type: "string" },
    checkout: { type: "string", default: ROOT },
    dist: { type: "string" },
    runs: { type: "string", default: "3" },
    email: { type: "string", default: "bench@bench.local" },
    password: { type: "string", default: "bench-password-123" },
    workspace: { type: "string", default: "Bench" },
    chromium: { type: "string", default: "/usr/bin/chromium" },
  },
});
if (!args["database-url"]) {
  console.error("usage: node bench/lighthouse.mjs --database-url URL [--checkout DIR] [--dist DIR]");
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
        PILOTBOARD_VAR_DIR: mkdtempSync(join(tmpdir(), "pilotboard-lh-")),
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
  throw new Error("the server did not start");
}

/** Signs in over the API: the session cookie(s) and the workspace's portfolio URL. */
async function signIn(base) {
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: args.email, password: args.password }),
  });
  if (!login.ok) throw new Error(`sign-in failed: ${login.status}`);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const me = await (await fetch(`${base}/api/v1/auth/me`, { headers: { cookie } })).json();
  const ws = me.memberships.find((m) => m.workspace_name === args.workspace) ?? me.memberships[0];
  return { cookie, url: `${base}/w/${ws.workspace_id}/portfolio` };
}

const median = (values) => {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

async function main() {
  const checkout = resolve(args.checkout);
  const dist = resolve(args.dist ?? join(checkout, "frontend/dist"));
  const { base, child } = await startServer(checkout, dist);
  const chrome = await chromeLauncher.launch({
    chromePath: args.chromium,
    chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu"],
  });
  try {
    const { cookie, url } = await signIn(base);
    console.log(`${url} (${checkout}, ${dist})`);
    for (const [name, config] of [
      ["mobile", undefined],
      ["desktop", desktopConfig],
    ]) {
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
    child.kill();
  }
}

await main();
