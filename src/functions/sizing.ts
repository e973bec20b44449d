/**
 * The LEVERS.* functions for sizing the commit and summarizing the levers. As in functions.ts,
 * each JSDoc comment is Excel's help and each body is one `run` of its catalogue entry.
 */
import {
  BAND_DISCOUNT,
  COMMIT_CURVE,
  COMMIT_RISK,
  FORFEIT_CHANCE,
  LEVER_VALUES,
  NEXT_BAND,
  RECOMMEND_COMMIT,
  USAGE_VOLATILITY,
} from "../catalogue/functions";
import { run } from "./runner";

/**
 * The discount a commit earns: that of the highest band threshold at or below it (0 below the first band).
 * Its commit may be a range: one figure per cell, spilled.
 * @customfunction BAND_DISCOUNT
 * @param commit Commit per period, in dollars.
 * @param bands Discount bands: two columns, threshold (dollars per period) and discount (decimal); a header row is allowed.
 * @returns The discount as a decimal (0.15 = 15%).
 * @example =LEVERS.BAND_DISCOUNT(1000000, {250000,0.05;1000000,0.12;5000000,0.2}) → 0.12
 */
export function bandDiscount(commit: unknown[][], bands: unknown[][]): Array<Array<number | CustomFunctions.Error>> {
  return run(BAND_DISCOUNT, commit, bands);
}

/**
 * The next band above a commit (spills a row): its threshold, the dollars to reach it, and its discount.
 * @customfunction NEXT_BAND
 * @param commit Commit per period, in dollars.
 * @param bands Discount bands: two columns, threshold (dollars per period) and discount (decimal); a header row is allowed.
 * @returns One row: next threshold (dollars), dollars to reach it, its discount (decimal); #N/A in the top band.
 */
export function nextBand(commit: unknown, bands: unknown[][]): number[][] {
  return run(NEXT_BAND, commit, bands);
}

/**
 * The commit per period that minimizes expected total cost, with the discount of the band it reaches.
 * @customfunction RECOMMEND_COMMIT
 * @param usage Projected monthly usage at list price, in dollars (optimized first): one column of months; several columns are summed.
 * @param bands Discount bands: two columns, threshold (dollars per period) and discount (decimal); a header row is allowed.
 * @param [overage_rate] Price of overage as a fraction of list (default 1 = list), or "committed".
 * @param [carryover] Share of unused commitment that rolls into the next period, as a decimal (default 0).
 * @param [period_months] Months in a commit period (default 12).
 * @param [volatility] Uncertainty of the projection's level, as a decimal: the standard deviation of its log (0.3 = about ±30%; default 0 = certain).
 * @param [growth_volatility] Uncertainty of the growth, as a decimal: the standard deviation of the log of one year's growth factor (0.2 = about ±20% a year; default 0 = certain).
 * @returns Dollars per period.
 * @example =LEVERS.RECOMMEND_COMMIT({100000;100000;100000;100000;100000;100000;100000;100000;100000;100000;100000;100000}, {100000,0.2}) → 960000
 */
export function recommendCommit(
  usage: unknown[][],
  bands: unknown[][],
  overage_rate?: unknown,
  carryover?: unknown,
  period_months?: unknown,
  volatility?: unknown,
  growth_volatility?: unknown,
): number {
  return run(RECOMMEND_COMMIT, usage, bands, overage_rate, carryover, period_months, volatility, growth_volatility);
}

/**
 * Expected cost against commit (spills a table to chart): evenly spaced commits plus every band threshold and the recommended commit.
 * @customfunction COMMIT_CURVE
 * @param usage Projected monthly usage at list price, in dollars: one column of months; several columns are summed.
 * @param bands Discount bands: two columns, threshold (dollars per period) and discount (decimal); a header row is allowed.
 * @param [overage_rate] Price of overage as a fraction of list (default 1 = list), or "committed".
 * @param [carryover] Share of unused commitment that rolls into the next period, as a decimal (default 0).
 * @param [period_months] Months in a commit period (default 12).
 * @param [volatility] Uncertainty of the projection's level, as a decimal: the standard deviation of its log (default 0 = certain).
 * @param [points] Evenly spaced commits from 0 to 1.5 times a period's list usage (default 25, 2 to 1000).
 * @param [growth_volatility] Uncertainty of the growth, as a decimal: the standard deviation of the log of one year's growth factor (0.2 = about ±20% a year; default 0 = certain).
 * @returns A table: Commit, Discount, Expected cost, Expected waste, Expected overage billed (dollars over the term).
 */
export function commitCurve(
  usage: unknown[][],
  bands: unknown[][],
  overage_rate?: unknown,
  carryover?: unknown,
  period_months?: unknown,
  volatility?: unknown,
  points?: unknown,
  growth_volatility?: unknown,
): Array<Array<number | string>> {
  return run(COMMIT_CURVE, usage, bands, overage_rate, carryover, period_months, volatility, points, growth_volatility);
}

/**
 * What each negotiable term is worth over the term, draft against ask, ranked (spills a table).
 * @customfunction LEVER_VALUES
 * @param usage Monthly usage at list price, in dollars: one column of months; several columns are summed.
 * @param terms Three columns key | draft | ask (keys: commit, discount, overage_rate, carryover, period_months, uplift, step_up, ratchet, excluded_share, renewal_cap, renewal_months, carryover_cap, term_months); a header row is allowed.
 * @param [volatility] Uncertainty of the usage's level, as a decimal: the standard deviation of its log (default 0 = certain).
 * @param [growth_volatility] Uncertainty of the growth, as a decimal: the standard deviation of the log of one year's growth factor (0.2 = about ±20% a year; default 0 = certain).
 * @returns A table: Lever, Draft, Ask, Value over term (dollars saved), Share of total (decimal of the draft's cost), Vendor cost (low/high); last row All asks together. With a volatility above 0: the expected value, ranked by it, then P10 value, P90 value and Chance it pays.
 */
export function leverValues(
  usage: unknown[][],
  terms: unknown[][],
  volatility?: unknown,
  growth_volatility?: unknown,
): Array<Array<number | string>> {
  return run(LEVER_VALUES, usage, terms, volatility, growth_volatility);
}

/**
 * The risk of a commit across the futures usage may take: expected, P10, P50, P90 and CVaR 95% of the total cost, the chance of any forfeit, expected and P90 forfeited, expected overage billed, the chance of any overage (spills a table).
 * @customfunction COMMIT_RISK
 * @param commit Commit per period, in dollars.
 * @param usage Projected monthly usage at list price, in dollars: one column of months; several columns are summed.
 * @param discount Discount off list on committed usage, as a decimal (0.2 = 20%).
 * @param [overage_rate] Price of overage as a fraction of list (default 1 = list), or "committed".
 * @param [carryover] Share of unused commitment that rolls into the next period, as a decimal (default 0).
 * @param [period_months] Months in a commit period (default 12).
 * @param [volatility] Uncertainty of the usage's level, as a decimal: the standard deviation of its log (default 0 = certain).
 * @param [growth_volatility] Uncertainty of the growth, as a decimal: the standard deviation of the log of one year's growth factor (0.2 = about ±20% a year; default 0 = certain).
 * @param [term_months] The term, in months: the usage is cut to it, or padded with 0 months (default: as long as the usage).
 * @returns A table: Measure, Value (dollars over the term; chances as decimals).
 */
export function commitRisk(
  commit: unknown,
  usage: unknown[][],
  discount: unknown,
  overage_rate?: unknown,
  carryover?: unknown,
  period_months?: unknown,
  volatility?: unknown,
  growth_volatility?: unknown,
  term_months?: unknown,
): Array<Array<number | string>> {
  return run(
    COMMIT_RISK,
    commit,
    usage,
    discount,
    overage_rate,
    carryover,
    period_months,
    volatility,
    growth_volatility,
    term_months,
  );
}

/**
 * The chance that any commitment is forfeited: the share of the futures usage may take in which more than $0.01 is forfeited.
 * Any argument but the usage may be a range: one figure per cell, spilled.
 * @customfunction FORFEIT_CHANCE
 * @param commit Commit per period, in dollars.
 * @param usage Projected monthly usage at list price, in dollars: one column of months; several columns are summed.
 * @param discount Discount off list on committed usage, as a decimal (0.2 = 20%).
 * @param [carryover] Share of unused commitment that rolls into the next period, as a decimal (default 0).
 * @param [period_months] Months in a commit period (default 12).
 * @param [volatility] Uncertainty of the usage's level, as a decimal: the standard deviation of its log (default 0 = certain).
 * @param [growth_volatility] Uncertainty of the growth, as a decimal: the standard deviation of the log of one year's growth factor (0.2 = about ±20% a year; default 0 = certain).
 * @param [term_months] The term, in months: the usage is cut to it, or padded with 0 months (default: as long as the usage).
 * @returns A decimal share of futures (0.5 = half).
 */
export function forfeitChance(
  commit: unknown[][],
  usage: unknown[][],
  discount: unknown[][],
  carryover?: unknown[][],
  period_months?: unknown[][],
  volatility?: unknown[][],
  growth_volatility?: unknown[][],
  term_months?: unknown[][],
): Array<Array<number | CustomFunctions.Error>> {
  return run(
    FORFEIT_CHANCE,
    commit,
    usage,
    discount,
    carryover,
    period_months,
    volatility,
    growth_volatility,
    term_months,
  );
}

/**
 * The uncertainty a monthly history itself leaves: the volatility of its fitted level at the last month and of its fitted yearly growth (a log-linear fit over the months above 0), as a row.
 * @customfunction USAGE_VOLATILITY
 * @param history Monthly usage so far, in dollars: one column of months; at least 3 months above 0.
 * @returns One row: volatility, growth_volatility (decimals).
 */
export function usageVolatility(history: unknown[][]): number[][] {
  return run(USAGE_VOLATILITY, history);
}
