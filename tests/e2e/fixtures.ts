import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";

export { expect };

export const SCREENSHOT_DIR = fileURLToPath(
  new URL("../../artifacts/screenshots/", import.meta.url),
);

export const DESKTOP = { width: 1280, height: 800 } as const;
export const PHONE = { width: 390, height: 844 } as const;

type Violation = Awaited<ReturnType<AxeBuilder["analyze"]>>["violations"][number];

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

/**
 * Runs axe on the page as it is and fails on any serious or critical violation. `contrastOnly`
 * limits the run to the colour-contrast rule, for a second theme over the same markup.
 */
export async function expectAccessible(
  page: Page,
  label: string,
  { contrastOnly = false }: { contrastOnly?: boolean } = {},
): Promise<void> {
  const builder = new AxeBuilder({ page });
  const results = await (contrastOnly
    ? builder.withRules(["color-contrast"])
    : builder.withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"])
  ).analyze();
  const blocking = results.violations.filter(
    (v) => v.impact === "serious" || v.impact === "critical",
  );
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

/** Signs in through the real sign-in page, the way a person would. */
export async function signIn(page: Page, email: string, password = PASSWORD): Promise<void> {
  if (!page.url().includes("/login")) await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

export const test = base.extend<{
  /** Screenshot + accessibility + no-horizontal-scroll check of the current page. */
  inspect: (name: string) => Promise<void>;
}>({
  inspect: async ({ page }, use) => {
    await use((name) => inspectPage(page, name));
  },
});
