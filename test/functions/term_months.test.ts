/**
 * The explicit term (docs/DOMAIN.md "Usage series"): the optional last argument `term_months` cuts the
 * usage to that many months or pads it with 0 months, so usage that really stops is not a shorter
 * term. Figures worked by hand beside each test.
 */
import "../helpers/customFunctions";
import * as f from "../helpers/single";
import { excelError } from "../helpers/customFunctions";
import * as functions from "../../src/functions/functions";
import { column, flat, twoYears } from "../helpers/series";

// DOMAIN.md "Usage series": commit 1,200 a 12-month period; usage 60, 150, 75 then nothing; d = 0.2.
const stops = column([60, 150, 75]);

describe("term_months", () => {
  test("DOMAIN.md's example: usage that stops forfeits 972 over a 12-month term, not 72 over 3 months", () => {
    // Drawn: 0.8 x (60 + 150 + 75) = 228. Over 12 months: 1,200 - 228 = 972 forfeited.
    expect(f.commitWaste(1_200, stops, 0.2, 0, 12, 12)).toBeCloseTo(972, 9);
    // Without it the term is the 3 months given: commit 1,200 x 3/12 = 300, forfeited 300 - 228 = 72.
    expect(f.commitWaste(1_200, stops, 0.2, 0, 12)).toBeCloseTo(72, 9);
    // Trailing zeros typed out are the same as none: 3 months again without term_months.
    expect(f.commitWaste(1_200, column([60, 150, 75, 0, 0, 0]), 0.2)).toBeCloseTo(72, 9);
  });

  test("a term shorter than the usage cuts it: worked example 2's first year alone", () => {
    // twoYears: 12 x 80,000 then 12 x 120,000. Over 12 months at 1,000,000 and d = 0.2: drawn
    // 0.8 x 960,000 = 768,000; forfeited 232,000; no overage: cost 1,000,000.
    expect(f.totalCost(1_000_000, column(twoYears), 0.2, 1, 0, 12, 12)).toBeCloseTo(1_000_000, 6);
    expect(f.commitWaste(1_000_000, column(twoYears), 0.2, 0, 12, 12)).toBeCloseTo(232_000, 6);
    // The whole 24 months (worked example 2): year 2 draws 1,152,000, 152,000 over at list 190,000.
    expect(f.totalCost(1_000_000, column(twoYears), 0.2, 1, 0, 12, 24)).toBeCloseTo(2_190_000, 6);
  });

  test("LEDGER over a padded term: a second period that draws nothing forfeits its whole commit", () => {
    const table = f.ledger(1_000_000, column(flat(12, 100_000)), 0.2, 1, 0, 12, 24) as unknown[][];
    // Header, then period 1 (drawn 960,000, forfeited 40,000) and period 2 (drawn 0, forfeited 1,000,000).
    expect(table).toHaveLength(3);
    expect(table[1]![4]).toBeCloseTo(960_000, 6);
    expect(table[1]![7]).toBeCloseTo(40_000, 6);
    expect(table[2]![4]).toBe(0);
    expect(table[2]![7]).toBeCloseTo(1_000_000, 6);
  });

  test("lifts: a column of terms gives a column of figures", () => {
    // 12 months: 972 (above). 6 months: commit 1,200 x 6/12 = 600, forfeited 600 - 228 = 372.
    const grid = functions.commitWaste([[1_200]], stops, [[0.2]], [[0]], [[12]], [[12], [6]]);
    expect(grid).toHaveLength(2);
    expect(grid[0]![0]).toBeCloseTo(972, 9);
    expect(grid[1]![0]).toBeCloseTo(372, 9);
  });

  test("a bad term is refused with the months message", () => {
    expect(() => f.commitWaste(1_200, stops, 0.2, 0, 12, 0)).toThrow(/term_months/);
    expect(() => f.commitWaste(1_200, stops, 0.2, 0, 12, 2.5)).toThrow(/term_months/);
  });

  test("BURNDOWN and SHORTFALL take the signed term: months past the plan are 0", () => {
    // 4 months in at 100,000, 8 projected, term 24: period 1 as before (drawn 960,000 of 1,000,000,
    // forfeit 40,000); period 2 draws nothing and forfeits its 1,000,000.
    const actuals = column(flat(4, 100_000));
    const plan = column(flat(8, 100_000));
    expect(f.shortfall(1_000_000, actuals, plan, 0.2, 0, 12, 24)).toBeCloseTo(40_000, 6);
    const table = f.burndown(1_000_000, actuals, plan, 0.2, 1, 0, 12, 24) as unknown[][];
    expect(table).toHaveLength(3);
    expect(table[2]![9]).toBeCloseTo(1_000_000, 6);
  });

  test("LEVER_VALUES' term_months key values a longer term", () => {
    // 12 x 100,000 at a 1,000,000 commit, d = 0.2: over 12 months the cost is the commit, 1,000,000.
    // Asked for 24 months, the usage pads with 12 months of 0: period 2 forfeits its 1,000,000, so
    // the ask costs 2,000,000 and is worth 1,000,000 - 2,000,000 = -1,000,000 (share -1).
    const table = f.leverValues(column(flat(12, 100_000)), [
      ["commit", 1_000_000, 1_000_000],
      ["discount", 0.2, 0.2],
      ["term_months", 12, 24],
    ]) as unknown[][];
    expect(table[1]).toEqual(["Term length", 12, 24, expect.closeTo(-1_000_000, 6), expect.closeTo(-1, 12), "high"]);
    // A blank term states none: the usage's own 12 months, the same as an ask of 12: worth 0.
    const blank = f.leverValues(column(flat(12, 100_000)), [
      ["commit", 1_000_000, 1_000_000],
      ["discount", 0.2, 0.2],
      ["term_months", "", 12],
    ]) as unknown[][];
    const row = blank.find((r) => r[0] === "Term length")!;
    expect(row[3]).toBeCloseTo(0, 9);
  });

  test("actuals longer than the stated term: #VALUE! naming both lengths (the fuzz found the crash)", () => {
    const e = excelError(() => f.shortfall(1_000, column([1, 2, 3]), column([]), 0.2, 0, 1, 1));
    expect([e.code, e.message]).toEqual(["#VALUE!", "actuals: 3 months, longer than the term (1 months)"]);
  });
});
