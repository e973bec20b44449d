import "../helpers/customFunctions";
import * as p from "../../src/functions/pricing";
import { StubExcelError, excelError } from "../helpers/customFunctions";
import { column } from "../helpers/series";

const effectiveDiscount = p.effectiveDiscount as (...a: unknown[]) => number;
const passedIn = new StubExcelError("#N/A", "from a lookup");

describe("LEVERS.EFFECTIVE_DISCOUNT", () => {
  test("worked example: 600 at 20% and 400 at 10% = (120 + 40) / 1,000 = 0.16", () => {
    expect(effectiveDiscount(column([600, 400]), column([0.2, 0.1]))).toBeCloseTo(0.16, 12);
  });
  test("defaults: none; both arguments are ranges of the same shape", () => {
    // A table of 2 rows x 2 columns: (100 * 0.1 + 300 * 0.2 + 0 * 0.5 + 600 * 0.3) / 1,000 = (10 + 60 + 180) / 1,000
    const spend = [
      [100, 300],
      [null, 600],
    ];
    const discount = [
      [0.1, 0.2],
      [0.5, 0.3],
    ];
    expect(effectiveDiscount(spend, discount)).toBeCloseTo(0.25, 12);
  });
  test("one discount for every line is that discount", () => {
    expect(effectiveDiscount(column([600, 400]), 0.15)).toBeCloseTo(0.15, 12);
  });
  test("a line with no spend weighs nothing", () => {
    expect(effectiveDiscount(column([1000, 0]), column([0.2, 0.9]))).toBeCloseTo(0.2, 12);
  });

  describe("errors", () => {
    test.each([
      [
        "ranges of different shapes",
        [column([1, 2, 3]), column([0.1, 0.2])],
        "#VALUE!",
        "discount: ranges must have the same shape; spend is 3 rows by 1 column, discount is 2 rows by 1 column",
      ],
      [
        "total spend 0",
        [column([0, null]), column([0.1, 0.2])],
        "#N/A",
        "spend: total spend is 0; there is no mix to weight by",
      ],
      [
        "spend: text in a cell",
        [column([1, "n/a"]), 0.1],
        "#VALUE!",
        'spend: text "n/a" at row 2, column 1; expected a number',
      ],
      ["spend: a boolean", [column([true, 1]), 0.1], "#VALUE!", "spend: TRUE at row 1, column 1; expected a number"],
      [
        "spend: negative",
        [column([1, -5]), 0.1],
        "#NUM!",
        "spend: -5 at row 2, column 1 is negative; expected 0 or more",
      ],
      ["spend: a single bad value", ["lots", 0.1], "#VALUE!", 'spend: text "lots"; expected a number'],
      [
        "discount: a whole percent",
        [column([1, 1]), column([0.1, 15])],
        "#VALUE!",
        "discount: 15 at row 2, column 1 looks like a percent typed as a whole number; enter 0.15 (or 15%)",
      ],
      [
        "discount: exactly 1",
        [column([1, 1]), column([1, 0])],
        "#NUM!",
        "discount: 1 at row 1, column 1 is outside [0, 1)",
      ],
      ["discount: negative", [1, -0.1], "#NUM!", "discount: -0.1 is outside [0, 1)"],
    ])("%s", (_what, args, code, message) => {
      const e = excelError(() => effectiveDiscount(...args));
      expect([e.code, e.message]).toEqual([code, message]);
    });
    test.each([0, 1])("an Excel error inside argument %i comes back unchanged", (i) => {
      const args: unknown[] = [column([600, 400]), column([0.2, 0.1])];
      args[i] = column([1, passedIn]);
      expect(excelError(() => effectiveDiscount(...args))).toBe(passedIn);
    });
  });
});
