/**
 * DOMAIN.md "Arrays in, arrays out": every argument of the ledger and lever functions but usage and
 * the tables may be a range; results broadcast to the largest rows and columns, cells beyond a
 * shorter argument are #N/A, a bad element errors its own cell, and a single call is unchanged.
 */
import "../helpers/customFunctions";
import * as F from "../../src/catalogue/functions";
import { FunctionId } from "../../src/catalogue/functions";
import * as functions from "../../src/functions/functions";
import * as sizing from "../../src/functions/sizing";
import { run } from "../../src/functions/runner";
import * as single from "../helpers/single";
import { column, flat, twoYears } from "../helpers/series";
import { FUNCTIONS } from "../hardening/table";

const ex1 = column(flat(12, 100_000));
type Grid = unknown[][];
const runRaw = run as (entry: F.FunctionEntry, ...args: unknown[]) => Grid;
/** The adapters as Excel calls them: any value (a matrix parameter gets a 2-D array; a test may pass a bare value). */
const raw = (fn: unknown) => fn as (...args: unknown[]) => Grid;
const f = {
  totalCost: raw(functions.totalCost),
  commitWaste: raw(functions.commitWaste),
  horizonCost: raw(functions.horizonCost),
};
const bandDiscount = raw(sizing.bandDiscount);

/** The error a cell shows. */
function errorIn(cell: unknown): { code: string; message: string } {
  expect(typeof cell).toBe("object");
  return cell as { code: string; message: string };
}

describe("a grid from a column and a row (worked example 1's usage, by hand)", () => {
  // 12 x 100,000 at list. d = 0.2: drawn 960,000; d = 0.25: drawn 900,000.
  const commits = [[900_000], [1_000_000]];
  const discounts = [[0.2, 0.25]];
  test("TOTAL_COST: commits down x discounts across", () => {
    // 900k at 0.2: 60,000 over, billed 75,000 at list -> 975,000; at 0.25: drawn = commit -> 900,000.
    // 1M at 0.2: 1,000,000 (40,000 forfeited); at 0.25: 1,000,000 (100,000 forfeited).
    const grid = f.totalCost(commits, ex1, discounts);
    expect(grid).toHaveLength(2);
    expect(grid[0]![0]).toBeCloseTo(975_000, 6);
    expect(grid[0]![1]).toBeCloseTo(900_000, 6);
    expect(grid[1]![0]).toBeCloseTo(1_000_000, 6);
    expect(grid[1]![1]).toBeCloseTo(1_000_000, 6);
  });
  test("COMMIT_WASTE: the forfeited grid", () => {
    const grid = f.commitWaste(commits, ex1, discounts) as number[][];
    expect(grid.map((row) => row.map((v) => Math.round(v)))).toEqual([
      [0, 0],
      [40_000, 100_000],
    ]);
  });
  test("BAND_DISCOUNT lifts its commit", () => {
    const bands = [
      [0, 0.1],
      [1_000_000, 0.2],
    ];
    expect(bandDiscount([[500_000], [1_000_000], [2_000_000]], bands)).toEqual([[0.1], [0.2], [0.2]]);
  });
});

describe("shapes follow Excel's rule", () => {
  test("a single value in every argument: one value, as before", () => {
    expect(f.totalCost(900_000, ex1, 0.2)).toHaveLength(1);
    expect(single.totalCost(900_000, ex1, 0.2)).toBeCloseTo(975_000, 6);
  });
  test("a 1x1 range (a matrix parameter's single cell) is a single value", () => {
    expect(f.totalCost([[900_000]], ex1, [[0.2]], [[null]], [[null]], [[null]])).toEqual(
      f.totalCost(900_000, ex1, 0.2),
    );
  });
  test("two columns of different lengths: the cells beyond the shorter one are #N/A, with a message", () => {
    const grid = f.totalCost([[900_000], [1_000_000], [1_100_000]], ex1, [[0.2], [0.25]]);
    expect(grid).toHaveLength(3);
    expect(grid[0]![0]).toBeCloseTo(975_000, 6);
    expect(grid[1]![0]).toBeCloseTo(1_000_000, 6);
    const na = errorIn(grid[2]![0]);
    expect(na.code).toBe("#N/A");
    expect(na.message).toMatch(/^discount: no value for row 3, column 1 of the result \(discount is 2 by 1/);
  });
  test("a column, a row and a shorter row: 2 x 3, the third column #N/A where the short row ends", () => {
    const grid = f.totalCost([[900_000], [1_000_000]], column(twoYears), [[0.2, 0.2, 0.2]], 1, [[0, 0.5]]);
    expect(grid.map((row) => row.length)).toEqual([3, 3]);
    // Worked example 2 at 1,000,000: 2,190,000 without carryover, 2,045,000 with 0.5.
    expect(grid[1]![0]).toBeCloseTo(2_190_000, 6);
    expect(grid[1]![1]).toBeCloseTo(2_045_000, 6);
    expect(errorIn(grid[0]![2]).message).toMatch(/^carryover: no value for row 1, column 3/);
    expect(errorIn(grid[1]![2]).code).toBe("#N/A");
  });
  test("a blank cell in an optional argument's range takes the default", () => {
    const grid = f.totalCost(1_000_000, column(twoYears), 0.2, 1, [[null], [0.5]]);
    expect(grid[0]![0]).toBeCloseTo(2_190_000, 6);
    expect(grid[1]![0]).toBeCloseTo(2_045_000, 6);
  });
  test("a bad element errors its own cell only; an Excel error passed in stays in its cell", () => {
    const passed = new CustomFunctions.Error("#DIV/0!" as CustomFunctions.ErrorCode);
    const grid = f.commitWaste([[1_000_000], [-5], [passed], [900_000]], ex1, 0.2);
    expect(grid[0]![0]).toBeCloseTo(40_000, 6);
    expect(errorIn(grid[1]![0])).toMatchObject({
      code: "#NUM!",
      message: expect.stringMatching(/^commit: -5 at row 2, column 1/),
    });
    expect(errorIn(grid[2]![0]).code).toBe("#DIV/0!");
    expect(grid[3]![0]).toBe(0);
  });
  test("a bad single value beside a range repeats its error into every cell, as Excel's lifting does", () => {
    const grid = f.commitWaste([[1_000_000], [900_000]], ex1, 15);
    expect(grid).toHaveLength(2);
    for (const row of grid) expect(errorIn(row[0]).message).toMatch(/^discount: 15 looks like a percent/);
  });
  test("a term longer than the usage errors its own cell (HORIZON_COST's term_months lifts)", () => {
    const grid = f.horizonCost(1_000_000, ex1, 0.2, [[12, 24]], 1);
    expect(grid[0]![0]).toBeCloseTo(1_000_000, 6);
    expect(errorIn(grid[0]![1])).toMatchObject({
      code: "#NUM!",
      message: expect.stringMatching(/^term_months: 24 months/),
    });
  });
  test("a bad usage fails the whole call, as it would every cell", () => {
    expect(() => f.totalCost([[1], [2]], column([1, "x"]), 0.2)).toThrow(/usage: text "x" at row 2/);
  });
  test("an empty range is #N/A naming the argument", () => {
    expect(() => f.totalCost([[1], [2]], ex1, [])).toThrow(/discount: the range is empty/);
  });
});

describe("usage is read and gathered once per call, however many elements", () => {
  /** The usage range, counting how often its rows are read. */
  function counted(): { range: Grid; reads: () => number } {
    let reads = 0;
    const rows = column(twoYears);
    const range = new Proxy(rows, {
      get(target, key, receiver) {
        if (typeof key === "string" && /^\d+$/.test(key)) reads++;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    return { range, reads: () => reads };
  }
  test("100 commits read the usage rows no more often than one commit does", () => {
    const one = counted();
    single.totalCost(1_000_000, one.range, 0.2);
    const many = counted();
    const commits = Array.from({ length: 100 }, (_, i) => [500_000 + 10_000 * i]);
    const grid = f.totalCost(commits, many.range, 0.2);
    expect(grid).toHaveLength(100);
    expect(many.reads()).toBeGreaterThan(0);
    expect(many.reads()).toBeLessThanOrEqual(one.reads());
  });
});

/** Three good values of each kind, to lift over (the middle one is the hardening table's). */
function variants(kind: string, good: unknown): unknown[] {
  const n = good as number;
  switch (kind) {
    case "money":
      return [n * 0.5, n, n * 1.5];
    case "discount":
      return [0.1, n, 0.3];
    case "share":
      return [0, n, 1];
    case "cap":
      return ["none", n, 0];
    case "change":
      return [0, n, 0.2];
    case "listMultiple":
      return [0.8, n, 1.2];
    case "overage":
      return ["committed", n, 0.9];
    case "months":
      return [6, n, 24];
    case "volatility":
      return [0, n, 0.4];
    default:
      throw new Error(`no variants for ${kind}`);
  }
}

const LIFTED = FUNCTIONS.filter((line) => F.FUNCTIONS[line.id].lifts === true);

describe("every lifted function: a range of an argument equals the single calls, element by element", () => {
  test("the lifted functions are the ledger and lever functions but LEDGER, with BAND_DISCOUNT, FORFEIT_CHANCE and SHORTFALL", () => {
    const ids: FunctionId[] = LIFTED.map((line) => line.id);
    expect(ids).toEqual([
      "COMMIT_WASTE",
      "OVERAGE_VALUE",
      "TOTAL_COST",
      "CARRYOVER_VALUE",
      "UTILIZATION",
      "COVERAGE",
      "ESR",
      "PRICE_LOCK_VALUE",
      "TRUE_FORWARD_COST",
      "RATCHET_COST",
      "EXCLUSION_COST",
      "RENEWAL_CAP_VALUE",
      "HORIZON_COST",
      "CARRYOVER_CAP_COST",
      "BAND_DISCOUNT",
      "FORFEIT_CHANCE",
      "SHORTFALL",
    ]);
  });
  const cases = LIFTED.flatMap((line) =>
    F.FUNCTIONS[line.id].params.flatMap((p, i) =>
      "cell" in p.param ? [{ id: line.id, name: p.name, i, kind: p.param.kind, good: line.good }] : [],
    ),
  );
  test.each(cases)("$id: $name as a column, then as a row", ({ id, i, kind, good }) => {
    const entry: F.FunctionEntry = F.FUNCTIONS[id];
    const values = variants(kind, good[i]);
    const singles = values.map((v) => {
      const args = [...good];
      args[i] = v;
      return runRaw(entry, ...args)[0]![0];
    });
    const asColumn = [...good];
    asColumn[i] = values.map((v) => [v]);
    expect(runRaw(entry, ...asColumn)).toEqual(singles.map((v) => [v]));
    const asRow = [...good];
    asRow[i] = [values];
    expect(runRaw(entry, ...asRow)).toEqual([singles]);
  });
});
