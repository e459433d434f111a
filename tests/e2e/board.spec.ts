import { mkdirSync } from "node:fs";
import type { Page } from "@playwright/test";
import {
  ADMIN,
  DEMO_EDITOR,
  expect,
  expectAccessible,
  expectNoHorizontalScroll,
  signInAs,
  test,
} from "./fixtures";
import { api, createWorkspace } from "./pilot-api";

// The tests are independent: they may run at the same time in two workers.
test.describe.configure({ mode: "parallel" });

/*
 * The pilots board (drag, keyboard, the gate), the compact list and saved views. Screenshots go to
 * SHOTS (PILOTBOARD_E2E_SHOTS, default artifacts/screenshots/board/) at 1440×900 and 390×844.
 */

const SHOTS = process.env.PILOTBOARD_E2E_SHOTS ?? "artifacts/screenshots/board/";
const LAPTOP = { width: 1440, height: 900 } as const;
const PHONE = { width: 390, height: 844 } as const;

/** Fails the test on any console error (a cancelled gate read must stay quiet). */
function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return errors;
}

/** Screenshots at both sizes, no sideways scroll on the phone, one axe pass. */
async function look(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.setViewportSize(LAPTOP);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SHOTS}${name}-1440.png`, animations: "disabled" });
  await expectAccessible(page, name);
  await page.setViewportSize(PHONE);
  await expectNoHorizontalScroll(page, `${name} (390×844)`);
  await page.screenshot({ path: `${SHOTS}${name}-390.png`, animations: "disabled" });
  await page.setViewportSize(LAPTOP);
}

type DemoPilot = { id: string; title: string; stage: string };
const NEXT: Record<string, string> = {
  proposed: "selecting",
  selecting: "running",
  running: "scale_review",
  scale_review: "scaling",
  scaling: "adopted",
};
const LABELS: Record<string, string> = {
  proposed: "Proposed",
  selecting: "Selecting",
  running: "Running",
  scale_review: "Scale review",
  scaling: "Scaling",
  adopted: "Adopted",
};

async function demoWorkspace(page: Page): Promise<string> {
  const me = await api<{ memberships: { workspace_id: string; workspace_name: string }[] }>(
    page,
    "GET",
    "/auth/me",
  );
  const demo = me.memberships[0];
  if (!demo) throw new Error("the demo editor is in no workspace");
  return demo.workspace_id;
}

test("dragging a demo pilot to a stage whose gate is unmet shows what is missing and moves nothing", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize(LAPTOP);
  await signInAs(page, DEMO_EDITOR);
  const errors = watchConsole(page);
  const ws = await demoWorkspace(page);
  const { items } = await api<{ items: DemoPilot[] }>(
    page,
    "GET",
    `/workspaces/${ws}/pilots?limit=200`,
  );
  // A pilot that is not ready for its next stage, by the API's own gate.
  let pilot: DemoPilot | null = null;
  let to = "";
  for (const candidate of items) {
    const next = NEXT[candidate.stage];
    if (!next) continue;
    const gate = await api<{ met: boolean; allowed: boolean }>(
      page,
      "GET",
      `/workspaces/${ws}/pilots/${candidate.id}/gate?to=${next}`,
    );
    if (gate.allowed && !gate.met) {
      pilot = candidate;
      to = next;
      break;
    }
  }
  expect(pilot, "the demo has a pilot not ready for its next stage").not.toBeNull();
  if (!pilot) return;
  const from = LABELS[pilot.stage] ?? "";
  const toLabel = LABELS[to] ?? "";

  await page.goto(`/w/${ws}/pilots?view=board`);
  const column = page.getByRole("region", { name: new RegExp(`^${from}`) });
  const review = page.getByRole("region", { name: new RegExp(`^${toLabel}`) });
  const card = column.getByRole("listitem").filter({ hasText: pilot.title });
  await expect(card).toBeVisible();
  await look(page, "board-demo");

  const handle = card.getByRole("button", { name: `Drag “${pilot.title}” to another stage` });
  await handle.hover();
  await page.mouse.down();
  const target = await review.boundingBox();
  if (!target) throw new Error("no target column");
  await page.mouse.move(target.x + target.width / 2, target.y + 60, { steps: 12 });
  await expect(review).toHaveClass(/border-accent/);
  await page.mouse.up();

  const dialog = page.getByRole("dialog", { name: `Not ready for ${toLabel}` });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(`“${pilot.title}” stays in ${from}`);
  await expect(dialog.getByRole("list", { name: `Ready for ${toLabel}` })).toContainText(
    "Not met:",
  );
  await expect(dialog.getByRole("link", { name: "Open the pilot" })).toHaveAttribute(
    "href",
    `/w/${ws}/pilots/${pilot.id}`,
  );
  await expect(page.getByRole("status").filter({ hasText: "was not moved" })).toHaveCount(1);
  await look(page, "board-unmet");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  // Nothing moved, on screen or on the server.
  await expect(column.getByRole("listitem").filter({ hasText: pilot.title })).toBeVisible();
  const after = await api<DemoPilot>(page, "GET", `/workspaces/${ws}/pilots/${pilot.id}`);
  expect(after.stage).toBe(pilot.stage);

  // Two drops in a row: the first gate read is cancelled quietly by the second.
  const gateReads: Promise<unknown>[] = [];
  page.on("request", (request) => {
    // Settles with the response, or with null when the read was cancelled.
    if (request.url().includes(`/gate?to=${to}`)) gateReads.push(request.response());
  });
  await page.route(`**/gate?to=${to}`, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 2500));
    await route.continue().catch(() => undefined);
  });
  await card.getByRole("button", { name: `Move “${pilot.title}” to…` }).click();
  await page.getByRole("menuitem", { name: toLabel }).click();
  // While that gate is read, the keyboard drops the card on the same stage again.
  await handle.focus();
  await page.keyboard.press("Space");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("Space");
  const again = page.getByRole("dialog", { name: `Not ready for ${toLabel}` });
  await expect(again).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(again).toBeHidden();
  // Once both reads have settled and the page has rendered what they brought, no dialog is back.
  await Promise.all(gateReads);
  await page.evaluate(
    () =>
      new Promise<void>((resolve) =>
        requestAnimationFrame(() => requestAnimationFrame(() => resolve())),
      ),
  );
  await expect(page.getByRole("dialog")).toHaveCount(0);
  expect(errors).toEqual([]);
});

test("the keyboard moves a card; the compact list fits 15 rows; a saved view comes back", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.setViewportSize(LAPTOP);
  await signInAs(page, ADMIN);
  const errors = watchConsole(page);
  const ws = await createWorkspace(page, "Board e2e");
  const titles: string[] = [];
  for (let n = 1; n <= 18; n++) {
    const title = `Board pilot ${String(n).padStart(2, "0")}`;
    titles.push(title);
    await api(page, "POST", `${ws.path}/pilots`, {
      title,
      hypothesis: "Moving faster helps.",
      target_outcome: "business_process",
    });
  }

  // The keyboard: pick up, arrow right to Paused, drop; the reason is asked, then it moves.
  await page.goto(`/w/${ws.id}/pilots?view=board`);
  await page.getByRole("button", { name: /Paused · Stopped/ }).click();
  const title = titles[0] ?? "";
  const handle = page.getByRole("button", { name: `Drag “${title}” to another stage` });
  await handle.focus();
  await page.keyboard.press("Space");
  for (let step = 0; step < 6; step++) await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("region", { name: /^Paused/ })).toHaveClass(/border-accent/);
  await page.keyboard.press("Space");
  const pause = page.getByRole("dialog", { name: `Pause “${title}”` });
  await expect(pause).toBeVisible();
  await pause.getByLabel("Reason").fill("Waiting for the customer's new warehouse.");
  await pause.getByRole("button", { name: "Pause pilot" }).click();
  await expect(pause).toBeHidden();
  const paused = page.getByRole("region", { name: /^Paused/ });
  await expect(paused.getByRole("listitem").filter({ hasText: title })).toBeVisible();
  await expect(
    page.getByRole("status").filter({ hasText: `“${title}” is now Paused` }),
  ).toHaveCount(1);
  await look(page, "board-held-open");

  // The compact list: at least 15 rows inside a 1440×900 screen.
  await page.goto(`/w/${ws.id}/pilots`);
  await page
    .getByRole("group", { name: "Density" })
    .getByRole("button", { name: "Compact" })
    .click();
  await expect(page).toHaveURL(/density=compact/);
  const rows = page.getByRole("table", { name: "Pilots" }).locator("tbody tr");
  await expect(rows).toHaveCount(18);
  const inView = await rows.evaluateAll(
    (all) => all.filter((row) => row.getBoundingClientRect().bottom <= window.innerHeight).length,
  );
  expect(inView).toBeGreaterThanOrEqual(15);
  await look(page, "list-compact");
  await page.goto(`/w/${ws.id}/pilots`);
  await expect(page).toHaveURL(/density=compact/); // the last choice, remembered
  await look(page, "list-compact-remembered");

  // Save the board of proposed pilots as a view, reload, apply it.
  await page.goto(`/w/${ws.id}/pilots?stage=proposed&view=board`);
  await page.getByRole("button", { name: /^Views/ }).click();
  await page.getByRole("menuitem", { name: "Save current view…" }).click();
  const save = page.getByRole("dialog", { name: "Save this view" });
  await expect(save).toContainText("Board · Proposed");
  await save.getByLabel("Name").fill("Proposed on the board");
  await look(page, "saved-view-dialog");
  await save.getByRole("button", { name: "Save view" }).click();
  await expect(save).toBeHidden();
  await expect(page.getByRole("button", { name: /Proposed on the board/ })).toBeVisible();

  await page.goto(`/w/${ws.id}/pilots?view=list&density=comfortable`);
  await page.reload();
  await page.getByRole("button", { name: /^Views/ }).click();
  const menu = page.getByRole("menu");
  await expect(menu.getByRole("menuitem", { name: /Proposed on the board/ })).toBeVisible();
  await look(page, "saved-views-menu");
  await menu.getByRole("menuitem", { name: /Proposed on the board/ }).click();
  await expect(page).toHaveURL(/stage=proposed/);
  await expect(page).toHaveURL(/view=board/);
  await expect(page.getByRole("region", { name: /^Proposed/ })).toBeVisible();
  await page.goBack();
  await expect(page).toHaveURL(/view=list/);

  // Rename, then delete with a confirmation.
  await page.getByRole("button", { name: /^Views/ }).click();
  await page.getByRole("menuitem", { name: "Rename or delete views…" }).click();
  const manage = page.getByRole("dialog", { name: "Your saved views" });
  await manage.getByRole("button", { name: "Rename “Proposed on the board”" }).click();
  await manage.getByLabel(/New name/).fill("Proposals");
  await manage.getByRole("button", { name: "Save name" }).click();
  await expect(manage.getByText("Proposals", { exact: true })).toBeVisible();
  await manage.getByRole("button", { name: "Delete “Proposals”" }).click();
  const confirm = page.getByRole("alertdialog");
  await expect(confirm).toContainText("No pilot changes");
  await confirm.getByRole("button", { name: "Delete view" }).click();
  await expect(manage).toContainText("No saved views left");
  expect(errors).toEqual([]);
});
