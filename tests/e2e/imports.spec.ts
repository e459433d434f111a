import type { Page } from "@playwright/test";
import { ADMIN, expect, signInAs, test, VIEWER } from "./fixtures";

/**
 * One story: an admin finds the CSV import from the empty customer list, downloads the template,
 * uploads a file with mistakes and reads the error report, fixes it, previews and imports it;
 * then imports departments by drag and drop. A viewer is told who can import.
 */
test.describe.configure({ mode: "serial" });

async function api(page: Page, method: "POST", path: string, data: unknown) {
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

const csv = (name: string, text: string) => ({
  name,
  mimeType: "text/csv",
  buffer: Buffer.from(text, "utf-8"),
});

const WITH_MISTAKES = [
  "name,segment,annual_revenue,is_premier_account,external_id,notes",
  "Nordwind Logistics,Mid-market,1250000,no,CRM-1,New depot in May",
  "St. Agnes Hospital,Healthcare,1.2 M,no,CRM-2,",
  '"Globex Group",Enterprise,90000000,maybe,CRM-3,"Key account,',
  'do not risk it"',
  ",Retail,,,CRM-4,",
].join("\n");

const FIXED = [
  "name,segment,annual_revenue,is_premier_account,external_id,notes",
  "Nordwind Logistics,Mid-market,1250000,no,CRM-1,New depot in May",
  "St. Agnes Hospital,Healthcare,1200000,no,CRM-2,",
  '"Globex Group",Enterprise,90000000,yes,CRM-3,"Key account,',
  'do not risk it"',
].join("\n");

test("an admin imports customers with a preview and departments by drag and drop", async ({
  page,
  inspect: inspectPage,
}) => {
  test.setTimeout(240_000);
  const inspect = async (name: string) => {
    await page.evaluate(() => window.scrollTo(0, 0));
    await inspectPage(name);
  };
  await signInAs(page, ADMIN);
  const workspace = await api(page, "POST", "/workspaces", {
    name: "Imports e2e",
    currency: "EUR",
  });
  await api(page, "POST", `/workspaces/${workspace.id}/members`, {
    email: VIEWER.email,
    role: "viewer",
  });

  // The empty customer list offers the import next to the one-by-one form.
  await page.goto(`/w/${workspace.id}/customers`);
  await expect(page.getByRole("heading", { name: "No customers yet" })).toBeVisible();
  await page.getByRole("link", { name: "Import CSV" }).click();
  await expect(page).toHaveURL(/\/settings\/import\?kind=customers$/);
  await expect(page.getByRole("heading", { level: 1, name: "Import from CSV" })).toBeVisible();
  await expect(page.getByRole("radio", { name: "Customers" })).toBeChecked();
  await inspect("imports-empty");

  // The template has the API's columns.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download template" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("pilotboard-customers-template.csv");
  const template = await download.createReadStream().then(
    (stream) =>
      new Promise<string>((resolve) => {
        let text = "";
        stream.on("data", (chunk) => {
          text += chunk;
        });
        stream.on("end", () => resolve(text));
      }),
  );
  expect(template.split("\r\n")[0]).toBe(
    "\ufeffname,segment,annual_revenue,is_premier_account,external_id,notes",
  );

  // A file with mistakes: the report names each line (a quoted value spans lines 4-5).
  await page.getByLabel("CSV file").setInputFiles(csv("crm-export.csv", WITH_MISTAKES));
  await expect(page.getByRole("heading", { name: "Fix the file before importing" })).toBeVisible();
  await expect(page.getByText("4 records: 1 valid, 3 with errors.")).toBeVisible();
  const problems = page.getByRole("table", { name: "3 problems" });
  await expect(problems.getByRole("row")).toHaveCount(4);
  await expect(problems.getByRole("row").nth(1)).toContainText("3");
  await expect(problems.getByRole("row").nth(1)).toContainText("annual_revenue");
  await expect(problems.getByRole("row").nth(1)).toContainText("Not a number: “1.2 M”");
  await expect(problems.getByRole("row").nth(2)).toContainText("is_premier_account");
  await expect(problems.getByRole("row").nth(3)).toContainText("The name cannot be blank.");
  await expect(page.getByRole("button", { name: /^Import \d/ })).toHaveCount(0);
  await inspect("imports-errors");

  // The fixed file previews what will happen; importing shows what did.
  await page.getByLabel("CSV file").setInputFiles(csv("crm-export.csv", FIXED));
  await expect(page.getByRole("heading", { name: "Ready to import" })).toBeVisible();
  await expect(
    page.getByText("Importing gives 3 new customers, 0 updated, 0 unchanged."),
  ).toBeVisible();
  await inspect("imports-preview");
  await page.getByRole("button", { name: "Import 3 customers" }).click();
  await expect(page.getByRole("heading", { name: "Import complete" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Imported customers" })).toBeVisible();
  await inspect("imports-done");
  await page.getByRole("link", { name: "View customers" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Customers" })).toBeVisible();
  // In the order of the file.
  const rows = page.getByRole("table", { name: "Customers" }).getByRole("row");
  await expect(rows.nth(1)).toContainText("Nordwind Logistics");
  await expect(rows.nth(2)).toContainText("St. Agnes Hospital");
  await expect(rows.nth(3)).toContainText("Globex Group");
  await expect(rows.nth(3)).toContainText("Premier");

  // Importing the same file again changes nothing, and the page says so.
  await page.goto(`/w/${workspace.id}/settings/import?kind=customers`);
  await page.getByLabel("CSV file").setInputFiles(csv("crm-export.csv", FIXED));
  await expect(page.getByText("Everything in this file is already in Pilotboard.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Import 3 customers" })).toBeDisabled();

  // Departments, dropped onto the page.
  await page.getByRole("radio", { name: "Departments" }).check();
  await expect(page).toHaveURL(/kind=departments$/);
  const dropped = await page.evaluateHandle(() => {
    const transfer = new DataTransfer();
    transfer.items.add(
      new File(
        ["name,lead_name,kpi\nSupply chain,Sam,Picking cost\nSales,Dana,Orders\n"],
        "departments.csv",
        {
          type: "text/csv",
        },
      ),
    );
    return transfer;
  });
  await page.getByText("Drag your department file here, or choose it.").dispatchEvent("drop", {
    dataTransfer: dropped,
  });
  await expect(page.getByText("departments.csv", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Import 2 departments" }).click();
  await expect(page.getByRole("heading", { name: "Import complete" })).toBeVisible();
  await page.getByRole("link", { name: "View departments" }).click();
  await expect(page.getByRole("table", { name: "Departments" })).toContainText("Supply chain");

  // A viewer is told who can import.
  await page.context().clearCookies();
  await signInAs(page, VIEWER);
  await page.goto(`/w/${workspace.id}/settings/import`);
  await expect(
    page.getByRole("heading", { name: "Only editors and admins can import" }),
  ).toBeVisible();
  await expect(page.getByLabel("CSV file")).toHaveCount(0);
});
