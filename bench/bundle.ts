/**
 * The add-in as it ships: a production build of the current sources into a private temporary
 * folder (other engineers rebuild dist/ while they work, so the bench never reads or writes it),
 * and functions.js loaded the way Excel's runtime runs it.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runInThisContext } from "node:vm";
import type { CustomFunction, FunctionsMetadata } from "../src/preview/leversPlugin";
import { customFunctionsStandIn } from "../src/preview/customFunctionsStandIn";
import { ROOT } from "../test/helpers/loadBundle";

const BUILD_TIMEOUT_MS = 300_000;

/** Builds the production bundles into a new temporary folder and returns it, with the build's wall time. */
export function buildInto(): { dir: string; buildMs: number; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "commit-levers-bench-"));
  const webpack = join(ROOT, "node_modules", "webpack", "bin", "webpack.js");
  const t0 = performance.now();
  execFileSync(process.execPath, [webpack, "--mode", "production", "--output-path", dir], {
    cwd: ROOT,
    stdio: "pipe",
    timeout: BUILD_TIMEOUT_MS,
  });
  return { dir, buildMs: performance.now() - t0, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * The functions functions.js associates, by id, with the bundle run in this realm (this process's
 * global object), as Excel's runtime runs it beside the code that hands it arguments.
 *
 * Not test/helpers/loadBundle's `vm` context: there the arguments (built here) come from another
 * realm, and a TOTAL_COST call over a 60-month range measured about 10 times slower (a CPU profile
 * puts the extra time in the readers' loops over the foreign arrays): fine for tests, not for timing.
 */
export function loadFunctions(dir: string, fresh = ""): Map<string, CustomFunction> {
  const file = join(dir, "functions.js");
  const { CustomFunctions, associated } = customFunctionsStandIn();
  const Office = { onReady: () => Promise.resolve({ host: "Excel", platform: "PC" }) };
  // A distinct `fresh` tag makes distinct source, so V8 compiles it anew: a cold start, as a new runtime has.
  const source = `(function (CustomFunctions, Office, self) {\n${readFileSync(file, "utf8")}\n})// ${fresh}`;
  const run = runInThisContext(source, { filename: file }) as (
    customFunctions: unknown,
    office: unknown,
    self: unknown,
  ) => void;
  run(CustomFunctions, Office, globalThis);
  return associated;
}

export function loadMetadata(dir: string): FunctionsMetadata {
  return JSON.parse(readFileSync(join(dir, "functions.json"), "utf8")) as FunctionsMetadata;
}
