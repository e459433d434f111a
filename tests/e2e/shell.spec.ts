import { mkdirSync } from "node:fs";
import type { Page } from "@playwright/test";
import {
  DEMO_ADMIN,
  expect,
  expectAccessible,
  expectNoHorizontalScroll,
  signInAs,
  test,
} from "./fixtures";

// The tests are independent: they may run at the same time in two workers.
test.describe.configure({ mode: "parallel" });

const SHOTS = process.env.PILOTBOARD_SHOTS_DIR;

/** Every main navigation link is whole on screen: inside the viewport, its text not clipped. */
async function expectNavFits(page: Page, label: string): Promise<void> {
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav).toBeVisible();
  const links = await nav.getByRole("link").evaluateAll((elements) =>
    elements
      .filter((el) => el.getClientRects().length > 0)
      .map((el) => {
        const box = el.getBoundingClientRect();
        return {
          text: el.textContent ?? "",
          left: box.left,
          right: box.right,
          clipped: el.scrollWidth > el.clientWidth + 1,
        };
      }),
  );
  const width = page.viewportSize()?.width ?? 0;
  for (const link of links) {
    expect(link.left, `${label}: “${link.text}” starts off screen`).toBeGreaterThanOrEqual(0);
    expect(link.right, `${label}: “${link.text}” ends off screen`).toBeLessThanOrEqual(width);
    expect(link.clipped, `${label}: “${link.text}” is clipped`).toBe(false);
  }
  // Neither the top bar nor the navigation's own row scrolls or cuts.
  const header = await page.getByRole("banner").evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(header, `${label}: the top bar overflows`).toBeLessThanOrEqual(0);
  const list = nav.getByRole("list");
  const overflow = await list.evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(overflow, `${label}: the navigation overflows`).toBeLessThanOrEqual(0);
}

test.describe("app shell", () => {
  test("an unknown address shows a not-found page with a way home", async ({ page, inspect }) => {
    const response = await page.goto("/pilots/no-such-pilot");
    expect(response?.ok()).toBe(true);

    await expect(page).toHaveTitle("Page not found · Pilotboard");
    await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
    await expect(page.getByText("/pilots/no-such-pilot", { exact: true })).toBeVisible();

    await inspect("not-found");

    // Home needs a session, so a signed-out visitor lands on the sign-in page, and comes back.
    await page.getByRole("link", { name: "Back to home" }).click();
    await expect(page).toHaveURL("/login?redirect=%2F");
    await expect(
      page.getByRole("heading", { level: 1, name: "Sign in to Pilotboard" }),
    ).toBeVisible();
  });

  test("client routes survive a refresh and back/forward", async ({ page }) => {
    await page.goto("/status");
    await expect(page.getByRole("heading", { level: 1, name: "System status" })).toBeVisible();
    await page.goto("/somewhere/else");
    await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();

    await page.reload();
    await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();

    await page.goBack();
    await expect(page.getByRole("heading", { level: 1, name: "System status" })).toBeVisible();
    await page.goForward();
    await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  });

  test("the theme follows the system until chosen, and the choice is remembered", async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme: "dark" });
    await page.goto("/status");
    const html = page.locator("html");
    await expect(html).toHaveClass(/\bdark\b/);

    await page.getByRole("button", { name: "Switch to light theme" }).click();
    await expect(html).not.toHaveClass(/\bdark\b/);

    await page.reload();
    await expect(html).not.toHaveClass(/\bdark\b/);
    await expect(page.getByRole("button", { name: "Switch to dark theme" })).toBeVisible();
  });

  test("keyboard users can skip straight to the content", async ({ page }) => {
    await page.goto("/status");
    await expect(page.getByRole("heading", { level: 1, name: "System status" })).toBeVisible();

    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to content" });
    await expect(skip).toBeFocused();
    await expect(skip).toBeVisible();

    await page.keyboard.press("Enter");
    await expect(page.getByRole("main")).toBeFocused();
  });

  test("landmarks are in place", async ({ page }) => {
    await page.goto("/status");
    await expect(page.getByRole("banner")).toBeVisible();
    await expect(page.getByRole("main")).toBeVisible();
    await expect(page.getByRole("link", { name: "Pilotboard" })).toHaveAttribute("href", "/");
  });
});

test.describe("top bar", () => {
  const PAGES = [
    ["portfolio", "Portfolio"],
    ["pilots", "Pilots"],
    ["customers", "Customers"],
    ["departments", "Departments"],
    ["settings", "Settings"],
    ["settings/members", "Members"],
    ["settings/tokens", "API tokens"],
  ] as const;

  test("every navigation item fits at 1440 and 1280 px, and the phone never scrolls sideways", async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 1440, height: 900 });
    await signInAs(page, DEMO_ADMIN);
    await page.goto("/");
    await expect(page).toHaveURL(/\/w\/[0-9a-f-]{36}\//);
    const ws = new URL(page.url()).pathname.split("/")[2];
    const nav = page.getByRole("navigation", { name: "Main" });

    for (const [path, title] of PAGES) {
      await page.setViewportSize({ width: 1440, height: 900 });
      await page.goto(`/w/${ws}/${path}`);
      await expect(nav.getByRole("link", { name: title })).toHaveAttribute("aria-current", "page");
      // Every item is there on a wide screen, Settings whole.
      await expect(nav.getByRole("link")).toHaveText([
        "Portfolio",
        "Pilots",
        "Customers",
        "Departments",
        "Members",
        "API tokens",
        "Settings",
      ]);
      await expectNavFits(page, `${path} at 1440`);
      await expect(
        page.getByRole("combobox", { name: "Search pilots, customers and departments" }),
      ).toBeVisible();
      await expectAccessible(page, `${path} at 1440`);

      await page.setViewportSize({ width: 1280, height: 800 });
      await expectNavFits(page, `${path} at 1280`);

      await page.setViewportSize({ width: 768, height: 1024 });
      await expectNavFits(page, `${path} at 768`);

      await page.setViewportSize({ width: 390, height: 844 });
      await expectNavFits(page, `${path} at 390`);
      await expectNoHorizontalScroll(page, `${path} at 390`);
    }

    // On a phone the five main pages stay; Members and API tokens fold into Settings.
    await expect(nav.getByRole("link", { name: "Settings" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Members" })).toBeHidden();
    await expect(page.getByRole("button", { name: "Search and commands" })).toBeVisible();
    await expectAccessible(page, "top bar at 390");

    if (SHOTS) {
      mkdirSync(SHOTS, { recursive: true });
      await page.goto(`/w/${ws}/portfolio`);
      for (const [name, size] of [
        ["topbar-1440", { width: 1440, height: 900 }],
        ["topbar-1280", { width: 1280, height: 800 }],
        ["topbar-768", { width: 768, height: 1024 }],
        ["topbar-390", { width: 390, height: 844 }],
      ] as const) {
        await page.setViewportSize(size);
        await expect(nav).toBeVisible();
        await page.screenshot({ path: `${SHOTS}/${name}.png`, animations: "disabled" });
      }
      await page.emulateMedia({ colorScheme: "dark" });
      await page.setViewportSize({ width: 1440, height: 900 });
      await page.screenshot({ path: `${SHOTS}/topbar-1440-dark.png`, animations: "disabled" });
      await expectAccessible(page, "top bar, dark", { contrastOnly: true });
    }
  });
});
