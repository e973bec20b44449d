/**
 * The production functions bundle for the real-engine tests: dist/ when it is a production build of
 * the current sources, otherwise a fresh production build in a private temporary folder (so these
 * tests never race another test rebuilding dist/, and cannot pass on a stale bundle or without one).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isNewerThan, newestChange } from "../helpers/ensureBundle";
import { CustomFunctionsError, DIST, ROOT, loadBundle } from "../helpers/loadBundle";
import type { FunctionsMetadata, LeversPlugin } from "../../src/preview/leversPlugin";
import { leversPlugin } from "../../src/preview/leversPlugin";

export const BUILD_TIMEOUT_MS = 300_000;
/** Everything a production build of all the bundles is made from (package.json too: its version is in the pages). */
const BUILD_INPUTS = [
  "src",
  "webpack.config.js",
  "tsconfig.json",
  "tsconfig.build.json",
  "manifest.xml",
  "package.json",
];
/** The bundles the add-in ships (a development build also has the preview page, which is not shipped). */
export const SHIPPED_BUNDLES = ["functions.js", "taskpane.js", "commands.js"];

function isCurrentProductionBuild(dir: string): boolean {
  // A development build (npm start, npm run build:dev) also emits the preview: not what ships.
  if (existsSync(join(dir, "preview.js"))) return false;
  return isNewerThan(
    [...SHIPPED_BUNDLES, "functions.json"].map((f) => join(dir, f)),
    BUILD_INPUTS,
  );
}

/** The folder holding a production build of the current sources (built on first use). */
export function productionBuild(): string {
  if (isCurrentProductionBuild(DIST)) return DIST;
  // Named for the sources' newest change, so a build of older sources is never taken for this one.
  const sources = Math.max(...BUILD_INPUTS.map((input) => newestChange(join(ROOT, input))));
  const cached = join(tmpdir(), `commit-levers-build-${Math.floor(sources)}`);
  if (isCurrentProductionBuild(cached)) return cached;
  const building = `${cached}.${process.pid}`;
  mkdirSync(building, { recursive: true });
  const webpack = join(ROOT, "node_modules", "webpack", "bin", "webpack.js");
  execFileSync(process.execPath, [webpack, "--mode", "production", "--output-path", building], {
    cwd: ROOT,
    stdio: "pipe",
    timeout: BUILD_TIMEOUT_MS,
  });
  rmSync(cached, { recursive: true, force: true });
  try {
    renameSync(building, cached);
  } catch {
    return building; // another worker got there first: use this copy
  }
  return cached;
}

/** The LEVERS.* plugin over the production bundle's functions, as Excel loads them. */
export function bundlePlugin(dir = productionBuild()): LeversPlugin {
  const functions = loadBundle({ file: join(dir, "functions.js") });
  const metadata = JSON.parse(readFileSync(join(dir, "functions.json"), "utf8")) as FunctionsMetadata;
  return leversPlugin({ metadata, functions, errorClass: CustomFunctionsError });
}
