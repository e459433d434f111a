import { ADMIN, expect, GUEST, NEWCOMER, PASSWORD, signIn, test } from "./fixtures";
import { api } from "./pilot-api";

// The two tests are independent: they may run at the same time in two workers.
test.describe.configure({ mode: "parallel" });

/**
 * One story, in order, on one database: an admin signs in, creates a workspace, adds a viewer,
 * creates and revokes an API token, signs out; the viewer then signs in and can only look.
 */
test("an admin sets up a workspace, its members and an API token", async ({
  page,
  context,
  request,
  inspect,
}) => {
  test.setTimeout(240_000);
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);

  // Signed out, a workspace address leads to the sign-in page, which remembers it.
  await page.goto("/");
  await expect(page).toHaveURL("/login?redirect=%2F");
  await expect(page).toHaveTitle("Sign in · Pilotboard");
  await inspect("login");

  // Wrong password first: the message is shown and focused.
  await page.getByLabel("Email").fill(NEWCOMER.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByLabel("Password").press("Enter");
  const alert = page.getByRole("alert");
  await expect(alert).toContainText("The email or password is not right.");
  await expect(alert).toBeFocused();
  await expect(page.getByLabel("Password")).toHaveValue("");
  await inspect("login-error");

  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();

  // Not in any workspace yet: the landing page says so and offers to create one.
  await expect(page.getByRole("heading", { name: "You are not in a workspace yet" })).toBeVisible();
  await expect(page).toHaveURL("/");
  await inspect("welcome");

  // Create a workspace through the switcher in the top bar.
  await page.getByRole("button", { name: /^Workspace:/ }).click();
  await page.getByRole("menuitem", { name: "Create workspace" }).click();
  const createDialog = page.getByRole("dialog", { name: "Create workspace" });
  await expect(createDialog).toBeVisible();
  await createDialog.getByRole("button", { name: "Create workspace" }).click();
  await expect(createDialog.getByText("Give the workspace a name.")).toBeVisible();
  await expect(createDialog.getByLabel("Name")).toBeFocused();
  await createDialog.getByLabel("Name").fill("Field services");
  await createDialog.getByLabel("Currency").selectOption("GBP");
  await inspect("create-workspace");
  await createDialog.getByLabel("Name").press("Enter");

  await expect(createDialog).toBeHidden();
  await expect(
    page.getByRole("status").filter({ hasText: "Workspace “Field services” created" }),
  ).toBeVisible();
  // An admin lands on the pilots, where the team works; the workspace hub is under Settings.
  await expect(page).toHaveURL(/\/w\/[0-9a-f-]{36}\/pilots$/);
  const workspaceUrl = new URL(page.url()).pathname.replace(/\/pilots$/, "");
  await expect(page.getByRole("button", { name: "Workspace: Field services" })).toBeVisible();
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Settings" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Field services" })).toBeVisible();
  await expect(page.getByText("Your role: Admin")).toBeVisible();
  await inspect("workspace-overview");

  // Members: add the viewer; an unknown email is refused at the field.
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Members" })
    .click();
  await expect(page).toHaveURL(`${workspaceUrl}/settings/members`);
  await expect(page.getByRole("heading", { level: 1, name: "Members" })).toBeVisible();
  const table = page.getByRole("table", { name: "Members" });
  await expect(table.getByRole("row")).toHaveCount(2);
  await expect(table.getByRole("row", { name: /Nina Newcomer/ })).toContainText(NEWCOMER.email);

  await page.getByRole("button", { name: "Add member" }).click();
  const addDialog = page.getByRole("dialog", { name: "Add member" });
  await addDialog.getByLabel("Email").fill("nobody@e2e.local");
  await addDialog.getByLabel("Role").selectOption("viewer");
  await addDialog.getByRole("button", { name: "Add member" }).click();
  const emailField = addDialog.getByLabel("Email");
  await expect(emailField).toHaveAttribute("aria-invalid", "true");
  await expect(emailField).toBeFocused();
  await inspect("add-member-error");

  await emailField.fill(GUEST.email);
  await addDialog.getByRole("button", { name: "Add member" }).click();
  await expect(addDialog).toBeHidden();
  await expect(
    page.getByRole("status").filter({ hasText: "Gus Guest added as Viewer" }),
  ).toBeVisible();
  await expect(table.getByRole("row")).toHaveCount(3);
  const viewerRow = table.getByRole("row", { name: /Gus Guest/ });
  await expect(viewerRow.getByLabel("Role of Gus Guest")).toHaveValue("viewer");

  // The last admin cannot step down: the reason is shown next to the control.
  await table.getByLabel("Role of Nina Newcomer").selectOption("editor");
  await expect(table.getByRole("row", { name: /Nina Newcomer/ }).getByRole("alert")).toBeVisible();
  await expect(table.getByLabel("Role of Nina Newcomer")).toHaveValue("admin");
  await inspect("members-admin");

  // Removing asks first, naming the person; cancelling keeps them.
  await viewerRow.getByRole("button", { name: "Remove Gus Guest" }).click();
  const confirmRemove = page.getByRole("alertdialog", {
    name: "Remove Gus Guest from Field services?",
  });
  await expect(confirmRemove).toContainText("will lose access");
  await inspect("remove-member-confirm");
  await page.keyboard.press("Escape");
  await expect(confirmRemove).toBeHidden();
  await expect(table.getByRole("row")).toHaveCount(3);

  // API tokens: the empty state explains them and offers the one button.
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "API tokens" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "API tokens" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "No API tokens yet" })).toBeVisible();
  await inspect("tokens-empty");

  await page.getByRole("button", { name: "Create token" }).click();
  const tokenDialog = page.getByRole("dialog", { name: "Create API token" });
  await tokenDialog.getByLabel("Name").fill("CRM sync");
  await tokenDialog.getByRole("radio", { name: /Read & write/ }).check();
  await inspect("create-token");
  await tokenDialog.getByRole("button", { name: "Create token" }).click();

  const secretDialog = page.getByRole("dialog", { name: "Copy your new token" });
  await expect(secretDialog).toContainText("This is the only time it is shown.");
  const secret = await secretDialog.getByLabel("Token").inputValue();
  expect(secret).toMatch(/^pb_/);
  await secretDialog.getByRole("button", { name: "Copy" }).click();
  await expect(secretDialog.getByRole("button", { name: "Copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
  await inspect("token-secret");
  await secretDialog.getByRole("button", { name: "Done" }).click();
  await expect(secretDialog).toBeHidden();

  const tokens = page.getByRole("table", { name: "API tokens" });
  const tokenRow = tokens.getByRole("row", { name: /CRM sync/ });
  await expect(tokenRow).toContainText("Read & write");
  await expect(tokenRow).toContainText(`${secret.slice(0, 7)}`);
  await expect(tokenRow).toContainText("Active");
  await expect(page.getByText(secret)).toHaveCount(0);
  await inspect("tokens");

  // The secret works against the API until revoked.
  const workspaceId = workspaceUrl.split("/").at(-1) ?? "";
  const withToken = { headers: { Authorization: `Bearer ${secret}` } };
  expect((await request.get(`/api/v1/workspaces/${workspaceId}`, withToken)).status()).toBe(200);

  await tokenRow.getByRole("button", { name: "Revoke CRM sync" }).click();
  const confirmRevoke = page.getByRole("alertdialog", { name: "Revoke “CRM sync”?" });
  await expect(confirmRevoke).toContainText("This cannot be undone");
  await inspect("revoke-token-confirm");
  await confirmRevoke.getByRole("button", { name: "Revoke token" }).click();
  await expect(confirmRevoke).toBeHidden();
  await expect(tokenRow).toContainText("Revoked");
  await expect(tokenRow.getByRole("button", { name: "Revoke CRM sync" })).toHaveCount(0);
  await expect(
    page.getByRole("status").filter({ hasText: "Token “CRM sync” revoked" }),
  ).toBeVisible();
  // `request` shares no cookies with the page: only the revoked bearer token is sent.
  const revoked = await request.get(`/api/v1/workspaces/${workspaceId}`, withToken);
  expect(revoked.status()).toBe(401);

  // Sign out through the user menu.
  await page.getByRole("button", { name: "Account: Nina Newcomer" }).click();
  await expect(page.getByRole("menu")).toContainText(NEWCOMER.email);
  await inspect("user-menu");
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL("/login");
  await expect(
    page.getByRole("heading", { level: 1, name: "Sign in to Pilotboard" }),
  ).toBeVisible();

  // The viewer lands on the portfolio and sees the members, without any way to change them.
  await signIn(page, GUEST.email);
  await expect(page).toHaveURL(`${workspaceUrl}/portfolio`);
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Settings" })
    .click();
  await expect(page.getByText("Your role: Viewer")).toBeVisible();
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Members" })
    .click();
  const viewerTable = page.getByRole("table", { name: "Members" });
  await expect(viewerTable.getByRole("row")).toHaveCount(3);
  await expect(viewerTable.getByRole("row", { name: /Gus Guest/ })).toContainText("Viewer");
  await expect(page.getByRole("button", { name: "Add member" })).toHaveCount(0);
  await expect(page.getByRole("main").getByRole("combobox")).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Remove/ })).toHaveCount(0);
  await inspect("members-viewer");
});

test("a session that ends sends you to sign in, then back where you were", async ({ page }) => {
  await signIn(page, ADMIN.email);
  // Ada works in a workspace of this test's own (whatever other specs have made by now).
  const workspace = await api<{ id: string }>(page, "POST", "/workspaces", {
    name: "Sessions e2e",
    currency: "EUR",
  });
  await page.goto(`/w/${workspace.id}/pilots`);
  const nav = page.getByRole("navigation", { name: "Main" });
  await nav.getByRole("link", { name: "Members" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Members" })).toBeVisible();
  const tokensUrl = new URL(page.url()).pathname.replace(/members$/, "tokens");

  // The session ends behind the app's back (expired, or signed out in another tab); the next
  // request answers 401 and the app asks to sign in again.
  await page.context().clearCookies();
  await nav.getByRole("link", { name: "API tokens" }).click();
  await expect(page).toHaveURL(`/login?redirect=${encodeURIComponent(tokensUrl)}`);

  await signIn(page, ADMIN.email);
  await expect(page).toHaveURL(tokensUrl);
  await expect(page.getByRole("heading", { level: 1, name: "API tokens" })).toBeVisible();

  // Signed in, the sign-in page sends you on; a foreign redirect target is ignored.
  await page.goto("/login?redirect=https%3A%2F%2Fevil.example%2F");
  await expect(page).toHaveURL(/\/w\/[0-9a-f-]{36}\/pilots$/);
});
