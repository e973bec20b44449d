/**
 * The production functions bundle for the real-engine tests: dist/ when it is a production build of
 * the current sources, otherwise a fresh production build in a private temporary folder (so these
 * tests never race another test rebuilding dist/, and cannot pass on a stale bundle or without one).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DIST, ROOT, loadBundle } from "../helpers/loadBundle";
import { CustomFunctionsError } from "../helpers/loadBundle";
import type { FunctionsMetadata, LeversPlugin } from "../../src/preview/leversPlugin";
import { leversPlugin } from "../../src/preview/leversPlugin";

export const BUILD_TIMEOUT_MS = 300_000;
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

function newestChange(path: string): number {
  if (!existsSync(path)) return 0;
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestChange(join(path, name))));
}

function isCurrentProductionBuild(dir: string, sources: number): boolean {
  const files = [...SHIPPED_BUNDLES, "functions.json"].map((f) => join(dir, f));
  if (!files.every((f) => existsSync(f))) return false;
  // A development build (npm start, npm run build:dev) also emits the preview: not what ships.
  if (existsSync(join(dir, "preview.js"))) return false;
  return Math.min(...files.map((f) => statSync(f).mtimeMs)) >= sources;
}

/** The folder holding a production build of the current sources (built on first use). */
export function productionBuild(): string {
  const sources = Math.max(...BUILD_INPUTS.map((input) => newestChange(join(ROOT, input))));
  if (isCurrentProductionBuild(DIST, sources)) return DIST;
  const cached = join(tmpdir(), `commit-levers-build-${Math.floor(sources)}`);
  if (isCurrentProductionBuild(cached, sources)) return cached;
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
