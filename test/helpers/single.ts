/**
 * The lifted functions (DOMAIN.md "Arrays in, arrays out") called with single values, as a cell
 * with one formula shows them: the function returns a 1x1 array (a dynamic-array function returns
 * a 2-D array), and this helper checks it is 1x1 and gives its one number. An error element is
 * thrown, as the runner throws it for a single call. Every other function is re-exported as is.
 */
import * as functions from "../../src/functions/functions";
import * as sizing from "../../src/functions/sizing";
import * as tracking from "../../src/functions/tracking";
import { FunctionId, FUNCTIONS } from "../../src/catalogue/functions";

export * from "../../src/functions/functions";
export * from "../../src/functions/sizing";
export * from "../../src/functions/tracking";

type Grid = (number | CustomFunctions.Error)[][];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the adapters' own parameter lists
function one(fn: (...args: any[]) => Grid): (...args: unknown[]) => number {
  return (...args) => {
    const grid = fn(...args);
    if (grid.length !== 1 || grid[0]!.length !== 1) {
      throw new Error(`expected a single value, got ${grid.length} by ${grid[0]?.length ?? 0}`);
    }
    const value = grid[0]![0]!;
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- the error a single call shows, as the runner throws it
    if (typeof value !== "number") throw value;
    return value;
  };
}

/** `COMMIT_WASTE` -> `commitWaste`: an adapter's name from its function's id. */
type Camel<S extends string> = S extends `${infer Head}_${infer Tail}`
  ? `${Lowercase<Head>}${Capitalize<Camel<Tail>>}`
  : Lowercase<S>;
const camel = (id: string): string => id.toLowerCase().replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** The functions the catalogue lifts (its `lifts: true` entries). */
type LiftedId = { [K in FunctionId]: (typeof FUNCTIONS)[K] extends { readonly lifts?: true } ? K : never }[FunctionId];

const ADAPTERS: Record<string, unknown> = { ...functions, ...sizing, ...tracking };

/**
 * A single-value wrapper for every function the catalogue lifts, generated from the catalogue, so a
 * function lifted later has one at once; each throws if its adapter is missing.
 */
export const lifted = Object.fromEntries(
  (Object.keys(FUNCTIONS) as FunctionId[])
    .filter((id) => (FUNCTIONS[id] as { readonly lifts?: boolean }).lifts === true)
    .map((id) => {
      const adapter = ADAPTERS[camel(id)];
      if (typeof adapter !== "function") throw new Error(`no adapter ${camel(id)} for the lifted ${id}`);
      return [camel(id), one(adapter as (...args: unknown[]) => Grid)];
    }),
) as { readonly [K in LiftedId as Camel<K>]: (...args: unknown[]) => number };

// The names the specs call, from the generated set (a name the catalogue does not lift fails to compile).
export const {
  commitWaste,
  overageValue,
  totalCost,
  carryoverValue,
  utilization,
  coverage,
  esr,
  priceLockValue,
  trueForwardCost,
  ratchetCost,
  exclusionCost,
  carryoverCapCost,
  renewalCapValue,
  horizonCost,
  bandDiscount,
  forfeitChance,
  shortfall,
} = lifted;
