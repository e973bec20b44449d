/**
 * The LEVERS.* custom functions. Each JSDoc comment is the function's help in Excel (the webpack
 * plugin turns it into functions.json); each body is one `run` of its catalogue entry (src/catalogue).
 * Argument names, order and defaults are the public contract in FUNCTIONS.md.
 */
import {
  CARRYOVER_CAP_COST,
  CARRYOVER_VALUE,
  COMMIT_WASTE,
  COVERAGE,
  ESR,
  EXCLUSION_COST,
  HORIZON_COST,
  LEDGER,
  OVERAGE_VALUE,
  PRICE_LOCK_VALUE,
  RATCHET_COST,
  RENEWAL_CAP_VALUE,
  TOTAL_COST,
  TRUE_FORWARD_COST,
  UTILIZATION,
} from "../catalogue/functions";
import { run } from "./runner";
// The bundle's one entry (webpack.config.js): the other adapter files load with it, so webpack
// concatenates every module of functions.js into one scope (several entry modules could not share
// the core, the catalogue and the runner in one scope, and terser could not prune across them).
import "./pricing";
import "./sizing";
import "./tracking";

/**
 * Dollars of commitment forfeited over the term: the commit you pay for and never use.
 * Any argument but the usage may be a range: one figure per cell, spilled.
 * @customfunction COMMIT_WASTE
 * @param commit Commit per period, in dollars (e.g. 1000000 a year).
 * @param usage Monthly usage at list price, in dollars: one column (or row) of months; several columns are summed.
 * @param discount Discount off list on committed usage, as a decimal (0.2 = 20%).
 * @param [carryover] Share of unused commitment that rolls into the next period, as a decimal (default 0).
 * @param [period_months] Months in a commit period (default 12).
 * @param [term_months] The term, in months: the usage is cut to it, or padded with 0 months (default: as long as the usage, trailing zeros dropped).
 * @returns Dollars forfeited over the term.
 * @example =LEVERS.COMMIT_WASTE(1000000, {100000;100000;100000;100000;100000;100000;100000;100000;100000;100000;100000;100000}, 0.2) → 40000
 */
export function commitWaste(
  commit: unknown[][],
  usage: unknown[][],
  discount: unknown[][],
  carryover?: unknown[][],
  period_months?: unknown[][],
  term_months?: unknown[][],
): Array<Array<number | CustomFunctions.Error>> {
  return run(COMMIT_WASTE, commit, usage, discount, carryover, period_months, term_months);
}

/**
 * Dollars saved over the term by billing overage at the committed rate instead of the overage rate.
 * Any argument but the usage may be a range: one figure per cell, spilled.
 * @customfunction OVERAGE_VALUE
 * @param commit Commit per period, in dollars.
 * @param usage Monthly usage at list price, in dollars: one column (or row) of months; several columns are summed.
 * @param discount Discount off list on committed usage, as a decimal (0.2 = 20%).
 * @param [overage_rate] Price of overage as a fraction of list (default 1 = list), or "committed".
 * @param [carryover] Share of unused commitment that rolls into the next period, as a decimal (default 0).
 * @param [period_months] Months in a commit period (default 12).
 * @param [term_months] The term, in months: the usage is cut to it, or padded with 0 months (default: as long as the usage, trailing zeros dropped).
 * @returns Dollars saved over the term.
 * @example =LEVERS.OVERAGE_VALUE(900000, {100000;100000;100000;100000;100000;100000;100000;100000;100000;100000;100000;100000}, 0.2) → 15000
 */
export function overageValue(
  commit: unknown[][],
  usage: unknown[][],
  discount: unknown[][],
  overage_rate?: unknown[][],
  carryover?: unknown[][],
  period_months?: unknown[][],
  term_months?: unknown[][],
): Array<Array<number | CustomFunctions.Error>> {
  return run(OVERAGE_VALUE, commit, usage, discount, overage_rate, carryover, period_months, term_months);
}

/**
 * Total cost over the term: every period's commit plus the overage billed on top.
 * Any argument but the usage may be a range: one figure per cell, spilled.
 * @customfunction TOTAL_COST
 * @param commit Commit per period, in dollars.
 * @param usage Monthly usage at list price, in dollars: one column (or row) of months; several columns are summed.
 * @param discount Discount off list on committed usage, as a decimal (0.2 = 20%).
 * @param [overage_rate] Price of overage as a fraction of list (default 1 = list), or "committed".
 * @param [carryover] Share of unused commitment that rolls into the next period, as a decimal (default 0).
 * @param [period_months] Months in a commit period (default 12).
 * @param [term_months] The term, in months: the usage is cut to it, or padded with 0 months (default: as long as the usage, trailing zeros dropped).
 * @returns Dollars over the term.
 * @example =LEVERS.TOTAL_COST(900000, {100000;100000;100000;100000;100000;100000;100000;100000;100000;100000;100000;100000}, 0.2) → 975000
 */
export function totalCost(
  commit: unknown[][],
  usage: unknown[][],
  discount: unknown[][],
  overage_rate?: unknown[][],
  carryover?: unknown[][],
  period_months?: unknown[][],
  term_months?: unknown[][],
): Array<Array<number | CustomFunctions.Error>> {
  return run(TOTAL_COST, commit, usage, discount, overage_rate, carryover, period_months, term_months);
}

/**
 * Dollars saved over the term by letting unused commitment carry over: cost with no carryover minus cost with it.
 * Any argument but the usage may be a range: one figure per cell, spilled.
 * @customfunction CARRYOVER_VALUE
 * @param commit Commit per period, in dollars.
 * @param usage Monthly usage at list price, in dollars: one column (or row) of months; several columns are summed.
 * @param discount Discount off list on committed usage, as a decimal (0.2 = 20%).
 * @param carryover Share of unused commitment that rolls into the next period, as a decimal (0.5 = half).
 * @param [overage_rate] Price of overage as a fraction of list (default 1 = list), or "committed".
 * @param [period_months] Months in a commit period (default 12).
 * @param [term_months] The term, in months: the usage is cut to it, or padded with 0 months (default: as long as the usage, trailing zeros dropped).
 * @returns Dollars saved over the term.
 * @example =LEVERS.CARRYOVER_VALUE(500000, {80000;80000;80000;80000;80000;80000;120000;120000;120000;120000;120000;120000}, 0.2, 0.5, 1, 6) → 72500
 */
export function carryoverValue(
  commit: unknown[][],
  usage: unknown[][],
  discount: unknown[][],
  carryover: unknown[][],
  overage_rate?: unknown[][],
  period_months?: unknown[][],
  term_months?: unknown[][],
): Array<Array<number | CustomFunctions.Error>> {
  return run(CARRYOVER_VALUE, commit, usage, discount, carryover, overage_rate, period_months, term_months);
}

/**
 * Share of the commitment actually used: 1 - forfeited / committed.
 * Any argument but the usage may be a range: one figure per cell, spilled.
 * @customfunction UTILIZATION
 * @param commit Commit per period, in dollars.
 * @param usage Monthly usage at list price, in dollars: one column (or row) of months; several columns are summed.
 * @param discount Discount off list on committed usage, as a decimal (0.2 = 20%).
 * @param [carryover] Share of unused commitment that rolls into the next period, as a decimal (default 0).
 * @param [period_months] Months in a commit period (default 12).
 * @param [term_months] The term, in months: the usage is cut to it, or padded with 0 months (default: as long as the usage, trailing zeros dropped).
 * @returns A decimal share (0.96 = 96%).
 * @example =LEVERS.UTILIZATION(1000000, {100000;100000;100000;100000;100000;100000;100000;100000;100000;100000;100000;100000}, 0.2) → 0.96
 */
export function utilization(
  commit: unknown[][],
  usage: unknown[][],
  discount: unknown[][],
  carryover?: unknown[][],
  period_months?: unknown[][],
  term_months?: unknown[][],
): Array<Array<number | CustomFunctions.Error>> {
  return run(UTILIZATION, commit, usage, discount, carryover, period_months, term_months);
}

/**
 * Share of consumption that falls inside the commitment (the rest is overage).
 * Any argument but the usage may be a range: one figure per cell, spilled.
 * @customfunction COVERAGE
 * @param commit Commit per period, in dollars.
 * @param usage Monthly usage at list price, in dollars: one column (or row) of months; several columns are summed.
 * @param discount Discount off list on committed usage, as a decimal (0.2 = 20%).
 * @param [carryover] Share of unused commitment that rolls into the next period, as a decimal (default 0).
 * @param [period_months] Months in a commit period (default 12).
 * @param [term_months] The term, in months: the usage is cut to it, or padded with 0 months (default: as long as the usage, trailing zeros dropped).
 * @returns A decimal share (0.95 = 95%).
 * @example =LEVERS.COVERAGE(900000, {100000;100000;100000;100000;100000;100000;100000;100000;100000;100000;100000;100000}, 0.2) → 0.9375
 */
export function coverage(
  commit: unknown[][],
  usage: unknown[][],
  discount: unknown[][],
  carryover?: unknown[][],
  period_months?: unknown[][],
  term_months?: unknown[][],
): Array<Array<number | CustomFunctions.Error>> {
  return run(COVERAGE, commit, usage, discount, carryover, period_months, term_months);
}

/**
 * Effective savings rate against list: 1 - total cost / usage at list.
 * Any argument but the usage may be a range: one figure per cell, spilled.
 * @customfunction ESR
 * @param commit Commit per period, in dollars.
 * @param usage Monthly usage at list price, in dollars: one column (or row) of months; several columns are summed.
 * @param discount Discount off list on committed usage, as a decimal (0.2 = 20%).
 * @param [overage_rate] Price of overage as a fraction of list (default 1 = list), or "committed".
 * @param [carryover] Share of unused commitment that rolls into the next period, as a decimal (default 0).
 * @param [period_months] Months in a commit period (default 12).
 * @param [term_months] The term, in months: the usage is cut to it, or padded with 0 months (default: as long as the usage, trailing zeros dropped).
 * @returns A decimal rate (0.15 = 15% below list; negative means paying more than list).
 * @example =LEVERS.ESR(1000000, {100000;100000;100000;100000;100000;100000;100000;100000;100000;100000;100000;100000}, 0.2) → 0.1667
 */
export function esr(
  commit: unknown[][],
  usage: unknown[][],
  discount: unknown[][],
  overage_rate?: unknown[][],
  carryover?: unknown[][],
  period_months?: unknown[][],
  term_months?: unknown[][],
): Array<Array<number | CustomFunctions.Error>> {
  return run(ESR, commit, usage, discount, overage_rate, carryover, period_months, term_months);
}

/**
 * Dollars a price lock saves over the term: cost if list prices rise by the uplift each year, minus cost locked.
 * Any argument but the usage may be a range: one figure per cell, spilled.
 * @customfunction PRICE_LOCK_VALUE
 * @param commit Commit per period, in dollars.
 * @param usage Monthly usage at today's list price, in dollars: one column (or row) of months; several columns are summed.
 * @param discount Discount off list on committed usage, as a decimal (0.2 = 20%).
 * @param uplift Yearly list-price rise without a lock, as a decimal (0.1 = 10% at each anniversary, compounding).
 * @param [overage_rate] Price of overage as a fraction of list (default 1 = list), or "committed".
 * @param [carryover] Share of unused commitment that rolls into the next period, as a decimal (default 0).
 * @param [period_months] Months in a commit period (default 12).
 * @param [term_months] The term, in months: the usage is cut to it, or padded with 0 months (default: as long as the usage, trailing zeros dropped).
 * @returns Dollars saved over the term.
 * @example =LEVERS.PRICE_LOCK_VALUE(960000, {100000;100000;100000;100000;100000;100000;100000;100000;100000;100000;100000;100000;100000}, 0.2, 0.1) → 10000
 */
export function priceLockValue(
  commit: unknown[][],
  usage: unknown[][],
  discount: unknown[][],
  uplift: unknown[][],
  overage_rate?: unknown[][],
  carryover?: unknown[][],
  period_months?: unknown[][],
  term_months?: unknown[][],
): Array<Array<number | CustomFunctions.Error>> {
  return run(PRICE_LOCK_VALUE, commit, usage, discount, uplift, overage_rate, carryover, period_months, term_months);
}

/**
 * Dollars a true-forward clause costs over the term: cost with the commit stepping up each period, minus flat.
 * Any argument but the usage may be a range: one figure per cell, spilled.
 * @customfunction TRUE_FORWARD_COST
 * @param commit First period's commit, in dollars.
 * @param usage Monthly usage at list price, in dollars: one column (or row) of months; several columns are summed.
 * @param discount Discount off list on committed usage, as a decimal (0.2 = 20%).
 * @param step_up Commit increase at each new period, as a decimal (0.15 = 15% more each period).
 * @param [overage_rate] Price of overage as a fraction of list (default 1 = list), or "committed".
 * @param [carryover] Share of unused commitment that rolls into the next period, as a decimal (default 0).
 * @param [period_months] Months in a commit period (default 12).
 * @param [term_months] The term, in months: the usage is cut to it, or padded with 0 months (default: as long as the usage, trailing zeros dropped).
 * @returns Dollars over the term (negative when the step-up saves more overage than it adds in commitment).
 * @example =LEVERS.TRUE_FORWARD_COST(480000, {100000;100000;100000;100000;100000;100000;100000;100000;100000;100000;100000;100000}, 0.2, 0.1, 1, 0, 6) → 48000
 */
export function trueForwardCost(
  commit: unknown[][],
  usage: unknown[][],
  discount: unknown[][],
  step_up: unknown[][],
  overage_rate?: unknown[][],
  carryover?: unknown[][],
  period_months?: unknown[][],
  term_months?: unknown[][],
): Array<Array<number | CustomFunctions.Error>> {
  return run(TRUE_FORWARD_COST, commit, usage, discount, step_up, overage_rate, carryover, period_months, term_months);
}

/**
 * Dollars a ratcheting minimum costs over the term: each period's commit rises to the previous period's draw.
 * Any argument but the usage may be a range: one figure per cell, spilled.
 * @customfunction RATCHET_COST
 * @param commit First period's commit, in dollars.
 * @param usage Monthly usage at list price, in dollars: one column (or row) of months; several columns are summed.
 * @param discount Discount off list on committed usage, as a decimal (0.2 = 20%).
 * @param [overage_rate] Price of overage as a fraction of list (default 1 = list), or "committed".
 * @param [carryover] Share of unused commitment that rolls into the next period, as a decimal (default 0).
 * @param [period_months] Months in a commit period (default 12).
 * @param [term_months] The term, in months: the usage is cut to it, or padded with 0 months (default: as long as the usage, trailing zeros dropped).
 * @returns Dollars over the term.
 * @example =LEVERS.RATCHET_COST(400000, {100000;100000;100000;100000;100000;100000;50000;50000;50000;50000;50000;50000}, 0.2, 1, 0, 6) → 80000
 */
export function ratchetCost(
  commit: unknown[][],
  usage: unknown[][],
  discount: unknown[][],
  overage_rate?: unknown[][],
  carryover?: unknown[][],
  period_months?: unknown[][],
  term_months?: unknown[][],
): Array<Array<number | CustomFunctions.Error>> {
  return run(RATCHET_COST, commit, usage, discount, overage_rate, carryover, period_months, term_months);
}

/**
 * Dollars an exclusion costs over the term: a share of usage that does not count toward the commit and is billed as overage.
 * Any argument but the usage may be a range: one figure per cell, spilled.
 * @customfunction EXCLUSION_COST
 * @param commit Commit per period, in dollars.
 * @param usage Monthly usage at list price, in dollars: one column (or row) of months; several columns are summed.
 * @param discount Discount off list on committed usage, as a decimal (0.2 = 20%).
 * @param excluded_share Share of every month's usage that does not draw down the commit, as a decimal (0.1 = 10%).
 * @param [overage_rate] Price of overage and excluded usage as a fraction of list (default 1 = list), or "committed".
 * @param [carryover] Share of unused commitment that rolls into the next period, as a decimal (default 0).
 * @param [period_months] Months in a commit period (default 12).
 * @param [term_months] The term, in months: the usage is cut to it, or padded with 0 months (default: as long as the usage, trailing zeros dropped).
 * @returns Dollars over the term.
 * @example =LEVERS.EXCLUSION_COST(960000, {100000;100000;100000;100000;100000;100000;100000;100000;100000;100000;100000;100000}, 0.2, 0.1) → 120000
 */
export function exclusionCost(
  commit: unknown[][],
  usage: unknown[][],
  discount: unknown[][],
  excluded_share: unknown[][],
  overage_rate?: unknown[][],
  carryover?: unknown[][],
  period_months?: unknown[][],
  term_months?: unknown[][],
): Array<Array<number | CustomFunctions.Error>> {
  return run(
    EXCLUSION_COST,
    commit,
    usage,
    discount,
    excluded_share,
    overage_rate,
    carryover,
    period_months,
    term_months,
  );
}

/**
 * Dollars a renewal cap is worth: renewal usage priced at the capped rate instead of a reset to list.
 * Discount and cap may be ranges: one figure per cell, spilled.
 * @customfunction RENEWAL_CAP_VALUE
 * @param renewal_usage Monthly usage at list price after the term, in dollars (the renewal horizon).
 * @param discount Discount off list in the current deal, as a decimal (0.2 = 20%).
 * @param cap Most the rate may rise at renewal, as a decimal (0.05 = 5% above today's discounted rate), or "none" (no cap: worth 0).
 * @returns Dollars saved over the renewal horizon.
 * @example =LEVERS.RENEWAL_CAP_VALUE({100000;100000;100000;100000;100000;100000;100000;100000;100000;100000;100000;100000}, 0.2, 0.05) → 192000
 */
export function renewalCapValue(
  renewal_usage: unknown[][],
  discount: unknown[][],
  cap: unknown[][],
): Array<Array<number | CustomFunctions.Error>> {
  return run(RENEWAL_CAP_VALUE, renewal_usage, discount, cap);
}

/**
 * Cost over the whole usage horizon: the deal for the first term_months, then list times the renewal rate.
 * Any argument but the usage may be a range: one figure per cell, spilled.
 * @customfunction HORIZON_COST
 * @param commit Commit per period, in dollars.
 * @param usage Monthly usage at list price over the whole horizon, in dollars: one column (or row) of months.
 * @param discount Discount off list on committed usage, as a decimal (0.2 = 20%).
 * @param term_months Length of the term, in months (the rest of the horizon is renewal).
 * @param renewal_rate Price after the term as a fraction of list (1 = list, 0.85 = 15% off).
 * @param [overage_rate] Price of overage as a fraction of list (default 1 = list), or "committed".
 * @param [carryover] Share of unused commitment that rolls into the next period, as a decimal (default 0).
 * @param [period_months] Months in a commit period (default 12).
 * @returns Dollars over the horizon.
 * @example =LEVERS.HORIZON_COST(960000, {100000;100000;100000;100000;100000;100000;100000;100000;100000;100000;100000;100000}, 0.2, 6, 0.85) → 990000
 */
export function horizonCost(
  commit: unknown[][],
  usage: unknown[][],
  discount: unknown[][],
  term_months: unknown[][],
  renewal_rate: unknown[][],
  overage_rate?: unknown[][],
  carryover?: unknown[][],
  period_months?: unknown[][],
): Array<Array<number | CustomFunctions.Error>> {
  return run(HORIZON_COST, commit, usage, discount, term_months, renewal_rate, overage_rate, carryover, period_months);
}

/**
 * The commitment ledger, one row per commit period (spills). Dollars are at the committed rate except billed overage.
 * @customfunction LEDGER
 * @param commit Commit per period, in dollars.
 * @param usage Monthly usage at list price, in dollars: one column (or row) of months; several columns are summed.
 * @param discount Discount off list on committed usage, as a decimal (0.2 = 20%).
 * @param [overage_rate] Price of overage as a fraction of list (default 1 = list), or "committed".
 * @param [carryover] Share of unused commitment that rolls into the next period, as a decimal (default 0).
 * @param [period_months] Months in a commit period (default 12).
 * @param [term_months] The term, in months: the usage is cut to it, or padded with 0 months (default: as long as the usage, trailing zeros dropped).
 * @returns A table: Period, Months, Commit, Carry in, Drawn, Unused, Carry out, Forfeited, Overage, Billed overage.
 */
export function ledger(
  commit: unknown,
  usage: unknown[][],
  discount: unknown,
  overage_rate?: unknown,
  carryover?: unknown,
  period_months?: unknown,
  term_months?: unknown,
): Array<Array<number | string>> {
  return run(LEDGER, commit, usage, discount, overage_rate, carryover, period_months, term_months);
}

/**
 * Dollars a carryover cap costs over the term: the carry out of each period capped at carryover_cap times its commit, minus uncapped.
 * Any argument but the usage may be a range: one figure per cell, spilled.
 * @customfunction CARRYOVER_CAP_COST
 * @param commit Commit per period, in dollars.
 * @param usage Monthly usage at list price, in dollars: one column (or row) of months; several columns are summed.
 * @param discount Discount off list on committed usage, as a decimal (0.2 = 20%).
 * @param carryover Share of unused commitment that rolls into the next period, as a decimal (0.5 = half).
 * @param carryover_cap Most that may carry out of a period, as a decimal share of that period's commit (0.1 = 10%), or "none" (no cap: costs 0).
 * @param [overage_rate] Price of overage as a fraction of list (default 1 = list), or "committed".
 * @param [period_months] Months in a commit period (default 12).
 * @param [term_months] The term, in months: the usage is cut to it, or padded with 0 months (default: as long as the usage, trailing zeros dropped).
 * @returns Dollars over the term (never negative).
 * @example =LEVERS.CARRYOVER_CAP_COST(480000, {80000;80000;80000;80000;80000;80000;120000;120000;120000;120000;120000;120000}, 0.2, 0.5, 0.05, 1, 6) → 30000
 */
export function carryoverCapCost(
  commit: unknown[][],
  usage: unknown[][],
  discount: unknown[][],
  carryover: unknown[][],
  carryover_cap: unknown[][],
  overage_rate?: unknown[][],
  period_months?: unknown[][],
  term_months?: unknown[][],
): Array<Array<number | CustomFunctions.Error>> {
  return run(
    CARRYOVER_CAP_COST,
    commit,
    usage,
    discount,
    carryover,
    carryover_cap,
    overage_rate,
    period_months,
    term_months,
  );
}
