/**
 * FOCUS out and in, in headless Chromium (EXPORTS.md "FOCUS ContractCommitment (out)"): signs the
 * sample deal, clicks "Save as FOCUS (CSV)" and takes the download the browser makes (a Blob's
 * object URL, no request leaves the page), checks its header and its rows, then picks that file in
 * the "Sign a new deal" form and sees the form filled with the signed terms. The built page from
 * dist/ (`npm run build` first), on the shared harness.
 */
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Page } from "playwright-core";
import { BrowserSession, openPane } from "./harness";

const ROOT = join(__dirname, "..", "..");
const SHOTS = join(ROOT, "test-output", "focus");

const COLUMNS =
  "BillingCurrency,ContractCommitmentCategory,ContractCommitmentCost,ContractCommitmentDescription," +
  "ContractCommitmentId,ContractCommitmentPeriodEnd,ContractCommitmentPeriodStart," +
  "ContractCommitmentQuantity,ContractCommitmentType,ContractCommitmentUnit,ContractId," +
  "ContractPeriodEnd,ContractPeriodStart";

describe("FOCUS ContractCommitment out and in, in headless Chromium", () => {
  let session: BrowserSession;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    session = await openPane(pageErrors);
    page = session.page;
  });

  afterAll(async () => {
    await session?.close();
  });

  it("saves the signed sample deal as a FOCUS file and starts a new sign from it", async () => {
    await page.click("#nav-track");
    await page.waitForSelector("section[data-step=track]");
    await page.click("#sign-deal");
    await page.waitForSelector("[data-testid=shortfall]");
    // No actuals yet: nothing to project the fill from.
    expect(await page.locator("[data-testid=track-7]").textContent()).toBe("Add a month of actuals to project it");

    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#save-focus")]);
    const name = download.suggestedFilename();
    expect(name).toMatch(/^signed-\d{4}-\d{2}-\d{2}-contract-commitment\.csv$/);
    const file = join(SHOTS, name);
    await download.saveAs(file);
    const lines = readFileSync(file, "utf8").split("\r\n");
    expect(lines[0]).toBe(COLUMNS);
    // One row per commit period of the signed term (the sample: its months over its period), then
    // the line break that ends the last row.
    const { months, period, commit, day } = await page.evaluate(() => {
      const t = window.commitLevers!.pane.state.tracking!;
      return {
        months: t.data.places.termMonths,
        period: t.data.deal.periodMonths,
        commit: t.data.deal.commit,
        day: t.data.places.date,
      };
    });
    expect(lines.length - 2).toBe(Math.ceil(months / period));
    expect(lines.at(-1)).toBe("");
    expect(lines[1]).toMatch(new RegExp(`^USD,Spend,${commit},"Period 1 of `));
    expect(await page.locator("#message").textContent()).toContain(`Saved ${name} to your downloads`);

    // Where no download can start (Excel for Mac), the same file's text, to copy (a text area keeps
    // line breaks as LF: HTML's value normalization).
    await page.click("#focus-text summary");
    expect(await page.inputValue("#focus-text-value")).toBe(readFileSync(file, "utf8").replace(/\r\n/g, "\n"));

    // "Sign a new deal" from the saved file: the form fills with the terms as signed, and the day.
    await page.click("#sign-again summary");
    await page.setInputFiles("#sign-again-focus-file", file);
    await page.waitForFunction(() => window.commitLevers!.pane.state.drafts["sign-again-commit"] !== undefined);
    expect(await page.inputValue("#sign-again-commit")).toBe(
      `$${commit.toLocaleString("en-US", { maximumFractionDigits: 0 })}`,
    );
    expect(await page.inputValue("#sign-again-signed-on")).toBe(day);
    const signed = await page.evaluate(() => window.commitLevers!.pane.state.tracking!.data.deal);
    const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;
    expect(await page.inputValue("#sign-again-discount")).toBe(pct(signed.discount));
    expect(await page.inputValue("#sign-again-carryover")).toBe(pct(signed.carryover));
    expect(await page.evaluate(() => (document.getElementById("sign-again") as HTMLDetailsElement).open)).toBe(true);
    expect(await page.locator("#message").textContent()).toContain(`Read ${name}`);
    await page.screenshot({ path: join(SHOTS, "sign-from-focus.png"), fullPage: true });

    expect(session.stray).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
