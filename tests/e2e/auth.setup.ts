import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { expect, test as setup } from "@playwright/test";
import { PASSWORD, SESSIONS, sessionFile } from "./fixtures";

/*
 * Opens one session per person through the sign-in API and saves it for `signInAs` (fixtures.ts),
 * so the specs do not each walk through the sign-in page. accounts.spec.ts still signs in through
 * the page. Runs before the specs as the "setup" project (playwright.config.ts).
 */
for (const person of SESSIONS) {
  setup(`session of ${person.email}`, async ({ playwright, baseURL }) => {
    const request = await playwright.request.newContext({ baseURL });
    const response = await request.post("/api/v1/auth/login", {
      data: { email: person.email, password: person.password ?? PASSWORD },
    });
    expect(response.status(), await response.text()).toBe(200);
    const file = sessionFile(person);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(await request.storageState()));
    await request.dispose();
  });
}
