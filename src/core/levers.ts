/**
 * Figures and lever values over the term (DOMAIN.md "Derived figures" and "The value of a lever").
 * Each lever's value is the difference of two ledger runs: the deal as drafted and the same deal
 * with only that term changed. Positive values save money; *_COST values are what a clause costs.
 */
import { Errors, LeverError } from "./errors";
import { Deal, gather, runLedger, UsageInput } from "./ledger";

const cost = (usage: UsageInput, deal: Deal): number => runLedger(usage, deal).totalCost;

/** Dollars of commitment forfeited over the term. */
export function commitWaste(usage: UsageInput, deal: Deal): number {
  return runLedger(usage, deal).forfeited;
}

/** Total cost over the term: commitment plus billed overage. */
export function totalCost(usage: UsageInput, deal: Deal): number {
  return cost(usage, deal);
}

/** 1 - waste / commitment; with nothing committed nothing is forfeited, so 1. */
export function utilization(usage: UsageInput, deal: Deal): number {
  const run = runLedger(usage, deal);
  return run.commitment === 0 ? 1 : 1 - run.forfeited / run.commitment;
}

/** Share of consumption (committed-rate dollars) that falls inside the commitment. */
export function coverage(usage: UsageInput, deal: Deal): number {
  const run = runLedger(usage, deal);
  return run.drawn === 0 ? 1 : 1 - run.overage / run.drawn;
}

/** Effective savings rate against list: 1 - total cost / usage at list. */
export function effectiveSavingsRate(usage: UsageInput, deal: Deal): number {
  const run = runLedger(usage, deal);
  return 1 - run.totalCost / run.list;
}

/** Dollars saved by billing overage at the committed rate instead of the deal's overage rate. */
export function overageValue(usage: UsageInput, deal: Deal): number {
  usage = gather(usage);
  return cost(usage, deal) - cost(usage, { ...deal, overageRate: "committed" });
}

/** Cost with no carryover minus cost with the deal's carryover. */
export function carryoverValue(usage: UsageInput, deal: Deal): number {
  usage = gather(usage);
  return cost(usage, { ...deal, carryover: 0 }) - cost(usage, deal);
}

/** Cost without a lock (list rises by `uplift` each 12 months) minus cost with the lock. */
export function priceLockValue(usage: UsageInput, deal: Deal, uplift: number): number {
  usage = gather(usage);
  return cost(usage, { ...deal, uplift }) - cost(usage, { ...deal, uplift: 0 });
}

/** Cost with true-forward step-ups of `stepUp` per period minus cost with a flat commit. */
export function trueForwardCost(usage: UsageInput, deal: Deal, stepUp: number): number {
  usage = gather(usage);
  return cost(usage, { ...deal, stepUp }) - cost(usage, { ...deal, stepUp: 0 });
}

/** Cost with a ratcheting minimum minus cost with a flat commit. */
export function ratchetCost(usage: UsageInput, deal: Deal): number {
  usage = gather(usage);
  return cost(usage, { ...deal, ratchet: true }) - cost(usage, { ...deal, ratchet: false });
}

/** Cost when a share of usage does not count toward the commit minus cost when all of it does. */
export function exclusionCost(usage: UsageInput, deal: Deal, excludedShare: number): number {
  usage = gather(usage);
  return cost(usage, { ...deal, excludedShare }) - cost(usage, { ...deal, excludedShare: 0 });
}

/**
 * Cost with the carry out of each period capped at `cap` times that period's commit, minus the cost
 * uncapped (DOMAIN.md "Carryover cap"): never negative, 0 with no cap.
 */
export function carryoverCapCost(usage: UsageInput, deal: Deal, cap: number | undefined): number {
  usage = gather(usage);
  return cost(usage, { ...deal, carryoverCap: cap }) - cost(usage, { ...deal, carryoverCap: undefined });
}

/**
 * Value of capping the renewal uplift at `cap` instead of a reset to list: renewal usage (list
 * dollars) times max(0, 1 - (1 - d) * (1 + cap)).
 */
export function renewalCapValue(renewalUsage: UsageInput, discount: number, cap: number | undefined): number {
  return gather(renewalUsage).total * (1 - renewalRate(discount, cap));
}

/**
 * The renewal price as a fraction of list: without a cap the rate resets to list (1); with one it
 * may rise to (1 - d)(1 + cap), never above list.
 */
export function renewalRate(discount: number, cap: number | undefined): number {
  return cap === undefined ? 1 : Math.min(1, (1 - discount) * (1 + cap));
}

/**
 * Cost over a horizon: the deal's ledger over the first `termMonths`, then every later month at
 * `renewalRate` times list. A term longer than the usage is an error: there is no horizon to value.
 */
export function horizonCost(
  usage: UsageInput,
  deal: Deal,
  termMonths: number,
  renewalRate: number,
): number | LeverError {
  if (termMonths > usage.length) return Errors.tooLong("term_months", termMonths, usage.length);
  const all = gather(usage);
  let after = 0;
  for (let t = termMonths; t < all.months.length; t++) after += all.months[t]!;
  return cost(all.head(termMonths), deal) + renewalRate * after;
}
