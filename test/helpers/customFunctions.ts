/**
 * Installs the `CustomFunctions` stand-in (src/preview/customFunctionsStandIn.ts) as a global, so the
 * functions layer runs in Node exactly as Excel calls it. Import this module before the functions.
 */
import { CustomFunctionsError, customFunctionsStandIn } from "../../src/preview/customFunctionsStandIn";

/** The stand-in's `CustomFunctions.Error`, under the name the unit tests use. */
export { CustomFunctionsError as StubExcelError };

const g = globalThis as unknown as { CustomFunctions?: unknown };
g.CustomFunctions = customFunctionsStandIn().CustomFunctions;

/** Runs `call`, which must fail with an Excel error, and returns that error. */
export function excelError(call: () => unknown): CustomFunctionsError {
  try {
    call();
  } catch (e) {
    if (e instanceof CustomFunctionsError) return e;
    throw new Error(`expected an Excel error, got ${String(e)}`, { cause: e });
  }
  throw new Error("expected an Excel error, but the call returned a value");
}
