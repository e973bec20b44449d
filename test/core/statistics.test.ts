/**
 * Statistics over scenarios (src/core/statistics.ts; DOMAIN.md "Usage under uncertainty"), on small
 * sets handed to them directly and worked by hand.
 */
import * as core from "../../src/core";

// Ten scenarios' amounts, in no order.
const ten = [3, -1, 4, 1, 5, 9, 2, 6, 0, 0.005];
// Sorted: -1, 0, 0.005, 1, 2, 3, 4, 5, 6, 9 (ranks 1..10).

describe("summarize: worked example, N = 10", () => {
  test("mean: the plain average", () => {
    // 3 - 1 + 4 + 1 + 5 + 9 + 2 + 6 + 0 + 0.005 = 29.005; / 10 = 2.9005.
    expect(core.meanOf(ten)).toBeCloseTo(2.9005, 12);
  });

  test("quantiles: the value of rank ceil(q N), no interpolation", () => {
    const sorted = core.sortAscending(ten);
    expect(Array.from(sorted)).toEqual([-1, 0, 0.005, 1, 2, 3, 4, 5, 6, 9]);
    expect(core.quantileOf(sorted, 0.1)).toBe(-1); // rank ceil(1) = 1
    expect(core.quantileOf(sorted, 0.5)).toBe(2); // rank ceil(5) = 5
    expect(core.quantileOf(sorted, 0.9)).toBe(6); // rank ceil(9) = 9
    expect(core.quantileOf(sorted, 0.15)).toBe(0); // rank ceil(1.5) = 2
    expect(core.quantileOf(sorted, 1)).toBe(9); // rank 10
    expect(core.quantileOf(sorted, 0)).toBe(-1); // rank 0 is read as rank 1
  });

  test("a decimal share times N is read as the decimal product", () => {
    // 0.07 x 100 is 7.000000000000001 in binary: ceil would give rank 8; the rule means rank 7.
    const hundred = core.sortAscending(Array.from({ length: 100 }, (_, n) => n + 1));
    expect(0.07 * 100).toBeGreaterThan(7);
    expect(core.quantileOf(hundred, 0.07)).toBe(7);
    expect(core.quantileOf(hundred, 0.075)).toBe(8); // ceil(7.5) = 8
  });

  test("CVaR 95%: the mean of the ceil(0.05 N) largest", () => {
    // ceil(0.5) = 1: the largest alone, 9.
    expect(core.tailMean(core.sortAscending(ten))).toBe(9);
  });

  test("chance: the share above $0.01", () => {
    // Above 0.01: 3, 4, 1, 5, 9, 2, 6 (7 of 10); 0.005, 0 and -1 are not.
    expect(core.chanceAbove(ten)).toBe(0.7);
    expect(core.chanceAbove([0.01, 0.010001])).toBe(0.5); // exactly a cent is not above it
  });

  test("summarize gathers them", () => {
    expect(core.summarize(ten)).toEqual({ mean: core.meanOf(ten), p10: -1, p50: 2, p90: 6, cvar95: 9, chance: 0.7 });
  });
});

describe("summarize: N = 41 (CVaR over more than one)", () => {
  // The amounts 1, 2, ..., 41 in reverse order.
  const values = Array.from({ length: 41 }, (_, n) => 41 - n);
  test("ranks and tail", () => {
    // P10: ceil(4.1) = 5 -> 5; P50: ceil(20.5) = 21 -> 21; P90: ceil(36.9) = 37 -> 37.
    // CVaR: ceil(2.05) = 3 largest: (39 + 40 + 41) / 3 = 40. Mean: 41 x 42 / 2 / 41 = 21.
    expect(core.summarize(values)).toEqual({ mean: 21, p10: 5, p50: 21, p90: 37, cvar95: 40, chance: 1 });
  });
});

describe("one scenario", () => {
  test("every statistic is that one value", () => {
    expect(core.summarize([1234.5])).toEqual({
      mean: 1234.5,
      p10: 1234.5,
      p50: 1234.5,
      p90: 1234.5,
      cvar95: 1234.5,
      chance: 1,
    });
    expect(core.summarize([-3]).chance).toBe(0);
  });
});
