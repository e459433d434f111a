import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig, devices } from "@playwright/test";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const port = process.env.PILOTBOARD_E2E_PORT ?? "8123";
const baseURL = `http://127.0.0.1:${port}`;

// The app sends its mail to a real SMTP server that serve.sh starts beside it, which writes each
// message into this Maildir; tests/e2e/mailbox.ts reads it. Set here, in the environment that the
// web server and the test workers inherit, so they agree on both.
process.env.PILOTBOARD_E2E_SMTP_PORT ??= String(Number(port) + 1);
process.env.PILOTBOARD_E2E_MAILDIR ??= join(tmpdir(), `pilotboard-e2e-mail-${port}`);
// The sessions auth.setup.ts opens once per run, one file per person (fixtures.ts, `signInAs`).
process.env.PILOTBOARD_E2E_AUTH_DIR ??= join(tmpdir(), `pilotboard-e2e-auth-${port}`);

const chromium = {
  ...devices["Desktop Chrome"],
  viewport: { width: 1280, height: 800 },
  // Debian's Chromium; never download Playwright's own browser builds.
  launchOptions: {
    executablePath: "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  },
};

export default defineConfig({
  testDir: ".",
  testMatch: "**/*.spec.ts",
  outputDir: `${repoRoot}test-results`,
  // Spec files run in two workers; tests inside a file stay in order, unless the file says its
  // tests are independent (`test.describe.configure({ mode: "parallel" })`), and then each goes to
  // whichever worker is free. Specs share one server and database, so each works in workspaces
  // it creates and never counts on being first.
  fullyParallel: false,
  workers: Number(process.env.PILOTBOARD_E2E_WORKERS ?? 2),
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["html", { outputFolder: `${repoRoot}playwright-report`, open: "never" }]],
  use: {
    baseURL,
    viewport: { width: 1280, height: 800 },
    colorScheme: "light",
    locale: "en-GB",
    timezoneId: "UTC",
    // A failed test keeps its trace: every action with the DOM before and after it. Without the
    // screencast, whose frames cost the busy CI machine about a fifth of the run.
    trace: { mode: "retain-on-failure", screenshots: false },
    screenshot: "only-on-failure",
  },
  projects: [
    // Opens each person's session once, through the API, before any spec runs.
    { name: "setup", testMatch: "auth.setup.ts", use: chromium },
    { name: "chromium", use: chromium, dependencies: ["setup"] },
  ],
  webServer: {
    command: "bash tests/e2e/serve.sh",
    cwd: repoRoot,
    url: `${baseURL}/api/v1/health`,
    reuseExistingServer: false,
    // Migrations, the e2e people and the demo workspace come first; allow for a busy machine.
    timeout: 180_000,
    stdout: "ignore",
    stderr: "pipe",
  },
});
