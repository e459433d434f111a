import { expect, test } from "./fixtures";

/** /docs works offline: Swagger UI comes from this origin and the strict CSP holds. */
test("the interactive API documentation renders from this origin", async ({ page }) => {
  const errors: string[] = [];
  const requested: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("request", (request) => requested.push(request.url()));

  await page.goto("/docs");

  // Swagger UI renders the whole schema (≈ 800 KB) before its first heading: seconds, more on a
  // busy machine.
  await expect(page.getByRole("heading", { name: /Pilotboard API/ })).toBeVisible({
    timeout: 30_000,
  });
  await expect(
    page.getByText("Import customers from a CSV file (editors and admins)"),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: "Authorize" })).toBeVisible();
  const origin = new URL(page.url()).origin;
  expect(errors.filter((text) => text.includes("Content Security Policy"))).toEqual([]);
  expect(requested.filter((url) => !url.startsWith(origin) && !url.startsWith("data:"))).toEqual(
    [],
  );
});
