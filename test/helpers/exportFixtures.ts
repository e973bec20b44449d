/** The export fixtures (test/fixtures/exports) as the pane reads a picked file, and Excel's errors as the specs catch them. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { LeverError } from "../../src/core";
import { Cell, tableFromFile } from "../../src/sheet";
import { CustomFunctionsError, ROOT } from "./loadBundle";

export const FIXTURES = join(ROOT, "test", "fixtures", "exports");

/** A fixture read as the pane reads a picked file (src/sheet/files.ts): CSV, or a JSON response flattened. */
export function fixtureTable(name: string): Cell[][] {
  const table = tableFromFile(name, readFileSync(join(FIXTURES, name), "utf8"));
  if (table instanceof LeverError) throw new Error(`${name}: ${table.message}`);
  return table;
}

/** The Excel error a call throws (a custom function throws CustomFunctions.Error). */
export function thrown(call: () => unknown): CustomFunctionsError {
  try {
    call();
  } catch (e) {
    return e as CustomFunctionsError;
  }
  throw new Error("expected an Excel error");
}
