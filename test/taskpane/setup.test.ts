/** Set-up over the in-memory port: "Build the model", "Use my data", renaming, refusals, rollback. */
import { buildModel, SHEETS } from "../../src/model/definition";
import { MemoryWorkbook } from "../../src/taskpane/memoryPort";
import { calculateModelFormula } from "../../src/taskpane/modelCalc";
import { OWNED_SETTING } from "../../src/taskpane/port";
import { defaultPriceBookRows } from "../../src/taskpane/setup";
import { memoryPane } from "./helpers";

describe("Build the model", () => {
  it("writes exactly buildModel's cells, formats and names", async () => {
    const { workbook, pane } = memoryPane();
    await pane.start();
    expect(pane.state.phase).toBe("setup");
    const built = await pane.buildModel(true);
    expect(built).toEqual({ ok: true, value: ["Usage", "Prices", "Deal", "Bands", "Summary"] });
    const definition = buildModel({ sample: true, priceBook: defaultPriceBookRows() });
    expect(await workbook.sheetNames()).toEqual(definition.sheets.map((s) => s.name));
    for (const sheet of definition.sheets) {
      for (const cell of sheet.cells) {
        const stored = workbook.cell(`${sheet.name}!${cell.address}`);
        if (cell.formula !== undefined) expect(stored?.formula).toBe(cell.formula);
        else expect(stored?.value ?? null).toEqual(cell.value === null ? "" : cell.value);
        expect(stored?.format).toBe(cell.format);
      }
      expect(workbook.columnWidths(sheet.name)).toEqual(sheet.widths);
    }
    expect(workbook.definedNames()).toEqual(definition.names.map((n) => ({ name: n.name, ref: n.ref })));
    expect(pane.state.phase).toBe("ready");
    // One batch: one round trip for the whole model.
    expect(workbook.applyCount).toBe(1);
  });

  it("builds with empty usage rows: the pane asks for usage instead of failing", async () => {
    const { workbook, pane } = memoryPane();
    await pane.start();
    expect((await pane.buildModel(false)).ok).toBe(true);
    expect(workbook.cell("Usage!B2")?.value).toBe("");
    expect(pane.state.phase).toBe("invalid");
    expect(pane.state.problem).toMatch(/Usage: no usage/);
  });

  it("renames model sheets whose names are taken and points every formula and name at them", async () => {
    const { workbook, pane } = memoryPane();
    workbook.addUserSheet("Deal");
    workbook.edit("Deal!A1", "my own notes");
    await pane.start();
    const built = await pane.buildModel(true);
    expect(built.ok && built.value).toEqual(["Usage", "Prices", "Deal (2)", "Bands", "Summary"]);
    expect(workbook.cell("Deal!A1")?.value).toBe("my own notes");
    expect(workbook.definedNames().find((n) => n.name === "Deal")?.ref).toBe("'Deal (2)'!$A$1:$C$12");
    expect(workbook.cell("Summary!B5")?.formula).toContain("'Deal (2)'!$B$2");
    expect(workbook.cell("Summary!B5")?.formula).not.toMatch(/[^']Deal!/);
    expect(pane.state.phase).toBe("ready");
    // Building again adds a second copy rather than touching the first.
    const again = await pane.buildModel(true);
    expect(again.ok && again.value).toEqual(["Usage (2)", "Prices (2)", "Deal (3)", "Bands (2)", "Summary (2)"]);
  });

  it("refuses, with a message, when a name it needs is the user's", async () => {
    const { workbook, port, pane } = memoryPane();
    workbook.addUserSheet("Data");
    // A name the user defined (through another tool: not recorded as the pane's).
    await workbook.apply([{ kind: "defineName", name: "Bands", ref: "Data!$A$1:$B$3" }]);
    await pane.start();
    const built = await pane.buildModel(true);
    expect(built).toEqual({
      ok: false,
      code: "occupied",
      message: expect.stringContaining("The name Bands is already defined"),
    });
    expect(pane.state.message).toEqual({ kind: "error", text: expect.stringContaining("Bands") });
    expect(await port.sheetNames()).toEqual(["Data"]);
  });

  it("leaves nothing behind when the batch fails midway", async () => {
    const { workbook, pane } = memoryPane();
    workbook.addUserSheet("Sheet1");
    await pane.start();
    workbook.failAfter(6);
    const built = await pane.buildModel(true);
    expect(built.ok).toBe(false);
    expect(!built.ok && built.code).toBe("failed");
    expect(!built.ok && built.message).toMatch(/nothing was kept/);
    expect(await workbook.sheetNames()).toEqual(["Sheet1"]);
    expect(workbook.definedNames()).toEqual([]);
    expect(workbook.settings.get(OWNED_SETTING)).toBeUndefined();
    expect(pane.state.phase).toBe("setup");
    // And it works on the next try.
    expect((await pane.buildModel(true)).ok).toBe(true);
  });
});

describe("Use my data", () => {
  function userWorkbook(): MemoryWorkbook {
    const workbook = new MemoryWorkbook(calculateModelFormula);
    workbook.addUserSheet("Spend");
    workbook.edit("Spend!A1", "Opus $");
    workbook.edit("Spend!B1", "Sonnet $");
    for (let m = 0; m < 24; m++) {
      workbook.edit(`Spend!A${m + 2}`, 150_000 + 2_000 * m);
      workbook.edit(`Spend!B${m + 2}`, 90_000 + 1_000 * m);
    }
    return workbook;
  }

  it("names the selected usage and adds the deal, bands and summary sheets around it", async () => {
    const { workbook, pane } = memoryPane(userWorkbook());
    await pane.start();
    workbook.select("Spend!A1:B25");
    const used = await pane.useMyData();
    expect(used).toEqual({ ok: true, value: "Spend!$A$2:$B$25" });
    expect(await workbook.sheetNames()).toEqual(["Spend", SHEETS.deal, SHEETS.bands, SHEETS.summary]);
    const names = Object.fromEntries(workbook.definedNames().map((n) => [n.name, n.ref]));
    expect(names.Usage).toBe("Spend!$A$2:$B$25");
    expect(names.Optimized).toBe("Spend!$A$2:$B$25");
    expect(names.Deal).toBe("Deal!$A$1:$C$12");
    expect(names.Tokens).toBeUndefined();
    expect(names.PriceBook).toBeUndefined();
    const renewal = workbook.cell("Summary!B15")?.formula;
    // The renewal cap is valued over the last 12 rows of the user's usage, through the Renewal name.
    expect(renewal).toBe("=LEVERS.RENEWAL_CAP_VALUE(Renewal,Deal!$B$3,Deal!$C$11)");
    expect(names.Renewal).toBe("Spend!$A$14:$B$25");
    expect(pane.state.phase).toBe("ready");
    expect(pane.state.data?.hasOptimization).toBe(false);
    expect(pane.state.data?.mix.map((m) => m.label)).toEqual(["Opus $", "Sonnet $"]);
    expect(pane.state.figures?.steps.optimize.headline.value).toBe(0);
  });

  it("refuses a selection that is not usage, with the core's message", async () => {
    const { workbook, pane } = memoryPane(userWorkbook());
    await pane.start();
    workbook.edit("Spend!A5", "n/a");
    const used = await pane.useMyData("Spend!A1:B25");
    expect(used).toEqual({
      ok: false,
      code: "invalid",
      message: expect.stringContaining('text "n/a" at row 4, column 1'),
    });
    expect(await workbook.sheetNames()).toEqual(["Spend"]);
    expect((await pane.useMyData("Spend!C1")).ok).toBe(false);
  });
});
