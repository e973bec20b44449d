/**
 * "After you sign" over the in-memory port: signing the deal, the pane's burn-down (the core's, from
 * the sheets it wrote), a month of actuals, the warning threshold, signing again, and failures said
 * in words with "Try again". Goldens: DOMAIN.md's worked example 1, by hand.
 */
import "../helpers/customFunctions";
import { TERM_KEYS } from "../../src/catalogue/terms";
import { MemoryWorkbook } from "../../src/taskpane/port/memoryPort";
import { calculateModelFormula } from "../../src/taskpane/port/modelCalc";
import { memoryPane, settle } from "./helpers";
import { SIGNED_EXAMPLE_1 } from "../helpers/series";

const EXAMPLE_1 = SIGNED_EXAMPLE_1;

/** A workbook of the user's with 12 months of 100,000 as its usage, and the deal signed at worked example 1. */
async function signedPane(threshold = "") {
  const workbook = new MemoryWorkbook(calculateModelFormula);
  await workbook.apply([
    { kind: "addSheet", name: "Budget" },
    {
      kind: "write",
      address: "Budget!B1",
      cells: [[{ value: "List $" }], ...Array.from({ length: 12 }, () => [{ value: 100_000 }])],
    },
  ]);
  const made = memoryPane(workbook);
  made.pane.chartWaitMs = 200;
  await made.pane.start();
  const mine = await made.pane.useMyData("Budget!B1:B13");
  if (!mine.ok) throw new Error(mine.message);
  await settle(made);
  const signed = await made.pane.signDeal(EXAMPLE_1, threshold);
  await settle(made);
  return { ...made, signed };
}

/** The sample model built and read, its chart wait short (the memory host calculates at once). */
async function samplePane() {
  const made = memoryPane(new MemoryWorkbook(calculateModelFormula));
  made.pane.chartWaitMs = 200;
  await made.pane.start();
  await made.pane.buildModel(true);
  await settle(made);
  return made;
}

/** A sheet's cells as the workbook holds them, for comparing before and after. */
async function snapshot(workbook: MemoryWorkbook, sheet: string) {
  return (await workbook.read(`${sheet}!A1:F40`))?.formulas;
}

describe("signing the deal", () => {
  test("the Signed sheet holds the terms as signed and the plan, as values; the view is the burn-down", async () => {
    const { workbook, pane } = await signedPane();
    expect((await workbook.read("Signed!A7:B8"))?.values).toEqual([
      ["commit", 1_000_000],
      ["discount", 0.2],
    ]);
    // Every term has its row, the ask where none was typed (the model's Deal asks).
    expect((await workbook.read(`Signed!A7:A${6 + TERM_KEYS.length}`))?.values.map((r) => r[0])).toEqual(TERM_KEYS);
    expect((await workbook.read("Signed!F7:F18"))?.values.flat()).toEqual(new Array(12).fill(100_000));
    expect(pane.state.view).toBe("track");
    const t = pane.state.tracking!;
    expect(t.current).toBe(1);
    // No actuals yet: the plan projects 960,000 drawn of 1,000,000, so 40,000 forfeited.
    expect(t.shortfall).toBeCloseTo(40_000, 6);
    expect(t.warn).toBe(true);
    expect(t.rows[0]!.neededPerMonth).toBeCloseTo(1_000_000 / 0.8 / 12, 6);
  });

  test("a month of actuals from the pane goes in the next row of the table and moves the burn-down", async () => {
    const made = await signedPane("$50,000");
    const { pane, workbook } = made;
    const before = await snapshot(workbook, "Signed");
    expect(pane.state.tracking!.warn).toBe(false);
    for (let m = 0; m < 4; m++) {
      const added = await pane.addActualMonth("100,000");
      expect(added).toEqual({ ok: true, value: m + 1 });
    }
    expect((await workbook.read("Tracking!B11:B15"))?.values.flat()).toEqual([100_000, 100_000, 100_000, 100_000, ""]);
    let row = pane.state.tracking!.rows[0]!;
    // Worked example 1, four months in: 320,000 drawn, 680,000 to go, 106,250 at list a month for 8 months.
    expect([row.drawnToDate, row.remaining, row.monthsLeft, row.neededPerMonth]).toEqual(
      [320_000, 680_000, 8, 106_250].map((v) => expect.closeTo(v, 6)),
    );
    // Month 5 at 50,000: 80,000 projected forfeited, above the 50,000 threshold.
    await pane.addActualMonth("$50,000");
    row = pane.state.tracking!.rows[0]!;
    expect(row.projectedForfeited).toBeCloseTo(80_000, 6);
    expect(pane.state.tracking!.warn).toBe(true);
    // Raising the threshold to 100,000 clears the warning; the Signed sheet never changed.
    expect((await pane.setThreshold("$100,000")).ok).toBe(true);
    expect((await workbook.read("Tracking!B7"))?.values).toEqual([[100_000]]);
    expect(pane.state.tracking!.warn).toBe(false);
    expect(await snapshot(workbook, "Signed")).toEqual(before);
  });

  test("bad text is refused in words, nothing written", async () => {
    const { pane, workbook } = await signedPane();
    expect(await pane.addActualMonth("lots")).toMatchObject({ ok: false, code: "invalid" });
    expect(pane.state.message?.text).toMatch(/"lots" is not an amount in dollars/);
    expect(await pane.setThreshold("-5")).toMatchObject({ ok: false });
    expect((await workbook.read("Tracking!B11"))?.values).toEqual([[""]]);
  });

  test("the term over: no thirteenth month from the pane", async () => {
    const { pane } = await signedPane();
    for (let m = 0; m < 12; m++) await pane.addActualMonth("100000");
    const more = await pane.addActualMonth("100000");
    expect(more).toMatchObject({ ok: false });
    expect(pane.state.message?.text).toMatch(/Every month of the 12-month term has its actuals/);
  });

  test("signing again needs a yes; then new sheets, the first deal's left as they are", async () => {
    const { pane, workbook } = await signedPane();
    const before = await snapshot(workbook, "Signed");
    const refused = await pane.signDeal({ commit: "900000" });
    expect(refused).toMatchObject({ ok: false, code: "invalid" });
    expect(pane.state.message?.text).toMatch(/already has a signed deal, on sheet Signed/);
    expect(await workbook.sheetNames()).not.toContain("Signed (2)");
    await pane.signDeal({ ...EXAMPLE_1, commit: "900000" }, "", true);
    expect(await workbook.sheetNames()).toEqual(expect.arrayContaining(["Signed (2)", "Tracking (2)"]));
    expect(workbook.tables.has("Actuals_2")).toBe(true);
    expect(await snapshot(workbook, "Signed")).toEqual(before);
    expect(pane.state.tracking!.data.places.signed).toBe("Signed (2)");
    // Commit 900,000 against 960,000 drawn: nothing forfeited.
    expect(pane.state.tracking!.shortfall).toBe(0);
  });

  test("a signed term that cannot be read is refused before anything is written", async () => {
    const made = await samplePane();
    const { workbook } = made;
    const sheets = await workbook.sheetNames();
    const refused = await made.pane.signDeal({ discount: "lots" });
    expect(refused).toMatchObject({ ok: false });
    expect(made.pane.state.message?.text).toMatch(/"lots" is not a percent/);
    expect(await workbook.sheetNames()).toEqual(sheets);
  });

  test("Excel failing the signing: the pane says why, removes what it added, and Try again signs", async () => {
    const made = await samplePane();
    const { workbook } = made;
    const sheets = await workbook.sheetNames();
    workbook.failAfter(3);
    const failed = await made.pane.signDeal(EXAMPLE_1);
    expect(failed).toMatchObject({ ok: false, code: "failed" });
    expect(made.pane.state.message).toMatchObject({
      kind: "error",
      retry: { action: "signDeal", args: [EXAMPLE_1, "", false] },
    });
    expect(await workbook.sheetNames()).toEqual(sheets);
    await made.pane.retry();
    await settle(made);
    expect(await workbook.sheetNames()).toEqual(expect.arrayContaining(["Signed", "Tracking"]));
    expect(made.pane.state.tracking?.shortfall).toBeGreaterThanOrEqual(0);
  });

  test("the renewal brief waits for two months of actuals", async () => {
    const { pane, workbook } = await signedPane();
    expect(await pane.writeRenewalBrief()).toMatchObject({ ok: false });
    expect(pane.state.message?.text).toMatch(/at least two months of actuals/);
    await pane.addActualMonth("100000");
    await pane.addActualMonth("100000");
    const brief = await pane.writeRenewalBrief();
    expect(brief).toEqual({ ok: true, value: "Renewal brief" });
    expect((await workbook.read("'Renewal brief'!A1"))?.values).toEqual([
      ["Renewal brief: where the next negotiation starts"],
    ]);
  });

  test("building a new model keeps tracking the signed deal, and signing again still asks", async () => {
    const { pane, workbook } = await signedPane();
    expect((await pane.buildModel(true)).ok).toBe(true);
    await settle({ workbook, pane });
    expect(pane.state.tracking?.data.places.signed).toBe("Signed");
    expect(await pane.signDeal(EXAMPLE_1)).toMatchObject({ ok: false, code: "invalid" });
  });

  test("the Actuals cells stay the user's: the pane does not own a cell it only formatted", async () => {
    const { port, workbook } = await signedPane();
    workbook.edit("Tracking!B11", 90_000);
    const write = await port.write("Tracking!B11", [[{ value: 5 }]]);
    expect(write).toMatchObject({ ok: false, code: "occupied" });
    expect((await workbook.read("Tracking!B11"))?.values).toEqual([[90_000]]);
  });

  test("a month of 0 is the user's: the next month goes in the row after it", async () => {
    const { pane, workbook } = await signedPane();
    expect(await pane.addActualMonth("0")).toEqual({ ok: true, value: 1 });
    expect(pane.state.message?.text).toMatch(/A month of 0 counts once a later month is in/);
    expect(await pane.addActualMonth("100,000")).toEqual({ ok: true, value: 2 });
    expect((await workbook.read("Tracking!B11:B12"))?.values).toEqual([[0], [100_000]]);
    // Month 1's 0 counts now: 100,000 drawn at 20% off is 80,000.
    expect(pane.state.tracking!.rows[0]!.drawnToDate).toBeCloseTo(80_000, 6);
  });

  test("Excel failing to read the signed sheets: the view says why instead of offering to sign", async () => {
    const { pane, port } = await signedPane();
    const read = port.readRange.bind(port);
    port.readRange = (address: string) =>
      address.includes("Tracking")
        ? Promise.reject(Object.assign(new Error("the read failed"), { code: "GeneralException" }))
        : read(address);
    await pane.refresh();
    expect(pane.state.tracking).toBeUndefined();
    expect(pane.state.trackingProblem).toMatch(/the read failed/);
  });

  test("a failed save of where the signed deal is: said, and Try again saves it", async () => {
    const made = await samplePane();
    const { workbook } = made;
    const save = made.port.setSettings.bind(made.port);
    let failures = 1;
    made.port.setSettings = (entries) =>
      "commitLevers.model" in entries && failures-- > 0
        ? Promise.reject(new Error("settings are read-only"))
        : save(entries);
    const signed = await made.pane.signDeal(EXAMPLE_1);
    expect(signed).toMatchObject({ ok: false, code: "failed" });
    expect(made.pane.state.message).toMatchObject({
      kind: "error",
      retry: { action: "keepSigned", args: [expect.anything(), expect.anything()] },
    });
    expect(made.pane.state.message?.text).toMatch(/could not keep where they are.*settings are read-only/);
    await made.pane.retry();
    expect(made.pane.state.tracking?.data.places.signed).toBe("Signed");
    // Try again goes on to the chart, as a signing that saved at once does.
    expect(workbook.charts.map((c) => c.sheet)).toEqual(["Tracking"]);
  });

  test("a cell of spaces where the next month goes: named, not written over", async () => {
    const { pane, workbook } = await signedPane();
    workbook.edit("Tracking!B11", 100_000);
    workbook.edit("Tracking!B12", "   ");
    await pane.refresh();
    const added = await pane.addActualMonth("90000");
    expect(added).toMatchObject({ ok: false, code: "occupied" });
    expect(pane.state.message?.text).toMatch(/Tracking!\$?B\$?12 holds text that looks blank/);
    expect((await workbook.read("Tracking!B12"))?.values).toEqual([["   "]]);
  });

  test("a term left as the form starts signs the Deal's ask exactly, not its rounded text", async () => {
    const made = await samplePane();
    const { pane, workbook } = made;
    expect((await pane.setInput("commit.ask", "2999999.6")).ok).toBe(true);
    // The form shows "$3,000,000"; the Signed sheet keeps what the Deal holds.
    expect(pane.signDefault("commit")).toBe("$3,000,000");
    expect((await pane.signDeal({})).ok).toBe(true);
    expect((await workbook.read("Signed!B7"))?.values).toEqual([[2_999_999.6]]);
  });
});
