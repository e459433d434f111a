import type { Page } from "@playwright/test";
import { ADMIN, expect, signIn, test, VIEWER } from "./fixtures";

/**
 * One story on one database: an admin sets up a workspace (API), starts a pilot from the empty
 * state, prepares it through the gate into running, logs two iterations with measurements; a
 * viewer then sees the same pilot without any edit control.
 */
test.describe.configure({ mode: "serial" });

/** Calls the API as the signed-in page, with the session's CSRF token. */
async function api(page: Page, method: "POST" | "PATCH", path: string, data: unknown) {
  const cookies = await page.context().cookies();
  const csrf = cookies.find((c) => c.name === "pilotboard_csrf")?.value ?? "";
  const response = await page.request.fetch(`/api/v1${path}`, {
    method,
    headers: { "X-CSRF-Token": decodeURIComponent(csrf) },
    data,
  });
  expect(response.ok(), `${method} ${path}: ${await response.text()}`).toBe(true);
  return response.json();
}

test("an admin runs a pilot from the empty state into running; a viewer only reads", async ({
  page,
  inspect: inspectPage,
}) => {
  test.setTimeout(300_000);
  // Checked from the top of the page, so the sticky top bar covers nothing axe measures.
  const inspect = async (name: string) => {
    await page.evaluate(() => window.scrollTo(0, 0));
    await inspectPage(name);
  };
  await signIn(page, ADMIN.email);

  const workspace = await api(page, "POST", "/workspaces", { name: "Pilots e2e", currency: "EUR" });
  const ws = `/workspaces/${workspace.id}`;
  await api(page, "POST", `${ws}/members`, { email: VIEWER.email, role: "viewer" });
  for (const [name, kpi] of [
    ["Supply chain", "Picking cost per order"],
    ["Field service", "First-time fix rate"],
    ["Finance", "Days sales outstanding"],
  ]) {
    await api(page, "POST", `${ws}/departments`, { name, lead_name: "", kpi });
  }
  await api(page, "POST", `${ws}/customers`, {
    name: "Northwind Depot",
    segment: "Mid-market",
    is_premier_account: false,
  });
  await api(page, "POST", `${ws}/customers`, {
    name: "Globex Group",
    segment: "Enterprise",
    is_premier_account: true,
  });

  // The empty list says what to do next, with the one button that does it.
  await page.goto(`/w/${workspace.id}/pilots`);
  await expect(page.getByRole("heading", { level: 1, name: "Pilots" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "No pilots yet" })).toBeVisible();
  await inspect("pilots-empty");

  await page.getByRole("button", { name: "Start your first pilot" }).click();
  const create = page.getByRole("dialog", { name: "Start a pilot" });
  await create.getByRole("button", { name: "Create pilot" }).click();
  await expect(create.getByText("Give the pilot a title.")).toBeVisible();
  await create.getByLabel("Title").fill("Same-day spare parts");
  await create
    .getByLabel("Hypothesis")
    .fill("Delivering spare parts the same day cuts the customer's machine downtime by a third.");
  await create.getByRole("radio", { name: /Business process/ }).check();
  await inspect("pilot-create");
  await create.getByRole("button", { name: "Create pilot" }).click();

  await expect(page).toHaveURL(/\/pilots\/[0-9a-f-]{36}$/);
  const pilotUrl = new URL(page.url()).pathname;
  await expect(page.getByRole("heading", { level: 1, name: "Same-day spare parts" })).toBeVisible();
  await expect(page.getByRole("list", { name: "Stage" })).toContainText("Proposed");

  // Proposed → selecting has no gate.
  await page.getByRole("button", { name: "Move to Selecting" }).click();
  await expect(page.getByRole("heading", { name: "Ready for Running?" })).toBeVisible();
  const moveToRunning = page.getByRole("button", { name: "Move to Running" });
  await expect(moveToRunning).toBeDisabled();

  // Candidates: a premier account is flagged and explained; the other is chosen.
  const candidates = page.getByRole("region", { name: "Candidates" });
  for (const [customer, score] of [
    ["Globex Group (premier account)", "3"],
    ["Northwind Depot", "5"],
  ] as const) {
    await candidates.getByRole("button", { name: "Add candidate" }).click();
    const dialog = page.getByRole("dialog", { name: "Add candidate" });
    await dialog.getByLabel("Customer").selectOption({ label: customer });
    for (const select of await dialog.getByRole("combobox").all()) {
      if ((await select.getAttribute("id")) === null) continue;
      if ((await select.inputValue()) === "") await select.selectOption(score);
    }
    await dialog.getByRole("button", { name: "Add candidate" }).click();
    await expect(dialog).toBeHidden();
  }
  await expect(candidates.getByRole("note")).toContainText("red flag");
  await candidates.getByRole("button", { name: "Choose Northwind Depot" }).click();
  await expect(candidates.getByRole("row", { name: /Northwind Depot/ })).toContainText("Chosen");
  await expect(candidates).toContainText("Derived risk");

  // Two departments engaged, each with its stake.
  const departments = page.getByRole("region", { name: "Departments" });
  for (const [name, stake] of [
    ["Supply chain", "Tries its automated picking system on live orders."],
    ["Field service", "Fewer repeat visits for missing parts."],
  ] as const) {
    await departments.getByRole("button", { name: "Involve department" }).click();
    const dialog = page.getByRole("dialog", { name: "Involve a department" });
    await dialog.getByLabel("Department").selectOption({ label: name });
    await dialog.getByLabel("Stake").fill(stake);
    await dialog.getByLabel("Engagement").selectOption("engaged");
    await dialog.getByRole("button", { name: "Involve department" }).click();
    await expect(dialog).toBeHidden();
  }
  await expect(departments.getByLabel("Engagement of Field service")).toHaveValue("engaged");

  // A customer-experienced metric with baseline and target.
  const metrics = page.getByRole("region", { name: "Metrics" });
  await metrics.getByRole("button", { name: "Add metric" }).click();
  const metricDialog = page.getByRole("dialog", { name: "Add metric" });
  await metricDialog.getByLabel("Name").fill("Machine downtime");
  await metricDialog.getByLabel("Better when it").selectOption("decrease");
  await metricDialog.getByLabel("Unit").fill("h");
  await metricDialog.getByLabel("Baseline").fill("12");
  await metricDialog.getByLabel("Target").fill("8");
  await metricDialog.getByRole("button", { name: "Add metric" }).click();
  await expect(metricDialog).toBeHidden();
  await expect(metrics.getByRole("listitem")).toContainText("Customer-experienced");

  // A sponsor, then the start decision (admins may record it).
  await page.getByRole("button", { name: "Edit details" }).click();
  const edit = page.getByRole("dialog", { name: "Edit pilot details" });
  await edit.getByLabel("Executive sponsor").selectOption({ label: ADMIN.name });
  await edit.getByRole("button", { name: "Save details" }).click();
  await expect(edit).toBeHidden();
  await expect(page.getByText(`Sponsor: ${ADMIN.name}`)).toBeVisible();

  const decisions = page.getByRole("region", { name: "Decisions" });
  await decisions.getByLabel("Decision", { exact: true }).selectOption("start");
  await decisions.getByLabel("Rationale").fill("Northwind is small, eager and has a new site.");
  await decisions.getByRole("button", { name: "Record decision" }).click();
  await expect(decisions.getByRole("list", { name: "Decisions" })).toContainText("Start");

  await expect(moveToRunning).toBeEnabled();
  await inspect("pilot-ready");
  await moveToRunning.click();
  await expect(page.getByRole("status").filter({ hasText: "is now Running" })).toBeVisible();
  await expect(
    page.getByRole("list", { name: "Stage" }).locator("[aria-current=step]"),
  ).toContainText("Running");

  // Two iterations, each with a measurement of the metric.
  const iterations = page.getByRole("region", { name: "Iterations" });
  for (const [changes, order, value, start] of [
    ["Parts staged at the regional hub.", "1", "10", "2026-10-01"],
    ["Technicians order parts from the customer's site.", "2", "7.5", "2026-10-20"],
  ] as const) {
    await iterations.getByRole("button", { name: "Log iteration" }).click();
    const dialog = page.getByRole("dialog", { name: "Log iteration" });
    await dialog.getByLabel("Started on").fill(start);
    await dialog.getByLabel("What changed").fill(changes);
    await dialog.getByLabel("Change order").selectOption(order);
    await dialog.getByLabel("Customer feedback").fill("Less waiting on site.");
    await dialog.getByLabel("Machine downtime (h)").fill(value);
    await dialog.getByRole("button", { name: "Log iteration" }).click();
    await expect(dialog).toBeHidden();
  }
  await expect(iterations.getByRole("heading", { name: "Iteration 2" })).toBeVisible();
  // Downtime fell from 12 to 7.5 h: an improvement of 37.5 %.
  await expect(metrics).toContainText("▲ +37.5 %");
  await expect(metrics.getByRole("img", { name: /Machine downtime: 10, 7\.5/ })).toBeVisible();
  await inspect("pilot-running");

  // Someone else renames the pilot while this page is open: saving here does not silently
  // overwrite it; the dialog says who changed what, and overwriting keeps their title.
  const pilotId = pilotUrl.split("/").at(-1) ?? "";
  await api(page, "PATCH", `${ws}/pilots/${pilotId}`, { title: "Same-day spare parts (North)" });
  await page.getByRole("button", { name: "Edit details" }).click();
  const editAgain = page.getByRole("dialog", { name: "Edit pilot details" });
  await editAgain.getByLabel("Budget").fill("25000");
  await editAgain.getByRole("button", { name: "Save details" }).click();
  const conflict = page.getByRole("dialog", { name: "Someone changed this pilot" });
  await expect(conflict).toContainText(ADMIN.name);
  await expect(conflict).toContainText("You saw: Same-day spare parts");
  await expect(conflict).toContainText("Now: Same-day spare parts (North)");
  await inspect("pilot-conflict");
  await conflict.getByRole("button", { name: "Overwrite anyway" }).click();
  await expect(conflict).toBeHidden();
  await expect(
    page.getByRole("heading", { level: 1, name: "Same-day spare parts (North)" }),
  ).toBeVisible();
  await expect(
    page.getByRole("status").filter({ hasText: "Your change was saved over theirs" }),
  ).toBeVisible();

  // The list shows it, filters live in the URL, and back/forward follow them.
  await page.goto(`/w/${workspace.id}/pilots`);
  const table = page.getByRole("table", { name: "Pilots" });
  await expect(table.getByRole("row", { name: /Same-day spare parts/ })).toContainText("Running");
  await expect(table.getByRole("row", { name: /Same-day spare parts/ })).toContainText(
    "Northwind Depot",
  );
  await inspect("pilots-list");
  await page.getByLabel("Stage").selectOption("adopted");
  await expect(page).toHaveURL(/stage=adopted/);
  await expect(page.getByRole("heading", { name: "No pilots match these filters" })).toBeVisible();
  await page.goBack();
  await expect(page).not.toHaveURL(/stage=/);
  await expect(table.getByRole("row", { name: /Same-day spare parts/ })).toBeVisible();
  await page.goForward();
  await expect(page.getByLabel("Stage")).toHaveValue("adopted");

  // The viewer reads the same pilot without any way to change it.
  await page.getByRole("button", { name: `Account: ${ADMIN.name}` }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL("/login");
  await signIn(page, VIEWER.email);
  await page.goto(pilotUrl);
  await expect(page.getByRole("heading", { level: 1, name: "Same-day spare parts" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Iteration 2" })).toBeVisible();
  for (const name of [
    "Edit details",
    "Add candidate",
    "Involve department",
    "Add metric",
    "Log iteration",
    "Record decision",
    "Save scale plan",
    "Pause",
    "Stop",
  ]) {
    await expect(page.getByRole("button", { name })).toHaveCount(0);
  }
  await expect(page.getByRole("button", { name: /^Move to/ })).toHaveCount(0);
  await expect(page.getByRole("combobox")).toHaveCount(0);
  await inspect("pilot-viewer");
  await page.goto(`/w/${workspace.id}/pilots`);
  await expect(page.getByRole("button", { name: "New pilot" })).toHaveCount(0);
});
