/**
 * Section 3, per-call overhead in the functions layer: what a call costs on top of the core's own
 * work (reading and checking the arguments, the usage range above all), measured on the production
 * functions.js, and whether caching a parsed usage range could pay.
 */
import * as core from "../src/core";
import * as sheet from "../src/sheet";
import { TERMS } from "../src/catalogue/terms";
import type { CustomFunction } from "../src/preview/leversPlugin";
import { loadBundle } from "../test/helpers/loadBundle";
import { join } from "node:path";
import { loadFunctions } from "./bundle";
import { Sample, sample, sink, summarize, time, Timing } from "./measure";
import { BANDS, COMMITS, DEAL, dealFor, ROWS, SIZING, termsTable, usageColumn, USAGE } from "./workload";

export interface OverheadResult {
  /** Microseconds per call, from CPU-time medians over 1,000 calls. */
  readonly perCallUs: {
    readonly core: number;
    /** TOTAL_COST over a 60-month range less over a 1-month one: what the range costs a call. */
    readonly usageRange: number;
    readonly totalCost: number;
    readonly totalCostOtherRealm: number;
    readonly leverValues: number;
    readonly leverValuesCore: number;
  };
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
    totalCostOneMonth: time(
      each((i) => totalCost(COMMITS[i], oneMonth[i], discount, overageRate, carryover, periodMonths)),
      runs,
    ),
    totalCost: time(
      each((i) => totalCost(COMMITS[i], ranges[i], discount, overageRate, carryover, periodMonths)),
      runs,
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
  const recommend = fn("RECOMMEND_COMMIT");
  const curve = fn("COMMIT_CURVE");
  const { volatility } = SIZING;
  const sizingArgs = () => [usageColumn(), bandsTable(), overageRate, carryover, periodMonths, volatility];
  return {
    perCallUs: {
      core: perCall(timings.core, ROWS),
      usageRange: perCall(timings.totalCost, ROWS) - perCall(timings.totalCostOneMonth, ROWS),
      totalCost: perCall(timings.totalCost, ROWS),
      totalCostOtherRealm: perCall(timings.totalCostOtherRealm, ROWS),
      leverValues: perCall(timings.leverValues, ROWS),
      leverValuesCore: perCall(timings.leverValuesCore, ROWS),
    },
    recommend: time(() => (sink.value += Number(recommend(...sizingArgs()))), runs),
    curve: time(() => (sink.value += (curve(...sizingArgs(), 25) as unknown[]).length), runs),
    firstRecommend: firstCall(dir, "RECOMMEND_COMMIT", sizingArgs, loads),
    firstCurve: firstCall(dir, "COMMIT_CURVE", () => [...sizingArgs(), 25], loads),
  };
}

function fail(id: string): never {
  throw new Error(`functions.js did not associate ${id}`);
}
