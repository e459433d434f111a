import { mkdirSync } from "node:fs";
import type { Page, Request } from "@playwright/test";
import {
  ADMIN,
  DEMO_EXEC,
  expect,
  expectAccessible,
  expectNoHorizontalScroll,
  SCREENSHOT_DIR,
  signInAs,
  test,
  VIEWER,
} from "./fixtures";

/**
 * The last points of issue #16, each at a laptop (1440×900) and a phone (390×844), with axe:
 * - the portfolio report prints on two A4 pages in landscape as in portrait;
 * - a webhook and a member changed straight from their lists carry the list item's version as
 *   `If-Match` and are accepted at once (no 412 and no silent retry);
 * - closing a dialog opened from a `j`/`k`-selected row of customers or departments gives focus
 *   back to that row (or its button), and `j`/`k` go on from there.
 */

const SIZES = [
  ["laptop", { width: 1440, height: 900 }],
  ["phone", { width: 390, height: 844 }],
] as const;

async function api(page: Page) {
  const cookies = await page.context().cookies();
  const csrf = cookies.find((c) => c.name === "pilotboard_csrf")?.value ?? "";
  const headers = { "X-CSRF-Token": decodeURIComponent(csrf) };
  return async (path: string, data: unknown) => {
    const response = await page.request.post(`/api/v1${path}`, { data, headers });
    expect(response.status(), `POST ${path}: ${await response.text()}`).toBe(201);
    return (await response.json()) as { id: string; etag?: string };
  };
}

async function newWorkspace(page: Page, name: string) {
  await signInAs(page, ADMIN);
  const post = await api(page);
  const workspace = await post("/workspaces", { name, currency: "EUR" });
  return { post, id: workspace.id, base: `/w/${workspace.id}` };
}

/** Every write the page sends to the API, with its If-Match and the status it got back. */
function recordWrites(page: Page) {
  const writes: { method: string; url: string; ifMatch: string | null; status: number }[] = [];
  page.on("requestfinished", async (request: Request) => {
    if (!["PATCH", "PUT", "DELETE"].includes(request.method())) return;
    const response = await request.response();
    writes.push({
      method: request.method(),
      url: new URL(request.url()).pathname,
      ifMatch: (await request.allHeaders())["if-match"] ?? null,
      status: response?.status() ?? 0,
    });
  });
  return writes;
}

/** Console errors of the page, to assert there were none. */
function recordConsoleErrors(page: Page) {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return errors;
}

async function look(page: Page, name: string, label: string) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await expectNoHorizontalScroll(page, label);
  await page.screenshot({
    path: `${SCREENSHOT_DIR}${name}.png`,
    fullPage: true,
    animations: "disabled",
  });
  await expectAccessible(page, label);
}

/** The number of pages of a PDF that Chromium wrote. */
function pageCount(pdf: Buffer): number {
  return pdf.toString("latin1").match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0;
}

test("the portfolio report prints on two A4 pages, in landscape as in portrait", async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  await signInAs(page, DEMO_EXEC);
  await page.goto("/");
  await expect(page).toHaveURL(/\/portfolio/);
  // The lower part of the report is its own chunk: it must be there before anything prints.
  await expect(page.getByRole("heading", { name: "Department engagement" })).toBeVisible();
  // The menu's items call window.print(), which a test cannot answer: keep the class, skip it.
  await page.evaluate(() => {
    window.print = () => {};
  });

  for (const [size, viewport] of SIZES) {
    await page.setViewportSize(viewport);
    await expect(page.getByRole("heading", { name: "Department engagement" })).toBeVisible();
    await look(page, `polish-portfolio-${size}`, `portfolio (${size})`);

    // As a person chooses it: Print → Print (landscape) marks the page for a landscape sheet.
    await page.getByRole("button", { name: "Print" }).click();
    await page.getByRole("menuitem", { name: "Print (landscape)" }).click();
    await expect(page.locator("html")).toHaveClass(/print-landscape/);
    const landscape = await page.pdf({
      landscape: true,
      preferCSSPageSize: true,
      printBackground: true,
      path: testInfo.outputPath(`portfolio-landscape-${size}.pdf`),
    });
    expect(pageCount(landscape), `landscape pages at the ${size} size`).toBe(2);

    await page.getByRole("button", { name: "Print" }).click();
    await page.getByRole("menuitem", { name: "Print (portrait)" }).click();
    await expect(page.locator("html")).not.toHaveClass(/print-landscape/);
    const portrait = await page.pdf({
      preferCSSPageSize: true,
      printBackground: true,
      path: testInfo.outputPath(`portfolio-portrait-${size}.pdf`),
    });
    expect(pageCount(portrait), `portrait pages at the ${size} size`).toBe(2);
  }
});

test("a webhook and a member change from their lists on the first try, with the list's version", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const { post, id, base } = await newWorkspace(page, "Versions");
  await post(`/workspaces/${id}/members`, { email: VIEWER.email, role: "viewer" });
  // hooks.example.com never resolves: nothing is sent anywhere, and the URL is accepted.
  const webhook = await post(`/workspaces/${id}/webhooks`, {
    url: "https://hooks.example.com/pilotboard",
    description: "CRM sync",
    events: ["pilot.created"],
  });
  const writes = recordWrites(page);
  const consoleErrors = recordConsoleErrors(page);
  let round = 0;

  for (const [size, viewport] of SIZES) {
    await page.setViewportSize(viewport);
    round += 1;

    // The webhook, edited from the list: the item's `etag` goes out as If-Match.
    await page.goto(`${base}/settings/webhooks`);
    const list = page.getByRole("list", { name: "Webhooks" });
    const listed = await page.request.get(`/api/v1/workspaces/${id}/webhooks`);
    const etag = ((await listed.json()) as { items: { etag: string }[] }).items[0]?.etag;
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    await expect(list.getByRole("button", { name: /^Edit CRM sync/ })).toBeVisible();
    await look(page, `polish-webhooks-${size}`, `webhooks (${size})`);
    await list.getByRole("button", { name: /^Edit CRM sync/ }).click();
    const dialog = page.getByRole("dialog", { name: "Edit webhook" });
    await expect(dialog.getByLabel("Endpoint URL")).toHaveValue(
      "https://hooks.example.com/pilotboard",
    );
    const description = round === 1 ? "CRM sync (EU)" : "CRM sync (US)";
    await dialog.getByLabel("Description (optional)").fill(description);
    await dialog.getByRole("button", { name: "Save webhook" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText("Webhook saved").last()).toBeVisible();
    await expect(list).toContainText(description);
    // Focus is back on the button that opened the dialog.
    await expect(list.getByRole("button", { name: `Edit ${description}` })).toBeFocused();
    // The write is recorded once its response has been read, which can come after the toast.
    const webhookWritesOf = () => writes.filter((w) => w.url.endsWith(`/webhooks/${webhook.id}`));
    await expect.poll(() => webhookWritesOf().length).toBe(round);
    const webhookWrites = webhookWritesOf();
    expect(webhookWrites.at(-1)).toEqual({
      method: "PATCH",
      url: `/api/v1/workspaces/${id}/webhooks/${webhook.id}`,
      ifMatch: etag,
      status: 200,
    });

    // The member's role, changed from the list: the item's `etag` goes out as If-Match.
    // The list as the page itself received it: its item's version is the one to go out.
    const memberList = page.waitForResponse(
      (r) =>
        r.request().method() === "GET" &&
        new URL(r.url()).pathname === `/api/v1/workspaces/${id}/members`,
    );
    await page.goto(`${base}/settings/members`);
    const role = page.getByLabel(`Role of ${VIEWER.name}`).filter({ visible: true });
    await expect(role).toHaveValue(round === 1 ? "viewer" : "editor");
    const members = (await (await memberList).json()) as {
      items: { user_id: string; name: string; etag: string }[];
    };
    const vic = members.items.find((m) => m.name === VIEWER.name);
    expect(vic?.etag).toMatch(/^"[0-9a-f]{32}"$/);
    await look(page, `polish-members-${size}`, `members (${size})`);
    await role.selectOption(round === 1 ? "editor" : "executive");
    await expect(
      page.getByText(`${VIEWER.name} is now ${round === 1 ? "Editor" : "Executive"}`),
    ).toBeVisible();
    const memberWritesOf = () => writes.filter((w) => w.url.endsWith(`/members/${vic?.user_id}`));
    await expect.poll(() => memberWritesOf().length).toBe(round);
    const memberWrites = memberWritesOf();
    expect(memberWrites.at(-1)).toEqual({
      method: "PATCH",
      url: `/api/v1/workspaces/${id}/members/${vic?.user_id}`,
      ifMatch: vic?.etag,
      status: 200,
    });
    expect(memberWrites).toHaveLength(round);
  }

  expect(writes.filter((w) => w.status === 412)).toEqual([]);
  expect(writes.every((w) => w.ifMatch !== null)).toBe(true);
  expect(consoleErrors).toEqual([]);
});

test("closing a dialog opened from a j/k-selected row gives focus back to that row", async ({
  page,
}) => {
  test.setTimeout(150_000);
  const { post, id, base } = await newWorkspace(page, "Focus");
  // Two rows are deleted per size (one per list and size): eight of each is plenty.
  const names = ["Alder", "Birch", "Cedar", "Elm", "Fir", "Hazel", "Larch", "Maple"];
  for (const name of names) {
    await post(`/workspaces/${id}/departments`, { name: `${name} team` });
    await post(`/workspaces/${id}/customers`, { name: `${name} Health` });
  }
  const consoleErrors = recordConsoleErrors(page);
  const focused = page.locator(":focus");

  for (const [size, viewport] of SIZES) {
    await page.setViewportSize(viewport);
    for (const [list, what, suffix] of [
      ["departments", "department", "team"],
      ["customers", "customer", "Health"],
    ] as const) {
      await page.goto(`${base}/${list}`);
      const heading = page.getByRole("heading", { level: 1, name: new RegExp(list, "i") });
      await expect(heading).toBeVisible();
      // The rows are read after the heading is drawn: j needs them on the page.
      await expect(
        page.locator('[data-list-row="1"]').filter({ visible: true }).first(),
      ).toBeVisible();
      // Nothing focused yet: j starts at the first row, a second j moves to the second.
      await heading.click();
      await page.keyboard.press("j");
      await page.keyboard.press("j");
      await expect(focused).toHaveAttribute("data-list-row", "1");
      const second = (await focused.textContent()) ?? "";
      expect(second).toContain(suffix);

      // Enter opens the row in its edit dialog; Esc closes it, and focus is back on the row.
      await page.keyboard.press("Enter");
      const dialog = page.getByRole("dialog", { name: `Edit ${what}` });
      await expect(dialog).toBeVisible();
      await expect(dialog.getByLabel("Name")).toHaveValue(/\S/);
      await look(page, `polish-${list}-dialog-${size}`, `${list} edit dialog (${size})`);
      await page.keyboard.press("Escape");
      await expect(dialog).toBeHidden();
      await expect(focused).toHaveAttribute("data-list-row", "1");
      await expect(focused).toContainText(second.slice(0, 8));

      // Saving returns there too, and j goes on to the next row.
      await page.keyboard.press("Enter");
      await expect(dialog).toBeVisible();
      await dialog.getByRole("button", { name: `Save ${what}` }).click();
      await expect(dialog).toBeHidden();
      await expect(focused).toHaveAttribute("data-list-row", "1");
      await page.keyboard.press("j");
      await expect(focused).toHaveAttribute("data-list-row", "2");
      const third = (await focused.textContent()) ?? "";

      // The third row's Delete button: after the delete, focus is on the row now in its place,
      // and k moves up from there.
      const row = page.locator('[data-list-row="2"]').filter({ visible: true });
      await row.getByRole("button", { name: /^Delete / }).click();
      const confirm = page.getByRole("alertdialog");
      await expect(confirm).toBeVisible();
      await confirm.getByRole("button", { name: `Delete ${what}` }).click();
      await expect(confirm).toBeHidden();
      await expect(page.getByText(/deleted$/).last()).toBeVisible();
      await expect(focused).toHaveAttribute("data-list-row", "2");
      await expect(focused).not.toContainText(third.slice(0, 8));
      await page.keyboard.press("k");
      await expect(focused).toHaveAttribute("data-list-row", "1");
      await expect(focused).toContainText(second.slice(0, 8));
      await look(page, `polish-${list}-focus-${size}`, `${list} after a dialog (${size})`);
    }
  }
  expect(consoleErrors).toEqual([]);
});
