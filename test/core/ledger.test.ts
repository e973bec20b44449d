import { runLedger, type Deal } from "../../src/core";
import { LEDGER_HEADER, ledgerTable } from "../../src/sheet";
import { flat, twoYears } from "../helpers/series";

const deal = (d: Partial<Deal> & { commit: number }): Deal => ({
  discount: 0.2,
  overageRate: 1,
  carryover: 0,
  periodMonths: 12,
  ...d,
});

describe("runLedger: DOMAIN.md worked examples", () => {
  test("example 1: one period, commit above the draw", () => {
    const run = runLedger(flat(12, 100_000), deal({ commit: 1_000_000 }));
    expect(run.drawn).toBeCloseTo(960_000, 6);
    expect(run.forfeited).toBeCloseTo(40_000, 6);
    expect(run.totalCost).toBeCloseTo(1_000_000, 6);
    expect(run.list).toBe(1_200_000);
  });

  test("example 1: commit below the draw bills overage at list", () => {
    const run = runLedger(flat(12, 100_000), deal({ commit: 900_000 }));
    expect(run.overage).toBeCloseTo(60_000, 6);
    expect(run.billedOverage).toBeCloseTo(75_000, 6);
    expect(run.totalCost).toBeCloseTo(975_000, 6);
  });

  test("example 2: two years, no carryover", () => {
    const rows: Parameters<typeof runLedger>[2] = [];
    const run = runLedger(twoYears, deal({ commit: 1_000_000 }), rows);
    expect(rows.map((r) => r.drawn)).toEqual([expect.closeTo(768_000, 6), expect.closeTo(1_152_000, 6)]);
    expect(run.forfeited).toBeCloseTo(232_000, 6);
    expect(run.overage).toBeCloseTo(152_000, 6);
    expect(run.billedOverage).toBeCloseTo(190_000, 6);
    expect(run.totalCost).toBeCloseTo(2_190_000, 6);
  });

  test("example 2: carryover 0.5 carries half of year 1's unused into year 2", () => {
    const rows: Parameters<typeof runLedger>[2] = [];
    const run = runLedger(twoYears, deal({ commit: 1_000_000, carryover: 0.5 }), rows);
    expect(rows[0]!.carryOut).toBeCloseTo(116_000, 6);
    expect(rows[0]!.forfeited).toBeCloseTo(116_000, 6);
    expect(rows[1]!.carryIn).toBeCloseTo(116_000, 6);
    expect(rows[1]!.overage).toBeCloseTo(36_000, 6);
    expect(rows[1]!.billedOverage).toBeCloseTo(45_000, 6);
    expect(run.totalCost).toBeCloseTo(2_045_000, 6);
  });
});

describe("runLedger: periods and proration", () => {
  test("a short last period has its commit prorated", () => {
    // 18 months of 100,000: period 1 = 12 months (commit 1.2M, drawn 960k), period 2 = 6 months (600k, 480k).
    const rows: Parameters<typeof runLedger>[2] = [];
    const run = runLedger(flat(18, 100_000), deal({ commit: 1_200_000 }), rows);
    expect(rows.map((r) => [r.months, r.commit])).toEqual([
      [12, 1_200_000],
      [6, 600_000],
    ]);
    expect(run.forfeited).toBeCloseTo(360_000, 6);
    expect(run.totalCost).toBeCloseTo(1_800_000, 6);
  });

  test("usage shorter than a period is one prorated period", () => {
    const run = runLedger(flat(6, 100_000), deal({ commit: 1_200_000 }));
    expect(run.commitment).toBeCloseTo(600_000, 6);
    expect(run.forfeited).toBeCloseTo(120_000, 6);
  });

  test("in the last period everything unused is forfeited, even with full carryover", () => {
    // Carry 120k into a 6-month last period: available 720k, drawn 480k, 240k forfeited.
    const run = runLedger(flat(18, 100_000), deal({ commit: 1_200_000, carryover: 0.5 }));
    expect(run.forfeited).toBeCloseTo(120_000 + 240_000, 6);
  });

  test("a three-year carryover chain", () => {
    // Drawn 480k, 480k, 1.44M against 1M a year with half carrying: forfeits 260k, 390k; year 3 is 50k over.
    const usage = [...flat(24, 50_000), ...flat(12, 150_000)];
    const half = runLedger(usage, deal({ commit: 1_000_000, carryover: 0.5 }));
    expect(half.forfeited).toBeCloseTo(260_000 + 390_000, 6);
    expect(half.overage).toBeCloseTo(50_000, 6);
    expect(half.totalCost).toBeCloseTo(3_062_500, 6);
    // Full carryover: 520k then 1.04M carry; year 3 forfeits 600k and never goes over.
    const full = runLedger(usage, deal({ commit: 1_000_000, carryover: 1 }));
    expect(full.forfeited).toBeCloseTo(600_000, 6);
    expect(full.overage).toBe(0);
  });

  test("usage exactly equal to the commit: nothing forfeited, nothing over", () => {
    const run = runLedger(flat(12, 100_000), deal({ commit: 960_000 }));
    expect(run.forfeited).toBeCloseTo(0, 6);
    expect(run.overage).toBeCloseTo(0, 6);
    expect(run.totalCost).toBeCloseTo(960_000, 6);
  });

  test("zero commit: everything is overage", () => {
    const run = runLedger(flat(12, 100_000), deal({ commit: 0, overageRate: "committed" }));
    expect(run.overage).toBeCloseTo(960_000, 6);
    expect(run.totalCost).toBeCloseTo(960_000, 6);
  });
});

describe("ledgerTable", () => {
  test("header then one row per period (example 2, carryover 0.5)", () => {
    const table = ledgerTable(twoYears, deal({ commit: 1_000_000, carryover: 0.5 }));
    expect(table[0]).toEqual([...LEDGER_HEADER]);
    const expected = [
      [1, 12, 1_000_000, 0, 768_000, 232_000, 116_000, 116_000, 0, 0],
      [2, 12, 1_000_000, 116_000, 1_152_000, 0, 0, 0, 36_000, 45_000],
    ];
    expect(table.slice(1)).toEqual(expected.map((row) => row.map((v) => expect.closeTo(v, 6))));
  });
});
