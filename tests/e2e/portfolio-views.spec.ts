import { mkdirSync, writeFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import {
  ADMIN,
  DEMO_EXEC,
  expect,
  expectAccessible,
  expectNoHorizontalScroll,
  PHONE,
  signInAs,
  test,
} from "./fixtures";
import { api, createWorkspace } from "./pilot-api";

// The tests are independent: they may run at the same time in two workers.
test.describe.configure({ mode: "parallel" });

/**
 * The portfolio's charts, print and CSV on the demo workspace (read only: nothing is recorded),
 * and the wizard in a brand-new euro workspace: a department created inline, revenue and budget
 * typed the European way ("10,5").
 */
const SHOTS = process.env.PILOTBOARD_E2E_SHOTS ?? "artifacts/screenshots/portfolio-views/";
const DESKTOP_WIDE = { width: 1440, height: 900 } as const;

async function shot(page: Page, name: string, size: { width: number; height: number }) {
  mkdirSync(SHOTS, { recursive: true });
  await page.setViewportSize(size);
  await expectNoHorizontalScroll(page, `${name} (${size.width}×${size.height})`);
  await page.screenshot({ path: `${SHOTS}${name}-${size.width}.png`, fullPage: true });
}

async function openPortfolio(page: Page): Promise<string> {
  await signInAs(page, DEMO_EXEC);
  // An executive lands on the portfolio.
  await page.goto("/");
  await expect(page).toHaveURL(/\/w\/[0-9a-f-]{36}\/portfolio$/);
  const ws = /\/w\/([0-9a-f-]{36})/.exec(page.url())?.[1] ?? "";
  await expect(page.getByRole("heading", { name: "Risk and outcome" })).toBeVisible();
  return ws;
}

const riskChart = (page: Page) =>
  page.locator("section").filter({ has: page.getByRole("heading", { name: "Risk and outcome" }) });

test("the risk × outcome chart: every mark named and reachable, no two labels overlap", async ({
  page,
}) => {
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" && !m.text().includes("401")) errors.push(m.text());
  });
  await page.setViewportSize(DESKTOP_WIDE);
  await openPortfolio(page);
  for (const size of [DESKTOP_WIDE, PHONE]) {
    await page.setViewportSize(size);
    const chart = riskChart(page);
    const marks = chart.locator("figure a");
    // The chart's code is a chunk of its own: its marks come after the section's heading.
    await expect(marks.first()).toBeVisible();
    const count = await marks.count();
    expect(count).toBeGreaterThan(10);
    for (const name of await marks.evaluateAll((as) => as.map((a) => a.getAttribute("aria-label"))))
      expect(name ?? "").toMatch(/\S.*(risk|lift|target)/);

    // Labels never overlap one another (their rendered boxes, not the layout's estimate).
    const boxes = await chart.locator("[data-bubble-label]").evaluateAll((texts) =>
      texts.map((t) => {
        const r = t.getBoundingClientRect();
        return { x0: r.left, x1: r.right, y0: r.top, y1: r.bottom, text: t.textContent };
      }),
    );
    expect(boxes.length).toBeGreaterThan(size === PHONE ? 4 : 10);
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i] as (typeof boxes)[number];
        const b = boxes[j] as (typeof boxes)[number];
        const overlap =
          a.x0 < b.x1 - 0.5 && b.x0 < a.x1 - 0.5 && a.y0 < b.y1 - 0.5 && b.y0 < a.y1 - 0.5;
        expect(overlap, `"${a.text}" overlaps "${b.text}" at ${size.width}px`).toBe(false);
      }
    }

    // A mark without a label is one Tab away: its tooltip shows on focus.
    await marks.last().focus();
    const tooltip = chart.locator("[data-bubble-tooltip]");
    await expect(tooltip).toBeVisible();
    const title = (await marks.last().getAttribute("aria-label"))?.split(":")[0] ?? "";
    await expect(tooltip).toContainText(title.slice(0, 20));
  }
  await page.setViewportSize(DESKTOP_WIDE);
  await riskChart(page).screenshot({ path: `${SHOTS}risk-chart-1440.png` });
  await page.setViewportSize(PHONE);
  await riskChart(page).screenshot({ path: `${SHOTS}risk-chart-390.png` });
  expect(errors).toEqual([]);
});

test("the department heatmap: health palette, a key, and cells that open the pilots", async ({
  page,
}) => {
  await page.setViewportSize(DESKTOP_WIDE);
  const ws = await openPortfolio(page);
  const heatmap = page.locator("section[aria-labelledby=departments-title]");
  await expect(heatmap.getByRole("list", { name: "Key" })).toContainText("Declined: said no");
  const declined = heatmap.getByRole("link", { name: /declined involvements?\./ }).first();
  const engaged = heatmap.getByRole("link", { name: /engaged involvements?\./ }).first();
  // Declined is shaded as bad, engaged as good: never the same colour.
  const shade = (link: typeof declined) =>
    link.evaluate((a) => getComputedStyle(a.parentElement as Element).backgroundColor);
  expect(await shade(declined)).not.toBe(await shade(engaged));

  // No number wraps on a phone ("20 %" stays on one line).
  await page.setViewportSize(PHONE);
  await heatmap.scrollIntoViewIfNeeded();
  const wrapped = await heatmap.locator("td").evaluateAll((cells) =>
    cells
      .filter((c) => {
        // A text that wraps has more than one line box.
        const walker = document.createTreeWalker(c, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          if (!node.textContent?.trim()) continue;
          const range = document.createRange();
          range.selectNodeContents(node);
          const lines = new Set(Array.from(range.getClientRects(), (r) => Math.round(r.top)));
          if (lines.size > 1) return true;
        }
        return false;
      })
      .map((c) => c.textContent),
  );
  expect(wrapped).toEqual([]);
  await heatmap.screenshot({ path: `${SHOTS}heatmap-390.png` });
  await expectNoHorizontalScroll(page, "portfolio (390)");
  await page.setViewportSize(DESKTOP_WIDE);
  await heatmap.screenshot({ path: `${SHOTS}heatmap-1440.png` });

  const name = (await declined.getAttribute("aria-label"))?.split(":")[0] ?? "";
  await declined.click();
  await expect(page).toHaveURL(
    new RegExp(`/w/${ws}/pilots\\?department=[0-9a-f-]{36}&engagement=declined`),
  );
  // The pilots list opens filtered by that department at that status.
  await expect(page.getByLabel("Department", { exact: true }).locator("option:checked")).toHaveText(
    name,
  );
  await expect(page.getByLabel("Engagement").locator("option:checked")).toHaveText("Declined");
});

test("print: two A4 pages with the charts and their labels; both CSVs", async ({ page }) => {
  await page.setViewportSize(DESKTOP_WIDE);
  const ws = await openPortfolio(page);
  // The screenshots of this page; portfolio.spec.ts runs axe over it (light at both sizes, dark).
  await shot(page, "portfolio", DESKTOP_WIDE);
  await shot(page, "portfolio", PHONE);
  await page.setViewportSize(DESKTOP_WIDE);

  // The menus offer both CSVs and both orientations.
  await page.getByRole("button", { name: "Download CSV" }).click();
  const readable = page.getByRole("menuitem", { name: /CSV for spreadsheets/ });
  const href = (await readable.getAttribute("href")) ?? "";
  expect(href).toContain("labels=true");
  await page.keyboard.press("Escape");
  const human = await (await page.request.get(href)).text();
  expect(human).toContain("Revenue at stake (EUR)");
  expect(human).toMatch(/,(Running|Scale review),(On track|At risk|Stalled),/);
  expect(human).toMatch(/[+-]\d+\.\d %/);
  expect(human).not.toContain("scale_review");
  const machine = await (
    await page.request.get(`/api/v1/workspaces/${ws}/portfolio?format=csv`)
  ).text();
  expect(machine).toContain("scale_review");
  await page.getByRole("button", { name: "Print" }).click();
  await expect(page.getByRole("menuitem", { name: "Print (landscape)" })).toBeVisible();
  await page.keyboard.press("Escape");

  // Chromium's own PDF of the page, with the page size the stylesheet asks for.
  await page.emulateMedia({ media: "print" });
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  const pages = pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? [];
  mkdirSync(SHOTS, { recursive: true });
  writeFileSync(`${SHOTS}portfolio.pdf`, pdf);
  expect(pages.length).toBe(2);
  await page.emulateMedia({ media: "screen" });
});

test("a new euro workspace: the wizard creates a department inline and takes revenue and budget", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signInAs(page, ADMIN);
  const ws = await createWorkspace(page, "Wizard money e2e", { departments: [] });
  await page.setViewportSize(DESKTOP_WIDE);
  await page.goto(`/w/${ws.id}/pilots/new`);
  await page.getByLabel("Title").fill("Kanban bins for Northwind");
  await page.getByLabel("Hypothesis").fill("Kanban bins halve Northwind's stock-outs.");
  await page.getByRole("radio", { name: /Business process/ }).check();
  // "10,5" is ten and a half in a euro workspace; "1.234" would be garbage here: "12abc" is.
  await page.getByLabel(/Budget/).fill("12abc");
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(page.getByText("Enter a number, like 12 or 7,5.")).toBeVisible();
  await page.getByLabel(/Budget/).fill("10,5");
  await page.getByLabel(/Revenue at stake/).fill("250.000,50");
  await shot(page, "wizard-outcome", DESKTOP_WIDE);
  await shot(page, "wizard-outcome", PHONE);
  await expectAccessible(page, "wizard outcome (390)");
  await page.setViewportSize(DESKTOP_WIDE);
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(page).toHaveURL(/\/setup\?step=customer$/);
  // The toast never covers the step's primary action.
  const toast = page.getByRole("status", { name: "Notifications" });
  await expect(toast).toContainText("saved");
  const toastBox = await toast.locator("> div").first().boundingBox();
  const continueBox = await page.getByRole("button", { name: "Continue" }).boundingBox();
  if (toastBox && continueBox) {
    const covers =
      toastBox.x < continueBox.x + continueBox.width &&
      continueBox.x < toastBox.x + toastBox.width &&
      toastBox.y < continueBox.y + continueBox.height &&
      continueBox.y < toastBox.y + toastBox.height;
    expect(covers).toBe(false);
  }
  const pilotPath = new URL(page.url()).pathname.replace(/\/setup$/, "");
  const pilotId = pilotPath.split("/").at(-1) ?? "";

  await page.goto(`${pilotPath}/setup?step=departments`);
  const form = page.getByRole("form", { name: "Add the first department" });
  await expect(form).toBeVisible();
  await shot(page, "wizard-departments-empty", DESKTOP_WIDE);
  await shot(page, "wizard-departments-empty", PHONE);
  await expectAccessible(page, "wizard departments (390)");
  await page.setViewportSize(DESKTOP_WIDE);
  await form.getByLabel("Name").fill("Supply chain");
  await form.getByLabel(/KPI/).fill("Picking cost per order");
  await form.getByRole("button", { name: "Create and invite" }).click();
  const dialog = page.getByRole("dialog", { name: "Invite a department" });
  await expect(dialog.getByLabel("Department")).toHaveValue(/[0-9a-f-]{36}/);
  await dialog.getByLabel("Stake").fill("Tries its automated picking inside the pilot.");
  await dialog.getByRole("button", { name: "Invite department" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText("Supply chain").first()).toBeVisible();
  await shot(page, "wizard-departments", DESKTOP_WIDE);
  await shot(page, "wizard-departments", PHONE);

  const pilot = await api<{ budget: number; revenue_at_stake: number }>(
    page,
    "GET",
    `${ws.path}/pilots/${pilotId}`,
  );
  expect(pilot.budget).toBe(10.5);
  expect(pilot.revenue_at_stake).toBe(250000.5);
  await page.setViewportSize(DESKTOP_WIDE);
  await page.goto(pilotPath);
  // The pilot's details show them back in the workspace's convention.
  await page.getByRole("button", { name: "Edit details" }).click();
  const details = page.getByRole("dialog");
  await expect(details.getByLabel("Budget")).toHaveValue("10,5");
  await expect(details.getByLabel("Revenue at stake")).toHaveValue("250000,5");
});
