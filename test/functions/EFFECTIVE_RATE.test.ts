import "../helpers/customFunctions";
import * as p from "../../src/functions/pricing";
import { StubExcelError, excelError } from "../helpers/customFunctions";
import { column } from "../helpers/series";

const effectiveRate = p.effectiveRate as (...a: unknown[]) => (number | StubExcelError)[][];
const passedIn = new StubExcelError("#N/A", "from a lookup");

describe("LEVERS.EFFECTIVE_RATE", () => {
  test("worked example: 1,000 dollars for 100 MTok at 20% off = 1,000 * 0.8 / 100 = 8 per MTok", () => {
    expect(effectiveRate(1000, 100, 0.2)).toEqual([[expect.closeTo(8, 12)]]);
  });
  test("defaults: no discount, 1,000 / 100 = 10", () => {
    expect(effectiveRate(1000, 100)).toEqual([[10]]);
    expect(effectiveRate(1000, 100, null)).toEqual(effectiveRate(1000, 100, 0));
  });
  test("element by element: 3,000 / 1,000 MTok and 500 / 100 MTok at 10% off = 2.7 and 4.5", () => {
    expect(effectiveRate(column([3000, 500]), column([1000, 100]), 0.1)).toEqual([
      [expect.closeTo(2.7, 12)],
      [expect.closeTo(4.5, 12)],
    ]);
  });
  test("a discount per line", () => {
    // 1,000 * 0.8 / 100 = 8; 1,000 * 0.5 / 100 = 5
    expect(effectiveRate(1000, 100, [[0.2, 0.5]])).toEqual([[expect.closeTo(8, 12), expect.closeTo(5, 12)]]);
  });

  describe("errors", () => {
    test("no tokens is #N/A 'no tokens' (DOMAIN.md's error table has no #DIV/0!)", () => {
      const e = excelError(() => effectiveRate(1000, 0));
      expect([e.code, e.message]).toEqual(["#N/A", "mtok: no tokens; a rate per MTok needs tokens"]);
    });
    test("inside a range, no tokens or a bad cell fails only its element, naming the cell", () => {
      const out = effectiveRate(column([1000, 1000, 1000, 1000]), column([100, 0, -1, passedIn]));
      expect(out[0]).toEqual([10]);
      expect(out[1]![0]).toEqual(
        new StubExcelError("#N/A", "mtok: no tokens at row 2, column 1; a rate per MTok needs tokens"),
      );
      expect(out[2]![0]).toEqual(
        new StubExcelError("#NUM!", "mtok: -1 at row 3, column 1 is negative; expected 0 or more"),
      );
      expect(out[3]![0]).toBe(passedIn);
    });
    test("ranges of different shapes: #VALUE! naming both", () => {
      const e = excelError(() => effectiveRate(column([1, 2]), [[1, 2]]));
      expect([e.code, e.message]).toEqual([
        "#VALUE!",
        "mtok: ranges must have the same shape; spend is 2 rows by 1 column, mtok is 1 row by 2 columns",
      ]);
    });
    test.each([
      ["spend: text", ["n/a", 1], "#VALUE!", 'spend: text "n/a"; expected a number'],
      ["spend: negative", [-1, 1], "#NUM!", "spend: -1 is negative; expected 0 or more"],
      ["mtok: a boolean", [1, true], "#VALUE!", "mtok: TRUE; expected a number"],
      [
        "discount: a whole percent",
        [1, 1, 15],
        "#VALUE!",
        "discount: 15 looks like a percent typed as a whole number; enter 0.15 (or 15%)",
      ],
      ["discount: exactly 1", [1, 1, 1], "#NUM!", "discount: 1 is outside [0, 1)"],
    ])("%s, given as a single value, fails the call", (_what, args, code, message) => {
      const e = excelError(() => effectiveRate(...args));
      expect([e.code, e.message]).toEqual([code, message]);
    });
    test.each([0, 1, 2])("an Excel error passed as argument %i comes back unchanged", (i) => {
      const args: unknown[] = [1000, 100, 0.2];
      args[i] = passedIn;
      expect(excelError(() => effectiveRate(...args))).toBe(passedIn);
    });
  });
});
