import "../helpers/customFunctions";
import * as f from "../helpers/single";
import { describeErrors } from "./errorTable";
import * as F from "../../src/catalogue/functions";
import { column, flat, twoYears } from "../helpers/series";

const ex1 = column(flat(12, 100_000));

describe("LEVERS.COMMIT_WASTE", () => {
  test("worked example 1: 40,000 of a 1,000,000 commit is forfeited", () => {
    expect(f.commitWaste(1_000_000, ex1, 0.2)).toBeCloseTo(40_000, 6);
  });
  test("worked example 2: 232,000 forfeited; 116,000 with carryover 0.5", () => {
    expect(f.commitWaste(1_000_000, column(twoYears), 0.2)).toBeCloseTo(232_000, 6);
    expect(f.commitWaste(1_000_000, column(twoYears), 0.2, 0.5)).toBeCloseTo(116_000, 6);
  });
  test("defaults: carryover 0 and 12-month periods when omitted or null", () => {
    const explicit = f.commitWaste(1_000_000, column(twoYears), 0.2, 0, 12);
    expect(f.commitWaste(1_000_000, column(twoYears), 0.2)).toBe(explicit);
    expect(f.commitWaste(1_000_000, column(twoYears), 0.2, null, null)).toBe(explicit);
  });
  test("proration: 18 months against 1,200,000 a year forfeit 240,000 + 120,000", () => {
    expect(f.commitWaste(1_200_000, column(flat(18, 100_000)), 0.2)).toBeCloseTo(360_000, 6);
  });
  test("a 6-month commit period: 12 months of 100,000 against 500,000 per half-year", () => {
    // Each half-year draws 480,000: 20,000 forfeited twice.
    expect(f.commitWaste(500_000, ex1, 0.2, 0, 6)).toBeCloseTo(40_000, 6);
  });
  test("usage exactly equal to the commit forfeits nothing", () => {
    expect(f.commitWaste(960_000, ex1, 0.2)).toBeCloseTo(0, 6);
  });
  test("blank and zero rows at the end are not months: the term is the filled rows", () => {
    const padded = column([...flat(12, 100_000), null, 0, "", null]);
    expect(f.commitWaste(1_000_000, padded, 0.2)).toBeCloseTo(40_000, 6);
  });
  test("a whole-column range (1,048,576 rows, nearly all blank) is its filled months", () => {
    const wholeColumn: unknown[][] = Array.from({ length: 1_048_576 }, () => [null]);
    for (let t = 0; t < 12; t++) wholeColumn[t] = [100_000];
    expect(f.commitWaste(1_000_000, wholeColumn, 0.2)).toBeCloseTo(40_000, 6);
  });
  test("a zero month in the middle is a month", () => {
    const gap = column([...flat(11, 100_000), 0, 100_000]);
    // 13 months: year 1 draws 880,000 (120,000 forfeited); month 13 is a 1-month period, 80,000 drawn against 83,333.33.
    expect(f.commitWaste(1_000_000, gap, 0.2)).toBeCloseTo(120_000 + 1_000_000 / 12 - 80_000, 6);
  });
  test("one row of months reads across; several columns (one per model) are summed", () => {
    expect(f.commitWaste(1_000_000, [flat(12, 100_000)], 0.2)).toBeCloseTo(40_000, 6);
    const byModel = flat(12, 0).map(() => [60_000, 30_000, 10_000]);
    expect(f.commitWaste(1_000_000, byModel, 0.2)).toBeCloseTo(40_000, 6);
  });
  describeErrors(f.commitWaste, F.COMMIT_WASTE, [1_000_000, ex1, 0.2, 0, 12, 12]);
});
