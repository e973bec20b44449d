import "../helpers/customFunctions";
import * as f from "../../src/functions/tracking";
import * as single from "../helpers/single";
import { describeErrors } from "./errorTable";
import * as F from "../../src/catalogue/functions";
import { excelError } from "../helpers/customFunctions";
import { column, flat, twoYears } from "../helpers/series";

const header = [
  "Period",
  "Months",
  "Commit",
  "Carry in",
  "Drawn to date",
  "Remaining",
  "Months left",
  "Needed per month",
  "Projected drawn",
  "Projected forfeited",
  "Projected overage billed",
];
const close = (rows: number[][]) => rows.map((r) => r.map((v) => expect.closeTo(v, 6)));

describe("LEVERS.BURNDOWN", () => {
  test("worked example 1, four months in: 320,000 drawn, 680,000 to go at 106,250 list a month", () => {
    // Drawn to date 0.8 x 400,000; remaining 1,000,000 - 320,000; needed 680,000 / 0.8 / 8 months.
    // Projected: the ledger over all 12 months, drawn 960,000, 40,000 forfeited.
    const table = f.burndown(1_000_000, column(flat(4, 100_000)), column(flat(8, 100_000)), 0.2);
    expect(table[0]).toEqual(header);
    expect(table.slice(1)).toEqual(close([[1, 12, 1_000_000, 0, 320_000, 680_000, 8, 106_250, 960_000, 40_000, 0]]));
  });

  test("worked example 2 with carryover 0.5, fifteen months in", () => {
    // Year 1 is all actual: 768,000 drawn, 232,000 remains (116,000 carries, 116,000 forfeited), nothing left to draw.
    // Year 2: 116,000 carries in; 3 months of 120,000 drawn (288,000); 1,116,000 - 288,000 = 828,000 remain over 9
    // months: 828,000 / 0.8 / 9 = 115,000 list a month. Projected 1,152,000 drawn, 36,000 over, billed 45,000.
    const table = f.burndown(1_000_000, column(twoYears.slice(0, 15)), column(twoYears.slice(15)), 0.2, 1, 0.5);
    expect(table.slice(1)).toEqual(
      close([
        [1, 12, 1_000_000, 0, 768_000, 232_000, 0, 0, 768_000, 116_000, 0],
        [2, 12, 1_000_000, 116_000, 288_000, 828_000, 9, 115_000, 1_152_000, 0, 45_000],
      ]),
    );
  });

  test("the projected columns are LEDGER's over actuals + projection", () => {
    const table = f.burndown(900_000, column(twoYears.slice(0, 7)), column(twoYears.slice(7)), 0.2, "committed", 0.25);
    const ledger = single.ledger(900_000, column(twoYears), 0.2, "committed", 0.25);
    expect(table.slice(1).map((r) => [r[0], r[1], r[2], r[3], r[8], r[9], r[10]])).toEqual(
      ledger.slice(1).map((r) => [r[0], r[1], r[2], r[3], r[4], r[7], r[9]]),
    );
  });

  test("an empty projection: the term ends with the actuals, every projected column the ledger's", () => {
    const actuals = column(twoYears);
    for (const empty of [[], [[]], column([null, ""]), column([0, 0])]) {
      const table = f.burndown(1_000_000, actuals, empty, 0.2);
      const ledger = single.ledger(1_000_000, actuals, 0.2);
      expect(table.slice(1).map((r) => [r[4], r[6], r[7], r[8], r[9], r[10]])).toEqual(
        ledger.slice(1).map((r) => [r[4], 0, 0, r[4], r[7], r[9]]),
      );
    }
  });

  test("no actuals yet: nothing drawn, every month left, the commit spread over the term", () => {
    // 1,000,000 / 0.8 / 12 = 104,166.67 list a month fills the year.
    const table = f.burndown(1_000_000, [], column(flat(12, 100_000)), 0.2);
    expect(table.slice(1)).toEqual(
      close([[1, 12, 1_000_000, 0, 0, 1_000_000, 12, 1_000_000 / 0.8 / 12, 960_000, 40_000, 0]]),
    );
  });

  test("a last actual month of 0 is not yet in (DOMAIN.md: trailing zero months are dropped)", () => {
    expect(f.burndown(1_000_000, column([...flat(4, 100_000), 0, null]), column(flat(8, 100_000)), 0.2)).toEqual(
      f.burndown(1_000_000, column(flat(4, 100_000)), column(flat(8, 100_000)), 0.2),
    );
  });

  test("a prorated last period: 18 months, the second period 6 months at half the commit", () => {
    // Period 2: commit 600,000; 2 actual months of 100,000 drawn (160,000); 440,000 remain over 4 months.
    const table = f.burndown(1_200_000, column(flat(14, 100_000)), column(flat(4, 100_000)), 0.2);
    expect(table[2]).toEqual(close([[2, 6, 600_000, 0, 160_000, 440_000, 4, 137_500, 480_000, 120_000, 0]])[0]);
  });

  test("neither actuals nor a projection: #N/A naming both", () => {
    const e = excelError(() => f.burndown(1_000_000, column([null]), [], 0.2));
    expect(e.code).toBe("#N/A");
    expect(e.message).toBe("actuals: no months, and projection has none either (both are empty or all zero)");
  });

  describeErrors(f.burndown as (...a: unknown[]) => unknown, F.BURNDOWN, [
    1_000_000,
    column(twoYears.slice(0, 15)),
    column(twoYears.slice(15)),
    0.2,
    1,
    0.5,
    12,
    24,
  ]);
});
