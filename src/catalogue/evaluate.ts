/**
 * A catalogue entry evaluated on plain cell values, outside Excel: each argument through its reader
 * (an omitted optional one takes its default), then the compute. For the in-memory workbook, which
 * computes the model's usage columns with the same readers and core the custom functions use.
 * Single values only: an element-by-element entry is evaluated for one element.
 */
import { isLeverError } from "../core";
import { isLeftOut } from "../sheet/readers";
import type { FunctionEntry } from "./functions";

export function evaluate(entry: FunctionEntry, raw: readonly unknown[]): unknown {
  const args: Record<string, unknown> = {};
  for (const [i, p] of entry.params.entries()) {
    const value = raw[i];
    if (p.param.optional && isLeftOut(p.param, value)) {
      args[p.name] = p.param.fallback;
      continue;
    }
    const read = p.param.read(p.name, value);
    if (isLeverError(read)) return read;
    args[p.name] = read;
  }
  return entry.compute(args);
}
