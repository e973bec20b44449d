/**
 * The development preview in real headless Chromium: `npm run test:browser` builds the production
 * bundle (which has no preview), so this test builds the preview itself with `webpack --mode
 * development` into a temporary folder, serves it from a local http server (the page loads no
 * Office.js: its CSP allows scripts from its own origin only; the harness would answer the CDN with
 * the real library) and fails on any outside request. It edits a usage cell in the grid and sees
 * a formula cell and the task pane's figure change to the core's new values. Screenshots go to
 * test-output/preview/.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Page } from "playwright-core";
import { MONEY, summaryCell } from "../../src/model/definition";
import { formatCell } from "../../src/preview/format";
import { formatMoney } from "../../src/taskpane/format";
import { expectedFigures, sampleModel, tokensOf } from "../engine/expected";
import { BrowserSession, openBrowser, requireChromium } from "./harness";
import { GOLDENS, NA } from "../fixtures/exports/goldens";

const ROOT = join(__dirname, "..", "..");
const SHOTS = join(ROOT, "test-output", "preview");
const BUILD_TIMEOUT_MS = 240_000;
/** What an older Console usage CSV's MONTHLY_USAGE columns add (core/exports.ts, its format's note). */
const NOTE = " (cache writes at the 5-minute rate)";

describe("the preview page in headless Chromium", () => {
  let out: string;
  let session: BrowserSession;
  let page: Page;
  const stray = () => session.stray;
  const problems: string[] = [];

  beforeAll(async () => {
    requireChromium();
    out = mkdtempSync(join(tmpdir(), "commit-levers-preview-"));
    const webpack = join(ROOT, "node_modules", "webpack", "bin", "webpack.js");
    execFileSync(process.execPath, [webpack, "--mode", "development", "--output-path", out], {
      cwd: ROOT,
      stdio: "pipe",
      timeout: BUILD_TIMEOUT_MS,
    });
    mkdirSync(SHOTS, { recursive: true });
    session = await openBrowser(out, { viewport: { width: 1400, height: 900 } });
    page = session.page;
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(`console: ${m.text()}`);
    });
    await page.goto(`${session.base}preview.html`);
    await page.waitForSelector("body[data-ready=true]", { timeout: 60_000 });
  }, BUILD_TIMEOUT_MS + 60_000);

  afterAll(async () => {
    await session?.close();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  const cell = (sheet: string, a1: string) => page.locator(`table[data-sheet="${sheet}"] td[data-cell="${a1}"]`);

  it("shows the model's sheets as tabs and the computed Summary", async () => {
    expect(await page.locator("#sheet-tabs button").allTextContents()).toEqual(sampleModel().sheets.map((s) => s.name));
    await page.click('#sheet-tabs button[data-sheet="Summary"]');
    const figures = expectedFigures(tokensOf(sampleModel()));
    expect(await cell("Summary", "B3").textContent()).toBe(formatCell(figures.get("Summary!B3"), MONEY));
    await page.waitForSelector('[data-testid="headline"]');
    // Step 2, Optimize: its headline is the optimization savings (step 1 is Bring your usage).
    await page.click("#nav-optimize");
    const headline = (figures.get("Summary!B3") as number) - (figures.get("Summary!B4") as number);
    expect(await page.locator('[data-testid="headline"]').textContent()).toBe(formatMoney(headline));
    await page.screenshot({ path: join(SHOTS, "1-summary.png") });
  });

  it("editing a usage cell updates a formula cell and the pane to the core's new figures", async () => {
    const tokens = tokensOf(sampleModel());
    tokens[0]![0] = 40_000;
    const after = expectedFigures(tokens);

    await page.click('#sheet-tabs button[data-sheet="Usage"]');
    await cell("Usage", "B2").click();
    await page.fill("#formula-bar", "40000");
    await page.press("#formula-bar", "Enter");
    await page.waitForFunction(() => document.querySelector('td[data-cell="B2"]')?.textContent === "40,000");
    expect(await cell("Usage", "H2").textContent()).toBe(formatCell(after.get("Usage!H2"), MONEY));
    await page.screenshot({ path: join(SHOTS, "2-usage-edited.png") });

    const headline = formatMoney((after.get("Summary!B3") as number) - (after.get("Summary!B4") as number));
    await page.waitForFunction(
      (text) => document.querySelector('[data-testid="headline"]')?.textContent === text,
      headline,
      { timeout: 10_000 },
    );
    await page.click('#sheet-tabs button[data-sheet="Summary"]');
    expect(await cell("Summary", "B3").textContent()).toBe(formatCell(after.get("Summary!B3"), MONEY));
    expect(await cell("Summary", "B5").textContent()).toBe(formatCell(after.get("Summary!B5"), MONEY));
    await page.screenshot({ path: join(SHOTS, "3-summary-after-edit.png") });
  });

  it("walks the Scenarios sheet: its grids and quote rows show the core's figures after the edit", async () => {
    const tokens = tokensOf(sampleModel());
    tokens[0]![0] = 40_000; // the edit the test above made
    const after = expectedFigures(tokens);
    await page.click('#sheet-tabs button[data-sheet="Scenarios"]');
    await page.waitForSelector('table[data-sheet="Scenarios"]');
    const grid = after.get("Scenarios!B6") as number[][];
    const waste = after.get("Scenarios!B26") as number[][];
    const quotes = (after.get("Scenarios!B50") as number[][])[0]!;
    // The anchors and the far corners of each spill, as the sheet formats them.
    expect(await cell("Scenarios", "B6").textContent()).toBe(formatCell(grid[0]![0], MONEY));
    expect(await cell("Scenarios", "H16").textContent()).toBe(formatCell(grid[10]![6], MONEY));
    expect(await cell("Scenarios", "H36").textContent()).toBe(formatCell(waste[10]![6], MONEY));
    expect(await cell("Scenarios", "G50").textContent()).toBe(formatCell(quotes[5], MONEY));
    const cheapest = await Promise.all(
      ["B", "C", "D", "E", "F", "G"].map((c) => cell("Scenarios", `${c}55`).textContent()),
    );
    expect(cheapest.filter((t) => t !== "")).toEqual(["cheapest"]);
    await page.screenshot({ path: join(SHOTS, "4-scenarios.png") });
  });

  it("across the futures: the fan drawn, and the summary ranked by expected value as the Summary sheet's LEVER_VALUES", async () => {
    await page.click("#nav-size");
    await page.waitForSelector("svg.fan-chart");
    expect(await page.locator("svg.fan-chart polygon.fan").count()).toBe(1);
    expect(await page.locator("svg.fan-chart desc").textContent()).toContain("across the futures");
    await page.click("#nav-summary");
    await page.click("#summary-uncertain");
    await page.waitForSelector('[data-testid="lever-spread-0"]');
    expect(await page.locator('[data-testid="lever-spread-0"]').textContent()).toMatch(
      /^expected \$[\d,]+ \(P10 -?\$[\d,]+ to P90 -?\$[\d,]+\), pays in [\d.]+% of futures$/,
    );
    // The Summary sheet's LEVER_VALUES with the volatilities, on the formula engine: the same asks in
    // the same order (by expected value), each with the same expected value.
    const anchor = summaryCell("uncertainLevers").split("!")[1]!;
    const top = Number(anchor.slice(1));
    const sheetRows = await page.evaluate((first) => {
      const hook = window.commitLeversPreview!;
      const rows: [unknown, unknown][] = [];
      for (let r = first + 1; r < first + 20; r++) {
        const name = hook.workbook.value("Summary", `A${r}`);
        if (name === "" || name === null || name === undefined) break;
        rows.push([name, hook.workbook.value("Summary", `D${r}`)]);
      }
      return rows;
    }, top);
    const asks = sheetRows.filter(
      ([name]) => name !== "All asks together" && name !== "One point of headline discount",
    );
    expect(
      await page.locator(".lever-name").evaluateAll((els) => els.map((e) => e.textContent?.replace(/cheap ask$/, ""))),
    ).toEqual(asks.map(([name]) => name));
    expect(await page.locator('[data-testid^="lever-value-"]').allTextContents()).toEqual(
      asks.map(([, value]) => formatMoney(value as number)),
    );
    expect(await page.locator('[data-testid="gains"]').textContent()).toMatch(
      /^Across the futures your usage may take/,
    );
    await page.screenshot({ path: join(SHOTS, "5-across-the-futures.png"), fullPage: true });
    await page.click("#summary-uncertain");
  });

  it("signs the sample deal, and a month of actuals moves the burn-down", async () => {
    await page.click("#nav-track");
    await page.waitForSelector("#sign-deal");
    // The terms of DOMAIN.md's worked example 1, typed over the asks the form starts from.
    const terms: Record<string, string> = {
      commit: "$1,000,000",
      discount: "20%",
      overage_rate: "1",
      carryover: "0",
      period_months: "12",
    };
    for (const [key, text] of Object.entries(terms)) await page.fill(`#sign-${key}`, text);
    await page.fill("#sign-threshold", "$1");
    await page.click("#sign-deal");
    await page.waitForSelector('[data-testid="shortfall"]', { timeout: 20_000 });
    await page.waitForFunction(
      () => (document.getElementById("message")?.textContent ?? "").startsWith("Signed:"),
      undefined,
      {
        timeout: 20_000,
      },
    );
    expect(await page.locator('#sheet-tabs button[data-sheet="Signed"]').count()).toBe(1);
    // Nothing drawn yet.
    expect(await page.locator('[data-testid="track-1"]').textContent()).toBe("$0");
    const projected = await page.locator('[data-testid="track-4"]').textContent();

    // Month 1 typed in the Actuals table on the Tracking sheet: 100,000 at list, 80,000 drawn at 20% off.
    await page.click('#sheet-tabs button[data-sheet="Tracking"]');
    await cell("Tracking", "B11").click();
    await page.fill("#formula-bar", "100000");
    await page.press("#formula-bar", "Enter");
    await page.waitForFunction(
      () => document.querySelector('[data-testid="track-1"]')?.textContent === "$80,000",
      undefined,
      { timeout: 10_000 },
    );
    // The sheet's own BURNDOWN (J11: period 1's drawn to date) and its months of actuals (B3).
    const value = (a1: string) =>
      page.evaluate((at) => window.commitLeversPreview!.workbook.value("Tracking", at) as unknown, a1);
    expect(await value("J11")).toBe(80_000);
    expect(await value("B3")).toBe(1);
    // Month 2 from the pane: 160,000 drawn to date; the projected draw of the period moved off the plan's.
    await page.fill("#actual-month", "100000");
    await page.click("#add-actual");
    await page.waitForFunction(
      () => document.querySelector('[data-testid="track-1"]')?.textContent === "$160,000",
      undefined,
      { timeout: 10_000 },
    );
    expect(await value("J11")).toBe(160_000);
    expect(await page.locator('[data-testid="track-4"]').textContent()).not.toBe(projected);
    // The pane's picture of the burn-down: three bars a period (available, projected, drawn), one period a year.
    const periods = await page.locator('[data-testid="burndown"] tr').count();
    expect(await page.locator("svg.burndown-chart rect.drawn").count()).toBe(periods - 1);
    expect(await page.locator("svg.burndown-chart desc").textContent()).toMatch(
      /^Period 1: .* \$160,000 drawn to date/,
    );
    await page.screenshot({ path: join(SHOTS, "5-tracking.png") });
  });

  it("imports every export fixture through the pane: file picked, read in a worker, monthly table and spill written, Summary recalculated", async () => {
    let first = true;
    for (const [name, golden] of Object.entries(GOLDENS)) {
      // Each fixture into a fresh preview: a second import would merge into the first's monthly table
      // (re-import replaces the months it covers and keeps the others), and the goldens are per file.
      await page.reload();
      await page.waitForSelector("body[data-ready=true]", { timeout: 60_000 });
      await page.click("#nav-usage").catch(() => undefined);
      await page.setInputFiles("#import-file", join(ROOT, "test", "fixtures", "exports", name));
      const unknownModel = golden.some((row) => row.includes(NA));
      await page
        .waitForFunction(
          ([file, refused]) =>
            (document.getElementById("message")?.textContent ?? "").includes(
              refused ? `${file}: unknown model` : `rows of ${file} (`,
            ),
          [name, unknownModel] as const,
          { timeout: 20_000 },
        )
        .catch(async (e: unknown) => {
          throw new Error(`${name}: ${await page.locator("#message").textContent()} ${String(e)}`);
        });
      // A token export naming a model the price book does not know cannot be priced at list: the
      // import says which model and writes nothing (MONTHLY_USAGE shows that column as #N/A).
      if (unknownModel) continue;
      // The spill the pane pointed Usage at, as the workbook computed it (errors as their text).
      const message = (await page.locator("#message").textContent()) ?? "";
      const monthlySheet =
        /in the table \S+ on sheet (.+?); Usage is its MONTHLY_USAGE spill\./.exec(message)?.[1] ?? "";
      const spill = await page.evaluate(
        ({ rows, columns, sheet }) => {
          const hook = window.commitLeversPreview!;
          const letter = (c: number) => String.fromCharCode(65 + c);
          let at = 0;
          while (
            at < 26 &&
            !String(hook.workbook.formula(sheet, `${letter(at)}1`) ?? "").startsWith("=LEVERS.MONTHLY_USAGE")
          )
            at++;
          const out: unknown[][] = [];
          for (let r = 0; r < rows; r++) {
            const line: unknown[] = [];
            for (let c = 0; c < columns; c++) {
              const v = hook.workbook.value(sheet, `${letter(at + c)}${r + 1}`) as unknown;
              line.push(v !== null && typeof v === "object" ? (v as { value: string }).value : v);
            }
            out.push(line);
          }
          return { sheet, out };
        },
        { rows: golden.length, columns: golden[0]!.length, sheet: monthlySheet },
      );
      golden.forEach((row, r) =>
        row.forEach((want, c) => {
          const got = spill.out[r]![c];
          if (typeof want === "number")
            expect({ name, r, c, got: Number((got as number).toFixed(9)) }).toEqual({
              name,
              r,
              c,
              got: Number(want.toFixed(9)),
            });
          // The monthly table holds dollars, not the assumption an older export makes: the pane's
          // summary and the usage step say it instead of the spill's header.
          else expect({ name, r, c, got }).toEqual({ name, r, c, got: want.replace(NOTE, "") });
        }),
      );
      if (golden[0]!.some((h) => String(h).endsWith(NOTE))) {
        expect(await page.locator('[data-testid="import-report"]').textContent()).toContain(
          `Assumptionevery month's list dollars${NOTE}`,
        );
      }
      if (first) {
        // The Console cost CSV: the pane's model copy sums it on its own Summary (27 + 0 + 1 = 28),
        // and the pane shows the import's summary.
        first = false;
        expect(spill.sheet).toBe("Usage by month");
        await page.waitForFunction(
          () => document.querySelector('[data-testid="headline"]')?.textContent === "$28",
          undefined,
          {
            timeout: 10_000,
          },
        );
        expect(await page.locator('[data-testid="import-report"]').textContent()).toContain("Observed discount15%");
        await page.click('#sheet-tabs button[data-sheet="Summary (2)"]');
        expect(await cell("Summary (2)", "B3").textContent()).toBe(formatCell(28, MONEY));
        await page.screenshot({ path: join(SHOTS, "6-imported.png") });
      }
    }
  }, 240_000);

  it("made no request outside the page's origin and logged no error", () => {
    expect(stray()).toEqual([]);
    expect(problems).toEqual([]);
  });
});
