/**
 * A lever under uncertainty (src/core/scenarioLevers.ts; DOMAIN.md "Usage under uncertainty"): in each
 * scenario, exactly LEVER_VALUES' value (`changeValues`) on that scenario's usage.
 */
import { fullDeal } from "../helpers/deals";
import * as core from "../../src/core";
import type { Deal } from "../../src/core";
import { flat, twoYears } from "../helpers/series";

const full = fullDeal;
/** The sample Deal's draft and asks (src/catalogue/termsPane.ts), and a shorter term, on a 36-month rising usage. */
const draft = full({
  commit: 3_000_000,
  discount: 0.15,
  uplift: 0.08,
  stepUp: 0.1,
  excludedShare: 0.05,
  carryoverCap: 0.25,
});
const asks: Partial<Deal>[] = [
  { overageRate: "committed" },
  { carryover: 0.5 },
  { uplift: 0 },
  { stepUp: 0 },
  { excludedShare: 0 },
  { renewalCap: 0.05 },
  { carryoverCap: undefined },
  { termMonths: 30 },
];
const usage = Array.from({ length: 36 }, (_, t) => 250_000 * 1.025 ** t);

describe("changeValuesOverScenarios", () => {
  test("one scenario: changeValues, to the bit", () => {
    const set = core.scenarioSet({ volatility: 0, growthVolatility: 0 });
    for (const withRenewal of [false, true]) {
      const plain = core.changeValues(usage, draft, asks, withRenewal);
      const lean = core.changeValuesOverScenarios(usage, draft, asks, withRenewal, set);
      expect({
        alone: lean.alone.map((v) => v[0]),
        all: lean.all[0],
        yardstick: lean.yardstick?.[0],
        draftCost: lean.draftCost[0],
      }).toEqual(plain);
    }
  });

  test.each([
    [0.2, 0],
    [0, 0.2],
    [0.2, 0.2],
  ])("s = %p, g = %p: each scenario's values are changeValues on its usage", (s, g) => {
    const set = core.scenarioSet({ volatility: s, growthVolatility: g });
    const lean = core.changeValuesOverScenarios(usage, draft, asks, true, set);
    const buffer = new Float64Array(usage.length);
    for (let n = 0; n < set.count; n += 53) {
      const plain = core.changeValues(Array.from(core.scenarioUsage(usage, set, n, buffer)), draft, asks, true);
      plain.alone.forEach((v, k) => expect(lean.alone[k]![n]).toBeCloseTo(v, 6));
      expect(lean.all[n]).toBeCloseTo(plain.all, 6);
      expect(lean.yardstick![n]).toBeCloseTo(plain.yardstick!, 6);
      expect(lean.draftCost[n]).toBeCloseTo(plain.draftCost, 6);
    }
  });

  test("no yardstick when one more point would reach 100% off", () => {
    const set = core.scenarioSet({ volatility: 0.2 });
    expect(
      core.changeValuesOverScenarios(usage, full({ discount: 0.995 }), asks, false, set).yardstick,
    ).toBeUndefined();
  });
});

describe("changeSummaries: worked example", () => {
  // 24 months of 100,000, commit 1,000,000 a year, d = 0.2, overage at list; the ask: overage at the
  // committed rate; volatility 0.2. In scenario i both years draw 960,000 f_i, each with overage
  // E_i = max(0, 960,000 f_i - 1,000,000), billed E_i / 0.8 at list and E_i at the committed rate:
  // the ask saves 2 x 0.25 E_i = 0.5 max(0, 960,000 f_i - 1,000,000).
  // It pays where f_i > 1 / 0.96: z_i > (ln(1 / 0.96) + 0.02) / 0.2 = 0.304110, Phi = 0.619478: the
  // scenarios (i - 0.5) / 1000 > 0.619478, i = 620..1000, 381 of them.
  // Sum of f_i over i = 620..1000: 459.002666694296 (mpmath).
  const summary = core.changeSummaries(flat(24, 100_000), full({}), [{ overageRate: "committed" }], false, {
    volatility: 0.2,
  });
  const value = summary.alone[0]!;

  test("expected value: 0.5 (960,000 x 459.002666694296 - 381 x 1,000,000) / 1000 = 29,821.280013", () => {
    expect(value.expected).toBeCloseTo(29_821.280013262, 6);
  });

  test("P10 is 0 (rank 100 pays nothing); P90 is rank 900", () => {
    // f_900 = exp(0.2 z(0.8995) - 0.02) = exp(0.2 x 1.278707720319905 - 0.02) = 1.265847102186626:
    // 0.5 (960,000 x 1.265847102186626 - 1,000,000) = 107,606.609049581.
    expect(value.p10).toBe(0);
    expect(value.p90).toBeCloseTo(107_606.609049581, 6);
  });

  test("chance it pays: 381 / 1000", () => {
    expect(value.chance).toBe(0.381);
    expect(summary.scenarios).toBe(1000);
  });

  test("certain usage: each summary is the plain value", () => {
    const plain = core.changeValues(usage, draft, asks, true);
    const certain = core.changeSummaries(usage, draft, asks, true, { volatility: 0, growthVolatility: 0 });
    certain.alone.forEach((s, k) => {
      const v = plain.alone[k]!;
      expect(s).toEqual({ expected: v, p10: v, p90: v, chance: v > 0.01 ? 1 : 0 });
    });
    expect(certain.draftCost).toBe(plain.draftCost);
  });
});

describe("DOMAIN.md: the seed articles' claims", () => {
  const base = full({ commit: 3_200_000, discount: 0.2 });

  test("the expected value of overage at the committed rate rises with growth_volatility", () => {
    const expected = [0, 0.1, 0.2, 0.4].map(
      (g) =>
        core.changeSummaries(usage, base, [{ overageRate: "committed" }], false, { volatility: 0, growthVolatility: g })
          .alone[0]!.expected,
    );
    for (let k = 1; k < expected.length; k++) expect(expected[k]!).toBeGreaterThan(expected[k - 1]!);
  });

  test("the expected value of carryover rises with volatility", () => {
    // DOMAIN.md worked example 2's usage (draws 768,000 then 1,152,000 at d = 0.2) with a commit of 700,000
    // a year: certain, year 1 is in overage and nothing carries, so carryover is worth 0; the lower the
    // level, the more of year 1's commitment goes unused while year 2 still overruns it.
    const draft = full({ commit: 700_000 });
    const expected = [0, 0.1, 0.2, 0.3].map(
      (s) => core.changeSummaries(twoYears, draft, [{ carryover: 0.5 }], false, { volatility: s }).alone[0]!.expected,
    );
    expect(expected[0]).toBe(0);
    for (let k = 1; k < expected.length; k++) expect(expected[k]!).toBeGreaterThan(expected[k - 1]!);
  });
});
