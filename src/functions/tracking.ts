/**
 * The LEVERS.* functions for tracking a signed deal month by month (FUNCTIONS.md "Tracking a signed
 * deal"). As in functions.ts, each JSDoc comment is the function's Excel help and each body is one
 * call into the shared runner: the reading, the checks and the ledger are elsewhere.
 */
import { BURNDOWN, SHORTFALL } from "../catalogue/functions";
import { run } from "./runner";

/**
 * The burn-down of a signed deal: the ledger over the actual months so far, then the projected months after, one row per commit period (spills a table).
 * @customfunction BURNDOWN
 * @param commit Commit per period, in dollars (as signed).
 * @param actuals Actual monthly usage so far at list price, in dollars: one column of months from the first month of the term (blank or 0 months at the end are not yet in; empty before the first month).
 * @param projection Projected monthly usage at list price, in dollars, for the months after the last actual month to the end of the term (empty when the term ends with the actuals).
 * @param discount Discount off list on committed usage, as a decimal (0.2 = 20%).
 * @param [overage_rate] Price of overage as a fraction of list (default 1 = list), or "committed".
 * @param [carryover] Share of unused commitment that rolls into the next period, as a decimal (default 0).
 * @param [period_months] Months in a commit period (default 12).
 * @param [term_months] The term, in months: the usage is cut to it, or padded with 0 months (default: as long as the usage, trailing zeros dropped).
 * @returns A table: Period, Months, Commit, Carry in, Drawn to date, Remaining, Months left, Needed per month (list dollars a month), Projected drawn, Projected forfeited, Projected overage billed.
 */
export function burndown(
  commit: unknown,
  actuals: unknown[][],
  projection: unknown[][],
  discount: unknown,
  overage_rate?: unknown,
  carryover?: unknown,
  period_months?: unknown,
  term_months?: unknown,
): Array<Array<number | string>> {
  return run(BURNDOWN, commit, actuals, projection, discount, overage_rate, carryover, period_months, term_months);
}

/**
 * Dollars of commitment projected to be forfeited at the end of the current period (the one the last actual month falls in): the number to report each month.
 * Any argument but the actuals and the projection may be a range: one figure per cell, spilled.
 * @customfunction SHORTFALL
 * @param commit Commit per period, in dollars (as signed).
 * @param actuals Actual monthly usage so far at list price, in dollars: one column of months from the first month of the term (blank or 0 months at the end are not yet in).
 * @param projection Projected monthly usage at list price, in dollars, for the months after the last actual month to the end of the term (empty when the term ends with the actuals).
 * @param discount Discount off list on committed usage, as a decimal (0.2 = 20%).
 * @param [carryover] Share of unused commitment that rolls into the next period, as a decimal (default 0). Fifth, where BURNDOWN has the overage rate: a forfeit does not depend on it.
 * @param [period_months] Months in a commit period (default 12).
 * @param [term_months] The term, in months: the usage is cut to it, or padded with 0 months (default: as long as the usage, trailing zeros dropped).
 * @returns Dollars projected to be forfeited at the end of the current period.
 * @example =LEVERS.SHORTFALL(1000000, {100000;100000;100000;100000}, {100000;100000;100000;100000;100000;100000;100000;100000}, 0.2) → 40000
 */
export function shortfall(
  commit: unknown[][],
  actuals: unknown[][],
  projection: unknown[][],
  discount: unknown[][],
  carryover?: unknown[][],
  period_months?: unknown[][],
  term_months?: unknown[][],
): Array<Array<number | CustomFunctions.Error>> {
  return run(SHORTFALL, commit, actuals, projection, discount, carryover, period_months, term_months);
}
