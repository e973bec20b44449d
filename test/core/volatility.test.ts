/**
 * USAGE_VOLATILITY's core (src/core/volatility.ts; DOMAIN.md "Usage under uncertainty", its
 * estimate from a history): worked example → small cases by hand → months at 0 → errors.
 */
import * as core from "../../src/core";

describe("usageVolatility", () => {
  test("DOMAIN.md worked example 4: 0.0115875 and 0.0214134", () => {
    // t = 1..12, n = 12: t_bar = 6.5, Sxx = 143. Least squares of ln u on t: slope 0.0730743889827586,
    // SSR = 10 sigma^2 with sigma = 0.0213389564554802 (mpmath, 40 digits).
    // volatility = sigma sqrt(1/12 + 5.5^2 / 143) = sigma x 0.543020... = 0.0115875012460953;
    // growth_volatility = 12 sigma / sqrt(143) = 0.0214134382053415.
    const got = core.usageVolatility([100, 110, 118, 133, 139, 150, 166, 170, 185, 199, 210, 228]);
    expect(got).not.toBeInstanceOf(core.LeverError);
    const { volatility, growthVolatility } = got as core.UsageVolatility;
    expect(Number(volatility.toPrecision(6))).toBe(0.0115875);
    expect(Number(growthVolatility.toPrecision(6))).toBe(0.0214134);
    expect(volatility).toBeCloseTo(0.0115875012460953, 14);
    expect(growthVolatility).toBeCloseTo(0.0214134382053415, 14);
  });

  test("three months 1, 2, 1: by hand", () => {
    // ln u = 0, h, 0 with h = ln 2; t_bar = 2, Sxx = 2, slope 0; residuals -h/3, 2h/3, -h/3:
    // SSR = 6 h^2 / 9, sigma = sqrt(SSR / 1) = h sqrt(2/3).
    // volatility = sigma sqrt(1/3 + 1/2) = h sqrt(5/9) = h sqrt(5) / 3; growth = 12 sigma / sqrt(2) = 4 sqrt(3) h.
    const h = Math.LN2;
    expect(core.usageVolatility([1, 2, 1])).toEqual({
      volatility: expect.closeTo((h * Math.sqrt(5)) / 3, 14),
      growthVolatility: expect.closeTo(4 * Math.sqrt(3) * h, 14),
    });
  });

  test("exact exponential growth leaves no uncertainty", () => {
    const got = core.usageVolatility(Array.from({ length: 24 }, (_, t) => 1_000 * 1.05 ** t)) as core.UsageVolatility;
    expect(got.volatility).toBeCloseTo(0, 12);
    expect(got.growthVolatility).toBeCloseTo(0, 12);
  });

  test("months at 0 are left out of the fit but keep their place in t", () => {
    // 1, 0, 2, 0, 1: fitted at t = 1, 3, 5: t_bar = 3, Sxx = 8, slope 0, the same residuals as 1, 2, 1:
    // sigma = h sqrt(2/3); volatility = sigma sqrt(1/3 + 2^2 / 8) = h sqrt(5) / 3; growth = 12 sigma / sqrt(8) = 2 sqrt(3) h.
    const h = Math.LN2;
    expect(core.usageVolatility([1, 0, 2, 0, 1])).toEqual({
      volatility: expect.closeTo((h * Math.sqrt(5)) / 3, 14),
      growthVolatility: expect.closeTo(2 * Math.sqrt(3) * h, 14),
    });
  });

  test("only ratios matter: dollars or tokens give the same", () => {
    const history = [100, 110, 118, 133, 139, 150];
    expect(core.usageVolatility(history.map((u) => u * 1_000))).toEqual({
      volatility: expect.closeTo((core.usageVolatility(history) as core.UsageVolatility).volatility, 14),
      growthVolatility: expect.closeTo((core.usageVolatility(history) as core.UsageVolatility).growthVolatility, 14),
    });
  });

  test("fewer than 3 months above 0: #N/A naming the argument", () => {
    for (const history of [[], [5], [5, 0, 3], [0, 0, 0, 0]]) {
      const got = core.usageVolatility(history);
      expect(got).toBeInstanceOf(core.LeverError);
      expect((got as core.LeverError).type).toBe("#N/A");
      expect((got as core.LeverError).message).toMatch(/^history: at least 3 months above 0/);
    }
  });
});
