/**
 * No data loss in the pane (issue 7). Over the in-memory workbook behind the pane's port, every cell
 * of every area a pane action writes (the model's sheets, the brief's sheet, the selection for
 * "Insert formula") first holds the user's own data; then every action runs, and the user's data
 * must be byte for byte what it was (formula or constant, and format), or the action must refuse
 * with a message. Settings survive a reload (a new port and pane over the same stored document),
 * and a sync that fails part-way through leaves nothing half-written.
 */
import { buildModel, DEAL_TERMS, SHEETS } from "../../src/model/definition";
import { cellAddress, parseAddress, quoteSheet } from "../../src/sheet/a1";
import { MemoryWorkbook, memoryPort } from "../../src/taskpane/port/memoryPort";
import { calculateModelFormula } from "../../src/taskpane/port/modelCalc";
import { Pane, STATUS_SETTING, TERM_SETTING } from "../../src/taskpane/pane";
import { CellValue, CellWrite, OWNED_SETTING, WorkbookOp } from "../../src/taskpane/port/port";
import { defaultPriceBookRows } from "../../src/taskpane/setup";
import { MODEL_SETTING } from "../../src/taskpane/record";
import { STEP_IDS } from "../../src/taskpane/steps";

/** What a user keeps in cells: numbers, text (some of it hostile), booleans, formulas. */
const USER_VALUES: readonly CellValue[] = [
  42,
  -3.5,
  0,
  1e15,
  "client note",
  "<img src=x onerror=alert(1)>",
  "Ünïcødé ✓ — ½",
  "  padded  ",
  true,
  false,
  "=SUM(1,2)",
  "=LEVERS.TOTAL_COST(1000000, Usage, 0.2)",
  "'=not a formula",
];

/** The sheet names the pane may create, as a user might already have them. */
const MODEL_SHEETS = Object.values(SHEETS);
const USER_SHEETS = [...MODEL_SHEETS, "Brief", "Sheet1"];

/** Rows and columns each user sheet is filled over: at least the model's own extent on that sheet. */
const DEFINITION = buildModel({ sample: true, priceBook: defaultPriceBookRows() });
function extentOf(sheet: string): { rows: number; columns: number } {
  const definition = DEFINITION;
  let rows = 60;
  let columns = 16;
  for (const cell of definition.sheets.find((s) => s.name === sheet)?.cells ?? []) {
    const rect = parseAddress(cell.address)!;
    rows = Math.max(rows, rect.row + 1);
    columns = Math.max(columns, rect.column + 1);
  }
  return { rows, columns };
}

/** A cell as the user typed it: a formula, or a constant. */
function typed(value: CellValue): CellWrite {
  return typeof value === "string" && value.startsWith("=") ? { formula: value } : { value };
}

/** A workbook with the user's sheets, every cell of the model's extent holding user data. */
function userWorkbook(sheets: readonly string[] = USER_SHEETS): MemoryWorkbook {
  const workbook = new MemoryWorkbook(calculateModelFormula);
  let i = 0;
  for (const sheet of sheets) {
    workbook.addUserSheet(sheet);
    const { rows, columns } = extentOf(sheet);
    const cells = Array.from({ length: rows }, () =>
      Array.from({ length: columns }, () => typed(USER_VALUES[i++ % USER_VALUES.length]!)),
    );
    // Straight on the workbook, as the user's own typing: the pane owns none of it.
    workbook.paste(`${quoteSheet(sheet)}!A1`, cells);
  }
  return workbook;
}

/** The user's cells as stored: address -> formula or constant, and format. */
function snapshot(workbook: MemoryWorkbook, sheets: readonly string[]): Map<string, string> {
  const cells = new Map<string, string>();
  for (const sheet of sheets) {
    const { rows, columns } = extentOf(sheet);
    for (let r = 0; r < rows + 5; r++) {
      for (let c = 0; c < columns + 5; c++) {
        const address = `${quoteSheet(sheet)}!${cellAddress(r, c)}`;
        const stored = workbook.cell(address);
        // A formula's value is recalculated (legitimately); what the user entered is the formula.
        const entered =
          stored === undefined
            ? undefined
            : {
                formula: stored.formula,
                value: stored.formula === undefined ? stored.value : undefined,
                format: stored.format,
              };
        cells.set(address, JSON.stringify(entered ?? null));
      }
    }
  }
  return cells;
}

function changed(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...before]
    .filter(([address, v]) => after.get(address) !== v)
    .map(([address, v]) => `${address}: ${v} -> ${after.get(address)}`);
}

/** The document as a whole, for "nothing happened": sheets, names, settings. */
async function documentState(workbook: MemoryWorkbook): Promise<string> {
  return JSON.stringify({
    sheets: await workbook.sheetNames(),
    names: workbook.definedNames(),
    settings: [...workbook.settings].sort(([a], [b]) => a.localeCompare(b)),
    charts: workbook.charts,
  });
}

async function openPane(workbook: MemoryWorkbook): Promise<Pane> {
  const pane = new Pane(memoryPort(workbook), { debounceMs: 0 });
  await pane.start();
  return pane;
}

const panes: Pane[] = [];
async function paneOver(workbook: MemoryWorkbook): Promise<Pane> {
  const pane = await openPane(workbook);
  panes.push(pane);
  return pane;
}
afterEach(async () => {
  await Promise.all(panes.splice(0).map((p) => p.dispose()));
});

/** Defines a name as the user would (straight on the workbook, not through the pane's port). */
function userName(workbook: MemoryWorkbook, name: string, ref: string): Promise<void> {
  workbook.addUserName(name, ref);
  return Promise.resolve();
}

describe("every pane action leaves the user's data as it was", () => {
  test("build the model (sample and empty) beside sheets with the model's names, full of data", async () => {
    const workbook = userWorkbook();
    const before = snapshot(workbook, USER_SHEETS);
    const pane = await paneOver(workbook);
    for (const sample of [true, false]) {
      const built = await pane.buildModel(sample);
      expect(built.ok).toBe(true);
      if (built.ok) for (const sheet of built.value) expect(USER_SHEETS).not.toContain(sheet);
    }
    expect(changed(before, snapshot(workbook, USER_SHEETS))).toEqual([]);
  });

  test("the same with the user's sheet names in another case", async () => {
    const sheets = MODEL_SHEETS.map((s) => s.toUpperCase());
    const workbook = userWorkbook(sheets);
    const before = snapshot(workbook, sheets);
    const pane = await paneOver(workbook);
    const built = await pane.buildModel(true);
    expect(built.ok).toBe(true);
    expect(changed(before, snapshot(workbook, sheets))).toEqual([]);
  });

  test("insert each step's formula: refused at a cell holding data; at an empty cell, once", async () => {
    const workbook = userWorkbook();
    const before = snapshot(workbook, USER_SHEETS);
    const pane = await paneOver(workbook);
    expect((await pane.buildModel(true)).ok).toBe(true);
    let tried = 0;
    for (const step of STEP_IDS) {
      const formulas = pane.state.figures!.steps[step].formulas;
      for (let i = 0; i < formulas.length; i++) {
        for (const sheet of USER_SHEETS) {
          workbook.select(`${quoteSheet(sheet)}!${cellAddress(tried % 40, tried % 12)}`);
          const refused = await pane.insertFormula(step, i);
          expect(refused).toEqual({
            ok: false,
            code: "occupied",
            message: expect.stringMatching(/is not empty.*nothing was written/),
          });
          expect(pane.state.message).toEqual({ kind: "error", text: refused.ok ? "" : refused.message });
          tried++;
        }
        // An empty cell takes the formula; the same cell a second time is refused, and keeps it.
        const empty = `Sheet1!${cellAddress(100 + tried, 0)}`;
        workbook.select(empty);
        expect(await pane.insertFormula(step, i)).toEqual({ ok: true, value: empty });
        expect(workbook.cell(empty)?.formula).toBe(formulas[i]!.formula);
        const again = await pane.insertFormula(step, 0);
        expect(again.ok).toBe(false);
        expect(workbook.cell(empty)?.formula).toBe(formulas[i]!.formula);
      }
    }
    expect(tried).toBeGreaterThan(USER_SHEETS.length * STEP_IDS.length);
    expect(changed(before, snapshot(workbook, USER_SHEETS))).toEqual([]);
  });

  test("insert a formula over a multi-cell selection: only its top-left cell, and only if empty", async () => {
    const workbook = userWorkbook();
    const pane = await paneOver(workbook);
    expect((await pane.buildModel(true)).ok).toBe(true);
    workbook.select("Sheet1!A1:C3");
    expect((await pane.insertFormula("overage")).ok).toBe(false);
    // Q1 is empty (the data ends at column P); R2, also selected, holds data and is left alone.
    workbook.edit("Sheet1!R2", "mine");
    const before = snapshot(workbook, USER_SHEETS);
    workbook.select("Sheet1!Q1:R2");
    expect(await pane.insertFormula("overage")).toEqual({ ok: true, value: "Sheet1!Q1" });
    expect(workbook.cell("Sheet1!R2")).toEqual({ value: "mine" });
    expect(changed(before, snapshot(workbook, USER_SHEETS))).toEqual([
      "Sheet1!Q1: null -> " + JSON.stringify({ formula: workbook.cell("Sheet1!Q1")!.formula }),
    ]);
  });

  test("write the brief beside a sheet named Brief, full of data", async () => {
    const workbook = userWorkbook();
    const before = snapshot(workbook, USER_SHEETS);
    const pane = await paneOver(workbook);
    expect((await pane.buildModel(true)).ok).toBe(true);
    for (let i = 0; i < 2; i++) {
      const brief = await pane.writeBrief();
      expect(brief.ok).toBe(true);
      expect(USER_SHEETS).not.toContain(brief.ok ? brief.value : "");
    }
    expect(changed(before, snapshot(workbook, USER_SHEETS))).toEqual([]);
  });

  test("use my data: names the user's usage range and builds around it, touching none of it", async () => {
    const workbook = userWorkbook();
    workbook.addUserSheet("History");
    workbook.edit("History!A1", "Month");
    workbook.edit("History!B1", "Spend");
    for (let r = 1; r <= 18; r++) {
      workbook.edit(`History!A${r + 1}`, `2026-${String(r).padStart(2, "0")}`);
      workbook.edit(`History!B${r + 1}`, 90_000 + 1_000 * r);
    }
    const sheets = [...USER_SHEETS, "History"];
    const before = snapshot(workbook, sheets);
    const pane = await paneOver(workbook);
    const used = await pane.useMyData("History!B1:B19");
    expect(used).toEqual({ ok: true, value: "History!$B$2:$B$19" });
    expect(changed(before, snapshot(workbook, sheets))).toEqual([]);
    // Then every other action, on the model built around the user's data.
    expect(pane.state.phase).toBe("ready");
    workbook.select("History!B5");
    expect((await pane.insertFormula("overage")).ok).toBe(false);
    expect((await pane.writeBrief()).ok).toBe(true);
    for (const step of STEP_IDS) await pane.setStatus(step, step === "term" ? "skipped" : "done");
    expect(changed(before, snapshot(workbook, sheets))).toEqual([]);
  });

  test("a selection that is not usage is refused with a message, and nothing is added", async () => {
    const workbook = userWorkbook();
    const state = await documentState(workbook);
    const pane = await paneOver(workbook);
    const refused = await pane.useMyData("Sheet1!A1:C10");
    expect(refused).toEqual({
      ok: false,
      code: "invalid",
      message: expect.stringMatching(/cannot be read as usage: your selection: /),
    });
    expect(await documentState(workbook)).toEqual(state);
  });

  test("a name the model needs that is the user's: left alone, the model takes its own names", async () => {
    const workbook = userWorkbook();
    await userName(workbook, "Deal", "Sheet1!$A$1:$C$12");
    const before = snapshot(workbook, USER_SHEETS);
    const pane = await paneOver(workbook);
    expect((await pane.buildModel(true)).ok).toBe(true);
    const names = workbook.definedNames();
    expect(names.find((n) => n.name === "Deal")?.ref).toBe("Sheet1!$A$1:$C$12");
    expect(names.find((n) => n.name === "Deal_2")?.ref).toBe(`'Deal (2)'!$A$1:$C$${DEAL_TERMS.length + 1}`);
    expect(changed(before, snapshot(workbook, USER_SHEETS))).toEqual([]);
  });

  test("mark each step done, skipped and open: only the pane's settings change", async () => {
    const workbook = userWorkbook();
    const pane = await paneOver(workbook);
    expect((await pane.buildModel(true)).ok).toBe(true);
    const before = snapshot(workbook, USER_SHEETS);
    const sheets = await workbook.sheetNames();
    for (const status of ["done", "skipped", "open", "done"] as const) {
      for (const step of STEP_IDS) await pane.setStatus(step, status);
    }
    expect(await workbook.sheetNames()).toEqual(sheets);
    expect(changed(before, snapshot(workbook, USER_SHEETS))).toEqual([]);
  });
});

describe("settings survive a reload (a new port and pane over the same document)", () => {
  test("step statuses, the term option, the model and what the pane owns", async () => {
    const workbook = userWorkbook();
    const first = await paneOver(workbook);
    expect((await first.buildModel(true)).ok).toBe(true);
    await first.setStatus("optimize", "done");
    await first.setStatus("term", "skipped");
    expect(await first.setInput("termOption", "24")).toEqual({ ok: true, value: undefined });
    const settings = JSON.stringify([...workbook.settings].sort(([a], [b]) => a.localeCompare(b)));

    const second = await paneOver(workbook);
    expect(second.state.statuses).toEqual(first.state.statuses);
    expect(second.state.statuses.optimize).toBe("done");
    expect(second.state.statuses.term).toBe("skipped");
    expect(second.state.termOption).toBe(first.state.termOption);
    expect(second.state.termOption).toBe(24);
    expect(workbook.settings.get(TERM_SETTING)).toBe(24);
    expect(second.state.phase).toBe("ready");
    expect(second.state.figures?.summary.draftCost).toBeCloseTo(first.state.figures!.summary.draftCost, 6);
    expect(JSON.stringify([...workbook.settings].sort(([a], [b]) => a.localeCompare(b)))).toBe(settings);
    expect(workbook.settings.has(STATUS_SETTING)).toBe(true);
    expect(workbook.settings.has(MODEL_SETTING)).toBe(true);

    // Ownership came back too: the pane may still edit its own cells, and still not the user's.
    const port = memoryPort(workbook);
    const deal = await port.readName("Deal");
    expect(deal.ok).toBe(true);
    if (!deal.ok) return;
    const draftCommit = `${quoteSheet(deal.value.rect.sheet)}!${cellAddress(deal.value.rect.row + 1, deal.value.rect.column + 1)}`;
    expect((await port.write(draftCommit, [[{ value: 2_000_000 }]])).ok).toBe(true);
    const before = snapshot(workbook, USER_SHEETS);
    const refused = await port.write("Sheet1!A1", [[{ value: "overwritten" }]]);
    expect(refused).toEqual({ ok: false, code: "occupied", message: expect.stringMatching(/already holds your data/) });
    expect(changed(before, snapshot(workbook, USER_SHEETS))).toEqual([]);
  });

  test("a settings record the pane cannot read is ignored, not trusted", async () => {
    const workbook = userWorkbook();
    await workbook.setSettings({ [OWNED_SETTING]: "garbage", [STATUS_SETTING]: { optimize: "<b>done</b>" } });
    const pane = await paneOver(workbook);
    expect(pane.state.statuses.optimize).toBe("open");
    const before = snapshot(workbook, USER_SHEETS);
    expect((await memoryPort(workbook).write("Deal!A1", [[{ value: "x" }]])).ok).toBe(false);
    expect(changed(before, snapshot(workbook, USER_SHEETS))).toEqual([]);
  });
});

/** A workbook whose `n`th sync (1-based, counting from now) fails after `after` of its operations. */
function failSync(workbook: MemoryWorkbook, n: number, after: number): void {
  const apply = workbook.apply.bind(workbook);
  let calls = 0;
  workbook.apply = (ops: readonly WorkbookOp[]) => {
    calls++;
    if (calls === n) workbook.failAfter(after);
    return apply(ops);
  };
}

describe("a sync that fails part-way leaves no half-written model", () => {
  test("build the model: a failure after any number of its operations leaves the workbook as it was", async () => {
    let failures = 0;
    for (let after = 0; ; after++) {
      const workbook = userWorkbook(["Deal", "Sheet1"]);
      const state = await documentState(workbook);
      const before = snapshot(workbook, ["Deal", "Sheet1"]);
      const pane = await paneOver(workbook);
      failSync(workbook, 1, after);
      const built = await pane.buildModel(true);
      if (built.ok) break; // `after` passed the batch's length: the build went through
      failures++;
      expect(built).toEqual({
        ok: false,
        code: "failed",
        message: expect.stringMatching(/The sheets and names it had added were removed again/),
      });
      expect(pane.state.message?.kind).toBe("error");
      expect(await documentState(workbook)).toEqual(state);
      expect(changed(before, snapshot(workbook, ["Deal", "Sheet1"]))).toEqual([]);
      expect(pane.state.phase).toBe("setup");
      // The next try builds the whole model.
      expect((await pane.buildModel(true)).ok).toBe(true);
      expect(pane.state.phase).toBe("ready");
    }
    expect(failures).toBeGreaterThan(10);
    // One whole build per operation of the model: seconds, more on a loaded machine (not a speed goal).
  }, 120_000);

  test("use my data: a failure part-way leaves no sheet or name behind", async () => {
    for (const after of [0, 1, 3, 6]) {
      const workbook = userWorkbook(["Sheet1"]);
      workbook.addUserSheet("History");
      for (let r = 0; r < 12; r++) workbook.edit(`History!A${r + 1}`, 100_000);
      const state = await documentState(workbook);
      const pane = await paneOver(workbook);
      failSync(workbook, 1, after);
      const used = await pane.useMyData("History!A1:A12");
      expect(used.ok).toBe(false);
      expect(await documentState(workbook)).toEqual(state);
    }
  });

  /**
   * Builds the model, then fails the brief's sync after its first operation (the sheet added, its
   * cells not yet written); returns the sheets it left behind.
   */
  async function failedBrief(): Promise<{ workbook: MemoryWorkbook; added: string[] }> {
    const workbook = userWorkbook(["Sheet1"]);
    const pane = await paneOver(workbook);
    expect((await pane.buildModel(true)).ok).toBe(true);
    const sheets = await workbook.sheetNames();
    failSync(workbook, 1, 1);
    const brief = await pane.writeBrief();
    expect(brief).toEqual({
      ok: false,
      code: "failed",
      message: expect.stringMatching(/The sheets and names it had added were removed again/),
    });
    expect(pane.state.message?.kind).toBe("error");
    return { workbook, added: (await workbook.sheetNames()).filter((s) => !sheets.includes(s)) };
  }

  test("write the brief: a failed sync of its cells leaves no cell of the brief written", async () => {
    const { workbook, added } = await failedBrief();
    for (const sheet of added) {
      const written = [...snapshot(workbook, [sheet]).values()].filter((v) => v !== "null");
      expect([sheet, written]).toEqual([sheet, []]);
    }
  });

  test("write the brief: a failed sync leaves no empty Brief sheet behind", async () => {
    const { added } = await failedBrief();
    expect(added).toEqual([]);
  });
});

describe("after signing: every tracking action leaves the user's data as it was", () => {
  test("sign, a month of actuals, the threshold, the renewal brief, beside sheets of those names full of data", async () => {
    const sheets = ["Signed", "Tracking", "Renewal brief", "Sheet1"];
    const workbook = userWorkbook(sheets);
    workbook.addUserName("Actuals", "Sheet1!$A$1:$B$2");
    const before = snapshot(workbook, sheets);
    const pane = await paneOver(workbook);
    expect((await pane.buildModel(true)).ok).toBe(true);
    await workbook.calculated();
    await pane.refresh();
    pane.chartWaitMs = 100;
    await pane.signDeal({ commit: "1000000", discount: "20%" });
    const places = pane.state.tracking!.data.places;
    expect([places.signed, places.tracking, places.table]).toEqual(["Signed (2)", "Tracking (2)", "Actuals_2"]);
    expect((await pane.addActualMonth("100000")).ok).toBe(true);
    expect((await pane.setThreshold("5000")).ok).toBe(true);
    expect((await pane.addActualMonth("90000")).ok).toBe(true);
    const brief = await pane.writeRenewalBrief();
    expect(brief).toEqual({ ok: true, value: "Renewal brief (2)" });
    expect(changed(before, snapshot(workbook, sheets))).toEqual([]);
  });
});
