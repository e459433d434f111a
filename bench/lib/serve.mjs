// What the browser benchmarks share: a `pilotboard serve` of their own on a seeded database, and
// a signed-in session as seed.py's admin (bench@bench.local) in its Bench workspace.
//
//   import { signIn, signInBrowser, startServer, stopServer } from "./lib/serve.mjs";
//   const { base, child } = await startServer({ databaseUrl, checkout, dist });
//   const { cookie, workspaceId } = await signIn(base);               // over the API
//   const { storageState, workspaceId } = await signInBrowser(browser, base);  // through /login
//   await stopServer(child);

import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository this script lives in: its virtualenv runs every server. */
export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** seed.py's admin and workspace: the options every browser benchmark takes. */
export const SIGN_IN_OPTIONS = {
  email: { type: "string", default: "bench@bench.local" },
  password: { type: "string", default: "bench-password-123" },
  workspace: { type: "string", default: "Bench" },
  chromium: { type: "string", default: "/usr/bin/chromium" },
};

/** A TCP port nobody listens on right now. */
export function freePort() {
  return new Promise((done) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

/**
 * Starts `pilotboard serve` on `databaseUrl` and waits until /api/v1/health answers. With
 * `checkout`, that checkout's backend runs (PYTHONPATH=<checkout>/backend); with `dist`, it serves
 * that built SPA (PILOTBOARD_SPA_DIR); without them, this repository's. Returns the base URL and
 * the child process (see stopServer).
 */
export async function startServer({ databaseUrl, checkout, dist, timeoutMs = 60_000 }) {
  const port = await freePort();
  const env = {
    ...process.env,
    PILOTBOARD_ENV: "development",
    PILOTBOARD_DATABASE_URL: databaseUrl,
    PILOTBOARD_VAR_DIR: mkdtempSync(join(tmpdir(), "pilotboard-bench-")),
    PILOTBOARD_LOG_LEVEL: "warning",
    // The daily jobs run once a day; at the start of a measured run they would re-evaluate
    // every pilot's health (seconds at 50,000) while the page loads.
    PILOTBOARD_BACKGROUND_JOBS: "false",
  };
  if (checkout) env.PYTHONPATH = join(checkout, "backend");
  if (dist) env.PILOTBOARD_SPA_DIR = dist;
  const child = spawn(
    join(ROOT, ".venv/bin/pilotboard"),
    ["serve", "--host", "127.0.0.1", "--port", String(port)],
    { env, stdio: ["ignore", "ignore", "inherit"] },
  );
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      if ((await fetch(`${base}/api/v1/health`)).ok) return { base, child };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill();
  throw new Error(`the server (${checkout ?? ROOT}, ${dist ?? "its own SPA"}) did not start`);
}

/** Stops a server from startServer and waits until it has exited. */
export function stopServer(child) {
  return new Promise((done) => {
    if (child.exitCode !== null) return done();
    child.once("exit", done);
    child.kill("SIGTERM");
  });
}

/** The membership of the named workspace (else the first) in a /auth/me answer. */
function workspaceOf(me, name) {
  return me.memberships.find((m) => m.workspace_name === name) ?? me.memberships[0];
}

/**
 * Signs in over the API. Returns the session cookie(s) as a Cookie header and the workspace's id,
 * for tools that drive their own browser (Lighthouse).
 */
export async function signIn(
  base,
  { email = "bench@bench.local", password = "bench-password-123", workspace = "Bench" } = {},
) {
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  if (!login.ok) throw new Error(`sign-in failed: ${login.status}`);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const me = await (await fetch(`${base}/api/v1/auth/me`, { headers: { cookie } })).json();
  return { cookie, workspaceId: workspaceOf(me, workspace).workspace_id };
}

/**
 * Signs in through the sign-in page in a Playwright browser, the way a person does. Returns the
 * session as `storageState` (for fresh contexts: cold JS and query caches, same session) and the
 * workspace's id.
 */
export async function signInBrowser(
  browser,
  base,
  { email = "bench@bench.local", password = "bench-password-123", workspace = "Bench" } = {},
) {
  const context = await browser.newContext({ baseURL: base });
  try {
    const page = await context.newPage();
    await page.goto("/login");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => !url.pathname.includes("/login"));
    const me = await (await page.request.get("/api/v1/auth/me")).json();
    return {
      storageState: await context.storageState(),
      workspaceId: workspaceOf(me, workspace).workspace_id,
    };
  } finally {
    await context.close();
  }
}
