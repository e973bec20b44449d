/**
 * Commit sizing (DOMAIN.md "Commit sizing"): discount bands, a fixed set of usage scenarios, and
 * the commit that minimizes expected total cost over the term.
 *
 * The search is exact. Scenario i scales every period's usage by f_i, and the ledger is
 * homogeneous (scaling commit and usage scales every dollar), so scenario i's cost at commit C is
 * f_i * g(C / f_i), where g is the base projection's cost. Within one band (fixed discount) g is
 * piecewise linear, its slope changing only where some period's available commitment equals its
 * draw. So expected cost is piecewise linear in C with breakpoints f_i * r_j; a sweep over those
 * sorted breakpoints and the band thresholds visits every point where the minimum can sit.
 */
import { minOf } from "./arrays";
import { Deal, LedgerTotals, ledgerOverPeriods, OverageRate, periodize, Periods } from "./ledger";

/** A discount band: commits at or above `threshold` (dollars per period) get `discount`. */
export interface Band {
  readonly threshold: number;
  readonly discount: number;
}

/** The sizing terms besides the commit: everything RECOMMEND_COMMIT and COMMIT_CURVE take. */
export interface SizingTerms {
  readonly overageRate: OverageRate;
  readonly carryover: number;
  readonly periodMonths: number;
  /** Standard deviation of the log of the projection's level; 0 = certain. */
  readonly volatility: number;
}

/** Scenarios used when volatility > 0. */
export const SCENARIO_COUNT = 1000;

/** The discount of the highest threshold at or below the commit; below the first band, 0. */
export function bandDiscount(commit: number, bands: readonly Band[]): number {
  let discount = 0;
  for (const band of bands) if (band.threshold <= commit) discount = band.discount;
  return discount;
}

/** The next band above the commit: its threshold, the dollars to reach it, and its discount. */
export function nextBand(
  commit: number,
  bands: readonly Band[],
): { threshold: number; gap: number; discount: number } | undefined {
  const next = bands.find((b) => b.threshold > commit);
  return next && { threshold: next.threshold, gap: next.threshold - commit, discount: next.discount };
}

/** Inverse of the standard normal distribution (Acklam's rational approximation, relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239,
  ];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
      ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1)
    );
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
  );
}

/**
 * The fixed scenario set: usage level factors exp(s z_i - s^2 / 2) with z_i at the normal
 * quantiles (i - 0.5) / N, equally weighted, in increasing order. One scenario (factor 1) when s = 0.
 */
export function scenarioFactors(volatility: number, count = SCENARIO_COUNT): number[] {
  if (volatility === 0) return [1];
  const factors = new Array<number>(count);
  for (let i = 0; i < count; i++) {
    factors[i] = Math.exp(volatility * normalQuantile((i + 0.5) / count) - (volatility * volatility) / 2);
  }
  return factors;
}

function dealAt(commit: number, discount: number, terms: SizingTerms): Deal {
  return {
    commit,
    discount,
    overageRate: terms.overageRate,
    carryover: terms.carryover,
    periodMonths: terms.periodMonths,
  };
}

/** Expected ledger totals at one commit over the scenario set, the discount taken from the bands. */
export interface Expected {
  readonly commit: number;
  readonly discount: number;
  readonly cost: number;
  readonly waste: number;
  readonly overageBilled: number;
}

function expectedAt(
  periods: Periods,
  commit: number,
  bands: readonly Band[],
  terms: SizingTerms,
  factors: readonly number[],
): Expected {
  const discount = bandDiscount(commit, bands);
  const deal = dealAt(commit, discount, terms);
  let cost = 0;
  let waste = 0;
  let billed = 0;
  for (const f of factors) {
    const run: LedgerTotals = ledgerOverPeriods(periods, deal, undefined, f);
    cost += run.totalCost;
    waste += run.forfeited;
    billed += run.billedOverage;
  }
  const n = factors.length;
  return { commit, discount, cost: cost / n, waste: waste / n, overageBilled: billed / n };
}

/**
 * The commits at which the base projection's cost g (at a fixed discount) changes slope: for each
 * period, the commit at which its available commitment equals its draw. Available commitment is
 * increasing and piecewise linear in the commit, with kinks only at earlier periods' roots, so
 * each root is found exactly by locating the bracketing kinks and interpolating.
 */
function slopeBreaks(periods: Periods, discount: number, terms: SizingTerms): number[] {
  const count = periods.list.length;
  const roots: number[] = [];
  // available(k, C): commitment available in period k at commit C, read off a ledger row.
  const available = (k: number, commit: number): number => {
    const rows: Parameters<typeof ledgerOverPeriods>[2] = [];
    ledgerOverPeriods(periods, dealAt(commit, discount, terms), rows);
    return rows[k]!.commit + rows[k]!.carryIn;
  };
  for (let k = 0; k < count; k++) {
    const drawn = (1 - discount) * periods.list[k]!;
    if (drawn === 0) {
      roots.push(0);
      continue;
    }
    const kinks = [0, ...roots.filter((r) => r > 0)].sort((x, y) => x - y);
    let lo = 0;
    let aLo = available(k, 0);
    let root: number | undefined;
    for (const kink of kinks.slice(1)) {
      const aKink = available(k, kink);
      if (aKink >= drawn) {
        root = lo + ((drawn - aLo) * (kink - lo)) / (aKink - aLo);
        break;
      }
      lo = kink;
      aLo = aKink;
    }
    if (root === undefined) {
      // Past the last kink the available commitment is linear: extend it to the draw.
      const probe = lo + Math.max(1, drawn);
      const aProbe = available(k, probe);
      root = lo + ((drawn - aLo) * (probe - lo)) / (aProbe - aLo);
    }
    roots.push(root);
  }
  return roots;
}

/**
 * The lowest-cost commit in [start, end) at a fixed discount, by a sweep over the sorted slope
 * breaks of every scenario. Expected cost is continuous and piecewise linear there, so its
 * minimum sits at `start` or at a break. Ties go to the smallest commit.
 */
function bandMinimum(
  periods: Periods,
  start: number,
  end: number,
  discount: number,
  terms: SizingTerms,
  factors: readonly number[],
): { commit: number; cost: number } {
  const g = (commit: number) => ledgerOverPeriods(periods, dealAt(commit, discount, terms)).totalCost;
  const kinks = [...new Set([0, ...slopeBreaks(periods, discount, terms)])].sort((x, y) => x - y);
  const values = kinks.map(g);
  const last = kinks[kinks.length - 1]!;
  const step = Math.max(1, last);
  // slopes[m]: g's slope from kinks[m] to kinks[m + 1] (the last one runs on past the last kink).
  const slopes = kinks.map((k, m) =>
    m + 1 < kinks.length ? (values[m + 1]! - values[m]!) / (kinks[m + 1]! - k) : (g(last + step) - values[m]!) / step,
  );
  const n = factors.length;
  let cost = 0;
  let slope = 0;
  const events: [number, number][] = [];
  for (const f of factors) {
    const c = start / f;
    let m = 0;
    while (m + 1 < kinks.length && kinks[m + 1]! <= c) m++;
    // g is linear between kinks, so its value here is read off the table, not run again.
    cost += f * (values[m]! + slopes[m]! * (c - kinks[m]!));
    slope += slopes[m]!;
    for (let next = m + 1; next < kinks.length; next++) {
      const at = f * kinks[next]!;
      if (at >= end) break;
      if (at > start) events.push([at, slopes[next]! - slopes[next - 1]!]);
    }
  }
  cost /= n;
  slope /= n;
  events.sort((x, y) => x[0] - y[0]);
  let best = start;
  let bestCost = cost;
  let at = start;
  for (const [point, change] of events) {
    cost += slope * (point - at);
    at = point;
    if (cost < bestCost - 1e-12 * Math.max(1, Math.abs(bestCost))) {
      best = point;
      bestCost = cost;
    }
    slope += change / n;
  }
  // If cost still falls at the band's end, the lowest commit the band allows is a cent below the next
  // threshold. (Only a bands table whose discount drops at a higher threshold makes that the answer:
  // otherwise the next band's start costs less still.)
  const lastCent = end - 0.01;
  if (Number.isFinite(end) && lastCent > at && slope < 0) {
    const atEnd = cost + slope * (lastCent - at);
    if (atEnd < bestCost - 1e-12 * Math.max(1, Math.abs(bestCost))) {
      best = lastCent;
      bestCost = atEnd;
    }
  }
  return { commit: best, cost: bestCost };
}

/**
 * The commit per period that minimizes expected total cost, with the discount of the band it
 * reaches. Ties go to the smallest commit: the same cost for less exposure.
 */
export function recommendCommit(usage: ArrayLike<number>, bands: readonly Band[], terms: SizingTerms): Expected {
  const periods = periodize(usage, terms);
  const factors = scenarioFactors(terms.volatility);
  const starts = [0, ...bands.map((b) => b.threshold).filter((t) => t > 0)];
  // Each band's minimum comes with its expected cost from the sweep. Bands within rounding of the
  // lowest are run in full and compared exactly; ties go to the smaller commit (bands are in order).
  const found = starts.map((start, i) => {
    const end = i + 1 < starts.length ? starts[i + 1]! : Infinity;
    return bandMinimum(periods, start, end, bandDiscount(start, bands), terms, factors);
  });
  const lowest = minOf(found.map((f) => f.cost));
  let best: Expected | undefined;
  for (const f of found) {
    if (f.cost > lowest + 1e-9 * Math.max(1, Math.abs(lowest))) continue;
    const e = expectedAt(periods, f.commit, bands, terms, factors);
    if (!best || e.cost < best.cost - 1e-12 * Math.max(1, Math.abs(best.cost))) best = e;
  }
  return best!;
}

/** Expected totals at one commit (the discount from the bands), as COMMIT_CURVE reports them. */
export function expectedAtCommit(
  usage: ArrayLike<number>,
  commit: number,
  bands: readonly Band[],
  terms: SizingTerms,
): Expected {
  return expectedAt(periodize(usage, terms), commit, bands, terms, scenarioFactors(terms.volatility));
}

/**
 * Expected cost against commit: `points` evenly spaced commits from 0 to 1.5 times the average
 * period's list usage (or past the highest band that usage could reach), plus every band threshold
 * and the recommended commit in that range, in increasing order.
 */
export function commitCurve(
  usage: ArrayLike<number>,
  bands: readonly Band[],
  terms: SizingTerms,
  points: number,
): { rows: Expected[]; recommended: Expected } {
  const periods = periodize(usage, terms);
  const factors = scenarioFactors(terms.volatility);
  const recommended = recommendCommit(usage, bands, terms);
  const perPeriod = (periods.plainList * terms.periodMonths) / usage.length;
  const top = Math.max(1.5 * perPeriod, 1.1 * recommended.commit);
  const commits = new Set<number>();
  for (let i = 0; i < points; i++) commits.add((top * i) / (points - 1));
  for (const b of bands) if (b.threshold <= top) commits.add(b.threshold);
  commits.add(recommended.commit);
  const rows = [...commits].sort((x, y) => x - y).map((c) => expectedAt(periods, c, bands, terms, factors));
  return { rows, recommended };
}
