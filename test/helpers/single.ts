/**
 * The lifted functions (DOMAIN.md "Arrays in, arrays out") called with single values, as a cell
 * with one formula shows them: the function returns a 1x1 array (a dynamic-array function returns
 * a 2-D array), and this helper checks it is 1x1 and gives its one number. An error element is
 * thrown, as the runner throws it for a single call. Every other function is re-exported as is.
 */
import * as functions from "../../src/functions/functions";
import * as sizing from "../../src/functions/sizing";
import * as tracking from "../../src/functions/tracking";

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

export const commitWaste = one(functions.commitWaste);
export const overageValue = one(functions.overageValue);
export const totalCost = one(functions.totalCost);
export const carryoverValue = one(functions.carryoverValue);
export const utilization = one(functions.utilization);
export const coverage = one(functions.coverage);
export const esr = one(functions.esr);
export const priceLockValue = one(functions.priceLockValue);
export const trueForwardCost = one(functions.trueForwardCost);
export const ratchetCost = one(functions.ratchetCost);
export const exclusionCost = one(functions.exclusionCost);
export const carryoverCapCost = one(functions.carryoverCapCost);
export const renewalCapValue = one(functions.renewalCapValue);
export const horizonCost = one(functions.horizonCost);
export const bandDiscount = one(sizing.bandDiscount);
export const shortfall = one(tracking.shortfall);
