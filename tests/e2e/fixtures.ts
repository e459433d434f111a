import { mkdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { test as base, expect, type Page } from "@playwright/test";
import axe from "axe-core";

export { expect };

export const SCREENSHOT_DIR = fileURLToPath(
  new URL("../../artifacts/screenshots/", import.meta.url),
);

export const DESKTOP = { width: 1280, height: 800 } as const;
export const PHONE = { width: 390, height: 844 } as const;

type Violation = axe.Result;

function formatViolations(violations: Violation[]): string {
  return violations
    .map((v) => {
      const targets = v.nodes.map(
        (node) => `    - ${node.target.join(" ")}: ${node.failureSummary ?? ""}`,
      );
      return `  [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${targets.join("\n")}`;
    })
    .join("\n");
}

const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

/**
 * Runs axe on the page as it is and fails on any serious or critical violation. `contrastOnly`
 * limits the run to the colour-contrast rule, for a second theme over the same markup.
 *
 * axe-core is put into the page once per document and run there directly (the app has no
 * frames), asking only for violations: @axe-core/playwright would inject it again on every call,
 * open a blank page to merge frame results, and describe every passing node too.
 */
export async function expectAccessible(
  page: Page,
  label: string,
  { contrastOnly = false }: { contrastOnly?: boolean } = {},
): Promise<void> {
  const loaded = await page.evaluate(
    () => typeof (window as { axe?: { run?: unknown } }).axe?.run === "function",
  );
  if (!loaded) await page.evaluate(axe.source);
  const options: axe.RunOptions = {
    resultTypes: ["violations"],
    runOnly: contrastOnly
      ? { type: "rule", values: ["color-contrast"] }
      : { type: "tag", values: WCAG_TAGS },
  };
  const violations = await page.evaluate(
    async (runOptions) =>
      (await (window as unknown as { axe: typeof axe }).axe.run(document, runOptions)).violations,
    options,
  );
  const blocking = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  if (blocking.length > 0) {
    console.log(`axe violations on ${label}:\n${formatViolations(blocking)}`);
  }
  expect(
    blocking.map((v) => `${v.id} (${v.impact}): ${v.nodes.length} node(s)`),
    `axe found serious or critical violations on ${label}`,
  ).toEqual([]);
}

/** Fails when the page scrolls sideways, i.e. something is wider than the viewport. */
export async function expectNoHorizontalScroll(page: Page, label: string): Promise<void> {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, `${label} scrolls horizontally by ${overflow}px`).toBeLessThanOrEqual(0);
}

async function capture(page: Page, file: string): Promise<void> {
  await page.screenshot({
    path: `${SCREENSHOT_DIR}${file}.png`,
    fullPage: true,
    animations: "disabled",
  });
}

/**
 * Checks the page the test is on, as a person would see it: at 1280×800 and at 390×844 in the
 * light theme, and at 1280×800 in the dark theme. Saves a full-page screenshot of each to
 * artifacts/screenshots/ (<name>.png, <name>-mobile.png, <name>-dark.png). axe runs every rule at
 * both sizes; the dark theme shares the markup of the light one, so its pass checks contrast.
 * Restores the desktop viewport and light theme afterwards.
 */
const VIEWPORTS = [
  ["", DESKTOP],
  ["-mobile", PHONE],
] as const;

export async function inspectPage(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const suffix = scheme === "dark" ? "-dark" : "";
    const sizes = scheme === "dark" ? ([["", DESKTOP]] as const) : VIEWPORTS;
    for (const [viewport, size] of sizes) {
      await page.setViewportSize(size);
      const label = `${name}${suffix}${viewport} (${size.width}×${size.height})`;
      await expectNoHorizontalScroll(page, label);
      await capture(page, `${name}${suffix}${viewport}`);
      await expectAccessible(page, label, { contrastOnly: scheme === "dark" });
    }
  }
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize(DESKTOP);
}

/** People created by serve.sh before the server starts. */
export const PASSWORD = "e2e-password-123";
export const ADMIN = { email: "admin@e2e.local", name: "Ada Admin" } as const;
export const VIEWER = { email: "viewer@e2e.local", name: "Vic Viewer" } as const;
/**
 * Two more people, only for the onboarding story in accounts.spec.ts, which needs someone in no
 * workspace at all. Spec files run in parallel workers, so no other spec may sign them in.
 */
export const NEWCOMER = { email: "newcomer@e2e.local", name: "Nina Newcomer" } as const;
export const GUEST = { email: "guest@e2e.local", name: "Gus Guest" } as const;

/** The demo workspace's people (backend/pilotboard/demo/cast.py), loaded by serve.sh. */
export const DEMO_PASSWORD = "pilotboard-demo";
export const DEMO_EXEC = { email: "exec@demo.local", password: DEMO_PASSWORD } as const;
export const DEMO_EDITOR = { email: "editor@demo.local", password: DEMO_PASSWORD } as const;
export const DEMO_ADMIN = { email: "admin@demo.local", password: DEMO_PASSWORD } as const;
export const DEMO_VIEWER = { email: "viewer@demo.local", password: DEMO_PASSWORD } as const;

type Person = { readonly email: string; readonly password?: string };

/**
 * The people whose session auth.setup.ts opens once per run, for `signInAs`. NEWCOMER and GUEST
 * are not among them: accounts.spec.ts signs them in through the page.
 */
export const SESSIONS: readonly Person[] = [
  ADMIN,
  VIEWER,
  DEMO_EXEC,
  DEMO_EDITOR,
  DEMO_ADMIN,
  DEMO_VIEWER,
];

/** Where auth.setup.ts keeps a person's signed-in state (set in playwright.config.ts). */
export function sessionFile(person: Person): string {
  const dir = process.env.PILOTBOARD_E2E_AUTH_DIR ?? join(tmpdir(), "pilotboard-e2e-auth");
  return join(dir, `${person.email}.json`);
}

/** Signs in through the real sign-in page, the way a person would. */
export async function signIn(page: Page, email: string, password = PASSWORD): Promise<void> {
  if (!page.url().includes("/login")) await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

/**
 * Gives the page's browser context the session auth.setup.ts opened for `person` once per run
 * (its cookies), instead of signing in through the page again. The page stays where it is: go
 * to "/" to land where the person lands after signing in. Every test signed in this way shares
 * that one server session, so none may sign it out; a test about signing in uses `signIn`.
 */
export async function signInAs(page: Page, person: Person): Promise<void> {
  const state = JSON.parse(readFileSync(sessionFile(person), "utf8")) as {
    cookies: Parameters<ReturnType<Page["context"]>["addCookies"]>[0];
  };
  await page.context().addCookies(state.cookies);
}

export const test = base.extend<{
  /** Screenshot + accessibility + no-horizontal-scroll check of the current page. */
  inspect: (name: string) => Promise<void>;
}>({
  inspect: async ({ page }, use) => {
    await use((name) => inspectPage(page, name));
  },
});
