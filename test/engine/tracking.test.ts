/**
 * "Sign this deal" and the months after it on a real formula engine: the pane signs a deal in a
 * HyperFormula workbook (the preview's host, with Excel's refusals), the shipped bundle computes the
 * Tracking sheet's BURNDOWN and SHORTFALL, and each month typed into the Actuals table moves them.
 * Goldens are DOMAIN.md's worked example 1 (12 months of 100,000, d = 0.2, C = 1,000,000), by hand.
 */
import type { LeversPlugin } from "../../src/preview/leversPlugin";
import { ModelWorkbook } from "../../src/preview/modelWorkbook";
import { hyperFormulaPort } from "../../src/preview/hfHost";
import { Pane } from "../../src/taskpane/pane";
import { TERM_KEYS } from "../../src/catalogue/terms";
import { SIGNED_EXAMPLE_1 } from "../helpers/series";
import { modelRecord } from "../../src/taskpane/record";
import { BUILD_TIMEOUT_MS, bundlePlugin } from "./bundle";

let plugin: LeversPlugin;
beforeAll(() => {
  plugin = bundlePlugin();
}, BUILD_TIMEOUT_MS);

/** A workbook of the user's: 12 months of 100,000 in Budget!B2:B13 under a header. */
async function signed(extra: Record<string, string> = {}, months = 12) {
  const cells = [
    { address: "B1", value: "List $" },
    ...Array.from({ length: months }, (_, i) => ({ address: `B${i + 2}`, value: 100_000 })),
  ];
  const wb = new ModelWorkbook({ sheets: [{ name: "Budget", cells }], names: [] }, plugin);
  const { port, host } = hyperFormulaPort(wb);
  const pane = new Pane(port, { debounceMs: 0 });
  pane.chartWaitMs = 5_000;
  await pane.start();
  const mine = await pane.useMyData(`Budget!B1:B${months + 1}`);
  if (!mine.ok) throw new Error(mine.message);
  const outcome = await pane.signDeal({ ...SIGNED_EXAMPLE_1, ...extra });
  if (!outcome.ok) throw new Error(outcome.message);
  await host.calculated();
  return { wb, port, host, pane };
}

/** The BURNDOWN spill's data row of period 1 on the Tracking sheet (F11:P11). */
function period1(wb: ModelWorkbook): unknown[] {
  return "FGHIJKLMNOP".split("").map((c) => wb.value("Tracking", `${c}11`));
}

describe("a signed deal tracked on the formula engine", () => {
  test("signing freezes the terms and the plan, and the burn-down starts from the plan", async () => {
    const { wb, host } = await signed();
    expect(wb.value("Signed", "A7")).toBe("commit");
    expect(wb.value("Signed", "B7")).toBe(1_000_000);
    expect(wb.value("Signed", "B8")).toBe(0.2);
    expect(wb.formula("Signed", "B7")).toBeUndefined();
    expect(wb.value("Signed", "F18")).toBe(100_000);
    expect(wb.tables.get("Actuals")?.rect).toMatchObject({ row: 9, column: 0, rows: 13, columns: 2 });
    // No actuals: nothing drawn; 1,000,000 / 0.8 / 12 = 104,166.67 a month fills the year; 40,000 forfeited.
    expect(wb.value("Tracking", "B3")).toBe(0);
    const row = period1(wb);
    expect(row.slice(0, 7)).toEqual([1, 12, 1_000_000, 0, 0, 1_000_000, 12]);
    expect(row[7]).toBeCloseTo(1_000_000 / 0.8 / 12, 6);
    expect(row[8]).toBeCloseTo(960_000, 6);
    expect(row[9]).toBeCloseTo(40_000, 6);
    expect(wb.value("Tracking", "B6")).toBeCloseTo(40_000, 6);
    expect(wb.value("Tracking", "B8")).toBe("Warning: the projected forfeit is above your threshold");
    expect(host.charts).toHaveLength(1);
    expect(host.charts[0]).toMatchObject({ kind: "column", sheet: "Tracking", categories: "Tracking!$F$11:$F$11" });
  });

  test("each month of actuals typed into the table moves the burn-down", async () => {
    const { wb, host } = await signed();
    for (let m = 0; m < 4; m++) wb.set("Tracking", `B${11 + m}`, 100_000);
    host.emit({ sheet: "Tracking", address: "B11:B14" });
    await host.calculated();
    // Four months in (worked example 1): 320,000 drawn, 680,000 remain, 680,000 / 0.8 / 8 = 106,250 a month.
    expect(wb.value("Tracking", "B3")).toBe(4);
    // The projection begins with month 5 at the top of its column, labelled so.
    expect([wb.value("Tracking", "C11"), wb.value("Tracking", "D11")]).toEqual([5, 100_000]);
    expect(wb.value("Tracking", "C19")).toBe("");
    expect(period1(wb).slice(4, 8)).toEqual([320_000, 680_000, 8, 106_250].map((v) => expect.closeTo(v, 6)));
    // Month 5 comes in at 50,000: 360,000 drawn; 640,000 / 0.8 / 7 = 114,285.71; projected drawn
    // 0.8 x (450,000 + 7 x 100,000) = 920,000, so 80,000 is projected to be forfeited.
    wb.set("Tracking", "B15", 50_000);
    await host.calculated();
    const row = period1(wb);
    expect(row.slice(4, 10)).toEqual(
      [360_000, 640_000, 7, 640_000 / 0.8 / 7, 920_000, 80_000].map((v) => expect.closeTo(v, 6)),
    );
    expect(wb.value("Tracking", "B6")).toBeCloseTo(80_000, 6);
  });

  test("actuals past the end of the term: #VALUE! naming both lengths", async () => {
    const { wb, host } = await signed();
    for (let m = 0; m < 13; m++) wb.set("Tracking", `B${11 + m}`, 100_000);
    await host.calculated();
    expect(wb.value("Tracking", "B3")).toBe(13);
    expect(wb.value("Tracking", "D11")).toBe("actuals: 13 months, term: 12 months");
    const shortfall = wb.value("Tracking", "B6") as { type?: string; message?: string };
    expect(shortfall).toMatchObject({ type: "VALUE" });
    expect(shortfall.message).toMatch(/^projection: text "actuals: 13 months, term: 12 months" at row 1, column 1/);
    expect(wb.value("Tracking", "B8")).toBe("Actuals run past the signed term");
  });

  test("the renewal brief reads the actuals: utilization so far, the renewal at the signed cap", async () => {
    const { wb, host, pane } = await signed();
    for (let m = 0; m < 4; m++) wb.set("Tracking", `B${11 + m}`, 100_000);
    host.emit({ sheet: "Tracking", address: "B11:B14" });
    await host.calculated();
    await pane.refresh();
    const brief = await pane.writeRenewalBrief();
    if (!brief.ok) throw new Error(brief.message);
    await host.calculated();
    const s = brief.value;
    // Four months: commitment 1,000,000 x 4 / 12, drawn 320,000: utilization 0.96, nothing over.
    expect(wb.value(s, "B5")).toBeCloseTo(0.96, 9);
    expect(wb.value(s, "B7")).toBeCloseTo(0, 6);
    // The renewal: the actuals projected flat (a straight line through equal months), 12 x 100,000.
    expect(wb.value(s, "B9")).toBeCloseTo(1_200_000, 4);
    // At a 5% cap the renewal may rise to 0.8 x 1.05 of list: 1,200,000 x 0.84 = 1,008,000.
    expect(wb.value(s, "B13")).toBeCloseTo(1_200_000, 4);
    expect(wb.value(s, "B14")).toBeCloseTo(1_008_000, 4);
    expect(wb.value(s, "B15")).toBeCloseTo(192_000, 4);
    expect(wb.value(s, "B12")).toBe(0.2);
    // The commit the renewal usage supports, and its band: numbers, not errors (the sizing has its own tests).
    expect(typeof wb.value(s, "B10")).toBe("number");
    expect(typeof wb.value(s, "B11")).toBe("number");
    // The asks ranked again over the renewal usage: LEVER_VALUES's header, then rows.
    // It spills two rows below the terms table (a header at row 19, one row per term after it).
    const top = 19 + TERM_KEYS.length + 2;
    expect(wb.value(s, `A${top}`)).toBe("Lever");
    expect(typeof wb.value(s, `D${top + 1}`)).toBe("number");
    const record = await modelRecord(pane.port);
    expect(record?.signed?.tracking).toBe("Tracking");
  });

  test("the pane's burn-down is the sheet's, whatever fine print was signed", async () => {
    // A step-up and an exclusion are not BURNDOWN's arguments: neither the sheet nor the pane applies them.
    const { wb, pane } = await signed({ step_up: "10%", excluded_share: "5%" });
    const t = pane.state.tracking!;
    expect(t.shortfall).toBeCloseTo(wb.value("Tracking", "B6") as number, 6);
    expect(t.rows[0]!.projectedDrawn).toBeCloseTo(wb.value("Tracking", "N11") as number, 6);
    expect(t.shortfall).toBeCloseTo(40_000, 6);
  });

  test("a cell holding only spaces is not a month of actuals", async () => {
    const { wb, host } = await signed();
    wb.set("Tracking", "B11", 100_000);
    wb.set("Tracking", "B12", "   ");
    await host.calculated();
    expect(wb.value("Tracking", "B3")).toBe(1);
    expect(period1(wb).slice(4, 7)).toEqual([80_000, 920_000, 11].map((v) => expect.closeTo(v, 6)));
  });

  test("the renewal brief prices the months after the term, from rising actuals", async () => {
    const { wb, host, pane } = await signed();
    [100_000, 110_000, 120_000, 130_000].forEach((u, m) => wb.set("Tracking", `B${11 + m}`, u));
    await host.calculated();
    await pane.refresh();
    const brief = await pane.writeRenewalBrief();
    if (!brief.ok) throw new Error(brief.message);
    await host.calculated();
    // The actuals lie on u_t = 90,000 + 10,000 t; the renewal is months 13 to 24:
    // 12 x 90,000 + 10,000 x (13 + ... + 24) = 1,080,000 + 2,220,000 = 3,300,000.
    expect(wb.value(brief.value, "H4")).toBeCloseTo(220_000, 4);
    expect(wb.value(brief.value, "H15")).toBeCloseTo(330_000, 4);
    expect(wb.value(brief.value, "B9")).toBeCloseTo(3_300_000, 4);
  });

  test("overage billed so far is what a period drew beyond its commit, not its months' share", async () => {
    const { wb, host, pane } = await signed();
    for (let m = 0; m < 4; m++) wb.set("Tracking", `B${11 + m}`, 300_000);
    await host.calculated();
    await pane.refresh();
    const brief = await pane.writeRenewalBrief();
    if (!brief.ok) throw new Error(brief.message);
    await host.calculated();
    // Four months of 300,000 draw 960,000 of the year's 1,000,000: nothing is over yet.
    expect(wb.value(brief.value, "B7")).toBeCloseTo(0, 6);
    // A fifth: 1,200,000 drawn, 200,000 over at the committed rate, billed at list: 200,000 / 0.8 = 250,000.
    wb.set("Tracking", "B15", 300_000);
    await host.calculated();
    expect(wb.value(brief.value, "B7")).toBeCloseTo(250_000, 6);
  });

  test("a 36-month term: every renewal month is priced, down past the asks' table", async () => {
    const { wb, host, pane } = await signed({}, 36);
    for (let m = 0; m < 4; m++) wb.set("Tracking", `B${11 + m}`, 100_000);
    await host.calculated();
    await pane.refresh();
    const brief = await pane.writeRenewalBrief();
    if (!brief.ok) throw new Error(brief.message);
    await host.calculated();
    // Flat actuals project flat: months 37 to 72 at 100,000 each, H4 to H39.
    for (const row of [4, 33, 39]) expect(wb.value(brief.value, `H${row}`)).toBeCloseTo(100_000, 4);
    expect(wb.value(brief.value, "B9")).toBeCloseTo(3_600_000, 4);
  });
});
