import "../helpers/customFunctions";
import * as single from "../helpers/single";
import * as f from "../../src/functions/tracking";
import { describeErrors } from "./errorTable";
import * as F from "../../src/catalogue/functions";
import { column, flat, twoYears } from "../helpers/series";

describe("LEVERS.SHORTFALL", () => {
  test("worked example 1, four months in: 40,000 projected forfeited at the end of the year", () => {
    expect(single.shortfall(1_000_000, column(flat(4, 100_000)), column(flat(8, 100_000)), 0.2)).toBeCloseTo(40_000, 6);
  });
  test("worked example 2: the current period is the one the last actual month is in", () => {
    // Six months in: year 1 forfeits 232,000 (no carryover), 116,000 with carryover 0.5.
    const six = column(twoYears.slice(0, 6));
    const rest = column(twoYears.slice(6));
    expect(single.shortfall(1_000_000, six, rest, 0.2)).toBeCloseTo(232_000, 6);
    expect(single.shortfall(1_000_000, six, rest, 0.2, 0.5)).toBeCloseTo(116_000, 6);
    // Month 12 is still year 1; month 13 is year 2, which is projected to run over: nothing forfeited.
    expect(single.shortfall(1_000_000, column(twoYears.slice(0, 12)), column(twoYears.slice(12)), 0.2)).toBeCloseTo(
      232_000,
      6,
    );
    expect(single.shortfall(1_000_000, column(twoYears.slice(0, 13)), column(twoYears.slice(13)), 0.2)).toBe(0);
  });
  test("no actuals yet: the first period's projected forfeit", () => {
    expect(single.shortfall(1_000_000, [], column(twoYears), 0.2)).toBeCloseTo(232_000, 6);
  });
  test("an empty projection: the term ends with the actuals", () => {
    // Four months of 100,000 are a prorated period: commit 333,333.33, drawn 320,000.
    expect(single.shortfall(1_000_000, column(flat(4, 100_000)), [], 0.2)).toBeCloseTo(1_000_000 / 3 - 320_000, 6);
  });
  test("lifts: a column of commits gives a column of shortfalls", () => {
    const grid = f.shortfall([[1_000_000], [900_000]], column(flat(4, 100_000)), column(flat(8, 100_000)), [[0.2]]);
    expect(grid).toEqual([[expect.closeTo(40_000, 6)], [0]]);
  });
  describeErrors(single.shortfall, F.SHORTFALL, [
    1_000_000,
    column(flat(4, 100_000)),
    column(flat(8, 100_000)),
    0.2,
    0.5,
    12,
    12,
  ]);
});
