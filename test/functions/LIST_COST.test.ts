import "../helpers/customFunctions";
import * as p from "../../src/functions/pricing";
import { StubExcelError, excelError } from "../helpers/customFunctions";
import { column } from "../helpers/series";

/** As Excel calls it: an omitted optional argument arrives as null. */
const listCost = p.listCost as (...a: unknown[]) => (number | StubExcelError)[][];
const passedIn = new StubExcelError("#N/A", "from a lookup");

describe("LEVERS.LIST_COST", () => {
  test("worked example: Sonnet 4.5, 10 MTok in, 2 MTok out = 10 * 3 + 2 * 15 = 60", () => {
    expect(listCost("Sonnet 4.5", 10, 2)).toEqual([[60]]);
    expect(listCost([["Sonnet 4.5"]], [[10]], [[2]])).toEqual([[60]]);
  });
  test("element by element down a column of models, spilling the same shape", () => {
    // Sonnet 4.5: 10 * 3 + 2 * 15 = 60; Haiku 4.5: 20 * 1 + 4 * 5 = 40; Opus 4.5: 1 * 5 + 0.5 * 25 = 17.5
    const out = listCost(column(["Sonnet 4.5", "Haiku 4.5", "Opus 4.5"]), column([10, 20, 1]), column([2, 4, 0.5]));
    expect(out).toEqual([[60], [40], [17.5]]);
  });
  test("defaults: the built-in book", () => {
    expect(listCost("Sonnet 4.5", 10, 2, null)).toEqual(listCost("Sonnet 4.5", 10, 2, p.priceBook()));
  });
  test("a single value applies to every element; rows spill as rows", () => {
    // Haiku 4.5 input only: 1 * 1 = 1, 2 * 1 = 2
    expect(listCost("Haiku 4.5", column([1, 2]), 0)).toEqual([[1], [2]]);
    expect(listCost([["Sonnet 4.5", "Haiku 4.5"]], [[1, 1]], [[0, 0]])).toEqual([[3, 1]]);
  });
  test("a user's book", () => {
    // 10 * 2 + 2 * 8 = 36
    expect(
      listCost("ours", 10, 2, [
        ["Model", "Input", "Output"],
        ["Ours", 2, 8],
      ]),
    ).toEqual([[36]]);
  });
  test("blank token cells count as 0", () => {
    expect(listCost(column(["Sonnet 4.5", "Sonnet 4.5"]), column([10, null]), column([null, 2]))).toEqual([[30], [30]]);
  });

  describe("errors", () => {
    test("ranges of different shapes: #VALUE! naming both", () => {
      const e = excelError(() => listCost(column(["Sonnet 4.5", "Haiku 4.5", "Opus 4.5"]), column([1, 2]), 0));
      expect([e.code, e.message]).toEqual([
        "#VALUE!",
        "input_mtok: ranges must have the same shape; model is 3 rows by 1 column, input_mtok is 2 rows by 1 column",
      ]);
    });
    test("a bad cell inside a range fails only its own element, naming the cell", () => {
      const out = listCost(
        column(["Sonnet 4.5", null, "Sonet 4.5", "Haiku 4.5", "Haiku 4.5"]),
        column([10, 10, 10, "ten", passedIn]),
        2,
      );
      expect(out[0]).toEqual([60]);
      expect(out[1]![0]).toEqual(new StubExcelError("#N/A", "model: blank at row 2, column 1; a value is required"));
      expect(out[2]![0]).toEqual(
        new StubExcelError(
          "#N/A",
          'model: unknown model "Sonet 4.5" at row 3, column 1; closest: "Claude Sonnet 4.5", "Claude Sonnet 5.5", "Claude Sonnet 4.6"',
        ),
      );
      expect(out[3]![0]).toEqual(
        new StubExcelError("#VALUE!", 'input_mtok: text "ten" at row 4, column 1; expected a number'),
      );
      expect(out[4]![0]).toBe(passedIn);
    });
    test.each([
      ["model: blank", [null, 10, 2], "#N/A", "model: a value is required"],
      ["model: a number", [45, 10, 2], "#VALUE!", "model: 45 is not text"],
      ["model: unknown", ["grok", 10, 2], "#N/A", expect.stringMatching(/^model: unknown model "grok"; closest: /)],
      ["input_mtok: text", ["Sonnet 4.5", "n/a", 2], "#VALUE!", 'input_mtok: text "n/a"; expected a number'],
      ["input_mtok: a boolean", ["Sonnet 4.5", true, 2], "#VALUE!", "input_mtok: TRUE; expected a number"],
      ["input_mtok: negative", ["Sonnet 4.5", -1, 2], "#NUM!", "input_mtok: -1 is negative; expected 0 or more"],
      [
        "output_mtok: huge",
        ["Sonnet 4.5", 10, 1e300],
        "#NUM!",
        expect.stringMatching(/^output_mtok: 1e\+300 is more than/),
      ],
      [
        "price_book: a negative price",
        ["A", 1, 1, [["A", 3, -1]]],
        "#NUM!",
        "price_book: -1 at row 1, column 3 is negative; expected 0 or more",
      ],
    ])("%s, given as a single value, fails the call", (_what, args, code, message) => {
      const e = excelError(() => listCost(...args));
      expect([e.code, e.message]).toEqual([code, message]);
    });
    test.each([0, 1, 2, 3])("an Excel error passed as argument %i comes back unchanged", (i) => {
      const args: unknown[] = ["Sonnet 4.5", 10, 2, null];
      args[i] = i === 3 ? [["A", passedIn, 1]] : [[passedIn]];
      expect(excelError(() => listCost(...args))).toBe(passedIn);
    });
  });
});
