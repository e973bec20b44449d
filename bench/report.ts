/**
 * The results as a table for the terminal and as docs/BENCHMARKS.md: the machine, the figures,
 * and for each target "met" or "missed", with why and what would close it, worded from this
 * run's own numbers.
 */
import type { CoreResult } from "./core";
import type { Timing } from "./measure";
import type { OverheadResult } from "./overhead";
import type { BundleSize, RenderTiming } from "./startup";
import type { TwinResult } from "./twin";
import { MONTHS, ROWS } from "./workload";

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
}

export const TARGETS = {
  stepsPerSecond: 5e6,
  recalcRatio: 20,
  recommendMs: 50,
  functionsBytes: 60_000,
  firstRenderMs: 1000,
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

export interface Verdicts {
  readonly steps: boolean;
  readonly recalc: boolean;
  readonly recommend: boolean;
  readonly functionsSize: boolean;
  readonly firstRender: boolean | undefined;
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
    recommend: r.core.recommend.cpuMs <= TARGETS.recommendMs && r.overhead.recommend.cpuMs <= TARGETS.recommendMs,
    functionsSize: functionsJs !== undefined && functionsJs.bytes <= TARGETS.functionsBytes,
    firstRender: ready === undefined ? undefined : ready <= TARGETS.firstRenderMs,
  };
}

const verdict = (met: boolean | undefined) => (met === undefined ? "not measured" : met ? "met" : "missed");

export function rows(r: Results): Row[] {
  const v = verdicts(r);
  const { core, overhead: o, twin } = r;
  const out: Row[] = [];
  for (const t of core.throughput) {
    const rowNote = t.runsPerRow > 1 ? ` (${millions(t.rowStepsPerSecond)} row-months/s)` : "";
    out.push({
      section: "1 core",
      measure: `${t.name}, ${ROWS.toLocaleString("en")} rows × ${MONTHS} months${t.runsPerRow > 1 ? `, ${t.runsPerRow} ledger runs a row` : ""}`,
      figure: `${millions(t.ledgerStepsPerSecond)} ledger month-steps/s${rowNote}; ${ms(t.pass.cpuMs)} a pass`,
      target: "≥ 5 M/s",
      verdict: verdict(t.ledgerStepsPerSecond >= TARGETS.stepsPerSecond),
    });
  }
  out.push(
    {
      section: "1 core",
      measure: `RECOMMEND_COMMIT, ${core.scenarios.toLocaleString("en")} scenarios × ${MONTHS} months`,
      figure: timing(core.recommend),
      target: "≤ 50 ms",
      verdict: verdict(core.recommend.cpuMs <= TARGETS.recommendMs),
    },
    {
      section: "1 core",
      measure: `COMMIT_CURVE, ${core.scenarios.toLocaleString("en")} scenarios × ${MONTHS} months, 25 points`,
      figure: timing(core.curve),
      target: "",
      verdict: "",
    },
  );
  const twinRow = (kind: "full" | "edit", label: string): Row => {
    const t = twin[kind];
    return {
      section: "2 twin",
      measure: `${label}: LEVERS.* vs native formulas (HyperFormula)`,
      figure: `LEVERS ${ms(t.levers.cpuMs)}, native ${ms(t.native.cpuMs)} CPU: native/ours = ${ratio(t.native.cpuMs, t.levers.cpuMs)} (wall ${ratio(t.native.wallMs, t.levers.wallMs)})`,
      target: "≥ 20×",
      verdict: verdict(t.native.cpuMs / t.levers.cpuMs >= TARGETS.recalcRatio),
    };
  };
  out.push(twinRow("full", "Full recalculation (discount edited)"), twinRow("edit", "Single-usage edit (month 31)"));
  for (const [kind, label] of [
    ["full", "full recalculation"],
    ["edit", "single-usage edit"],
  ] as const) {
    const t = twin[kind];
    out.push({
      section: "2 twin",
      measure: `Prototype, one spilled call per column (not shipped): ${label}`,
      figure: `${ms(t.spilled.cpuMs)} CPU: native/prototype = ${ratio(t.native.cpuMs, t.spilled.cpuMs)}`,
      target: "",
      verdict: "what would close it",
    });
  }
  const perCallInEngine = (twin.full.levers.cpuMs * 1000) / twin.callsPerRecalc;
  out.push(
    {
      section: "3 per call",
      measure:
        "TOTAL_COST, 60-month usage: core alone / whole call in functions.js / of which the range (60 months less 1)",
      figure: `${us(o.perCallUs.core)} / ${us(o.perCallUs.totalCost)} / ${us(o.perCallUs.usageRange)}`,
      target: "",
      verdict: "",
    },
    {
      section: "3 per call",
      measure: "TOTAL_COST or COMMIT_WASTE, whole call in HyperFormula (engine + plugin + functions.js)",
      figure: us(perCallInEngine),
      target: "",
      verdict: "",
    },
    {
      section: "3 per call",
      measure: "LEVER_VALUES: core alone / whole call in functions.js",
      figure: `${us(o.perCallUs.leverValuesCore)} / ${us(o.perCallUs.leverValues)}`,
      target: "",
      verdict: "",
    },
    {
      section: "3 per call",
      measure: "RECOMMEND_COMMIT in functions.js: warm / first call after load (not a stated target)",
      figure: `${ms(o.recommend.cpuMs)} CPU / ${ms(o.firstRecommend.wallMs)} wall (${ms(o.firstRecommend.cpuMs)} CPU)`,
      target: "≤ 50 ms",
      verdict: `${verdict(o.recommend.cpuMs <= TARGETS.recommendMs)}; first call ${o.firstRecommend.wallMs <= TARGETS.recommendMs ? "within" : "over"} 50 ms`,
    },
    {
      section: "3 per call",
      measure: "COMMIT_CURVE in functions.js: warm / first call after load",
      figure: `${ms(o.curve.cpuMs)} CPU / ${ms(o.firstCurve.wallMs)} wall (${ms(o.firstCurve.cpuMs)} CPU)`,
      target: "",
      verdict: "",
    },
    {
      section: "3 per call",
      measure: "Usage-range cache: calls of one recalculation given an array another call already had",
      figure: `${twin.repeatedUsageArrays} of ${twin.callsPerRecalc.toLocaleString("en")}`,
      target: "",
      verdict: twin.repeatedUsageArrays > 0 ? "see notes" : "cache not added",
    },
  );
  for (const s of r.sizes) {
    out.push({
      section: "4 size",
      measure: `${s.file}, minified / gzip`,
      figure: `${s.bytes.toLocaleString("en")} B (${kb(s.bytes)}) / ${s.gzipBytes.toLocaleString("en")} B (${kb(s.gzipBytes)})`,
      target: s.file === "functions.js" ? "≤ 60 KB" : "",
      verdict: s.file === "functions.js" ? verdict(v.functionsSize) : "",
    });
  }
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
  return out;
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

/** The targets, each met or missed; for a miss, why and what would close it, from this run's figures. */
function targetNotes(r: Results): string[] {
  const v = verdicts(r);
  const { core, overhead: o, twin } = r;
  const notes: string[] = [];
  const slowest = [...core.throughput].sort((a, b) => a.ledgerStepsPerSecond - b.ledgerStepsPerSecond)[0]!;
  const single = core.throughput.find((t) => t.runsPerRow === 1)!;
  const levers = core.throughput.find((t) => t.runsPerRow > 1);
  // The share of LEVER_VALUES's time its ledger runs account for, at TOTAL_COST's cost per run.
  const ledgerShare = levers ? (100 * levers.runsPerRow * single.pass.cpuMs) / levers.pass.cpuMs : 0;
  const leversNote = levers
    ? ` Per row-month LEVER_VALUES does ${millions(levers.rowStepsPerSecond)}/s: its ${levers.runsPerRow} ledger runs a row are only about ${ledgerShare.toFixed(0)}% of its time (at ${single.name}'s cost per run); the rest is building and ranking the table in src/sheet/terms.ts (a deal per ask made by object spread and Object.fromEntries, sorting, formatting), which is where a faster LEVER_VALUES would come from, not the ledger.`
    : "";
  notes.push(
    v.steps
      ? `**≥ 5 million ledger month-steps/s: met.** The slowest, ${slowest.name}, runs ${millions(slowest.ledgerStepsPerSecond)} ledger month-steps/s.${leversNote}`
      : `**≥ 5 million ledger month-steps/s: missed** by ${slowest.name} (${millions(slowest.ledgerStepsPerSecond)}/s).${leversNote}`,
  );
  const full = twin.full;
  const edit = twin.edit;
  const perCall = (full.levers.cpuMs * 1000) / twin.callsPerRecalc;
  const perNativeCell = (full.native.cpuMs * 1000) / twin.formulas.native;
  notes.push(
    v.recalc
      ? `**1,000-row recalculation ≥ 20× faster than the native twin: met** (${ratio(full.native.cpuMs, full.levers.cpuMs)} full, ${ratio(edit.native.cpuMs, edit.levers.cpuMs)} single edit).`
      : [
          `**1,000-row recalculation ≥ 20× faster than the native twin: missed** (native/ours ${ratio(full.native.cpuMs, full.levers.cpuMs)} on a full recalculation, ${ratio(edit.native.cpuMs, edit.levers.cpuMs)} on a single-usage edit).`,
          `Why: the model costs one custom-function call per figure per row (${twin.callsPerRecalc.toLocaleString("en")} calls), and each call costs about ${us(perCall)} in the engine, of which the ledger itself is ${us(o.perCallUs.core)} and the whole functions.js call ${us(o.perCallUs.totalCost)} (${us(o.perCallUs.usageRange)} of it reading and checking the range); the rest is HyperFormula and the plugin evaluating the 60-cell range and converting it into a fresh 2-D array for every call.`,
          `The native twin's ${twin.formulas.native.toLocaleString("en")} formulas cost about ${us(perNativeCell)} each, so one call cannot be 20× cheaper than the ${(twin.formulas.native / twin.callsPerRecalc).toFixed(0)} cheap cells it replaces: per-call overhead, not arithmetic, sets the ratio.`,
          `What would close it: one call per column. A bench-only prototype (bench/spilled.ts) that takes the commit column as a range, reads the usage range once with the add-in's own reader and spills waste, overage billed and total cost for all ${ROWS.toLocaleString("en")} rows recalculates in ${ms(full.spilled.cpuMs)} (native/prototype ${ratio(full.native.cpuMs, full.spilled.cpuMs)}) and re-runs a usage edit in ${ms(edit.spilled.cpuMs)} (${ratio(edit.native.cpuMs, edit.spilled.cpuMs)}). The shipped change would let the ledger functions take a range of commits element by element (as LIST_COST does through invokeEach) and gather usage into periods once per call, not once per commit.`,
        ].join(" "),
  );
  const first = o.firstRecommend.wallMs;
  const firstNote =
    first <= TARGETS.recommendMs
      ? `The first call after functions.js loads (compiled on first use, the slowest case a user meets) took ${ms(first)} (wall), also within 50 ms.`
      : [
          `The first call after functions.js loads, which the target does not name but a user entering the formula meets, took ${ms(first)} (wall, median of ${o.firstRecommend.runs} fresh loads; noisy, and load-dependent on this shared machine): it runs before V8 has optimized anything. The search already reads each scenario's cost off the piecewise-linear table of the band it sweeps and runs the full expectation once, for the winning commit (about ${core.scenarios.toLocaleString("en")} ledger runs plus a few per band for the table); what is left is one-time compilation.`,
        ].join(" ");
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
  return notes;
}

function cacheNote(r: Results): string {
  const { twin, overhead: o } = r;
  const perCall = (twin.full.levers.cpuMs * 1000) / twin.callsPerRecalc;
  const share = (100 * o.perCallUs.usageRange) / perCall;
  if (twin.repeatedUsageArrays > 0) {
    return `In one recalculation ${twin.repeatedUsageArrays} of ${twin.callsPerRecalc} calls received a usage array another call already had: an identity-keyed cache could hit there. It is not in this build; measure its gain before adding it.`;
  }
  return [
    `Not added. In one recalculation of the LEVERS twin, none of the ${twin.callsPerRecalc.toLocaleString("en")} calls received a usage array that another call had already received: the plugin hands every call a fresh array, and Excel sends each invocation's arguments as serialized values, so it is not expected to repeat arrays either (not verified inside Excel). A cache keyed by the array's identity would never hit, so it cannot pay.`,
    `The most any usage cache could save is what the range costs a call in functions.js (a 60-month call less a 1-month one): ${us(o.perCallUs.usageRange)} of the ${us(perCall)} a call costs in the engine (${share.toFixed(0)}%), and one keyed by content would still have to read every cell to verify it. One call per column (above) reads the range once per recalculation instead.`,
  ].join(" ");
}

export function markdown(r: Results, table: readonly Row[]): string {
  const e = r.env;
  const load = (l: readonly number[]) => l.map((x) => x.toFixed(2)).join(", ");
  return `# Benchmarks

Written by \`npm run bench\` (bench/run.ts) on ${e.date}. Do not edit by hand: run it again.

- CPU: ${e.cpu} (${e.cores} logical cores), shared with other work: load average ${load(e.loadBefore)} at the start, ${load(e.loadAfter)} at the end.
- Node ${e.node}; HyperFormula ${e.hyperformula}; headless Chromium at /usr/bin/chromium.
- Production build of the current sources into a temporary folder: ${e.buildSeconds.toFixed(0)} s. Whole run: ${e.totalSeconds.toFixed(0)} s.

Every figure is a median of several runs. The machine is shared and noisy, so the targets are judged on
this process's CPU time, which leaves out time given to other processes, except where only wall time means
what a user waits (a first call, the pane's first render); the twin's ratios come from runs taken in turns
within one process.

## Results

${markdownTable(table)}

## Targets

${targetNotes(r)
  .map((n) => `- ${n}`)
  .join("\n")}

## How it is measured

- **Workload.** "1,000 rows" is 1,000 deal rows, each running the ledger for its own commit (400,000 to
  1,898,500 a year) over one shared 60-month usage series (80,000 a month growing 1% a month with a 10%
  seasonal swing), 20% discount, overage at list, 50% carryover, annual periods. A ledger month-step is one ledger
  run over one month: a pass over the rows is 1,000 × 60 of them for TOTAL_COST and COMMIT_WASTE, and five
  times that for LEVER_VALUES, which values the draft, three asks alone and all asks together (its
  row-months per second are shown too).
- **Core** (section 1): the pure functions of src/core, warm.
- **Twin** (section 2): two HyperFormula workbooks (\`useArrayArithmetic: true\`, \`smartRounding: false\`) on the
  same inputs. LEVERS: per row \`=LEVERS.COMMIT_WASTE(...)\`, \`=LEVERS.TOTAL_COST(...)\`, and overage billed as the
  total less the commitment (commit × months / period, as the ledger prorates it), through the production
  functions.js and the preview's plugin (src/preview/leversPlugin.ts), as Excel calls them. Native: a shared
  period table (months and drawn dollars per period by SUMPRODUCT over \`INT((month - 1) / P) + 1 = k\`), then per
  row and period the available commitment (prorated commit + carryover share of the previous period's unused),
  unused and overage by MAX, and waste, overage billed and total from those: ${r.twin.formulas.native.toLocaleString("en")}
  formulas against ${r.twin.formulas.levers.toLocaleString("en")}. Every row of both (and of the prototype) is checked
  against the core's ledger to 1e-6 relative after building, after each kind of edit and after the timing;
  any difference aborts the run. A full recalculation is an edit of the discount cell, on which every formula
  of both twins depends; a single-usage edit changes month 31. Builds took ${ms(r.twin.buildMs.levers)} (LEVERS) and
  ${ms(r.twin.buildMs.native)} (native), not counted.
- **Per call** (section 3): whole calls run the production functions.js in this process's realm, as Excel runs it beside the code
  that passes arguments. (test/helpers/loadBundle runs it in a separate \`vm\` context; a call there took
  ${us(r.overhead.perCallUs.totalCostOtherRealm)} instead of ${us(r.overhead.perCallUs.totalCost)}; a CPU profile puts the difference in the
  readers' loops over arrays from another realm: fine for tests, wrong for timing.) "First call after load" compiles a fresh copy of
  functions.js each time and is judged on wall time: its CPU time also counts V8's background compiler
  threads, so it can exceed the wait.
- **Size and start-up** (section 4): the production bundles (gzip level 9 by node:zlib); the pane served from
  the same build on 127.0.0.1 with Office.js routed to test/browser/office-stub.js (Office.onReady with no
  host, so the pane runs on its in-memory sample workbook), each load in a new browser context, timed from
  navigation start to the pane's ready marker.

## Usage-range cache

${cacheNote(r)}
`;
}
