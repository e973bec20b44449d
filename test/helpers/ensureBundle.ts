/**
 * Tests that load dist/ call `ensureBundle()` first: if the bundle is missing or older than its
 * sources, it is built once (production mode), so no test can pass on a stale bundle or none.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { FUNCTIONS_BUNDLE, FUNCTIONS_METADATA, ROOT } from "./loadBundle";

const BUILD_TIMEOUT_MS = 300_000;
const BUILD_INPUTS = ["src", "webpack.config.js", "tsconfig.json", "tsconfig.build.json", "manifest.xml"];

/**
 * The latest modification time of a file, or of any file under a folder (0 for an empty folder, or a
 * path that does not exist: an input folder may not have been created yet).
 */
export function newestChange(path: string): number {
  if (!existsSync(path)) return 0;
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestChange(join(path, name))));
}

/**
 * Whether every one of `files` exists and none is older than the newest change to `inputs` (files or
 * folders; a relative path is taken from the repository root). Each caller passes its own inputs.
 */
export function isNewerThan(files: readonly string[], inputs: readonly string[]): boolean {
  if (!files.every((file) => existsSync(file))) return false;
  const built = Math.min(...files.map((file) => statSync(file).mtimeMs));
  return inputs.every((input) => newestChange(resolve(ROOT, input)) <= built);
}

/** Whether dist/functions.js and functions.json exist and are newer than every build input. */
export function bundleIsCurrent(): boolean {
  return isNewerThan([FUNCTIONS_BUNDLE, FUNCTIONS_METADATA], BUILD_INPUTS);
}

/** Builds dist/ in production mode unless it is current. */
export function ensureBundle(): void {
  if (bundleIsCurrent()) return;
  const webpack = join(ROOT, "node_modules", "webpack", "bin", "webpack.js");
  execFileSync(process.execPath, [webpack, "--mode", "production"], {
    cwd: ROOT,
    stdio: "pipe",
    timeout: BUILD_TIMEOUT_MS,
  });
}
