/**
 * Section 1, the core alone (no Excel, no validation): ledger month-steps per second over the
 * workload's 1,000 rows x 60 months, and the sizing functions with 1,000 scenarios x 60 months.
 * A month-step is one ledger run over one month; for TOTAL_COST and COMMIT_WASTE that is one row's
 * month ("months x rows processed"), while LEVER_VALUES runs the ledger five times a row. TOTAL_COST
 * and COMMIT_WASTE run twice: on the usage array (gathered into periods by every run, as a call of
 * one commit does) and on usage gathered once (`core.gather`, as a lifted call over many commits
 * does): the latter is the ledger's own share of a lifted recalculation.
 */
import * as core from "../src/core";
import * as sheet from "../src/sheet";
import { TERMS } from "../src/catalogue/terms";
import { sink, time, Timing } from "./measure";
import { BANDS, COMMITS, dealFor, LEVER_RUNS_PER_ROW, MONTHS, ROWS, SIZING, termsTable, USAGE } from "./workload";

export interface Throughput {
  readonly name: string;
  /** Usage gathered into periods once for every row (a lifted call), not by each run. */
  readonly gathered: boolean;
  /** Ledger runs per row (LEVER_VALUES values several deals per row). */
  readonly runsPerRow: number;
  /** Milliseconds for one pass over the 1,000 rows. */
  readonly pass: Timing;
  /** Row-months (months x rows) per second, from the CPU-time median. */
  readonly rowStepsPerSecond: number;
  /** Ledger month-steps per second: row-months times the ledger runs each row makes. */
  readonly ledgerStepsPerSecond: number;
}

export interface CoreResult {
  readonly throughput: readonly Throughput[];
  readonly recommend: Timing;
  readonly curve: Timing;
  readonly scenarios: number;
  /** The commits COMMIT_CURVE's table values (each over every scenario, after the recommendation). */
  readonly curveRows: number;
}

/** Passes per timed run: one pass takes well under a millisecond, too short to time alone. */
const PASSES = 20;

function throughput(
  name: string,
  runsPerRow: number,
  row: (i: number) => number,
  runs: number,
  gathered = false,
): Throughput {
  const timing = time(() => {
    for (let p = 0; p < PASSES; p++) for (let i = 0; i < ROWS; i++) sink.value += row(i);
  }, runs);
  const pass = { runs: timing.runs, wallMs: timing.wallMs / PASSES, cpuMs: timing.cpuMs / PASSES };
  const rowStepsPerSecond = (ROWS * MONTHS) / (pass.cpuMs / 1000);
  return { name, gathered, runsPerRow, pass, rowStepsPerSecond, ledgerStepsPerSecond: rowStepsPerSecond * runsPerRow };
}

export function runCore(runs: number): CoreResult {
  const deals = COMMITS.map(dealFor);
  const terms = COMMITS.map((commit) => {
    const parsed = sheet.parseTerms("terms", termsTable(commit), TERMS);
    if (parsed instanceof core.LeverError) throw new Error(parsed.message);
    return parsed;
  });
  const usage = [...USAGE];
  const gathered = core.gather(usage);
  const result = {
    throughput: [
      throughput("TOTAL_COST", 1, (i) => core.totalCost(usage, deals[i]!), runs),
      throughput("COMMIT_WASTE", 1, (i) => core.commitWaste(usage, deals[i]!), runs),
      throughput("TOTAL_COST", 1, (i) => core.totalCost(gathered, deals[i]!), runs, true),
      throughput("COMMIT_WASTE", 1, (i) => core.commitWaste(gathered, deals[i]!), runs, true),
      throughput("LEVER_VALUES", LEVER_RUNS_PER_ROW, (i) => sheet.leverTable(usage, terms[i]!, TERMS).length, runs),
    ],
    recommend: time(() => (sink.value += core.recommendCommit(usage, BANDS, SIZING).commit), runs),
    curve: time(() => (sink.value += core.commitCurve(usage, BANDS, SIZING, 25).rows.length), runs),
    scenarios: core.scenarioFactors(SIZING.volatility).length,
    curveRows: core.commitCurve(usage, BANDS, SIZING, 25).rows.length,
  };
  return result;
}
