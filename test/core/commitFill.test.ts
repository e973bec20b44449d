/**
 * When a period's commitment fills (src/core/commitFill.ts, DOMAIN.md "Tracking a signed deal"):
 * the run-rate needed, the run-rate so far and the projected fill day, worked by hand. The deal:
 * 960,000 a 12-month period at 20% off (so 1,200,000 at list fills it, 100,000 a month), signed
 * 2026-11-14, so month 1 is December 2026 and month 12 November 2027.
 */
import * as core from "../../src/core";
import { flat } from "../helpers/series";

const DEAL = { commit: 960_000, discount: 0.2, overageRate: 1, carryover: 0, periodMonths: 12 } as const;
const START = core.termStart("2026-11-14");

/** The fill of the period holding the last actual month (the first with none), the rest of the term at 100,000. */
function fill(actuals: number[], deal: core.Deal = DEAL, months = 12): core.CommitFill {
  const b = core.burndown(actuals, flat(months - actuals.length, 100_000), deal);
  if (b instanceof core.LeverError) throw new Error(b.message);
  return core.commitFill(actuals, b.rows[b.current - 1]!, deal);
}

const day = (f: core.CommitFill) => ("at" in f.status ? core.fillDay(START, f.status.at) : f.status.kind);

test("the term starts on 2026-12-01", () => expect(START).toBe("2026-12-01"));

test("on track: four months of 120,000 fill it in month 10, on 2027-09-30", () => {
  // Drawn 0.8 x 480,000 = 384,000; 576,000 remains; needed 576,000 / 0.8 / 8 = 90,000 a month.
  // At 120,000 a month (96,000 drawn) it takes 576,000 / 96,000 = 6 months: 4 + 6 = 10, the end of
  // month 10 (September 2027, 30 days).
  const f = fill(flat(4, 120_000));
  expect([f.monthsLeft, f.neededPerMonth, f.runRate]).toEqual([8, expect.closeTo(90_000, 6), 120_000]);
  expect(f.status).toEqual({ kind: "on-track", at: expect.closeTo(10, 9) });
  expect(day(f)).toBe("2027-09-30");
});

test("on track to the last day: 100,000 a month fills it at the end of month 12, 2027-11-30", () => {
  // 320,000 drawn, 640,000 remains; at 80,000 drawn a month that is 8 months: 4 + 8 = 12.
  const f = fill(flat(4, 100_000));
  expect(f.status).toEqual({ kind: "on-track", at: expect.closeTo(12, 9) });
  expect(day(f)).toBe("2027-11-30");
});

test("on track part-way into a month: the run-rate is the mean of the last three months", () => {
  // Actuals 100,000 x 3 then 140,000: drawn 0.8 x 440,000 = 352,000; 608,000 remains; needed
  // 608,000 / 0.8 / 8 = 95,000. Run-rate (100,000 + 100,000 + 140,000) / 3 = 113,333.33, drawing
  // 90,666.67 a month: 608,000 / 90,666.67 = 114/17 = 6.706 months, so at = 4 + 114/17 = 10.706:
  // month 11 (October 2027, 31 days), 12/17 of the way in: day ceil(31 x 12/17 = 21.88) = 22.
  const f = fill([100_000, 100_000, 100_000, 140_000]);
  expect(f.neededPerMonth).toBeCloseTo(95_000, 6);
  expect(f.runRate).toBeCloseTo(340_000 / 3, 6);
  expect(f.status).toEqual({ kind: "on-track", at: expect.closeTo(4 + 114 / 17, 9) });
  expect(day(f)).toBe("2027-10-22");
});

test("behind: at 70,000 a month the period ends 304,000 short", () => {
  // Actuals 50,000, 60,000, 70,000, 80,000: drawn 0.8 x 260,000 = 208,000; 752,000 remains; needed
  // 752,000 / 0.8 / 8 = 117,500. Run-rate (60 + 70 + 80) / 3 = 70,000, drawing 56,000 x 8 = 448,000:
  // 752,000 - 448,000 = 304,000 short.
  const f = fill([50_000, 60_000, 70_000, 80_000]);
  expect([f.neededPerMonth, f.runRate]).toEqual([expect.closeTo(117_500, 6), expect.closeTo(70_000, 6)]);
  expect(f.status).toEqual({ kind: "short", short: expect.closeTo(304_000, 6) });
});

test("already filled: 300,000, 400,000, 600,000 filled it in month 3, on 2027-02-24", () => {
  // Drawn 240,000, then 560,000, then 1,040,000 >= 960,000: in month 3, (960,000 - 560,000) / 480,000
  // = 5/6 of the way in: at = 2 + 5/6. Month 3 is February 2027 (28 days): day ceil(28 x 5/6 = 23.33) = 24.
  const f = fill([300_000, 400_000, 600_000]);
  expect([f.monthsLeft, f.neededPerMonth]).toEqual([9, 0]);
  expect(f.status).toEqual({ kind: "filled", at: expect.closeTo(2 + 5 / 6, 9) });
  expect(day(f)).toBe("2027-02-24");
});

test("filled to the cent: 8 x 100,000.90 then 399,992.80 fill it at the end of month 9, 2027-08-31", () => {
  // List 8 x 100,000.90 = 800,007.20, then 399,992.80: 1,200,000.00 in all, x 0.8 = 960,000 exactly.
  // The last month is needed whole: at = 8 + 399,992.80 / 399,992.80 = 9, the end of August 2027 (31 days).
  // (Discounting month by month, 0.8 x 100,000.90 eight times and 0.8 x 399,992.80 sum a hair under
  // 960,000 in floating point; the burn-down discounts the list total and calls the period filled.)
  const f = fill([...flat(8, 100_000.9), 399_992.8]);
  expect(f.status).toEqual({ kind: "filled", at: expect.closeTo(9, 9) });
  expect(day(f)).toBe("2027-08-31");
});

test("no actuals yet: 100,000 a month is needed, and there is no run-rate to project", () => {
  // 960,000 / 0.8 / 12 = 100,000.
  const f = fill([]);
  expect([f.period, f.monthsLeft, f.neededPerMonth, f.runRate]).toEqual([1, 12, expect.closeTo(100_000, 6), undefined]);
  expect(f.status).toEqual({ kind: "no-actuals" });
});

test("the last month: 210,000 needed; at 90,000 it ends 96,000 short", () => {
  // 11 months of 90,000: drawn 792,000; 168,000 remains; needed 168,000 / 0.8 / 1 = 210,000.
  // One month at 90,000 draws 72,000: 168,000 - 72,000 = 96,000 short.
  const f = fill(flat(11, 90_000));
  expect([f.monthsLeft, f.neededPerMonth]).toEqual([1, expect.closeTo(210_000, 6)]);
  expect(f.status).toEqual({ kind: "short", short: expect.closeTo(96_000, 6) });
});

test("the last month, on track: it fills 3/7 of the way into November 2027, on the 13th", () => {
  // 10 months of 90,000 and one of 240,000: drawn 0.8 x 1,140,000 = 912,000; 48,000 remains, needed
  // 60,000. Run-rate (90 + 90 + 240) / 3 = 140,000, drawing 112,000: 48,000 / 112,000 = 3/7 of a month.
  // at = 11 + 3/7; month 12 has 30 days: day ceil(30 x 3/7 = 12.86) = 13.
  const f = fill([...flat(10, 90_000), 240_000]);
  expect(f.neededPerMonth).toBeCloseTo(60_000, 6);
  expect(f.status).toEqual({ kind: "on-track", at: expect.closeTo(11 + 3 / 7, 9) });
  expect(day(f)).toBe("2027-11-13");
});

test("the period over and not filled: short by all that remains", () => {
  // 12 months of 90,000: drawn 864,000 of 960,000; no month left, 96,000 short.
  const f = fill(flat(12, 90_000));
  expect([f.monthsLeft, f.neededPerMonth]).toEqual([0, 0]);
  expect(f.status).toEqual({ kind: "short", short: expect.closeTo(96_000, 6) });
});

test("period 2 with a carry in: 118,000 needed; at 90,000 it ends 224,000 short", () => {
  // Carryover 0.5, 24 months. Year 1 at 70,000: drawn 672,000, 288,000 unused, 144,000 carried in.
  // Year 2, two months of 100,000 in: available 1,104,000, drawn 160,000, 944,000 remains; needed
  // 944,000 / 0.8 / 10 = 118,000. Run-rate (70 + 100 + 100) / 3 = 90,000, drawing 72,000 x 10 =
  // 720,000: 944,000 - 720,000 = 224,000 short.
  const f = fill([...flat(12, 70_000), 100_000, 100_000], { ...DEAL, carryover: 0.5 }, 24);
  expect([f.period, f.monthsLeft]).toEqual([2, 10]);
  expect([f.neededPerMonth, f.runRate]).toEqual([expect.closeTo(118_000, 6), expect.closeTo(90_000, 6)]);
  expect(f.status).toEqual({ kind: "short", short: expect.closeTo(224_000, 6) });
});

test("a commit of 0 is filled from the first day", () => {
  const f = fill([50_000], { ...DEAL, commit: 0 });
  expect(f.status).toEqual({ kind: "filled", at: 0 });
  expect(day(f)).toBe("2026-12-01");
});

test("a run-rate of 0 never fills: short by all that remains", () => {
  const f = fill([0, 0, 0]);
  expect(f.runRate).toBe(0);
  expect(f.status).toEqual({ kind: "short", short: 960_000 });
});

test("a start that is no day gives words, not a thrown RangeError", () => {
  expect(core.fillDay("garbage", 2.5)).toBe("an unknown day (the signed deal has no start date)");
  expect(core.fillDay(START, Number.NaN)).toBe("an unknown day (the signed deal has no start date)");
});
