import { ADMIN, expect, signIn, test, VIEWER } from "./fixtures";
import { api, createWorkspace, daysAgo, myId, runningPilot } from "./pilot-api";

/**
 * The pilots list (empty state, filters in the URL, back and forward) and what a viewer sees:
 * the same pilots, without a single control that would change them.
 */
test("the list filters through the URL; a viewer reads pilots without edit controls", async ({
  page,
  inspect: inspectPage,
}) => {
  test.setTimeout(240_000);
  const inspect = async (name: string) => {
    await page.evaluate(() => window.scrollTo(0, 0));
    await inspectPage(name);
  };
  await signIn(page, ADMIN.email);
  const ws = await createWorkspace(page, "Pilots e2e", {
    members: [{ email: VIEWER.email, role: "viewer" }],
  });

  // The empty list says what to do next, with the one button that does it.
  await page.goto(`/w/${ws.id}/pilots`);
  await expect(page.getByRole("heading", { level: 1, name: "Pilots" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "No pilots yet" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Start your first pilot" })).toHaveAttribute(
    "href",
    `/w/${ws.id}/pilots/new`,
  );
  await inspect("pilots-empty");

  // One running pilot with two iterations, one draft.
  const running = await runningPilot(page, ws, "Same-day spare parts", await myId(page));
  const p = `${ws.path}/pilots/${running.id}`;
  for (const [start, value] of [
    [daysAgo(40), 10],
    [daysAgo(12), 7.5],
  ] as const) {
    const iteration = await api<{ id: string }>(page, "POST", `${p}/iterations`, {
      started_on: start,
      changes: "Parts staged closer to the customer.",
      change_order: 1,
    });
    await api(page, "POST", `${p}/metrics/${running.metricId}/measurements`, {
      value,
      measured_on: start,
      iteration_id: iteration.id,
    });
  }
  await api(page, "POST", `${ws.path}/pilots`, {
    title: "Consignment stock for dental labs",
    hypothesis: "Stock on site cuts emergency orders.",
    target_outcome: "profitability",
  });

  await page.reload();
  const table = page.getByRole("table", { name: "Pilots" });
  const row = table.getByRole("row", { name: /Same-day spare parts/ });
  await expect(row).toContainText("Running");
  await expect(row).toContainText("Northwind Depot");
  await expect(row).toContainText(ADMIN.name);
  await expect(table.getByRole("row", { name: /Consignment stock/ })).toContainText("Proposed");
  await inspect("pilots-list");

  // Filters live in the URL; back and forward follow them.
  await page.getByLabel("Stage").selectOption("running");
  await expect(page).toHaveURL(/stage=running/);
  await expect(table.getByRole("row", { name: /Consignment stock/ })).toHaveCount(0);
  await expect(row).toBeVisible();
  await page.getByLabel("Department", { exact: true }).selectOption({ label: "Finance" });
  await expect(page).toHaveURL(new RegExp(`department=${ws.departments.Finance}`));
  await expect(page.getByRole("heading", { name: "No pilots match these filters" })).toBeVisible();
  await page.goBack();
  await expect(page).not.toHaveURL(/department=/);
  await expect(row).toBeVisible();
  await page.goForward();
  await expect(page.getByLabel("Department", { exact: true })).toHaveValue(
    ws.departments.Finance ?? "",
  );
  await page.getByRole("link", { name: "Clear filters" }).click();
  await page.getByRole("searchbox", { name: "Search", exact: true }).fill("consignment");
  await expect(page).toHaveURL(/q=consignment/);
  await expect(table.getByRole("row", { name: /Consignment stock/ })).toBeVisible();
  await expect(row).toHaveCount(0);

  // The viewer reads the same pilots without any way to change them.
  await page.getByRole("button", { name: `Account: ${ADMIN.name}` }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL("/login");
  await signIn(page, VIEWER.email);
  await page.goto(`/w/${ws.id}/pilots`);
  await expect(table.getByRole("row", { name: /Same-day spare parts/ })).toBeVisible();
  await expect(page.getByRole("link", { name: "New pilot" })).toHaveCount(0);

  await table.getByRole("link", { name: "Same-day spare parts" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Same-day spare parts" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Iteration 2" })).toBeVisible();
  for (const name of [
    "Edit details",
    "Add candidate",
    "Invite department",
    "Add metric",
    "Log iteration",
    "Record decision",
    "Save scale plan",
    "Prepare it now",
    "Pause",
    "Stop",
  ]) {
    await expect(page.getByRole("button", { name, exact: true })).toHaveCount(0);
  }
  for (const prefix of ["Move to", "Edit", "Remove", "Delete", "Choose", "Back to"]) {
    await expect(page.getByRole("button", { name: new RegExp(`^${prefix}`) })).toHaveCount(0);
  }
  const main = page.getByRole("main");
  await expect(main.getByRole("combobox")).toHaveCount(0);
  await expect(main.getByRole("textbox")).toHaveCount(0);
  await inspect("pilot-viewer");

  // A draft offers no setup to a viewer either.
  await page.goto(`/w/${ws.id}/pilots`);
  await table.getByRole("link", { name: "Consignment stock for dental labs" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Consignment stock/ })).toBeVisible();
  await expect(page.getByRole("link", { name: "Continue setup" })).toHaveCount(0);
  await page.goto(`${new URL(page.url()).pathname}/setup`);
  await expect(
    page.getByRole("heading", { name: "Setting up pilots is for editors" }),
  ).toBeVisible();
  await page.goto(`/w/${ws.id}/pilots/new`);
  await expect(
    page.getByRole("heading", { name: "Setting up pilots is for editors" }),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: "Save and continue" })).toHaveCount(0);
});
