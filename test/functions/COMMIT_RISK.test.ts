/**
 * LEVERS.COMMIT_RISK (docs/FUNCTIONS.md "Risk under uncertainty", docs/DOMAIN.md "Usage under
 * uncertainty"): worked example → one scenario → errors. Goldens by hand: the 1,000 level factors
 * f_i = exp(0.2 z_i - 0.02), z_i the standard normal quantile at (i - 0.5) / 1000, taken with a
 * calculator (Python's statistics.NormalDist), never from the code.
 */
import "../helpers/customFunctions";
import * as s from "../helpers/single";
import { describeErrors } from "./errorTable";
import * as F from "../../src/catalogue/functions";
import { excelError } from "../helpers/customFunctions";
import { column, flat } from "../helpers/series";

const ex1 = column(flat(12, 100_000));
const MEASURES = [
  "Expected total cost",
  "P10 total cost",
  "P50 total cost",
  "P90 total cost",
  "CVaR 95% total cost",
  "Chance of any forfeit",
  "Expected forfeited",
  "P90 forfeited",
  "Expected overage billed",
  "Chance of any overage",
];
const table = (...args: unknown[]) => (s.commitRisk as (...a: unknown[]) => unknown)(...args) as [string, number][];

describe("LEVERS.COMMIT_RISK", () => {
  test("worked example 1 with volatility 0.2: one commit's futures", () => {
    // Scenario i draws 960,000 f_i against a 1,000,000 commit (d = 0.2, overage at list):
    // forfeited max(0, 1,000,000 - 960,000 f_i); overage billed max(0, 960,000 f_i - 1,000,000) / 0.8.
    // f_i < 1,000,000 / 960,000 where z_i < (ln(1.0416667) + 0.02) / 0.2 = 0.30411: i <= 619, so a
    // forfeit in 619 of 1,000 futures; the cost is the commit in those, so P10 = P50 = 1,000,000.
    // P90 is rank 900: z = 1.279349 (p = 0.8995), f = 1.2656, cost 1,000,000 + (1,215,013.2 - 1,000,000) / 0.8.
    // CVaR 95%: the mean of the 50 largest costs. Means over the 1,000 scenarios by calculator.
    const t = table(1_000_000, ex1, 0.2, 1, 0, 12, 0.2);
    expect(t[0]).toEqual(["Measure", "Value"]);
    expect(t.slice(1).map((r) => r[0])).toEqual(MEASURES);
    const v = t.slice(1).map((r) => r[1]);
    expect(v[0]).toBeCloseTo(1_074_553.2000331548, 4);
    expect(v[1]).toBeCloseTo(1_000_000, 6);
    expect(v[2]).toBeCloseTo(1_000_000, 6);
    expect(v[3]).toBeCloseTo(1_269_016.5226239513, 4);
    expect(v[4]).toBeCloseTo(1_531_122.0900125287, 4);
    expect(v[5]).toBe(0.619);
    expect(v[6]).toBeCloseTo(99_669.32462686916, 4);
    expect(v[7]).toBeCloseTo(271_351.28721869504, 4);
    expect(v[8]).toBeCloseTo(74_553.2000331552, 4);
    expect(v[9]).toBe(0.381);
  });

  test("both volatilities 0: one future, the ledger's own figures", () => {
    // Worked example 1: cost 1,000,000, forfeited 40,000, no overage.
    const v = table(1_000_000, ex1, 0.2)
      .slice(1)
      .map((r) => r[1]);
    expect(v).toEqual([
      expect.closeTo(1_000_000, 6),
      expect.closeTo(1_000_000, 6),
      expect.closeTo(1_000_000, 6),
      expect.closeTo(1_000_000, 6),
      expect.closeTo(1_000_000, 6),
      1,
      expect.closeTo(40_000, 6),
      expect.closeTo(40_000, 6),
      0,
      0,
    ]);
  });

  test("term_months: usage that stops forfeits over the whole term in every future", () => {
    // DOMAIN.md "Usage series": 1,200 a year, 60, 150, 75 then nothing, d = 0.2, 12 months: 972 forfeited.
    const v = table(1_200, column([60, 150, 75]), 0.2, 1, 0, 12, 0, 0, 12)
      .slice(1)
      .map((r) => r[1]);
    expect(v[6]).toBeCloseTo(972, 9);
  });

  test("a volatility of 20 looks like a percent", () => {
    const e = excelError(() => s.commitRisk(1_000_000, ex1, 0.2, 1, 0, 12, 20));
    expect([e.code, e.message]).toEqual([
      "#VALUE!",
      expect.stringMatching(/^volatility: 20 looks like a percent.*0\.2/),
    ]);
  });

  describeErrors(s.commitRisk as (...a: unknown[]) => unknown, F.COMMIT_RISK, [
    1_000_000,
    ex1,
    0.2,
    1,
    0,
    12,
    0.2,
    0.1,
    12,
  ]);
});
