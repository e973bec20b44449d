/**
 * The shipped functions, as Excel loads them, for the hardening tests and `npm run fuzz`.
 *
 * Several people build dist/ at once (webpack cleans the folder first), so this copies
 * functions.js and functions.json into a private folder as soon as they are current and loads the
 * copy: a rebuild that starts mid-test cannot pull the bundle away. dist/functions.js depends only on
 * src/functions and the layers below it (FUNCTION_INPUTS), so a bundle newer than those is current
 * even when the pane's sources changed since; otherwise `ensureBundle()` rebuilds dist/. If that build fails (someone's pane is
 * half-written) and a bundle newer than the functions' sources is there, it is used.
 */
import { copyFileSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureBundle, isNewerThan } from "../helpers/ensureBundle";
import { CustomFunction, FUNCTIONS_BUNDLE, FUNCTIONS_METADATA, loadBundle } from "../helpers/loadBundle";

/**
 * What functions.js is built from: deliberately fewer inputs than ensureBundle's (all of src), since
 * the functions bundle depends only on src/functions and the layers below it (src/core, and
 * src/catalogue and src/sheet, which need not exist yet: a missing folder counts as no change).
 */
const FUNCTION_INPUTS = [
  "src/core",
  "src/catalogue",
  "src/sheet",
  "src/functions",
  "webpack.config.js",
  "tsconfig.build.json",
];
export const BUNDLE_TIMEOUT_MS = 400_000;

/** One parameter as functions.json declares it. */
export interface Parameter {
  readonly name: string;
  readonly optional: boolean;
  readonly matrix: boolean;
}

export interface Shipped {
  /** The functions by id, exactly as the bundle associates them. */
  readonly functions: ReadonlyMap<string, CustomFunction>;
  /** Each function's parameters, in order, from functions.json. */
  readonly parameters: ReadonlyMap<string, readonly Parameter[]>;
}

function functionsBundleIsCurrent(): boolean {
  return isNewerThan([FUNCTIONS_BUNDLE, FUNCTIONS_METADATA], FUNCTION_INPUTS);
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

interface MetadataFile {
  functions: { id: string; parameters: { name: string; optional?: boolean; dimensionality?: string }[] }[];
}

/** Copies a current bundle aside and loads it; retries while another build rewrites dist/. */
function loadCopy(): Shipped {
  const dir = mkdtempSync(join(tmpdir(), "levers-hardening-"));
  let lastError: unknown;
  for (let attempt = 0; attempt < 6; attempt++) {
    try {
      if (!functionsBundleIsCurrent()) {
        try {
          ensureBundle();
        } catch (e) {
          if (!functionsBundleIsCurrent()) throw e;
        }
      }
      copyFileSync(FUNCTIONS_BUNDLE, join(dir, "functions.js"));
      copyFileSync(FUNCTIONS_METADATA, join(dir, "functions.json"));
      const metadata = JSON.parse(readFileSync(join(dir, "functions.json"), "utf8")) as MetadataFile;
      const functions = loadBundle({ file: join(dir, "functions.js") });
      const parameters = new Map(
        metadata.functions.map((f) => [
          f.id,
          f.parameters.map((p) => ({
            name: p.name,
            optional: p.optional === true,
            matrix: p.dimensionality === "matrix",
          })),
        ]),
      );
      if (functions.size === 0 || functions.size !== parameters.size) throw new Error("bundle and metadata disagree");
      return { functions, parameters };
    } catch (e) {
      lastError = e;
      sleep(3000);
    }
  }
  throw new Error(`could not load a current dist/functions.js: ${String(lastError)}`, { cause: lastError });
}

let cached: Shipped | undefined;

/** The shipped functions and their parameters (built and loaded once per process). */
export function shipped(): Shipped {
  cached ??= loadCopy();
  return cached;
}
