/**
 * Loads the built custom-functions bundle (dist/functions.js) the way Excel's runtime would: the bundle
 * runs once and registers each function with `CustomFunctions.associate`. Here it runs in a fresh `vm`
 * context whose `CustomFunctions` is the recording stand-in (src/preview/customFunctionsStandIn.ts, in
 * strict mode), and the recorded functions come back by id.
 *
 * Values the bundle creates belong to the vm's realm: compare arrays with `toEqual` (not `toStrictEqual`,
 * whose prototype check fails across realms). `CustomFunctions.Error` is the stand-in's host-realm class, so
 * `toBeInstanceOf(CustomFunctionsError)` works.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createContext, runInContext } from "node:vm";
import { CustomFunction, customFunctionsStandIn } from "../../src/preview/customFunctionsStandIn";

export const ROOT = join(__dirname, "..", "..");
export const DIST = join(ROOT, "dist");
export const FUNCTIONS_BUNDLE = join(DIST, "functions.js");
export const FUNCTIONS_METADATA = join(DIST, "functions.json");

// The stand-in's parts, re-exported for the tests and the bench that import them from here.
export type { CustomFunction };
export { CustomFunctionsError, ErrorCode } from "../../src/preview/customFunctionsStandIn";

export interface LoadBundleOptions {
  /** The bundle to run; dist/functions.js unless told. */
  readonly file?: string;
  /** More globals for the bundle (they override the default stubs). */
  readonly globals?: Record<string, unknown>;
}

/** The functions dist/functions.js associates, by id. Throws if an id is associated twice or with a non-function. */
export function loadBundle(options: LoadBundleOptions = {}): Map<string, CustomFunction> {
  const file = options.file ?? FUNCTIONS_BUNDLE;
  if (!existsSync(file)) throw new Error(`${file} does not exist: run \`npm run build\` first.`);

  const { CustomFunctions, associated } = customFunctionsStandIn({ strict: true });
  // Enough of Office.js for a bundle that waits for Office before doing anything.
  const Office = {
    HostType: { Excel: "Excel" },
    PlatformType: { PC: "PC" },
    onReady(callback?: (info: { host: string; platform: string }) => void) {
      const info = { host: "Excel", platform: "PC" };
      callback?.(info);
      return Promise.resolve(info);
    },
  };

  const sandbox: Record<string, unknown> = { CustomFunctions, Office, console, ...options.globals };
  const context = createContext(sandbox);
  // Webpack's browser runtime may reach the global object as `self`. No `window` or `document`: the
  // functions must not need a DOM to load.
  if (!("self" in sandbox)) sandbox.self = runInContext("globalThis", context);
  runInContext(readFileSync(file, "utf8"), context, { filename: file });
  return associated;
}

/** The ids functions.json declares, in its order. */
export function metadataIds(file: string = FUNCTIONS_METADATA): string[] {
  const metadata = JSON.parse(readFileSync(file, "utf8")) as { functions: { id: string }[] };
  return metadata.functions.map((f) => f.id);
}
