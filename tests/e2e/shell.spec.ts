import { expect, test } from "./fixtures";

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
