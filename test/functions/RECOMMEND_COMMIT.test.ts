import "../helpers/customFunctions";
import * as s from "../../src/functions/sizing";
import { excelError } from "../helpers/customFunctions";
import { describeErrors } from "./errorTable";
import * as F from "../../src/catalogue/functions";
import { column, flat, twoYears } from "../helpers/series";

import fc from "fast-check";
import * as core from "../../src/core";

const oneYear = column(flat(12, 100_000));
const flatBand = [[0, 0.2]];

describe("LEVERS.RECOMMEND_COMMIT", () => {
  test("DOMAIN.md sanity check: the 20th percentile of drawn usage, about 712,975", () => {
    // One period, d = 0.2, overage at list: q = 1 - (1 - d) / m = 0.2.
    // 960,000 * exp(0.3 * z(0.2) - 0.045) = 712,975; 1,000 scenarios resolve the quantile to 0.001 (about 0.05%).
    const commit = s.recommendCommit(oneYear, flatBand, 1, 0, 12, 0.3);
    expect(Math.abs(commit / 712_975 - 1)).toBeLessThan(0.001);
  });
  test("defaults: overage at list, no carryover, 12-month periods, volatility 0", () => {
    expect(s.recommendCommit(oneYear, flatBand)).toBe(s.recommendCommit(oneYear, flatBand, 1, 0, 12, 0));
    expect(s.recommendCommit(oneYear, flatBand, null, null, null, null)).toBe(s.recommendCommit(oneYear, flatBand));
  });
  test("certain usage, overage at list: commit exactly the drawn usage, 960,000", () => {
    expect(s.recommendCommit(oneYear, flatBand)).toBeCloseTo(960_000, 6);
  });
  test("overage at the committed rate: q = 0, commit nothing beyond what the band needs", () => {
    expect(s.recommendCommit(oneYear, flatBand, "committed", 0, 12, 0.3)).toBe(0);
    expect(
      s.recommendCommit(
        oneYear,
        [
          [0, 0],
          [500_000, 0.1],
        ],
        "committed",
      ),
    ).toBe(500_000);
  });
  test("two bands, certain usage: the drawn usage at the band it falls in, 1,080,000", () => {
    // Below 500k (0%): 1,200,000 whatever the commit. 500k-2M (10%): draws 1,080,000, the cheapest at 1,080,000.
    // 2M (25%): at least 2,000,000.
    expect(
      s.recommendCommit(oneYear, [
        [0, 0],
        [500_000, 0.1],
        [2_000_000, 0.25],
      ]),
    ).toBeCloseTo(1_080_000, 6);
  });
  test("two bands, certain usage: the threshold when the band's draw sits below it, 1,000,000", () => {
    // At 20% the draw is 960,000 < 1M: committing 1M (40,000 wasted) beats 1,200,000 at 0%.
    expect(
      s.recommendCommit(oneYear, [
        [0, 0],
        [1_000_000, 0.2],
      ]),
    ).toBe(1_000_000);
  });
  test("a discount that drops at a higher threshold: a cent below that threshold", () => {
    // 500k-800k at 20%: draws 960,000, so cost 1,200,000 - 0.25 C keeps falling to 1,000,000 at 800k.
    // From 800k the discount is 5%: draws 1,140,000, at least 1,140,000. Below 500k: 1,200,000.
    const commit = s.recommendCommit(oneYear, [
      [0, 0],
      [500_000, 0.2],
      [800_000, 0.05],
    ]);
    expect(commit).toBeCloseTo(799_999.99, 6);
  });
  test("two years, no carryover: the smaller year's draw, 768,000", () => {
    // Cost 2C + 1.25 (max(0, 768k - C) + max(0, 1152k - C)): slope -0.5 below 768k, +0.75 above.
    expect(s.recommendCommit(column(twoYears), flatBand)).toBeCloseTo(768_000, 6);
  });
  test("two years, full carryover: the average draw, 960,000", () => {
    // Above 768k the unused year-1 commit carries: year-2 overage max(0, 1,920k - 2C), zero at 960k.
    expect(s.recommendCommit(column(twoYears), flatBand, 1, 1)).toBeCloseTo(960_000, 6);
  });
  test("never worse than any commit on a fine grid (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 1_000, max: 200_000, noNaN: true }), { minLength: 1, maxLength: 36 }),
        fc.uniqueArray(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 4 }),
        fc.double({ min: 0, max: 0.3, noNaN: true }),
        fc.constantFrom(1, 1.2, "committed" as const),
        fc.constantFrom(0, 0.5, 1),
        fc.constantFrom(0, 0.25),
        (usage, steps, top, overageRate, carryover, volatility) => {
          const bands = steps.map((k, i) => ({ threshold: k * 50_000, discount: (top * (i + 1)) / steps.length }));
          bands.sort((a, b) => a.threshold - b.threshold);
          const terms = { overageRate, carryover, periodMonths: 12, volatility };
          const best = core.recommendCommit(usage, bands, terms);
          const grid = core.commitCurve(usage, bands, terms, 120).rows;
          for (const row of grid) expect(best.cost).toBeLessThanOrEqual(row.cost * (1 + 1e-9) + 1e-6);
        },
      ),
      { numRuns: 60, seed: 20261122 },
    );
  });
  describeErrors(s.recommendCommit as (...a: unknown[]) => unknown, F.RECOMMEND_COMMIT, [
    oneYear,
    flatBand,
    1,
    0,
    12,
    0,
    0,
  ]);
  test("volatility: 30 looks like a percent; negative is out of range", () => {
    const pct = excelError(() => s.recommendCommit(oneYear, flatBand, 1, 0, 12, 30));
    expect([pct.code, pct.message]).toEqual([
      "#VALUE!",
      expect.stringMatching(/^volatility: 30 looks like a percent.*0\.3/),
    ]);
    expect(excelError(() => s.recommendCommit(oneYear, flatBand, 1, 0, 12, -0.1)).code).toBe("#NUM!");
  });
});
