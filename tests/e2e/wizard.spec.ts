import { ADMIN, expect, signInAs, test } from "./fixtures";
import { createWorkspace, scoreCandidate } from "./pilot-api";

/**
 * The new-pilot wizard, as a person uses it: from the empty list through every step into
 * `running`, leaving halfway and coming back to where it stopped. Each step saves as it goes.
 */
test("an editor sets up a pilot with the wizard, leaves halfway, resumes and starts it", async ({
  page,
  inspect: inspectPage,
}) => {
  test.setTimeout(300_000);
  const inspect = async (name: string) => {
    await page.evaluate(() => window.scrollTo(0, 0));
    await inspectPage(name);
  };
  await signInAs(page, ADMIN);
  const ws = await createWorkspace(page, "Wizard e2e");

  // The empty list starts the wizard.
  await page.goto(`/w/${ws.id}/pilots`);
  await page.getByRole("link", { name: "Start your first pilot" }).click();
  await expect(page).toHaveURL(`/w/${ws.id}/pilots/new`);
  const steps = page.getByRole("navigation", { name: "Setup steps" });
  await expect(steps.locator("[aria-current=page]")).toContainText("Hypothesis");

  // (a) Hypothesis and outcome: errors at the field, the three outcomes explained.
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(page.getByText("Give the pilot a title.")).toBeVisible();
  await expect(page.getByText("Choose the outcome the pilot targets.")).toBeVisible();
  await expect(page.getByLabel("Title")).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("Title").fill("Same-day spare parts");
  await page
    .getByLabel("Hypothesis")
    .fill("Delivering spare parts the same day cuts the customer's machine downtime by a third.");
  await expect(page.getByText("One of the customer's own processes becomes faster")).toBeVisible();
  await page.getByRole("radio", { name: /Business process/ }).check();
  await inspect("wizard-outcome");
  await page.getByRole("button", { name: "Save and continue" }).click();

  // (b) Candidates: scored, ranked live, the premier account flagged, one chosen with a reason.
  await expect(page).toHaveURL(/\/pilots\/[0-9a-f-]{36}\/setup\?step=customer$/);
  const pilotPath = new URL(page.url()).pathname.replace(/\/setup$/, "");
  await expect(page.getByRole("heading", { name: "Candidate customers" })).toBeVisible();
  const addCandidate = async (
    customer: string | { create: string },
    scores: number[],
    expectRank: string,
  ) => {
    await page.getByRole("button", { name: "Add a candidate" }).click();
    const dialog = page.getByRole("dialog", { name: "Add a candidate customer" });
    if (typeof customer === "string") {
      await dialog.getByLabel("Customer", { exact: true }).selectOption({ label: customer });
    } else {
      await dialog.getByRole("radio", { name: "A new customer" }).check();
      await dialog.getByLabel("Customer name").fill(customer.create);
    }
    await scoreCandidate(dialog, scores);
    await expect(dialog.getByRole("status")).toContainText(expectRank);
    return dialog;
  };
  let dialog = await addCandidate("Northwind Depot", [5, 4, 5, 4, 4], "would rank 1st of 1");
  await expect(dialog.getByRole("status")).toContainText("Weighted score: 85 / 100");
  await expect(dialog.getByRole("status")).toContainText("Risk if chosen: Low");
  await dialog.getByRole("button", { name: "Add candidate" }).click();
  await expect(dialog).toBeHidden();
  // Comparing customers is what the selecting stage is: the draft moves there by itself.
  await expect(
    page.getByRole("status").filter({ hasText: "the pilot is now Selecting" }),
  ).toBeVisible();

  dialog = await addCandidate("Globex Group (premier account)", [3, 3, 3, 3, 3], "2nd of 2");
  await expect(dialog.getByRole("note")).toContainText("Globex Group is a premier account");
  await expect(dialog.getByRole("note")).toContainText("red flag");
  await expect(dialog.getByRole("status")).toContainText("Risk if chosen: High");
  await inspect("wizard-candidate-dialog");
  await dialog.getByRole("button", { name: "Add candidate" }).click();
  await expect(dialog).toBeHidden();

  // A customer not in the list yet is created right here.
  // A premier account ranks after every other candidate, whatever its score (issue #16).
  dialog = await addCandidate({ create: "Lindqvist Dental Labs" }, [2, 2, 3, 2, 2], "2nd of 3");
  await dialog.getByRole("button", { name: "Add candidate" }).click();
  await expect(dialog).toBeHidden();

  const ranking = page.getByRole("list", { name: "Candidates, best first" });
  await expect(ranking.getByRole("listitem")).toHaveCount(3);
  await expect(ranking.getByRole("listitem").nth(0)).toHaveAccessibleName("1st: Northwind Depot");
  await expect(ranking.getByRole("listitem").nth(1)).toHaveAccessibleName(
    "2nd: Lindqvist Dental Labs",
  );
  await expect(ranking.getByRole("listitem").nth(2)).toHaveAccessibleName("3rd: Globex Group");
  await expect(page.getByRole("note")).toContainText("Globex Group is a premier account");

  // Rescoring moves a candidate in the ranking.
  await page.getByRole("button", { name: "Edit scores of Lindqvist Dental Labs" }).click();
  dialog = page.getByRole("dialog", { name: "Scores of Lindqvist Dental Labs" });
  await scoreCandidate(dialog, [4, 4, 4, 4, 4]);
  await expect(dialog.getByRole("status")).toContainText("would rank 2nd of 3");
  await dialog.getByRole("button", { name: "Save scores" }).click();
  await expect(dialog).toBeHidden();
  await expect(ranking.getByRole("listitem").nth(1)).toHaveAccessibleName(
    "2nd: Lindqvist Dental Labs",
  );

  // The premier account is removed after a confirmation that says what is lost.
  await page.getByRole("button", { name: "Remove Globex Group" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Remove Globex Group?" });
  await expect(confirm).toContainText("Its scores and notes for this pilot are lost");
  await confirm.getByRole("button", { name: "Remove candidate" }).click();
  await expect(confirm).toBeHidden();
  await expect(ranking.getByRole("listitem")).toHaveCount(2);

  await page.getByRole("button", { name: "Choose Northwind Depot" }).click();
  const choose = page.getByRole("dialog", { name: "Choose Northwind Depot" });
  await expect(choose).toContainText("a score of 85 is 70 or more");
  await choose.getByRole("button", { name: "Choose this customer" }).click();
  await expect(choose.getByText("Say why this customer")).toBeVisible();
  await choose
    .getByLabel("Why this customer")
    .fill("Small account, a new site opening in March, and a plant manager who asked for it.");
  await choose.getByRole("button", { name: "Choose this customer" }).click();
  await expect(choose).toBeHidden();
  await expect(page.getByText("Testbed customer: Northwind Depot")).toBeVisible();
  await expect(page.getByText("Why this customer: Small account")).toBeVisible();
  await inspect("wizard-customer");

  // Leave halfway: everything is saved; the pilot page offers to continue where it stopped.
  await page.getByRole("link", { name: "Leave setup (everything is saved)" }).click();
  await expect(page).toHaveURL(pilotPath);
  await expect(page.getByRole("heading", { level: 1, name: "Same-day spare parts" })).toBeVisible();
  await expect(page.getByText("Setup is not finished.")).toBeVisible();
  await inspect("pilot-draft");
  await page.goto(`/w/${ws.id}/pilots`);
  await page.getByRole("link", { name: "Same-day spare parts" }).click();
  await page.getByRole("link", { name: "Continue setup" }).click();
  // Resumes at the first step still open: the departments.
  await expect(page).toHaveURL(`${pilotPath}/setup?step=departments`);
  await expect(steps.locator("[aria-current=page]")).toContainText("Departments");

  // (c) Departments: a hint while fewer than two are engaged.
  await expect(page.getByText("0 of 2 engaged departments")).toBeVisible();
  const invite = async (name: string, stake: string, engagement: string) => {
    await page.getByRole("button", { name: "Invite a department" }).click();
    const d = page.getByRole("dialog", { name: "Invite a department" });
    await d.getByLabel("Department").selectOption({ label: name });
    await d.getByLabel("Stake").fill(stake);
    await d.getByLabel("Contact", { exact: true }).fill("Sam Contact");
    await d.getByLabel("Engagement").selectOption(engagement);
    await d.getByRole("button", { name: "Invite department" }).click();
    await expect(d).toBeHidden();
  };
  await invite("Supply chain", "Tries its automated picking system on live orders.", "engaged");
  await expect(page.getByText("1 of 2 engaged departments")).toBeVisible();
  await invite("Field service", "Fewer repeat visits for missing parts.", "invited");
  await expect(page.getByText("1 of 2 engaged departments")).toBeVisible();

  // The review, visited early, links each unmet item to the step that fixes it.
  await steps.getByRole("link", { name: /Review and start/ }).click();
  const checklist = page.getByRole("list", { name: "Ready to run" });
  await expect(checklist).toContainText("Not met: At least 2 departments are engaged");
  await checklist.getByRole("link", { name: "Fix in Departments" }).click();
  await expect(page).toHaveURL(`${pilotPath}/setup?step=departments`);
  await page.getByLabel("Engagement of Field service").selectOption("engaged");
  await expect(page.getByText("2 departments engaged, each with its stake")).toBeVisible();
  await inspect("wizard-departments");
  await page.getByRole("button", { name: "Continue", exact: true }).click();

  // (d) Metrics: a customer-experienced one with baseline and target, explained.
  await expect(page).toHaveURL(`${pilotPath}/setup?step=metrics`);
  await expect(page.getByText("Add at least one customer-experienced metric")).toBeVisible();
  await page.getByRole("button", { name: "Add metric" }).click();
  const metric = page.getByRole("dialog", { name: "Add metric" });
  await expect(metric.getByText(/measure what the customer feels/)).toBeVisible();
  await metric.getByLabel("Name").fill("Machine downtime");
  await metric.getByLabel("Better when it").selectOption("decrease");
  await metric.getByLabel("Unit").fill("h");
  await metric.getByLabel("Baseline").fill("12");
  await metric.getByLabel("Target").fill("eight");
  await metric.getByRole("button", { name: "Add metric" }).click();
  await expect(metric.getByText(/^Enter a number, like 12 or 7[.,]5\.$/)).toBeVisible();
  await metric.getByLabel("Target").fill("8");
  await metric.getByRole("button", { name: "Add metric" }).click();
  await expect(metric).toBeHidden();
  await expect(page.getByText("Add at least one customer-experienced metric")).toBeHidden();

  // An internal revenue metric; a second revenue metric is refused by the server, at the field.
  const addRevenueMetric = async (name: string) => {
    await page.getByRole("button", { name: "Add metric" }).click();
    await metric.getByLabel("Name").fill(name);
    await metric.getByLabel("Kind").selectOption("internal");
    await metric.getByLabel("Baseline").fill("100000");
    await metric.getByLabel("Target").fill("120000");
    await metric.getByLabel("This is the pilot's revenue metric").check();
    await metric.getByRole("button", { name: "Add metric" }).click();
  };
  await addRevenueMetric("Parts revenue");
  await expect(metric).toBeHidden();
  await addRevenueMetric("Service revenue");
  await expect(
    metric.getByText("“Parts revenue” is already the pilot's revenue metric; a pilot has one."),
  ).toBeVisible();
  await metric.getByRole("button", { name: "Cancel" }).click();
  await expect(metric).toBeHidden();
  await expect(page.getByRole("list", { name: "Metrics" }).getByRole("listitem")).toHaveCount(2);
  await inspect("wizard-metrics");
  await page.getByRole("button", { name: "Continue to review" }).click();

  // (e) Review: the gate checklist from the API; sponsor and start decision are settled here.
  await expect(page).toHaveURL(`${pilotPath}/setup?step=review`);
  await expect(checklist).toContainText("Met: A testbed customer is chosen");
  await expect(checklist).toContainText("Not met: An executive sponsor is named.");
  await expect(checklist).toContainText("Not met: An executive recorded a start decision.");
  const start = page.getByRole("button", { name: "Move to Running" });
  await expect(start).toBeDisabled();
  await inspect("wizard-review");
  await page
    .getByLabel("Sponsor", { exact: true })
    .selectOption({ label: `${ADMIN.name} (admin)` });
  await page.getByRole("button", { name: "Save sponsor" }).click();
  await expect(checklist).toContainText("Met: An executive sponsor is named.");
  await page.getByRole("button", { name: "Record start decision" }).click();
  await expect(page.getByText("Say why the pilot should start now.")).toBeVisible();
  await page.getByLabel("Why start now").fill("Northwind is small, eager and opens a new site.");
  await page.getByRole("button", { name: "Record start decision" }).click();
  await expect(checklist).toContainText("Met: An executive recorded a start decision.");
  await expect(page.getByText(`Recorded by ${ADMIN.name}`)).toBeVisible();
  await expect(start).toBeEnabled();
  await start.click();

  await expect(page).toHaveURL(pilotPath);
  await expect(
    page.getByRole("list", { name: "Stage" }).locator("[aria-current=step]"),
  ).toContainText("Running");
  await expect(page.getByText("Setup is not finished.")).toBeHidden();
  // The setup link of a running pilot says it is done and leads back to the pilot.
  await page.goto(`${pilotPath}/setup`);
  await expect(page.getByRole("heading", { name: "Same-day spare parts is set up" })).toBeVisible();
});
