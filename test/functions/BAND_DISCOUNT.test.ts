import "../helpers/customFunctions";
import * as s from "../helpers/single";
import { excelError } from "../helpers/customFunctions";
import { describeErrors } from "./errorTable";
import * as F from "../../src/catalogue/functions";

const bands = [
  ["Threshold", "Discount"],
  [250_000, 0.05],
  [1_000_000, 0.12],
  [5_000_000, 0.2],
];

describe("LEVERS.BAND_DISCOUNT", () => {
  test("a 1,200,000 commit reaches the 1M band: 12%", () => {
    expect(s.bandDiscount(1_200_000, bands)).toBe(0.12);
  });
  test("exactly on a threshold gets that band; below the first band gets 0", () => {
    expect(s.bandDiscount(1_000_000, bands)).toBe(0.12);
    expect(s.bandDiscount(249_999, bands)).toBe(0);
    expect(s.bandDiscount(50_000_000, bands)).toBe(0.2);
  });
  test("no header, rows in any order, blank rows skipped", () => {
    const loose = [
      [5_000_000, 0.2],
      [null, null],
      [250_000, 0.05],
      [1_000_000, 0.12],
    ];
    expect(s.bandDiscount(3_000_000, loose)).toBe(0.12);
  });
  test("rows of zeros are blank rows (Excel desktop passes empty cells as 0, office-js #5262): skipped", () => {
    // A bands range longer than its data, as desktop passes it: two empty rows must not be two 0 thresholds.
    const desktop = [
      [250_000, 0.05],
      [1_000_000, 0.12],
      [0, 0],
      [0, 0],
    ];
    expect(s.bandDiscount(3_000_000, desktop)).toBe(0.12);
    expect(s.nextBand(500_000, desktop)).toEqual([[1_000_000, 500_000, 0.12]]);
  });
  test("bands errors name the cell", () => {
    const pct = excelError(() => s.bandDiscount(1, [[250_000, 5]]));
    expect([pct.code, pct.message]).toEqual([
      "#VALUE!",
      expect.stringMatching(/^bands: 5 at row 1, column 2 looks like a percent.*0\.05/),
    ]);
    const text = excelError(() =>
      s.bandDiscount(1, [
        ["Threshold", "Discount"],
        ["big", 0.1],
      ]),
    );
    expect([text.code, text.message]).toEqual(["#VALUE!", 'bands: text "big" at row 2, column 1; expected a number']);
    const twice = excelError(() =>
      s.bandDiscount(1, [
        [1, 0.1],
        [1, 0.2],
      ]),
    );
    expect([twice.code, twice.message]).toEqual(["#VALUE!", "bands: threshold 1 at row 2, column 1 appears twice"]);
    const narrow = excelError(() => s.bandDiscount(1, [[1], [2]]));
    expect(narrow.code).toBe("#VALUE!");
    expect(narrow.message).toMatch(/^bands: expected 2 columns/);
    const none = excelError(() => s.bandDiscount(1, [["Threshold", "Discount"]]));
    expect([none.code, none.message]).toEqual(["#N/A", "bands: no bands (expected rows of threshold, discount)"]);
  });
  describeErrors(s.bandDiscount, F.BAND_DISCOUNT, [1_000_000, bands]);
});
