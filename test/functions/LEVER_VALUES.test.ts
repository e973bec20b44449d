import "../helpers/customFunctions";
import * as s from "../helpers/single";
import { describeErrors } from "./errorTable";
import * as F from "../../src/catalogue/functions";

import * as f from "../helpers/single";
import { excelError } from "../helpers/customFunctions";
import { column, twoYears } from "../helpers/series";

const usage = column(twoYears);
// The yardstick on worked example 2's draft: at 21% off the commit covers 1,000,000 / 0.79 of list
// instead of 1,000,000 / 0.8, so year 2's overage at list shrinks by 1,265,822.78 - 1,250,000.
const POINT = 1_000_000 / 0.79 - 1_000_000 / 0.8;
const yardstickRow = (draftCost: number) => [
  "One point of headline discount",
  0.2,
  expect.closeTo(0.21, 12),
  expect.closeTo(POINT, 6),
  expect.closeTo(POINT / draftCost, 12),
  "yardstick",
];
const header = ["Lever", "Draft", "Ask", "Value over term", "Share of total", "Vendor cost"];
const terms = [
  ["Key", "Draft", "Ask"],
  ["commit", 1_000_000, 1_000_000],
  ["discount", 0.2, 0.2],
  ["overage_rate", 1, "committed"],
  ["carryover", 0, 0.5],
];

describe("LEVERS.LEVER_VALUES", () => {
  test("worked example 2: carryover 145,000 ranks above overage 38,000; together 154,000, not 183,000", () => {
    // Draft 2,190,000. Together: year-2 overage 36,000 billed at the committed rate -> 2,036,000.
    expect(s.leverValues(usage, terms)).toEqual([
      header,
      ["Carryover", 0, 0.5, expect.closeTo(145_000, 6), expect.closeTo(145_000 / 2_190_000, 12), "low"],
      ["Overage rate", 1, "committed", expect.closeTo(38_000, 6), expect.closeTo(38_000 / 2_190_000, 12), "low"],
      yardstickRow(2_190_000),
      ["All asks together", "", "", expect.closeTo(154_000, 6), expect.closeTo(154_000 / 2_190_000, 12), ""],
    ]);
  });
  test("each single-lever value is the difference of two TOTAL_COST-family calls", () => {
    const table = s.leverValues(usage, terms);
    expect(table[1]![3]).toBeCloseTo(f.carryoverValue(1_000_000, usage, 0.2, 0.5), 6);
    expect(table[2]![3]).toBeCloseTo(f.overageValue(1_000_000, usage, 0.2, 1, 0), 6);
    expect(table[3]![3]).toBeCloseTo(f.totalCost(1_000_000, usage, 0.2) - f.totalCost(1_000_000, usage, 0.21), 6);
    expect(table[4]![3]).toBeCloseTo(
      f.totalCost(1_000_000, usage, 0.2) - f.totalCost(1_000_000, usage, 0.2, "committed", 0.5),
      6,
    );
  });
  test("renewal cap: the last 12 months (1,440,000 at list) at 0.8 x 1.05 instead of list, worth 230,400", () => {
    const withCap = [...terms, ["renewal_cap", "none", 0.05]];
    const table = s.leverValues(usage, withCap);
    // Draft now includes the renewal at list: 2,190,000 + 1,440,000 = 3,630,000.
    expect(table[1]).toEqual([
      "Renewal cap",
      "none",
      0.05,
      expect.closeTo(230_400, 6),
      expect.closeTo(230_400 / 3_630_000, 12),
      "low",
    ]);
    expect(table[1]![3]).toBeCloseTo(f.renewalCapValue(usage.slice(12), 0.2, 0.05), 6);
    // The renewal resets to list whatever the discount, so the yardstick is the same 15,822.78.
    expect(table[4]).toEqual(yardstickRow(3_630_000));
    expect(table[5]![0]).toBe("All asks together");
    expect(table[5]![3]).toBeCloseTo(154_000 + 230_400, 6);
  });
  test("carryover cap: with half the unused carrying, lifting a cap of 0.1 x commit is worth 20,000", () => {
    // Year 1 leaves 232,000 unused; half is 116,000, the cap lets 100,000 carry: year 2 bills 52,000
    // over at list (65,000) instead of 36,000 (45,000). Capped draft 2,065,000.
    const capped = [...terms.slice(0, 4), ["carryover", 0.5, 0.5], ["carryover_cap", 0.1, "none"]];
    const table = s.leverValues(usage, capped);
    // No cap at all is the vendor's real concession; a higher cap costs it little, as partial carryover does.
    expect(table[1]).toEqual([
      "Carryover cap",
      0.1,
      "none",
      expect.closeTo(20_000, 6),
      expect.closeTo(20_000 / 2_065_000, 12),
      "high",
    ]);
    // Ranked below it, overage at the committed rate: 52,000 over billed at 52,000 instead of 65,000.
    expect(table[2]!.slice(0, 4)).toEqual(["Overage rate", 1, "committed", expect.closeTo(13_000, 6)]);
    const higher = s.leverValues(usage, [...capped.slice(0, 5), ["carryover_cap", 0.1, 0.2]]);
    expect(higher[1]).toEqual(["Carryover cap", 0.1, 0.2, expect.closeTo(20_000, 6), expect.any(Number), "low"]);
    // The draft of the ask: carryover 0 -> 0.5 under the draft cap saves 2,190,000 - 2,065,000.
    const asked = [...terms, ["carryover_cap", 0.1, 0.1]];
    expect(s.leverValues(usage, asked).find((r) => r[0] === "Carryover")![3]).toBeCloseTo(125_000, 6);
  });
  test("renewal_months sets the renewal horizon: 6 months of the last year's usage", () => {
    const table = s.leverValues(usage, [...terms, ["renewal_cap", "None", 0], ["renewal_months", 6, 6]]);
    // 6 x 120,000 x (1 - 0.8) = 144,000.
    expect(table.find((r) => r[0] === "Renewal cap")![3]).toBeCloseTo(144_000, 6);
  });
  describe('a blank cell and a 0 are one value (DOMAIN.md "Blank cells inside ranges"; office-js #4702, #5262)', () => {
    // Excel desktop passes an empty cell as 0, the web as null: every row below must read the same both ways.
    const both = (blank: null | 0) => [
      ["commit", 1_000_000, 1_000_000],
      ["discount", 0.2, 0.2],
      ["carryover", blank, 0.5],
      [blank, blank, blank],
      ["renewal_cap", blank, "none"],
    ];
    test("a blank draft carryover is 0, a row of blanks or zeros is skipped, a blank cap is a 0% cap", () => {
      const web = s.leverValues(usage, both(null));
      // Every figure is the same; only the Draft column shows the cell as passed ("" or 0).
      const figures = (table: unknown[][]) => table.map((r) => [r[0], r[3], r[4], r[5]]);
      expect(figures(web)).toEqual(figures(s.leverValues(usage, both(0))));
      // Carryover 0 -> 0.5 is worth 145,000 (DOMAIN.md example 2). Draft cap 0: renewal at 0.8 x list =
      // 1,152,000; "none" resets to list, 1,440,000: the ask costs 288,000.
      expect(web.find((r) => r[0] === "Carryover")![3]).toBeCloseTo(145_000, 6);
      expect(web.find((r) => r[0] === "Renewal cap")![3]).toBeCloseTo(-288_000, 6);
    });
    test.each([
      ["overage_rate", "enter 1 for list price"],
      ["period_months", "enter the months in a period"],
      ["renewal_months", "enter the renewal months"],
    ])("%s blank or 0 is #VALUE! naming the cell: 0 is no real term", (key, fix) => {
      const others = terms.filter((row) => row[0] !== key);
      for (const blank of [null, 0]) {
        const e = excelError(() => s.leverValues(usage, [...others, [key, 1, blank]]));
        expect([e.code, e.message]).toEqual([
          "#VALUE!",
          expect.stringContaining(`terms: ${key} is blank or 0 at row ${others.length + 1}, column 3; ${fix}`),
        ]);
      }
    });
  });
  test("a lever alone in the table equals its own function", () => {
    const base = [
      ["commit", 960_000, 960_000],
      ["discount", 0.2, 0.2],
    ];
    const one = (row: unknown[]) => s.leverValues(usage, [...base, row])[1]![3];
    expect(one(["uplift", 0.1, 0])).toBeCloseTo(f.priceLockValue(960_000, usage, 0.2, 0.1), 6);
    // Removing a clause saves exactly what the clause costs.
    expect(one(["step_up", 0.1, 0])).toBeCloseTo(f.trueForwardCost(960_000, usage, 0.2, 0.1), 6);
    expect(one(["ratchet", 1, 0])).toBeCloseTo(f.ratchetCost(960_000, usage, 0.2), 6);
    expect(one(["excluded_share", 0.1, 0])).toBeCloseTo(f.exclusionCost(960_000, usage, 0.2, 0.1), 6);
    // By hand: year 2 draws 1,152,000. Flat 960,000: 192,000 over, billed 240,000 -> 2,160,000.
    // Stepped to 1,056,000: 96,000 over, billed 120,000 -> 2,136,000. Dropping the step costs 24,000.
    expect(one(["step_up", 0.1, 0])).toBeCloseTo(-24_000, 6);
  });
  test("draft = ask rows are not levers; missing keys are neutral", () => {
    const table = s.leverValues(usage, [
      ["commit", 1_000_000, 1_000_000],
      ["discount", 0.2, 0.2],
    ]);
    expect(table).toEqual([header, yardstickRow(2_190_000), ["All asks together", "", "", 0, 0, ""]]);
  });
  test("the yardstick is not in All asks together, and there is none when a point would reach 100% off", () => {
    const table = s.leverValues(usage, [["discount", 0.995, 0.995]]);
    expect(table.map((r) => r[0])).toEqual([header[0], "All asks together"]);
  });
  test("worked example 3, the inversion: overage at the committed rate is worth about twelve points of rate", () => {
    // 36 months rising 3% a month from 100,000; commit 960,000 a year; 20% off; overage at list.
    const rising = column(Array.from({ length: 36 }, (_, t) => 100_000 * 1.03 ** t));
    const table = s.leverValues(rising, [
      ["commit", 960_000, 960_000],
      ["discount", 0.2, 0.2],
      ["overage_rate", 1, "committed"],
    ]);
    expect(table[1]!.slice(0, 4)).toEqual(["Overage rate", 1, "committed", expect.closeTo(545_519, -0.5)]);
    expect(table[2]!.slice(0, 4)).toEqual([
      "One point of headline discount",
      0.2,
      expect.closeTo(0.21, 12),
      expect.closeTo(45_570, -0.5),
    ]);
    expect(table[3]![3]).toBeCloseTo(545_519, -0.5);
  });
  test("full carryover costs the vendor more than partial", () => {
    const table = s.leverValues(usage, [
      ["commit", 1_000_000, 1_000_000],
      ["discount", 0.2, 0.2],
      ["carryover", 0, 1],
    ]);
    expect(table[1]![5]).toBe("high");
  });
  test("terms errors name the cell", () => {
    const unknown = excelError(() =>
      s.leverValues(usage, [
        ["commit", 1, 1],
        ["rebate", 0, 1],
      ]),
    );
    expect([unknown.code, unknown.message]).toEqual([
      "#VALUE!",
      expect.stringMatching(/^terms: unknown value "rebate" at row 2, column 1; use "commit"/),
    ]);
    const pct = excelError(() => s.leverValues(usage, [["discount", 20, 25]]));
    expect([pct.code, pct.message]).toEqual([
      "#VALUE!",
      expect.stringMatching(/^terms: 20 at row 1, column 2 looks like a percent.*0\.2/),
    ]);
    const blank = excelError(() =>
      s.leverValues(usage, [
        ["Key", "Draft", "Ask"],
        [null, null, null],
      ]),
    );
    expect([blank.code, blank.message]).toEqual(["#N/A", "terms: no terms (expected rows of key, draft, ask)"]);
    const narrow = excelError(() => s.leverValues(usage, [["commit", 1]]));
    expect(narrow.code).toBe("#VALUE!");
    const twice = excelError(() =>
      s.leverValues(usage, [
        ["commit", 1, 1],
        ["commit", 2, 2],
      ]),
    );
    expect([twice.code, twice.message]).toEqual(["#VALUE!", 'terms: key "commit" at row 2, column 1 appears twice']);
  });
  test("with volatility 0.2: the expected value, ranked by it, and its spread", () => {
    // 24 months of 100,000, commit 1,000,000 a year, d = 0.2; the ask bills overage at the committed
    // rate. In future i each year draws 960,000 f_i (f_i = exp(0.2 z_i - 0.02), z_i at (i - 0.5)/1000);
    // overage max(0, 960,000 f_i - 1,000,000) billed at list costs 1/0.8 of it, at the committed rate
    // 1x: the ask saves 0.25 of it a year, 0.5 of it over two. By calculator: the mean of
    // max(0, 960,000 f_i - 1,000,000) is 59,642.560026, so the expected value is 29,821.280013;
    // it pays where f_i > 1.0416667, in 381 futures of 1,000; P10 is 0; P90 (rank 900, f = 1.2656388)
    // is 0.5 x 215,213.218099 = 107,606.609050.
    const flat24 = column(new Array<number>(24).fill(100_000));
    const table = s.leverValues(
      flat24,
      [
        ["commit", 1_000_000, 1_000_000],
        ["discount", 0.2, 0.2],
        ["overage_rate", 1, "committed"],
      ],
      0.2,
    ) as unknown[][];
    expect(table[0]).toEqual([
      "Lever",
      "Draft",
      "Ask",
      "Expected value over term",
      "Share of total",
      "Vendor cost",
      "P10 value",
      "P90 value",
      "Chance it pays",
    ]);
    const row = table[1]!;
    expect(row.slice(0, 3)).toEqual(["Overage rate", 1, "committed"]);
    expect(row[3]).toBeCloseTo(29_821.280013, 5);
    expect(row[6]).toBeCloseTo(0, 9);
    expect(row[7]).toBeCloseTo(107_606.609049581, 5);
    expect(row[8]).toBe(0.381);
  });

  test("both volatilities 0: the table of a certain projection, unchanged", () => {
    expect(s.leverValues(usage, terms, 0, 0)).toEqual(s.leverValues(usage, terms));
  });

  describeErrors(s.leverValues as (...a: unknown[]) => unknown, F.LEVER_VALUES, [usage, terms, 0, 0]);
});
