/**
 * The largest and smallest of a list of any length. `Math.max(...xs)` passes each value as a call
 * argument, and JavaScriptCore (Excel for Mac, Safari) throws past 65,536 arguments (Chromium at
 * about 125,000), so a long usage range or price book would fail there; these loop instead.
 * They give what `Math.max(...xs)` and `Math.min(...xs)` give: -Infinity and Infinity for an empty
 * list, NaN if any value is NaN. `Math.max(0, ...xs)` is `Math.max(0, maxOf(xs))`.
 */
export function maxOf(values: Iterable<number>): number {
  let max = -Infinity;
  for (const value of values) max = Math.max(max, value);
  return max;
}

/** The smallest of `values`, as `Math.min(...values)` gives it (Infinity for none). See maxOf. */
export function minOf(values: Iterable<number>): number {
  let min = Infinity;
  for (const value of values) min = Math.min(min, value);
  return min;
}
