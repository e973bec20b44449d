/**
 * `npm run bench`: speed and size of Commit Levers against what the arithmetic allows and against
 * the same model built with native formulas (issue 6). Prints a table and writes
 * docs/BENCHMARKS.md. Not part of `npm test`; takes about three minutes on a 2-core machine, most
 * of it the production build and the import section's large files.
 *
 *   1. core throughput (bench/core.ts)
 *   2. the native-formula twin, against the lifted functions (bench/twin.ts)
 *   3. per-call overhead and the commit x discount grid (bench/overhead.ts)
 *   4. size and start-up (bench/startup.ts)
 *   5. import of a year of exports, against a reference scanner and papaparse (bench/import.ts), and
 *      the Console file's whole import through the built task pane in Chromium (bench/importBrowser.ts)
 *   6. the functions over the futures usage may take, both volatilities (issue 27): LEVER_VALUES,
 *      COMMIT_RISK, RECOMMEND_COMMIT, FORFEIT_CHANCE and a first call after load (bench/uncertainty.ts)
 *
 * `npx tsx bench/run.ts import` runs section 5 alone (building the bundles first, for the pane) and
 * prints its rows and targets without writing docs/BENCHMARKS.md; `--rows=100000` (a
 * comma-separated list) picks the file sizes, for a quick run (the targets are judged at 1,000,000
 * rows).
 *
 * `npx tsx bench/run.ts uncertainty` runs section 6 alone (building the bundles first) and prints its
 * rows, its targets and functions.js's size (section 4's row), without writing docs/BENCHMARKS.md.
 *
 * Exits non-zero, writing nothing, if the twins' figures or the grid's differ from the core's, or
 * any reader's monthly list dollars differ from the reference scanner's, or functions.js's answers
 * over the futures (section 6) differ from the core's: a benchmark of wrong answers is void.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { ROOT } from "../test/helpers/loadBundle";
import { buildInto } from "./bundle";
import { runCore } from "./core";
import { IMPORT_SIZES, runImport } from "./import";
import { runOverhead } from "./overhead";
import {
  importMethod,
  importNotes,
  importRows,
  markdown,
  Results,
  rows,
  sizeRows,
  textTable,
  uncertaintyMethod,
  uncertaintyNotes,
  uncertaintyRows,
} from "./report";
import { bundleSizes, CHROMIUM, firstRender } from "./startup";
import { runTwins } from "./twin";
import { runUncertainty } from "./uncertainty";

/** Timed runs per figure (medians); first calls are short and noisy, and the twin's ratios need the most runs to settle. */
const RUNS = { core: 9, overhead: 9, firstCalls: 15, twin: 31, render: 5, import: 3, uncertainty: 9 } as const;
const SHIPPED = ["functions.js", "taskpane.js", "commands.js"];
const REPORT = join(ROOT, "docs", "BENCHMARKS.md");

function step(label: string): void {
  process.stdout.write(`${label}...\n`);
}

/** `import [--rows=100000,1000000]`: section 5 alone, printed, nothing written. */
async function importOnly(args: readonly string[]): Promise<void> {
  const rowsArg = args.find((a) => a.startsWith("--rows="));
  const sizes = rowsArg
    ? rowsArg
        .slice("--rows=".length)
        .split(",")
        .map((n) => Number(n.replace(/_/g, "")))
    : IMPORT_SIZES;
  if (sizes.some((n) => !Number.isInteger(n) || n < 2))
    throw new Error(`--rows takes whole numbers of rows: ${rowsArg}`);
  step("Building the production bundles into a temporary folder (the pane's import runs on them)");
  const build = buildInto();
  try {
    step(
      `5. Import, ${sizes.map((n) => n.toLocaleString("en")).join(" and ")} rows (section 5 alone; docs/BENCHMARKS.md is not written)`,
    );
    const result = await runImport({
      runs: RUNS.import,
      sizes,
      build: build.dir,
      log: (line) => process.stdout.write(`${line}\n`),
    });
    const notes = [...importNotes(result), importMethod(result)];
    process.stdout.write(`\n${textTable(importRows(result))}\n\n${notes.map((n) => `- ${n}`).join("\n")}\n`);
  } finally {
    build.remove();
  }
}

/** `uncertainty`: section 6 alone, with functions.js's size, printed, nothing written. */
function uncertaintyOnly(): void {
  step("Building the production bundles into a temporary folder");
  const build = buildInto();
  try {
    step("6. Uncertainty, both volatilities (section 6 alone; docs/BENCHMARKS.md is not written)");
    const result = runUncertainty(build.dir, RUNS.uncertainty, RUNS.firstCalls);
    const table = [...sizeRows(bundleSizes(build.dir, ["functions.js"])), ...uncertaintyRows(result)];
    const notes = [...uncertaintyNotes(result), uncertaintyMethod(result)];
    process.stdout.write(`\n${textTable(table)}\n\n${notes.map((n) => `- ${n}`).join("\n")}\n`);
  } finally {
    build.remove();
  }
}

/** The sections `npx tsx bench/run.ts <section>` runs alone. */
const ALONE: Record<string, (args: readonly string[]) => Promise<void> | void> = {
  import: importOnly,
  uncertainty: uncertaintyOnly,
};

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const alone = args[0] === undefined ? undefined : ALONE[args[0]];
  if (alone) return alone(args.slice(1));
  if (args.length > 0)
    throw new Error(
      `Unknown arguments: ${args.join(" ")} (only ${Object.keys(ALONE)
        .map((k) => `"${k}"`)
        .join(" and ")} run a section alone)`,
    );
  const start = performance.now();
  const loadBefore = loadavg();
  step("Building the production bundles into a temporary folder");
  const build = buildInto();
  try {
    step("1. Core throughput");
    const core = runCore(RUNS.core);
    step("3. Per-call overhead in the functions layer, and the commit × discount grid (checked against the core)");
    const overhead = runOverhead(build.dir, RUNS.overhead, RUNS.firstCalls);
    step("6. The functions over the futures usage may take, both volatilities (checked against the core first)");
    const uncertainty = runUncertainty(build.dir, RUNS.uncertainty, RUNS.firstCalls);
    step("2. The twins in HyperFormula, lifted LEVERS.* against native formulas (checking all against the core first)");
    const twin = runTwins(build.dir, RUNS.twin, (problems) => {
      throw new Error(
        `The twins disagree with the core's ledger; no figures are reported:\n  ${problems.join("\n  ")}`,
      );
    });
    step("4. Size and start-up");
    const sizes = bundleSizes(build.dir, SHIPPED);
    const render = existsSync(CHROMIUM)
      ? await firstRender(build.dir, RUNS.render)
      : { skipped: `${CHROMIUM} is missing (apt-get install chromium)` };
    step(
      "5. Import of a year of exports: the product's reader against a reference scanner and papaparse (checked against the scanner first), and the whole import through the built pane",
    );
    const imported = await runImport({
      runs: RUNS.import,
      build: build.dir,
      log: (line) => process.stdout.write(`${line}\n`),
    });

    const hyperformula = (
      JSON.parse(readFileSync(join(ROOT, "node_modules", "hyperformula", "package.json"), "utf8")) as {
        version: string;
      }
    ).version;
    const results: Results = {
      env: {
        cpu: cpus()[0]?.model ?? "unknown",
        cores: cpus().length,
        node: process.version,
        hyperformula,
        date: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
        loadBefore,
        loadAfter: loadavg(),
        buildSeconds: build.buildMs / 1000,
        totalSeconds: (performance.now() - start) / 1000,
      },
      core,
      overhead,
      twin,
      sizes,
      render,
      import: imported,
      uncertainty,
    };
    const table = rows(results);
    process.stdout.write(`\n${textTable(table)}\n\n`);
    mkdirSync(join(ROOT, "docs"), { recursive: true });
    writeFileSync(REPORT, markdown(results, table));
    process.stdout.write(`Wrote ${REPORT}\n`);
  } finally {
    build.remove();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
