import { mkdirSync, readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { DEMO_EXEC, expect, expectAccessible, SCREENSHOT_DIR, signInAs, test } from "./fixtures";

/**
 * The executive's morning, on the demo workspace that serve.sh loads (its story is fixed relative
 * to today: two stalled pilots, five at risk, a scale review waiting 40 days). The executive lands
 * on the portfolio, opens the overdue scale review from the attention list, records the decision,
 * comes back to shorter lists; then filters, looks 30 days ahead, downloads the CSV, opens a
 * pilot from the bubble chart by keyboard, and prints.
 */
test.describe.configure({ mode: "serial" });

const SHELF_READY = "Shelf-ready deliveries for Baltic Fresh Markets";
const KITTING = "Line-side kitting for Aurora Medical Devices";

const headline = (page: Page) => page.getByRole("region", { name: "Headline figures" });
const attention = (page: Page) => page.getByRole("list", { name: "Pilots that need attention" });
/** The pilots in the attention list (its entries hold a link; their reasons do not). */
const attentionEntries = (page: Page) =>
  attention(page)
    .getByRole("listitem")
    .filter({ has: page.getByRole("link") });

/** The figure shown on a headline tile, e.g. "Stalled" → "2". */
async function expectFigure(page: Page, label: string, value: string) {
  const tile = headline(page).getByRole("listitem", { name: label, exact: true });
  await expect(tile.getByText(value, { exact: true })).toBeVisible();
}

/** Parses RFC 4180 CSV: quoted fields, doubled quotes, CRLF line ends. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += c;
  }
  if (field || row.length > 0) rows.push([...row, field]);
  return rows;
}

function isoDate(offsetDays: number): string {
  const date = new Date();
  date.setUTCDate(date.getUTCDate() + offsetDays);
  return date.toISOString().slice(0, 10);
}

test("an executive reads the portfolio, acts on a stalled pilot and prints the report", async ({
  page,
  inspect: inspectPage,
}) => {
  test.setTimeout(240_000);
  const inspect = async (name: string) => {
    await page.evaluate(() => window.scrollTo(0, 0));
    await inspectPage(name);
  };

  // Executives land on the portfolio.
  await signInAs(page, DEMO_EXEC);
  await page.goto("/");
  await expect(page).toHaveURL(/\/w\/[0-9a-f-]{36}\/portfolio$/);
  const portfolioUrl = new URL(page.url()).pathname;
  await expect(page.getByRole("heading", { level: 1, name: "Portfolio" })).toBeVisible();
  await expect(
    page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Portfolio" }),
  ).toHaveAttribute("aria-current", "page");
  await expectFigure(page, "Pilots", "57");
  await expectFigure(page, "At risk", "6");
  await expectFigure(page, "Stalled", "2");
  await expectFigure(page, "Win rate", "50 %");
  await expect(attentionEntries(page)).toHaveCount(8);
  await expect(attentionEntries(page).first()).toContainText(KITTING);
  const waiting = page.getByRole("list", { name: "Decisions waiting" });
  await expect(waiting.getByRole("listitem").first()).toContainText(SHELF_READY);
  await expect(waiting.getByRole("listitem").first()).toContainText("Waiting 40 days");
  await expect(waiting.getByRole("listitem").first()).toContainText("Overdue");
  await expect(page.getByRole("region", { name: "Department engagement" })).toContainText(
    "Finance and Marketing show organisational indifference",
  );
  await inspect("portfolio");

  // Every chart has a table alternative with a caption.
  const riskOutcome = page.getByRole("region", { name: "Risk and outcome" });
  await riskOutcome.getByRole("button", { name: "Table" }).click();
  const bubbleTable = riskOutcome.getByRole("table", {
    name: "Pilots by risk level and progress to target",
  });
  await expect(bubbleTable).toBeVisible();
  await expect(bubbleTable.getByRole("row", { name: new RegExp(KITTING) })).toContainText(
    "Stalled",
  );
  await riskOutcome.getByRole("button", { name: "Chart" }).click();

  // The overdue scale review, opened from the attention list, gets its decision.
  const shelfReady = attentionEntries(page).filter({ hasText: SHELF_READY });
  await expect(shelfReady).toContainText("Waiting 40 days for an executive decision");
  await shelfReady.getByRole("link", { name: `Record the decision for ${SHELF_READY}` }).click();
  await expect(page).toHaveURL(/\/pilots\/[0-9a-f-]{36}#decisions$/);
  await expect(page.getByRole("heading", { level: 1, name: SHELF_READY })).toBeVisible();
  const decisions = page.getByRole("region", { name: "Decisions" });
  await decisions.getByRole("radio", { name: "Scale" }).check();
  await decisions
    .getByLabel("Rationale")
    .fill("Shelf-filling time down a third in twelve stores: roll out to every region.");
  await decisions.getByRole("button", { name: "Record decision" }).click();
  await expect(decisions.getByRole("list", { name: "Decisions" })).toContainText("Scale");
  await page.getByRole("button", { name: "Dismiss notification" }).click();

  // Back on the portfolio, the pilot has left the attention list and is no longer overdue.
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Portfolio" })
    .click();
  await expect(page).toHaveURL(portfolioUrl);
  await expect(attentionEntries(page)).toHaveCount(7);
  await expect(attention(page)).not.toContainText(SHELF_READY);
  await expectFigure(page, "Stalled", "1");
  // The decision is taken: the pilot no longer waits on one.
  await expect(waiting).not.toContainText(SHELF_READY);
  await expect(waiting).not.toContainText("Overdue");

  // Filters live in the URL and change the figures.
  const filters = page.getByRole("search", { name: "Filter the portfolio" });
  await filters.getByLabel("Health").selectOption("stalled");
  await expect(page).toHaveURL(`${portfolioUrl}?health=stalled`);
  await expectFigure(page, "Pilots", "1");
  await expect(attentionEntries(page)).toHaveCount(1);
  await expect(attentionEntries(page)).toContainText(KITTING);
  await filters.getByLabel("Health").selectOption("");
  await filters.getByLabel("Department").selectOption({ label: "Marketing" });
  await expect(page).toHaveURL(new RegExp(`${portfolioUrl}\\?department=[0-9a-f-]{36}$`));
  await expectFigure(page, "Pilots", "17");
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(portfolioUrl);
  await expectFigure(page, "Pilots", "57");

  // 30 days ahead, if nothing happens: seven of the thirteen active pilots have stalled.
  const in30 = isoDate(30);
  await page.getByRole("button", { name: "+30 days" }).click();
  await expect(page).toHaveURL(`${portfolioUrl}?as_of=${in30}`);
  await expect(page.getByRole("button", { name: "+30 days" })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  await expect(page.getByText(/Projection for .*, 30 days from today\./)).toBeVisible();
  await expectFigure(page, "Stalled", "7");
  await expect(attentionEntries(page)).toHaveCount(9);
  await inspect("portfolio-in-30-days");

  // The CSV of this view downloads and parses: one row per pilot, stopped ones included.
  await page.getByRole("button", { name: "Download CSV" }).click();
  const csvLink = page.getByRole("menuitem", { name: /CSV for machines/ });
  await expect(csvLink).toHaveAttribute("href", new RegExp(`format=csv&as_of=${in30}$`));
  const [download] = await Promise.all([page.waitForEvent("download"), csvLink.click()]);
  expect(download.suggestedFilename()).toMatch(
    new RegExp(`^pilotboard-portfolio-.*${in30}\\.csv$`),
  );
  const csv = readFileSync(await download.path(), "utf8");
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  const [header, ...rows] = parseCsv(csv.slice(1));
  expect(header?.length).toBe(15);
  expect(header).toContain("Criteria changed");
  expect(rows).toHaveLength(57);
  const titleColumn = header?.indexOf("Title") ?? -1;
  expect(titleColumn).toBeGreaterThanOrEqual(0);
  expect(rows.map((r) => r[titleColumn])).toContain(SHELF_READY);
  expect(rows.every((r) => r.length === header?.length)).toBe(true);

  await page.getByRole("button", { name: "Today" }).click();
  await expect(page).toHaveURL(portfolioUrl);
  await expectFigure(page, "Stalled", "1");

  // Printing: a clean A4 report without navigation or controls; charts kept.
  await page.setViewportSize({ width: 794, height: 1123 });
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
  await expect(page.getByRole("button", { name: "Download CSV" })).toBeHidden();
  await expect(page.getByRole("search", { name: "Filter the portfolio" })).toBeHidden();
  await expect(page.getByRole("region", { name: "Risk and outcome" })).toBeVisible();
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({
    path: `${SCREENSHOT_DIR}portfolio-print.png`,
    fullPage: true,
    animations: "disabled",
  });
  await expectAccessible(page, "portfolio (print)");
  await page.emulateMedia({ media: "screen" });
  await page.setViewportSize({ width: 1280, height: 800 });

  // Each bubble is a link: Tab to it and press Enter to open the pilot.
  const bubble = riskOutcome.getByRole("link", { name: new RegExp(`^${KITTING}, Stalled`) });
  await bubble.focus();
  await expect(riskOutcome).toContainText(`${KITTING}Stalled · Running · Low risk`);
  await bubble.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: KITTING })).toBeVisible();
});
