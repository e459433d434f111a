import { ADMIN, expect, signInAs, test, VIEWER } from "./fixtures";
import { api, createWorkspace, daysAgo, myId, runningPilot } from "./pilot-api";

/**
 * A running pilot (set up through the API) lives through its iterations and gates: two
 * iterations with measurements, health turning stalled when a rule fires and back, edits, a pause,
 * the scale review sent back to running, an executive's scale decision, the scale plan carried
 * out, and adoption. The executive is Vic, whose role in this workspace is `executive`.
 */
test("a running pilot is iterated, reviewed, scaled by an executive's decision and adopted", async ({
  page,
  browser,
  inspect: inspectPage,
}) => {
  test.setTimeout(360_000);
  const inspect = async (name: string) => {
    await page.evaluate(() => window.scrollTo(0, 0));
    await inspectPage(name);
  };
  await signInAs(page, ADMIN);
  const ws = await createWorkspace(page, "Lifecycle e2e", {
    members: [{ email: VIEWER.email, role: "executive" }],
  });
  // The story rushes from running to the scale review on the same day: the workspace turns off
  // the time the method normally needs (60 days running, iterations of 14 days).
  await api(page, "PATCH", `${ws.path}/settings`, {
    thresholds: { min_running_days: 0, min_iteration_days: 0 },
  });
  const pilot = await runningPilot(page, ws, "Same-day spare parts", await myId(page));
  const pilotUrl = `/w/${ws.id}/pilots/${pilot.id}`;
  await page.goto(pilotUrl);

  const stage = page.getByRole("list", { name: "Stage" }).locator("[aria-current=step]");
  const health = page.getByRole("region", { name: "Health" });
  const iterations = page.getByRole("region", { name: "Iterations" });
  const metrics = page.getByRole("region", { name: "Metrics" });
  await expect(stage).toContainText("Running");
  await expect(health).toContainText("On track");

  const logIteration = async (
    started: string,
    ended: string,
    changes: string,
    order: string,
    value: string,
  ) => {
    await iterations.getByRole("button", { name: "Log iteration" }).click();
    const dialog = page.getByRole("dialog", { name: "Log iteration" });
    await dialog.getByLabel("Started on").fill(started);
    await dialog.getByLabel("Ended on").fill(ended);
    await dialog.getByLabel("What changed").fill(changes);
    await dialog.getByLabel("Change order").selectOption(order);
    await expect(dialog.getByText(/^Changing how we work|^Adjusting what we do/)).toBeVisible();
    await dialog.getByLabel("Customer feedback").fill("Less waiting on site.");
    await dialog.getByLabel("Machine downtime (h)").fill(value);
    await dialog.getByRole("button", { name: "Log iteration" }).click();
    await expect(dialog).toBeHidden();
  };

  // An iteration that ended long ago: the no-recent-iteration rule fires and the pilot stalls.
  await logIteration(daysAgo(130), daysAgo(100), "Parts staged at the regional hub.", "1", "10");
  await expect(health).toContainText("Stalled");
  await expect(health).toContainText("No iteration for 100 days since the latest iteration");
  await expect(health.getByRole("link", { name: "Log an iteration" })).toBeVisible();
  await inspect("pilot-stalled");

  // A recent one clears it.
  await logIteration(
    daysAgo(10),
    daysAgo(3),
    "Technicians order parts from the customer's site.",
    "2",
    "7.5",
  );
  await expect(health).toContainText("On track");
  await expect(iterations.getByRole("heading", { name: "Iteration 2" })).toBeVisible();
  // Downtime fell from 12 to 7.5 h: an improvement of 37.5 %.
  await expect(metrics).toContainText("▲ +37.5 %");
  await expect(metrics.getByRole("img", { name: /Machine downtime: 10, 7\.5/ })).toBeVisible();

  // Edit an iteration: its recorded measurement is shown, the change is saved.
  await iterations.getByRole("button", { name: "Edit iteration 2" }).click();
  const edit = page.getByRole("dialog", { name: "Edit iteration 2" });
  await expect(edit).toContainText("Recorded: 7.5 h on");
  await edit.getByLabel("Learnings").fill("Ordering from site needs a scanner per technician.");
  await inspect("pilot-iteration-edit");
  await edit.getByRole("button", { name: "Save iteration" }).click();
  await expect(edit).toBeHidden();
  await expect(iterations).toContainText("Ordering from site needs a scanner per technician.");

  // Edit the metric's target: the pilot runs, so the change needs a reason.
  await metrics.getByRole("button", { name: "Edit metric Machine downtime" }).click();
  const metricDialog = page.getByRole("dialog", { name: "Edit metric Machine downtime" });
  await metricDialog.getByLabel("Target").fill("7");
  await metricDialog
    .getByLabel("Why are you changing it?")
    .fill("The customer's night shift joined: 7 h is what they need.");
  await metricDialog.getByRole("button", { name: "Save metric" }).click();
  await expect(metricDialog).toBeHidden();
  await expect(metrics).toContainText("12 → 7 h");

  // A department invited by mistake is removed, after saying what goes with it.
  const departments = page.getByRole("region", { name: "Departments" });
  await departments.getByRole("button", { name: "Invite department" }).click();
  const invite = page.getByRole("dialog", { name: "Invite a department" });
  await invite.getByLabel("Department").selectOption({ label: "Finance" });
  await invite.getByLabel("Stake").fill("Earlier invoices.");
  await invite.getByRole("button", { name: "Invite department" }).click();
  await expect(invite).toBeHidden();
  await departments.getByRole("button", { name: "Remove Finance" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Remove Finance from the pilot?" });
  await expect(confirm).toContainText("Its contact, stake and engagement dates");
  await confirm.getByRole("button", { name: "Remove department" }).click();
  await expect(confirm).toBeHidden();
  await expect(departments.getByText("Finance")).toHaveCount(0);

  // Pausing needs a reason; resuming returns to running.
  await page.getByRole("button", { name: "Pause", exact: true }).click();
  const pause = page.getByRole("dialog", { name: "Pause this pilot" });
  await pause.getByRole("button", { name: "Pause pilot" }).click();
  await expect(pause.getByText("Say why, so the team knows.")).toBeVisible();
  await pause.getByLabel("Reason").fill("The customer's site is closed for the holidays.");
  await pause.getByRole("button", { name: "Pause pilot" }).click();
  await expect(pause).toBeHidden();
  await expect(page.getByRole("list", { name: "Stage" })).toContainText("Paused");
  await page.getByRole("button", { name: "Resume", exact: true }).click();
  await expect(stage).toContainText("Running");

  // Into the scale review.
  await page.getByRole("button", { name: "Move to Scale review" }).click();
  await expect(stage).toContainText("Scale review");
  const back = page.getByRole("button", { name: "Back to Running" });
  await expect(back).toBeDisabled();

  // The executive, in their own browser, reads the pilot and decides to continue.
  const execContext = await browser.newContext();
  const exec = await execContext.newPage();
  await signInAs(exec, VIEWER);
  await exec.goto(pilotUrl);
  await expect(exec.getByRole("heading", { level: 1, name: "Same-day spare parts" })).toBeVisible();
  await expect(exec.getByRole("button", { name: "Edit details" })).toHaveCount(0);
  await expect(exec.getByRole("button", { name: "Log iteration" })).toHaveCount(0);
  const execDecisions = exec.getByRole("region", { name: "Decisions" });
  const decide = async (kind: string, rationale: string) => {
    const label = `${kind[0]?.toUpperCase()}${kind.slice(1)}`;
    await execDecisions.getByRole("radio", { name: label, exact: true }).check();
    await execDecisions.getByLabel("Rationale").fill(rationale);
    await execDecisions.getByRole("button", { name: "Record decision" }).click();
    await expect(
      exec.getByRole("status").filter({ hasText: `Decision “${kind[0]?.toUpperCase()}` }),
    ).toBeVisible();
  };
  await decide("continue", "One more iteration with the night shift first.");

  // The team goes back to running, iterates, and asks again.
  await page.reload();
  await expect(back).toBeEnabled();
  await back.click();
  await expect(stage).toContainText("Running");
  await page.getByRole("button", { name: "Move to Scale review" }).click();
  await expect(stage).toContainText("Scale review");

  await exec.reload();
  await decide("scale", "Downtime fell by more than a third; roll it out to the region.");
  await expect(execDecisions.getByRole("list", { name: "Decisions" })).toContainText("Scale");
  await expect(execDecisions.getByRole("list", { name: "Decisions" })).toContainText(VIEWER.name);
  await exec.evaluate(() => window.scrollTo(0, 0));
  await execContext.close();

  // The scale plan names each department's changes; then the pilot moves into scaling.
  await page.reload();
  const plan = page.getByRole("region", { name: "Scale plan" });
  await plan.getByLabel("Rollout scope").fill("Every customer site in the northern region.");
  for (const department of ["Supply chain", "Field service"]) {
    await plan
      .getByLabel(`Planning change (${department})`)
      .fill("Plan parts stock per customer site.");
    await plan.getByLabel(`Resource change (${department})`).fill("Two more dispatchers.");
    await plan
      .getByLabel(`Compensation change (${department})`)
      .fill("Bonus tied to customer downtime.");
    await plan.getByLabel(`Owner (${department})`).fill(`${department} lead`);
  }
  // Saving the plan gives the pilot a new version, which the page reads again: a move sent before
  // that read has landed carries the old version and is refused (412, "Someone changed this
  // pilot", naming Ada herself). Wait for the read, as a person who sees the page settle does.
  const pilotRead = page.waitForResponse(
    (r) =>
      r.request().method() === "GET" && new URL(r.url()).pathname.endsWith(`/pilots/${pilot.id}`),
  );
  await plan.getByRole("button", { name: "Save scale plan" }).click();
  await expect(plan.getByText("0 of 2 items done.")).toBeVisible();
  await (await pilotRead).finished();
  await page.getByRole("button", { name: "Move to Scaling" }).click();
  await expect(stage).toContainText("Scaling");
  await expect(page.getByRole("button", { name: "Move to Adopted" })).toBeDisabled();

  // Every item done: the pilot can be adopted.
  for (const department of ["Supply chain", "Field service"]) {
    await plan.getByLabel(`Status (${department})`).selectOption("done");
  }
  await plan.getByRole("button", { name: "Save scale plan" }).click();
  await expect(plan.getByText("All 2 items are done: the pilot can be adopted.")).toBeVisible();
  await inspect("pilot-scaling");
  await page.getByRole("button", { name: "Move to Adopted" }).click();
  await expect(page.getByRole("list", { name: "Stage" })).toContainText("Adopted");
  // A closed pilot leads with its outcome instead of the gate.
  await expect(page.getByText(/^The pilot has become how the company works\./)).toBeVisible();
  await inspect("pilot-adopted");
});
