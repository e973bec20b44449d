/**
 * `npm run bench`: speed and size of Commit Levers against what the arithmetic allows and against
 * the same model built with native formulas (issue 6). Prints a table and writes
 * docs/BENCHMARKS.md. Not part of `npm test`; takes about two minutes on a 2-core machine, most
 * of it the production build.
 *
 *   1. core throughput (bench/core.ts)
 *   2. the native-formula twin, against the lifted functions (bench/twin.ts)
 *   3. per-call overhead and the commit x discount grid (bench/overhead.ts)
 *   4. size and start-up (bench/startup.ts)
 *
 * Exits non-zero, writing nothing, if the twins' figures or the grid's differ from the core's: a
 * benchmark of wrong answers is void.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { ROOT } from "../test/helpers/loadBundle";
import { buildInto } from "./bundle";
import { runCore } from "./core";
import { runOverhead } from "./overhead";
import { markdown, Results, rows, textTable } from "./report";
import { bundleSizes, CHROMIUM, firstRender } from "./startup";
import { runTwins } from "./twin";

/** Timed runs per figure (medians); first calls are short and noisy, and the twin's ratios need the most runs to settle. */
const RUNS = { core: 9, overhead: 9, firstCalls: 15, twin: 31, render: 5 } as const;
const SHIPPED = ["functions.js", "taskpane.js", "commands.js"];
const REPORT = join(ROOT, "docs", "BENCHMARKS.md");

function step(label: string): void {
  process.stdout.write(`${label}...\n`);
}

async function main(): Promise<void> {
  const start = performance.now();
  const loadBefore = loadavg();
  step("Building the production bundles into a temporary folder");
  const build = buildInto();
  try {
    step("1. Core throughput");
    const core = runCore(RUNS.core);
    step("3. Per-call overhead in the functions layer, and the commit × discount grid (checked against the core)");
    const overhead = runOverhead(build.dir, RUNS.overhead, RUNS.firstCalls);
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
