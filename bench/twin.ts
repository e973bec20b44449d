/**
 * The same model twice in HyperFormula: 1,000 deal rows, each with its own commit, over one shared
 * 60-month usage column, annual periods and carryover; each row shows waste, overage billed and
 * total cost. Once with the LEVERS.* functions (through the production functions.js and the
 * preview's plugin, as Excel calls them), once with native formulas only, laid out as a careful
 * analyst would. Both are checked against each other and against the core before any time counts.
 */
import { HyperFormula, RawCellContent } from "hyperformula";
import * as core from "../src/core";
import { CustomFunction, leversPlugin } from "../src/preview/leversPlugin";
import { columnName as col, registerPlugin } from "../src/preview/modelWorkbook";
import { CustomFunctionsError } from "../test/helpers/loadBundle";
import { loadFunctions, loadMetadata } from "./bundle";
import { sample, Timing, timeInTurns } from "./measure";
import { registerLedgerRows } from "./spilled";
import { COMMITS, DEAL, dealFor, MONTHS, ROWS, USAGE } from "./workload";

/** One engine's workbook: where the figures sit and how to read them. */
interface Twin {
  readonly engine: HyperFormula;
  /** The columns (0-based) of waste, overage billed and total cost on the Deals sheet. */
  readonly columns: { readonly waste: number; readonly billed: number; readonly total: number };
}

const CONFIG = { licenseKey: "gpl-v3", useArrayArithmetic: true, smartRounding: false } as const;

/** Inputs shared by both twins: Inputs!A2:A61 months, B2:B61 usage, E1:E4 the terms. */
const USAGE_RANGE = "Inputs!$B$2:$B$61";
const DISCOUNT = "Inputs!$E$1";
const CARRYOVER = "Inputs!$E$2";
const OVERAGE_RATE = "Inputs!$E$3";
const PERIOD = "Inputs!$E$4";
/** The cell the single-usage edit types into (month 31, mid-term, so three periods' carry chains move). */
const EDITED_MONTH = 31;

function inputsSheet(extra: (row: number) => RawCellContent[] = () => []): RawCellContent[][] {
  const labels = ["Discount", "Carryover", "Overage rate", "Period months"];
  const terms = [DEAL.discount, DEAL.carryover, DEAL.overageRate, DEAL.periodMonths];
  const sheet: RawCellContent[][] = [["Month", "Usage", null, labels[0]!, terms[0]!, null, ...extra(0)]];
  for (let t = 1; t <= MONTHS; t++) {
    const row: RawCellContent[] = [t, USAGE[t - 1]!, null, labels[t] ?? null, terms[t] ?? null, null];
    sheet.push([...row, ...extra(t)]);
  }
  return sheet;
}

/** With LEVERS.*: two calls a row; overage billed is the total less the commitment (C x months / P). */
export function leversTwin(dir: string, onUsage: (usage: unknown) => void = () => {}): Twin {
  // Every call's usage argument is shown to `onUsage` (to count how often the same array object recurs).
  const functions = new Map<string, CustomFunction>();
  for (const [id, fn] of loadFunctions(dir)) {
    functions.set(id, (...args: unknown[]) => {
      onUsage(args[1]);
      return fn(...args);
    });
  }
  const plugin = leversPlugin({ metadata: loadMetadata(dir), functions, errorClass: CustomFunctionsError });
  registerPlugin(plugin);
  const deals: RawCellContent[][] = [["Commit", "Waste", "Total cost", "Overage billed"]];
  COMMITS.forEach((commit, i) => {
    const r = i + 2;
    deals.push([
      commit,
      `=LEVERS.COMMIT_WASTE(A${r}, ${USAGE_RANGE}, ${DISCOUNT}, ${CARRYOVER}, ${PERIOD})`,
      `=LEVERS.TOTAL_COST(A${r}, ${USAGE_RANGE}, ${DISCOUNT}, ${OVERAGE_RATE}, ${CARRYOVER}, ${PERIOD})`,
      `=C${r}-A${r}*ROWS(${USAGE_RANGE})/${PERIOD}`,
    ]);
  });
  const engine = HyperFormula.buildFromSheets({ Inputs: inputsSheet(), Deals: deals }, CONFIG);
  return { engine, columns: { waste: 1, billed: 3, total: 2 } };
}

/**
 * Native formulas only, as a careful analyst would build it:
 *   - one shared period table (Inputs!G:I): period k, its months and its drawn dollars
 *     (1 - d) * SUMPRODUCT((INT((month - 1) / P) + 1 = k) * usage), so the sums are done once;
 *   - per deal row and period: available (prorated commit + carry in), unused = MAX(0, available -
 *     drawn), overage = MAX(0, drawn - available); carry in is the carryover share of the previous
 *     period's unused (the carry chain);
 *   - waste = (1 - carryover) x the unused of every period but the last, plus all of the last;
 *     overage billed = overage rate x overage / (1 - d); total = commit x months / P + billed.
 */
export function nativeTwin(): Twin {
  const periods = Math.ceil(MONTHS / DEAL.periodMonths);
  const periodRow = (t: number): RawCellContent[] => {
    if (t === 0) return ["Period", "Months", "Drawn"];
    if (t > periods) return [];
    const r = t + 1;
    const inPeriod = `(INT(($A$2:$A$61-1)/${PERIOD})+1=G${r})`;
    return [t, `=SUMPRODUCT(${inPeriod}*1)`, `=(1-${DISCOUNT})*SUMPRODUCT(${inPeriod}*$B$2:$B$61)`];
  };
  const inputs = inputsSheet(periodRow);
  const avail = (k: number) => 1 + k;
  const unused = (k: number) => 1 + periods + k;
  const over = (k: number) => 1 + 2 * periods + k;
  const waste = 1 + 3 * periods;
  const header: RawCellContent[] = ["Commit"];
  for (let k = 0; k < periods; k++) header[avail(k)] = `Available ${k + 1}`;
  for (let k = 0; k < periods; k++) header[unused(k)] = `Unused ${k + 1}`;
  for (let k = 0; k < periods; k++) header[over(k)] = `Overage ${k + 1}`;
  header.push("Waste", "Overage billed", "Total cost");
  const deals: RawCellContent[][] = [header];
  COMMITS.forEach((commit, i) => {
    const r = i + 2;
    const row: RawCellContent[] = [commit];
    for (let k = 0; k < periods; k++) {
      const months = `Inputs!$H$${k + 2}`;
      const drawn = `Inputs!$I$${k + 2}`;
      const carryIn = k === 0 ? "" : `+${CARRYOVER}*${col(unused(k - 1))}${r}`;
      row[avail(k)] = `=$A${r}*${months}/${PERIOD}${carryIn}`;
      row[unused(k)] = `=MAX(0,${col(avail(k))}${r}-${drawn})`;
      row[over(k)] = `=MAX(0,${drawn}-${col(avail(k))}${r})`;
    }
    const lastUnused = `${col(unused(periods - 1))}${r}`;
    const earlierUnused = `${col(unused(0))}${r}:${col(unused(periods - 2))}${r}`;
    row[waste] = `=(1-${CARRYOVER})*SUM(${earlierUnused})+${lastUnused}`;
    row[waste + 1] = `=${OVERAGE_RATE}*SUM(${col(over(0))}${r}:${col(over(periods - 1))}${r})/(1-${DISCOUNT})`;
    row[waste + 2] = `=$A${r}*SUM(Inputs!$H$2:$H$${periods + 1})/${PERIOD}+${col(waste + 1)}${r}`;
    deals.push(row);
  });
  const engine = HyperFormula.buildFromSheets({ Inputs: inputs, Deals: deals }, CONFIG);
  return { engine, columns: { waste, billed: waste + 1, total: waste + 2 } };
}

const SPILLED_CALL = `=BENCH.LEDGER_ROWS($A$2:$A$${ROWS + 1}, ${USAGE_RANGE}, ${DISCOUNT}, ${OVERAGE_RATE}, ${CARRYOVER}, ${PERIOD})`;

/** With one BENCH.LEDGER_ROWS call spilling all three figures for every row (spilled.ts). */
export function spilledTwin(): Twin {
  registerLedgerRows();
  const deals: RawCellContent[][] = [["Commit", "Waste", "Overage billed", "Total cost"]];
  COMMITS.forEach((commit, i) => deals.push([commit, i === 0 ? SPILLED_CALL : null]));
  const engine = HyperFormula.buildFromSheets({ Inputs: inputsSheet(), Deals: deals }, CONFIG);
  return { engine, columns: { waste: 1, billed: 2, total: 3 } };
}

/** What a row should show, from the core's own ledger. */
function expectedRow(usage: readonly number[], discount: number, commit: number) {
  const run = core.runLedger(usage, { ...dealFor(commit), discount });
  return { waste: run.forfeited, billed: run.billedOverage, total: run.totalCost };
}

/** Numbers agree to 1e-6 relative (with a floor of 1e-6 dollars for figures near 0). */
function agree(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));
}

export type TwinName = "levers" | "native" | "spilled";

/**
 * Checks every row of every twin against the LEVERS twin and against the core's ledger on the same
 * inputs, to 1e-6 relative; returns the first few mismatches, described, so the bench can abort:
 * a benchmark of wrong answers is void.
 */
export function compareTwins(twins: Record<TwinName, Twin>, usage: readonly number[], discount: number): string[] {
  const problems: string[] = [];
  const sheets = Object.entries(twins).map(([name, twin]) => ({ name, twin, sheet: twin.engine.getSheetId("Deals")! }));
  for (let i = 0; i < ROWS && problems.length < 5; i++) {
    const expected = expectedRow(usage, discount, COMMITS[i]!);
    for (const figure of ["waste", "billed", "total"] as const) {
      const values = sheets.map(({ twin, sheet }) =>
        twin.engine.getCellValue({ sheet, row: i + 1, col: twin.columns[figure] }),
      );
      const ours = values[0];
      values.forEach((value, t) => {
        const fine =
          typeof value === "number" && agree(value, expected[figure]) && typeof ours === "number" && agree(value, ours);
        if (!fine) {
          problems.push(
            `${sheets[t]!.name} twin, Deals row ${i + 2}, ${figure}: ${String(value)}; LEVERS ${String(ours)}; the core's ledger ${expected[figure]}`,
          );
        }
      });
    }
  }
  return problems;
}

export interface TwinResult {
  readonly buildMs: Record<TwinName, number>;
  readonly formulas: Record<TwinName, number>;
  /** A full recalculation: the discount cell changes, and every formula of every twin depends on it. */
  readonly full: Record<TwinName, Timing>;
  /** A single-usage edit: month 31 changes. */
  readonly edit: Record<TwinName, Timing>;
  /** Custom-function calls one recalculation makes in the LEVERS twin. */
  readonly callsPerRecalc: number;
  /** How many of those calls received a usage array object that an earlier call of the same recalculation had. */
  readonly repeatedUsageArrays: number;
}

function formulaCount(engine: HyperFormula): number {
  let n = 0;
  for (const sheet of engine.getSheetNames()) {
    const id = engine.getSheetId(sheet)!;
    for (const row of engine.getSheetFormulas(id)) for (const f of row) if (f) n++;
  }
  return n;
}

/**
 * Builds the twins, checks them, then times in turns a full recalculation and a single-usage
 * edit. Values alternate between two settings so every edit is a real change; the twins are
 * checked after each kind of edit before timing and again on the final inputs after it.
 */
export function runTwins(dir: string, runs: number, fail: (problems: string[]) => never): TwinResult {
  const seen = { counting: false, arrays: new Set<unknown>(), repeats: 0, calls: 0 };
  const builds = {} as Record<TwinName, { twin: Twin; ms: number }>;
  const build = (name: TwinName, make: () => Twin) => {
    let twin: Twin | undefined;
    const { wallMs } = sample(() => (twin = make()));
    builds[name] = { twin: twin!, ms: wallMs };
  };
  build("levers", () =>
    leversTwin(dir, (usage) => {
      if (!seen.counting) return;
      seen.calls++;
      if (seen.arrays.has(usage)) seen.repeats++;
      else seen.arrays.add(usage);
    }),
  );
  build("native", nativeTwin);
  build("spilled", spilledTwin);
  const twins = Object.fromEntries(Object.entries(builds).map(([k, v]) => [k, v.twin])) as Record<TwinName, Twin>;
  const names = Object.keys(twins) as TwinName[];

  const usage = [...USAGE];
  let discount = DEAL.discount;
  const check = () => {
    const problems = compareTwins(twins, usage, discount);
    if (problems.length > 0) fail(problems);
  };
  check();

  const discounts = [0.2, 0.22];
  const edits = [USAGE[EDITED_MONTH - 1]!, USAGE[EDITED_MONTH - 1]! * 1.5];
  const turns = { full: new Map<TwinName, number>(), edit: new Map<TwinName, number>() };
  const next = (kind: "full" | "edit", name: TwinName) => {
    const n = (turns[kind].get(name) ?? 0) + 1;
    turns[kind].set(name, n);
    return n % 2;
  };
  const inputs = (t: Twin) => t.engine.getSheetId("Inputs")!;
  const setDiscount = (name: TwinName) => () => {
    discount = discounts[next("full", name)]!;
    twins[name].engine.setCellContents({ sheet: inputs(twins[name]), row: 0, col: 4 }, [[discount]]);
  };
  const setUsage = (name: TwinName) => () => {
    const u = edits[next("edit", name)]!;
    usage[EDITED_MONTH - 1] = u;
    twins[name].engine.setCellContents({ sheet: inputs(twins[name]), row: EDITED_MONTH, col: 1 }, [[u]]);
  };

  // Each kind of edit once, checked, before any timing; then count one recalculation's calls.
  for (const name of names) setDiscount(name)();
  check();
  for (const name of names) setUsage(name)();
  check();
  seen.counting = true;
  setDiscount("levers")();
  seen.counting = false;
  const calls = seen.calls;
  const repeats = seen.repeats;
  seen.arrays.clear();
  setDiscount("native")();
  setDiscount("spilled")();

  const full = timeInTurns(
    Object.fromEntries(names.map((n) => [n, setDiscount(n)])) as Record<TwinName, () => void>,
    runs,
  );
  const edit = timeInTurns(
    Object.fromEntries(names.map((n) => [n, setUsage(n)])) as Record<TwinName, () => void>,
    runs,
  );
  check();
  return {
    buildMs: Object.fromEntries(names.map((n) => [n, builds[n].ms])) as Record<TwinName, number>,
    formulas: Object.fromEntries(names.map((n) => [n, formulaCount(twins[n].engine)])) as Record<TwinName, number>,
    full,
    edit,
    callsPerRecalc: calls,
    repeatedUsageArrays: repeats,
  };
}
