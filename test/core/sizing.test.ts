/**
 * Commit sizing with growth volatility (src/core/sizing.ts; DOMAIN.md "Commit sizing", "Usage under
 * uncertainty"). The level-only figures are RECOMMEND_COMMIT's and COMMIT_CURVE's own specs
 * (test/functions); here: growth_volatility's default, newsvendor goldens over growth shapes, and the
 * exact search against a grid.
 *
 * Reference figures come from Python's mpmath (40 digits), never from the code under test.
 */
import fc from "fast-check";
import * as core from "../../src/core";
import type { Band, SizingTerms } from "../../src/core";
import { flat, twoYears } from "../helpers/series";

const flatBand: Band[] = [{ threshold: 0, discount: 0.2 }];
const oneYear = flat(12, 100_000);
const terms = (t: Partial<SizingTerms>): SizingTerms => ({
  overageRate: 1,
  carryover: 0,
  periodMonths: 12,
  volatility: 0,
  ...t,
});
const relative = (got: number, want: number) => Math.abs(got / want - 1);

describe("growthVolatility: default 0", () => {
  const bands: Band[] = [
    { threshold: 0, discount: 0 },
    { threshold: 500_000, discount: 0.1 },
    { threshold: 2_000_000, discount: 0.25 },
  ];
  test.each([0, 0.3])("left out is 0, exactly (volatility %p)", (volatility) => {
    for (const usage of [oneYear, twoYears]) {
      const without = terms({ volatility, carryover: 0.5 });
      const zero = terms({ volatility, carryover: 0.5, growthVolatility: 0 });
      expect(core.recommendCommit(usage, bands, zero)).toEqual(core.recommendCommit(usage, bands, without));
      expect(core.commitCurve(usage, bands, zero, 25)).toEqual(core.commitCurve(usage, bands, without, 25));
      expect(core.expectedAtCommit(usage, 900_000, bands, zero)).toEqual(
        core.expectedAtCommit(usage, 900_000, bands, without),
      );
    }
  });
});

describe("the newsvendor check over growth shapes", () => {
  // One 12-month period of 100,000 a month, d = 0.2, overage at list (m = 1). Shape j draws
  // D_j = 80,000 x sum over t = 0..11 of exp(y_t b_j - y_t^2 / 2), y_t = g t / 12, increasing in b_j.
  // Expected cost C + mean(max(0, D - C)) / 0.8 has slope 1 - (scenarios with D > C) / (0.8 N): it is
  // flat once exactly 0.8 N scenarios lie above C, between the (0.2 N)th and the next smallest draw,
  // and ties go to the smaller commit: the (0.2 N)th smallest draw.

  test("growth only (g = 0.3, 1,000 shapes): D at b_200 = z(0.1995), 846,714.0714005", () => {
    // mpmath: b_200 = -0.843408535280309758; D_200 = 846,714.07140049845782.
    const best = core.recommendCommit(oneYear, flatBand, terms({ growthVolatility: 0.3 }));
    expect(relative(best.commit, 846_714.0714004985)).toBeLessThan(1e-12);
    expect(best.discount).toBe(0.2);
  });

  test("level and growth (s = g = 0.3, 100 x 100): the 2,000th smallest f_i D_j, 688,755.8794427", () => {
    // mpmath: sort the 10,000 products f_i D_j, f_i = exp(0.3 z((i - 0.5) / 100) - 0.045); the 2,000th is
    // i = 32, j = 17: f = 0.82735777892097953961, D = 832,476.46543065354532, f D = 688,755.87944269312221
    // (the 2,001st is 688,802.09076881457854).
    const best = core.recommendCommit(oneYear, flatBand, terms({ volatility: 0.3, growthVolatility: 0.3 }));
    expect(relative(best.commit, 688_755.8794426931)).toBeLessThan(1e-12);
  });

  test("overage at the committed rate: q = 0, commit nothing beyond what the band needs", () => {
    const t = terms({ overageRate: "committed", volatility: 0.2, growthVolatility: 0.3 });
    expect(core.recommendCommit(oneYear, flatBand, t).commit).toBe(0);
  });
});

describe("exact search with growth shapes", () => {
  test("never worse than any commit on a fine grid (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 1_000, max: 200_000, noNaN: true }), { minLength: 1, maxLength: 30 }),
        fc.uniqueArray(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 3 }),
        fc.double({ min: 0, max: 0.3, noNaN: true }),
        fc.constantFrom(1, 1.2, "committed" as const),
        fc.constantFrom(0, 0.5, 1),
        fc.constantFrom(0, 0.25),
        fc.constantFrom(0.1, 0.4),
        (usage, steps, top, overageRate, carryover, volatility, growthVolatility) => {
          const bands = steps.map((k, i) => ({ threshold: k * 50_000, discount: (top * (i + 1)) / steps.length }));
          bands.sort((a, b) => a.threshold - b.threshold);
          const t = terms({ overageRate, carryover, volatility, growthVolatility });
          const best = core.recommendCommit(usage, bands, t);
          for (const row of core.commitCurve(usage, bands, t, 40).rows) {
            expect(best.cost).toBeLessThanOrEqual(row.cost * (1 + 1e-9) + 1e-6);
          }
        },
      ),
      { numRuns: 12 },
    );
  });

  test("the recommended commit's figures are the expected figures at that commit", () => {
    const rising = Array.from({ length: 36 }, (_, t) => 100_000 * 1.03 ** t);
    const bands: Band[] = [
      { threshold: 250_000, discount: 0.05 },
      { threshold: 1_000_000, discount: 0.1 },
      { threshold: 2_500_000, discount: 0.15 },
    ];
    const t = terms({ carryover: 0.5, volatility: 0.2, growthVolatility: 0.2 });
    const best = core.recommendCommit(rising, bands, t);
    expect(best).toEqual(core.expectedAtCommit(rising, best.commit, bands, t));
    // A cent either side costs no less.
    expect(core.expectedAtCommit(rising, best.commit - 0.01, bands, t).cost).toBeGreaterThanOrEqual(best.cost - 1e-6);
    expect(core.expectedAtCommit(rising, best.commit + 0.01, bands, t).cost).toBeGreaterThanOrEqual(best.cost - 1e-6);
  });
});
