import { ADMIN, expect, signInAs, test } from "./fixtures";
import { createWorkspace, myId, runningPilot } from "./pilot-api";

/**
 * Two people edit the same pilot in two browsers. The second save is refused (412): the dialog
 * says who changed what and when; reloading shows their version, overwriting applies the change
 * on top of theirs. The same holds for a part of the pilot (a metric). Nothing is silently lost.
 */
test("saving over someone else's change says who, when and what, then reloads or overwrites", async ({
  page,
  browser,
  inspect: inspectPage,
}) => {
  test.setTimeout(240_000);
  await signInAs(page, ADMIN);
  const ws = await createWorkspace(page, "Conflicts e2e");
  const pilot = await runningPilot(page, ws, "Same-day spare parts", await myId(page));
  const pilotUrl = `/w/${ws.id}/pilots/${pilot.id}`;

  // Two pages on the same pilot: this one (B) and another browser (A).
  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  await signInAs(other, ADMIN);
  await other.goto(pilotUrl);
  await page.goto(pilotUrl);
  await expect(page.getByRole("heading", { level: 1, name: "Same-day spare parts" })).toBeVisible();
  await expect(
    other.getByRole("heading", { level: 1, name: "Same-day spare parts" }),
  ).toBeVisible();

  // A renames the pilot.
  await other.getByRole("button", { name: "Edit details" }).click();
  let dialog = other.getByRole("dialog", { name: "Edit pilot details" });
  await dialog.getByLabel("Title").fill("Same-day spare parts (North)");
  await dialog.getByRole("button", { name: "Save details" }).click();
  await expect(dialog).toBeHidden();
  await expect(
    other.getByRole("heading", { level: 1, name: "Same-day spare parts (North)" }),
  ).toBeVisible();

  // B, still showing the old pilot, sets a budget: refused, and told who changed what, when.
  await page.getByRole("button", { name: "Edit details" }).click();
  dialog = page.getByRole("dialog", { name: "Edit pilot details" });
  await dialog.getByLabel("Budget").fill("25000");
  await dialog.getByRole("button", { name: "Save details" }).click();
  const conflict = page.getByRole("dialog", { name: "Someone changed this pilot" });
  await expect(conflict).toContainText(`${ADMIN.name} (Pilot updated: title)`);
  await expect(conflict).toContainText(/just now|minute ago/);
  await expect(conflict).toContainText("You saw: Same-day spare parts");
  await expect(conflict).toContainText("Now: Same-day spare parts (North)");
  await expect(conflict).toContainText("Your change was not saved.");
  await page.evaluate(() => window.scrollTo(0, 0));
  await inspectPage("pilot-conflict");

  // Reload: B now sees A's title; B's budget was not applied.
  await conflict.getByRole("button", { name: "Reload" }).click();
  await expect(conflict).toBeHidden();
  await expect(
    page.getByRole("heading", { level: 1, name: "Same-day spare parts (North)" }),
  ).toBeVisible();
  const pilotNow = await page.request.get(`/api/v1${ws.path}/pilots/${pilot.id}`);
  expect((await pilotNow.json()).budget).toBeNull();

  // Saved again on the fresh copy, the budget goes through.
  await page.getByRole("button", { name: "Edit details" }).click();
  dialog = page.getByRole("dialog", { name: "Edit pilot details" });
  await dialog.getByLabel("Budget").fill("25000");
  await dialog.getByRole("button", { name: "Save details" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: "Pilot details saved" })).toBeVisible();

  // Now A is the stale one: A changes the hypothesis and deliberately overwrites.
  await other.getByRole("button", { name: "Edit details" }).click();
  dialog = other.getByRole("dialog", { name: "Edit pilot details" });
  await dialog.getByLabel("Hypothesis").fill("Same-day parts halve the customer's downtime.");
  await dialog.getByRole("button", { name: "Save details" }).click();
  const otherConflict = other.getByRole("dialog", { name: "Someone changed this pilot" });
  await expect(otherConflict).toContainText("Budget");
  await expect(otherConflict).toContainText("Now: 25,000");
  await otherConflict.getByRole("button", { name: "Overwrite anyway" }).click();
  await expect(otherConflict).toBeHidden();
  await expect(
    other.getByRole("status").filter({ hasText: "Your change was saved over theirs" }),
  ).toBeVisible();
  await expect(
    other.getByText("Hypothesis: Same-day parts halve the customer's downtime."),
  ).toBeVisible();
  // Only A's own change was sent: B's budget survives the overwrite.
  const overwritten = await (await page.request.get(`/api/v1${ws.path}/pilots/${pilot.id}`)).json();
  expect([overwritten.title, overwritten.budget, overwritten.hypothesis]).toEqual([
    "Same-day spare parts (North)",
    25000,
    "Same-day parts halve the customer's downtime.",
  ]);

  // The same for a part of the pilot: A renames the metric, B changes its target.
  await page.reload();
  await other.reload();
  const metricOf = (p: typeof page) => p.getByRole("region", { name: "Metrics" });
  await metricOf(other).getByRole("button", { name: "Edit metric Machine downtime" }).click();
  dialog = other.getByRole("dialog", { name: "Edit metric Machine downtime" });
  await dialog.getByLabel("Name").fill("Machine downtime at the customer");
  await dialog.getByRole("button", { name: "Save metric" }).click();
  await expect(dialog).toBeHidden();

  await metricOf(page).getByRole("button", { name: "Edit metric Machine downtime" }).click();
  dialog = page.getByRole("dialog", { name: "Edit metric Machine downtime" });
  await dialog.getByLabel("Target").fill("6");
  // The pilot runs: moving a target needs a reason, which the overwrite keeps.
  await dialog.getByLabel("Why are you changing it?").fill("The customer wants a tighter goal.");
  await dialog.getByRole("button", { name: "Save metric" }).click();
  await expect(conflict).toContainText("You saw: Machine downtime");
  await expect(conflict).toContainText("Now: Machine downtime at the customer");
  await conflict.getByRole("button", { name: "Overwrite anyway" }).click();
  await expect(conflict).toBeHidden();
  // Both changes stand: A's name and B's target.
  await expect(metricOf(page)).toContainText("Machine downtime at the customer");
  await expect(metricOf(page)).toContainText("12 → 6 h");
  await otherContext.close();
});
