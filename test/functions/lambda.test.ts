/**
 * The functions inside Excel's LAMBDA helpers. Microsoft lists BYROW, BYCOL, MAP and MAKEARRAY as
 * taking a custom function in their LAMBDA (custom-functions-lambdas: "Use custom functions with
 * LAMBDA functions", from Excel for Windows 2510 and Mac 16.102). Each helper hands the LAMBDA a
 * piece of its array, and the LAMBDA must give back one value (BYROW, BYCOL, MAP: more than one
 * is #CALC!, per their Excel help pages):
 *   BYROW  one row at a time, a 1 x C array;      BYCOL  one column, an R x 1 array;
 *   MAP    one element, a single value;            MAKEARRAY  the row and column numbers.
 * The drivers below do just that to the shipped bundle (dist/functions.js, as Excel loads it). A
 * single value a lifting function returns as a 1 x 1 array is one value to the helper: unverified,
 * docs/EXCEL-CHECKS.md has the row. Goldens: DOMAIN.md worked example 1 (commit 1,000,000, discount
 * 20%, 100,000 list a month: net 960,000, waste 40,000) and hand arithmetic beside each case.
 */
import { ensureBundle } from "../helpers/ensureBundle";
import { CustomFunction, loadBundle } from "../helpers/loadBundle";

type Grid = unknown[][];

let fns: Map<string, CustomFunction>;
beforeAll(() => {
  ensureBundle();
  fns = loadBundle();
}, 300_000);

/** Calls a registered function as Excel does: omitted trailing arguments arrive as null. */
function call(id: string, ...args: unknown[]): unknown {
  const fn = fns.get(id);
  if (!fn) throw new Error(`${id} is not registered`);
  return fn(...args);
}

/** What a helper takes from one LAMBDA call: one value (a 1 x 1 array is one), else #CALC!. */
function one(result: unknown): unknown {
  if (!Array.isArray(result)) return result;
  if (result.length === 1 && Array.isArray(result[0]) && result[0].length === 1) return result[0][0];
  return "#CALC!";
}

const byrow = (array: Grid, lambda: (row: Grid) => unknown): Grid => array.map((row) => [one(lambda([row]))]);
const bycol = (array: Grid, lambda: (column: Grid) => unknown): Grid => [
  array[0]!.map((_, c) => one(lambda(array.map((row) => [row[c]])))),
];
const map = (array: Grid, lambda: (value: unknown) => unknown): Grid =>
  array.map((row) => row.map((value) => one(lambda(value))));
const makearray = (rows: number, columns: number, lambda: (r: number, c: number) => unknown): Grid =>
  Array.from({ length: rows }, (_, r) => Array.from({ length: columns }, (_, c) => one(lambda(r + 1, c + 1))));

const months = (monthly: number) => Array.from({ length: 12 }, () => monthly);

describe("BYROW: a usage table with a year per row", () => {
  test("COMMIT_WASTE of each row", () => {
    // 100,000 a month: 960,000 net, waste 40,000. 90,000: 864,000 net, waste 136,000. 110,000: 1,056,000, waste 0.
    const table = [months(100_000), months(90_000), months(110_000)];
    const out = byrow(table, (row) => call("COMMIT_WASTE", 1_000_000, row, 0.2, null, null, null));
    expect(out.map(([v]) => v as number)).toEqual([
      expect.closeTo(40_000, 6),
      expect.closeTo(136_000, 6),
      expect.closeTo(0, 6),
    ]);
  });

  test("TOTAL_COST of each row: the commit, plus overage at list once it is used up", () => {
    // 960,000 and 864,000 net fit in the 1,000,000 commit. 110,000 a month: the commit draws 1,250,000 of
    // the 1,320,000 list (1,000,000 / 0.8); the other 70,000 is overage at rate 1 x list: 1,070,000.
    const table = [months(100_000), months(90_000), months(110_000)];
    const out = byrow(table, (row) => call("TOTAL_COST", 1_000_000, row, 0.2, null, null, null, null));
    expect(out.map(([v]) => v as number)).toEqual([
      expect.closeTo(1_000_000, 6),
      expect.closeTo(1_000_000, 6),
      expect.closeTo(1_070_000, 6),
    ]);
  });
});

describe("BYCOL: two vendors' years side by side", () => {
  test("UTILIZATION of each column", () => {
    // 960,000 / 1,000,000 = 0.96; 864,000 / 1,000,000 = 0.864.
    const table = months(100_000).map((v) => [v, 90_000]);
    const [row] = bycol(table, (column) => call("UTILIZATION", 1_000_000, column, 0.2, null, null, null));
    expect(row!.map((v) => v as number)).toEqual([expect.closeTo(0.96, 12), expect.closeTo(0.864, 12)]);
  });
});

describe("MAP: one value at a time", () => {
  test("COMMIT_WASTE over a column of commits", () => {
    // Net 960,000: a 900,000 commit wastes 0, 1,000,000 wastes 40,000, 1,100,000 wastes 140,000.
    const usage = months(100_000).map((v) => [v]);
    const out = map([[900_000], [1_000_000], [1_100_000]], (commit) =>
      call("COMMIT_WASTE", commit, usage, 0.2, null, null, null),
    );
    expect(out.map(([v]) => v as number)).toEqual([
      expect.closeTo(0, 6),
      expect.closeTo(40_000, 6),
      expect.closeTo(140_000, 6),
    ]);
  });

  test("PRICE over a column of models, with a word from its choice list", () => {
    // DOMAIN.md's price table: Sonnet 4.5 input 3, Opus 4.5 input 5.
    const out = map([["Sonnet 4.5"], ["Opus 4.5"]], (model) => call("PRICE", model, "input", null));
    expect(out).toEqual([[3], [5]]);
  });

  test("an error in one element stays in its own result, as Excel's own functions do", () => {
    const usage = months(100_000).map((v) => [v]);
    const out = map([[1_000_000], ["lots"]], (commit) => {
      try {
        return call("COMMIT_WASTE", commit, usage, 0.2, null, null, null);
      } catch (error) {
        return (error as { code?: string }).code ?? "threw";
      }
    });
    expect(out[0]![0]).toBeCloseTo(40_000, 6);
    expect(out[1]![0]).toBe("#VALUE!");
  });
});

describe("a function that spills, inside a helper", () => {
  test("PROJECT's column of months is more than one value: #CALC!, as Excel's own spilling functions give", () => {
    // PROJECT({1;2;4}, 2) spills two months (DOMAIN.md's example: 5.3333, 6.8333); MAP wants one value.
    const out = map([[2]], (months) => call("PROJECT", [[1], [2], [4]], months, null, null));
    expect(out).toEqual([["#CALC!"]]);
  });
});

describe("MAKEARRAY: row and column numbers", () => {
  test("a table of commits by row and discounts by column", () => {
    // Commit r x 500,000, discount c x 10%: net 1,200,000 x (1 - 0.1c).
    // r=1 (500,000): nets 1,080,000 and 960,000 both above, waste 0; r=2 (1,000,000): 0 and 40,000.
    const usage = months(100_000).map((v) => [v]);
    const out = makearray(2, 2, (r, c) => call("COMMIT_WASTE", r * 500_000, usage, c / 10, null, null, null));
    expect(out.flat().map((v) => v as number)).toEqual([
      expect.closeTo(0, 6),
      expect.closeTo(0, 6),
      expect.closeTo(0, 6),
      expect.closeTo(40_000, 6),
    ]);
  });
});
