/**
 * The task pane in real headless Chromium (Debian's chromium, driven by playwright-core): the built
 * page from dist/, served by a local http server, with Office.js routed to a local stub so the pane
 * runs on its in-memory sample workbook. Walks the eight steps and the summary by clicking, checks
 * the figures shown against the core's (computed here from the same sample model), edits usage
 * and sees the figures follow, and saves a screenshot of each step under test-output/pane/.
 */
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { Page } from "playwright-core";
import { sampleTokens } from "../../src/model/definition";
import { formatMoney } from "../../src/taskpane/format";
import { expectedFigures, sampleUsage } from "../taskpane/sampleFigures";
import { BrowserSession, openBrowser } from "./harness";

const ROOT = join(__dirname, "..", "..");
const DIST = join(ROOT, "dist");
const SHOTS = join(ROOT, "test-output", "pane");

const STEP_IDS = ["usage", "optimize", "size", "overage", "unused", "protection", "term", "fineprint"];

// --- the test -----------------------------------------------------------------------------------

describe("task pane in headless Chromium", () => {
  let session: BrowserSession;
  let page: Page;
  const pageErrors: string[] = [];
  const stray = () => session.stray;

  beforeAll(async () => {
    if (!existsSync(join(DIST, "taskpane.html")))
      throw new Error("dist/taskpane.html is missing: run npm run build first.");
    mkdirSync(SHOTS, { recursive: true });
    session = await openBrowser(DIST, { viewport: { width: 320, height: 800 } });
    page = session.page;
    page.on("pageerror", (e) => pageErrors.push(e.message));
    await page.goto(`${session.base}taskpane.html`);
    await page.waitForSelector("body[data-ready=true]", { timeout: 30000 });
  });

  afterAll(async () => {
    await session?.close();
  });

  const headline = () => page.locator("[data-testid=headline]").textContent();

  async function show(view: string): Promise<void> {
    await page.click(`#nav-${view}`);
    await page.waitForSelector(`section[data-step=${view}]`);
    expect(await page.getAttribute(`#nav-${view}`, "aria-current")).toBe("step");
  }

  async function noSideScroll(): Promise<void> {
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(320);
  }

  it("walks the eight steps and the summary with the core's figures", async () => {
    const { usage, optimized } = sampleUsage();
    const expected = expectedFigures(usage, optimized);
    for (const [i, id] of STEP_IDS.entries()) {
      await show(id);
      expect(await headline()).toBe(formatMoney(expected.steps[i]!));
      expect(await page.locator("section[data-step] .why").textContent()).not.toBe("");
      await noSideScroll();
      await page.screenshot({ path: join(SHOTS, `step-${i + 1}.png`), fullPage: true });
    }
    // The sizing step's chart is an SVG with a text alternative.
    await show("size");
    expect(await page.locator("svg.curve").getAttribute("role")).toBe("img");
    expect(await page.locator("svg.curve desc").textContent()).toContain("lowest at a commit of");

    await show("summary");
    const shown = await page.locator("[data-testid^=lever-value-]").allTextContents();
    expect(shown).toEqual(expected.levers.map(formatMoney));
    expect(await page.locator("[data-testid=total]").textContent()).toBe(formatMoney(expected.total));
    // The yardstick: what one more point of headline discount is worth, each ask read in points of it.
    expect(await page.locator("[data-testid=yardstick]").textContent()).toContain(formatMoney(expected.yardstick));
    expect(await page.locator(".lever-share").first().textContent()).toMatch(/points of discount/);
    expect(await page.locator(".badge").count()).toBeGreaterThan(0);
    await noSideScroll();
    await page.screenshot({ path: join(SHOTS, "step-9-summary.png"), fullPage: true });
    expect(stray()).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it("moves through the step list with the arrow keys", async () => {
    await show("optimize");
    await page.focus("#nav-optimize");
    await page.keyboard.press("ArrowRight");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("nav-size");
    await page.keyboard.press("Enter");
    await page.waitForSelector("section[data-step=size]");
    expect(await page.getAttribute("#nav-size", "aria-current")).toBe("step");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("nav-size");
  });

  it("follows a usage edit in the workbook, and an input edit in the pane", async () => {
    await show("overage");
    const before = await headline();
    // Opus input tokens in month 1 triple: the user types into Usage!B2.
    const tokens = sampleTokens(24);
    tokens[0]![0] = { ...tokens[0]![0]!, input: tokens[0]![0]!.input * 3 };
    await page.evaluate(() => window.commitLevers!.workbook!.edit("Usage!B2", 36000));
    const { usage, optimized } = sampleUsage(tokens);
    const after = expectedFigures(usage, optimized);
    const want = formatMoney(after.steps[3]!);
    expect(want).not.toBe(before);
    await page.waitForFunction((text) => document.querySelector("[data-testid=headline]")?.textContent === text, want);

    // Edit the draft commit in the pane: the Deal cell changes and so do the figures.
    await show("size");
    await page.fill("#in-commit\\.draft", "$2,500,000");
    await page.press("#in-commit\\.draft", "Enter");
    await page.waitForFunction(() => window.commitLevers!.workbook!.cell("Deal!B2")?.value === 2500000);
    const edited = expectedFigures(usage, optimized, 2_500_000);
    await page.waitForFunction(
      (text) => document.querySelector("[data-testid=headline]")?.textContent === text,
      formatMoney(edited.steps[2]!),
    );
    await show("overage");
    await page.waitForFunction(
      (text) => document.querySelector("[data-testid=headline]")?.textContent === text,
      formatMoney(edited.steps[3]!),
    );
    await page.screenshot({ path: join(SHOTS, "after-edit.png"), fullPage: true });
  });

  it("writes the negotiation brief with a native chart", async () => {
    await show("summary");
    await page.click("#write-brief");
    await page.waitForFunction(() => (window.commitLevers!.workbook!.charts.length ?? 0) > 0);
    const chart = await page.evaluate(() => window.commitLevers!.workbook!.charts[0]);
    expect(chart?.sheet).toBe("Brief");
    expect(await page.locator("#message").textContent()).toContain("Brief");
    expect(stray()).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
