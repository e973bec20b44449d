/**
 * `npm run validate [manifest]`: Microsoft's validator (office-addin-manifest validate, which asks
 * Microsoft's validation service), and where that service cannot be reached, the offline XSD check.
 * It prints which validator ran; the exit code is that validator's.
 */
import { spawnSync } from "node:child_process";
import { Command, MANIFEST, serviceUnreachable, validateCommand, xsdCommand } from "./office";
import { tools } from "./system";

// `npm run validate -- [--production] [manifest]`: --production asks the service for its
// production-level check (office-addin-manifest's -p), as a Marketplace submission gets.
const args = process.argv.slice(2);
const production = args.includes("--production");
const manifest = args.find((a) => !a.startsWith("--")) ?? MANIFEST;

function run(command: Command, timeoutMs: number) {
  const result = spawnSync(command.program, [...command.args], { encoding: "utf8", timeout: timeoutMs });
  return { status: result.status ?? 1, output: `${result.stdout ?? ""}${result.stderr ?? ""}`, error: result.error };
}

const online = run(validateCommand(tools, manifest, production), 120_000);
if (!serviceUnreachable(online.output) && !online.error) {
  process.stdout.write(online.output);
  console.log(`\nValidator: office-addin-manifest validate (Microsoft's validation service), exit ${online.status}.`);
  process.exit(online.status);
}

console.log(
  `Microsoft's validation service could not be reached (${
    online.error ? online.error.message : online.output.trim().split("\n")[0]
  }).\nRunning the offline check instead: the manifest against Microsoft's XSD with xmllint.`,
);
const offline = run(xsdCommand(manifest), 60_000);
process.stdout.write(offline.output);
console.log(`Validator: xmllint with OfficeAppManifestV1_1.xsd (offline), exit ${offline.status}.`);
process.exit(offline.status);
