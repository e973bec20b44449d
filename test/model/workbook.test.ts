/**
 * The model workbook on a real formula engine: HyperFormula evaluates every formula of
 * src/model/definition.ts, calling the LEVERS.* functions through the production bundle exactly as
 * Excel does (loaded with a stub CustomFunctions.associate, described by functions.json). Every
 * figure is checked against the core called directly on the same inputs.
 */
import { DetailedCellError } from "hyperformula";
import * as core from "../../src/core";
import * as sheet from "../../src/sheet";
import { TERMS } from "../../src/catalogue/terms";
import { DEAL_TERMS, SHEETS, dealCell, summaryCell } from "../../src/model/definition";
import type { LeversPlugin } from "../../src/preview/leversPlugin";
import { ModelWorkbook } from "../../src/preview/modelWorkbook";
import { cellAddress, parseCell } from "../../src/sheet/a1";
import { hyperFormulaPort } from "../../src/preview/hfHost";
import { readModel } from "../../src/taskpane/model";
import { computeFigures } from "../../src/taskpane/steps";
import { BUILD_TIMEOUT_MS, bundlePlugin } from "../engine/bundle";
import { Figure, expectedFigures, sampleModel, tokensOf } from "../engine/expected";

const model = sampleModel();
let plugin: LeversPlugin;

beforeAll(() => {
  plugin = bundlePlugin();
}, BUILD_TIMEOUT_MS);

/** Numbers agree to 1e-9 relative (the engine sums in its own order); text exactly. */
function expectFigure(actual: unknown, expected: number | string, where: string): void {
  if (typeof expected === "number") {
    if (typeof actual !== "number") throw new Error(`${where}: expected ${expected}, got ${String(actual)}`);
    expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
  } else {
    expect({ where, value: actual }).toEqual({ where, value: expected });
  }
}

/** The values a spill anchored at `a1` fills, `rows` by `columns`. */
function spillValues(wb: ModelWorkbook, sheet: string, a1: string, rows: number, columns: number): unknown[][] {
  const { row, column: col } = parseCell(a1)!;
  return Array.from({ length: rows }, (_, r) =>
    Array.from({ length: columns }, (_, c) => wb.value(sheet, cellAddress(row + r, col + c))),
  );
}

function expectSpill(wb: ModelWorkbook, key: string, expected: (number | string)[][]): void {
  const [sheet, a1] = key.split("!") as [string, string];
  const rows = expected.length;
  const columns = expected[0]!.length;
  const actual = spillValues(wb, sheet, a1, rows, columns);
  expected.forEach((row, r) => row.forEach((v, c) => expectFigure(actual[r]![c], v, `${key}[${r}][${c}]`)));
  // Nothing spills beyond the documented shape (where the model has no cell of its own there).
  const { row, column: col } = parseCell(a1)!;
  for (const beyond of [cellAddress(row + rows, col), cellAddress(row, col + columns)]) {
    if (!definedCells.has(`${sheet}!${beyond}`))
      expect({ beyond, value: wb.value(sheet, beyond) }).toEqual({ beyond, value: null });
  }
}

function checkFigure(wb: ModelWorkbook, key: string, expected: Figure): void {
  const [sheet, a1] = key.split("!") as [string, string];
  if (Array.isArray(expected)) expectSpill(wb, key, expected);
  else if (typeof expected === "object") throw new Error("errors are checked separately");
  else expectFigure(wb.value(sheet, a1), expected, key);
}

/** Every cell the model defines, by "Sheet!A1". */
const definedCells = new Set(model.sheets.flatMap((s) => s.cells.map((c) => `${s.name}!${c.address}`)));

/** Every formula cell of the model, by "Sheet!A1". */
const formulaCells = model.sheets.flatMap((s) =>
  s.cells.filter((c) => c.formula).map((c) => ({ key: `${s.name}!${c.address}`, formula: c.formula! })),
);

/**
 * Every suite on both platforms: Excel desktop passes an empty cell to a function as 0, the web as
 * null (office-js #4702, #5262); no figure may depend on which (DOMAIN.md "Blank cells inside ranges").
 */
describe.each(["web", "desktop"] as const)("on Excel %s", (platform) => {
  beforeAll(() => {
    plugin.platform = platform;
  });

  describe("the sample model on a real engine", () => {
    let wb: ModelWorkbook;
    beforeAll(() => {
      wb = new ModelWorkbook(model, plugin);
    });

    const expected = expectedFigures(tokensOf(model));
    const table = formulaCells.map(({ key, formula }) => ({ key, formula, expected: expected.get(key) }));

    it("has an expected core figure for every formula cell", () => {
      expect(table.filter((row) => row.expected === undefined).map((row) => row.key)).toEqual([]);
      expect(formulaCells.length).toBe(expected.size);
    });

    it.each(table)("$key $formula", ({ key, formula, expected }) => {
      const [sheet, a1] = key.split("!") as [string, string];
      expect(wb.formula(sheet, a1)).toBe(formula);
      checkFigure(wb, key, expected!);
    });
  });

  describe("recalculation when a usage cell changes", () => {
    const cases = [
      { cell: "B2", value: 40_000, what: "Opus input, month 1" },
      { cell: "G25", value: 90_000, what: "Haiku output, month 24" },
      { cell: "D14", value: 1, what: "Sonnet input, month 13" },
    ];

    it.each(cases)(
      "$what ($cell := $value) recalculates exactly its dependents to the core's figures",
      ({ cell, value }) => {
        const wb = new ModelWorkbook(model, plugin);
        const before = expectedFigures(tokensOf(model));
        const tokens = tokensOf(model);
        const { row, column: col } = parseCell(cell)!;
        tokens[row - 1]![col - 1] = value;
        const after = expectedFigures(tokens);

        const changes = wb.set(SHEETS.usage, cell, value);
        const changed = new Set(changes.map((c) => `${c.sheet}!${c.address}`));

        // Only the edited cell's own row of the Usage sheet, the Summary and the Scenarios change; never
        // Prices, Deal or Bands.
        for (const key of changed) {
          const [sheet, a1] = key.split("!") as [string, string];
          if (sheet === SHEETS.usage) expect(parseCell(a1)!.row).toBe(row);
          else expect([SHEETS.summary, SHEETS.scenarios]).toContain(sheet);
        }
        // Every single-cell figure the core says moved is reported as changed, and every formula shows the new figure.
        for (const [key, figure] of after) {
          if (!Array.isArray(figure) && figure !== before.get(key))
            expect({ key, changed: changed.has(key) }).toEqual({ key, changed: true });
          checkFigure(wb, key, figure);
        }
        // A Summary figure the edit cannot move is not reported (band discount of the draft commit).
        expect(changed.has(`${SHEETS.summary}!B16`)).toBe(false);
      },
    );

    it("an untouched workbook reports nothing for a value written again unchanged", () => {
      const wb = new ModelWorkbook(model, plugin);
      const value = tokensOf(model)[0]![0]!;
      const changes = wb.set(SHEETS.usage, "B2", value);
      expect(changes.filter((c) => c.sheet !== SHEETS.usage || c.address !== "B2")).toEqual([]);
    });
  });

  describe("spills have the documented shape", () => {
    let wb: ModelWorkbook;
    const usage = tokensOf(model);
    const expected = expectedFigures(usage);
    beforeAll(() => {
      wb = new ModelWorkbook(model, plugin);
      wb.engine.addSheet("Scratch");
    });
    const commit = dealCell("commit", "draft");
    const discount = dealCell("discount", "draft");

    it("LEVER_VALUES: header + one row per lever whose draft differs from its ask + the yardstick + All asks together, 6 columns", () => {
      const table = expected.get(summaryCell("levers")) as (number | string)[][];
      const differing = DEAL_TERMS.filter((t) => t.key !== "renewal_months" && t.draft !== t.ask).length;
      expect(table.length).toBe(1 + differing + 1 + 1);
      expect(table[0]).toEqual([...sheet.LEVER_HEADER]);
      expect(table[table.length - 2]![0]).toBe("One point of headline discount");
      expect(table[table.length - 2]![5]).toBe("yardstick");
      expect(table[table.length - 1]![0]).toBe("All asks together");
      expectSpill(wb, summaryCell("levers"), table);
    });

    it("COMMIT_CURVE: header + rows of Commit, Discount, Expected cost, Expected waste, Expected overage billed", () => {
      const table = expected.get(summaryCell("curve")) as (number | string)[][];
      expect(table[0]).toEqual([...sheet.CURVE_HEADER]);
      expect(table.length).toBeGreaterThanOrEqual(1 + 25);
      expectSpill(wb, summaryCell("curve"), table);
    });

    it("LEDGER: header + one row per commit period, 10 columns; the spill grows when the period shortens", () => {
      wb.set("Scratch", "A1", `=LEVERS.LEDGER(${commit},Usage,${discount})`);
      const deal = { commit: 3_000_000, discount: 0.15, overageRate: 1, carryover: 0, periodMonths: 12 } as const;
      const series = sheet.parseUsage("usage", listOf(wb)) as number[];
      expectSpill(wb, "Scratch!A1", sheet.ledgerTable(series, deal));
      expect(sheet.ledgerTable(series, deal)).toHaveLength(1 + 2);

      wb.set("Scratch", "A1", `=LEVERS.LEDGER(${commit},Usage,${discount},1,0,6)`);
      const six = sheet.ledgerTable(series, { ...deal, periodMonths: 6 });
      expect(six).toHaveLength(1 + 4);
      expectSpill(wb, "Scratch!A1", six);
    });

    it("PROJECT: a column of `months` values", () => {
      wb.set("Scratch", "M1", "=LEVERS.PROJECT(Usage,6)");
      const projected = core.project(sheet.parseUsage("history", listOf(wb)) as number[], 6, "linear", {}) as number[];
      expectSpill(
        wb,
        "Scratch!M1",
        projected.map((v) => [v]),
      );
    });

    it("NEXT_BAND spills one row of 3; PRICE_BOOK the header and one row per model, 9 columns", () => {
      wb.set("Scratch", "O1", "=LEVERS.NEXT_BAND(1500000,Bands)");
      expectSpill(wb, "Scratch!O1", [[2_500_000, 1_000_000, 0.15]]);
      wb.set("Scratch", "A20", "=LEVERS.PRICE_BOOK()");
      expectSpill(wb, "Scratch!A20", sheet.priceBookTable(core.DEFAULT_PRICE_BOOK));
    });

    it("a spill nested in another function hands it the whole array", () => {
      wb.set("Scratch", "S1", `=SUM(LEVERS.LIST_COST("Opus 4.5",Usage!B2:B25,Usage!C2:C25,PriceBook))`);
      const opus = listOf(wb).reduce((a, row) => a + (row[0] as number), 0);
      expectFigure(wb.value("Scratch", "S1"), opus, "Scratch!S1");
    });
  });

  describe("the Scenarios sheet", () => {
    it("each grid and each quote row is one formula, and the marks point at the nearest cell and the cheapest quote", () => {
      const wb = new ModelWorkbook(model, plugin);
      const scenarios = model.sheets.find((s) => s.name === SHEETS.scenarios)!;
      const calls = scenarios.cells.filter((c) => c.formula?.includes("LEVERS.")).map((c) => c.address);
      // Two grids, the band discount of the recommended commit, six quote rows, the projection.
      expect(calls).toEqual(["B6", "B20", "B26", "B48", "B49", "B50", "B51", "B52", "B53", "N29"]);
      const marks = Array.from({ length: 11 }, (_, i) => wb.value(SHEETS.scenarios, `J${6 + i}`));
      expect(marks.filter((m) => m !== "")).toEqual(["◀ nearest the recommended commit"]);
      const cheapest = ["B", "C", "D", "E", "F", "G"].map((c) => wb.value(SHEETS.scenarios, `${c}55`));
      expect(cheapest.filter((m) => m !== "")).toEqual(["cheapest"]);
    });

    it("a discount typed on the grid's edge moves that column of both grids, and no other grid cell", () => {
      const wb = new ModelWorkbook(model, plugin);
      const grids = () => [6, 26].map((top) => spillValues(wb, SHEETS.scenarios, `B${top}`, 11, 7));
      const before = grids();
      wb.set(SHEETS.scenarios, "C5", 0.5);
      const after = grids();
      after.forEach((grid, g) =>
        grid.forEach((row, r) =>
          row.forEach((v, c) => {
            if (c !== 1) expect({ g, r, c, v }).toEqual({ g, r, c, v: before[g]![r]![c] });
            else {
              const commit = wb.value(SHEETS.scenarios, `A${6 + r}`) as number;
              const deal = { commit, discount: 0.5, overageRate: 1, carryover: 0, periodMonths: 12 } as const;
              const usage = sheet.parseUsage("usage", listOf(wb)) as number[];
              const want = g === 0 ? core.totalCost(usage, deal) : core.commitWaste(usage, deal);
              expectFigure(v, want, `grid ${g} [${r}][1]`);
            }
          }),
        ),
      );
    });

    it("the pane's term options are what its own lifted formula spills in the workbook", async () => {
      const wb = new ModelWorkbook(model, plugin);
      const { port } = hyperFormulaPort(wb);
      const read = await readModel(port);
      if (read.kind !== "ready") throw new Error(`the sample model reads: ${read.kind}`);
      const term = computeFigures(read.data, { termOption: 18 }).steps.term;
      const [f] = term.formulas;
      expect(f!.formula).toContain("Horizon");
      expect(f!.formula).toContain("{12,18,24,36}");
      wb.engine.addSheet("Scratch");
      wb.set("Scratch", "A1", f!.formula);
      const spilled = spillValues(wb, "Scratch", "A1", 1, 4)[0]!;
      f!.values!.forEach((v, i) => expectFigure(spilled[i], v, `Scratch!A1[0][${i}]`));
      // The 24- and 36-month options are the Scenarios quotes' HORIZON_COST on the draft's terms.
      expect(term.lines).toHaveLength(4);
    });
  });

  /** The Usage sheet's list-dollar columns (H:J), as computed. */
  function listOf(wb: ModelWorkbook): number[][] {
    return Array.from({ length: 24 }, (_, t) =>
      ["H", "I", "J"].map((c) => wb.value(SHEETS.usage, `${c}${t + 2}`) as number),
    );
  }

  describe("an error in a usage cell reaches the dependent cells as the documented error", () => {
    const ledgerCells = [3, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14].map((r) => `B${r}`);

    function expectError(wb: ModelWorkbook, sheet: string, a1: string, code: string, message?: string): void {
      const value = wb.value(sheet, a1);
      expect(value).toBeInstanceOf(DetailedCellError);
      const error = value as DetailedCellError;
      expect({ cell: `${sheet}!${a1}`, code: error.value }).toEqual({ cell: `${sheet}!${a1}`, code });
      if (message !== undefined) expect(error.message).toBe(message);
    }

    it('text "n/a" in a token cell: #VALUE! naming the argument, passed unchanged to every figure over Usage', () => {
      const wb = new ModelWorkbook(model, plugin);
      wb.set(SHEETS.usage, "B7", "n/a");
      const message = (sheet.parseMoney("input_mtok", "n/a") as core.LeverError).message;
      expectError(wb, SHEETS.usage, "H7", "#VALUE!", message);
      expectError(wb, SHEETS.usage, "K7", "#VALUE!", message);
      for (const a1 of ledgerCells) expectError(wb, SHEETS.summary, a1, "#VALUE!", message);
      expectError(wb, SHEETS.summary, "A20", "#VALUE!", message);
      // Cells that do not read month 6 keep their figures.
      expect(typeof wb.value(SHEETS.usage, "H8")).toBe("number");
      expect(typeof wb.value(SHEETS.summary, "B15")).toBe("number");
      expect(wb.value(SHEETS.summary, "B16")).toBe(0.15);
    });

    it("text typed over a list-dollar cell: #VALUE! naming the row and column inside the usage range", () => {
      const wb = new ModelWorkbook(model, plugin);
      const grid: sheet.Cell[][] = listOf(wb);
      grid[5]![1] = "n/a";
      wb.set(SHEETS.usage, "I7", "n/a");
      const message = (sheet.parseUsage("usage", grid) as core.LeverError).message;
      expect(message).toBe('usage: text "n/a" at row 6, column 2; expected a number');
      expectError(wb, SHEETS.summary, "B5", "#VALUE!", message);
      expectError(wb, SHEETS.summary, "B6", "#VALUE!", message);
    });

    it("=NA() in a token cell: #N/A passed through unchanged", () => {
      const wb = new ModelWorkbook(model, plugin);
      wb.set(SHEETS.usage, "E3", "=NA()");
      expectError(wb, SHEETS.usage, "I3", "#N/A");
      expectError(wb, SHEETS.usage, "L3", "#N/A");
      for (const a1 of ledgerCells) expectError(wb, SHEETS.summary, a1, "#N/A");
      expectError(wb, SHEETS.summary, "A20", "#N/A");
      expectError(wb, SHEETS.summary, "A36", "#N/A");
    });

    it("a negative usage: #NUM! naming the argument", () => {
      const wb = new ModelWorkbook(model, plugin);
      wb.set(SHEETS.usage, "C4", -5);
      const message = (sheet.parseMoney("output_mtok", -5) as core.LeverError).message;
      expectError(wb, SHEETS.usage, "H4", "#NUM!", message);
      expectError(wb, SHEETS.summary, "B5", "#NUM!", message);
    });
  });

  describe("blank cells and errors inside ranges, as this platform passes them", () => {
    it("a blank draft renewal cap is a 0% cap on every platform: LEVER_VALUES equals the core's", () => {
      const wb = new ModelWorkbook(model, plugin);
      const cap = dealCell("renewal_cap", "draft").replace(/^.*!/, "").replace(/\$/g, "");
      wb.set(SHEETS.deal, cap, null);
      const terms = DEAL_TERMS.map((t) => [t.key, t.key === "renewal_cap" ? 0 : t.draft, t.ask]);
      const usage = sheet.parseUsage("usage", listOf(wb)) as number[];
      const want = sheet.leverTable(usage, sheet.parseTerms("terms", terms, TERMS) as sheet.Terms, TERMS);
      const got = spillValues(wb, SHEETS.summary, "A20", want.length, 6);
      // The figures (lever, value, share, vendor cost); the Draft column shows the cell as passed.
      want.forEach((row, r) =>
        [0, 3, 4, 5].forEach((c) => expectFigure(got[r]![c], row[c]!, `${SHEETS.summary}!A20[${r}][${c}]`)),
      );
    });

    it("one #N/A inside a LIST_COST range errors its own cell only (functions.json allows errors as inputs)", () => {
      const wb = new ModelWorkbook(model, plugin);
      wb.engine.addSheet("Scratch");
      wb.set("Scratch", "A1", 10);
      wb.set("Scratch", "A2", "=NA()");
      wb.set("Scratch", "A3", 20);
      wb.set("Scratch", "C1", '=LEVERS.LIST_COST("Sonnet 4.5",A1:A3,2)');
      // 10 x 3 + 2 x 15 = 60; 20 x 3 + 30 = 90.
      expectFigure(wb.value("Scratch", "C1"), 60, "Scratch!C1");
      expect((wb.value("Scratch", "C2") as DetailedCellError).value).toBe("#N/A");
      expectFigure(wb.value("Scratch", "C3"), 90, "Scratch!C3");
    });
  });
});
