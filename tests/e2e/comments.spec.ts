import { mkdirSync } from "node:fs";
import type { Browser, Page } from "@playwright/test";
import {
  ADMIN,
  expect,
  expectAccessible,
  expectNoHorizontalScroll,
  PASSWORD,
  SCREENSHOT_DIR,
  signInAs,
  test,
} from "./fixtures";
import { linkTo, waitForMail } from "./mailbox";
import { api, createWorkspace, type Workspace } from "./pilot-api";

/*
 * The discussion on a pilot, end to end: an editor writes Markdown (with a <script> that must stay
 * text) and mentions the executive through the autocomplete, by keyboard only; the executive sees
 * the bell's count, opens the notification and lands on the comment.
 *
 * The editor and the executive are people of this spec's own, invited into its own workspace
 * (the link read from the test SMTP server, accepted through the API): adding a shared login to
 * another workspace would change where that person lands in other specs, and their unread count
 * would not be this spec's to read.
 */
const EDITOR = { name: "Eli Editor", role: "editor" } as const;
const EXEC = { name: "Eve Executive", role: "executive" } as const;
const LARGE = { width: 1440, height: 900 } as const;
const PHONE = { width: 390, height: 844 } as const;

/** Invites a new person into the workspace and accepts as them: a page signed in as them. */
async function newMember(
  browser: Browser,
  admin: Page,
  ws: Workspace,
  person: { name: string; role: "editor" | "executive" },
): Promise<{ page: Page; email: string }> {
  const email = `${person.role}-${Date.now()}@e2e.local`;
  await api(admin, "POST", `${ws.path}/invitations`, { email, role: person.role });
  const token = new URL(linkTo(await waitForMail(email), "/invite/")).pathname.split("/").pop();
  const context = await browser.newContext();
  const accepted = await context.request.post(`/api/v1/invitations/${token}/accept`, {
    data: { name: person.name, password: PASSWORD },
  });
  expect(accepted.ok(), await accepted.text()).toBe(true);
  return { page: await context.newPage(), email };
}

async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOT_DIR}${name}.png`, animations: "disabled" });
}

test("an editor mentions the executive in a comment, who is told and lands on it", async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  const title = `Ward stock-outs ${Date.now()}`;

  // Ada (admin) sets up a workspace and a pilot.
  await signInAs(page, ADMIN);
  const ws = await createWorkspace(page, `Comments ${Date.now()}`);
  const pilot = await api<{ id: string }>(page, "POST", `${ws.path}/pilots`, {
    title,
    hypothesis: "Vendor-managed stock on the wards halves stock-outs.",
    target_outcome: "business_process",
  });
  const pilotUrl = `/w/${ws.id}/pilots/${pilot.id}`;

  // The editor and the executive join; the executive starts with nothing unread.
  const { page: exec, email: execEmail } = await newMember(browser, page, ws, EXEC);
  await exec.goto("/");
  await api(exec, "POST", "/me/notifications/read", { all: true });
  const { page: editor } = await newMember(browser, page, ws, EDITOR);
  await editor.setViewportSize(LARGE);

  // The editor opens the pilot: no comment yet, an invitation to write the first.
  await editor.goto(pilotUrl);
  // The discussion is folded unless a link points at it; unfold it as a person would.
  await editor.getByRole("button", { name: "Discussion and activity", exact: true }).click();
  const discussion = editor.getByRole("region", { name: "Discussion and activity" });
  await expect(discussion.getByText("No comments yet.")).toBeVisible();
  await discussion.getByRole("button", { name: "Write the first comment" }).click();
  const field = discussion.getByRole("textbox", { name: "New comment" });
  await expect(field).toBeFocused();

  // Markdown, and a script that must show as text.
  await editor.keyboard.type("**Stock-outs down 40%** since iteration 2:");
  await editor.keyboard.press("Enter");
  await editor.keyboard.press("Enter");
  await editor.keyboard.type("- ward A\n- ward B\n\n<script>window.__pwned = 1</script>\n\n");

  // The mention, by keyboard: @e lists Eli and Eve; ↓ moves to Eve, Enter writes her.
  await editor.keyboard.type("@e");
  const list = editor.getByRole("listbox", { name: "Members to mention" });
  await expect(list.getByRole("option")).toHaveText([/Eli Editor/, /Eve Executive/]);
  await expect(field).toHaveAttribute(
    "aria-activedescendant",
    (await list.getByRole("option", { name: /Eli Editor/ }).getAttribute("id")) ?? "",
  );
  await editor.keyboard.press("ArrowDown");
  const eve = list.getByRole("option", { name: /Eve Executive/ });
  await expect(eve).toHaveAttribute("aria-selected", "true");
  await expect(field).toHaveAttribute(
    "aria-activedescendant",
    (await eve.getAttribute("id")) ?? "",
  );
  await screenshot(editor, "comments-autocomplete");
  // On a phone: the list opens under the @ again, within the screen.
  await editor.setViewportSize(PHONE);
  await field.scrollIntoViewIfNeeded();
  await editor.keyboard.press("Backspace");
  await editor.keyboard.type("e");
  await editor.keyboard.press("ArrowDown");
  await expect(eve).toHaveAttribute("aria-selected", "true");
  await expect(list).toBeInViewport({ ratio: 1 });
  await expectNoHorizontalScroll(editor, "the autocomplete at 390 px");
  await screenshot(editor, "comments-autocomplete-mobile");
  await editor.setViewportSize(LARGE);
  await editor.keyboard.press("Enter");
  await expect(list).toBeHidden();
  await editor.keyboard.type("can we decide by Friday?");
  await expect(field).toHaveValue(
    "**Stock-outs down 40%** since iteration 2:\n\n- ward A\n- ward B\n\n" +
      "<script>window.__pwned = 1</script>\n\n@Eve Executive can we decide by Friday?",
  );

  // The preview shows what will be posted.
  await discussion.getByRole("tab", { name: "Preview" }).click();
  const preview = discussion.getByRole("tabpanel", { name: "Preview" });
  await expect(preview.locator("strong")).toHaveText("Stock-outs down 40%");
  await expect(preview.getByRole("listitem")).toHaveText(["ward A", "ward B"]);
  await discussion.getByRole("tab", { name: "Write" }).click();
  await expect(field).toBeVisible();

  // Ctrl+Enter posts.
  await field.focus();
  await editor.keyboard.press("Control+Enter");
  const comment = discussion.getByRole("article", { name: `${EDITOR.name} commented` });
  await expect(comment).toBeVisible();
  await expect(field).toHaveValue("");
  await expect(comment.locator("strong")).toHaveText("Stock-outs down 40%");
  await expect(comment.getByRole("listitem")).toHaveText(["ward A", "ward B"]);
  await expect(comment).toContainText("<script>window.__pwned = 1</script>");
  await expect(comment.locator("script")).toHaveCount(0);
  expect(await editor.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
  const anchor = (await comment.getAttribute("id")) ?? "";
  expect(anchor).toMatch(/^comment-[0-9a-f-]{36}$/);

  // The author edits it: marked "edited", the time of the edit on hover.
  await comment.getByRole("button", { name: "Edit your comment" }).click();
  const edit = comment.getByRole("textbox", { name: "Edit comment" });
  await expect(edit).toBeFocused();
  await editor.keyboard.press("End");
  await editor.keyboard.type(" Or Monday.");
  await screenshot(editor, "comments-edit");
  await comment.getByRole("button", { name: "Save" }).click();
  await expect(comment).toContainText("can we decide by Friday? Or Monday.");
  await expect(comment.getByRole("button", { name: "edited" })).toHaveAttribute(
    "title",
    /^Edited /,
  );
  await expect(comment).toBeFocused();

  // The thread, on a large screen and a phone; one accessibility pass over the page.
  await expect(editor.getByText("Comment saved")).toBeHidden({ timeout: 10_000 });
  await comment.scrollIntoViewIfNeeded();
  await screenshot(editor, "comments-thread");
  await expectAccessible(editor, "the pilot page with a comment");
  await editor.emulateMedia({ colorScheme: "dark" });
  await screenshot(editor, "comments-thread-dark");
  await expectAccessible(editor, "the pilot page with a comment, dark", { contrastOnly: true });
  await editor.emulateMedia({ colorScheme: "light" });
  await editor.setViewportSize(PHONE);
  await expectNoHorizontalScroll(editor, "the pilot page with a comment at 390 px");
  await comment.scrollIntoViewIfNeeded();
  await screenshot(editor, "comments-thread-mobile");

  // The executive was mailed (they receive mentions by email by default), with a link to it.
  const mail = await waitForMail(execEmail, { subject: new RegExp(title) });
  expect(mail.text).toContain(`${pilotUrl}#${anchor}`);

  // The bell counts it; the notification leads to the comment, marked and in view.
  await exec.goto("/");
  const bell = exec.getByRole("button", { name: "Notifications, 1 unread" });
  await expect(bell).toBeVisible();
  await bell.click();
  await exec
    .getByRole("link", { name: `Unread: ${EDITOR.name} mentioned you on “${title}”` })
    .click();
  await expect(exec).toHaveURL(new RegExp(`${pilotUrl}#${anchor}$`));
  const arrived = exec.locator(`#${anchor}`);
  await expect(arrived).toBeFocused();
  await expect(arrived).toHaveAttribute("data-highlighted", "true");
  await expect(arrived).toBeInViewport();
  await exec.setViewportSize(LARGE);
  await screenshot(exec, "comments-linked");
  await expect(exec.getByRole("button", { name: "Notifications" })).toBeVisible();
  // The executive takes part too: the composer is there for them.
  await expect(exec.getByRole("textbox", { name: "New comment" })).toBeVisible();

  await editor.context().close();
  await exec.context().close();
});
