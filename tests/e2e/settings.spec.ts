import type { APIRequestContext, Page } from "@playwright/test";
import { ADMIN, expect, signInAs, test, VIEWER } from "./fixtures";

// Each test has a workspace of its own: they may run at the same time in two workers.
test.describe.configure({ mode: "parallel" });

/**
 * Departments, customers and the method settings as an admin sets them up through the UI, and
 * the same pages as a viewer sees them, without any way to change them. Each test works in a
 * workspace of its own (made through the API), so they run in parallel.
 */

/** Calls the API as the signed-in page (its cookies), with the CSRF header unsafe methods need. */
async function api(page: Page) {
  const cookies = await page.context().cookies();
  const csrf = cookies.find((c) => c.name === "pilotboard_csrf")?.value ?? "";
  const request: APIRequestContext = page.request;
  const headers = { "X-CSRF-Token": decodeURIComponent(csrf) };
  const send = async (method: "POST" | "PATCH", path: string, data: unknown, status: number) => {
    const response = await request.fetch(`/api/v1${path}`, { method, data, headers });
    expect(response.status(), `${method} ${path}`).toBe(status);
    return (await response.json()) as { id: string };
  };
  return {
    post: (path: string, data: unknown) => send("POST", path, data, 201),
    patch: (path: string, data: unknown) => send("PATCH", path, data, 200),
  };
}

/** Ada (admin) signed in, in a new workspace where Vic is a viewer. */
async function adminWorkspace(page: Page, name: string) {
  await signInAs(page, ADMIN);
  const admin = await api(page);
  const workspace = await admin.post("/workspaces", { name, currency: "GBP" });
  await admin.post(`/workspaces/${workspace.id}/members`, { email: VIEWER.email, role: "viewer" });
  return { admin, workspace, base: `/w/${workspace.id}` };
}

const main = (page: Page) => page.getByRole("navigation", { name: "Main" });

test("an admin sets up departments: empty state, fields, search, edit, and one still in use", async ({
  page,
  inspect,
}) => {
  test.setTimeout(120_000);
  const { admin, workspace, base } = await adminWorkspace(page, "Department works");

  // Departments: the empty state offers the one button that creates one.
  await page.goto(base);
  await main(page).getByRole("link", { name: "Departments" }).click();
  await expect(page).toHaveURL(`${base}/departments`);
  await expect(page.getByRole("heading", { name: "No departments yet" })).toBeVisible();
  await expect(page.getByRole("button", { name: "New department" })).toHaveCount(1);
  await inspect("departments-empty");

  await page.getByRole("button", { name: "New department" }).click();
  const deptDialog = page.getByRole("dialog", { name: "New department" });
  await deptDialog.getByRole("button", { name: "Create department" }).click();
  await expect(deptDialog.getByText("Give the department a name.")).toBeVisible();
  await expect(deptDialog.getByLabel("Name")).toBeFocused();
  await deptDialog.getByLabel("Name").fill("Field service");
  await deptDialog.getByLabel("Lead").fill("Maria Jensen");
  await deptDialog.getByLabel("KPI the department is held to").fill("First-time fix rate");
  await expect(deptDialog).toContainText("Each department optimises the measure it is held to");
  await inspect("department-dialog");
  await deptDialog.getByLabel("KPI the department is held to").press("Enter");
  await expect(deptDialog).toBeHidden();
  await expect(
    page.getByRole("status").filter({ hasText: "Department “Field service” created" }),
  ).toBeVisible();

  await page.getByRole("button", { name: "New department" }).click();
  await deptDialog.getByLabel("Name").fill("Finance");
  await deptDialog.getByLabel("Lead").fill("Tom Berg");
  await deptDialog.getByLabel("KPI the department is held to").fill("Days sales outstanding");
  await deptDialog.getByRole("button", { name: "Create department" }).click();
  await expect(deptDialog).toBeHidden();

  const departments = page.getByRole("table", { name: "Departments" });
  await expect(departments.getByRole("row")).toHaveCount(3);
  await expect(departments.getByRole("row", { name: /Field service/ })).toContainText(
    "First-time fix rate",
  );

  // A name already taken is refused at the field.
  await page.getByRole("button", { name: "New department" }).click();
  await deptDialog.getByLabel("Name").fill("finance");
  await deptDialog.getByRole("button", { name: "Create department" }).click();
  await expect(deptDialog.getByLabel("Name")).toHaveAttribute("aria-invalid", "true");
  await expect(deptDialog.getByLabel("Name")).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(deptDialog).toBeHidden();

  // The search lives in the URL.
  await page.getByLabel("Search departments").fill("fix rate");
  await expect(page).toHaveURL(`${base}/departments?q=fix+rate`);
  await expect(departments.getByRole("row")).toHaveCount(2);
  await inspect("departments-search");
  await page.getByRole("button", { name: "Clear search" }).click();
  await expect(page).toHaveURL(`${base}/departments`);
  await expect(departments.getByRole("row")).toHaveCount(3);
  await inspect("departments");

  // Editing keeps the other fields.
  await departments.getByRole("button", { name: "Edit Finance" }).click();
  const editDialog = page.getByRole("dialog", { name: "Edit department" });
  await expect(editDialog.getByLabel("Lead")).toHaveValue("Tom Berg");
  await editDialog.getByLabel("Lead").fill("Tove Berg");
  await editDialog.getByRole("button", { name: "Save department" }).click();
  await expect(editDialog).toBeHidden();
  await expect(departments.getByRole("row", { name: /Finance/ })).toContainText("Tove Berg");

  // A department a pilot involves cannot be deleted: the dialog names the pilot.
  const pilot = await admin.post(`/workspaces/${workspace.id}/pilots`, {
    title: "Remote diagnostics",
    target_outcome: "business_process",
  });
  const fieldService = await page.request
    .get(`/api/v1/workspaces/${workspace.id}/departments?q=Field`)
    .then((r) => r.json() as Promise<{ items: { id: string }[] }>);
  await admin.post(`/workspaces/${workspace.id}/pilots/${pilot.id}/involvements`, {
    department_id: fieldService.items[0]?.id,
  });
  await departments.getByRole("button", { name: "Delete Field service" }).click();
  const confirmDelete = page.getByRole("alertdialog", { name: "Delete “Field service”?" });
  await expect(confirmDelete).toContainText("This cannot be undone");
  await confirmDelete.getByRole("button", { name: "Delete department" }).click();
  await expect(confirmDelete.getByRole("alert")).toContainText("Still in use");
  await expect(
    confirmDelete
      .getByRole("list", { name: "Pilots using it" })
      .getByRole("link", { name: "Remote diagnostics" }),
  ).toHaveAttribute("href", `${base}/pilots/${pilot.id}`);
  await inspect("department-in-use");
  await confirmDelete.getByRole("button", { name: "Close" }).click();
  await expect(departments.getByRole("row")).toHaveCount(3);
});

test("an admin adds customers, a premier account flagged; filters live in the URL", async ({
  page,
  inspect,
}) => {
  test.setTimeout(120_000);
  const { admin, workspace, base } = await adminWorkspace(page, "Customer works");

  // A premier account gets the warning while it is being created.
  await page.goto(base);
  await main(page).getByRole("link", { name: "Customers" }).click();
  await expect(page.getByRole("heading", { name: "No customers yet" })).toBeVisible();
  await page.getByRole("button", { name: "New customer" }).click();
  const customerDialog = page.getByRole("dialog", { name: "New customer" });
  await customerDialog.getByLabel("Name").fill("Atlas Retail Group");
  await customerDialog.getByLabel("Segment").fill("Enterprise");
  await customerDialog.getByLabel("Annual revenue (GBP)").fill("lots");
  await customerDialog.getByRole("button", { name: "Create customer" }).click();
  await expect(customerDialog.getByLabel("Annual revenue (GBP)")).toHaveAttribute(
    "aria-invalid",
    "true",
  );
  await customerDialog.getByLabel("Annual revenue (GBP)").fill("48,000,000");
  await expect(customerDialog.getByText("is a red flag for a pilot")).toHaveCount(0);
  await customerDialog.getByLabel("Premier account").check();
  await expect(
    customerDialog.getByText("A premier account is a red flag for a pilot"),
  ).toBeVisible();
  await customerDialog.getByLabel("External id").fill("CRM-001");
  await inspect("customer-dialog-premier");
  await customerDialog.getByRole("button", { name: "Create customer" }).click();
  await expect(customerDialog).toBeHidden();
  await expect(
    page.getByRole("status").filter({ hasText: "Customer “Atlas Retail Group” created" }),
  ).toBeVisible();

  await admin.post(`/workspaces/${workspace.id}/customers`, {
    name: "Nordwind Logistics",
    segment: "Mid-market",
    annual_revenue: 1250000,
  });
  await page.reload();
  const customers = page.getByRole("table", { name: "Customers" });
  await expect(customers.getByRole("row")).toHaveCount(3);
  const atlas = customers.getByRole("row", { name: /Atlas Retail Group/ });
  await expect(atlas).toContainText("Premier");
  await expect(atlas).toContainText("£48,000,000");

  // Filters live in the URL and survive a reload.
  await page.getByLabel("Premier accounts only").check();
  await expect(page).toHaveURL(`${base}/customers?premier=true`);
  await expect(customers.getByRole("row")).toHaveCount(2);
  await page.getByLabel("Premier accounts only").uncheck();
  await page.getByLabel("Segment").selectOption("Mid-market");
  await expect(page).toHaveURL(`${base}/customers?segment=Mid-market`);
  await page.reload();
  await expect(page.getByLabel("Segment")).toHaveValue("Mid-market");
  await expect(customers.getByRole("row")).toHaveCount(2);
  await expect(customers).toContainText("Nordwind Logistics");
  await page.getByLabel("Segment").selectOption("");
  await expect(customers.getByRole("row")).toHaveCount(3);
  await inspect("customers");
});

test("an admin sets the thresholds, the time rules and the rubric, and renames the workspace", async ({
  page,
  inspect,
}) => {
  test.setTimeout(120_000);
  const { base } = await adminWorkspace(page, "Method works");

  // Thresholds in plain words, with the API's limits.
  await page.goto(base);
  await main(page).getByRole("link", { name: "Settings" }).click();
  await page.getByRole("link", { name: "Rubric & thresholds" }).click();
  await expect(page).toHaveURL(`${base}/settings/method`);
  await expect(page.getByRole("heading", { level: 1, name: "Rubric & thresholds" })).toBeVisible();
  const stalled = page.getByLabel(
    "Days without an iteration before a running pilot is stalled (45)",
  );
  await expect(stalled).toHaveValue("45");
  await stalled.fill("400");
  await page.getByRole("button", { name: "Save thresholds" }).click();
  await expect(stalled).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Enter a whole number from 1 to 365.")).toBeVisible();
  await stalled.fill("30");
  await page.getByRole("button", { name: "Save thresholds" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Thresholds saved" })).toBeVisible();

  // The time the method needs before a scale review: 0 turns a check off.
  const time = page.getByRole("region", { name: "Time the method needs" });
  const minRunning = time.getByLabel("Days a pilot must run before its scale review (60)");
  const minIteration = time.getByLabel(
    "Days an iteration must last to count toward the scale review (14)",
  );
  await expect(minRunning).toHaveValue("60");
  await expect(minIteration).toHaveValue("14");
  await expect(time.getByText(/0 turns the check off\./)).toHaveCount(2);
  await minRunning.fill("4000");
  await time.getByRole("button", { name: "Save time rules" }).click();
  await expect(minRunning).toHaveAttribute("aria-invalid", "true");
  await expect(time.getByText("Enter a whole number from 0 to 3650.")).toBeVisible();
  await minRunning.fill("90");
  await minIteration.fill("0");
  await time.getByRole("button", { name: "Save time rules" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Time rules saved" })).toBeVisible();
  // Saving one group leaves the other as it was saved.
  await expect(stalled).toHaveValue("30");

  // The rubric needs at least one weight above 0.
  const criteria = page.getByRole("group", { name: /^Criterion \d+$/ });
  await expect(criteria).toHaveCount(5);
  for (let i = 0; i < 5; i++) await criteria.nth(i).getByLabel("Weight").fill("0");
  await page.getByRole("button", { name: "Save rubric" }).click();
  await expect(
    page.getByText("Weight at least one criterion above 0, or no candidate can score."),
  ).toBeVisible();
  await page.getByRole("button", { name: "Discard changes" }).click();
  await page.getByRole("button", { name: "Add criterion" }).click();
  const added = page.getByRole("group", { name: "Criterion 6" });
  await expect(added.getByLabel("Label")).toBeFocused();
  await added.getByLabel("Label").fill("Budget holder on board");
  await added.getByLabel("Weight").focus();
  await expect(added.getByLabel("Key")).toHaveValue("budget_holder_on_board");
  await added.getByLabel("Weight").fill("2");
  await inspect("method-settings");
  await page.getByRole("button", { name: "Save rubric" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Rubric saved" })).toBeVisible();

  await page.reload();
  await expect(stalled).toHaveValue("30");
  await expect(minRunning).toHaveValue("90");
  await expect(minIteration).toHaveValue("0");
  await expect(page.getByRole("group", { name: "Criterion 6" }).getByLabel("Key")).toHaveValue(
    "budget_holder_on_board",
  );

  // Workspace settings: rename.
  await page.goto(`${base}/settings/workspace`);
  await page.getByLabel("Name").fill("Method works EMEA");
  await page.getByLabel("Currency").fill("eur");
  await page.getByRole("button", { name: "Save workspace" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: "Workspace “Method works EMEA” saved" }),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: "Workspace: Method works EMEA" })).toBeVisible();
  await inspect("workspace-settings");
});

test("a viewer reads departments, customers and the method without a control to change them", async ({
  page,
  browser,
  inspect,
}) => {
  test.setTimeout(120_000);
  // Ada sets the workspace up through the API, in a browser of her own.
  const adaContext = await browser.newContext();
  const ada = await adaContext.newPage();
  const { admin, workspace, base } = await adminWorkspace(ada, "Method works EMEA");
  const path = `/workspaces/${workspace.id}`;
  await admin.post(`${path}/departments`, {
    name: "Field service",
    lead_name: "Maria Jensen",
    kpi: "First-time fix rate",
  });
  await admin.post(`${path}/departments`, {
    name: "Finance",
    lead_name: "Tove Berg",
    kpi: "Days sales outstanding",
  });
  await admin.post(`${path}/customers`, {
    name: "Atlas Retail Group",
    segment: "Enterprise",
    is_premier_account: true,
  });
  await admin.post(`${path}/customers`, { name: "Nordwind Logistics", segment: "Mid-market" });
  const settings = (await (await ada.request.get(`/api/v1${path}/settings`)).json()) as {
    rubric: { key: string; label: string; weight: number }[];
  };
  await admin.patch(`${path}/settings`, {
    rubric: [
      ...settings.rubric,
      { key: "budget_holder_on_board", label: "Budget holder on board", weight: 2 },
    ],
    thresholds: { min_running_days: 90, min_iteration_days: 0 },
  });
  await adaContext.close();

  // Vic reads everything and finds no control that changes anything.
  await signInAs(page, VIEWER);
  await page.goto(`${base}/departments`);
  await expect(page.getByRole("table", { name: "Departments" }).getByRole("row")).toHaveCount(3);
  await expect(page.getByRole("button", { name: "New department" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^(Edit|Delete) / })).toHaveCount(0);
  await inspect("departments-viewer");

  await main(page).getByRole("link", { name: "Customers" }).click();
  await expect(page.getByRole("table", { name: "Customers" }).getByRole("row")).toHaveCount(3);
  await expect(page.getByRole("button", { name: "New customer" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^(Edit|Delete) / })).toHaveCount(0);

  await page.goto(`${base}/settings/method`);
  await expect(page.getByRole("table", { name: "Rubric criteria" })).toContainText(
    "Budget holder on board",
  );
  await expect(page.getByRole("spinbutton")).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Save/ })).toHaveCount(0);
  await expect(page.getByText("Only admins can change them.")).toBeVisible();
  const readOnlyTime = page.getByRole("region", { name: "Time the method needs" });
  await expect(readOnlyTime.getByRole("definition")).toHaveText(["90", "Off"]);
  await inspect("method-settings-viewer");

  await page.goto(`${base}/settings/workspace`);
  await expect(page.getByRole("textbox")).toHaveCount(0);
  await expect(page.getByText("Method works EMEA").first()).toBeVisible();
});
