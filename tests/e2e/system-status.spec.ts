import { expect, test } from "./fixtures";

// The tests are independent: they may run at the same time in two workers.
test.describe.configure({ mode: "parallel" });

type Health = { status: string; database: string; revision: string | null };

test.describe("system status", () => {
  test("shows the live health of the API and the database", async ({ page, request, inspect }) => {
    const response = await request.get("/api/v1/health");
    expect(response.status()).toBe(200);
    const health = (await response.json()) as Health;

    await page.goto("/status");

    await expect(page).toHaveTitle("System status · Pilotboard");
    await expect(page.getByRole("heading", { level: 1, name: "System status" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "All systems operational" })).toBeVisible();

    const apiCard = page.getByRole("heading", { name: "API", exact: true }).locator("xpath=../..");
    await expect(apiCard.getByText("Operational")).toBeVisible();
    const databaseCard = page
      .getByRole("heading", { name: "Database", exact: true })
      .locator("xpath=../..");
    await expect(databaseCard.getByText("Operational")).toBeVisible();
    const revisionCard = page
      .getByRole("heading", { name: "Schema revision" })
      .locator("xpath=../..");
    await expect(
      revisionCard.getByText(health.revision ?? "Not migrated", { exact: true }),
    ).toBeVisible();

    // Public page: visitors who are not signed in get a way to sign in.
    await expect(page.getByRole("link", { name: "Sign in" })).toHaveAttribute("href", "/login");

    await inspect("system-status");

    const refreshed = page.waitForResponse((r) => r.url().endsWith("/api/v1/health"));
    await page.getByRole("button", { name: "Refresh" }).click();
    expect((await refreshed).status()).toBe(200);
    await expect(page.getByRole("heading", { name: "All systems operational" })).toBeVisible();
  });

  test("shows the problem detail when the check fails, and recovers on Retry", async ({
    page,
    inspect,
  }) => {
    await page.route("**/api/v1/health", (route) =>
      route.fulfill({
        status: 503,
        contentType: "application/problem+json",
        body: JSON.stringify({
          type: "about:blank",
          title: "Service Unavailable",
          status: 503,
          detail: "The database is not reachable.",
        }),
      }),
    );

    await page.goto("/status");

    const alert = page.getByRole("alert");
    await expect(alert.getByRole("heading", { name: "Status check failed" })).toBeVisible();
    await expect(alert).toContainText("The database is not reachable.");
    await expect(alert).toContainText("HTTP 503");

    await inspect("system-status-error");

    await page.unroute("**/api/v1/health");
    await alert.getByRole("button", { name: "Retry" }).click();
    await expect(page.getByRole("heading", { name: "All systems operational" })).toBeVisible();
    await expect(page.getByRole("alert")).toHaveCount(0);
  });

  test("shows skeletons while the check is in flight", async ({ page, inspect }) => {
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route("**/api/v1/health", async (route) => {
      await held;
      await route.continue();
    });

    await page.goto("/status");

    // (The other status region on the page is the, empty, notification area.)
    await expect(page.getByRole("status").filter({ hasText: "Loading" })).toHaveText(
      "Loading system status…",
    );
    await expect(page.getByRole("button", { name: "Refresh" })).toBeDisabled();
    await inspect("system-status-loading");

    release();
    await expect(page.getByRole("heading", { name: "All systems operational" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Refresh" })).toBeEnabled();
  });
});
