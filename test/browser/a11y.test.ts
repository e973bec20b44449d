/**
 * Accessibility: axe-core (through @axe-core/playwright) finds no WCAG 2.0/2.1 A or AA violation on
 * any view of the built pane in headless Chromium, with the real Office.js: each step, the summary
 * (also across the futures), the import with its progress and its report, "After you sign" signed
 * with actuals and a warning, the set-up and "needs a fix" cards, a refused input, a refused file,
 * and an Office.js failure with "Try again" (Excel made to fail by test/browser/office-failing.js).
 * Then every other page the build ships (the help pages, support, privacy and terms when there).
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { Page, Route } from "playwright-core";
import { BrowserSession, OFFICE_FAILING, openBrowser, openPane, violations } from "./harness";

const ROOT = join(__dirname, "..", "..");
const DIST = join(ROOT, "dist");
const STEP_IDS = ["usage", "optimize", "size", "overage", "unused", "protection", "term", "fineprint"];
/** The built pages that are not the pane (or its script hosts): help, support, privacy, terms. */
const NOT_DOCUMENTS = new Set(["taskpane.html", "preview.html", "commands.html", "functions.html"]);

/** A Console usage export of `rows` rows over 12 months (docs/EXPORTS.md's Anthropic Console usage CSV). */
function consoleUsageCsv(rows: number): string {
  const header =
    "usage_date_utc,model_version,api_key,workspace,usage_type,context_window,usage_input_tokens_no_cache," +
    "usage_input_tokens_cache_write_5m,usage_input_tokens_cache_write_1h,usage_input_tokens_cache_read," +
    "usage_output_tokens,web_search_count,inference_geo,speed";
  const lines = [header];
  for (let i = 0; i < rows; i++) {
    const month = String((i % 12) + 1).padStart(2, "0");
    const day = String((i % 28) + 1).padStart(2, "0");
    lines.push(
      `2025-${month}-${day},claude-sonnet-4-5-20250929,key-${i % 7},Default,standard,≤ 200k,1000,0,0,0,200,0,us,standard`,
    );
  }
  return `${lines.join("\n")}\n`;
}

describe("accessibility of the pane (axe-core, WCAG 2.1 AA)", () => {
  let session: BrowserSession;
  let page: Page;
  let files: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    files = mkdtempSync(join(tmpdir(), "commit-levers-a11y-"));
    session = await openPane(pageErrors);
    page = session.page;
  });

  afterAll(async () => {
    await session?.close();
    if (files) rmSync(files, { recursive: true, force: true });
  });

  async function show(view: string): Promise<void> {
    await page.click(`#nav-${view}`);
    await page.waitForSelector(`section[data-step=${view}]`);
  }

  const message = () => page.locator("#message").textContent();

  it("every step of the walk", async () => {
    for (const id of STEP_IDS) {
      await show(id);
      expect({ id, violations: await violations(page) }).toEqual({ id, violations: [] });
    }
  });

  it("the summary, and the summary across the futures", async () => {
    await show("summary");
    expect(await violations(page)).toEqual([]);
    await page.check("#summary-uncertain");
    await page.waitForSelector("[data-testid=gains]");
    expect(await page.locator("[data-testid^=lever-spread-]").count()).toBeGreaterThan(0);
    expect(await violations(page)).toEqual([]);
    await page.uncheck("#summary-uncertain");
    await page.waitForSelector("[data-testid=gains]", { state: "detached" });
  });

  it("a failed action on a step: its alert with Try again", async () => {
    await show("summary");
    // The in-memory workbook fails the next call as a failed context.sync() would (port/excelBehaviour.ts).
    await page.evaluate(() => window.commitLevers!.workbook!.failNextCalls(1));
    await page.click("#write-brief");
    await page.waitForSelector(".retry[role=alert] #retry");
    expect(await violations(page)).toEqual([]);
    await page.click("#retry");
    await page.waitForSelector("#retry", { state: "detached" });
    await page.waitForFunction(() => /Brief/.test(document.getElementById("message")?.textContent ?? ""));
  });

  it("a refused input: the step's message says why", async () => {
    await show("size");
    await page.fill("#in-commit\\.draft", "abc");
    await page.press("#in-commit\\.draft", "Enter");
    await page.waitForFunction(() => /is not an amount/.test(document.getElementById("message")?.textContent ?? ""));
    expect(await page.getAttribute("#message", "class")).toContain("error");
    expect(await violations(page)).toEqual([]);
    await page.fill("#in-commit\\.draft", "$2,500,000");
    await page.press("#in-commit\\.draft", "Enter");
    await page.waitForFunction(() => window.commitLevers!.workbook!.cell("Deal!B2")?.value === 2500000);
  });

  it("a refused file: the import says why", async () => {
    await show("usage");
    await page.setInputFiles("#import-file", {
      name: "notes.csv",
      mimeType: "text/csv",
      buffer: Buffer.from("colour,shape\nred,square\n"),
    });
    await page.waitForFunction(() => document.getElementById("message")?.classList.contains("error") ?? false);
    expect(await message()).toMatch(/notes\.csv/);
    expect(await violations(page)).toEqual([]);
  });

  it('"After you sign": the form, then signed with actuals and a warning', async () => {
    await show("track");
    expect(await violations(page)).toEqual([]);
    await page.fill("#sign-threshold", "$1");
    await page.click("#sign-deal");
    await page.waitForSelector("[data-testid=shortfall]");
    await page.fill("#actual-month", "1000");
    await page.click("#add-actual");
    await page.waitForSelector("[data-testid=tracking-warnings]");
    expect(await violations(page)).toEqual([]);
    // And the "Sign a new deal" disclosure opened.
    await page.click("#sign-again summary");
    await page.waitForSelector("#sign-again-deal");
    expect(await violations(page)).toEqual([]);
  });

  it("an import: its progress while the file is read, then its report", async () => {
    // The reader's worker script is held back until axe has looked at the progress, so the
    // progress stays on screen however fast this machine reads.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const hold = async (route: Route) => {
      await held;
      await route.continue();
    };
    await page.route("**/importWorker.js", hold);
    const csv = join(files, "console-usage.csv");
    writeFileSync(csv, consoleUsageCsv(40_000));
    await show("usage");
    await page.setInputFiles("#import-file", csv);
    await page.waitForSelector("[data-testid=import-progress]");
    expect(await page.locator("[data-testid=import-progress] progress").count()).toBe(1);
    expect(await violations(page)).toEqual([]);
    release();
    await page.waitForFunction(
      () => /rows of console-usage\.csv/.test(document.getElementById("message")?.textContent ?? ""),
      undefined,
      {
        timeout: 60_000,
      },
    );
    await page.unroute("**/importWorker.js", hold);
    // Outside Office the sample workbook does not calculate LEVERS.MONTHLY_USAGE, the imported
    // usage's spill (src/taskpane/port/modelCalc.ts): the pane says the model needs a fix, and shows
    // the import's report on that card.
    await page.waitForSelector("[data-testid=import-report]");
    expect(await violations(page)).toEqual([]);
  });

  it('the "needs a fix" card, then the set-up card', async () => {
    // A Deal cell the pane cannot read: the model needs a fix.
    await page.evaluate(() => window.commitLevers!.workbook!.edit("Deal!B2", "lots"));
    await page.evaluate(() => window.commitLevers!.refresh());
    await page.waitForSelector("#problem");
    expect(await page.evaluate(() => window.commitLevers!.pane.state.phase)).toBe("invalid");
    expect(await violations(page)).toEqual([]);
    // No model at all: the sheets and names gone, the set-up card.
    await page.evaluate(async () => {
      const workbook = window.commitLevers!.workbook!;
      await workbook.remove({
        sheets: await workbook.sheetNames(),
        names: workbook.definedNames().map((n) => n.name),
      });
      await window.commitLevers!.refresh();
    });
    await page.waitForSelector("#setup-title");
    expect(await violations(page)).toEqual([]);
    expect(session.stray).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it("an Office.js failure, with Try again", async () => {
    const failing = await openBrowser(DIST, { viewport: { width: 320, height: 800 }, officeStub: OFFICE_FAILING });
    try {
      const p = failing.page;
      const errors: string[] = [];
      p.on("pageerror", (e) => errors.push(e.message));
      await p.goto(`${failing.base}taskpane.html`);
      await p.waitForSelector("#retry");
      expect(await p.locator(".retry[role=alert]").textContent()).toContain("internal error");
      expect(await violations(p)).toEqual([]);
      const calls = await p.evaluate(() => (window as unknown as { __excelCalls: number }).__excelCalls);
      await p.click("#retry");
      await p.waitForFunction((before) => (window as unknown as { __excelCalls: number }).__excelCalls > before, calls);
      await p.waitForSelector("#retry");
      expect(await violations(p)).toEqual([]);
      expect(failing.stray).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await failing.close();
    }
  });

  it("every other page the build ships: help, support, privacy, terms", async () => {
    const pages: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (entry.name.endsWith(".html") && !NOT_DOCUMENTS.has(relative(DIST, path))) pages.push(path);
      }
    };
    walk(DIST);
    expect(pages.map((p) => relative(DIST, p))).toEqual(
      expect.arrayContaining(["support.html", "privacy.html", "terms.html", "help/index.html"]),
    );
    for (const path of pages) {
      const name = relative(DIST, path);
      await page.goto(`${session.base}${name}`);
      expect({ name, violations: await violations(page) }).toEqual({ name, violations: [] });
    }
    expect(session.stray).toEqual([]);
  });
});
