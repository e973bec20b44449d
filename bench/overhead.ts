/**
 * Section 3, per-call overhead in the functions layer: what a call costs on top of the core's own
 * work (reading and checking the arguments, the usage range above all), measured on the production
 * functions.js: a call of one commit, a lifted call over the 1,000-commit column, and the 50 x 50
 * commit x discount grid in one call (checked cell by cell against the core before it is timed).
 */
import * as core from "../src/core";
import * as sheet from "../src/sheet";
import { TERMS } from "../src/catalogue/terms";
import type { CustomFunction } from "../src/preview/leversPlugin";
import { loadBundle } from "../test/helpers/loadBundle";
import { join } from "node:path";
import { loadFunctions } from "./bundle";
import { Sample, sample, sink, summarize, time, timeInTurns, Timing } from "./measure";
import { agree } from "./twin";
import { BANDS, COMMITS, DEAL, dealFor, GRID, ROWS, SIZING, termsTable, usageColumn, USAGE } from "./workload";

export interface OverheadResult {
  /** Microseconds per call, from CPU-time medians over 1,000 calls. */
  readonly perCallUs: {
    readonly core: number;
    /** TOTAL_COST over a 60-month range less over a 1-month one: what the range costs a call (0 if lost in noise). */
    readonly usageRange: number;
    readonly totalCost: number;
    readonly totalCostOtherRealm: number;
    readonly leverValues: number;
    readonly leverValuesCore: number;
  };
  /** TOTAL_COST lifted over the 1,000-commit column in one call, as the plugin passes it, once warm. */
  readonly lifted: Timing;
  /** TOTAL_COST over the 50 x 50 commit x discount grid in one call: once warm, and the first call after load. */
  readonly grid: Timing;
  readonly firstGrid: Timing;
  /** Whole calls through functions.js, milliseconds, once warm. */
  readonly recommend: Timing;
  readonly curve: Timing;
  /** The first call after functions.js loads (cold: compiled on first use), medians over fresh loads. */
  readonly firstRecommend: Timing;
  readonly firstCurve: Timing;
}

function perCall(timing: Timing, calls: number): number {
  return (timing.cpuMs * 1000) / calls;
}

const bandsTable = (): (string | number)[][] => [
  ["Threshold", "Discount"],
  ...BANDS.map((b) => [b.threshold, b.discount]),
];

/** The first call of `id` in `loads` freshly compiled copies of functions.js. */
function firstCall(dir: string, id: string, args: () => unknown[], loads: number): Timing {
  const samples: Sample[] = [];
  for (let i = 0; i < loads; i++) {
    const fn = loadFunctions(dir, `${id} ${i} ${Date.now()}`).get(id) ?? fail(id);
    const input = args();
    samples.push(sample(() => (sink.value += Number(fn(...input)) || 1)));
  }
  return summarize(samples);
}

/** The grid's arguments as Excel passes them to matrix parameters: 2-D arrays, a single value as [[value]]. */
function gridArgs(): unknown[] {
  const { overageRate, carryover, periodMonths } = DEAL;
  return [
    GRID.commits.map((c) => [c]),
    usageColumn(),
    [[...GRID.discounts]],
    [[overageRate]],
    [[carryover]],
    [[periodMonths]],
  ];
}

/** Every cell of the grid against the core's ledger, to 1e-6 relative: a benchmark of wrong answers is void. */
function checkGrid(result: unknown): void {
  const grid = result as unknown[][];
  const problems: string[] = [];
  if (grid.length !== GRID.commits.length) problems.push(`${grid.length} rows, not ${GRID.commits.length}`);
  GRID.commits.forEach((commit, r) =>
    GRID.discounts.forEach((discount, c) => {
      const expected = core.totalCost(USAGE, { ...dealFor(commit), discount });
      const value = grid[r]?.[c];
      if (typeof value !== "number" || !agree(value, expected)) {
        problems.push(`row ${r + 1}, column ${c + 1}: ${String(value)}; the core's ledger ${expected}`);
      }
    }),
  );
  if (problems.length > 0) {
    throw new Error(
      `The grid disagrees with the core; no figures are reported:\n  ${problems.slice(0, 5).join("\n  ")}`,
    );
  }
}

export function runOverhead(dir: string, runs: number, loads: number): OverheadResult {
  // A fresh usage array for every call, as Excel (and the HyperFormula plugin) pass one per call.
  const ranges = COMMITS.map(() => usageColumn());
  const usage = [...USAGE];
  const deals = COMMITS.map(dealFor);
  const fns = loadFunctions(dir);
  const fn = (id: string): CustomFunction => fns.get(id) ?? fail(id);
  const totalCost = fn("TOTAL_COST");
  const leverValues = fn("LEVER_VALUES");
  const { discount, overageRate, carryover, periodMonths } = DEAL;
  const terms = COMMITS.map(termsTable);
  const parsedTerms = terms.map((t) => sheet.parseTerms("terms", t, TERMS) as sheet.Terms);

  // The same calls over a one-month range: the difference is what reading and checking the range costs.
  const oneMonth = COMMITS.map(() => usageColumn(USAGE.slice(0, 1)));
  const other = loadBundle({ file: join(dir, "functions.js") }).get("TOTAL_COST")!;
  const each = (call: (i: number) => unknown) => () => {
    for (let i = 0; i < ROWS; i++) sink.value += Number(call(i)) || 1;
  };
  const timings = {
    core: time(
      each((i) => core.totalCost(usage, deals[i]!)),
      runs,
    ),
    // Timed in turns, warm, so that their difference (a microsecond of five) is not a difference of load.
    ...timeInTurns(
      {
        totalCostOneMonth: each((i) =>
          totalCost(COMMITS[i], oneMonth[i], discount, overageRate, carryover, periodMonths),
        ),
        totalCost: each((i) => totalCost(COMMITS[i], ranges[i], discount, overageRate, carryover, periodMonths)),
      },
      3 * runs,
    ),
    totalCostOtherRealm: time(
      each((i) => other(COMMITS[i], ranges[i], discount, overageRate, carryover, periodMonths)),
      Math.min(runs, 3),
      0,
    ),
    leverValues: time(
      each((i) => (leverValues(ranges[i], terms[i]) as unknown[]).length),
      runs,
    ),
    leverValuesCore: time(
      each((i) => sheet.leverTable(usage, parsedTerms[i]!, TERMS).length),
      runs,
    ),
  };
  // The lifted call as the plugin passes it: the commit column, usage, and [[value]] for each single cell.
  const commitColumn = COMMITS.map((c) => [c]);
  const lifted = time(
    () =>
      (sink.value += (
        totalCost(
          commitColumn,
          usageColumn(),
          [[discount]],
          [[overageRate]],
          [[carryover]],
          [[periodMonths]],
        ) as unknown[]
      ).length),
    runs,
  );
  checkGrid(totalCost(...gridArgs()));
  const grid = time(() => (sink.value += (totalCost(...gridArgs()) as unknown[]).length), runs);
  const firstGrid = firstCall(dir, "TOTAL_COST", gridArgs, loads);
  const recommend = fn("RECOMMEND_COMMIT");
  const curve = fn("COMMIT_CURVE");
  const { volatility } = SIZING;
  const sizingArgs = () => [usageColumn(), bandsTable(), overageRate, carryover, periodMonths, volatility];
  return {
    perCallUs: {
      core: perCall(timings.core, ROWS),
      usageRange: Math.max(0, perCall(timings.totalCost, ROWS) - perCall(timings.totalCostOneMonth, ROWS)),
      totalCost: perCall(timings.totalCost, ROWS),
      totalCostOtherRealm: perCall(timings.totalCostOtherRealm, ROWS),
      leverValues: perCall(timings.leverValues, ROWS),
      leverValuesCore: perCall(timings.leverValuesCore, ROWS),
    },
    lifted,
    grid,
    firstGrid,
    recommend: time(() => (sink.value += Number(recommend(...sizingArgs()))), runs),
    curve: time(() => (sink.value += (curve(...sizingArgs(), 25) as unknown[]).length), runs),
    firstRecommend: firstCall(dir, "RECOMMEND_COMMIT", sizingArgs, loads),
    firstCurve: firstCall(dir, "COMMIT_CURVE", () => [...sizingArgs(), 25], loads),
  };
}

function fail(id: string): never {
  throw new Error(`functions.js did not associate ${id}`);
}
