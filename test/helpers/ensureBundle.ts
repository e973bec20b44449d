/**
 * Tests that load dist/ call `ensureBundle()` first: if the bundle is missing or older than its
 * sources, it is built once (production mode), so no test can pass on a stale bundle or none.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { FUNCTIONS_BUNDLE, FUNCTIONS_METADATA, ROOT } from "./loadBundle";

const BUILD_TIMEOUT_MS = 300_000;
const BUILD_INPUTS = ["src", "webpack.config.js", "tsconfig.json", "tsconfig.build.json", "manifest.xml"];

/** The latest modification time of a file, or of any file under a folder. */
function newestChange(path: string): number {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestChange(join(path, name))));
}

/** Whether dist/functions.js and functions.json exist and are newer than every build input. */
export function bundleIsCurrent(): boolean {
  if (!existsSync(FUNCTIONS_BUNDLE) || !existsSync(FUNCTIONS_METADATA)) return false;
  const built = Math.min(statSync(FUNCTIONS_BUNDLE).mtimeMs, statSync(FUNCTIONS_METADATA).mtimeMs);
  return BUILD_INPUTS.every((input) => newestChange(join(ROOT, input)) <= built);
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
