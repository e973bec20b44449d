/**
 * Statistics over a scenario set's values (DOMAIN.md "Usage under uncertainty"), every scenario
 * weighing the same: the mean, quantiles by rank (no interpolation), CVaR 95% and a chance.
 */

/** A chance counts the scenarios whose amount is above this many dollars. */
export const CHANCE_THRESHOLD = 0.01;
/** CVaR 95% averages the worst 5%: the ceil(0.05 N) largest values. */
export const CVAR_SHARE = 0.05;

/** The plain average (NaN for no values). */
export function meanOf(values: ArrayLike<number>): number {
  let sum = 0;
  for (let n = 0; n < values.length; n++) sum += values[n]!;
  return sum / values.length;
}

/** A copy sorted ascending (numbers, not text). */
export function sortAscending(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values).sort();
}

/**
 * ceil(share x N), clamped to 1..N. The share is a decimal typed by a person (0.3 means 3 in 10), and
 * 0.3 x 10 is 3.0000000000000004 in binary, so a product within 1e-9 above a whole number counts as it.
 */
function rank(share: number, count: number): number {
  const product = share * count;
  const whole = Math.round(product);
  const ceil = Math.abs(product - whole) <= 1e-9 * Math.max(1, whole) ? whole : Math.ceil(product);
  return Math.min(count, Math.max(1, ceil));
}

/** Quantile q (0.1 for P10) of values sorted ascending: the value of rank ceil(q N), the inverted CDF. */
export function quantileOf(sorted: ArrayLike<number>, q: number): number {
  return sorted[rank(q, sorted.length) - 1]!;
}

/** The mean of the ceil(share x N) largest of values sorted ascending: CVaR at 1 - share. */
export function tailMean(sorted: ArrayLike<number>, share = CVAR_SHARE): number {
  const k = rank(share, sorted.length);
  let sum = 0;
  for (let n = sorted.length - k; n < sorted.length; n++) sum += sorted[n]!;
  return sum / k;
}

/** The share of values above `threshold` dollars (a chance: 0..1). */
export function chanceAbove(values: ArrayLike<number>, threshold = CHANCE_THRESHOLD): number {
  let above = 0;
  for (let n = 0; n < values.length; n++) if (values[n]! > threshold) above++;
  return above / values.length;
}

/** Every statistic DOMAIN.md names, over one figure's values in every scenario. */
export interface ScenarioSummary {
  readonly mean: number;
  readonly p10: number;
  readonly p50: number;
  readonly p90: number;
  /** The mean of the ceil(0.05 N) largest. */
  readonly cvar95: number;
  /** The share of scenarios above $0.01. */
  readonly chance: number;
}

/** The statistics of one figure over the scenarios (one sort). */
export function summarize(values: ArrayLike<number>): ScenarioSummary {
  const sorted = sortAscending(values);
  return {
    mean: meanOf(values),
    p10: quantileOf(sorted, 0.1),
    p50: quantileOf(sorted, 0.5),
    p90: quantileOf(sorted, 0.9),
    cvar95: tailMean(sorted),
    chance: chanceAbove(values),
  };
}
