/**
 * Section 6, the functions that run over the futures usage may take (issue 27; DOMAIN.md "Usage under
 * uncertainty"), with both volatilities above 0 (volatility 0.2, growth_volatility 0.2: GRID_COUNT x
 * GRID_COUNT = 10,000 scenarios) over 36 months of the model's sample usage at list:
 *
 *   - LEVER_VALUES of the sample Deal's terms table (src/model's DEAL_TERMS, key | draft | ask);
 *   - COMMIT_RISK of the sample draft deal;
 *   - RECOMMEND_COMMIT over the sample bands (SAMPLE_BANDS), on the draft's other terms;
 *   - FORFEIT_CHANCE lifted over a column of 50 commits around the draft's;
 *   - the first LEVER_VALUES call after a fresh load of functions.js (cold: compiled on first use).
 *
 * Each warm call runs through the production functions.js, in turns with the core's own work for
 * the same answer (src/core and src/sheet called directly, on arguments parsed once), and both are
 * reported as ledger month-steps per second. Every answer of functions.js is checked against the
 * core's first: a benchmark of wrong answers is void.
 */
import * as core from "../src/core";
import * as sheet from "../src/sheet";
import { dealOf, TERMS } from "../src/catalogue/terms";
import { DEAL_TERMS, MODELS, SAMPLE_BANDS, sampleTokens } from "../src/model/definition";
import type { CustomFunction } from "../src/preview/leversPlugin";
import { loadFunctions } from "./bundle";
import { Sample, sample, sink, summarize, timeInTurns, Timing } from "./measure";
import { agree } from "./twin";

/** Months of the sample usage every piece runs over. */
export const UNCERTAIN_MONTHS = 36;
/** Both volatilities: with both above 0 the scenario set is GRID_COUNT x GRID_COUNT. */
export const VOLATILITY = 0.2;
export const GROWTH_VOLATILITY = 0.2;
/** FORFEIT_CHANCE's column: 50 commits a year, 2,000,000 to 4,450,000 in steps of 50,000 (the draft's is 3,000,000). */
export const FORFEIT_COMMITS: readonly number[] = Array.from({ length: 50 }, (_, i) => 2_000_000 + 50_000 * i);

export type UncertainId = "LEVER_VALUES" | "COMMIT_RISK" | "RECOMMEND_COMMIT" | "FORFEIT_CHANCE";

/** One function's warm call: through functions.js and the core's own work for the same answer. */
export interface UncertainPiece {
  readonly id: UncertainId;
  /** What one call computes, for the table. */
  readonly what: string;
  /** Ledger runs over every scenario one call makes (RECOMMEND_COMMIT: the one full expectation it runs at least). */
  readonly ledgerRuns: number;
  /** Whether `ledgerRuns` is a lower bound (RECOMMEND_COMMIT also builds each band's piecewise-linear table). */
  readonly atLeast: boolean;
  /** Month-steps in one call: scenarios x months x ledger runs. */
  readonly steps: number;
  readonly shipped: Timing;
  readonly core: Timing;
}

export interface UncertaintyResult {
  readonly scenarios: number;
  readonly months: number;
  /** The sample usage's list dollars over the months (for the method note). */
  readonly usageTotal: number;
  readonly pieces: readonly UncertainPiece[];
  /** The first LEVER_VALUES call after a fresh load of functions.js: the call, and the load before it (medians over loads). */
  readonly firstCall: { readonly call: Timing; readonly load: Timing; readonly steps: number };
}

/** The sample usage at list, dollars a month: the model's sample tokens priced by the default price book. */
export function sampleListUsage(months: number): number[] {
  return sampleTokens(months).map((month) =>
    month.reduce((sum, t, m) => {
      const cost = core.listCostIn(core.DEFAULT_PRICE_BOOK, MODELS[m]!.name, t.input, t.output);
      if (cost instanceof core.LeverError) throw new Error(cost.message);
      return sum + cost;
    }, 0),
  );
}

/** The Deal sheet's terms table, header included, as Excel passes the Deal name's range. */
function dealTable(): unknown[][] {
  return [["Key", "Draft", "Ask"], ...DEAL_TERMS.map((t) => [t.key, t.draft, t.ask])];
}

/** The Bands sheet's table, header included. */
function bandsTable(): unknown[][] {
  return [["Threshold", "Discount"], ...SAMPLE_BANDS.map(([threshold, discount]) => [threshold, discount])];
}

/** The sample draft's value of a term, as typed on the Deal sheet. */
function draftOf(key: string): number | string {
  const term = DEAL_TERMS.find((t) => t.key === key);
  if (term === undefined || (typeof term.draft !== "number" && typeof term.draft !== "string"))
    throw new Error(`The sample Deal has no draft ${key}`);
  return term.draft;
}

/** Two tables cell by cell: numbers to 1e-6 relative, anything else equal. The first few differences. */
function differences(what: string, shipped: unknown, expected: readonly (readonly unknown[])[]): string[] {
  if (!Array.isArray(shipped)) return [`${what}: functions.js returned ${String(shipped)}`];
  const out: string[] = [];
  if (shipped.length !== expected.length) out.push(`${what}: ${shipped.length} rows, the core ${expected.length}`);
  expected.forEach((row, r) =>
    row.forEach((want, c) => {
      const got = (shipped[r] as unknown[] | undefined)?.[c];
      const same =
        typeof want === "number" ? typeof got === "number" && agree(got, want) : got === want || String(got) === want;
      if (!same) out.push(`${what}, row ${r + 1}, column ${c + 1}: ${String(got)}; the core ${String(want)}`);
    }),
  );
  return out.slice(0, 5);
}

/** Section 6: `runs` timed runs of each warm call, in turns with the core (medians), and `loads` fresh loads for the first call. */
export function runUncertainty(dir: string, runs: number, loads: number): UncertaintyResult {
  const months = UNCERTAIN_MONTHS;
  const usage = sampleListUsage(months);
  // A fresh usage range for every call, as Excel (and the preview's plugin) pass one per call.
  const usageColumn = () => usage.map((u) => [u]);
  const uncertainty: core.Uncertainty = { volatility: VOLATILITY, growthVolatility: GROWTH_VOLATILITY };
  const scenarios = core.scenarioSet(uncertainty).count;

  const fns = loadFunctions(dir);
  const fn = (id: string): CustomFunction => fns.get(id) ?? fail(id);

  // The draft deal's terms that COMMIT_RISK, RECOMMEND_COMMIT and FORFEIT_CHANCE take.
  const commit = draftOf("commit") as number;
  const discount = draftOf("discount") as number;
  const overageRate = draftOf("overage_rate");
  const carryover = draftOf("carryover") as number;
  const periodMonths = draftOf("period_months") as number;
  const dealArgs = { commit, discount, overage_rate: overageRate, carryover, period_months: periodMonths };
  const bands: core.Band[] = SAMPLE_BANDS.map(([threshold, d]) => ({ threshold, discount: d }));

  const terms = sheet.parseTerms("terms", dealTable() as sheet.Grid, TERMS);
  if (terms instanceof core.LeverError) throw new Error(`The sample Deal's terms: ${terms.message}`);
  // One ledger run over the scenarios per deal LEVER_VALUES costs: the draft, each ask alone, the
  // yardstick and all asks together, one per row of its table besides the draft.
  const leverRuns = sheet.leverRows(usage, terms, TERMS).rows.length + 1;

  const leverArgs = () => [usageColumn(), dealTable(), VOLATILITY, GROWTH_VOLATILITY];
  const riskArgs = () => [
    commit,
    usageColumn(),
    discount,
    overageRate,
    carryover,
    periodMonths,
    VOLATILITY,
    GROWTH_VOLATILITY,
  ];
  const recommendArgs = () => [
    usageColumn(),
    bandsTable(),
    overageRate,
    carryover,
    periodMonths,
    VOLATILITY,
    GROWTH_VOLATILITY,
  ];
  // FORFEIT_CHANCE lifts: every parameter is a matrix, a single value [[value]].
  const forfeitArgs = () => [
    FORFEIT_COMMITS.map((c) => [c]),
    usageColumn(),
    [[discount]],
    [[carryover]],
    [[periodMonths]],
    [[VOLATILITY]],
    [[GROWTH_VOLATILITY]],
  ];

  // The core's own work for each answer, as the catalogue's compute runs it on parsed arguments.
  const coreOf = {
    LEVER_VALUES: () => sheet.leverTable(usage, terms, TERMS, uncertainty),
    COMMIT_RISK: () => sheet.riskTable(core.commitRisk(usage, dealOf(dealArgs), core.scenarioSet(uncertainty))),
    RECOMMEND_COMMIT: () =>
      core.recommendCommit(usage, bands, {
        ...dealOf(dealArgs),
        volatility: VOLATILITY,
        growthVolatility: GROWTH_VOLATILITY,
      }).commit,
    FORFEIT_CHANCE: () =>
      FORFEIT_COMMITS.map((c) => [
        core.forfeitChance(usage, dealOf({ ...dealArgs, commit: c }), core.scenarioSet(uncertainty)),
      ]),
  };
  const shippedOf = {
    LEVER_VALUES: () => fn("LEVER_VALUES")(...leverArgs()),
    COMMIT_RISK: () => fn("COMMIT_RISK")(...riskArgs()),
    RECOMMEND_COMMIT: () => fn("RECOMMEND_COMMIT")(...recommendArgs()),
    FORFEIT_CHANCE: () => fn("FORFEIT_CHANCE")(...forfeitArgs()),
  };

  const problems = [
    ...differences("LEVER_VALUES", shippedOf.LEVER_VALUES(), coreOf.LEVER_VALUES()),
    ...differences("COMMIT_RISK", shippedOf.COMMIT_RISK(), coreOf.COMMIT_RISK()),
    ...differences("RECOMMEND_COMMIT", [[shippedOf.RECOMMEND_COMMIT()]], [[coreOf.RECOMMEND_COMMIT()]]),
    ...differences("FORFEIT_CHANCE", shippedOf.FORFEIT_CHANCE(), coreOf.FORFEIT_CHANCE()),
  ];
  if (problems.length > 0) {
    throw new Error(`functions.js disagrees with the core; no figures are reported:\n  ${problems.join("\n  ")}`);
  }

  const counted = (result: unknown) => (Array.isArray(result) ? result.length : Number(result) || 1);
  const piece = (id: UncertainId, what: string, ledgerRuns: number, atLeast = false): UncertainPiece => {
    // Timed in turns, so a burst of load from another process falls on both alike.
    const t = timeInTurns(
      {
        shipped: () => (sink.value += counted(shippedOf[id]())),
        core: () => (sink.value += counted(coreOf[id]())),
      },
      runs,
    );
    return { id, what, ledgerRuns, atLeast, steps: scenarios * months * ledgerRuns, shipped: t.shipped, core: t.core };
  };
  const pieces = [
    piece("LEVER_VALUES", "the sample Deal's asks", leverRuns),
    piece("COMMIT_RISK", "the sample draft deal", 1),
    piece("RECOMMEND_COMMIT", `the ${SAMPLE_BANDS.length} sample bands`, 1, true),
    piece("FORFEIT_CHANCE", `a column of ${FORFEIT_COMMITS.length} commits`, FORFEIT_COMMITS.length),
  ];

  // The first call: each load compiles a fresh copy of functions.js (a new runtime's cold start).
  const callSamples: Sample[] = [];
  const loadSamples: Sample[] = [];
  for (let i = 0; i < loads; i++) {
    let loaded: Map<string, CustomFunction> | undefined;
    loadSamples.push(sample(() => (loaded = loadFunctions(dir, `uncertainty ${i} ${Date.now()}`))));
    const leverValues = loaded?.get("LEVER_VALUES") ?? fail("LEVER_VALUES");
    const args = leverArgs();
    callSamples.push(sample(() => (sink.value += counted(leverValues(...args)))));
  }

  return {
    scenarios,
    months,
    usageTotal: usage.reduce((a, b) => a + b, 0),
    pieces,
    firstCall: { call: summarize(callSamples), load: summarize(loadSamples), steps: scenarios * months * leverRuns },
  };
}

function fail(id: string): never {
  throw new Error(`functions.js did not associate ${id}`);
}
