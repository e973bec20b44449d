/**
 * The task pane in real headless Chromium (Debian's chromium, driven by playwright-core): the built
 * page from dist/, served by a local http server, with the real Office.js (node_modules/@microsoft/
 * office-js, answering the CDN's addresses): outside Office its onReady resolves with no host, so the
 * pane runs on its in-memory sample workbook. Walks the eight steps and the summary by clicking, checks
 * the figures shown against the core's (computed here from the same sample model), edits usage
 * and sees the figures follow, and saves a screenshot of each step under test-output/pane/.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { Page } from "playwright-core";
import { sampleTokens } from "../../src/model/definition";
import { formatMoney } from "../../src/taskpane/format";
import { expectedFigures, sampleUsage } from "../taskpane/sampleGoldens";
import { BrowserSession, openPane } from "./harness";

const ROOT = join(__dirname, "..", "..");
const SHOTS = join(ROOT, "test-output", "pane");

const STEP_IDS = ["usage", "optimize", "size", "overage", "unused", "protection", "term", "fineprint"];

// --- the test -----------------------------------------------------------------------------------

describe("task pane in headless Chromium", () => {
  let session: BrowserSession;
  let page: Page;
  const pageErrors: string[] = [];
  const stray = () => session.stray;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    session = await openPane(pageErrors);
    page = session.page;
  });

  it("boots on the real Office.js outside Office: no host, the sample workbook, every library file found", async () => {
    // The page's office.js is the package's, not a stand-in: it has Office.context and the shared
    // runtime's CustomFunctions.associate (functions.js registers through it on this page).
    const office = await page.evaluate(() => ({
      context: typeof Office.context,
      associate: typeof (window as unknown as { CustomFunctions?: { associate?: unknown } }).CustomFunctions?.associate,
      sample: document.body.classList.contains("outside-office"),
      workbook: window.commitLevers?.workbook !== undefined,
    }));
    expect(office).toEqual({ context: "object", associate: "function", sample: true, workbook: true });
    // The page's "Loading…" placeholder went when the pane drew itself.
    expect(await page.locator("#app").textContent()).not.toContain("Loading…");
    expect(session.officeMissing).toEqual([]);
    expect(pageErrors).toEqual([]);
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
    const curve = page.locator("svg.curve:not(.fan-chart)");
    expect(await curve.getAttribute("role")).toBe("img");
    expect(await curve.locator("desc").textContent()).toContain("lowest at a commit of");
    // And the usage fan across the futures, with its own text alternative.
    expect(await page.locator("svg.fan-chart desc").textContent()).toContain("across the futures");

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

  /** Edits a usage cell, as a recalculation or a co-author would, and waits for the pane's refresh. */
  async function editUsageAndRefresh(value: number): Promise<void> {
    const revision = await page.evaluate(() => window.commitLevers!.pane.state.revision);
    await page.evaluate((v) => window.commitLevers!.workbook!.edit("Usage!B3", v), value);
    await page.waitForFunction(
      (r) => window.commitLevers!.pane.state.revision > r && !window.commitLevers!.pane.refreshPending,
      revision,
    );
  }

  const valueOf = (selector: string) => page.inputValue(selector);

  it("keeps what was typed, and an open disclosure, across a refresh (issue 26's lost input)", async () => {
    // "After you sign", before signing: the form the issue found reset by a usage edit.
    await show("track");
    await page.fill("#sign-commit", "$2,500,000");
    await page.fill("#sign-discount", "12%");
    await page.fill("#sign-threshold", "5000");
    await editUsageAndRefresh(41000);
    expect(await valueOf("#sign-commit")).toBe("$2,500,000");
    expect(await valueOf("#sign-discount")).toBe("12%");
    expect(await valueOf("#sign-threshold")).toBe("5000");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("sign-threshold");

    // A step: a refused text stays as typed (it is the user's to fix), and a half-typed one too.
    await show("size");
    await page.fill("#in-commit\\.draft", "abc");
    await page.fill("#in-discount\\.draft", "13");
    expect(await page.locator("#message").textContent()).toMatch(/"abc" is not an amount in dollars/);
    await editUsageAndRefresh(42000);
    expect(await valueOf("#in-commit\\.draft")).toBe("abc");
    expect(await valueOf("#in-discount\\.draft")).toBe("13");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("in-discount.draft");
    // Put the draft back as it was: leaving a field applies what is typed, and its draft goes.
    await page.fill("#in-commit\\.draft", "$2,500,000");
    await page.fill("#in-discount\\.draft", "15%");
    await page.press("#in-discount\\.draft", "Tab");
    await page.waitForFunction(() =>
      Object.keys(window.commitLevers!.pane.state.drafts).every((id) => id.startsWith("sign")),
    );
    expect(await page.evaluate(() => window.commitLevers!.workbook!.cell("Deal!B2")?.value)).toBe(2_500_000);

    // Signed: the signed form's typed terms went in; then every input of the tracking view, and the
    // "Sign a new deal" disclosure opened, survive a refresh.
    await show("track");
    expect(await valueOf("#sign-commit")).toBe("$2,500,000");
    await page.click("#sign-deal");
    await page.waitForSelector("[data-testid=shortfall]");
    // Opened, with a redraw landing before the browser's toggle event reaches the state (as when a
    // calculation finishes at that moment): the redraw must not close it again.
    await page.evaluate(() => {
      document.querySelector<HTMLElement>("#sign-again summary")!.click();
      window.commitLevers!.pane.go("track");
    });
    await page.fill("#sign-again-commit", "$1,750,000");
    await page.fill("#actual-month", "84000");
    await page.fill("#threshold", "$7,500");
    await editUsageAndRefresh(43000);
    expect(await page.evaluate(() => (document.getElementById("sign-again") as HTMLDetailsElement).open)).toBe(true);
    expect(await valueOf("#sign-again-commit")).toBe("$1,750,000");
    expect(await valueOf("#actual-month")).toBe("84000");
    expect(await valueOf("#threshold")).toBe("$7,500");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("threshold");
    await page.screenshot({ path: join(SHOTS, "kept-across-refresh.png"), fullPage: true });
    expect(stray()).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
