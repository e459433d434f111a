import { mkdirSync } from "node:fs";
import type { Browser, Locator, Page } from "@playwright/test";
import {
  ADMIN,
  DESKTOP,
  expect,
  expectAccessible,
  PHONE,
  SCREENSHOT_DIR,
  signInAs,
  test,
  VIEWER,
} from "./fixtures";
import { api, createWorkspace, daysAgo, runningPilot, type Workspace } from "./pilot-api";

// Each test has a workspace of its own: they may run at the same time in two workers.
test.describe.configure({ mode: "parallel" });

/**
 * Executives' decisions fit the stage, can be withdrawn while the pilot stays where it was, and
 * wait for them on their landing page. Ada (admin) sets each pilot up through the API in a
 * workspace of this spec's own; Vic, an executive there, decides in his own browser.
 */

const RATIONALE = "Northwind is small, eager and measures downtime already.";

/** A workspace of this spec's, with Vic as an executive; returns it and Vic's user id. */
async function workspaceWithExecutive(page: Page, name: string) {
  await signInAs(page, ADMIN);
  const ws = await createWorkspace(page, name, {
    members: [{ email: VIEWER.email, role: "executive" }],
  });
  const members = await api<{ items: { user_id: string; email: string }[] }>(
    page,
    "GET",
    `${ws.path}/members`,
  );
  const vic = members.items.find((m) => m.email === VIEWER.email);
  if (!vic) throw new Error("Vic is not a member of the new workspace");
  return { ws, vicId: vic.user_id };
}

/** Vic, the executive, signed in in a browser of his own. */
async function executive(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ locale: "en-GB", timezoneId: "UTC" });
  const page = await context.newPage();
  await signInAs(page, VIEWER);
  return page;
}

/**
 * A pilot in `selecting` that meets every criterion of the gate into running but the start
 * decision: Northwind Depot chosen, two engaged departments with their stakes, a
 * customer-experienced metric with baseline and target, and Vic as its executive sponsor.
 */
async function pilotWaitingOnStart(page: Page, ws: Workspace, title: string, sponsorId: string) {
  const pilot = await api<{ id: string }>(page, "POST", `${ws.path}/pilots`, {
    title,
    hypothesis: "Same-day spare parts cut the customer's machine downtime by a third.",
    target_outcome: "business_process",
  });
  const p = `${ws.path}/pilots/${pilot.id}`;
  await api(page, "POST", `${p}/transitions`, { to_stage: "selecting" });
  const customerId = ws.customers["Northwind Depot"];
  await api(page, "POST", `${p}/candidates`, {
    customer_id: customerId,
    scores: { low_stakes: 5, ideal_conditions: 4, eager_champion: 5, learning_value: 4 },
  });
  await api(page, "PATCH", p, { customer_id: customerId, sponsor_id: sponsorId });
  for (const department of ["Supply chain", "Field service"]) {
    await api(page, "POST", `${p}/involvements`, {
      department_id: ws.departments[department],
      stake: `${department} gets fewer rush orders.`,
      contact_name: "Sam Contact",
      status: "engaged",
    });
  }
  await api(page, "POST", `${p}/metrics`, {
    name: "Machine downtime",
    unit: "h",
    direction: "decrease",
    kind: "customer_experienced",
    baseline: 12,
    target: 8,
  });
  const gate = await api<{ criteria: { code: string; met: boolean }[] }>(
    page,
    "GET",
    `${p}/gate?to=running`,
  );
  expect(gate.criteria.filter((c) => !c.met).map((c) => c.code)).toEqual(["start_decision"]);
  return pilot.id;
}

/** Screenshots of one part of the page at desktop and phone width, for looking at by hand. */
async function capture(page: Page, part: Locator, name: string) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  for (const [suffix, size] of [
    ["", DESKTOP],
    ["-mobile", PHONE],
  ] as const) {
    await page.setViewportSize(size);
    await part.screenshot({
      path: `${SCREENSHOT_DIR}${name}${suffix}.png`,
      animations: "disabled",
    });
  }
  await page.setViewportSize(DESKTOP);
}

test("an executive records only a decision the stage allows, then withdraws it", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const { ws } = await workspaceWithExecutive(page, "Decisions e2e");
  const pilot = await api<{ id: string }>(page, "POST", `${ws.path}/pilots`, {
    title: "Remote diagnostics",
    hypothesis: "Diagnosing machines remotely halves the technicians' visits.",
    target_outcome: "business_process",
  });
  await api(page, "POST", `${ws.path}/pilots/${pilot.id}/transitions`, { to_stage: "selecting" });

  const vic = await executive(browser);
  await vic.goto(`/w/${ws.id}/pilots/${pilot.id}`);
  await expect(vic.getByRole("heading", { level: 1, name: "Remote diagnostics" })).toBeVisible();
  const decisions = vic.getByRole("region", { name: "Decisions" });
  const kinds = decisions.getByRole("group", { name: "Decision" });

  // Selecting takes a start or a stop decision, each said with what it lets the team do.
  await expect(kinds.getByRole("radio")).toHaveCount(2);
  await expect(kinds.getByRole("radio", { name: "Start" })).toBeVisible();
  await expect(kinds.getByRole("radio", { name: "Stop" })).toBeVisible();
  await expect(kinds.getByRole("radio", { name: "Scale" })).toHaveCount(0);
  await expect(kinds.getByRole("radio", { name: "Continue" })).toHaveCount(0);
  await expect(kinds.getByRole("radio", { name: "Pivot" })).toHaveCount(0);
  await expect(decisions).toContainText("A pilot in Selecting can take a Start or Stop decision.");
  await expect(kinds.getByRole("radio", { name: "Start" })).toHaveAccessibleDescription(
    /into Running/,
  );
  await capture(vic, decisions, "decisions-form");

  await kinds.getByRole("radio", { name: "Start" }).check();
  await decisions.getByLabel("Rationale").fill(RATIONALE);
  await decisions.getByRole("button", { name: "Record decision" }).click();
  await expect(
    vic.getByRole("status").filter({ hasText: "Decision “Start” recorded" }),
  ).toBeVisible();
  await vic.getByRole("button", { name: "Dismiss notification" }).click();
  const list = decisions.getByRole("list", { name: "Decisions" });
  const entry = list.getByRole("listitem").filter({ hasText: RATIONALE });
  await expect(entry).toContainText("Start");
  await expect(entry).toContainText(`by ${VIEWER.name}`);
  // The next decision is a choice of its own: nothing stays chosen.
  await expect(kinds.getByRole("radio", { name: "Start" })).not.toBeChecked();
  await capture(vic, decisions, "decisions-recorded");

  // Vic withdraws it: the dialog asks why, and checks the reason before anything is sent.
  await entry.getByRole("button", { name: /^Withdraw the Start decision/ }).click();
  const dialog = vic.getByRole("dialog", { name: "Withdraw the Start decision?" });
  const reason = dialog.getByLabel("Why is it withdrawn?");
  await expect(reason).toBeFocused();
  await reason.fill("Too soon");
  await dialog.getByRole("button", { name: "Withdraw decision" }).click();
  await expect(
    dialog.getByText("Say in at least 10 characters why it is withdrawn."),
  ).toBeVisible();
  await expect(reason).toBeFocused();
  await reason.fill("The board wants the customer's IT on board first.");
  await expectAccessible(vic, "pilot page with the withdraw dialog open");
  await capture(vic, dialog, "decisions-withdraw-dialog");
  await dialog.getByRole("button", { name: "Withdraw decision" }).click();
  await expect(dialog).toBeHidden();
  await expect(
    vic.getByRole("status").filter({ hasText: "Decision “Start” withdrawn" }),
  ).toBeVisible();

  // It stays in the list, struck through, with who withdrew it and why; focus is on it.
  await expect(entry).toBeFocused();
  await expect(entry.getByText("Withdrawn", { exact: true })).toBeVisible();
  await expect(entry.locator("del")).toHaveText(["Start", RATIONALE]);
  await expect(entry).toContainText(
    `by ${VIEWER.name}: The board wants the customer's IT on board first.`,
  );
  await expect(entry).toContainText(/Withdrawn on \d{1,2} \w{3,4} \d{4}/);
  await expect(entry.getByRole("button", { name: /^Withdraw/ })).toHaveCount(0);
  await capture(vic, decisions, "decisions-withdrawn");

  // A stopped pilot takes no more decisions, and says so.
  await api(page, "POST", `${ws.path}/pilots/${pilot.id}/transitions`, {
    to_stage: "stopped",
    reason: "The customer left the market.",
    lessons_learned: "Check the customer's plans before the start.",
  });
  await vic.reload();
  await expect(decisions).toContainText("A stopped pilot takes no more decisions.");
  await expect(decisions.getByRole("button", { name: "Record decision" })).toHaveCount(0);
  await vic.context().close();
});

test("a pilot waiting on its start decision is on the executive's landing page until decided", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const { ws, vicId } = await workspaceWithExecutive(page, "Waiting e2e");
  const title = "Same-day spare parts";
  const pilotId = await pilotWaitingOnStart(page, ws, title, vicId);

  // Vic opens the workspace and lands on the portfolio.
  const vic = await executive(browser);
  await vic.goto(`/w/${ws.id}`);
  await expect(vic).toHaveURL(`/w/${ws.id}/portfolio`);
  const section = vic.getByRole("region", { name: "Decisions waiting on you" });
  const waiting = section.getByRole("list", { name: "Decisions waiting" });
  const item = waiting.getByRole("listitem").filter({ hasText: title });
  await expect(item).toContainText("Start decision");
  await expect(item).toContainText("Waiting since today");
  await expectAccessible(vic, "portfolio with a decision waiting");
  await capture(vic, section, "decisions-waiting");

  // Its link opens the pilot at the decision form, Start chosen and focused.
  await item.getByRole("link", { name: `Record the decision for ${title}` }).click();
  await expect(vic).toHaveURL(`/w/${ws.id}/pilots/${pilotId}?decide=start#decisions`);
  const decisions = vic.getByRole("region", { name: "Decisions" });
  const start = decisions.getByRole("radio", { name: "Start" });
  await expect(start).toBeChecked();
  await expect(start).toBeFocused();
  await expect(start).toBeInViewport();
  await vic.screenshot({
    path: `${SCREENSHOT_DIR}decisions-deep-link.png`,
    animations: "disabled",
  });
  await decisions.getByLabel("Rationale").fill(RATIONALE);
  await decisions.getByRole("button", { name: "Record decision" }).click();
  await expect(decisions.getByRole("list", { name: "Decisions" })).toContainText(RATIONALE);

  // Back on the portfolio, nothing waits any more.
  await vic
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Portfolio" })
    .click();
  await expect(vic).toHaveURL(`/w/${ws.id}/portfolio`);
  await expect(section).toContainText("No pilot is waiting for a decision.");
  await expect(section.getByRole("list", { name: "Decisions waiting" })).toHaveCount(0);
  await capture(vic, section, "decisions-waiting-empty");
  await vic.context().close();
});

test("moved goalposts are said before a scale decision and flagged in the portfolio", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const { ws, vicId } = await workspaceWithExecutive(page, "Goalposts e2e");
  // No minimum time: the pilot can reach its scale review today.
  await api(page, "PATCH", `${ws.path}/settings`, {
    thresholds: { min_running_days: 0, min_iteration_days: 0 },
  });
  const title = "Remote spare-part kiosks";
  const pilot = await runningPilot(page, ws, title, vicId);
  const p = `${ws.path}/pilots/${pilot.id}`;
  for (const [started, ended, value] of [
    [daysAgo(40), daysAgo(25), 10],
    [daysAgo(20), daysAgo(5), 9],
  ] as const) {
    const iteration = await api<{ id: string }>(page, "POST", `${p}/iterations`, {
      started_on: started,
      ended_on: ended,
      changes: "Kiosk restocked daily.",
      change_order: 1,
      customer_feedback: "Fewer waits.",
      new_needs: "",
      learnings: "",
    });
    await api(page, "POST", `${p}/metrics/${pilot.metricId}/measurements`, {
      value,
      measured_on: ended,
      iteration_id: iteration.id,
      note: "",
    });
  }
  // The target is lowered after the start, with a reason: the pilot's criteria changed.
  await api(page, "PATCH", `${p}/metrics/${pilot.metricId}`, {
    target: 10,
    change_reason: "Eight hours proved out of reach for the kiosk model.",
  });
  await api(page, "POST", `${p}/transitions`, { to_stage: "scale_review" });
  // Finance was invited long ago and never engaged: the pilot is at risk, so it needs attention.
  await api(page, "POST", `${p}/involvements`, {
    department_id: ws.departments.Finance,
    stake: "Finance books the kiosks' stock.",
    contact_name: "Fay Finance",
    status: "invited",
    invited_on: daysAgo(90),
  });

  const vic = await executive(browser);
  await vic.goto(`/w/${ws.id}/portfolio`);
  const item = vic
    .getByRole("list", { name: "Decisions waiting" })
    .getByRole("listitem")
    .filter({ hasText: title });
  await expect(item).toContainText("Scale review");
  const attention = vic.getByRole("list", { name: "Pilots that need attention" });
  await expect(attention.getByRole("listitem").filter({ hasText: title }).first()).toContainText(
    "Criteria changed after start",
  );
  await capture(
    vic,
    vic.getByRole("region", { name: "Needs attention" }),
    "decisions-attention-flag",
  );

  // The bubble says it too, in its name and in the details line beside the chart.
  const risk = vic.getByRole("region", { name: "Risk and outcome" });
  const bubble = risk.getByRole("link", {
    name: new RegExp(`^${title}, .*criteria changed after start$`),
  });
  await bubble.focus();
  await expect(risk).toContainText(`${title}At risk · Scale review`);
  await capture(vic, risk, "decisions-bubble-criteria-changed");
  await risk.getByRole("button", { name: "Table" }).click();
  await expect(
    risk
      .getByRole("table", { name: "Pilots by risk level and progress to target" })
      .getByRole("row", { name: new RegExp(title) }),
  ).toContainText("Criteria changed after start");
  await capture(vic, risk, "decisions-points-criteria-changed");

  await item.getByRole("link", { name: `Record the decision for ${title}` }).click();
  const decisions = vic.getByRole("region", { name: "Decisions" });
  await expect(decisions.getByRole("radio", { name: "Scale" })).toBeChecked();
  const warning = decisions.getByRole("note", { name: "Success criteria changed after the start" });
  await expect(warning).toContainText("check what changed and why before you scale");
  await capture(vic, decisions, "decisions-criteria-changed");
  await warning.getByRole("link", { name: "See the changes in Metrics" }).click();
  await expect(vic).toHaveURL(/#metrics$/);
  await expect(vic.getByRole("region", { name: "Metrics" })).toBeInViewport();
  await vic.context().close();
});
