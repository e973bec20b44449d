/** The real system and tool paths the start, stop and validate scripts hand to scripts/office.ts. */
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { Command, OfficeSystem } from "./office";

const require = createRequire(__filename);

export const realSystem: OfficeSystem = {
  platform: process.platform,
  env: process.env,
  exists: existsSync,
  registryHas: (key) =>
    process.platform === "win32" && spawnSync("reg", ["query", key, "/ve"], { stdio: "ignore" }).status === 0,
};

/** The tools' command-line scripts, run with this node (their bin links may lack the execute bit). */
export const tools = {
  node: process.execPath,
  webpack: require.resolve("webpack/bin/webpack.js"),
  debugging: require.resolve("office-addin-debugging/cli.js"),
  manifestCli: require.resolve("office-addin-manifest/cli.js"),
};

/** Runs a command with the terminal, forwarding Ctrl+C, and exits with its code. */
export function runForeground(command: Command): void {
  const child = spawn(command.program, [...command.args], { stdio: "inherit" });
  child.on("exit", (code) => process.exit(code ?? 0));
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
}
