/**
 * The seed articles' claims as properties (issue 27 item 5; DOMAIN.md "Usage under uncertainty"), over
 * random usage and terms, read off the scenario engine exactly as the functions read them:
 *
 * 1. the expected value of overage at the committed rate does not fall as growth_volatility rises;
 * 2. the expected value of carryover does not fall as volatility rises, under the condition below (it
 *    is false in general);
 * 3. FORFEIT_CHANCE does not fall as the commit rises;
 * 4. with both volatilities 0 every function of the engine is its deterministic counterpart, to the bit.
 *
 * Two allowances, each derived below, separate the engine's fixed scenario set from the exact
 * expectation the claims are about: a fixed set of 1,000 quantiles undercounts a lognormal's upper
 * tail (claim 1), and a mean over 1,000 points is a quadrature with an error of its own (claim 2).
 *
 * The cases come from one fixed seed (test/helpers/fastCheckSeed.ts).
 */
import { firstScenario, ledgerFields } from "../helpers/deals";
import { fullDeal } from "../helpers/deals";
import fc from "fast-check";
import * as core from "../../src/core";
import type { Band, Deal, FullDeal, OverageRate, SizingTerms } from "../../src/core";
import { twoYears } from "../helpers/series";

// ---------------------------------------------------------------------------------------------
// Generators. fc.double piles its cases on the edges (0, subnormals, the bounds); these are even
// steps instead, so the cases look like deals.

/** lo..hi in 100,000 even steps. */
const between = (lo: number, hi: number) =>
  fc.integer({ min: 0, max: 100_000 }).map((i) => lo + ((hi - lo) * i) / 100_000);

/**
 * Monthly list dollars, minMonths..maxMonths of them: a level of 1e3..1e7 a month, a trend of -3% to
 * +8% a month, and up to 20% noise each month, kept within 1e3..1e7.
 */
const usageOf = (minMonths: number, maxMonths: number) =>
  fc
    .record({
      months: fc.integer({ min: minMonths, max: maxMonths }),
      level: between(3, 7),
      trend: between(-0.03, 0.08),
      noise: fc.array(between(-0.2, 0.2), { minLength: maxMonths, maxLength: maxMonths }),
    })
    .map(({ months, level, trend, noise }) =>
      noise.slice(0, months).map((e, t) => Math.min(1e7, Math.max(1e3, 10 ** level * (1 + trend) ** t * Math.exp(e)))),
    );

const period = fc.constantFrom(6, 12);
const overageRate = fc.constantFrom<OverageRate>(1, "committed", 1.2);
/** A volatility: certain a quarter of the time. */
const volatility = fc.oneof({ arbitrary: fc.constant(0), weight: 1 }, { arbitrary: between(0.01, 0.5), weight: 3 });

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
/** The draw of an average period at the projection: a commit "around the usage" is a ratio of it. */
const periodDraw = (usage: readonly number[], periodMonths: number, discount: number) =>
  (sum(usage) / usage.length) * periodMonths * (1 - discount);

const full = fullDeal;

/** A lever's expected value under uncertainty, and the draft's expected cost (LEVER_VALUES' figures). */
function expectedLever(usage: readonly number[], draft: FullDeal, ask: Partial<Deal>, uncertainty: core.Uncertainty) {
  const summaries = core.changeSummaries(usage, draft, [ask], false, uncertainty);
  return { value: summaries.alone[0]!.expected, draftCost: summaries.draftCost };
}

/** Float noise: a lever is a difference of two costs, so its rounding is relative to the cost, not the lever. */
const floatNoise = (value: number, cost: number) => 1e-6 * Math.abs(value) + 1e-9 * Math.abs(cost);

// ---------------------------------------------------------------------------------------------

describe("claim 1: overage at the committed rate is worth more the more uncertain the growth", () => {
  /**
   * The shortfall of the growth set's expected usage in a month drifting by y: 1 less the mean of
   * exp(y b_j - y^2 / 2) over the set's 1,000 quantiles b_j. The quantiles stop at +-3.29, so the set
   * undercounts the lognormal's upper tail: 6.6e-6 at y = 0.1, 2.4e-4 at 0.5, 2.2e-3 at 1, 1.1e-2 at
   * 1.5. It grows with y.
   */
  const shortfall = (growths: readonly number[], y: number) => {
    let mean = 0;
    for (const b of growths) mean += Math.exp(y * b - (y * y) / 2);
    return Math.max(0, 1 - mean / growths.length);
  };

  test("the expected value at g2 is at least that at g1 < g2 (volatility 0), less the set's shortfall", () => {
    // The lever (draft overage_rate 1, ask "committed") saves d / (1 - d) of every committed-rate
    // dollar of overage in each scenario. Without carryover each period's overage is
    // max(0, D_k - C_k), convex in the period's draw D_k, and D_k is a comonotonic sum of lognormals
    // (every month driven by the one growth quantile b), each rising in convex order with g;
    // comonotonic sums keep convex order, so the exact expectation does not fall as g rises. With
    // carryover no such proof is at hand (overage = draws - commitment + forfeited, so the claim there
    // is that the expected forfeit does not fall as g rises), but no case breaks it: neither these nor
    // some 18,000 more with carryover on other seeds.
    //
    // The engine's set is not the exact expectation, though: where overage is certain, the lever's
    // expected value is d x (the set's mean usage) less a constant, and the set's mean usage falls
    // short of the projection by the shortfall above, more at g2 than at g1. So the property allows
    // float noise (1e-6 of the value, 1e-9 of the cost) plus d x total usage x the shortfall at the
    // last month's drift under g2, y = g2 (n - 1) / 12. With float noise alone it fails on this seed:
    // 6 months of $1,000, period 6, commit 30% of the draw, d = 0.000055, no carryover, g from 0.48312
    // to 0.78493 (shrunk): all overage, so the value falls with the set's mean usage, 7e-5 of it.
    // The drops found on other seeds stay below half of the allowance.
    fc.assert(
      fc.property(
        usageOf(6, 36),
        period,
        between(0.3, 2),
        between(0, 0.5),
        fc.oneof(fc.constant(0), between(0, 1)),
        between(0, 0.5),
        between(0.001, 0.5),
        (usage, periodMonths, ratio, discount, carryover, g1, dg) => {
          const g2 = g1 + dg;
          const draft = full({
            commit: ratio * periodDraw(usage, periodMonths, discount),
            discount,
            carryover,
            periodMonths,
          });
          const ask: Partial<Deal> = { overageRate: "committed" };
          const at1 = expectedLever(usage, draft, ask, { volatility: 0, growthVolatility: g1 });
          const at2 = expectedLever(usage, draft, ask, { volatility: 0, growthVolatility: g2 });
          const y = (g2 * (usage.length - 1)) / 12;
          const allowance =
            discount * sum(usage) * shortfall(core.scenarioSet({ volatility: 0, growthVolatility: g2 }).growths, y);
          expect(at2.value).toBeGreaterThanOrEqual(at1.value - floatNoise(at1.value, at1.draftCost) - allowance);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("claim 2: carryover is worth more the more uncertain the usage, where the commit is far enough from every draw", () => {
  /*
   * The claim is false in general. Carryover's value in the scenario scaled by f (the level factor),
   * V(f) = cost without carryover - cost with it, is >= 0, piecewise linear, and 0 outside
   * [C / max_{k>1} D_k, C / min_{k<K} D_k] (D_k: period k's projected draw per full period, C: the
   * commit per period, K periods): above the right end no period but the last leaves any commitment
   * unused, so nothing carries; below the left end no period after the first overruns its commit, so
   * nothing carried is used. As s grows the lognormal f piles ever more of its mass outside any such
   * range, so for every deal where carryover is ever worth anything, its expected value rises from
   * its certain value at most for a while and then falls towards 0. Worked example 2 falls at once
   * (C = 1,000,000: 145,000 certain, 57,807 at s = 0.2); at C = 700,000 it is 0, 4,372, 16,115,
   * 19,715 for s = 0 to 0.3, then falls at 0.4.
   *
   * The exact condition. The level factor is f_s = exp(s Z - s^2 / 2), so with x^2 p_s(x) (p_s its
   * density) the Fokker-Planck equation gives d/ds E[V(f_s)] = s * integral V(x) (x^2 p_s(x))'' dx =
   * s * sum over V's kinks x_j of (V's change of slope at x_j) x_j^2 p_s(x_j): the expected value
   * does not fall at s exactly where that sum is >= 0. x^2 p_s(x) is proportional to
   * sqrt(x) exp(-ln(x)^2 / (2 s^2)), which is convex exactly where |ln x| >= r(s) = (s / 2) sqrt(s^2 + 4)
   * (about s). So where V is 0 on |ln f| < r(s) the sum is >= 0, and r rises with s. That gives the
   * condition tested here, sufficient (not necessary):
   *
   *   the expected value of carryover does not fall as volatility rises from s1 to s2 when the commit
   *   is at least a factor e^r(s2) away from every period's projected draw on the same side: either
   *   C <= e^-r(s2) x D_k for every period k but the last (a commit sized conservatively: carryover
   *   then pays only in scenarios at least that far below the projection), or C >= e^r(s2) x D_k for
   *   every period k but the first.
   *
   * Put the other way: up to s_max = sqrt(2 (sqrt(1 + L^2) - 1)) (about L), L = the smallest
   * |ln(D_k / C)| over those periods. Either way carryover is worth nothing on the projection itself.
   * At C = 700,000 in worked example 2, L = ln(768,000 / 700,000): s_max = 0.0926, though the value
   * there rises until about s = 0.31, where the kink sum turns negative: the kink sum is the whole
   * truth, the condition is the part of it that fits a sentence.
   *
   * The engine's mean over its 1,000 level factors is a quadrature of E[V(f_s)]: at the quantiles
   * (i - 0.5) / 1000 (star discrepancy 1 / 2000), Koksma's inequality bounds its error by V's total
   * variation / 2000. So the property allows float noise plus the total variation / 1000 (both
   * volatilities' errors). With float noise alone it fails on this seed where V's range is narrow:
   * 8 months, period 6, months 1-7 $1,000 and month 8 $1,000.16 (draws 6,000 and 6,000.49 a full
   * period), commit 0.8 e^-r(s2) x 6,000, d = 0, carryover 0.033, cap 0.00001, s from 0.36421 to
   * 0.36524 (shrunk): the set's points slide across a range narrower than their spacing. The drops
   * found on other seeds stay below half of the allowance; about half the cases here have a value
   * above 0.
   */

  /** r(s): x^2 p_s(x) is convex exactly on |ln x| >= r(s). */
  const convexFrom = (s: number) => (s / 2) * Math.sqrt(s * s + 4);

  /** V's total variation over its range, on a log grid of 2,000 steps (V is piecewise linear with a few kinks). */
  function totalVariation(periods: core.Periods, withCarryover: Deal, lo: number, hi: number): number {
    const without: Deal = { ...withCarryover, carryover: 0 };
    const steps = 2000;
    let variation = 0;
    let previous = 0;
    for (let i = 0; i <= steps + 1; i++) {
      const f = i > steps ? hi * 1.01 : 0.99 * lo * ((1.01 * hi) / (0.99 * lo)) ** (i / steps);
      const v =
        core.ledgerOverPeriods(periods, without, undefined, f).totalCost -
        core.ledgerOverPeriods(periods, withCarryover, undefined, f).totalCost;
      if (i > 0) variation += Math.abs(v - previous);
      previous = v;
    }
    return variation;
  }

  test("worked example 2: it is false in general, and the condition is sufficient, not necessary", () => {
    const value = (commit: number, s: number) =>
      expectedLever(twoYears, full({ commit }), { carryover: 0.5 }, { volatility: s }).value;
    // C = 1,000,000: year 1 leaves 232,000 unused, year 2 overruns by 152,000; certain, it is worth 145,000.
    expect(value(1_000_000, 0)).toBeCloseTo(145_000, 6);
    expect(value(1_000_000, 0.2)).toBeLessThan(60_000);
    // C = 700,000: the condition holds up to s_max = 0.0926 (r(s_max) = ln(768,000 / 700,000)) ...
    const sMax = Math.sqrt(2 * (Math.sqrt(1 + Math.log(768 / 700) ** 2) - 1));
    expect(sMax).toBeCloseTo(0.0926, 4);
    expect(convexFrom(sMax)).toBeCloseTo(Math.log(768 / 700), 12);
    // ... the value rises well past it, and falls at last.
    const values = [0, 0.1, 0.2, 0.3, 0.4].map((s) => value(700_000, s));
    expect(values[0]).toBe(0);
    for (let k = 1; k < 4; k++) expect(values[k]!).toBeGreaterThan(values[k - 1]!);
    expect(values[4]!).toBeLessThan(values[3]!);
    // Where it turns is the kink sum's sign. V here is a tent (in units of 1 / 0.8 billed per
    // committed dollar): 0 up to C / 1,152,000, rising at slope 1,152,000 to its peak
    // x_P = 1.5 C / (1,152,000 + 0.5 x 768,000), falling at slope 0.5 x 768,000 to 0 at C / 768,000.
    const C = 700_000;
    const kinks: [number, number][] = [
      [C / 1_152_000, 1_152_000],
      [(1.5 * C) / (1_152_000 + 0.5 * 768_000), -(1_152_000 + 0.5 * 768_000)],
      [C / 768_000, 0.5 * 768_000],
    ];
    const density = (x: number, s: number) =>
      Math.exp(-((Math.log(x) + (s * s) / 2) ** 2) / (2 * s * s)) / (s * x * Math.sqrt(2 * Math.PI));
    const kinkSum = (s: number) => kinks.reduce((total, [x, change]) => total + change * x * x * density(x, s), 0);
    expect(kinkSum(0.29)).toBeGreaterThan(0);
    expect(value(C, 0.3)).toBeGreaterThan(value(C, 0.29));
    expect(kinkSum(0.32)).toBeLessThan(0);
    expect(value(C, 0.33)).toBeLessThan(value(C, 0.32));
  });

  test("the expected value at s2 is at least that at s1 < s2 where the commit is e^r(s2) from every draw", () => {
    fc.assert(
      fc.property(
        period.chain((p) => fc.tuple(fc.constant(p), usageOf(p + 1, 36))),
        fc.constantFrom("below", "above"),
        between(0.8, 1),
        between(0, 0.5),
        between(0.001, 1),
        overageRate,
        fc.oneof(fc.constant(undefined), between(0, 1)),
        between(0, 0.4),
        between(0.001, 0.4),
        ([periodMonths, usage], side, margin, discount, carryover, rate, cap, s1, ds) => {
          const s2 = s1 + ds;
          const periods = core.periodize(usage, { periodMonths });
          const count = periods.list.length;
          // Each period's projected draw per full period (only the last may be short).
          const draws = periods.list.map((list, k) => ((1 - discount) * list * periodMonths) / periods.months[k]!);
          const r = convexFrom(s2);
          const commit =
            side === "below"
              ? margin * Math.exp(-r) * Math.min(...draws.slice(0, count - 1))
              : (Math.exp(r) / margin) * Math.max(...draws.slice(1));
          const deal = { commit, discount, overageRate: rate, carryover, carryoverCap: cap, periodMonths };
          const draft = full({ ...deal, carryover: 0 });
          const at1 = expectedLever(usage, draft, { carryover }, { volatility: s1 });
          const at2 = expectedLever(usage, draft, { carryover }, { volatility: s2 });
          const variation = totalVariation(periods, deal, commit / Math.max(...draws), commit / Math.min(...draws));
          expect(at2.value).toBeGreaterThanOrEqual(
            at1.value - floatNoise(at1.value, at1.draftCost) - variation / core.SCENARIO_COUNT,
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("claim 3: the chance of a forfeit rises with the commit", () => {
  test("FORFEIT_CHANCE at c2 is at least that at c1 < c2 (same usage, terms and volatilities)", () => {
    // Exact in every scenario: a higher commit leaves at least as much unused in every period (the
    // carry-in only grows with it), and forfeits max((1 - k) U, U - cap x C_k) of it (all of it in the
    // last period), which does not fall either for a cap <= 1. So the count of scenarios forfeiting
    // over $0.01 cannot fall: no allowance.
    fc.assert(
      fc.property(
        usageOf(6, 36),
        period,
        between(0.3, 2),
        between(0.0001, 1),
        between(0, 0.5),
        overageRate,
        between(0, 1),
        fc.oneof(fc.constant(undefined), between(0, 1)),
        volatility,
        volatility,
        (usage, periodMonths, ratio, rise, discount, rate, carryover, cap, s, g) => {
          const c1 = ratio * periodDraw(usage, periodMonths, discount);
          const c2 = c1 * (1 + rise);
          const set = core.scenarioSet({ volatility: s, growthVolatility: g });
          const deal = (commit: number): Deal => ({
            commit,
            discount,
            overageRate: rate,
            carryover,
            carryoverCap: cap,
            periodMonths,
          });
          const chance1 = core.forfeitChance(usage, deal(c1), set);
          expect(core.forfeitChance(usage, deal(c2), set)).toBeGreaterThanOrEqual(chance1);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("claim 4: with both volatilities 0 every function is its deterministic counterpart, to the bit", () => {
  const CERTAIN = core.scenarioSet({ volatility: 0, growthVolatility: 0 });

  /** Any draft a terms table may give, its commit a ratio of the usage's average period draw. */
  const anyDraft = fc.record({
    ratio: between(0.3, 2),
    discount: between(0, 0.5),
    overageRate,
    carryover: between(0, 1),
    periodMonths: period,
    stepUp: fc.oneof(fc.constant(0), between(0, 0.1)),
    ratchet: fc.boolean(),
    uplift: fc.oneof(fc.constant(0), between(0, 0.1)),
    excludedShare: fc.oneof(fc.constant(0), between(0, 0.2)),
    carryoverCap: fc.oneof(fc.constant(undefined), between(0, 1)),
    renewalCap: fc.oneof(fc.constant(undefined), between(0, 0.1)),
    renewalMonths: fc.constantFrom(12, 24),
    termShift: fc.oneof(fc.constant(undefined), fc.integer({ min: -6, max: 6 })),
  });
  type DraftCase = typeof anyDraft extends fc.Arbitrary<infer T> ? T : never;
  const draftFor = (usage: readonly number[], d: DraftCase): FullDeal => {
    const { ratio, termShift, ...terms } = d;
    return full({
      ...terms,
      commit: ratio * periodDraw(usage, terms.periodMonths, terms.discount),
      termMonths: termShift === undefined ? undefined : Math.max(1, usage.length + termShift),
    });
  };
  /** The asks a terms table may hold (src/catalogue/termsPane.ts's sample among them). */
  const ASKS: Partial<Deal>[] = [
    { overageRate: "committed" },
    { carryover: 0.5 },
    { uplift: 0 },
    { stepUp: 0 },
    { ratchet: false },
    { excludedShare: 0 },
    { renewalCap: 0.05 },
    { carryoverCap: undefined },
    { termMonths: 12 },
    { commit: 500_000, discount: 0.25 },
  ];

  test("ledgerOverScenarios, COMMIT_RISK and FORFEIT_CHANCE: the ledger's run", () => {
    fc.assert(
      fc.property(usageOf(6, 36), anyDraft, (usage, d) => {
        const deal = draftFor(usage, d);
        const run = core.runLedger(usage, deal);
        const totals = core.ledgerOverScenarios(usage, deal, CERTAIN);
        expect(firstScenario(totals)).toEqual(ledgerFields(run));
        const forfeits = run.forfeited > 0.01 ? 1 : 0;
        expect(core.commitRisk(usage, deal, CERTAIN)).toEqual({
          expectedCost: run.totalCost,
          p10Cost: run.totalCost,
          p50Cost: run.totalCost,
          p90Cost: run.totalCost,
          cvar95Cost: run.totalCost,
          forfeitChance: forfeits,
          expectedForfeited: run.forfeited,
          p90Forfeited: run.forfeited,
          expectedOverageBilled: run.billedOverage,
          overageChance: run.billedOverage > 0.01 ? 1 : 0,
        });
        expect(core.forfeitChance(usage, deal, CERTAIN)).toBe(forfeits);
      }),
      { numRuns: 200 },
    );
  });

  test("LEVER_VALUES' summaries: changeValues", () => {
    fc.assert(
      fc.property(usageOf(6, 36), anyDraft, fc.subarray(ASKS), fc.boolean(), (usage, d, asks, withRenewal) => {
        const draft = draftFor(usage, d);
        const plain = core.changeValues(usage, draft, asks, withRenewal);
        const summary = (v: number) => ({ expected: v, p10: v, p90: v, chance: v > 0.01 ? 1 : 0 });
        expect(core.changeSummaries(usage, draft, asks, withRenewal, { volatility: 0, growthVolatility: 0 })).toEqual({
          alone: plain.alone.map(summary),
          all: summary(plain.all),
          yardstick: plain.yardstick === undefined ? undefined : summary(plain.yardstick),
          draftCost: plain.draftCost,
          scenarios: 1,
        });
      }),
      { numRuns: 200 },
    );
  });

  test("RECOMMEND_COMMIT and COMMIT_CURVE: growth_volatility 0 is the call without it; certain, the ledger", () => {
    // Bands: up to 3 thresholds, as ratios of the average period draw, their discounts rising.
    const bandsOf = fc.array(fc.tuple(between(0.1, 2), between(0, 0.5)), { maxLength: 3 }).map((pairs) => {
      const thresholds = pairs.map((p) => p[0]).sort((a, b) => a - b);
      const discounts = pairs.map((p) => p[1]).sort((a, b) => a - b);
      return thresholds.map((t, i) => [t, discounts[i]!] as const);
    });
    fc.assert(
      fc.property(
        usageOf(6, 36),
        bandsOf,
        overageRate,
        between(0, 1),
        period,
        volatility,
        between(0, 2),
        (usage, bandRatios, rate, carryover, periodMonths, s, ratio) => {
          const draw = periodDraw(usage, periodMonths, 0);
          const bands: Band[] = bandRatios.map(([t, discount]) => ({ threshold: t * draw, discount }));
          const terms: SizingTerms = { overageRate: rate, carryover, periodMonths, volatility: s };
          const zero: SizingTerms = { ...terms, growthVolatility: 0 };
          expect(core.recommendCommit(usage, bands, zero)).toEqual(core.recommendCommit(usage, bands, terms));
          const commit = ratio * draw;
          expect(core.expectedAtCommit(usage, commit, bands, zero)).toEqual(
            core.expectedAtCommit(usage, commit, bands, terms),
          );
          // Certain: the expected totals at a commit are the ledger's at the band's discount.
          const certain: SizingTerms = { ...terms, volatility: 0, growthVolatility: 0 };
          const discount = core.bandDiscount(commit, bands);
          const run = core.runLedger(usage, { commit, discount, overageRate: rate, carryover, periodMonths });
          expect(core.expectedAtCommit(usage, commit, bands, certain)).toEqual({
            commit,
            discount,
            cost: run.totalCost,
            waste: run.forfeited,
            overageBilled: run.billedOverage,
          });
        },
      ),
      { numRuns: 100 },
    );
  });
});
