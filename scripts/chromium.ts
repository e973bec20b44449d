/**
 * The browser tests need Debian's Chromium at /usr/bin/chromium. On a fresh machine it is not there:
 * as root (a container, a CI runner) this installs it with apt-get, streaming apt's output; as anyone
 * else it fails with the one command to run. jest.browser.config.js runs it once as its globalSetup,
 * and test/browser/harness.ts checks again before each launch.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

export const CHROMIUM = "/usr/bin/chromium";

/** The one command a non-root user is told to run. */
export const INSTALL_COMMAND = "sudo apt-get install -y chromium";

/** What the decision needs from the system; tests pass fakes. */
export interface ChromiumSystem {
  exists(path: string): boolean;
  isRoot(): boolean;
  /** Runs a command to completion with no input and its output shown; throws if it fails. */
  run(command: string, args: readonly string[]): void;
  log(message: string): void;
}

export const system: ChromiumSystem = {
  exists: existsSync,
  isRoot: () => process.getuid?.() === 0,
  run(command, args) {
    const result = spawnSync(command, args, {
      // stdin closed, stdout and stderr streamed as apt writes them.
      stdio: ["ignore", "inherit", "inherit"],
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
    if (result.error) throw result.error;
    if (result.status !== 0) {
      throw new Error(`${command} ${args.join(" ")} failed (exit ${result.status ?? result.signal ?? "?"})`);
    }
  },
  log: (message) => console.log(message),
};

/** Makes sure Chromium is installed: installs it when root, otherwise throws with the command to run. */
export function ensureChromium(sys: ChromiumSystem = system): void {
  ensureDebianTool(CHROMIUM, "chromium", "the browser tests need Debian's Chromium", sys);
}

/** xmllint, for the manifest schema check (test/build.test.ts): Debian's libxml2-utils. */
export const XMLLINT = "/usr/bin/xmllint";

export function ensureXmllint(sys: ChromiumSystem = system): void {
  ensureDebianTool(XMLLINT, "libxml2-utils", "the manifest schema check needs xmllint", sys);
}

/** Installs Debian's `pkg` when `binary` is missing and this is root; otherwise throws with the command. */
export function ensureDebianTool(binary: string, pkg: string, why: string, sys: ChromiumSystem = system): void {
  if (sys.exists(binary)) return;
  if (!sys.isRoot()) {
    throw new Error(`${binary} is missing: ${why}. Install it with:\n\n  sudo apt-get install -y ${pkg}\n`);
  }
  sys.log(`${binary} is missing: installing Debian's ${pkg} (apt-get update, then apt-get install)...`);
  sys.run("apt-get", ["update"]);
  sys.run("apt-get", ["install", "-y", "--no-install-recommends", pkg]);
  if (!sys.exists(binary)) throw new Error(`apt-get installed ${pkg}, but ${binary} is still missing.`);
}

/** jest globalSetup (jest.browser.config.js). */
export default function globalSetup(): void {
  ensureChromium();
}
