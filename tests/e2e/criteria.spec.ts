import { ADMIN, expect, signInAs, test } from "./fixtures";
import { api, createWorkspace, daysAgo, myId, runningPilot } from "./pilot-api";

/**
 * Method integrity on a running pilot. Success criteria were fixed at the start: moving a target
 * now needs a reason, which the metric card keeps and the pilot flags for the executives; a target
 * on the wrong side of the baseline is refused. The gate into the scale review waits for time
 * and says on which day it will be ready; the revenue metric says what its values are per.
 */

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** "3 March 2027" for the (UTC) day `days` from today, as the gate writes it. */
function dayFromToday(days: number): string {
  const day = new Date(Date.now() + days * 86_400_000);
  return `${day.getUTCDate()} ${MONTHS[day.getUTCMonth()]} ${day.getUTCFullYear()}`;
}

test("criteria changed after the start need a reason, and the gate waits for time", async ({
  page,
  inspect: inspectPage,
}) => {
  test.setTimeout(240_000);
  const inspect = async (name: string) => {
    await page.evaluate(() => window.scrollTo(0, 0));
    await inspectPage(name);
  };
  await signInAs(page, ADMIN);
  const ws = await createWorkspace(page, "Criteria e2e");
  const pilot = await runningPilot(page, ws, "Same-day spare parts", await myId(page));
  const p = `${ws.path}/pilots/${pilot.id}`;

  // Two iterations of three weeks, measured; a revenue metric measured per month.
  for (const [started, ended, value] of [
    [daysAgo(45), daysAgo(24), 10],
    [daysAgo(23), daysAgo(2), 9],
  ] as const) {
    const iteration = await api<{ id: string }>(page, "POST", `${p}/iterations`, {
      started_on: started,
      ended_on: ended,
      changes: "Parts staged closer to the customer.",
      change_order: 1,
    });
    await api(page, "POST", `${p}/metrics/${pilot.metricId}/measurements`, {
      value,
      measured_on: ended,
      iteration_id: iteration.id,
    });
  }
  const revenue = await api<{ id: string }>(page, "POST", `${p}/metrics`, {
    name: "Parts revenue",
    unit: "€",
    direction: "increase",
    kind: "internal",
    baseline: 40000,
    target: 46000,
    is_revenue: true,
    revenue_period: "month",
  });
  await api(page, "POST", `${p}/metrics/${revenue.id}/measurements`, {
    value: 43000,
    measured_on: daysAgo(2),
  });

  await page.goto(`/w/${ws.id}/pilots/${pilot.id}`);
  await expect(page.getByRole("heading", { level: 1, name: "Same-day spare parts" })).toBeVisible();
  const banner = page.getByRole("note", {
    name: "This pilot's success criteria changed after the start",
  });
  await expect(banner).toHaveCount(0);

  // Only time is missing: the gate says when the pilot will be ready, and why it waits.
  const readyOn = dayFromToday(60);
  const next = page.locator("#next-step");
  await expect(next.getByText(`Ready on ${readyOn}`, { exact: true })).toBeVisible();
  await expect(next).toContainText("Everything else is in place");
  await expect(next.getByRole("list", { name: "Ready for Scale review" })).toContainText(
    `Not met: The pilot has run at least 60 days (0 so far; ready on ${readyOn}).`,
  );
  await expect(page.getByRole("button", { name: "Move to Scale review" })).toBeDisabled();
  await expect(next).toContainText(`Possible from ${readyOn}.`);

  // The revenue metric says what its values are per; the gain is counted per year.
  const metrics = page.getByRole("region", { name: "Metrics" });
  const revenueCard = metrics.getByRole("listitem").filter({ hasText: "Parts revenue" });
  await expect(revenueCard).toContainText("Revenue, per month");
  await expect(revenueCard).toContainText("40,000 → 46,000 € per month");
  await expect(revenueCard).toContainText("(the monthly gain × 12)");
  await expect(revenueCard).toContainText("Revenue gain: +€36,000 per year");
  await inspect("pilot-ready-on");

  // Its dialog asks what the revenue is per.
  await metrics.getByRole("button", { name: "Edit metric Parts revenue" }).click();
  const revenueDialog = page.getByRole("dialog", { name: "Edit metric Parts revenue" });
  await expect(revenueDialog.getByLabel("This is the pilot's revenue metric")).toBeChecked();
  await expect(revenueDialog.getByLabel("Revenue is per")).toHaveValue("month");
  await inspect("metric-revenue-dialog");
  await revenueDialog.getByRole("button", { name: "Cancel" }).click();
  await expect(revenueDialog).toBeHidden();

  // The editor moves the downtime target: the dialog explains the rule and asks why.
  await metrics.getByRole("button", { name: "Edit metric Machine downtime" }).click();
  const dialog = page.getByRole("dialog", { name: "Edit metric Machine downtime" });
  await expect(dialog).toContainText("The pilot has started, so its success criteria are fixed");
  await expect(dialog.getByLabel("Why are you changing it?")).toHaveCount(0);

  // A target above the baseline, when lower is better, is refused at the field.
  const target = dialog.getByLabel("Target");
  await target.fill("14");
  await dialog.getByRole("button", { name: "Save metric" }).click();
  await expect(target).toHaveAttribute("aria-invalid", "true");
  await expect(
    dialog.getByText(
      "For a metric where lower is better, the target must be below the baseline (12).",
    ),
  ).toBeVisible();

  // A better target, first without a reason: the form says it is needed.
  await target.fill("7");
  await expect(
    dialog.getByText(
      "Success criteria are fixed at the start so nobody moves the goalposts. This change will be recorded on the metric and flagged to the executives.",
    ),
  ).toBeVisible();
  const reason = dialog.getByLabel("Why are you changing it?");
  await dialog.getByRole("button", { name: "Save metric" }).click();
  await expect(reason).toHaveAttribute("aria-invalid", "true");
  await expect(reason).toBeFocused();
  await expect(
    dialog.getByText("Say why you are changing it: the reason is recorded with the change."),
  ).toBeVisible();
  await expect(target).not.toHaveAttribute("aria-invalid", "true");
  await inspect("metric-reason");

  await reason.fill("The customer's night shift joined: 7 h is what they need.");
  await dialog.getByRole("button", { name: "Save metric" }).click();
  await expect(dialog).toBeHidden();
  await expect(
    page.getByRole("status").filter({ hasText: "the change is recorded on it" }),
  ).toBeVisible();

  // The card tells what moved, when, by whom and why; the pilot shows the flag near the top.
  const downtime = metrics.getByRole("listitem").filter({ hasText: "Machine downtime" });
  await expect(downtime).toContainText("12 → 7 h");
  const history = downtime.getByRole("region", { name: "Changed after the start" });
  await expect(history).toContainText(
    `Target moved from 8 h to 7 h on ${dayFromToday(0)} by ${ADMIN.name} because “The customer's night shift joined: 7 h is what they need.”`,
  );
  await expect(banner).toBeVisible();
  await expect(page.getByRole("link", { name: "see the metrics" })).toHaveAttribute(
    "href",
    "#metrics",
  );
  await inspect("criteria-changed");

  // Deleting a metric after the start asks why too.
  await metrics.getByRole("button", { name: "Delete metric Parts revenue" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Delete the metric Parts revenue?" });
  await confirm.getByRole("button", { name: "Delete metric" }).click();
  await expect(confirm.getByLabel("Why are you deleting it?")).toBeFocused();
  await expect(
    confirm.getByText("Say why the metric goes: the reason is kept in the activity."),
  ).toBeVisible();
  await confirm
    .getByLabel("Why are you deleting it?")
    .fill("Revenue is tracked by finance for the whole region.");
  await confirm.getByRole("button", { name: "Delete metric" }).click();
  await expect(confirm).toBeHidden();
  await expect(metrics.getByRole("listitem").filter({ hasText: "Parts revenue" })).toHaveCount(0);
});
