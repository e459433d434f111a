import { mkdirSync } from "node:fs";
import type { Browser, BrowserContext, Page, Response } from "@playwright/test";
import {
  ADMIN,
  expect,
  expectAccessible,
  expectNoHorizontalScroll,
  PHONE,
  SCREENSHOT_DIR,
  signInAs,
  test,
} from "./fixtures";
import { linkTo, waitForMail } from "./mailbox";
import { api, createWorkspace, myId, runningPilot } from "./pilot-api";

/*
 * The customer's voice and the departments' check-ins, end to end, with real mail.
 *
 * 1. An editor makes a feedback link for a nurse at the testbed customer (emailed, and shown once
 *    with Copy). Someone with no account opens it on a phone, in a browser with no session:
 *    the page asks only its own endpoint, sets no cookie, sends no referrer, and passes axe. They
 *    answer; the team's iteration timeline shows the response. The link, once revoked, is dead.
 * 2. Logging an iteration asks the engaged department with a contact email to check in; its
 *    contact answers from the email's link on a phone; the pilot's department shows it.
 *
 * The team signs in once (one browser context for the whole file); each outsider gets a fresh
 * context. One axe pass per public page keeps the suite fast.
 */
test.describe.configure({ mode: "serial" });

const STAMP = Date.now();
const NURSE = `nurse-${STAMP}@e2e.local`;
const FINANCE = `finance-${STAMP}@e2e.local`;
const SUMMARY = "From this week we restock your ward every morning at 6:00.";

let team: BrowserContext;
let page: Page;
let pilotPath = "";

test.beforeAll(async ({ browser }) => {
  test.setTimeout(60_000);
  team = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  page = await team.newPage();
  await signInAs(page, ADMIN);
  const ws = await createWorkspace(page, `Voices ${STAMP}`);
  const pilot = await runningPilot(page, ws, "Same-day spare parts", await myId(page));
  const path = `${ws.path}/pilots/${pilot.id}`;
  // Finance is engaged and has a contact email: logging an iteration asks it to check in.
  await api(page, "POST", `${path}/involvements`, {
    department_id: ws.departments.Finance,
    stake: "Fewer rush invoices to chase.",
    contact_name: "Fiona Finch",
    contact_email: FINANCE,
    status: "engaged",
  });
  await api(page, "POST", `${path}/iterations`, {
    started_on: new Date().toISOString().slice(0, 10),
    changes: "Parts leave the depot at 6:00.",
    change_order: 2,
    customer_feedback: "",
    customer_summary: SUMMARY,
    new_needs: "",
    learnings: "",
  });
  pilotPath = `/w/${ws.id}/pilots/${pilot.id}`;
});

test.afterAll(async () => {
  await team?.close();
});

/** A phone in a browser of its own: no session, no cookies, nothing shared with the team. */
async function outsider(browser: Browser): Promise<{ phone: Page; apiCalls: string[] }> {
  const context = await browser.newContext({
    baseURL: test.info().project.use.baseURL,
    viewport: PHONE,
    isMobile: true,
    hasTouch: true,
  });
  const phone = await context.newPage();
  const apiCalls: string[] = [];
  phone.on("request", (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith("/api/")) apiCalls.push(`${request.method()} ${url.pathname}`);
  });
  return { phone, apiCalls };
}

/** A secret-link page and its API: no cookie set, no referrer sent on, not indexed, not cached. */
async function expectPrivate(response: Response | null, what: string): Promise<void> {
  expect(response, what).not.toBeNull();
  const headers = await (response as Response).allHeaders();
  expect(headers["set-cookie"], `${what} sets a cookie`).toBeUndefined();
  expect(headers["referrer-policy"], what).toBe("no-referrer");
  expect(headers["x-robots-tag"], what).toBe("noindex");
  expect(headers["cache-control"], what).toContain("no-store");
}

async function screenshot(phone: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await phone.screenshot({
    path: `${SCREENSHOT_DIR}${name}-mobile.png`,
    fullPage: true,
    animations: "disabled",
  });
}

test("an editor makes a feedback link; the customer answers on a phone; the timeline shows it", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  await page.goto(`${pilotPath}#customer-voice`);
  const voice = page.getByRole("region", { name: "Customer voice" });
  await expect(voice.getByText(/No links yet/)).toBeVisible();
  await voice.getByRole("button", { name: "Create feedback link" }).first().click();

  const dialog = page.getByRole("dialog", { name: "Create a feedback link" });
  await dialog.getByLabel("Who is it for?").fill("Nadia Novak, ward nurse");
  await dialog.getByLabel("Email (optional)").fill(NURSE);
  await dialog.getByRole("button", { name: "Create link" }).click();

  const created = page.getByRole("dialog", { name: "The link for Nadia Novak, ward nurse" });
  await expect(created.getByRole("status")).toContainText(`Emailed to ${NURSE}`);
  const url = await created.getByLabel("Feedback link").inputValue();
  expect(new URL(url).pathname).toMatch(/^\/feedback\/[A-Za-z0-9_-]{43}$/);
  await created.getByRole("button", { name: "Done" }).click();
  await expect(voice.getByRole("list", { name: "Feedback links" })).toContainText(
    "Nadia Novak, ward nurseActive0 responses",
  );
  // The email carries the same link.
  const mail = await waitForMail(NURSE);
  expect(linkTo(mail, "/feedback/")).toBe(url);

  // The nurse, on her phone, with no account.
  const { phone, apiCalls } = await outsider(browser);
  const apiResponse = phone.waitForResponse((r) =>
    new URL(r.url()).pathname.startsWith("/api/v1/feedback/"),
  );
  const document = await phone.goto(new URL(url).pathname);
  await expectPrivate(document, "the feedback page");
  await expectPrivate(await apiResponse, "the feedback page's API");
  await expect(
    phone.getByRole("heading", { level: 1, name: "How is the pilot going for you?" }),
  ).toBeVisible();
  await expect(phone.getByRole("region", { name: "What changed lately" })).toContainText(SUMMARY);
  await expect(phone.getByText("Same-day spare parts", { exact: true })).toBeVisible();
  await expectNoHorizontalScroll(phone, "the feedback page at 390×844");
  await expectAccessible(phone, "the feedback page at 390×844");
  await screenshot(phone, "feedback-page");

  // Sending without the scores says what is missing, at the questions.
  await phone.getByRole("button", { name: "Send my answers" }).click();
  await expect(
    phone.getByText("Choose how much difference it makes for you, from 1 to 5."),
  ).toBeVisible();
  await phone
    .getByRole("radiogroup", { name: "How much difference does this make for you?" })
    .getByRole("radio", { name: "4" })
    .check();
  await phone
    .getByRole("radiogroup", { name: "How easy is working with the team on it?" })
    .getByRole("radio", { name: "5, very easy" })
    .check();
  await phone
    .getByLabel("Anything you want to tell the team?")
    .fill("The night shift no longer waits for parts.");
  await phone.getByLabel("Your name").fill("Nadia");
  await phone.getByRole("button", { name: "Send my answers" }).click();
  await expect(phone.getByRole("heading", { level: 1, name: "Thank you" })).toBeVisible();
  await expect(phone.getByRole("button", { name: "Answer as someone else" })).toBeVisible();
  await screenshot(phone, "feedback-page-thanks");
  // Nothing but the link's own endpoint: no session probe, no app data.
  expect(new Set(apiCalls.map((call) => call.replace(/\/feedback\/.*/, "/feedback/…")))).toEqual(
    new Set(["GET /api/v1/feedback/…", "POST /api/v1/feedback/…"]),
  );
  expect((await phone.context().cookies()).length).toBe(0);

  // The team's timeline shows the response under the iteration, with its means.
  await page.reload();
  const latest = page.getByRole("region", { name: "Iterations" }).getByRole("listitem").first();
  await expect(latest).toContainText(
    "Customer voice: 1 response · difference 4.0 / 5 · ease 5.0 / 5",
  );
  await expect(latest.getByRole("article", { name: "Feedback from Nadia" })).toContainText(
    "“The night shift no longer waits for parts.”",
  );
  await expect(page.getByRole("region", { name: "Customer-rated difference" })).toBeVisible();
  await expect(voice.getByRole("list", { name: "Feedback links" })).toContainText("1 response");

  // Revoked, the link is dead at once, and says so kindly.
  await voice.getByRole("button", { name: "Revoke the link for Nadia Novak, ward nurse" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Revoke link" }).click();
  await expect(voice.getByRole("list", { name: "Feedback links" })).toContainText("Revoked");
  await phone.goto(new URL(url).pathname);
  await expect(
    phone.getByRole("heading", { level: 1, name: "This link is not valid any more" }),
  ).toBeVisible();
  await phone.context().close();
});

test("a department answers its check-in request from the email; the pilot's department shows it", async ({
  browser,
}) => {
  test.setTimeout(60_000);
  const mail = await waitForMail(FINANCE);
  const link = linkTo(mail, "/check-in/");

  const { phone, apiCalls } = await outsider(browser);
  const document = await phone.goto(new URL(link).pathname);
  await expectPrivate(document, "the check-in page");
  await expect(
    phone.getByRole("heading", { level: 1, name: "How is the pilot going for Finance?" }),
  ).toBeVisible();
  await expect(phone.getByRole("region", { name: "What Finance gets out of it" })).toContainText(
    "Fewer rush invoices to chase.",
  );
  await expectNoHorizontalScroll(phone, "the check-in page at 390×844");
  await expectAccessible(phone, "the check-in page at 390×844");
  await screenshot(phone, "check-in-page");

  await phone
    .getByRole("radiogroup", { name: "Does Finance see the benefit it expected from the pilot?" })
    .getByRole("radio", { name: "Partly" })
    .check();
  await phone
    .getByRole("radiogroup", { name: "Is Finance still committed to the pilot?" })
    .getByRole("radio", { name: "Yes" })
    .check();
  await phone.getByLabel("Is anything in the way?").fill("Invoices still arrive on paper.");
  await phone.getByRole("button", { name: "Send check-in" }).click();
  await expect(phone.getByRole("heading", { level: 1, name: "Thank you" })).toBeVisible();
  expect(apiCalls.every((call) => call.includes("/api/v1/check-ins/"))).toBe(true);
  await phone.context().close();

  // The team's page has been open all along: the check-in shows once it is read again.
  await page.reload();
  const finance = page
    .getByRole("list", { name: "Involved departments" })
    .getByRole("listitem")
    .filter({ hasText: "Finance" });
  await expect(finance).toContainText("Checked in today");
  await finance.getByRole("button", { name: "Check-ins of Finance" }).click();
  await expect(finance.getByRole("list", { name: "Check-ins, newest first" })).toContainText(
    "Benefit: partlyStill committed",
  );
  await expect(finance).toContainText("answered by email");
  await expect(finance).toContainText("In the way: Invoices still arrive on paper.");
});
