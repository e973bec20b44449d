/**
 * The one scenario engine (DOMAIN.md "Usage under uncertainty"): the fixed, equally weighted set of
 * usage scenarios, and the ledger run over all of them without building a usage series per scenario.
 *
 * Scenario (i, j) scales month t (t = 1 first) by a level factor and a growth factor:
 *   u_t x exp(s a_i - s^2 / 2) x exp(y_t b_j - y_t^2 / 2),  y_t = g (t - 1) / 12,
 * a_i and b_j standard normal quantiles. The level factor multiplies every month alike, so the ledger
 * takes it as its `scale`; only the growth factor changes the usage's shape, so the usage is gathered
 * into periods once per growth quantile b_j, not once per scenario.
 */
import { Deal, gather, GatheredUsage, ledgerOverPeriods, Periods, UsageInput } from "./ledger";
import { CHANCE_THRESHOLD, chanceAbove, meanOf, summarize } from "./statistics";

// Wichura's AS 241 (PPND16) coefficients, highest power first, as the doubles nearest the published
// 20-digit figures (written in the fewest digits that give the same doubles): the central region
// |p - 0.5| <= 0.425 in r = 0.180625 - (p - 0.5)^2, then the tails in r = sqrt(-ln(min(p, 1 - p))) - 1.6
// (r <= 5) or - 5.
const CENTRAL_NUM = [
  2509.0809287301227, 33430.57558358813, 67265.7709270087, 45921.95393154987, 13731.69376550946, 1971.5909503065513,
  133.14166789178438, 3.3871328727963665,
];
const CENTRAL_DEN = [
  5226.495278852854, 28729.085735721943, 39307.89580009271, 21213.794301586597, 5394.196021424751, 687.1870074920579,
  42.31333070160091, 1,
];
const NEAR_NUM = [
  0.0007745450142783414, 0.022723844989269184, 0.2417807251774506, 1.2704582524523684, 3.6478483247632045,
  5.769497221460691, 4.630337846156546, 1.4234371107496835,
];
const NEAR_DEN = [
  1.0507500716444169e-9, 0.0005475938084995345, 0.015198666563616457, 0.14810397642748008, 0.6897673349851,
  1.6763848301838038, 2.053191626637759, 1,
];
const FAR_NUM = [
  2.0103343992922881e-7, 2.7115555687434876e-5, 0.0012426609473880784, 0.026532189526576124, 0.29656057182850487,
  1.7848265399172913, 5.463784911164114, 6.657904643501103,
];
const FAR_DEN = [
  2.0442631033899397e-15, 1.421511758316446e-7, 1.8463183175100548e-5, 0.0007868691311456133, 0.014875361290850615,
  0.1369298809227358, 0.599832206555888, 1,
];

/** A polynomial at x by Horner's rule, its coefficients highest power first. */
function horner(coefficients: readonly number[], x: number): number {
  let value = coefficients[0]!;
  for (let i = 1; i < coefficients.length; i++) value = value * x + coefficients[i]!;
  return value;
}

/**
 * The standard normal quantile: the z with P(Z <= z) = p. Wichura's algorithm AS 241 (PPND16,
 * Applied Statistics 37(3), 1988), relative error about 1e-16 in double precision (at most 4.8e-16
 * against 80-digit values over every quantile the scenario sets use); -Infinity at 0, Infinity at 1,
 * NaN outside [0, 1].
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) return p === 0 ? -Infinity : p === 1 ? Infinity : NaN;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * horner(CENTRAL_NUM, r)) / horner(CENTRAL_DEN, r);
  }
  // The tails, from the smaller of p and 1 - p (1 - p is exact for p > 0.5).
  const r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  const z =
    r <= 5 ? horner(NEAR_NUM, r - 1.6) / horner(NEAR_DEN, r - 1.6) : horner(FAR_NUM, r - 5) / horner(FAR_DEN, r - 5);
  return q < 0 ? -z : z;
}

/** Scenarios when exactly one of volatility and growth volatility is above 0. */
export const SCENARIO_COUNT = 1000;
/** Quantiles per factor when both are above 0: GRID_COUNT x GRID_COUNT scenarios. */
export const GRID_COUNT = 100;

/** How far off a projection may turn out (DOMAIN.md "Usage under uncertainty"). */
export interface Uncertainty {
  /** s: standard deviation of the log of the projection's level (0.2 = 20%); 0 = a certain level. */
  readonly volatility: number;
  /** g: standard deviation of the log of one year's growth factor (decimal); 0 or left out = certain growth. */
  readonly growthVolatility?: number;
}

/**
 * The usage level factors exp(s z_i - s^2 / 2), z_i the normal quantiles at (i - 0.5) / count, in
 * increasing order; one factor, 1, when s = 0. Their mean is 1 up to the quadrature's error.
 */
export function scenarioFactors(volatility: number, count = SCENARIO_COUNT): number[] {
  if (volatility === 0) return [1];
  const factors = new Array<number>(count);
  for (let i = 0; i < count; i++) {
    factors[i] = Math.exp(volatility * normalQuantile((i + 0.5) / count) - (volatility * volatility) / 2);
  }
  return factors;
}

/**
 * The fixed scenario set, every scenario weighing the same. Scenario n pairs level factor
 * `levels[n % L]` with growth quantile `growths[floor(n / L)]`, L = levels.length: the levels run
 * fastest, so each growth shape's scenarios sit together.
 */
export interface ScenarioSet {
  readonly volatility: number;
  readonly growthVolatility: number;
  /** The level factors exp(s a_i - s^2 / 2), increasing; [1] when s = 0. */
  readonly levels: readonly number[];
  /** The growth quantiles b_j, increasing; [0] when g = 0. */
  readonly growths: readonly number[];
  /** levels.length x growths.length. */
  readonly count: number;
}

/**
 * The scenario set of DOMAIN.md's table: s = g = 0, one scenario (the projection); exactly one above
 * 0, SCENARIO_COUNT scenarios at the quantiles (i - 0.5) / 1000; both, GRID_COUNT x GRID_COUNT pairs of
 * the quantiles (i - 0.5) / 100. With g = 0 the levels are exactly `scenarioFactors(s)`.
 */
export function scenarioSet(uncertainty: Uncertainty): ScenarioSet {
  const s = uncertainty.volatility;
  const g = uncertainty.growthVolatility ?? 0;
  const perFactor = s > 0 && g > 0 ? GRID_COUNT : SCENARIO_COUNT;
  const levels = scenarioFactors(s, perFactor);
  const growths = g === 0 ? [0] : Array.from({ length: perFactor }, (_, j) => normalQuantile((j + 0.5) / perFactor));
  return { volatility: s, growthVolatility: g, levels, growths, count: levels.length * growths.length };
}

/** Month t's growth factor in shape b: exp(y b - y^2 / 2), y = g (t - 1) / 12; `month` is t - 1 (0 first). */
export function growthFactor(growthVolatility: number, b: number, month: number): number {
  const y = (growthVolatility * month) / 12;
  return Math.exp(y * b - (y * y) / 2);
}

/**
 * Scenario n's usage month by month (list dollars): u_t x level x growth factor. The definition, for
 * one scenario; `out` is reused when given. The lean paths below never build it.
 */
export function scenarioUsage(
  usage: ArrayLike<number>,
  set: ScenarioSet,
  n: number,
  out = new Float64Array(usage.length),
): Float64Array {
  const levels = set.levels.length;
  const level = set.levels[n % levels]!;
  const b = set.growths[Math.floor(n / levels)]!;
  for (let t = 0; t < usage.length; t++) out[t] = usage[t]! * level * growthFactor(set.growthVolatility, b, t);
  return out;
}

/**
 * A figure of each scenario's usage, in scenario order: `figure` gets scenario n's monthly list
 * dollars in one buffer reused for every scenario (copy it to keep it). The general path, for any
 * figure; the ledger paths below are faster.
 */
export function mapScenarios(
  usage: ArrayLike<number>,
  set: ScenarioSet,
  figure: (usage: Float64Array, n: number) => number,
): Float64Array {
  const out = new Float64Array(set.count);
  const buffer = new Float64Array(usage.length);
  for (let n = 0; n < set.count; n++) out[n] = figure(scenarioUsage(usage, set, n, buffer), n);
  return out;
}

/**
 * The usage under each growth shape b_j (level factor 1), gathered: its periods are summed once per
 * period length and uplift, however many deals run over it. With g = 0, the usage itself.
 */
export function growthShapes(usage: UsageInput, set: ScenarioSet): GatheredUsage[] {
  if (set.growthVolatility === 0) return [gather(usage)];
  const months = usage instanceof GatheredUsage ? usage.months : usage;
  return set.growths.map((b) => {
    const shaped = new Array<number>(months.length);
    for (let t = 0; t < months.length; t++) shaped[t] = months[t]! * growthFactor(set.growthVolatility, b, t);
    return new GatheredUsage(shaped);
  });
}

/**
 * A deal's periods over one growth shape: the usage cut, or padded with 0, to the deal's term first
 * when it states one, as `runLedger` does (DOMAIN.md "Usage series").
 */
export function shapePeriods(shape: GatheredUsage, deal: Deal): Periods {
  return (deal.termMonths === undefined ? shape : shape.toTerm(deal.termMonths)).periods(deal);
}

/** The ledger's totals in every scenario, in scenario order (dollars; see `LedgerTotals`). */
export interface ScenarioTotals {
  /** Commitment plus everything billed on top. */
  readonly totalCost: Float64Array;
  /** Commitment forfeited. */
  readonly forfeited: Float64Array;
  /** Overage in committed-rate dollars. */
  readonly overage: Float64Array;
  /** Overage as billed, plus any excluded usage's bill. */
  readonly billedOverage: Float64Array;
  /** Drawn, committed-rate dollars. */
  readonly drawn: Float64Array;
  /** The commitment (it varies by scenario only with a ratchet). */
  readonly commitment: Float64Array;
}

/** The totals `ledgerOverScenarios` keeps, in `ScenarioTotals`' order. */
const SCENARIO_TOTALS = ["totalCost", "forfeited", "overage", "billedOverage", "drawn", "commitment"] as const;

/**
 * The ledger over every scenario of `set`: the usage gathered into periods once per growth shape,
 * each scenario's level factor the ledger's `scale`. With s = g = 0 its one scenario is `runLedger`'s
 * run, to the bit.
 */
export function ledgerOverScenarios(usage: UsageInput, deal: Deal, set: ScenarioSet): ScenarioTotals {
  const totals = Object.fromEntries(
    SCENARIO_TOTALS.map((total) => [total, new Float64Array(set.count)]),
  ) as unknown as ScenarioTotals;
  let n = 0;
  for (const shape of growthShapes(usage, set)) {
    const periods = shapePeriods(shape, deal);
    for (const level of set.levels) {
      const run = ledgerOverPeriods(periods, deal, undefined, level);
      for (const total of SCENARIO_TOTALS) totals[total][n] = run[total];
      n++;
    }
  }
  return totals;
}

/** COMMIT_RISK's measures (FUNCTIONS.md "Risk under uncertainty"), in its rows' order: dollars and chances. */
export interface CommitRisk {
  readonly expectedCost: number;
  readonly p10Cost: number;
  readonly p50Cost: number;
  readonly p90Cost: number;
  readonly cvar95Cost: number;
  /** The share of scenarios forfeiting more than $0.01. */
  readonly forfeitChance: number;
  readonly expectedForfeited: number;
  readonly p90Forfeited: number;
  readonly expectedOverageBilled: number;
  /** The share of scenarios billed more than $0.01 of overage. */
  readonly overageChance: number;
}

/** The risk of one deal over the scenario set: the statistics of its totals. */
export function commitRisk(usage: UsageInput, deal: Deal, set: ScenarioSet): CommitRisk {
  const totals = ledgerOverScenarios(usage, deal, set);
  const cost = summarize(totals.totalCost);
  const forfeited = summarize(totals.forfeited);
  return {
    expectedCost: cost.mean,
    p10Cost: cost.p10,
    p50Cost: cost.p50,
    p90Cost: cost.p90,
    cvar95Cost: cost.cvar95,
    forfeitChance: forfeited.chance,
    expectedForfeited: forfeited.mean,
    p90Forfeited: forfeited.p90,
    expectedOverageBilled: meanOf(totals.billedOverage),
    overageChance: chanceAbove(totals.billedOverage),
  };
}

/** FORFEIT_CHANCE: the share of scenarios forfeiting more than $0.01 (no arrays kept: it lifts cell by cell). */
export function forfeitChance(usage: UsageInput, deal: Deal, set: ScenarioSet): number {
  let above = 0;
  for (const shape of growthShapes(usage, set)) {
    const periods = shapePeriods(shape, deal);
    for (const level of set.levels) {
      if (ledgerOverPeriods(periods, deal, undefined, level).forfeited > CHANCE_THRESHOLD) above++;
    }
  }
  return above / set.count;
}
