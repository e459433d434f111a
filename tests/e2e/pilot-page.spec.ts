import { mkdirSync } from "node:fs";
import type { Page } from "@playwright/test";
import {
  DEMO_EDITOR,
  expect,
  expectAccessible,
  expectNoHorizontalScroll,
  signInAs,
  test,
} from "./fixtures";
import { api } from "./pilot-api";

// Each test reads its own demo pilot: they may run at the same time in two workers.
test.describe.configure({ mode: "parallel" });

/**
 * The pilot page leads with what the stage needs (issue #16, item 1), on the demo workspace that
 * serve.sh loads: a scale review shows its evidence next to the decision, the folded sections
 * keep a phone page short, closed pilots show their outcome, a metric's first edit goes through
 * with the list item's version, and `?log=iteration` opens the form.
 */
const GREENLEAF = "Chosen delivery windows for Greenleaf Pharmacies";
const ST_AGNES = "Vendor-managed inventory at St. Agnes Hospital";
const SHOTS = process.env.PILOT_SHOTS_DIR ?? "/tmp/hpilot2/shots/";
const LARGE = { width: 1440, height: 900 } as const;
const PHONE = { width: 390, height: 844 } as const;

type PilotItem = { id: string; title: string; stage: string; stop_reason?: string | null };

async function workspaceId(page: Page): Promise<string> {
  const me = await api<{ memberships: { workspace_id: string; workspace_name: string }[] }>(
    page,
    "GET",
    "/auth/me",
  );
  return me.memberships[0]?.workspace_id ?? "";
}

async function pilots(page: Page, ws: string, query = ""): Promise<PilotItem[]> {
  const list = await api<{ items: PilotItem[] }>(
    page,
    "GET",
    `/workspaces/${ws}/pilots?limit=200${query}`,
  );
  return list.items;
}

async function pilotNamed(page: Page, ws: string, title: string): Promise<PilotItem> {
  const found = (await pilots(page, ws, `&q=${encodeURIComponent(title)}`)).find(
    (p) => p.title === title,
  );
  expect(found, title).toBeTruthy();
  return found as PilotItem;
}

/** The ids of the page's folding sections, in the order shown. */
const sectionOrder = (page: Page) =>
  page.locator("main section[id]").evaluateAll((nodes) => nodes.map((n) => n.id));

/** Resolves once the page has laid itself out for a new viewport (two animation frames). */
async function laidOut(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) =>
        requestAnimationFrame(() => requestAnimationFrame(() => resolve())),
      ),
  );
}

async function shoot(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  for (const [suffix, size] of [
    ["", LARGE],
    ["-phone", PHONE],
  ] as const) {
    await page.setViewportSize(size);
    await laidOut(page);
    await expectNoHorizontalScroll(page, `${name}${suffix}`);
    await page.screenshot({ path: `${SHOTS}${name}${suffix}.png`, fullPage: true });
  }
  await page.setViewportSize(LARGE);
}

/** The page's full height at phone width, every section in the state it opens in. */
async function phoneHeight(page: Page): Promise<number> {
  await page.setViewportSize(PHONE);
  await laidOut(page);
  return page.evaluate(() => document.documentElement.scrollHeight);
}

let ws = "";
const errors: string[] = [];

test.beforeEach(async ({ page }) => {
  await signInAs(page, DEMO_EDITOR);
  ws = await workspaceId(page);
  // From here on, nothing may log an error.
  errors.length = 0;
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
});

test.afterEach(() => {
  expect(errors, "no console error").toEqual([]);
});

test("St. Agnes on a phone: height of the page as it opens", async ({ page }) => {
  const agnes = await pilotNamed(page, ws, ST_AGNES);
  await page.goto(`/w/${ws}/pilots/${agnes.id}`);
  await expect(page.getByRole("heading", { level: 1, name: ST_AGNES })).toBeVisible();
  await expect(page.getByText("Loading…")).toHaveCount(0);
  const height = await phoneHeight(page);
  console.log(`St. Agnes (${agnes.stage}) phone page height: ${height}px`);
  expect(height).toBeLessThan(6000);
});

test("a scale review leads with the evidence next to the decision", async ({ page }) => {
  const greenleaf = await pilotNamed(page, ws, GREENLEAF);
  expect(greenleaf.stage).toBe("scale_review");
  await page.goto(`/w/${ws}/pilots/${greenleaf.id}`);
  await expect(page.getByRole("heading", { level: 1, name: GREENLEAF })).toBeVisible();

  const order = await sectionOrder(page);
  expect(order.slice(0, 4)).toEqual(["metrics", "decisions", "customer-voice", "iterations"]);
  const nav = page.getByRole("navigation", { name: "Sections" }).getByRole("link");
  await expect(nav).toHaveText([
    "Metrics",
    "Decisions",
    "Customer voice",
    "Iterations",
    "Scale plan",
    "Departments",
    "Candidates",
    "Practices",
    "Discussion",
  ]);
  await expect(page.getByRole("button", { name: "Metrics", exact: true })).toHaveAttribute(
    "aria-expanded",
    "true",
  );
  const candidates = page.getByRole("button", { name: "Candidates", exact: true });
  await expect(candidates).toHaveAttribute("aria-expanded", "false");
  await expect(page.getByText("Revenue at stake:")).toBeVisible();
  await expect(page.getByText("Budget:")).toBeVisible();

  // Unfold by keyboard; the choice survives a reload.
  await candidates.focus();
  await page.keyboard.press("Enter");
  await expect(candidates).toHaveAttribute("aria-expanded", "true");
  await page.reload();
  await expect(page.getByRole("button", { name: "Candidates", exact: true })).toHaveAttribute(
    "aria-expanded",
    "true",
  );
  await page.getByRole("button", { name: "Candidates", exact: true }).click();

  // The nav opens a folded section it goes to.
  await page
    .getByRole("navigation", { name: "Sections" })
    .getByRole("link", { name: "Scale plan" })
    .click();
  await expect(page.getByRole("button", { name: "Scale plan", exact: true })).toHaveAttribute(
    "aria-expanded",
    "true",
  );
  await page.getByRole("button", { name: "Scale plan", exact: true }).click();

  // The practices panel folds like the others.
  await page
    .getByRole("navigation", { name: "Sections" })
    .getByRole("link", { name: "Practices" })
    .click();
  const practices = page.locator("section#practices");
  await expect(practices.getByRole("heading", { name: "Practices" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Practices", exact: true })).toHaveAttribute(
    "aria-expanded",
    "true",
  );
  await practices.screenshot({ path: `${SHOTS}practices-open.png` });
  await page.getByRole("button", { name: "Practices", exact: true }).click();
  await expect(page.getByRole("button", { name: "Practices", exact: true })).toHaveAttribute(
    "aria-expanded",
    "false",
  );
  await page.evaluate(() => window.scrollTo(0, 0));

  await expectAccessible(page, "pilot page in scale review");
  await shoot(page, "scale-review");
});

test("pilots in other stages lead with what their stage needs", async ({ page }) => {
  const all = await pilots(page, ws);
  const firstIn = (stage: string) => all.find((p) => p.stage === stage);
  const expected: Record<string, string> = {
    selecting: "candidates",
    proposed: "candidates",
    running: "iterations",
    scaling: "scale-plan",
    adopted: "decisions",
    stopped: "decisions",
  };
  for (const [stage, first] of Object.entries(expected)) {
    const pilot = firstIn(stage);
    if (!pilot) continue;
    await page.goto(`/w/${ws}/pilots/${pilot.id}`);
    await expect(page.getByRole("heading", { level: 1, name: pilot.title })).toBeVisible();
    expect((await sectionOrder(page))[0], `${stage}: ${pilot.title}`).toBe(first);
    if (stage === "stopped" || stage === "adopted") {
      const outcome = page.getByRole("region", { name: "Outcome" });
      await expect(outcome).toContainText(stage === "stopped" ? "Why it stopped:" : "Adopted on");
      await expect(page.getByRole("region", { name: "Health" })).toHaveCount(0);
    }
    await shoot(page, `stage-${stage}`);
  }
});

test("a closed demo pilot shows its outcome in the list, not a health badge", async ({ page }) => {
  const stopped = (await pilots(page, ws, "&stage=stopped"))[0];
  expect(stopped?.stop_reason).toBeTruthy();
  await page.goto(`/w/${ws}/pilots?stage=stopped`);
  const row = page.getByRole("row").filter({ hasText: stopped?.title ?? "" });
  await expect(row.getByText(/^Stopped/).first()).toBeVisible();
  await expect(row.getByText("On track")).toHaveCount(0);
  await shoot(page, "list-stopped");
  const adopted = (await pilots(page, ws, "&stage=adopted"))[0];
  await page.goto(`/w/${ws}/pilots?stage=adopted`);
  const adoptedRow = page.getByRole("row").filter({ hasText: adopted?.title ?? "" });
  // The stage column says "Adopted" too; the status column shows the outcome badge.
  await expect(adoptedRow.getByText("Adopted", { exact: true })).toHaveCount(2);
  await expect(page.getByRole("row").getByText("On track")).toHaveCount(0);
  await expectAccessible(page, "pilots list of adopted pilots");
});

test("the first edit of a metric sends the list item's version and is not refused", async ({
  page,
}) => {
  const running = (await pilots(page, ws, "&stage=running"))[0] as PilotItem;
  const responses: { status: number; ifMatch: string | undefined }[] = [];
  page.on("response", (r) => {
    if (/\/metrics\/[^/]+$/.test(r.url()) && r.request().method() === "PATCH")
      responses.push({ status: r.status(), ifMatch: r.request().headers()["if-match"] });
  });
  await page.goto(`/w/${ws}/pilots/${running.id}`);
  const metrics = page.locator("section#metrics");
  await expect(metrics.getByRole("button", { name: /^Edit/ }).first()).toBeVisible();
  await metrics.getByRole("button", { name: /^Edit/ }).first().click();
  const dialog = page.getByRole("dialog");
  const name = dialog.getByLabel("Name", { exact: true });
  await name.fill(`${await name.inputValue()} (per ward)`);
  await dialog.getByRole("button", { name: /^Save/ }).click();
  await expect(dialog).toHaveCount(0);
  expect(responses).toHaveLength(1);
  expect(responses[0]?.status).toBe(200);
  expect(responses[0]?.ifMatch).toMatch(/^"[0-9a-f]{32}"$/);
});

test("?log=iteration opens the log form; closing it leaves the URL", async ({ page }) => {
  const running = (await pilots(page, ws, "&stage=running"))[0] as PilotItem;
  await page.goto(`/w/${ws}/pilots/${running.id}?log=iteration`);
  const dialog = page.getByRole("dialog", { name: "Log iteration" });
  await expect(dialog).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await expect(page).not.toHaveURL(/log=iteration/);
});
