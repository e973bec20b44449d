/**
 * The same model in HyperFormula, several ways: 1,000 deal rows, each with its own commit, over one
 * shared 60-month usage column, annual periods and carryover; each row shows waste, overage billed
 * and total cost.
 *   - levers: the shipped functions, one lifted call per column over the commit column
 *     (B2 `=LEVERS.COMMIT_WASTE(A2:A1001, ...)`, C2 `=LEVERS.TOTAL_COST(A2:A1001, ...)`), and overage
 *     billed as one native array formula over the spilled total (D2 `=C2:C1001-A2:A1001*ROWS(usage)/P`);
 *   - leversBilledByRow: the same two calls, overage billed by a native formula in each row;
 *   - oneCallPerRow: two calls a row, as before lifting (for reference);
 *   - native: native formulas only, laid out as a careful analyst would.
 * The LEVERS twins call the production functions.js through the preview's plugin, as Excel calls
 * them. Every twin is checked against the others and against the core before any time counts.
 */
import { HyperFormula, RawCellContent } from "hyperformula";
import * as core from "../src/core";
import { CustomFunction, LeversPlugin, leversPlugin } from "../src/preview/leversPlugin";
import { registerPlugin } from "../src/preview/modelWorkbook";
import { columnLetter as col } from "../src/sheet/a1";
import { CustomFunctionsError } from "../test/helpers/loadBundle";
import { loadFunctions, loadMetadata } from "./bundle";
import { median, sample, Timing, timeInTurns } from "./measure";
import { COMMITS, DEAL, dealFor, MONTHS, ROWS, USAGE } from "./workload";

/** One engine's workbook: where the figures sit and how to read them. */
interface Twin {
  readonly engine: HyperFormula;
  /** The columns (0-based) of waste, overage billed and total cost on the Deals sheet. */
  readonly columns: { readonly waste: number; readonly billed: number; readonly total: number };
}

export const TWIN_NAMES = ["levers", "leversBilledByRow", "oneCallPerRow", "native"] as const;
export type TwinName = (typeof TWIN_NAMES)[number];

const CONFIG = { licenseKey: "gpl-v3", useArrayArithmetic: true, smartRounding: false } as const;

/** Inputs shared by every twin: Inputs!A2:A61 months, B2:B61 usage, E1:E4 the terms. */
const USAGE_RANGE = "Inputs!$B$2:$B$61";
const DISCOUNT = "Inputs!$E$1";
const CARRYOVER = "Inputs!$E$2";
const OVERAGE_RATE = "Inputs!$E$3";
const PERIOD = "Inputs!$E$4";
/** The commit column, A2:A1001. */
const COMMIT_RANGE = `$A$2:$A$${ROWS + 1}`;
/** The cell the single-usage edit types into (month 31, mid-term, so three periods' carry chains move). */
const EDITED_MONTH = 31;

/** Ledger runs one recalculation of a LEVERS twin makes: COMMIT_WASTE and TOTAL_COST for every row. */
export const LEDGER_RUNS_PER_RECALC = 2 * ROWS;

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

const wasteCall = (commit: string) =>
  `=LEVERS.COMMIT_WASTE(${commit}, ${USAGE_RANGE}, ${DISCOUNT}, ${CARRYOVER}, ${PERIOD})`;
const totalCall = (commit: string) =>
  `=LEVERS.TOTAL_COST(${commit}, ${USAGE_RANGE}, ${DISCOUNT}, ${OVERAGE_RATE}, ${CARRYOVER}, ${PERIOD})`;
/** Overage billed: the total less the commitment (commit x months / period, as the ledger prorates it). */
const billedFormula = (total: string, commit: string) => `=${total}-${commit}*ROWS(${USAGE_RANGE})/${PERIOD}`;

/** What the functions layer did during the counted or timed part of a run (all twins share one plugin). */
interface Probe {
  counting: boolean;
  calls: number;
  arrays: Set<unknown>;
  repeats: number;
  /** Wall milliseconds inside functions.js, inside the plugin's `call` and inside its `run`, while timing. */
  timing: boolean;
  functionsMs: number;
  callMs: number;
  runMs: number;
}

/** The plugin over the production functions.js, each function wrapped to report to `probe`. */
function instrumentedPlugin(dir: string, probe: Probe): LeversPlugin {
  const functions = new Map<string, CustomFunction>();
  for (const [id, fn] of loadFunctions(dir)) {
    functions.set(id, (...args: unknown[]) => {
      if (probe.counting) {
        probe.calls++;
        // Whether this call's usage array is one an earlier call of the same recalculation had.
        if (probe.arrays.has(args[1])) probe.repeats++;
        else probe.arrays.add(args[1]);
      }
      if (!probe.timing) return fn(...args);
      const t0 = performance.now();
      try {
        return fn(...args);
      } finally {
        probe.functionsMs += performance.now() - t0;
      }
    });
  }
  const plugin = leversPlugin({ metadata: loadMetadata(dir), functions, errorClass: CustomFunctionsError });
  registerPlugin(plugin);
  return plugin;
}

type Method = (this: unknown, ...args: unknown[]) => unknown;

/**
 * While `work` runs, the plugin's `call` (evaluate and convert the arguments, call the function)
 * and `run` (that, then convert the result to a spill) report their wall time to `probe`. The
 * plugin's own methods are wrapped for the measurement and restored after it.
 */
function withPluginTimed(plugin: LeversPlugin, probe: Probe, work: () => void): void {
  const proto = (plugin.plugin as unknown as { prototype: Record<"call" | "run", Method> }).prototype;
  const original = { call: proto.call, run: proto.run };
  const timed = (method: Method, add: (ms: number) => void): Method =>
    function (this: unknown, ...args: unknown[]) {
      const t0 = performance.now();
      try {
        return method.apply(this, args);
      } finally {
        add(performance.now() - t0);
      }
    };
  proto.call = timed(original.call, (ms) => (probe.callMs += ms));
  proto.run = timed(original.run, (ms) => (probe.runMs += ms));
  probe.timing = true;
  try {
    work();
  } finally {
    probe.timing = false;
    proto.call = original.call;
    proto.run = original.run;
  }
}

/** Re-enters the spills whose result outgrew the size reserved when the workbook was built (Excel's spill). */
function settleSpills(plugin: LeversPlugin, engine: HyperFormula): void {
  const resized = plugin.resizedIn(engine);
  for (let round = 0; round < 3 && resized.size > 0; round++) {
    const cells = [...resized.values()];
    resized.clear();
    for (const address of cells) engine.setCellContents(address, [[engine.getCellFormula(address)!]]);
  }
  if (resized.size > 0) throw new Error("a LEVERS spill did not settle to its result's size");
}

/**
 * With LEVERS.*, lifted: one call per column over the commit column. Overage billed is one native
 * array formula over the spilled total, or (`billedByRow`) a native formula in each row.
 */
function leversTwin(plugin: LeversPlugin, billedByRow: boolean): Twin {
  const deals: RawCellContent[][] = [["Commit", "Waste", "Total cost", "Overage billed"]];
  const lastRow = ROWS + 1;
  COMMITS.forEach((commit, i) => {
    const r = i + 2;
    const first = i === 0;
    const billed = billedByRow
      ? billedFormula(`C${r}`, `A${r}`)
      : first
        ? billedFormula(`C2:C${lastRow}`, `A2:A${lastRow}`)
        : null;
    deals.push([commit, first ? wasteCall(COMMIT_RANGE) : null, first ? totalCall(COMMIT_RANGE) : null, billed]);
  });
  const engine = HyperFormula.buildFromSheets({ Inputs: inputsSheet(), Deals: deals }, CONFIG);
  settleSpills(plugin, engine);
  return { engine, columns: { waste: 1, billed: 3, total: 2 } };
}

/** With LEVERS.*, as before lifting: two calls a row, each on its own commit cell. */
function oneCallPerRowTwin(): Twin {
  const deals: RawCellContent[][] = [["Commit", "Waste", "Total cost", "Overage billed"]];
  COMMITS.forEach((commit, i) => {
    const r = i + 2;
    deals.push([commit, wasteCall(`A${r}`), totalCall(`A${r}`), billedFormula(`C${r}`, `A${r}`)]);
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
function nativeTwin(): Twin {
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

/** What a row should show, from the core's own ledger. */
function expectedRow(usage: readonly number[], discount: number, commit: number) {
  const run = core.runLedger(usage, { ...dealFor(commit), discount });
  return { waste: run.forfeited, billed: run.billedOverage, total: run.totalCost };
}

/** Numbers agree to 1e-6 relative (with a floor of 1e-6 dollars for figures near 0). */
export function agree(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));
}

/**
 * Checks every row of every twin against the (lifted) LEVERS twin and against the core's ledger on
 * the same inputs, to 1e-6 relative; returns the first few mismatches, described, so the bench can
 * abort: a benchmark of wrong answers is void.
 */
function compareTwins(twins: Record<TwinName, Twin>, usage: readonly number[], discount: number): string[] {
  const problems: string[] = [];
  const sheets = TWIN_NAMES.map((name) => ({
    name,
    twin: twins[name],
    sheet: twins[name].engine.getSheetId("Deals")!,
  }));
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

/** Where one recalculation of the lifted twin spends its time: wall-clock medians, milliseconds. */
export interface Breakdown {
  readonly runs: number;
  readonly totalMs: number;
  /** HyperFormula outside the plugin: the dependency graph, the spills, the billed array formula, the change list. */
  readonly engineMs: number;
  /** The plugin evaluating the arguments and converting them to arrays (in its `call`, less functions.js). */
  readonly argumentsMs: number;
  /** The plugin turning the returned arrays into spills (its `run`, less its `call`). */
  readonly resultMs: number;
  /** Inside functions.js: reading, the deals, the ledger runs, the result arrays. */
  readonly functionsMs: number;
}

export interface TwinResult {
  readonly buildMs: Record<TwinName, number>;
  readonly formulas: Record<TwinName, number>;
  /** A full recalculation: the discount cell changes, and every formula of every twin depends on it. */
  readonly full: Record<TwinName, Timing>;
  /** A single-usage edit: month 31 changes. */
  readonly edit: Record<TwinName, Timing>;
  /** The lifted twin's recalculations, instrumented. */
  readonly breakdown: { readonly full: Breakdown; readonly edit: Breakdown };
  /** Custom-function calls one recalculation makes, in the lifted twin and in the one-call-per-row twin. */
  readonly callsPerRecalc: { readonly levers: number; readonly oneCallPerRow: number };
  /** How many calls of one recalculation of the one-call-per-row twin received a usage array an earlier call had. */
  readonly repeatedUsageArrays: number;
  /** Cells whose value one edit of each kind changed (the engine's change list), by twin. */
  readonly changedCells: Record<"full" | "edit", Record<TwinName, number>>;
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
 * checked after each kind of edit before timing and again on the final inputs after it. Then the
 * lifted twin's recalculations are run again with the plugin and functions.js timed inside.
 */
export function runTwins(dir: string, runs: number, fail: (problems: string[]) => never): TwinResult {
  const probe: Probe = {
    counting: false,
    calls: 0,
    arrays: new Set(),
    repeats: 0,
    timing: false,
    functionsMs: 0,
    callMs: 0,
    runMs: 0,
  };
  const plugin = instrumentedPlugin(dir, probe);
  const makers: Record<TwinName, () => Twin> = {
    levers: () => leversTwin(plugin, false),
    leversBilledByRow: () => leversTwin(plugin, true),
    oneCallPerRow: oneCallPerRowTwin,
    native: nativeTwin,
  };
  const twins = {} as Record<TwinName, Twin>;
  const buildMs = {} as Record<TwinName, number>;
  for (const name of TWIN_NAMES) {
    buildMs[name] = sample(() => (twins[name] = makers[name]())).wallMs;
  }

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
  const changedCells = { full: {}, edit: {} } as TwinResult["changedCells"];
  const setDiscount = (name: TwinName) => () => {
    discount = discounts[next("full", name)]!;
    const changes = twins[name].engine.setCellContents({ sheet: inputs(twins[name]), row: 0, col: 4 }, [[discount]]);
    changedCells.full[name] = changes.length;
  };
  const setUsage = (name: TwinName) => () => {
    const u = edits[next("edit", name)]!;
    usage[EDITED_MONTH - 1] = u;
    const changes = twins[name].engine.setCellContents({ sheet: inputs(twins[name]), row: EDITED_MONTH, col: 1 }, [
      [u],
    ]);
    changedCells.edit[name] = changes.length;
  };
  const countCalls = (name: TwinName) => {
    Object.assign(probe, { counting: true, calls: 0, repeats: 0 });
    probe.arrays.clear();
    setDiscount(name)();
    probe.counting = false;
    probe.arrays.clear();
    return { calls: probe.calls, repeats: probe.repeats };
  };

  // Each kind of edit once, checked, before any timing; then count one recalculation's calls
  // (every twin then gets the same edit, so all of them stand on the same inputs again).
  for (const name of TWIN_NAMES) setDiscount(name)();
  check();
  for (const name of TWIN_NAMES) setUsage(name)();
  check();
  const lifted = countCalls("levers");
  const perRow = countCalls("oneCallPerRow");
  for (const name of TWIN_NAMES) if (name !== "levers" && name !== "oneCallPerRow") setDiscount(name)();
  check();

  const all = <T>(make: (n: TwinName) => T) =>
    Object.fromEntries(TWIN_NAMES.map((n) => [n, make(n)])) as Record<TwinName, T>;
  // The twins take the same edits until each stands where the lifted twin does, so a check compares
  // them on the same inputs (timing warms each twin for its own time, so their edit counts differ).
  const align = () => {
    for (const name of TWIN_NAMES) {
      while ((turns.full.get(name) ?? 0) % 2 !== (turns.full.get("levers") ?? 0) % 2) setDiscount(name)();
      while ((turns.edit.get(name) ?? 0) % 2 !== (turns.edit.get("levers") ?? 0) % 2) setUsage(name)();
    }
  };
  const full = timeInTurns(all(setDiscount), runs);
  const edit = timeInTurns(all(setUsage), runs);
  align();
  check();

  const breakdown = (work: () => void): Breakdown => {
    const parts = {
      total: [] as number[],
      engine: [] as number[],
      args: [] as number[],
      result: [] as number[],
      fns: [] as number[],
    };
    withPluginTimed(plugin, probe, () => {
      for (let i = 0; i < 2 + runs; i++) {
        Object.assign(probe, { functionsMs: 0, callMs: 0, runMs: 0 });
        const t0 = performance.now();
        work();
        const total = performance.now() - t0;
        if (i < 2) continue; // warm-up, with the wrapped methods in place
        parts.total.push(total);
        parts.engine.push(total - probe.runMs);
        parts.args.push(probe.callMs - probe.functionsMs);
        parts.result.push(probe.runMs - probe.callMs);
        parts.fns.push(probe.functionsMs);
      }
    });
    return {
      runs,
      totalMs: median(parts.total),
      engineMs: median(parts.engine),
      argumentsMs: median(parts.args),
      resultMs: median(parts.result),
      functionsMs: median(parts.fns),
    };
  };
  const instrumented = { full: breakdown(setDiscount("levers")), edit: breakdown(setUsage("levers")) };
  align();
  check();
  return {
    buildMs,
    formulas: all((n) => formulaCount(twins[n].engine)),
    full,
    edit,
    breakdown: instrumented,
    callsPerRecalc: { levers: lifted.calls, oneCallPerRow: perRow.calls },
    repeatedUsageArrays: perRow.repeats,
    changedCells,
  };
}
