/**
 * The scenario engine (src/core/scenarios.ts): normal quantiles, the scenario set, the ledger over
 * every scenario, and COMMIT_RISK's and FORFEIT_CHANCE's figures (DOMAIN.md "Usage under uncertainty").
 *
 * Reference quantiles are not read off the code: each was computed with Python's mpmath at 80 digits
 * (sqrt(2) erfinv(2p - 1), checked against a root of ncdf(x) = p) at the exact binary value of p.
 */
import { firstScenario, ledgerFields } from "../helpers/deals";
import fc from "fast-check";
import * as core from "../../src/core";
import type { Deal } from "../../src/core";
import { flat } from "../helpers/series";

const deal = (d: Partial<Deal> & { commit: number }): Deal => ({
  discount: 0.2,
  overageRate: 1,
  carryover: 0,
  periodMonths: 12,
  ...d,
});
/** |got - want| <= 1e-15 |want| (or exactly 0 for 0). */
const within1e15 = (got: number, want: number) =>
  expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-15 * Math.abs(want));
/** 36 months rising 3% a month from 100,000: DOMAIN.md worked example 3's usage. */
const rising = Array.from({ length: 36 }, (_, t) => 100_000 * 1.03 ** t);

describe("normalQuantile: Wichura's AS 241, to 1e-15 relative", () => {
  test("published quantiles (each checked against mpmath at 80 digits)", () => {
    within1e15(core.normalQuantile(0.975), 1.959963984540054);
    within1e15(core.normalQuantile(0.9), 1.2815515655446004);
    expect(core.normalQuantile(0.5)).toBe(0);
    within1e15(core.normalQuantile(0.001), -3.090232306167813);
    within1e15(core.normalQuantile(1e-10), -6.361340902404056);
    within1e15(core.normalQuantile(0.2), -0.8416212335729142);
  });

  test("p = 0.0005 is -3.2905267314918948, not -3.2905267314919255", () => {
    // mpmath: z(0.0005) = -3.290526731491894787; z(0.9995 as a double) = 3.290526731491925779. The double
    // nearest 0.9995 is 0.9995 + 5.5e-17, and the quantile's slope there is 1 / phi(3.29) = 560, so its
    // quantile is 3.1e-14 (9e-15 relative) above 3.2905267314918948. The second figure, sometimes quoted
    // for 0.0005, is that one negated: not z(0.0005) to 1e-15.
    within1e15(core.normalQuantile(0.0005), -3.290526731491895);
    within1e15(core.normalQuantile(0.9995), 3.290526731491926);
  });

  test("each branch: the centre, the near tail and the far tail (r > 5, p < 1.4e-11)", () => {
    within1e15(core.normalQuantile(0.4995), -0.0012533144654325555);
    within1e15(core.normalQuantile(0.075), -1.439531470938456);
    within1e15(core.normalQuantile(0.0125), -2.2414027276049455);
    within1e15(core.normalQuantile(0.9999999999), 6.361340889697422);
    within1e15(core.normalQuantile(1e-20), -9.262340089798407);
    within1e15(core.normalQuantile(1e-300), -37.0470962993612);
  });

  test("0 and 1 are the infinities; outside [0, 1] is NaN", () => {
    expect(core.normalQuantile(0)).toBe(-Infinity);
    expect(core.normalQuantile(1)).toBe(Infinity);
    expect(core.normalQuantile(-0.1)).toBeNaN();
    expect(core.normalQuantile(NaN)).toBeNaN();
  });

  test("increasing, and odd where 1 - p is exact", () => {
    const z = Array.from({ length: 1000 }, (_, i) => core.normalQuantile((i + 0.5) / 1000));
    for (let i = 1; i < z.length; i++) expect(z[i]!).toBeGreaterThan(z[i - 1]!);
    for (const p of [0.25, 0.125, 0.0625, 0.375]) expect(core.normalQuantile(1 - p)).toBe(-core.normalQuantile(p));
  });
});

describe("scenarioSet: DOMAIN.md's table", () => {
  test("s = g = 0: one scenario, the projection", () => {
    expect(core.scenarioSet({ volatility: 0 })).toEqual({
      volatility: 0,
      growthVolatility: 0,
      levels: [1],
      growths: [0],
      count: 1,
    });
  });

  test("level only: exactly RECOMMEND_COMMIT's 1,000 factors", () => {
    const set = core.scenarioSet({ volatility: 0.3, growthVolatility: 0 });
    expect(set.count).toBe(1000);
    expect(set.levels).toEqual(core.scenarioFactors(0.3));
    expect(set.growths).toEqual([0]);
    // z_1 = z(0.0005): the smallest factor exp(0.3 x -3.2905267314918948 - 0.045).
    expect(set.levels[0]).toBeCloseTo(Math.exp(0.3 * -3.290526731491895 - 0.045), 15);
  });

  test("growth only: 1,000 growth quantiles at (j - 0.5) / 1000, level 1", () => {
    const set = core.scenarioSet({ volatility: 0, growthVolatility: 0.25 });
    expect([set.count, set.levels, set.growths.length]).toEqual([1000, [1], 1000]);
    within1e15(set.growths[999]!, 3.290526731491926);
  });

  test("both: 100 x 100 pairs of the quantiles (i - 0.5) / 100", () => {
    const set = core.scenarioSet({ volatility: 0.2, growthVolatility: 0.1 });
    expect([set.count, set.levels.length, set.growths.length]).toEqual([10_000, 100, 100]);
    expect(set.levels).toEqual(core.scenarioFactors(0.2, 100));
    // mpmath, at the double nearest 0.005: z = -2.57582930354890075.
    within1e15(set.growths[0]!, -2.575829303548901);
  });

  test("scenario usage: u_t x exp(s a - s^2/2) x exp(y_t b - y_t^2/2), y_t = g (t - 1) / 12", () => {
    const set = core.scenarioSet({ volatility: 0.2, growthVolatility: 0.3 });
    // Scenario 100 x 7 + 3 = 703: level a_4 = z(0.035), growth b_8 = z(0.075) = -1.4395314709384559.
    const u = core.scenarioUsage(flat(25, 1_000), set, 703);
    const level = Math.exp(0.2 * core.normalQuantile(0.035) - 0.02);
    expect(u[0]).toBeCloseTo(1_000 * level, 10); // month 1: y = 0, no growth factor
    // Month 13: y = 0.3, exp(0.3 x -1.4395314709384559 - 0.045) = exp(-0.47685944128153677).
    expect(u[12]).toBeCloseTo(1_000 * level * Math.exp(-0.4768594412815368), 10);
    // Month 25: y = 0.6, exp(0.6 x -1.4395314709384559 - 0.18) = exp(-1.0437188825630735).
    expect(u[24]).toBeCloseTo(1_000 * level * Math.exp(-1.0437188825630734), 10);
  });

  test("every month keeps its expected value, up to the quadrature's error", () => {
    // exp(y b - y^2 / 2) has mean 1 over a standard normal b; over the midpoint quantiles it falls a little
    // short, more so the wider the spread: the tails beyond z(0.005) are left out. At month 36 with g = 0.3,
    // y = 0.875 and the 100 growth factors' mean is 0.990982; times the 100 level factors' 0.999374: 0.990361
    // (mpmath).
    const set = core.scenarioSet({ volatility: 0.3, growthVolatility: 0.3 });
    const month1 = core.mapScenarios(flat(36, 1), set, (u) => u[0]!);
    const month36 = core.mapScenarios(flat(36, 1), set, (u) => u[35]!);
    expect(core.meanOf(month1)).toBeCloseTo(core.meanOf(set.levels), 12);
    expect(core.meanOf(month36)).toBeCloseTo(0.99036, 5);
  });
});

describe("ledgerOverScenarios: the lean path", () => {
  const terms = [
    deal({ commit: 1_000_000 }),
    deal({ commit: 1_100_000, carryover: 0.5, uplift: 0.08, excludedShare: 0.05 }),
    deal({ commit: 900_000, stepUp: 0.1, ratchet: true, overageRate: "committed", carryoverCap: 0.25, carryover: 1 }),
    deal({ commit: 1_000_000, periodMonths: 5 }),
    deal({ commit: 1_000_000, termMonths: 30 }),
    deal({ commit: 1_000_000, termMonths: 40, carryover: 0.5 }),
  ];

  test("one scenario: the plain ledger, to the bit", () => {
    const set = core.scenarioSet({ volatility: 0, growthVolatility: 0 });
    for (const d of terms) {
      const run = core.runLedger(rising, d);
      const lean = core.ledgerOverScenarios(rising, d, set);
      expect(firstScenario(lean)).toEqual(ledgerFields(run));
    }
  });

  test.each([
    [0.2, 0],
    [0, 0.3],
    [0.2, 0.3],
  ])("s = %p, g = %p: each scenario is the ledger over that scenario's usage", (s, g) => {
    const set = core.scenarioSet({ volatility: s, growthVolatility: g });
    const buffer = new Float64Array(rising.length);
    for (const d of terms) {
      const lean = core.ledgerOverScenarios(rising, d, set);
      for (let n = 0; n < set.count; n += 37) {
        const run = core.runLedger(core.scenarioUsage(rising, set, n, buffer), d);
        expect(lean.totalCost[n]).toBeCloseTo(run.totalCost, 6);
        expect(lean.forfeited[n]).toBeCloseTo(run.forfeited, 6);
        expect(lean.billedOverage[n]).toBeCloseTo(run.billedOverage, 6);
      }
    }
  });

  test("a gathered usage gives the same totals", () => {
    const set = core.scenarioSet({ volatility: 0.2, growthVolatility: 0.3 });
    const d = terms[1]!;
    const gathered = core.ledgerOverScenarios(core.gather(rising), d, set).totalCost;
    const plain = core.ledgerOverScenarios(rising, d, set).totalCost;
    expect(gathered.every((c, n) => c === plain[n])).toBe(true);
  });
});

describe("COMMIT_RISK and FORFEIT_CHANCE figures", () => {
  const set = core.scenarioSet({ volatility: 0.2, growthVolatility: 0.2 });
  const d = deal({ commit: 1_300_000 });

  test("the statistics of the lean totals, in COMMIT_RISK's order", () => {
    const totals = core.ledgerOverScenarios(rising, d, set);
    const cost = core.summarize(totals.totalCost);
    const forfeited = core.summarize(totals.forfeited);
    expect(core.commitRisk(rising, d, set)).toEqual({
      expectedCost: cost.mean,
      p10Cost: cost.p10,
      p50Cost: cost.p50,
      p90Cost: cost.p90,
      cvar95Cost: cost.cvar95,
      forfeitChance: forfeited.chance,
      expectedForfeited: forfeited.mean,
      p90Forfeited: forfeited.p90,
      expectedOverageBilled: core.meanOf(totals.billedOverage),
      overageChance: core.chanceAbove(totals.billedOverage),
    });
    expect(core.forfeitChance(rising, d, set)).toBe(forfeited.chance);
  });

  test("certain usage: every statistic is the ledger's figure", () => {
    const run = core.runLedger(rising, d);
    const risk = core.commitRisk(rising, d, core.scenarioSet({ volatility: 0 }));
    expect([risk.expectedCost, risk.p10Cost, risk.p90Cost, risk.cvar95Cost]).toEqual([
      run.totalCost,
      run.totalCost,
      run.totalCost,
      run.totalCost,
    ]);
    expect(risk.forfeitChance).toBe(run.forfeited > 0.01 ? 1 : 0);
  });

  test("DOMAIN.md: the chance of a forfeit rises with the commit (property)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 100_000, max: 4_000_000, noNaN: true }),
        fc.double({ min: 1, max: 1.5, noNaN: true }),
        fc.constantFrom(0, 0.5),
        (commit, times, carryover) => {
          const lower = core.forfeitChance(rising, deal({ commit, carryover }), set);
          const higher = core.forfeitChance(rising, deal({ commit: commit * times, carryover }), set);
          expect(higher).toBeGreaterThanOrEqual(lower);
        },
      ),
      { numRuns: 25 },
    );
  });
});
