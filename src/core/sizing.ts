/**
 * Commit sizing (DOMAIN.md "Commit sizing"): discount bands, the fixed set of usage scenarios
 * (./scenarios.ts), and the commit that minimizes expected total cost over the term.
 *
 * The search is exact. Scenario (i, j) is the projection shaped by growth quantile b_j and scaled
 * by level factor f_i (DOMAIN.md "Usage under uncertainty"). The ledger is homogeneous (scaling
 * commit and usage scales every dollar), so that scenario's cost at commit C is f_i * g_j(C / f_i),
 * where g_j is the cost of growth shape j at level 1. Within one band (fixed discount) each g_j is
 * piecewise linear, its slope changing only where some period's available commitment equals its
 * draw. So expected cost is piecewise linear in C with breakpoints f_i * r_jk; a sweep over those
 * sorted breakpoints and the band thresholds visits every point where the minimum can sit. With
 * growth volatility 0 there is one shape, the projection itself.
 */
import { minOf } from "./arrays";
import { Deal, LedgerTotals, ledgerOverPeriods, OverageRate, periodize, Periods } from "./ledger";
import { growthShapes, scenarioSet } from "./scenarios";

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
  /** Standard deviation of the log of the projection's level (decimal); 0 = certain. */
  readonly volatility: number;
  /** Standard deviation of the log of one year's growth factor (decimal); 0 or left out = certain growth. */
  readonly growthVolatility?: number;
}

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

/**
 * The scenarios sizing runs over: each growth shape's periods (at level 1) and the level factors.
 * Scenario (i, j) is shape j's periods scaled by levels[i].
 */
interface SizingScenarios {
  readonly shapes: readonly Periods[];
  readonly levels: readonly number[];
  readonly count: number;
}

function sizingScenarios(usage: ArrayLike<number>, terms: SizingTerms): SizingScenarios {
  const set = scenarioSet(terms);
  return {
    shapes: growthShapes(usage, set).map((shape) => shape.periods(terms)),
    levels: set.levels,
    count: set.count,
  };
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

function expectedAt(scenarios: SizingScenarios, commit: number, bands: readonly Band[], terms: SizingTerms): Expected {
  const discount = bandDiscount(commit, bands);
  const deal = dealAt(commit, discount, terms);
  let cost = 0;
  let waste = 0;
  let billed = 0;
  for (const periods of scenarios.shapes) {
    for (const f of scenarios.levels) {
      const run: LedgerTotals = ledgerOverPeriods(periods, deal, undefined, f);
      cost += run.totalCost;
      waste += run.forfeited;
      billed += run.billedOverage;
    }
  }
  const n = scenarios.count;
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
 * One growth shape's cost g at a fixed discount, as a table: its slope breaks (`kinks`, from 0,
 * increasing), g at each, and g's slope from each kink to the next (the last one runs on past the
 * last kink). g is linear between kinks, so its value anywhere is read off the table, not run again.
 */
interface CostTable {
  readonly kinks: readonly number[];
  readonly values: readonly number[];
  readonly slopes: readonly number[];
}

function costTable(periods: Periods, discount: number, terms: SizingTerms): CostTable {
  const g = (commit: number) => ledgerOverPeriods(periods, dealAt(commit, discount, terms)).totalCost;
  const kinks = [...new Set([0, ...slopeBreaks(periods, discount, terms)])].sort((x, y) => x - y);
  const values = kinks.map(g);
  const last = kinks[kinks.length - 1]!;
  const step = Math.max(1, last);
  const slopes = kinks.map((k, m) =>
    m + 1 < kinks.length ? (values[m + 1]! - values[m]!) / (kinks[m + 1]! - k) : (g(last + step) - values[m]!) / step,
  );
  return { kinks, values, slopes };
}

/**
 * The lowest-cost commit in [start, end) at a fixed discount, by a sweep over the sorted slope
 * breaks of every scenario. Expected cost is continuous and piecewise linear there, so its
 * minimum sits at `start` or at a break. Ties go to the smallest commit.
 */
function bandMinimum(
  scenarios: SizingScenarios,
  start: number,
  end: number,
  discount: number,
  terms: SizingTerms,
): { commit: number; cost: number } {
  const n = scenarios.count;
  let cost = 0;
  let slope = 0;
  const events: [number, number][] = [];
  for (const periods of scenarios.shapes) {
    const { kinks, values, slopes } = costTable(periods, discount, terms);
    for (const f of scenarios.levels) {
      const c = start / f;
      let m = 0;
      while (m + 1 < kinks.length && kinks[m + 1]! <= c) m++;
      cost += f * (values[m]! + slopes[m]! * (c - kinks[m]!));
      slope += slopes[m]!;
      for (let next = m + 1; next < kinks.length; next++) {
        const at = f * kinks[next]!;
        if (at >= end) break;
        if (at > start) events.push([at, slopes[next]! - slopes[next - 1]!]);
      }
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
  const scenarios = sizingScenarios(usage, terms);
  const starts = [0, ...bands.map((b) => b.threshold).filter((t) => t > 0)];
  // Each band's minimum comes with its expected cost from the sweep. Bands within rounding of the
  // lowest are run in full and compared exactly; ties go to the smaller commit (bands are in order).
  const found = starts.map((start, i) => {
    const end = i + 1 < starts.length ? starts[i + 1]! : Infinity;
    return bandMinimum(scenarios, start, end, bandDiscount(start, bands), terms);
  });
  const lowest = minOf(found.map((f) => f.cost));
  let best: Expected | undefined;
  for (const f of found) {
    if (f.cost > lowest + 1e-9 * Math.max(1, Math.abs(lowest))) continue;
    const e = expectedAt(scenarios, f.commit, bands, terms);
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
  return expectedAt(sizingScenarios(usage, terms), commit, bands, terms);
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
  const scenarios = sizingScenarios(usage, terms);
  const recommended = recommendCommit(usage, bands, terms);
  const perPeriod = (periodize(usage, terms).plainList * terms.periodMonths) / usage.length;
  const top = Math.max(1.5 * perPeriod, 1.1 * recommended.commit);
  const commits = new Set<number>();
  for (let i = 0; i < points; i++) commits.add((top * i) / (points - 1));
  for (const b of bands) if (b.threshold <= top) commits.add(b.threshold);
  commits.add(recommended.commit);
  const rows = [...commits].sort((x, y) => x - y).map((c) => expectedAt(scenarios, c, bands, terms));
  return { rows, recommended };
}
