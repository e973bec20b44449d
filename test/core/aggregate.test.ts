/**
 * The one export aggregator (core/aggregate.ts): rows in with add, totals out with finish. Goldens
 * by hand from DOMAIN.md "Usage from a vendor's export" and EXPORTS.md "FOCUS".
 */
import { amountOf, LeverError, DEFAULT_PRICE_BOOK } from "../../src/core";
import { ImportAggregate, readImport, summarize } from "../../src/core/importAggregate";

/** Through the import's aggregator: the sums MONTHLY_USAGE shares, and what the import reports besides. */
function read(grid: unknown[][], options = {}): ImportAggregate {
  const r = readImport("export", grid, options);
  if (r instanceof LeverError) throw new Error(r.message);
  return r;
}

/** List dollars by month label, all models together. */
function byMonth(agg: ImportAggregate): Record<string, number> {
  const s = summarize(agg, DEFAULT_PRICE_BOOK);
  if (s instanceof LeverError) throw new Error(s.message);
  const out: Record<string, number> = {};
  for (const m of s.months) out[m.month] = (out[m.month] ?? 0) + (m.list ?? 0);
  return out;
}

const HEADER = ["Date", "Model", "List $"];

describe("short dates as Excel saves a CSV: day or month first, settled once per column", () => {
  test("a first part above 12 makes the column day first, also for the ambiguous rows before it", () => {
    // 4/1/25 is 4 January, 4/2/25 4 February, 13/4/25 13 April.
    const agg = read([HEADER, ["4/1/25", "Opus", 10], ["4/2/25", "Opus", 20], ["13/4/25", "Opus", 30]]);
    expect(byMonth(agg)).toEqual({ "2025-01": 10, "2025-02": 20, "2025-04": 30 });
    expect(agg.shortDates).toEqual({ dayFirst: true, assumed: false });
  });

  test("a second part above 12 makes it month first: 4/1/25 is 1 April", () => {
    const agg = read([HEADER, ["4/1/25", "Opus", 10], ["4/13/2025", "Opus", 20], ["5/1/2025 13:45", "Opus", 5]]);
    expect(byMonth(agg)).toEqual({ "2025-04": 30, "2025-05": 5 });
    expect(agg.shortDates).toEqual({ dayFirst: false, assumed: false });
  });

  test("when every date is ambiguous: the display language's order for slashes, day first for dots", () => {
    const slashes = [HEADER, ["4/1/25", "Opus", 10]];
    expect(byMonth(read(slashes))).toEqual({ "2025-04": 10 });
    expect(byMonth(read(slashes, { dayFirst: true }))).toEqual({ "2025-01": 10 });
    expect(read(slashes).shortDates).toEqual({ dayFirst: false, assumed: true });
    expect(byMonth(read([HEADER, ["01.04.2025", "Opus", 7]]))).toEqual({ "2025-04": 7 });
  });

  test("a date that contradicts the order an earlier row settled names both rows", () => {
    const r = readImport("export", [HEADER, ["13/4/25", "Opus", 1], ["4/1/25", "Opus", 1], ["4/13/25", "Opus", 1]]);
    expect(r).toBeInstanceOf(LeverError);
    expect((r as LeverError).message).toBe(
      'export: row 4, Date: "4/13/25" is not a date in the order row 2\'s "13/4/25" set (day and month first cannot both be true of one column)',
    );
  });

  test("a day that exists in neither order is no date", () => {
    const r = readImport("export", [HEADER, ["31/31/25", "Opus", 1]]);
    expect((r as LeverError).message).toMatch(/^export: row 2, Date: "31\/31\/25" is not a date/);
  });
});

describe("amounts with a decimal comma (a ;-separated CSV)", () => {
  test.each([
    ["0,85", 0.85],
    ["1.250,50", 1250.5],
    ["12", 12],
    ["-3,5", -3.5],
  ])("%s reads %p", (text, value) => {
    expect(amountOf(text, true)).toBe(value);
  });
  test("and without it, 0,85 is no amount while 1,250.50 is", () => {
    expect(amountOf("0,85")).toBeUndefined();
    expect(amountOf("1,250.50")).toBe(1250.5);
    expect(amountOf("1,250.50", true)).toBeUndefined();
  });
});

describe("what a FOCUS file really says (EXPORTS.md)", () => {
  const focus = [
    [
      "ChargePeriodStart",
      "ChargePeriodEnd",
      "ChargeCategory",
      "ChargeFrequency",
      "ChargeDescription",
      "ListCost",
      "EffectiveCost",
      "BilledCost",
      "CommitmentDiscountCategory",
      "SkuPriceDetails",
    ],
    [
      "2026-10-01",
      "2026-10-02",
      "Usage",
      "Usage-Based",
      "Sonnet input",
      100,
      80,
      0,
      "Spend",
      '{"ModelId":"claude-sonnet-4-5"}',
    ],
    [
      "2026-10-05",
      "2026-10-06",
      "Usage",
      "Usage-Based",
      "Haiku output",
      50,
      40,
      0,
      "Spend",
      '{"ModelId":"claude-haiku-4-5"}',
    ],
    ["2026-10-31", "2026-11-01", "Tax", "One-Time", "Sales tax", 0, 12, 12, "", ""],
    ["2026-12-01", "2027-12-01", "Purchase", "One-Time", "Annual commitment", 0, 0, 1_000_000, "Spend", ""],
    ["2026-11-30", "2026-12-01", "Usage", "One-Time", "Unused commitment fee", 500, 500, 500, "", ""],
    [
      "2026-11-15",
      "2026-11-16",
      "Usage",
      "Usage-Based",
      "Sonnet input",
      200,
      160,
      0,
      "Spend",
      '{"ModelId":"claude-sonnet-4-5"}',
    ],
  ];

  test("consumption is Usage-Based usage; what it cost at the negotiated terms is EffectiveCost", () => {
    const agg = read(focus);
    // October 100 + 50, November 200; the one-time 500 fee is no consumption.
    expect(byMonth(agg)).toEqual({ "2026-10": 150, "2026-11": 200 });
    // Paid 80 + 40 + 160 = 280 of list 350: 20% off. BilledCost is 0 for usage drawn from the
    // prepaid commitment, which would have read as 100%.
    const s = summarize(agg, DEFAULT_PRICE_BOOK);
    if (s instanceof LeverError) throw new Error(s.message);
    expect(s.observedDiscount).toBeCloseTo(0.2, 12);
    expect(s.paidTotal).toBe(280);
  });

  test("skipped rows are counted by kind with their cash; the one-time usage charge is listed with its description", () => {
    const agg = read(focus);
    expect(agg.skipped).toBe(3);
    expect(agg.skippedKinds).toEqual([
      { kind: "Tax", rows: 1, amount: 12 },
      { kind: "Purchase", rows: 1, amount: 1_000_000 },
      { kind: "One-time usage charge", rows: 1, amount: 500 },
    ]);
    expect(agg.oneTime).toEqual([{ description: "Unused commitment fee", date: "2026-11-30", amount: 500 }]);
  });

  test("a Purchase of a Spend commitment is the commitment, offered as the draft's commit", () => {
    expect(read(focus).commitment).toEqual({ amount: 1_000_000, start: "2026-12-01", end: "2027-12-01", months: 12 });
  });

  test("months ending less than 30 days before the newest usage date are provisional", () => {
    // Newest usage 2026-11-15: October ended 15 days before it, November after it; both provisional.
    const s = summarize(read(focus), DEFAULT_PRICE_BOOK);
    if (s instanceof LeverError) throw new Error(s.message);
    expect(s.newestDate).toBe("2026-11-15");
    expect(s.provisional).toEqual(["2026-10", "2026-11"]);
    // Newest 2026-12-05: October ended 35 days before, final; November 5 days before, provisional.
    const later = [...focus, ["2026-12-05", "2026-12-06", "Usage", "Usage-Based", "x", 1, 1, 0, "", '{"ModelId":"m"}']];
    const t = summarize(read(later), DEFAULT_PRICE_BOOK);
    if (t instanceof LeverError) throw new Error(t.message);
    expect(t.provisional).toEqual(["2026-11", "2026-12"]);
  });
});

describe("what review found", () => {
  test("a thousands group never starts with 0: 0,125 is no amount in a comma file, not 125", () => {
    expect(amountOf("0,125")).toBeUndefined();
    expect(amountOf("0.125", true)).toBe(0.125);
    expect(amountOf("12.345", true)).toBe(12345);
  });

  test("a usage row of a frequency other than Usage-Based or One-Time is reported under its own name", () => {
    const agg = read([
      ["ChargePeriodStart", "ChargeCategory", "ChargeFrequency", "ListCost", "BilledCost", "ResourceName"],
      ["2026-10-01", "Usage", "Usage-Based", 10, 8, "m"],
      ["2026-10-01", "Usage", "Recurring", 5, 5, "seat"],
      ["2026-10-01", "Usage", "One-Time", 7, 7, "fee"],
    ]);
    expect(agg.skippedKinds.map((k) => k.kind)).toEqual(["Usage charged Recurring", "One-time usage charge"]);
  });
});
