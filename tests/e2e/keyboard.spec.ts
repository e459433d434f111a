import { mkdirSync } from "node:fs";
import type { Page } from "@playwright/test";
import {
  DEMO_EDITOR,
  DEMO_VIEWER,
  expect,
  expectAccessible,
  expectNoHorizontalScroll,
  signInAs,
  test,
} from "./fixtures";

// The tests only read the demo workspace: they may run at the same time in two workers.
test.describe.configure({ mode: "parallel" });

/** A running demo pilot (backend/pilotboard/demo/stories/flagged.py). */
const PILOT = "Same-day spare parts for Hartmann Industrie";

const WIDE = { width: 1440, height: 900 } as const;
const PHONE = { width: 390, height: 844 } as const;
const SHOTS = process.env.PILOTBOARD_SHOTS_DIR;

/** A screenshot for a person to look at, when PILOTBOARD_SHOTS_DIR says where. */
async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, animations: "disabled" });
}

/** Fails the test on any console error. */
function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return errors;
}

const palette = (page: Page) => page.getByRole("dialog", { name: "Command palette" });

test("Ctrl+K opens the palette, a demo pilot's name finds it, and Enter opens it", async ({
  page,
}) => {
  await page.setViewportSize(WIDE);
  await signInAs(page, DEMO_EDITOR);
  await page.goto("/");
  const errors = watchConsole(page);
  await expect(page.getByRole("heading", { level: 1, name: "Pilots" })).toBeVisible();

  const button = page.getByRole("button", { name: "Search and commands" });
  await expect(button).toHaveAttribute("aria-keyshortcuts", "Control+K Meta+K");
  await page.keyboard.press("Control+K");
  const dialog = palette(page);
  await expect(dialog).toBeVisible();
  const input = dialog.getByRole("combobox");
  await expect(input).toBeFocused();
  // Before typing: the actions, the pages, the recently updated pilots.
  await expect(dialog.getByRole("option", { name: "New pilot" })).toBeVisible();
  await expect(dialog.getByRole("option", { name: "Log iteration…" })).toBeVisible();
  await expect(dialog.getByRole("option", { name: "Keyboard shortcuts" })).toBeVisible();
  await expect(dialog.getByRole("option", { name: "What your portfolio teaches" })).toBeAttached();
  await expect(dialog.getByRole("group", { name: "Recently updated pilots" })).toBeVisible();
  await shot(page, "palette-open-1440");
  await expectAccessible(page, "command palette");

  // The demo has closed Hartmann pilots too: the one under way comes first.
  await page.keyboard.type("Hartmann");
  const option = dialog.getByRole("option", { name: new RegExp(PILOT) });
  await expect(option).toBeVisible();
  await expect(option).toHaveAttribute("aria-selected", "true");
  await expect(dialog.getByRole("option", { name: "New pilot" })).toHaveCount(0);
  await shot(page, "palette-results-1440");
  await page.keyboard.press("Enter");

  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(/\/w\/[0-9a-f-]{36}\/pilots\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name: PILOT })).toBeVisible();

  // On a pilot's page, "Log iteration" is about that pilot: no picking.
  await page.keyboard.press("Control+K");
  await expect(dialog.getByRole("option", { name: `Log iteration on ${PILOT}` })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();

  // New pilot from the palette.
  await page.keyboard.press("Control+K");
  await page.keyboard.type("new pilot");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/pilots\/new$/);
  expect(errors).toEqual([]);
});

test("? lists the shortcuts, / focuses the search, whose results open from the keyboard", async ({
  page,
}) => {
  await page.setViewportSize(WIDE);
  await signInAs(page, DEMO_EDITOR);
  await page.goto("/");
  const errors = watchConsole(page);
  await expect(page.getByRole("heading", { level: 1, name: "Pilots" })).toBeVisible();

  await page.keyboard.press("?");
  const shortcuts = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(shortcuts).toBeVisible();
  await expect(shortcuts.getByText("Open the command palette")).toBeVisible();
  await expect(shortcuts.getByText("Search pilots, customers and departments")).toBeVisible();
  await expect(shortcuts.getByText("Next row")).toBeVisible();
  await shot(page, "shortcuts-1440");
  await expectAccessible(page, "shortcut list");
  // No shortcut fires under a dialog: / types nothing and focuses nothing behind it.
  await page.keyboard.press("/");
  // (The dialog hides the page from the accessibility tree meanwhile: found by its shortcut.)
  const search = page.locator("input[aria-keyshortcuts='/']");
  await expect(search).not.toBeFocused();
  await page.keyboard.press("Escape");
  await expect(shortcuts).toBeHidden();

  await page.keyboard.press("/");
  await expect(search).toBeFocused();
  await expect(search).toHaveAccessibleName("Search pilots, customers and departments");
  await page.keyboard.type("agnes");
  const results = page.getByRole("listbox", { name: "Search results" });
  await expect(results.getByRole("group", { name: "Customers" })).toContainText(
    "St. Agnes Hospital",
  );
  await expect(search).toHaveAttribute("aria-expanded", "true");
  // Typing in the field is typing: ? and j land in it.
  await page.keyboard.type("?");
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeHidden();
  await page.keyboard.press("Backspace");
  const customer = results
    .getByRole("group", { name: "Customers" })
    .getByRole("option", { name: /St\. Agnes Hospital/ });
  await expect(customer).toBeVisible();
  await shot(page, "search-results-1440");
  await expectAccessible(page, "search results");

  for (let i = 0; i < 10; i++) {
    if ((await customer.getAttribute("aria-selected")) === "true") break;
    await page.keyboard.press("ArrowDown");
  }
  await expect(customer).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/customers\?q=St\.(\+|%20)Agnes(\+|%20)Hospital$/);
  await expect(page.getByRole("heading", { level: 1, name: "Customers" })).toBeVisible();
  await expect(page.getByRole("row", { name: /St\. Agnes Hospital/ })).toBeVisible();
  expect(errors).toEqual([]);
});

test("j and k move through the customers list and Enter opens the focused one", async ({
  page,
}) => {
  await page.setViewportSize(WIDE);
  await signInAs(page, DEMO_EDITOR);
  await page.goto("/");
  await expect(page).toHaveURL(/\/w\/[0-9a-f-]{36}\//);
  const errors = watchConsole(page);
  const ws = new URL(page.url()).pathname.split("/")[2];
  await page.goto(`/w/${ws}/customers`);
  const table = page.getByRole("table", { name: "Customers" });
  const rows = table.locator("tbody tr");
  await expect(rows.first()).toBeVisible();
  const names = await table.locator("tbody th").allTextContents();
  expect(names.length).toBeGreaterThan(2);

  await page.keyboard.press("j");
  await expect(rows.nth(0)).toBeFocused();
  await page.keyboard.press("j");
  await page.keyboard.press("j");
  await expect(rows.nth(2)).toBeFocused();
  await page.keyboard.press("k");
  await expect(rows.nth(1)).toBeFocused();
  await expect(rows.nth(1)).toHaveAttribute("data-active", "");
  await shot(page, "customers-row-focus-1440");

  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  const second = (names[1] ?? "").replace(/Premier$/, "").trim();
  await expect(dialog.getByLabel("Name", { exact: true })).toHaveValue(second);
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();

  // In the list's search field, j and k are letters.
  const search = page.getByRole("searchbox", { name: "Search customers" });
  await search.click();
  await page.keyboard.type("jk");
  await expect(search).toHaveValue("jk");
  expect(errors).toEqual([]);
});

test("on a phone the palette opens from the top bar's search button, with no sideways scroll", async ({
  page,
}) => {
  await page.setViewportSize(PHONE);
  await signInAs(page, DEMO_VIEWER);
  await page.goto("/");
  const errors = watchConsole(page);
  await expect(page.getByRole("heading", { level: 1, name: "Portfolio" })).toBeVisible();
  // The field folds into the button on a phone; / opens the palette instead.
  await expect(
    page.getByRole("combobox", { name: "Search pilots, customers and departments" }),
  ).toBeHidden();
  await page.keyboard.press("/");
  const dialog = palette(page);
  await expect(dialog).toBeVisible();
  // A viewer is offered no action they cannot take.
  await expect(dialog.getByRole("option", { name: "New pilot" })).toHaveCount(0);
  await page.keyboard.type("hartmann");
  await expect(dialog.getByRole("option", { name: new RegExp(PILOT) })).toBeVisible();
  await expectNoHorizontalScroll(page, "palette on a phone");
  await shot(page, "palette-390");
  await expectAccessible(page, "palette on a phone");
  await page.keyboard.press("Escape");

  await page.getByRole("button", { name: "Search and commands" }).click();
  await expect(dialog).toBeVisible();
  await page.keyboard.press("Escape");

  await page.keyboard.press("?");
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
  await expectNoHorizontalScroll(page, "shortcut list on a phone");
  await shot(page, "shortcuts-390");
  expect(errors).toEqual([]);
});
