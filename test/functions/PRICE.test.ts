import "../helpers/customFunctions";
import * as p from "../../src/functions/pricing";
import { StubExcelError, excelError } from "../helpers/customFunctions";

const passedIn = new StubExcelError("#N/A", "from a lookup");
/** As Excel calls it: an omitted optional argument arrives as null. */
const price = p.price as (...a: unknown[]) => number;

describe("LEVERS.PRICE", () => {
  test("worked example: Sonnet 4.5's five prices, USD per MTok", () => {
    const kinds = ["input", "output", "cache_write", "cache_write_1h", "cache_read"];
    expect(kinds.map((k) => price("Sonnet 4.5", k))).toEqual([3, 15, 3.75, 6, 0.3]);
  });
  test("defaults: kind input, the built-in book", () => {
    expect(price("Opus 4.5")).toBe(5);
    expect(price("Opus 4.5", null, null)).toBe(price("Opus 4.5", "input", p.priceBook()));
  });
  test("a model by id, display name, family, any case", () => {
    expect(price("claude-sonnet-4-5", "output")).toBe(15);
    expect(price("CLAUDE SONNET 4.5", "output")).toBe(15);
    expect(price("opus", "output")).toBe(20); // Opus 5.5, the newest Opus: 4 / 20
    expect(price("haiku")).toBe(0.1); // Haiku 5.5
  });
  test("Sonnet 5.5 reads cache at 0.10 (cut on 2026-10-07); Sonnet 5 at 0.20", () => {
    expect(price("Sonnet 5.5", "cache_read")).toBe(0.1);
    expect(price("Sonnet 5", "cache_read")).toBe(0.2);
  });
  test("a kind in any case, with spaces or hyphens", () => {
    expect(price("Sonnet 4.5", "Cache Write 1h")).toBe(6);
    expect(price("Sonnet 4.5", "cache-read")).toBe(0.3);
  });
  test("a user's book: no header, blank cache prices at 1.25x / 2x / 0.1x of input", () => {
    const book = [["Our model", 2, 8]];
    expect(price("our model", "cache_write", book)).toBeCloseTo(2.5, 12);
    expect(price("our model", "cache_write_1h", book)).toBeCloseTo(4, 12);
    expect(price("our model", "cache_read", book)).toBeCloseTo(0.2, 12);
  });

  describe("errors", () => {
    test.each([
      ["model: blank", [null], "#N/A", "model: a value is required"],
      ["model: a number", [4.5], "#VALUE!", "model: 4.5 is not text"],
      [
        "model: a two-cell range",
        [[["a"], ["b"]]],
        "#VALUE!",
        "model: expected a single value, got a range of 2 rows and 1 columns",
      ],
      [
        "model: unknown",
        ["Sonet 4.5"],
        "#N/A",
        'model: unknown model "Sonet 4.5"; closest: "Claude Sonnet 4.5", "Claude Sonnet 5.5", "Claude Sonnet 4.6"',
      ],
      [
        "kind: unknown",
        ["Sonnet 4.5", "batch"],
        "#VALUE!",
        'kind: unknown value "batch"; use "input", "output", "cache_write", "cache_write_1h", "cache_read"',
      ],
      ["kind: a number", ["Sonnet 4.5", 1], "#VALUE!", "kind: 1 is not text"],
      [
        "price_book: a text price",
        ["A", "input", [["A", "3$", 15]]],
        "#VALUE!",
        'price_book: text "3$" at row 1, column 2; expected a number',
      ],
      [
        "price_book: two columns",
        ["A", "input", [["A", 3]]],
        "#VALUE!",
        expect.stringMatching(/^price_book: expected 3 to 10 columns/),
      ],
      [
        "price_book: the model is not in it",
        ["Sonnet 4.5", "input", [["A", 3, 15]]],
        "#N/A",
        'model: unknown model "Sonnet 4.5"; closest: "A"',
      ],
    ])("%s", (_what, args, code, message) => {
      const error = excelError(() => price(...args));
      expect([error.code, error.message]).toEqual([code, message]);
    });
    test.each([0, 1, 2])("an Excel error passed in argument %i comes back unchanged", (i) => {
      const args: unknown[] = ["Sonnet 4.5", "input", [["A", 3, 15]]];
      args[i] = i === 2 ? [["A", passedIn, 15]] : passedIn;
      expect(excelError(() => price(...args))).toBe(passedIn);
    });
  });
});
