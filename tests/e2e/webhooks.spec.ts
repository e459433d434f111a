import type { APIRequestContext, Page } from "@playwright/test";
import { ADMIN, expect, signInAs, test, VIEWER } from "./fixtures";

/**
 * An admin connects a receiver: adds a webhook (refused first for a private address), copies the
 * secret shown once, watches a delivery and its attempt in the log, edits, disables, enables and
 * deletes it. A viewer is told that only admins manage webhooks.
 *
 * The receiver is `hooks.example.com`, a name that never resolves: the delivery fails with that
 * reason and is retried, on any machine, without sending anything anywhere.
 */
test.describe.configure({ mode: "serial" });

async function api(page: Page) {
  const cookies = await page.context().cookies();
  const csrf = cookies.find((c) => c.name === "pilotboard_csrf")?.value ?? "";
  const request: APIRequestContext = page.request;
  const headers = { "X-CSRF-Token": decodeURIComponent(csrf) };
  return {
    post: async (path: string, data: unknown) => {
      const response = await request.post(`/api/v1${path}`, { data, headers });
      expect(response.status(), `POST ${path}`).toBe(201);
      return (await response.json()) as { id: string };
    },
  };
}

const RECEIVER = "https://hooks.example.com/pilotboard";

test("an admin connects, watches, edits and removes a webhook; a viewer cannot", async ({
  page,
  browser,
  inspect,
}) => {
  test.setTimeout(180_000);

  await signInAs(page, ADMIN);
  const admin = await api(page);
  const workspace = await admin.post("/workspaces", { name: "Hooked", currency: "EUR" });
  await admin.post(`/workspaces/${workspace.id}/members`, { email: VIEWER.email, role: "viewer" });
  const base = `/w/${workspace.id}`;

  // From the settings hub to the empty state, which explains what webhooks are for.
  await page.goto(`${base}/settings`);
  await page.getByRole("link", { name: "Webhooks" }).click();
  await expect(page).toHaveURL(`${base}/settings/webhooks`);
  await expect(page.getByRole("heading", { name: "No webhooks yet" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Add webhook" })).toHaveCount(1);
  await inspect("webhooks-empty");

  // A private address is refused at the URL field, with the server's reason.
  await page.getByRole("button", { name: "Add webhook" }).click();
  const dialog = page.getByRole("dialog", { name: "Add webhook" });
  await dialog.getByLabel("Endpoint URL").fill("http://10.0.0.1/hooks");
  await dialog.getByRole("button", { name: "Add webhook" }).click();
  await expect(
    dialog.getByText("10.0.0.1 is a private address; webhooks only go to public servers."),
  ).toBeVisible();
  await expect(dialog.getByLabel("Endpoint URL")).toHaveAttribute("aria-invalid", "true");

  await dialog.getByLabel("Endpoint URL").fill(RECEIVER);
  await dialog.getByLabel("Description (optional)").fill("CRM sync");
  await dialog.getByRole("checkbox", { name: /Pilot proposed/ }).check();
  await expect(dialog.getByRole("checkbox", { name: /Health changed/ })).toBeChecked();
  await inspect("webhook-dialog");
  await dialog.getByRole("button", { name: "Add webhook" }).click();

  // The signing secret, once.
  const secretDialog = page.getByRole("dialog", { name: "Copy the signing secret" });
  await expect(secretDialog.getByLabel("Signing secret")).toHaveValue(/^whsec_[A-Za-z0-9+/]{43}=$/);
  await expect(secretDialog).toContainText("This is the only time it is shown.");
  const firstSecret = await secretDialog.getByLabel("Signing secret").inputValue();
  await inspect("webhook-secret");
  await secretDialog.getByRole("button", { name: "Done" }).click();
  await expect(secretDialog).toBeHidden();

  const list = page.getByRole("list", { name: "Webhooks" });
  await expect(list.getByRole("link", { name: RECEIVER })).toBeVisible();
  await expect(list).toContainText("Enabled");
  await expect(list).toContainText(
    "Pilot proposed · Stage changed · Health changed · Decision recorded",
  );
  await inspect("webhooks-list");

  // A pilot is proposed: the event goes out, the attempt and its failure show in the log.
  await admin.post(`/workspaces/${workspace.id}/pilots`, {
    title: "Vendor-managed inventory",
    target_outcome: "business_process",
  });
  await list.getByRole("link", { name: RECEIVER }).click();
  await expect(page.getByRole("heading", { name: RECEIVER })).toBeVisible();
  const deliveries = page.getByRole("list", { name: "Deliveries" });
  const delivery = deliveries.getByRole("listitem").first();
  await expect(delivery).toContainText("Pilot proposed");
  await expect(delivery).toContainText("1 attempt", { timeout: 20_000 });
  await expect(delivery).toContainText("Retrying");
  await delivery.getByText("Pilot proposed").click();
  const attempts = delivery.getByRole("list", { name: "Attempts" });
  await expect(attempts).toContainText("Attempt 1");
  await expect(attempts).toContainText("Not sent: The host “hooks.example.com” could not be");
  await expect(delivery).toContainText('"type": "pilot.created"');
  await expect(page.getByText("Deliveries have been failing since")).toBeVisible();
  await inspect("webhook-deliveries");

  // Edit the events.
  await page.getByRole("button", { name: "Edit", exact: true }).click();
  const edit = page.getByRole("dialog", { name: "Edit webhook" });
  await expect(edit.getByLabel("Endpoint URL")).toHaveValue(RECEIVER);
  await edit.getByRole("checkbox", { name: /Measurement recorded/ }).check();
  await edit.getByRole("button", { name: "Save webhook" }).click();
  await expect(edit).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: "Webhook saved" })).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: "measurement.created" })).toBeVisible();

  // Disable (confirmed), then enable again.
  await page.getByRole("button", { name: "Disable", exact: true }).click();
  const confirm = page.getByRole("alertdialog", { name: "Disable this webhook?" });
  await confirm.getByRole("button", { name: "Disable webhook" }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByText("Disabled", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Enable", exact: true }).click();
  // Enabled again; the worker may retry the pending delivery at once and mark it
  // failing again, so the badge can read either word, never "Disabled".
  await expect(page.getByRole("status").filter({ hasText: "Webhook enabled" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Disable", exact: true })).toBeVisible();
  await expect(page.getByText(/^(Enabled|Failing)$/)).toBeVisible();

  // Replace the signing secret (confirmed): the new one is shown once and differs.
  await page.getByRole("button", { name: "Replace secret" }).click();
  const replace = page.getByRole("alertdialog", { name: "Replace the signing secret?" });
  await replace.getByRole("button", { name: "Replace secret" }).click();
  const newSecret = page.getByRole("dialog", { name: "Copy the signing secret" });
  await expect(newSecret.getByLabel("Signing secret")).toHaveValue(/^whsec_[A-Za-z0-9+/]{43}=$/);
  expect(await newSecret.getByLabel("Signing secret").inputValue()).not.toBe(firstSecret);
  await newSecret.getByRole("button", { name: "Done" }).click();
  await expect(newSecret).toBeHidden();

  // Delete, after saying what is lost.
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  const remove = page.getByRole("alertdialog", { name: "Delete this webhook?" });
  await expect(remove).toContainText("its delivery log is deleted");
  await remove.getByRole("button", { name: "Delete webhook" }).click();
  await expect(page).toHaveURL(`${base}/settings/webhooks`);
  await expect(page.getByRole("heading", { name: "No webhooks yet" })).toBeVisible();

  // A viewer finds no link to webhooks, and the page says who manages them.
  const viewerContext = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const viewer = await viewerContext.newPage();
  await signInAs(viewer, VIEWER);
  await viewer.goto(`${base}/settings`);
  const hub = viewer.getByRole("main");
  await expect(hub.getByRole("link", { name: "API tokens" })).toBeVisible();
  await expect(hub.getByRole("link", { name: "Webhooks" })).toHaveCount(0);
  await viewer.goto(`${base}/settings/webhooks`);
  await expect(viewer.getByRole("heading", { name: "Only admins manage webhooks" })).toBeVisible();
  await viewerContext.close();
});
