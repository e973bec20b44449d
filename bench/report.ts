/**
 * The results as a table for the terminal and as docs/BENCHMARKS.md: the machine, the figures,
 * and for each target "met" or "missed", with where the time goes, worded from this run's own
 * numbers.
 */
import type { CoreResult, Throughput } from "./core";
import { IMPORT_LABELS, ImportFile, ImportResult, PANE_KIND, ReaderFigures } from "./import";
import { LONG_TASK_MS, PaneFigures, PaneResult } from "./importBrowser";
import { Timing, WARMUP_MS } from "./measure";
import type { OverheadResult } from "./overhead";
import type { BundleSize, RenderTiming } from "./startup";
import { Breakdown, LEDGER_RUNS_PER_RECALC, TwinResult } from "./twin";
import { GROWTH_VOLATILITY, UncertainId, UncertainPiece, UncertaintyResult, VOLATILITY } from "./uncertainty";
import { GRID, LEVER_RUNS_PER_ROW, MONTHS, ROWS } from "./workload";

export interface Environment {
  readonly cpu: string;
  readonly cores: number;
  readonly node: string;
  readonly hyperformula: string;
  readonly date: string;
  readonly loadBefore: readonly number[];
  readonly loadAfter: readonly number[];
  readonly buildSeconds: number;
  readonly totalSeconds: number;
}

export interface Results {
  readonly env: Environment;
  readonly core: CoreResult;
  readonly overhead: OverheadResult;
  readonly twin: TwinResult;
  readonly sizes: readonly BundleSize[];
  readonly render: RenderTiming | { readonly skipped: string };
  readonly import: ImportResult;
  readonly uncertainty: UncertaintyResult;
}

export const TARGETS = {
  stepsPerSecond: 5e6,
  recalcRatio: 20,
  gridMs: 5,
  recommendMs: 50,
  functionsBytes: 60_000,
  firstRenderMs: 1000,
  /** Import of a 1,000,000-row export: at most this many times the reference scanner's wall time... */
  importRatio: 2,
  /** ...and at most this much peak RSS above the reading process's idle RSS (MB, 10^6 bytes). */
  importPeakMb: 150,
  /** The row count the import targets are judged at. */
  importRows: 1_000_000,
  /** The whole import of the 1,000,000-row Console file through the built pane in Chromium: under this (ms)... */
  paneImportMs: 6000,
  /** ...with no main-thread task longer than this (ms)... */
  paneTaskMs: LONG_TASK_MS,
  /** ...writing less than this into the workbook (bytes of JSON, UTF-8)... */
  paneWrittenBytes: 1_000_000,
  /** ...holding at most this much above idle (MB): the page's JS heap above idle plus the import worker's heap. */
  panePeakMb: 150,
  /** Issue 27, both volatilities (10,000 scenarios) over 36 months, whole calls through functions.js, warm (ms)... */
  uncertain: { LEVER_VALUES: 50, COMMIT_RISK: 10, RECOMMEND_COMMIT: 100, FORFEIT_CHANCE: 50 } satisfies Record<
    UncertainId,
    number
  >,
  /** ...and the first LEVER_VALUES call after a fresh load of functions.js (ms, wall). */
  uncertainFirstCallMs: 250,
} as const;

/** One line of the table: what was measured, its figure, the target and the verdict. */
export interface Row {
  readonly section: string;
  readonly measure: string;
  readonly figure: string;
  readonly target: string;
  readonly verdict: string;
}

const ms = (t: number) => (t >= 100 ? t.toFixed(0) : t >= 10 ? t.toFixed(1) : t.toFixed(2)) + " ms";
const timing = (t: Timing) => `${ms(t.cpuMs)} CPU, ${ms(t.wallMs)} wall`;
const millions = (n: number) => `${(n / 1e6).toFixed(n >= 1e8 ? 0 : 1)} M`;
const us = (n: number) => `${n.toFixed(n >= 10 ? 1 : 2)} µs`;
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;
const ratio = (a: number, b: number) => `${(a / b).toFixed(a / b >= 10 ? 0 : 2)}×`;
const count = (n: number) => n.toLocaleString("en");

/** Ledger month-steps per second: `steps` month-steps done in `cpuMs` milliseconds. */
const rate = (steps: number, cpuMs: number) => steps / (cpuMs / 1000);
const stepsPerSecond = (steps: number, cpuMs: number) => `${millions(rate(steps, cpuMs))} month-steps/s`;

/** Month-steps in one recalculation of a LEVERS twin, and in one call over the grid. */
const RECALC_STEPS = LEDGER_RUNS_PER_RECALC * MONTHS;
const GRID_STEPS = GRID.commits.length * GRID.discounts.length * MONTHS;

export interface Verdicts {
  readonly steps: boolean;
  readonly recalc: boolean;
  readonly grid: boolean;
  readonly recommend: boolean;
  readonly functionsSize: boolean;
  readonly firstRender: boolean | undefined;
  readonly importTime: boolean | undefined;
  readonly importMemory: boolean | undefined;
  readonly paneTime: boolean | undefined;
  readonly paneTasks: boolean | undefined;
  readonly paneWritten: boolean | undefined;
  readonly paneMemory: boolean | undefined;
  /** Each of section 6's warm calls (by function), and its first call after load. */
  readonly uncertain: Readonly<Record<UncertainId, boolean>>;
  readonly uncertainFirstCall: boolean;
}

export function verdicts(r: Results): Verdicts {
  const { twin } = r;
  const functionsJs = r.sizes.find((s) => s.file === "functions.js");
  const ready = "skipped" in r.render ? undefined : r.render.ready;
  return {
    steps: r.core.throughput.every((t) => t.ledgerStepsPerSecond >= TARGETS.stepsPerSecond),
    recalc:
      twin.full.native.cpuMs / twin.full.levers.cpuMs >= TARGETS.recalcRatio &&
      twin.edit.native.cpuMs / twin.edit.levers.cpuMs >= TARGETS.recalcRatio,
    grid: r.overhead.grid.cpuMs <= TARGETS.gridMs,
    recommend: r.core.recommend.cpuMs <= TARGETS.recommendMs && r.overhead.recommend.cpuMs <= TARGETS.recommendMs,
    functionsSize: functionsJs !== undefined && functionsJs.bytes <= TARGETS.functionsBytes,
    firstRender: ready === undefined ? undefined : ready <= TARGETS.firstRenderMs,
    ...importVerdicts(r.import),
    ...uncertaintyVerdicts(r.uncertainty),
  };
}

/** Section 6's warm calls are judged on CPU time, as the other warm calls are; the first call on wall time. */
const uncertainMet = (p: UncertainPiece) => p.shipped.cpuMs <= TARGETS.uncertain[p.id];
const firstUncertainMet = (u: UncertaintyResult) => u.firstCall.call.wallMs <= TARGETS.uncertainFirstCallMs;

export function uncertaintyVerdicts(u: UncertaintyResult): Pick<Verdicts, "uncertain" | "uncertainFirstCall"> {
  const met = (id: UncertainId) => u.pieces.some((p) => p.id === id && uncertainMet(p));
  return {
    uncertain: {
      LEVER_VALUES: met("LEVER_VALUES"),
      COMMIT_RISK: met("COMMIT_RISK"),
      RECOMMEND_COMMIT: met("RECOMMEND_COMMIT"),
      FORFEIT_CHANCE: met("FORFEIT_CHANCE"),
    },
    uncertainFirstCall: firstUncertainMet(u),
  };
}

/** The files the import targets are judged on: the 1,000,000-row ones. */
const judgedFiles = (imp: ImportResult) => imp.files.filter((f) => f.rows === TARGETS.importRows);
const importTimeMet = (f: ImportFile) => f.product.wallMs <= TARGETS.importRatio * f.scanner.wallMs;
const importMemoryMet = (f: ImportFile) => f.product.peakBytes <= TARGETS.importPeakMb * 1e6;

/** The 1,000,000-row Console file's import through the pane, when there was one. */
const judgedPane = (imp: ImportResult): PaneResult | undefined =>
  judgedFiles(imp).find((f) => f.kind === PANE_KIND)?.pane;
const paneWrittenBytes = (p: PaneFigures) => p.writtenBytes;

/** The pane's targets: all unmeasured without figures, except a failed import, which misses the time. */
function paneVerdicts(
  pane: PaneResult | undefined,
): Pick<Verdicts, "paneTime" | "paneTasks" | "paneWritten" | "paneMemory"> {
  if (pane === undefined || "skipped" in pane)
    return { paneTime: undefined, paneTasks: undefined, paneWritten: undefined, paneMemory: undefined };
  if ("failed" in pane) return { paneTime: false, paneTasks: undefined, paneWritten: undefined, paneMemory: undefined };
  return {
    paneTime: pane.wallMs < TARGETS.paneImportMs,
    paneTasks: pane.longestTaskMs <= TARGETS.paneTaskMs,
    paneWritten: paneWrittenBytes(pane) < TARGETS.paneWrittenBytes,
    paneMemory: pane.memoryBytes <= TARGETS.panePeakMb * 1e6,
  };
}

/** The import targets, met or missed over the 1,000,000-row files (not measured when the run had none). */
export function importVerdicts(
  imp: ImportResult,
): Pick<Verdicts, "importTime" | "importMemory" | "paneTime" | "paneTasks" | "paneWritten" | "paneMemory"> {
  const judged = judgedFiles(imp);
  const pane = paneVerdicts(judgedPane(imp));
  if (judged.length === 0) return { importTime: undefined, importMemory: undefined, ...pane };
  return { importTime: judged.every(importTimeMet), importMemory: judged.every(importMemoryMet), ...pane };
}

const verdict = (met: boolean | undefined) => (met === undefined ? "not measured" : met ? "met" : "missed");

/** The core's rates the other sections are set beside: per call of one commit, and over usage gathered once. */
function coreRates(core: CoreResult): { readonly single: Throughput; readonly gathered: Throughput } {
  const find = (gathered: boolean) => core.throughput.find((t) => t.name === "TOTAL_COST" && t.gathered === gathered)!;
  return { single: find(false), gathered: find(true) };
}

/** The core's own ledger time for one recalculation of a LEVERS twin: COMMIT_WASTE and TOTAL_COST for every row. */
function ledgerMs(core: CoreResult): number {
  const pass = (name: string) => core.throughput.find((t) => t.name === name && t.gathered)!.pass.cpuMs;
  return pass("TOTAL_COST") + pass("COMMIT_WASTE");
}

export function rows(r: Results): Row[] {
  const v = verdicts(r);
  const { core, overhead: o, twin } = r;
  const rates = coreRates(core);
  const besideCore = (t: Throughput) => `core alone ${millions(t.ledgerStepsPerSecond)}/s`;
  const out: Row[] = [];
  for (const t of core.throughput) {
    const rowNote = t.runsPerRow > 1 ? ` (${millions(t.rowStepsPerSecond)} row-months/s)` : "";
    const how = t.gathered ? ", usage gathered into periods once (as a lifted call runs it)" : "";
    out.push({
      section: "1 core",
      measure: `${t.name}, ${count(ROWS)} rows × ${MONTHS} months${how}${t.runsPerRow > 1 ? `, ${t.runsPerRow} ledger runs a row` : ""}`,
      figure: `${millions(t.ledgerStepsPerSecond)} ledger month-steps/s${rowNote}; ${ms(t.pass.cpuMs)} a pass`,
      target: "≥ 5 M/s",
      verdict: verdict(t.ledgerStepsPerSecond >= TARGETS.stepsPerSecond),
    });
  }
  const recommendSteps = core.scenarios * MONTHS;
  const curveSteps = (core.curveRows + 1) * core.scenarios * MONTHS;
  out.push(
    {
      section: "1 core",
      measure: `RECOMMEND_COMMIT, ${count(core.scenarios)} scenarios × ${MONTHS} months`,
      figure: `${timing(core.recommend)}; ≥ ${stepsPerSecond(recommendSteps, core.recommend.cpuMs)}`,
      target: "≤ 50 ms",
      verdict: verdict(core.recommend.cpuMs <= TARGETS.recommendMs),
    },
    {
      section: "1 core",
      measure: `COMMIT_CURVE, ${count(core.scenarios)} scenarios × ${MONTHS} months, 25 points (${core.curveRows} commits)`,
      figure: `${timing(core.curve)}; ≥ ${stepsPerSecond(curveSteps, core.curve.cpuMs)}`,
      target: "",
      verdict: "",
    },
  );

  const vsNative = (kind: "full" | "edit", label: string): Row => {
    const t = twin[kind];
    return {
      section: "2 twin",
      measure: `${label}: LEVERS.*, one lifted call per column, vs native formulas (HyperFormula)`,
      figure: `LEVERS ${ms(t.levers.cpuMs)}, native ${ms(t.native.cpuMs)} CPU: native/ours = ${ratio(t.native.cpuMs, t.levers.cpuMs)} (wall ${ratio(t.native.wallMs, t.levers.wallMs)}); ${stepsPerSecond(RECALC_STEPS, t.levers.cpuMs)} (native's formulas do the same work at ${millions(rate(RECALC_STEPS, t.native.cpuMs))}/s; ${besideCore(rates.gathered)})`,
      target: "≥ 20×",
      verdict: verdict(t.native.cpuMs / t.levers.cpuMs >= TARGETS.recalcRatio),
    };
  };
  const parts = (kind: "full" | "edit", label: string): Row => {
    const b: Breakdown = twin.breakdown[kind];
    const ledger = ledgerMs(core);
    const native = twin[kind].native.cpuMs;
    return {
      section: "2 twin",
      measure: `${label}, lifted twin instrumented (wall): HyperFormula / plugin arguments / plugin result / functions.js (of which the ledger, measured alone)`,
      figure: `${ms(b.totalMs)} = ${ms(b.engineMs)} / ${ms(b.argumentsMs)} / ${ms(b.resultMs)} / ${ms(b.functionsMs)} (${ms(ledger)})`,
      target: "",
      verdict: `ledger alone: native/ledger = ${ratio(native, ledger)}`,
    };
  };
  const reference = (name: "leversBilledByRow" | "oneCallPerRow", label: string): Row => {
    const f = twin.full[name];
    const e = twin.edit[name];
    return {
      section: "2 twin",
      measure: `Reference, ${label}: full recalculation / single-usage edit`,
      figure: `${ms(f.cpuMs)} / ${ms(e.cpuMs)} CPU: native/this = ${ratio(twin.full.native.cpuMs, f.cpuMs)} / ${ratio(twin.edit.native.cpuMs, e.cpuMs)}; ${stepsPerSecond(RECALC_STEPS, f.cpuMs)} (full)`,
      target: "",
      verdict: "",
    };
  };
  out.push(
    vsNative("full", "Full recalculation (discount edited)"),
    vsNative("edit", "Single-usage edit (month 31)"),
    parts("full", "Full recalculation"),
    parts("edit", "Single-usage edit"),
    reference(
      "leversBilledByRow",
      `lifted calls, overage billed by a native formula in each of the ${count(ROWS)} rows`,
    ),
    reference("oneCallPerRow", "one call per row (as before lifting)"),
  );

  const perRowCallUs = (twin.full.oneCallPerRow.cpuMs * 1000) / twin.callsPerRecalc.oneCallPerRow;
  const liftedPerCommitUs = (o.lifted.cpuMs * 1000) / ROWS;
  out.push(
    {
      section: "3 per call",
      measure:
        "TOTAL_COST, one commit, 60-month usage: core alone / whole call in functions.js / of which the range (60 months less 1)",
      figure: `${us(o.perCallUs.core)} / ${us(o.perCallUs.totalCost)} / ${us(o.perCallUs.usageRange)}; whole call ${stepsPerSecond(MONTHS, o.perCallUs.totalCost / 1000)} (${besideCore(rates.single)})`,
      target: "",
      verdict: "",
    },
    {
      section: "3 per call",
      measure: `TOTAL_COST lifted over the ${count(ROWS)}-commit column, one call in functions.js (arguments as the plugin passes them)`,
      figure: `${timing(o.lifted)} (${us(liftedPerCommitUs)} a commit); ${stepsPerSecond(ROWS * MONTHS, o.lifted.cpuMs)} (${besideCore(rates.gathered)})`,
      target: "",
      verdict: "",
    },
    {
      section: "3 per call",
      measure: `TOTAL_COST over a ${GRID.commits.length} × ${GRID.discounts.length} commit × discount grid, ${MONTHS} months, one call in functions.js: warm / first call after load`,
      figure: `${ms(o.grid.cpuMs)} CPU (${ms(o.grid.wallMs)} wall) / ${ms(o.firstGrid.wallMs)} wall (${ms(o.firstGrid.cpuMs)} CPU); warm ${stepsPerSecond(GRID_STEPS, o.grid.cpuMs)}, first ${stepsPerSecond(GRID_STEPS, o.firstGrid.wallMs)} (${besideCore(rates.gathered)})`,
      target: "≤ 5 ms warm",
      verdict: verdict(v.grid),
    },
    {
      section: "3 per call",
      measure:
        "TOTAL_COST or COMMIT_WASTE of one commit, whole call in HyperFormula (engine + plugin + functions.js), one-call-per-row twin",
      figure: `${us(perRowCallUs)}; ${stepsPerSecond(MONTHS, perRowCallUs / 1000)}`,
      target: "",
      verdict: "",
    },
    {
      section: "3 per call",
      measure: "LEVER_VALUES: core alone / whole call in functions.js",
      figure: `${us(o.perCallUs.leverValuesCore)} / ${us(o.perCallUs.leverValues)}; whole call ${stepsPerSecond(LEVER_RUNS_PER_ROW * MONTHS, o.perCallUs.leverValues / 1000)} (core alone ${stepsPerSecond(LEVER_RUNS_PER_ROW * MONTHS, o.perCallUs.leverValuesCore / 1000)})`,
      target: "",
      verdict: "",
    },
    {
      section: "3 per call",
      measure: "RECOMMEND_COMMIT in functions.js: warm / first call after load (not a stated target)",
      figure: `${ms(o.recommend.cpuMs)} CPU / ${ms(o.firstRecommend.wallMs)} wall (${ms(o.firstRecommend.cpuMs)} CPU); warm ≥ ${stepsPerSecond(recommendSteps, o.recommend.cpuMs)}`,
      target: "≤ 50 ms",
      verdict: `${verdict(o.recommend.cpuMs <= TARGETS.recommendMs)}; first call ${o.firstRecommend.wallMs <= TARGETS.recommendMs ? "within" : "over"} 50 ms`,
    },
    {
      section: "3 per call",
      measure: "COMMIT_CURVE in functions.js: warm / first call after load",
      figure: `${ms(o.curve.cpuMs)} CPU / ${ms(o.firstCurve.wallMs)} wall (${ms(o.firstCurve.cpuMs)} CPU); warm ≥ ${stepsPerSecond(curveSteps, o.curve.cpuMs)}`,
      target: "",
      verdict: "",
    },
    {
      section: "3 per call",
      measure:
        "Usage-range cache: custom-function calls in one recalculation, lifted twin / one-call-per-row twin (of which given a usage array another call already had)",
      figure: `${count(twin.callsPerRecalc.levers)} / ${count(twin.callsPerRecalc.oneCallPerRow)} (${count(twin.repeatedUsageArrays)})`,
      target: "",
      verdict: "cache not added",
    },
  );
  for (const row of sizeRows(r.sizes)) out.push(row);
  if ("skipped" in r.render) {
    out.push({
      section: "4 start-up",
      measure: "Pane first render",
      figure: r.render.skipped,
      target: "≤ 1 s",
      verdict: "not measured",
    });
  } else {
    const rt = r.render;
    const fcp = rt.firstContentfulPaint === undefined ? "n/a" : ms(rt.firstContentfulPaint);
    out.push({
      section: "4 start-up",
      measure:
        "Pane first render, headless Chromium: ready marker (figures shown) / DOMContentLoaded / first contentful paint",
      figure: `${rt.ready === undefined ? "never" : ms(rt.ready)} / ${ms(rt.domContentLoaded)} / ${fcp}`,
      target: "≤ 1 s",
      verdict: verdict(v.firstRender),
    });
  }
  for (const row of importRows(r.import)) out.push(row);
  for (const row of uncertaintyRows(r.uncertainty)) out.push(row);
  return out;
}

/** Section 4's size rows: each shipped bundle, functions.js judged against its target. */
export function sizeRows(sizes: readonly BundleSize[]): Row[] {
  return sizes.map((s) => ({
    section: "4 size",
    measure: `${s.file}, minified / gzip`,
    figure: `${s.bytes.toLocaleString("en")} B (${kb(s.bytes)}) / ${s.gzipBytes.toLocaleString("en")} B (${kb(s.gzipBytes)})`,
    target: s.file === "functions.js" ? `≤ 60 KB (${count(TARGETS.functionsBytes)} B)` : "",
    verdict: s.file === "functions.js" ? verdict(s.bytes <= TARGETS.functionsBytes) : "",
  }));
}

/** How section 6's uncertainty is stated in its rows. */
const uncertaintyLabel = (u: UncertaintyResult) =>
  `volatility ${VOLATILITY} and growth_volatility ${GROWTH_VOLATILITY}, ${count(u.scenarios)} scenarios × ${u.months} months`;

/** Section 6's rows: each warm call through functions.js beside the core's own work, then the first call after load. */
export function uncertaintyRows(u: UncertaintyResult): Row[] {
  const out: Row[] = u.pieces.map((p) => {
    const atLeast = p.atLeast ? "≥ " : "";
    const runs = p.ledgerRuns > 1 ? `, ${count(p.ledgerRuns)} ledger runs over every scenario a call` : "";
    return {
      section: "6 uncertainty",
      measure: `${p.id}, ${p.what}, ${uncertaintyLabel(u)}${runs}: whole call in functions.js, warm / core alone`,
      figure: `${timing(p.shipped)} / ${ms(p.core.cpuMs)} CPU; ${atLeast}${stepsPerSecond(p.steps, p.shipped.cpuMs)} (core alone ${atLeast}${millions(rate(p.steps, p.core.cpuMs))}/s)`,
      target: `≤ ${TARGETS.uncertain[p.id]} ms`,
      verdict: verdict(uncertainMet(p)),
    };
  });
  const f = u.firstCall;
  const levers = u.pieces.find((p) => p.id === "LEVER_VALUES");
  out.push({
    section: "6 uncertainty",
    measure: `LEVER_VALUES, the first call after a fresh load of functions.js (median of ${f.call.runs} loads), ${uncertaintyLabel(u)}: the call / the load before it`,
    figure: `${ms(f.call.wallMs)} wall (${ms(f.call.cpuMs)} CPU) / ${ms(f.load.wallMs)} wall; ${stepsPerSecond(f.steps, f.call.wallMs)}${levers ? ` (warm core alone ${millions(rate(levers.steps, levers.core.cpuMs))}/s)` : ""}`,
    target: `≤ ${TARGETS.uncertainFirstCallMs} ms`,
    verdict: verdict(firstUncertainMet(u)),
  });
  return out;
}

/** Section 6's targets, each met or missed, with the share of the time the core's own work accounts for. */
export function uncertaintyNotes(u: UncertaintyResult): string[] {
  const v = uncertaintyVerdicts(u);
  const notes = u.pieces.map((p) => {
    // The core alone can time above the whole call: the two are separate compilations (tsx's of the
    // sources, webpack's minified bundle) timed in turns on a shared machine, so only a clear gap is named.
    const layer = p.shipped.cpuMs - p.core.cpuMs;
    const gap =
      layer > 0.1 * p.shipped.cpuMs
        ? `the functions layer's part (reading the arguments, the table) about ${ms(layer)}`
        : "the functions layer's part is within the noise";
    return `**${p.id}, ${p.what}, ${uncertaintyLabel(u)} ≤ ${TARGETS.uncertain[p.id]} ms: ${verdict(v.uncertain[p.id])}**: ${ms(p.shipped.cpuMs)} through functions.js (CPU, warm; ${ms(p.shipped.wallMs)} wall); the core alone, called directly for the same answer, ${ms(p.core.cpuMs)}: ${gap}${p.atLeast ? "; its rate counts only the one full expectation it runs, not the band tables it sweeps, so it is a lower bound" : ""}.`;
  });
  const f = u.firstCall;
  notes.push(
    `**The first LEVER_VALUES call after functions.js loads ≤ ${TARGETS.uncertainFirstCallMs} ms: ${verdict(v.uncertainFirstCall)}**: ${ms(f.call.wallMs)} (wall, median of ${f.call.runs} fresh loads, each compiling functions.js anew; ${ms(f.call.cpuMs)} CPU, which also counts V8's background compiler threads). Loading functions.js before it took ${ms(f.load.wallMs)} (wall), not counted in the call.`,
  );
  return notes;
}

/** Section 6's method, for "How it is measured". */
export function uncertaintyMethod(u: UncertaintyResult): string {
  return `**Uncertainty** (section 6, issue 27): both volatilities above 0, ${uncertaintyLabel(u)} (the scenario set of DOMAIN.md "Usage under uncertainty": ${Math.round(Math.sqrt(u.scenarios))} level quantiles by ${Math.round(Math.sqrt(u.scenarios))} growth quantiles), over ${u.months} months of the model's sample usage at list (src/model's sampleTokens priced by the default price book: ${(u.usageTotal / 1e6).toFixed(1)} M over the ${u.months} months). LEVER_VALUES takes the Deal sheet's sample terms table (DEAL_TERMS, key | draft | ask); COMMIT_RISK, RECOMMEND_COMMIT (over SAMPLE_BANDS) and FORFEIT_CHANCE (lifted over a column of commits, 2,000,000 to 4,450,000) take the sample draft's commit, discount, overage rate, carryover and period. Each whole call runs the production functions.js with the arguments as Excel passes them (ranges as fresh 2-D arrays, a lifted call's single values as \`[[value]]\`), timed in turns with the core's own work for the same answer (src/core and src/sheet called directly on arguments parsed once, building the deal and scenario set as the catalogue's compute does); every answer of functions.js is checked against the core's first, to 1e-6 relative. Month-steps: scenarios × months × the ledger runs over every scenario one call makes (LEVER_VALUES one per deal it costs: the draft, each ask alone, the yardstick and all asks together; FORFEIT_CHANCE one per commit; RECOMMEND_COMMIT at least one). The first call compiles a fresh copy of functions.js for each load and is judged on wall time.`;
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(bytes >= 1e8 ? 0 : 1)} MB`;
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const thousands = (n: number) => `${Math.round(n / 1000).toLocaleString("en")} k`;

/** One reader's speed on one file: wall time, MB/s and rows/s. */
function speed(f: ImportFile, t: ReaderFigures): string {
  const s = t.wallMs / 1000;
  return `${secs(t.wallMs)} (${(f.bytes / 1e6 / s).toFixed(0)} MB/s, ${thousands(f.rows / s)} rows/s)`;
}

/** Section 5's rows: per file, the time of the three readers and their peak memory. */
export function importRows(imp: ImportResult): Row[] {
  const out: Row[] = [];
  for (const f of imp.files) {
    const judged = f.rows === TARGETS.importRows;
    const file = `${IMPORT_LABELS[f.kind]}, ${count(f.rows)} rows (${mb(f.bytes)})`;
    out.push(
      {
        section: "5 import",
        measure: `${file}: product (readExportStream) / reference scanner / papaparse, wall time from the first byte to the monthly totals`,
        figure: `${speed(f, f.product)} / ${speed(f, f.scanner)} / ${speed(f, f.papaparse)}; product/scanner ${ratio(f.product.wallMs, f.scanner.wallMs)} (CPU ${ratio(f.product.cpuMs, f.scanner.cpuMs)}), papaparse/product ${ratio(f.papaparse.wallMs, f.product.wallMs)}`,
        target: judged ? `≤ ${TARGETS.importRatio}× the scanner` : "",
        verdict: judged ? verdict(importTimeMet(f)) : "",
      },
      {
        section: "5 import",
        measure: `${file}: peak RSS above idle, product / reference scanner / papaparse`,
        figure: `${mb(f.product.peakBytes)} / ${mb(f.scanner.peakBytes)} / ${mb(f.papaparse.peakBytes)} (largest run: product ${mb(f.product.maxPeakBytes)}; idle about ${mb(f.product.idleBytes)})`,
        target: judged ? `≤ ${TARGETS.importPeakMb} MB` : "",
        verdict: judged ? verdict(importMemoryMet(f)) : "",
      },
    );
    if (f.pane) for (const row of paneRows(f, f.pane)) out.push(row);
  }
  return out;
}

const plural = (n: number, one: string, many = `${one}s`) => `${count(n)} ${n === 1 ? one : many}`;

/** Where the runs' longest main-thread tasks fell (after the pick, and in which part of the import). */
function longestTasks(p: PaneFigures): string {
  const where = p.longest.map((t) => (t ? `${ms(t.ms)} ${t.phase} at +${ms(t.at)}` : "none"));
  return `runs' longest: ${where.join(", ")}`;
}

/** The whole import of one file through the built pane: time, main-thread tasks, what was written, memory. */
function paneRows(f: ImportFile, pane: PaneResult): Row[] {
  const judged = f.rows === TARGETS.importRows;
  const file = `${IMPORT_LABELS[f.kind]}, ${count(f.rows)} rows (${mb(f.bytes)}), through the built task pane`;
  const section = "5 import";
  const target = (text: string) => (judged ? text : "");
  if ("skipped" in pane) {
    return [{ section, measure: `${file}: whole import`, figure: pane.skipped, target: "", verdict: "not measured" }];
  }
  if ("failed" in pane) {
    const errors = pane.errors.length > 0 ? `; page errors: ${pane.errors.join("; ")}` : "; no page errors";
    return [
      {
        section,
        measure: `${file}: whole import, file picked to the "Imported" message`,
        figure: `FAILED: ${pane.failed}${errors}`,
        target: target(`< ${TARGETS.paneImportMs / 1000} s`),
        verdict: judged ? "missed" : "failed",
      },
    ];
  }
  const v = paneVerdicts(pane);
  const s = pane.wallMs / 1000;
  const read =
    pane.readMs === undefined
      ? ""
      : `; the worker's read ${secs(pane.readMs)}, then writing and the answer ${ms(pane.wallMs - pane.readMs)}`;
  const w = pane.written;
  const worker =
    pane.workerPeakAll === undefined
      ? "worker not reached (page heap only)"
      : `${mb(pane.workerPeakAll)} (JS heap ${mb(pane.workerPeakUsed ?? 0)})`;
  return [
    {
      section,
      measure: `${file}: whole import in headless Chromium, file picked (setInputFiles) to the "Imported" message`,
      figure: `${secs(pane.wallMs)} (${(f.bytes / 1e6 / s).toFixed(0)} MB/s, ${thousands(f.rows / s)} rows/s)${read}; ${pane.worker ? "read in a Web Worker" : "NOT read in a Web Worker"}`,
      target: target(`< ${TARGETS.paneImportMs / 1000} s`),
      verdict: judged ? verdict(v.paneTime) : "",
    },
    {
      section,
      measure: `${file}: longest main-thread task during the import / tasks over ${LONG_TASK_MS} ms (Long Tasks API)`,
      figure: `${ms(pane.longestTaskMs)} / ${count(pane.tasksOver50)} (${longestTasks(pane)}; the in-memory workbook applying the batch with its recalculation, which Excel does in its own process, ${ms(pane.hostMs)} of the main thread's time)`,
      target: target(`no task > ${TARGETS.paneTaskMs} ms`),
      verdict: judged ? verdict(v.paneTasks) : "",
    },
    {
      section,
      measure: `${file}: written to the workbook (UTF-8 bytes of JSON): ${plural(w.batches, "batch", "batches")} of ${plural(w.ops, "operation")} + ${plural(w.settings, "settings save")}${w.charts > 0 ? ` + ${plural(w.charts, "chart")}` : ""}`,
      figure: `${kb(paneWrittenBytes(pane))} = ${kb(w.opsBytes)} + ${kb(w.settingsBytes)}${w.charts > 0 ? ` + ${kb(w.chartBytes)}` : ""}`,
      target: target(`< ${TARGETS.paneWrittenBytes / 1e6} MB`),
      verdict: judged ? verdict(v.paneWritten) : "",
    },
    {
      section,
      measure: `${file}: memory above idle: page JS heap peak above idle + the import worker's peak (JS heap, embedder heap and ArrayBuffers)`,
      figure: `${mb(pane.memoryBytes)} = ${mb(pane.pagePeakBytes)} + ${worker} (largest run ${mb(pane.maxMemoryBytes)}; page idle ${mb(pane.pageIdleBytes)})`,
      target: target(`≤ ${TARGETS.panePeakMb} MB`),
      verdict: judged ? verdict(v.paneMemory) : "",
    },
  ];
}

/** How section 5 is measured, in words (one bullet of "How it is measured"). */
export function importMethod(imp: ImportResult): string {
  const sizes = [...new Set(imp.files.map((f) => f.rows))].map(count).join(" and ");
  const files = imp.files
    .map(
      (f) =>
        `${IMPORT_LABELS[f.kind]} of ${count(f.rows)} rows: ${mb(f.bytes)} (${(f.bytes / f.rows).toFixed(0)} bytes a row), ${count(f.usageRows)} rows summed into ${f.months} months × ${f.models} models, $${count(Math.round(f.listTotal))} at list, written in ${secs(f.generateMs)}`,
    )
    .join("; ");
  return [
    `**Import** (section 5): a year of synthetic exports from bench/exportsGen.ts (seeded, in the documented shapes, dates 2025-12-01 to 2026-11-30): the Anthropic Console cost CSV with its newest header, and a FOCUS 1.2 cost-and-usage CSV of a $1,000,000 spend commitment (its Purchase row, an end-of-term unused-commitment fee that is Usage but One-Time, 1% Tax rows and a Credit a month, all with a ListCost a careless reader would count; the rest Usage-Based usage drawn from the commitment), at ${sizes} rows, written into the temporary folder (so read from the page cache) and deleted after: ${files}.`,
    `Each measurement is a fresh Node process (bench/importChild.ts under \`node --import tsx\`) that loads the readers, opens the file as a Blob (\`fs.openAsBlob\`: a size and a \`stream()\`, as a picked File is), collects garbage twice and notes its idle RSS, then times from the call (the first byte) to the monthly totals; peak RSS is sampled every 2 ms by a worker thread and taken from the kernel's high-water mark (\`process.resourceUsage().maxRSS\`) when that rose during the read. The readers, in turns (the order rotating), ${imp.runs} runs each: the product's \`readExportStream\` (src/sheet/stream.ts) with an onProgress callback, as the pane calls it; the reference scanner (bench/scanner.ts), one pass over the bytes splitting RFC 4180 rows and quotes in place, looking at only the columns it needs and parsing amounts straight into integer micro-dollars; and papaparse ${imp.papaparse} (streaming, \`step\`, \`header: true\`) over the same bytes decoded as UTF-8.`,
    `All three sum list dollars by month × model: Console \`list_price_usd\` by the month of \`usage_date_utc\` and \`model\`; FOCUS \`ListCost\` of the rows with ChargeCategory Usage and ChargeFrequency Usage-Based by the month of \`ChargePeriodStart\` and \`SkuPriceDetails.ModelId\`. Every run's answer is checked before any figure is kept: the two references agree exactly, and the product's list dollars and rows equal the scanner's for every month and model to the cent (within half a cent); any difference aborts the bench. Time is wall time, what a user waits (the CPU ratio is shown beside it); memory is peak RSS less idle RSS, MB of 10^6 bytes.`,
    paneMethod(imp),
  ]
    .filter((p) => p !== "")
    .join(" ");
}

/** How the pane's import is measured, in words (empty when no file went through the pane). */
function paneMethod(imp: ImportResult): string {
  const through = imp.files.filter((f) => f.pane !== undefined);
  if (through.length === 0) return "";
  const measured = through.map((f) => f.pane!).find((p): p is PaneFigures => "runs" in p);
  return [
    `**Through the pane**: the ${IMPORT_LABELS[PANE_KIND]} of ${through.map((f) => count(f.rows)).join(" and ")} rows is also imported whole through the task pane of the bench's production build (bench/importBrowser.ts), served on 127.0.0.1 with the real Office.js from @microsoft/office-js, so the pane runs on its in-memory sample workbook, in headless Chromium${measured ? ` ${measured.browser}` : ""}, ${measured ? `${measured.runs} runs, ` : ""}each a fresh browser context: the pane loads, step 1 (#nav-usage) is opened, and the file is picked with Playwright's setInputFiles on #import-file; the pane reads it in its Web Worker (importWorker.js) and writes the monthly totals. Measured in the page: wall time from the input's change event to the pane's answer in #message (a MutationObserver); every main-thread long task overlapping it (a 'longtask' PerformanceObserver installed by an init script before the pane's scripts; the Long Tasks API reports tasks over 50 ms, in whole milliseconds); the page's JS heap (CDP Performance.getMetrics JSHeapUsedSize about every 50 ms) peak less its value after a garbage collection just before the pick, plus the import worker's peak (the page's CDP session auto-attaches to the worker, Runtime.getHeapUsage about every 50 ms: JS heap, embedder heap and ArrayBuffer backing stores); and what the pane sent the workbook, the UTF-8 bytes of the JSON of every batch through window.commitLevers.port.batch, every chart spec and every document-settings save (wrapped before the pick, keeping references, sized after the import).`,
    `The monthly table the pane wrote (Month, Model, List $, Rows) is checked every run against the reference scanner, to the cent, like the product's reader; a different table aborts the bench, and an import that ends in anything but "Imported N rows of <file>" is reported as failed with what the pane said and the page's errors.`,
  ].join(" ");
}

/** The pane's import targets in words, from this run's figures. */
function paneNotes(imp: ImportResult): string[] {
  const pane = judgedPane(imp);
  const what = `the ${count(TARGETS.importRows)}-row ${IMPORT_LABELS[PANE_KIND]} through the built task pane`;
  if (pane === undefined) {
    const any = imp.files.some((f) => f.pane !== undefined);
    return [
      `**Whole import of ${what}: not measured** (${any ? `this run imported no ${count(TARGETS.importRows)}-row file through the pane` : "no build to serve the pane from"}).`,
    ];
  }
  if ("skipped" in pane) return [`**Whole import of ${what}: not measured**: ${pane.skipped}.`];
  if ("failed" in pane) {
    return [
      `**Whole import of ${what} under ${TARGETS.paneImportMs / 1000} s: missed: the import failed.** ${pane.failed}. ${pane.errors.length > 0 ? `The page's errors: ${pane.errors.join("; ")}.` : "The page logged no errors."} The other pane targets are not measured.`,
    ];
  }
  const v = paneVerdicts(pane);
  const w = pane.written;
  const split =
    pane.readMs === undefined
      ? ""
      : ` (the worker's read ${secs(pane.readMs)}, then the write of the monthly totals and the answer ${ms(pane.wallMs - pane.readMs)})`;
  const tasks = pane.longest
    .map((t, i) =>
      t
        ? `run ${i + 1}: ${ms(t.ms)}, starting ${ms(t.at)} after the pick, ${t.phase === "write" ? "in the task that took the worker's answer and wrote the totals" : t.phase === "read" ? "while the worker read" : "the task that delivered the pick"}`
        : `run ${i + 1}: none`,
    )
    .join("; ");
  const worker =
    pane.workerPeakAll === undefined
      ? "the import worker could not be reached over CDP, so this is the page's heap only"
      : `the import worker's peak ${mb(pane.workerPeakAll)} (its JS heap ${mb(pane.workerPeakUsed ?? 0)}, the rest embedder heap and ArrayBuffer backing stores: the file's chunks in flight; the worker starts with the pick, so all of it is above idle)`;
  const notes = [
    `**Whole import of ${what} under ${TARGETS.paneImportMs / 1000} s: ${verdict(v.paneTime)}**: ${secs(pane.wallMs)} from the file input's change event to the "Imported" message${split}, median of ${pane.runs} runs, each a fresh page; ${secs(pane.outsideMs)} seen from the bench's side of setInputFiles.${pane.worker ? "" : " The page started no import worker: the file was read on the pane's thread."}`,
    `**No main-thread task over ${TARGETS.paneTaskMs} ms during it: ${verdict(v.paneTasks)}**: the longest ${ms(pane.longestTaskMs)} (median; ${count(pane.tasksOver50)} over ${LONG_TASK_MS} ms, at most ${count(pane.maxTasksOver50)} in a run; ${tasks}). Outside Office the pane writes into its in-memory sample workbook, which applies the batch and recalculates the model on the pane's own thread (${ms(pane.hostMs)}, median). It answers without yielding, so all of that falls inside the task that takes the worker's answer and writes, the longest one: the pane's own part of it is about ${ms(Math.max(0, pane.longestTaskMs - pane.hostMs))}. Inside Excel the batch is an Office.js request and the recalculation Excel's own, off the pane's thread; the figure judged is the whole task, as measured here.`,
    `**What is written under ${TARGETS.paneWrittenBytes / 1e6} MB: ${verdict(v.paneWritten)}**: ${kb(paneWrittenBytes(pane))}: ${plural(w.batches, "batch", "batches")} of ${plural(w.ops, "operation")} (${kb(w.opsBytes)}: the monthly table, its MONTHLY_USAGE spill, the renewal block and the names), ${plural(w.settings, "document-settings save")} (${kb(w.settingsBytes)})${w.charts > 0 ? ` and ${plural(w.charts, "chart")} (${kb(w.chartBytes)})` : ""}; the raw rows are not kept for a file of this size (the pane's default).`,
    `**Memory ≤ ${TARGETS.panePeakMb} MB above idle: ${verdict(v.paneMemory)}**: ${mb(pane.memoryBytes)} (median; largest run ${mb(pane.maxMemoryBytes)}): the page's JS heap peaked ${mb(pane.pagePeakBytes)} above its idle ${mb(pane.pageIdleBytes)}, and ${worker}. The two peaks are added, though they need not fall at the same moment.`,
  ];
  if (pane.errors.length > 0)
    notes.push(`The page reported errors during the pane's imports: ${pane.errors.join("; ")}.`);
  return notes;
}

/** The import targets in words, from this run's figures. */
export function importNotes(imp: ImportResult): string[] {
  const v = importVerdicts(imp);
  const judged = judgedFiles(imp);
  if (judged.length === 0) {
    return [
      `**Import targets: not measured** (this run read no ${count(TARGETS.importRows)}-row file).`,
      ...paneNotes(imp),
    ];
  }
  const each = (f: ImportFile, what: string) => `${IMPORT_LABELS[f.kind]} ${what}`;
  const times = judged
    .map((f) =>
      each(
        f,
        `${secs(f.product.wallMs)} against the scanner's ${secs(f.scanner.wallMs)} (${ratio(f.product.wallMs, f.scanner.wallMs)}; papaparse ${secs(f.papaparse.wallMs)})`,
      ),
    )
    .join("; ");
  const peaks = judged
    .map((f) =>
      each(
        f,
        `${mb(f.product.peakBytes)} (scanner ${mb(f.scanner.peakBytes)}, papaparse ${mb(f.papaparse.peakBytes)})`,
      ),
    )
    .join("; ");
  return [
    `**Import of a ${count(TARGETS.importRows)}-row export within ${TARGETS.importRatio}× the reference scanner's time: ${verdict(v.importTime)}**: ${times} (wall, medians of ${imp.runs} runs each in a fresh process, taken in turns).`,
    `**Import of a ${count(TARGETS.importRows)}-row export within ${TARGETS.importPeakMb} MB above idle: ${verdict(v.importMemory)}**: peak RSS above the process's idle RSS, ${peaks}.`,
    ...paneNotes(imp),
  ];
}

/** The table as fixed-width text for the terminal. */
export function textTable(table: readonly Row[]): string {
  const cols = ["section", "measure", "figure", "target", "verdict"] as const;
  const widths = cols.map((c) => Math.max(c.length, ...table.map((r) => r[c].length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join("  ")
      .trimEnd();
  return [line(cols), line(widths.map((w) => "-".repeat(w))), ...table.map((r) => line(cols.map((c) => r[c])))].join(
    "\n",
  );
}

function markdownTable(table: readonly Row[]): string {
  const esc = (s: string) => s.replace(/\|/g, "\\|");
  return [
    "| section | measure | figure (medians) | target | result |",
    "|---|---|---|---|---|",
    ...table.map((r) => `| ${[r.section, r.measure, r.figure, r.target, r.verdict].map(esc).join(" | ")} |`),
  ].join("\n");
}

/** Where the lifted twin's full recalculation goes, and what native/ours would be without each part, in words. */
function recalcNote(r: Results, met: boolean): string {
  const { core, twin } = r;
  const full = twin.full;
  const edit = twin.edit;
  const b = twin.breakdown.full;
  const ledger = ledgerMs(core);
  const native = full.native.cpuMs;
  const share = (part: number) => `${((100 * part) / b.totalMs).toFixed(0)}%`;
  const beyondLedger = Math.max(0, b.functionsMs - ledger);
  const plugin = b.argumentsMs + b.resultMs;
  // The lifted twin's CPU median less a part, at that part's share of the instrumented recalculation.
  const without = (part: number) => Math.max(ledger, (full.levers.cpuMs * (b.totalMs - part)) / b.totalMs);
  const perRow = full.oneCallPerRow.cpuMs;
  const byRow = full.leversBilledByRow.cpuMs;
  return [
    `**1,000-row recalculation ≥ 20× faster than the native twin: ${met ? "met" : "missed"}**: native/ours = ${ratio(native, full.levers.cpuMs)} on a full recalculation (${ms(full.levers.cpuMs)} against ${ms(native)}) and ${ratio(edit.native.cpuMs, edit.levers.cpuMs)} on a single-usage edit (${ms(edit.levers.cpuMs)} against ${ms(edit.native.cpuMs)}), with the shipped functions lifted over the commit column: ${count(twin.callsPerRecalc.levers)} custom-function calls and one native array formula per recalculation, against the native twin's ${count(twin.formulas.native)} formulas.`,
    `On a single-usage edit the native twin recomputes only what the edit changes (the engine reports ${count(twin.changedCells.edit.native)} changed cells, against ${count(twin.changedCells.full.native)} on a full recalculation), while each lifted call reads the whole usage range and runs again in full${edit.native.cpuMs / edit.levers.cpuMs < native / full.levers.cpuMs ? ": that is why the edit's ratio is the lower one" : ""}.`,
    `Run back to back instead of in turns with the other twins (the instrumented runs below), a full recalculation of the lifted twin took ${ms(b.totalMs)} and a single-usage edit ${ms(twin.breakdown.edit.totalMs)} (wall; native/that ${ratio(native, b.totalMs)} and ${ratio(edit.native.cpuMs, twin.breakdown.edit.totalMs)}); the targets are judged on the turns.`,
    `The ledger alone would allow ${ratio(native, ledger)}: the core runs the recalculation's ${count(LEDGER_RUNS_PER_RECALC)} ledger runs (COMMIT_WASTE and TOTAL_COST for every row, over usage gathered once) in ${ms(ledger)}.`,
    `What stands between, from the lifted twin's full recalculation with the plugin and functions.js timed inside it (${ms(b.totalMs)} wall, median of ${b.runs}): HyperFormula's own work outside the plugin ${ms(b.engineMs)} (${share(b.engineMs)}: the dependency graph, writing the ${count(LEDGER_RUNS_PER_RECALC)} spilled cells, the billed array formula's ${count(ROWS)}, and the list of changed cells setCellContents returns, which the native twin pays for its cells too); the preview's plugin (src/preview/leversPlugin.ts) ${ms(plugin)} (${share(plugin)}: ${ms(b.argumentsMs)} evaluating the arguments and turning the engine's ranges into arrays, ${ms(b.resultMs)} turning the returned arrays into spills); functions.js ${ms(b.functionsMs)} (${share(b.functionsMs)}), of which the ledger is about ${ms(ledger)} and the rest, about ${ms(beyondLedger)}, reading the ${count(ROWS)} commits and the other arguments, building a deal for each element (the catalogue's dealOf) and the result arrays.`,
    `Without the plugin's conversions native/ours would be about ${ratio(native, without(plugin))}; with functions.js doing nothing beyond the ledger, about ${ratio(native, without(beyondLedger))}; without both, about ${ratio(native, without(plugin + beyondLedger))} (each the CPU median scaled by the instrumented shares). In Excel the engine and the conversions are Excel's own, not these: HyperFormula stands in for them here.`,
    `For reference: with overage billed by a native formula in each row instead of one array formula, a full recalculation takes ${ms(byRow)} (native/that = ${ratio(native, byRow)}), and one call per row, as before lifting, ${ms(perRow)} (${ratio(native, perRow)}).`,
  ].join(" ");
}

/** The targets, each met or missed, with where the time goes, from this run's figures. */
function targetNotes(r: Results): string[] {
  const v = verdicts(r);
  const { core, overhead: o } = r;
  const notes: string[] = [];
  const slowest = [...core.throughput].sort((a, b) => a.ledgerStepsPerSecond - b.ledgerStepsPerSecond)[0]!;
  const single = coreRates(core).single;
  const levers = core.throughput.find((t) => t.runsPerRow > 1);
  // The share of LEVER_VALUES's time its ledger runs account for, at TOTAL_COST's cost per run.
  const ledgerShare = levers ? (100 * levers.runsPerRow * single.pass.cpuMs) / levers.pass.cpuMs : 0;
  const leversNote = levers
    ? ` Per row-month LEVER_VALUES does ${millions(levers.rowStepsPerSecond)}/s: its ${levers.runsPerRow} ledger runs a row are only about ${ledgerShare.toFixed(0)}% of its time (at ${single.name}'s cost per run); the rest is building and ranking the table in src/sheet/terms.ts (a deal for each ask by object spread, the ranking, the formatting), which is where a faster LEVER_VALUES would come from, not the ledger.`
    : "";
  notes.push(
    v.steps
      ? `**≥ 5 million ledger month-steps/s: met.** The slowest, ${slowest.name}, runs ${millions(slowest.ledgerStepsPerSecond)} ledger month-steps/s.${leversNote}`
      : `**≥ 5 million ledger month-steps/s: missed** by ${slowest.name} (${millions(slowest.ledgerStepsPerSecond)}/s).${leversNote}`,
  );
  notes.push(recalcNote(r, v.recalc));

  const gathered = coreRates(core).gathered;
  const gridLedgerMs = (1000 * GRID_STEPS) / gathered.ledgerStepsPerSecond;
  const cells = GRID.commits.length * GRID.discounts.length;
  const perCell = (o.grid.cpuMs * 1000) / cells;
  notes.push(
    `**${GRID.commits.length} × ${GRID.discounts.length} commit × discount grid over ${MONTHS} months in one call ≤ 5 ms: ${verdict(v.grid)}**: one TOTAL_COST call with a column of ${GRID.commits.length} commits and a row of ${GRID.discounts.length} discounts runs ${count(cells)} ledgers in ${ms(o.grid.cpuMs)} (CPU, warm; ${us(perCell)} a cell, ${stepsPerSecond(GRID_STEPS, o.grid.cpuMs)}), of which the ledger itself, at the core's ${millions(gathered.ledgerStepsPerSecond)}/s over usage gathered once, is about ${ms(gridLedgerMs)}; the rest is the lifted runner reading and broadcasting the arguments and building a deal for each cell. The first call after functions.js loads took ${ms(o.firstGrid.wallMs)} (wall, median of ${o.firstGrid.runs} fresh loads), most of it compiling on first use.`,
  );

  const first = o.firstRecommend.wallMs;
  const firstNote =
    first <= TARGETS.recommendMs
      ? `The first call after functions.js loads (compiled on first use, the slowest case a user meets) took ${ms(first)} (wall), also within 50 ms.`
      : `The first call after functions.js loads, which the target does not name but a user entering the formula meets, took ${ms(first)} (wall, median of ${o.firstRecommend.runs} fresh loads; noisy, and load-dependent on this shared machine): it runs before V8 has optimized anything. The search already reads each scenario's cost off the piecewise-linear table of the band it sweeps and runs the full expectation once, for the winning commit (about ${count(core.scenarios)} ledger runs plus a few per band for the table); what is left is one-time compilation.`;
  notes.push(
    `**RECOMMEND_COMMIT with 1,000 scenarios × 60 months ≤ 50 ms: ${verdict(v.recommend)}**: ${ms(core.recommend.cpuMs)} in the core and ${ms(o.recommend.cpuMs)} through functions.js, once warm. ${firstNote}`,
  );
  const f = r.sizes.find((s) => s.file === "functions.js");
  notes.push(
    v.functionsSize
      ? `**functions.js ≤ 60 KB (60,000 bytes) minified: met** (${f!.bytes.toLocaleString("en")} bytes, ${f!.gzipBytes.toLocaleString("en")} gzip).`
      : `**functions.js ≤ 60 KB (60,000 bytes) minified: missed** (${f ? f.bytes.toLocaleString("en") : "no"} bytes).`,
  );
  if ("skipped" in r.render) {
    notes.push(`**First render ≤ 1 s: not measured**: ${r.render.skipped}.`);
  } else {
    const rt = r.render;
    const where = rt.note ? ` ${rt.note}.` : "";
    notes.push(
      v.firstRender
        ? `**First render ≤ 1 s: met.** The pane sets its ready marker (body[data-ready], once its figures are in the page) ${ms(rt.ready!)} after navigation starts, median of ${rt.runs} cold loads; outside Excel that includes building the sample workbook in memory and computing its figures.${where}`
        : `**First render ≤ 1 s: ${rt.ready === undefined ? "not reached" : "missed"}** (ready marker ${rt.ready === undefined ? "never set" : ms(rt.ready)}; DOMContentLoaded ${ms(rt.domContentLoaded)}).${where}`,
    );
    if (rt.errors.length > 0) notes.push(`Page errors seen: ${rt.errors.join("; ")}.`);
  }
  for (const note of importNotes(r.import)) notes.push(note);
  for (const note of uncertaintyNotes(r.uncertainty)) notes.push(note);
  return notes;
}

function cacheNote(r: Results): string {
  const { twin, overhead: o } = r;
  const calls = twin.callsPerRecalc.levers;
  const saved = (calls * o.perCallUs.usageRange) / 1000;
  return [
    `Not added. A lifted call reads its usage range once and gathers it into periods once for all of its elements, so one recalculation of the lifted twin reads the range ${count(calls)} times (once per call), not once per row. Reading and checking a 60-month range costs a call about ${us(o.perCallUs.usageRange)} (a 60-month call less a 1-month one), so a usage cache could save at most about ${us(saved * 1000)} of the ${ms(twin.full.levers.cpuMs)} a full recalculation takes, and one keyed by content would still have to read every cell to verify it.`,
    `It could not hit anyway: in one recalculation of the one-call-per-row twin, ${count(twin.repeatedUsageArrays)} of its ${count(twin.callsPerRecalc.oneCallPerRow)} calls received a usage array another call already had (the plugin hands every call a fresh array, and Excel sends each invocation's arguments as serialized values, so it is not expected to repeat arrays either; not verified inside Excel).`,
  ].join(" ");
}

export function markdown(r: Results, table: readonly Row[]): string {
  const e = r.env;
  const t = r.twin;
  const load = (l: readonly number[]) => l.map((x) => x.toFixed(2)).join(", ");
  return `# Benchmarks

Written by \`npm run bench\` (bench/run.ts) on ${e.date}. Do not edit by hand: run it again.

- CPU: ${e.cpu} (${e.cores} logical cores), shared with other work: load average ${load(e.loadBefore)} at the start, ${load(e.loadAfter)} at the end.
- Node ${e.node}; HyperFormula ${e.hyperformula}; headless Chromium at /usr/bin/chromium.
- Production build of the current sources into a temporary folder: ${e.buildSeconds.toFixed(0)} s. Whole run: ${e.totalSeconds.toFixed(0)} s.

Every figure is a median of several runs. The machine is shared and noisy, so the targets are judged on
this process's CPU time, which leaves out time given to other processes, except where only wall time means
what a user waits (a first call, the pane's first render); the twin's ratios come from runs taken in turns
within one process. Before its timed runs every piece runs untimed for at least ${WARMUP_MS} ms of its own time
(and at least twice), so a fast piece timed beside a slow one is as warm as the slow one.

## Results

${markdownTable(table)}

## Targets

${targetNotes(r)
  .map((n) => `- ${n}`)
  .join("\n")}

## How it is measured

- **Workload.** "1,000 rows" is 1,000 deal rows, each running the ledger for its own commit (400,000 to
  1,898,500 a year) over one shared 60-month usage series (80,000 a month growing 1% a month with a 10%
  seasonal swing), 20% discount, overage at list, 50% carryover, annual periods. The grid is
  ${GRID.commits.length} commits (400,000 to 1,870,000 a year) down by ${GRID.discounts.length} discounts (10% to 29.6%) across, over the same
  usage and terms.
- **Ledger month-steps.** One ledger run over one month. A pass over the rows is 1,000 × 60 of them for
  TOTAL_COST and COMMIT_WASTE, and five times that for LEVER_VALUES, which values the draft, three asks alone
  and all asks together (its row-months per second are shown too); a recalculation of a LEVERS twin is
  ${count(LEDGER_RUNS_PER_RECALC)} × 60 (COMMIT_WASTE and TOTAL_COST for every row), and the native twin's rate is the same work
  over its time; the grid is ${count(GRID.commits.length * GRID.discounts.length)} × 60. RECOMMEND_COMMIT and COMMIT_CURVE solve piecewise-linearly
  instead of running the ledger a fixed number of times, so their rates are lower bounds: they count only
  the full expectations they run (1,000 scenarios at the recommended commit, and at each of the curve's
  ${r.core.curveRows} commits), not the runs that build each band's table.
- **Core** (section 1): the pure functions of src/core, warm. Usage "gathered once" is a \`core.gather\`
  series, gathered into periods on the first run and reused, as a lifted call does for its elements.
- **Twin** (section 2): HyperFormula workbooks (\`useArrayArithmetic: true\`, \`smartRounding: false\`) on the
  same inputs. LEVERS, as shipped: \`=LEVERS.COMMIT_WASTE(A2:A1001, ...)\` in B2 and \`=LEVERS.TOTAL_COST(A2:A1001, ...)\` in C2,
  each spilling 1,000 rows, through the production functions.js and the preview's plugin (src/preview/leversPlugin.ts),
  as Excel calls them; overage billed is the total less the commitment (commit × months / period, as the ledger
  prorates it), written as one native array formula in D2, \`=C2:C1001-A2:A1001*ROWS(usage)/period\`. That is the
  fair counterpart: it is how a lifted model is written (one formula per column, Excel's \`=C2#-A2:A1001*...\`),
  and the native twin's billed column is native arithmetic too; the reference row with that column as one native
  formula per row shows what 1,000 formulas cost instead. Native: a shared period table (months and drawn
  dollars per period by SUMPRODUCT over \`INT((month - 1) / P) + 1 = k\`), then per row and period the available
  commitment (prorated commit + carryover share of the previous period's unused), unused and overage by MAX,
  and waste, overage billed and total from those: ${count(t.formulas.native)} formulas against the lifted twin's
  ${count(t.formulas.levers)} (and ${count(t.formulas.oneCallPerRow)} for one call per row). Every row of every twin is checked against the lifted
  twin and the core's ledger to 1e-6 relative after building, after each kind of edit and after the timing;
  any difference aborts the run. A full recalculation is an edit of the discount cell, on which every formula
  of every twin depends; a single-usage edit changes month 31. The instrumented rows run the lifted twin's
  recalculations again with the plugin's \`call\` and \`run\` and each function in functions.js timed inside
  (wall clock); the ledger's share is the core's own time for the same runs (section 1, usage gathered once).
  Builds took ${ms(t.buildMs.levers)} (LEVERS, lifted), ${ms(t.buildMs.oneCallPerRow)} (one call per row) and ${ms(t.buildMs.native)} (native), not counted.
- **Per call** (section 3): whole calls run the production functions.js in this process's realm, as Excel runs it beside the code
  that passes arguments (lifted parameters as 2-D arrays, a single value as \`[[value]]\`, as a \`matrix\` parameter
  receives it). (test/helpers/loadBundle runs it in a separate \`vm\` context; a call there took
  ${us(r.overhead.perCallUs.totalCostOtherRealm)} instead of ${us(r.overhead.perCallUs.totalCost)}; a CPU profile puts the difference in the
  readers' loops over arrays from another realm: fine for tests, wrong for timing.) The grid's every cell is checked
  against the core's ledger before it is timed. "First call after load" compiles a fresh copy of
  functions.js each time and is judged on wall time: its CPU time also counts V8's background compiler
  threads, so it can exceed the wait.
- **Size and start-up** (section 4): the production bundles (gzip level 9 by node:zlib); the pane served from
  the same build on 127.0.0.1 with Office.js served from @microsoft/office-js (outside Office, Office.onReady
  resolves with no host, so the pane runs on its in-memory sample workbook), each load in a new browser context, timed from
  navigation start to the pane's ready marker.
- ${importMethod(r.import)}
- ${uncertaintyMethod(r.uncertainty)}

## Usage-range cache

${cacheNote(r)}
`;
}
