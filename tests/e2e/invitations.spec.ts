import { mkdirSync } from "node:fs";
import type { Browser, Page } from "@playwright/test";
import { ADMIN, expect, inspectPage, SCREENSHOT_DIR, signIn, signInAs, test } from "./fixtures";
import { linkTo, waitForMail } from "./mailbox";
import { api } from "./pilot-api";

/*
 * People outside the app, end to end, with real mail: serve.sh runs an SMTP server beside the app
 * and the tests read what it received (tests/e2e/mailbox.ts).
 *
 * 1. An admin invites a new address by email; the link in the message makes the person's account
 *    and lands them in the workspace; the link then no longer works; the email log shows it sent.
 * 2. That person, now with an account, is invited to two more workspaces: the bell counts both,
 *    one is opened from the bell and joined; the other link, opened by the wrong person, says so,
 *    and signed out it asks to sign in, then joins. Then the notifications page, the one-click
 *    unsubscribe from the email's footer, and the email preferences it changed.
 *
 * The invited person is this spec's own (a fresh address per run), so their counts are its to read.
 */
test.describe.configure({ mode: "serial" });

const STAMP = Date.now();
const NOOR = {
  email: `noor-${STAMP}@e2e.local`,
  name: "Noor Ünal",
  password: "tea with cardamom at four",
} as const;
const WORKSPACE = `Outreach ${STAMP}`;

const LARGE = { width: 1440, height: 900 } as const;

/** A page in a context of its own: another person, in another browser. */
async function freshPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  return context.newPage();
}

/** A screenshot at 1440×900 beside those `inspectPage` takes at 1280×800 and 390×844. */
async function wide(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const before = page.viewportSize();
  await page.setViewportSize(LARGE);
  await page.screenshot({
    path: `${SCREENSHOT_DIR}${name}-1440.png`,
    fullPage: true,
    animations: "disabled",
  });
  if (before) await page.setViewportSize(before);
}

/** Screenshots (1440, 1280, 390 and dark) and an axe pass of the page as it is. */
async function look(page: Page, name: string): Promise<void> {
  await wide(page, name);
  await inspectPage(page, name);
}

/** The page's data is stale once the window gets focus back (TanStack Query's focus refetch). */
async function refocus(page: Page): Promise<void> {
  await page.evaluate(() => window.dispatchEvent(new Event("visibilitychange")));
}

let workspaceId = "";

test("an admin invites a new colleague by email, who sets a password and lands in the workspace", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  await signInAs(page, ADMIN);
  workspaceId = (
    await api<{ id: string }>(page, "POST", "/workspaces", { name: WORKSPACE, currency: "EUR" })
  ).id;
  const base = `/w/${workspaceId}`;

  // Members: nobody invited yet; the dialog asks for an address and a role.
  await page.goto(`${base}/settings/members`);
  await expect(page.getByRole("heading", { name: "Pending invitations" })).toBeVisible();
  await expect(page.getByText("No pending invitations.")).toBeVisible();
  await page.getByRole("button", { name: "Invite by email" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Invite by email" });
  await dialog.getByLabel("Email").fill("not an address");
  await dialog.getByRole("button", { name: "Send invitation" }).click();
  await expect(dialog.getByText("Enter a valid email address.")).toBeVisible();
  await dialog.getByLabel("Email").fill(NOOR.email);
  await dialog.getByLabel("Role").selectOption("executive");
  await expect(
    dialog.getByText("Reads everything and records go / no-go decisions."),
  ).toBeVisible();
  await look(page, "invite-dialog");
  await dialog.getByRole("button", { name: "Send invitation" }).click();
  await expect(dialog).toBeHidden();
  await expect(
    page.getByRole("status").filter({ hasText: `Invitation sent to ${NOOR.email} as Executive` }),
  ).toBeVisible();

  const pending = page.getByRole("table", { name: "Pending invitations" });
  const row = pending.getByRole("row", { name: new RegExp(NOOR.email) });
  await expect(row).toContainText("Executive");
  // The link works for 7 days (the page runs in en-GB, UTC).
  const expiry = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" }).format(
    new Date(Date.now() + 7 * 86_400_000),
  );
  await expect(row).toContainText(expiry);
  await look(page, "members-invitations");

  // The message, as the SMTP server received it: both parts, the one-click unsubscribe headers.
  const mail = await waitForMail(NOOR.email, { subject: /invited you to/ });
  expect(mail.subject).toBe(`Ada Admin invited you to ${WORKSPACE} on Pilotboard`);
  expect(mail.text).toContain(`Ada Admin invited you to join ${WORKSPACE} on Pilotboard`);
  expect(mail.html).toContain(WORKSPACE);
  expect(mail.headers.get("list-unsubscribe-post")).toEqual(["List-Unsubscribe=One-Click"]);
  expect(mail.headers.get("list-unsubscribe")?.[0]).toMatch(/\/api\/v1\/mail\/unsubscribe\//);
  const link = linkTo(mail, "/invite/");

  // Noor, in a browser of her own, follows the link.
  const noor = await freshPage(browser);
  await noor.goto(link);
  await expect(noor.getByRole("heading", { level: 1, name: `Join ${WORKSPACE}` })).toBeVisible();
  await expect(noor.getByText(`Ada Admin invited ${NOOR.email}`)).toBeVisible();
  await expect(noor.getByLabel("Email")).toHaveValue(NOOR.email);
  await noor.getByLabel("Your name").fill(NOOR.name);
  await noor.getByLabel("Password", { exact: true }).fill("short");
  await noor.getByRole("button", { name: "Create account and join" }).click();
  await expect(noor.getByText("The password must have at least 12 characters.")).toBeVisible();
  await expect(noor.getByLabel("Password", { exact: true })).toBeFocused();
  await look(noor, "invite-new-account");

  await noor.getByLabel("Password", { exact: true }).fill(NOOR.password);
  await noor.getByLabel("Password", { exact: true }).press("Enter");
  // An executive lands on the portfolio of the workspace.
  await expect(noor).toHaveURL(`${base}/portfolio`);
  await expect(noor.getByRole("heading", { level: 1, name: "Portfolio" })).toBeVisible();
  await expect(noor.getByRole("button", { name: `Workspace: ${WORKSPACE}` })).toBeVisible();
  await expect(noor.getByRole("button", { name: `Account: ${NOOR.name}` })).toBeVisible();

  // The link works once.
  await noor.goto(link);
  await expect(
    noor.getByRole("heading", { level: 1, name: "This invitation is no longer valid" }),
  ).toBeVisible();
  await look(noor, "invite-invalid");
  await noor.context().close();

  // The admin sees Noor among the members, and the invitation no longer pending.
  await page.reload();
  await expect(
    page.getByRole("table", { name: "Members" }).getByRole("row", { name: new RegExp(NOOR.name) }),
  ).toContainText("Executive");
  await expect(page.getByText("No pending invitations.")).toBeVisible();

  // Settings → Email log: the invitation, sent.
  await page.goto(`${base}/settings`);
  await page.getByRole("link", { name: "Email log" }).click();
  await expect(page).toHaveURL(`${base}/settings/email`);
  const log = page.getByRole("table", { name: "Email log" });
  const sent = log.getByRole("row", { name: new RegExp(NOOR.email) });
  await expect(sent).toContainText("Sent");
  await expect(sent).toContainText("Invitation");
  await expect(sent).toContainText(mail.subject);
  await look(page, "email-log");
  await page.getByLabel("Show").selectOption("failed");
  await expect(page).toHaveURL(`${base}/settings/email?state=failed`);
  await expect(page.getByRole("heading", { name: "No failed messages" })).toBeVisible();

  // Workspace settings: the day of the weekly digest.
  await page.goto(`${base}/settings/workspace`);
  await page.getByLabel("Digest day").selectOption("thursday");
  await page.getByRole("button", { name: "Save digest day" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: "The weekly digest now goes out on Thursdays" }),
  ).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Digest day")).toHaveValue("thursday");
  await look(page, "workspace-settings-digest");
});

test("an invitation reaches someone with an account under the bell; they join, and manage their email", async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  expect(workspaceId, "the first test made the workspace").not.toBe("");

  // Noor signs in with the account the first test made: nothing unread yet.
  const noor = page;
  await signIn(noor, NOOR.email, NOOR.password);
  const bell = noor.getByRole("banner").getByRole("button", { name: /^Notifications/ });
  await expect(bell).toHaveAccessibleName("Notifications");
  await bell.click();
  const panel = noor.getByRole("dialog", { name: "Notifications" });
  await expect(panel.getByText("No notifications yet")).toBeVisible();
  await look(noor, "bell-empty");
  await noor.keyboard.press("Escape");
  await expect(panel).toBeHidden();

  // The admin, elsewhere, invites her to two more workspaces.
  const admin = await freshPage(browser);
  await signInAs(admin, ADMIN);
  const east = `Outreach East ${STAMP}`;
  const west = `Outreach West ${STAMP}`;
  const eastId = (
    await api<{ id: string }>(admin, "POST", "/workspaces", { name: east, currency: "EUR" })
  ).id;
  const westId = (
    await api<{ id: string }>(admin, "POST", "/workspaces", { name: west, currency: "EUR" })
  ).id;
  await api(admin, "POST", `/workspaces/${eastId}/invitations`, {
    email: NOOR.email,
    role: "editor",
  });
  await api(admin, "POST", `/workspaces/${westId}/invitations`, {
    email: NOOR.email,
    role: "viewer",
  });

  // Back in Noor's window, the bell counts both.
  await refocus(noor);
  await expect(bell).toHaveAccessibleName("Notifications, 2 unread");
  await expect(bell).toContainText("2");
  await bell.click();
  const latest = panel.getByRole("list", { name: "Latest notifications" });
  await expect(latest.getByRole("listitem")).toHaveCount(2);
  const toEast = latest.getByRole("link", { name: `Unread: Ada Admin invited you to ${east}` });
  await expect(toEast).toBeVisible();
  await look(noor, "bell-panel");

  // Opening it marks it read and leads to the invitation, where she joins with one button.
  await toEast.click();
  await expect(noor).toHaveURL(/\/invite\//);
  await expect(noor.getByRole("heading", { level: 1, name: `Join ${east}` })).toBeVisible();
  await expect(noor.getByText(`You are signed in as ${NOOR.name}`)).toBeVisible();
  await look(noor, "invite-signed-in");
  await noor.getByRole("button", { name: `Join ${east}` }).click();
  await expect(noor).toHaveURL(`/w/${eastId}/pilots`);
  await expect(bell).toHaveAccessibleName("Notifications, 1 unread");

  // The other invitation's link, from its email: the admin who opens it is told it is not theirs…
  const westMail = await waitForMail(NOOR.email, { subject: new RegExp(west) });
  expect(westMail.text).toContain(`Ada Admin invited you to ${west}`);
  const westLink = linkTo(westMail, "/invite/");
  await admin.goto(westLink);
  await expect(admin.getByText("This invitation is for someone else")).toBeVisible();
  await expect(admin.getByRole("alert")).toContainText(`It was sent to ${NOOR.email}`);
  await look(admin, "invite-wrong-person");

  // …and signed out it asks for the account's password, then joins.
  const signedOut = await freshPage(browser);
  await signedOut.goto(westLink);
  await expect(signedOut.getByText(/There is already a Pilotboard account/)).toBeVisible();
  await expect(signedOut.getByLabel("Email")).toHaveValue(NOOR.email);
  await look(signedOut, "invite-sign-in");
  await signedOut.getByLabel("Password", { exact: true }).fill(NOOR.password);
  await signedOut.getByRole("button", { name: "Sign in and join" }).click();
  await expect(signedOut).toHaveURL(`/w/${westId}/portfolio`);
  await signedOut.context().close();

  // The notifications page: one still unread; marking all read leaves nothing under the filter.
  await noor.goto("/notifications");
  const list = noor.getByRole("list", { name: "Notifications" });
  await expect(list.getByRole("listitem")).toHaveCount(2);
  await expect(noor.getByRole("link", { name: "Unread (1)" })).toBeVisible();
  await look(noor, "notifications");
  await noor.getByRole("link", { name: "Unread (1)" }).click();
  await expect(noor).toHaveURL("/notifications?unread=true");
  await expect(
    noor.getByRole("list", { name: "Unread notifications" }).getByRole("listitem"),
  ).toHaveCount(1);
  await noor.getByRole("button", { name: "Mark all read" }).click();
  await expect(noor.getByRole("heading", { name: "You are all caught up" })).toBeVisible();
  await expect(bell).toHaveAccessibleName("Notifications");
  await look(noor, "notifications-caught-up");

  // The invitation email's footer: stop this kind of mail, in one click.
  const eastMail = await waitForMail(NOOR.email, { subject: new RegExp(east) });
  await noor.goto(linkTo(eastMail, "/unsubscribe/"));
  await expect(noor.getByRole("heading", { level: 1, name: "Unsubscribe" })).toBeVisible();
  await expect(noor.getByText(/Pilotboard will stop sending invitation emails from/)).toContainText(
    east,
  );
  await look(noor, "unsubscribe");
  await noor.getByRole("button", { name: "Unsubscribe" }).click();
  await expect(noor.getByRole("heading", { level: 1, name: "You are unsubscribed" })).toBeVisible();
  await look(noor, "unsubscribed");

  // Her email preferences, from the account menu, no longer email invitations.
  await noor.goto(`/w/${eastId}/pilots`);
  await noor.getByRole("button", { name: `Account: ${NOOR.name}` }).click();
  await noor.getByRole("menuitem", { name: "Email preferences" }).click();
  await expect(noor).toHaveURL("/preferences");
  await expect(noor.getByRole("heading", { level: 1, name: "Email preferences" })).toBeVisible();
  await expect(noor.getByRole("checkbox", { name: "Invited" })).not.toBeChecked();
  await expect(noor.getByRole("checkbox", { name: "Decision needed" })).toBeChecked();
  await expect(noor.getByRole("checkbox", { name: "Send me the weekly digest" })).toBeChecked();
  await noor.getByRole("checkbox", { name: "Health changed" }).check();
  await look(noor, "preferences");
  await noor.getByRole("button", { name: "Save preferences" }).click();
  await expect(
    noor.getByRole("status").filter({ hasText: "Email preferences saved" }),
  ).toBeVisible();
  await noor.reload();
  await expect(noor.getByRole("checkbox", { name: "Health changed" })).toBeChecked();
  await admin.context().close();
});
