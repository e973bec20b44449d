import fc from "fast-check";
import * as core from "../../src/core";
import type { Deal } from "../../src/core";
import { flat, twoYears } from "../helpers/series";

const deal = (d: Partial<Deal> & { commit: number }): Deal => ({
  discount: 0.2,
  overageRate: 1,
  carryover: 0,
  periodMonths: 12,
  ...d,
});
const ex1 = flat(12, 100_000);

describe("figures: DOMAIN.md worked examples", () => {
  test("example 1: waste, utilization, ESR", () => {
    const d = deal({ commit: 1_000_000 });
    expect(core.commitWaste(ex1, d)).toBeCloseTo(40_000, 6);
    expect(core.utilization(ex1, d)).toBeCloseTo(0.96, 12);
    expect(core.effectiveSavingsRate(ex1, d)).toBeCloseTo(1 / 6, 12);
    expect(core.coverage(ex1, d)).toBe(1);
  });

  test("example 1: overage at the committed rate saves 15,000 at a 900,000 commit", () => {
    const d = deal({ commit: 900_000 });
    expect(core.totalCost(ex1, d)).toBeCloseTo(975_000, 6);
    expect(core.overageValue(ex1, d)).toBeCloseTo(15_000, 6);
    expect(core.coverage(ex1, d)).toBeCloseTo(1 - 60_000 / 960_000, 12);
  });

  test("example 2: overage value 38,000 and carryover value 145,000", () => {
    expect(core.overageValue(twoYears, deal({ commit: 1_000_000 }))).toBeCloseTo(38_000, 6);
    expect(core.carryoverValue(twoYears, deal({ commit: 1_000_000, carryover: 0.5 }))).toBeCloseTo(145_000, 6);
    expect(core.commitWaste(twoYears, deal({ commit: 1_000_000, carryover: 0.5 }))).toBeCloseTo(116_000, 6);
    expect(core.effectiveSavingsRate(twoYears, deal({ commit: 1_000_000 }))).toBeCloseTo(1 - 2_190_000 / 2_400_000, 12);
  });
});

describe("lever values by hand", () => {
  const twoFlat = flat(24, 100_000);

  test("price lock: year-2 list rises 10%, so year 2 draws 1,056,000 against 960,000", () => {
    // Unlocked year 2 overage: 96,000 committed-rate dollars = 120,000 at list.
    expect(core.priceLockValue(twoFlat, deal({ commit: 960_000 }), 0.1)).toBeCloseTo(120_000, 6);
    expect(core.priceLockValue(twoFlat, deal({ commit: 960_000, overageRate: "committed" }), 0.1)).toBeCloseTo(
      96_000,
      6,
    );
    // Prices that fall make the lock cost money: year 2 draws 864,000, forfeiting 96,000 either way.
    expect(core.priceLockValue(twoFlat, deal({ commit: 960_000 }), -0.1)).toBeCloseTo(0, 6);
  });

  test("true-forward: a 10% step on flat usage forfeits the step", () => {
    expect(core.trueForwardCost(twoFlat, deal({ commit: 960_000 }), 0.1)).toBeCloseTo(96_000, 6);
  });

  test("true-forward can be negative when usage grows into the step", () => {
    // Drawn 960k then 1,152k. Flat: 192k over, billed 240k. Stepped: commit 1,056k, 96k over billed 120k.
    const growing = [...flat(12, 100_000), ...flat(12, 120_000)];
    expect(core.trueForwardCost(growing, deal({ commit: 960_000 }), 0.1)).toBeCloseTo(-24_000, 6);
  });

  test("ratchet: year 2's commit rises to year 1's 960,000 draw", () => {
    // Flat 800k: 1,800,000. Ratchet: 800k + 200k overage + 960k = 1,960,000.
    const falling = [...flat(12, 100_000), ...flat(12, 50_000)];
    expect(core.ratchetCost(falling, deal({ commit: 800_000 }))).toBeCloseTo(160_000, 6);
  });

  test("exclusion: 10% of usage billed at list outside the commit", () => {
    expect(core.exclusionCost(ex1, deal({ commit: 960_000 }), 0.1)).toBeCloseTo(120_000, 6);
    expect(core.exclusionCost(ex1, deal({ commit: 960_000, overageRate: "committed" }), 0.1)).toBeCloseTo(96_000, 6);
  });

  test("renewal cap: 1.2M of renewal usage at (1 - 0.2) * 1.05 of list instead of list", () => {
    expect(core.renewalCapValue(ex1, 0.2, 0.05)).toBeCloseTo(192_000, 6);
    expect(core.renewalCapValue(ex1, 0.2, 0.3)).toBe(0);
  });

  test("horizon: 12-month term then renewal at a fraction of list", () => {
    expect(core.horizonCost(twoFlat, deal({ commit: 960_000 }), 12, 1)).toBeCloseTo(2_160_000, 6);
    expect(core.horizonCost(twoFlat, deal({ commit: 960_000 }), 12, 0.85)).toBeCloseTo(1_980_000, 6);
    expect(core.horizonCost(twoFlat, deal({ commit: 960_000 }), 24, 0.85)).toBeCloseTo(1_920_000, 6);
  });

  test("a lever value is the difference of two ledger runs", () => {
    const d = deal({ commit: 1_000_000, carryover: 0.5 });
    expect(core.overageValue(twoYears, d)).toBeCloseTo(
      core.totalCost(twoYears, d) - core.totalCost(twoYears, { ...d, overageRate: 0.8 }),
      6,
    );
  });
});

describe("ledger invariants (fast-check)", () => {
  const usage = fc.array(fc.double({ min: 0, max: 1e7, noNaN: true }), { minLength: 1, maxLength: 60 });
  const dealArb = fc.record({
    commit: fc.double({ min: 0, max: 1e8, noNaN: true }),
    discount: fc.double({ min: 0, max: 0.95, noNaN: true }),
    overageRate: fc.oneof(fc.double({ min: 0, max: 3, noNaN: true }), fc.constant("committed" as const)),
    carryover: fc.double({ min: 0, max: 1, noNaN: true }),
    periodMonths: fc.integer({ min: 1, max: 36 }),
  });
  const tol = (x: number) => 1e-9 * Math.max(1, Math.abs(x));

  test("0 <= waste <= total commitment, and utilization is in [0, 1]", () => {
    fc.assert(
      fc.property(usage, dealArb, (u, d) => {
        const run = core.runLedger(u, d);
        expect(run.forfeited).toBeGreaterThanOrEqual(-tol(run.commitment));
        expect(run.forfeited).toBeLessThanOrEqual(run.commitment + tol(run.commitment));
        const util = core.utilization(u, d);
        expect(util).toBeGreaterThanOrEqual(-1e-9);
        expect(util).toBeLessThanOrEqual(1 + 1e-9);
      }),
      { seed: 20261122, numRuns: 200 },
    );
  });

  test("total cost never falls as the overage rate rises", () => {
    fc.assert(
      fc.property(usage, dealArb, fc.double({ min: 0, max: 3, noNaN: true }), (u, d, step) => {
        const m = d.overageRate === "committed" ? 1 - d.discount : d.overageRate;
        const low = core.totalCost(u, { ...d, overageRate: m });
        const high = core.totalCost(u, { ...d, overageRate: m + step });
        expect(high).toBeGreaterThanOrEqual(low - tol(low));
      }),
      { seed: 20261122, numRuns: 200 },
    );
  });

  test("carryover never raises total cost", () => {
    fc.assert(
      fc.property(usage, dealArb, (u, d) => {
        const none = core.totalCost(u, { ...d, carryover: 0 });
        const some = core.totalCost(u, d);
        expect(some).toBeLessThanOrEqual(none + tol(none));
      }),
      { seed: 20261122, numRuns: 200 },
    );
  });

  test("every committed dollar is either drawn or forfeited; every draw is inside or overage", () => {
    fc.assert(
      fc.property(usage, dealArb, (u, d) => {
        const run = core.runLedger(u, d);
        // commitment + overage = drawn + forfeited (carry moves money between periods, never out of the ledger)
        expect(run.commitment + run.overage).toBeCloseTo(run.drawn + run.forfeited, 0);
      }),
      { seed: 20261122, numRuns: 200 },
    );
  });
});

describe('carryover cap (DOMAIN.md "Carryover cap"), by hand on worked example 2', () => {
  // 12 months of 80,000 then 12 of 120,000 at list; commit 1,000,000; discount 0.2; carryover 0.5.
  // Year 1 draws 0.8 x 960,000 = 768,000: 232,000 unused, half of it (116,000) would carry.
  // A cap of 0.1 x 1,000,000 = 100,000 carries 100,000 and forfeits 132,000. Year 2 draws
  // 0.8 x 1,440,000 = 1,152,000 against 1,100,000: 52,000 over, billed at list 65,000 (uncapped:
  // 36,000 over, billed 45,000). Capped total 2,065,000; uncapped 2,045,000.
  const u = twoYears;
  const d = deal({ commit: 1_000_000, carryover: 0.5 });

  test("the ledger carries min(k x unused, cap x commit) and forfeits the rest", () => {
    const rows: core.PeriodRow[] = [];
    const run = core.runLedger(u, { ...d, carryoverCap: 0.1 }, rows);
    expect(rows[0]).toMatchObject({ unused: expect.closeTo(232_000, 6), carryOut: expect.closeTo(100_000, 6) });
    expect(rows[0]!.forfeited).toBeCloseTo(132_000, 6);
    expect(rows[1]!.overage).toBeCloseTo(52_000, 6);
    expect(run.totalCost).toBeCloseTo(2_065_000, 6);
  });

  test("CARRYOVER_CAP_COST is capped minus uncapped: 20,000 at 0.1; 0 when the cap does not bind or is none", () => {
    expect(core.carryoverCapCost(u, d, 0.1)).toBeCloseTo(20_000, 6);
    // 0.2 x 1,000,000 = 200,000 is above the 116,000 that would carry.
    expect(core.carryoverCapCost(u, d, 0.2)).toBe(0);
    expect(core.carryoverCapCost(u, d, undefined)).toBe(0);
    // A cap of 0 carries nothing: the cost of no carryover at all, CARRYOVER_VALUE's 145,000.
    expect(core.carryoverCapCost(u, d, 0)).toBeCloseTo(145_000, 6);
  });

  test("a cap never lowers the cost", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1e7, noNaN: true }), { minLength: 1, maxLength: 60 }),
        fc.double({ min: 0, max: 3e7, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (us, commit, carryover, cap) => {
          const dl = deal({ commit, carryover });
          const uncapped = core.totalCost(us, dl);
          expect(core.carryoverCapCost(us, dl, cap)).toBeGreaterThanOrEqual(-1e-9 * Math.max(1, uncapped));
        },
      ),
      { seed: 20261202, numRuns: 200 },
    );
  });
});
