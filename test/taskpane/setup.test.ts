/** Set-up over the in-memory port: "Build the model", "Use my data", renaming, refusals, rollback. */
import { buildModel, DEAL_TERMS, SHEETS } from "../../src/model/definition";
import { settle } from "./helpers";
import { MemoryWorkbook } from "../../src/taskpane/port/memoryPort";
import { calculateModelFormula } from "../../src/taskpane/port/modelCalc";
import { OWNED_SETTING } from "../../src/taskpane/port/port";
import { defaultPriceBookRows } from "../../src/taskpane/setup";
import { memoryPane } from "./helpers";

/** The model's Deal range: its terms table, one row per catalogue term under a header. */
const DEAL = `$A$1:$C$${DEAL_TERMS.length + 1}`;

describe("Build the model", () => {
  it("writes exactly buildModel's cells, formats and names", async () => {
    const { workbook, pane } = memoryPane();
    await pane.start();
    expect(pane.state.phase).toBe("setup");
    const built = await pane.buildModel(true);
    expect(built).toEqual({ ok: true, value: ["Usage", "Prices", "Deal", "Bands", "Summary", "Scenarios"] });
    const definition = buildModel({ sample: true, priceBook: defaultPriceBookRows() });
    expect(await workbook.sheetNames()).toEqual(definition.sheets.map((s) => s.name));
    for (const sheet of definition.sheets) {
      for (const cell of sheet.cells) {
        const stored = workbook.cell(`${sheet.name}!${cell.address}`);
        if (cell.formula !== undefined) expect(stored?.formula).toBe(cell.formula);
        else expect(stored?.value ?? null).toEqual((cell.value ?? null) === null ? "" : cell.value);
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
    expect(built.ok && built.value).toEqual(["Usage", "Prices", "Deal (2)", "Bands", "Summary", "Scenarios"]);
    expect(workbook.cell("Deal!A1")?.value).toBe("my own notes");
    expect(workbook.definedNames().find((n) => n.name === "Deal")?.ref).toBe(`'Deal (2)'!${DEAL}`);
    expect(workbook.cell("Summary!B5")?.formula).toContain("'Deal (2)'!$B$2");
    expect(workbook.cell("Summary!B5")?.formula).not.toMatch(/[^']Deal!/);
    expect(pane.state.phase).toBe("ready");
  });

  it("a second build is a self-contained copy: its own names, the first copy's names and formulas untouched", async () => {
    // Excel refuses names.add on an existing name (office-js #2875); the old rollback then deleted the
    // first model's names. The faithful host throws as Excel does, so this fails on that code.
    const { workbook, pane } = memoryPane();
    await pane.start();
    expect((await pane.buildModel(true)).ok).toBe(true);
    const first = workbook.definedNames();
    const firstSummary = workbook.cell("Summary!B5")?.formula;
    const again = await pane.buildModel(true);
    expect(again.ok && again.value).toEqual([
      "Usage (2)",
      "Prices (2)",
      "Deal (2)",
      "Bands (2)",
      "Summary (2)",
      "Scenarios (2)",
    ]);
    const names = workbook.definedNames();
    expect(names.slice(0, first.length)).toEqual(first);
    expect(names.slice(first.length).map((n) => n.name)).toEqual(first.map((n) => `${n.name}_2`));
    expect(names.find((n) => n.name === "Deal_2")?.ref).toBe(`'Deal (2)'!${DEAL}`);
    expect(workbook.cell("Summary!B5")?.formula).toBe(firstSummary);
    const second = workbook.cell("'Summary (2)'!B5")?.formula ?? "";
    expect(second).toContain("Usage_2");
    expect(second).not.toMatch(/[,(]Usage[,)]/);
    // The pane now works on the second copy, through its names.
    await settle({ workbook, pane });
    expect(pane.state.phase).toBe("ready");
    expect(pane.state.data?.dealRange.address).toBe(`'Deal (2)'!${DEAL}`);
  });

  it("leaves a name the user owns alone: the model takes fresh names instead", async () => {
    const { workbook, pane } = memoryPane();
    workbook.addUserSheet("Data");
    // A name the user defined (through another tool: not recorded as the pane's).
    workbook.addUserName("Bands", "Data!$A$1:$B$3");
    await pane.start();
    const built = await pane.buildModel(true);
    expect(built.ok).toBe(true);
    const names = Object.fromEntries(workbook.definedNames().map((n) => [n.name, n.ref]));
    expect(names.Bands).toBe("Data!$A$1:$B$3");
    expect(names.Bands_2).toBe("Bands!$A$1:$B$5");
    expect(names.Usage_2).toBe("Usage!$H$2:$J$25");
    expect(names.Usage).toBeUndefined();
  });

  it("leaves nothing behind when the batch fails midway", async () => {
    const { workbook, pane } = memoryPane();
    workbook.addUserSheet("Sheet1");
    await pane.start();
    workbook.failAfter(6);
    const built = await pane.buildModel(true);
    expect(built.ok).toBe(false);
    expect(!built.ok && built.code).toBe("failed");
    // The host left the first 6 operations done, as a failed sync does; the port removed them.
    expect(!built.ok && built.message).toMatch(/The sheets and names it had added were removed again/);
    expect(pane.state.message).toMatchObject({ kind: "error", retry: { action: "buildModel", args: [true] } });
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
    expect(names.Deal).toBe(`Deal!${DEAL}`);
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

  it("after a build it adds its own copy; again on its own model it re-points its names without names.add", async () => {
    const { workbook, pane } = memoryPane(userWorkbook());
    await pane.start();
    expect((await pane.buildModel(true)).ok).toBe(true);
    const built = workbook.definedNames();
    expect((await pane.useMyData("Spend!A1:B25")).ok).toBe(true);
    const names = Object.fromEntries(workbook.definedNames().map((n) => [n.name, n.ref]));
    // The built model's Usage still points at its own usage sheet.
    expect(names.Usage).toBe(built.find((n) => n.name === "Usage")!.ref);
    expect(names.Usage_2).toBe("Spend!$A$2:$B$25");
    expect(names.Deal_2).toBe(`'Deal (2)'!${DEAL}`);
    const sheets = await workbook.sheetNames();
    // Used again on its own model: the same names move, no sheet is added, names.add is not called.
    expect((await pane.useMyData("Spend!A1:B13")).ok).toBe(true);
    expect(await workbook.sheetNames()).toEqual(sheets);
    const moved = Object.fromEntries(workbook.definedNames().map((n) => [n.name, n.ref]));
    expect([moved.Usage_2, moved.Optimized_2, moved.Renewal_2]).toEqual([
      "Spend!$A$2:$B$13",
      "Spend!$A$2:$B$13",
      "Spend!$A$2:$B$13",
    ]);
    expect(moved.Usage).toBe(names.Usage);
  });

  it("reads only the filled part of a whole-column selection (5 MB on the web), and says so", async () => {
    const { workbook, pane } = memoryPane(userWorkbook());
    workbook.platform = "web";
    await pane.start();
    workbook.select("Spend!A:B");
    const used = await pane.useMyData();
    expect(used).toEqual({ ok: true, value: "Spend!$A$2:$B$25" });
    expect(pane.state.message?.text).toMatch(/Spend!\$A\$2:\$B\$25 \(the filled part of the selection\)/);
  });

  it("a multi-area selection: a message that says so, and nothing written", async () => {
    const { workbook, pane } = memoryPane(userWorkbook());
    await pane.start();
    workbook.select("Spend!A1:A25,Spend!B1:B25");
    const used = await pane.useMyData();
    expect(used).toMatchObject({ ok: false, code: "failed" });
    expect(pane.state.message).toEqual({
      kind: "error",
      text: "Several separate areas are selected. Select one block of cells, then try again.",
      retry: { action: "useMyData", args: [undefined] },
    });
    expect(await workbook.sheetNames()).toEqual(["Spend"]);
    workbook.select("Spend!A1:B25");
    await pane.retry();
    expect(await workbook.sheetNames()).toContain("Deal");
    // Try again ran the whole action: its message and the pane's refresh, not just the batch.
    expect(pane.state.message?.text).toMatch(/^Your usage is Spend!\$A\$2:\$B\$25/);
    expect(pane.state.phase).toBe("ready");
  });

  it("next to a built model, reads only its own names: no token counts borrowed from the sample copy", async () => {
    const { workbook, pane } = memoryPane(userWorkbook());
    await pane.start();
    expect((await pane.buildModel(true)).ok).toBe(true);
    expect((await pane.useMyData("Spend!A1:B25")).ok).toBe(true);
    await settle({ workbook, pane });
    expect(pane.state.data?.hasOptimization).toBe(false);
    expect(pane.state.data?.mix.map((m) => m.mtok)).toEqual([undefined, undefined]);
  });

  it("a failed re-point puts its names back where they were, and says so", async () => {
    const { workbook, pane } = memoryPane(userWorkbook());
    await pane.start();
    expect((await pane.useMyData("Spend!A1:B25")).ok).toBe(true);
    const before = workbook.definedNames();
    workbook.failAfter(1);
    const moved = await pane.useMyData("Spend!A1:B13");
    expect(moved).toMatchObject({ ok: false, code: "failed" });
    expect(!moved.ok && moved.message).toMatch(/The names it was moving point where they did before\./);
    expect(workbook.definedNames()).toEqual(before);
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
