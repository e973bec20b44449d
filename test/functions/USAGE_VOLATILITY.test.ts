/**
 * LEVERS.USAGE_VOLATILITY (docs/DOMAIN.md "Usage under uncertainty"): the uncertainty a history
 * itself leaves, as a row. Worked example 4, then the rule of 3 months above 0, then errors.
 */
import "../helpers/customFunctions";
import * as s from "../helpers/single";
import { describeErrors } from "./errorTable";
import * as F from "../../src/catalogue/functions";
import { excelError } from "../helpers/customFunctions";
import { column } from "../helpers/series";

const example4 = column([100, 110, 118, 133, 139, 150, 166, 170, 185, 199, 210, 228]);

describe("LEVERS.USAGE_VOLATILITY", () => {
  test("worked example 4: volatility 0.0115875, growth_volatility 0.0214134", () => {
    const row = s.usageVolatility(example4);
    expect(row).toHaveLength(1);
    expect(row[0]![0]).toBeCloseTo(0.0115875, 7);
    expect(row[0]![1]).toBeCloseTo(0.0214134, 7);
  });

  test("three months: ln(1), ln(2), ln(1) on t = 1, 2, 3", () => {
    // Fit: slope 0, mean ln 2 / 3; residuals -ln2/3, 2 ln2/3, -ln2/3: SSR = 6 (ln 2)^2 / 9; sigma = sqrt(SSR / 1)
    // = (ln 2) sqrt(6) / 3. t_bar = 2, Sxx = 2: volatility = sigma sqrt(1/3 + 1/2) = (ln 2) sqrt(5) / 3;
    // growth_volatility = 12 sigma / sqrt(2) = 4 sqrt(3) ln 2.
    const row = s.usageVolatility(column([1, 2, 1]));
    expect(row[0]![0]).toBeCloseTo((Math.LN2 * Math.sqrt(5)) / 3, 12);
    expect(row[0]![1]).toBeCloseTo(4 * Math.sqrt(3) * Math.LN2, 12);
  });

  test("fewer than 3 months above 0: #N/A saying so", () => {
    const e = excelError(() => s.usageVolatility(column([100, 0, 120])));
    expect([e.code, e.message]).toEqual(["#N/A", expect.stringMatching(/at least 3 months above 0.*got 2/)]);
  });

  describeErrors(s.usageVolatility as (...a: unknown[]) => unknown, F.USAGE_VOLATILITY, [example4]);
});
