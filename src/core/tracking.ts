/**
 * Tracking a signed deal (DOMAIN.md "Tracking a signed deal"): the months so far (`actuals`) followed
 * by the months after (`projection`) are one usage series of the whole term, run through the one
 * ledger. Per period, what is known to date (drawn so far, what remains, what each remaining month
 * must draw to fill it) beside what the ledger projects (drawn, forfeited, overage billed).
 */
import { Errors, isLeverError, LeverError } from "./errors";
import { Deal, PeriodRow, runLedger } from "./ledger";

/** One commit period of a burn-down. Dollars are committed-rate dollars except the two list-dollar figures. */
export interface BurndownRow {
  readonly period: number;
  readonly months: number;
  readonly commit: number;
  readonly carryIn: number;
  /** (1 - d) x the actual months' list dollars in the period. */
  readonly drawnToDate: number;
  /** max(0, commit + carry in - drawn to date). */
  readonly remaining: number;
  /** The period's months not yet in the actuals. */
  readonly monthsLeft: number;
  /** List dollars a month that fill the remaining commitment: remaining / (1 - d) / months left; 0 with none left. */
  readonly neededPerMonth: number;
  readonly projectedDrawn: number;
  readonly projectedForfeited: number;
  /** Overage as the ledger bills it (overage rate x its list value). */
  readonly projectedOverageBilled: number;
}

/** A burn-down: one row per period, and the period the last actual month falls in (the first when there are none). */
export interface Burndown {
  readonly rows: readonly BurndownRow[];
  /** 1-based period of the last actual month. */
  readonly current: number;
  /** SHORTFALL: the projected forfeit of the current period. */
  readonly shortfall: number;
}

/**
 * The burn-down of `deal` over `actuals` (monthly list dollars so far) then `projection` (the months
 * after). Either may be empty (no actuals yet; the term ends with the actuals), not both.
 */
export function burndown(actuals: readonly number[], projection: readonly number[], deal: Deal): Burndown | LeverError {
  const series = [...actuals, ...projection];
  if (series.length === 0) return Errors.noMonths("actuals", "projection");
  // Actuals past a stated term: the ledger would cut them off, and the current period with them.
  if (deal.termMonths !== undefined && actuals.length > deal.termMonths)
    return Errors.pastTerm("actuals", actuals.length, deal.termMonths);
  const ledger: PeriodRow[] = [];
  runLedger(series, deal, ledger);
  const keep = 1 - deal.discount;
  const p = deal.periodMonths;
  const known = actuals.length;
  const rows = ledger.map((row, k): BurndownRow => {
    const start = k * p;
    let actualList = 0;
    for (let t = start; t < Math.min(known, start + row.months); t++) actualList += actuals[t]!;
    const drawnToDate = keep * actualList;
    const remaining = Math.max(0, row.commit + row.carryIn - drawnToDate);
    const monthsLeft = row.months - Math.min(row.months, Math.max(0, known - start));
    return {
      period: row.period,
      months: row.months,
      commit: row.commit,
      carryIn: row.carryIn,
      drawnToDate,
      remaining,
      monthsLeft,
      neededPerMonth: monthsLeft === 0 ? 0 : remaining / keep / monthsLeft,
      projectedDrawn: row.drawn,
      projectedForfeited: row.forfeited,
      projectedOverageBilled: row.billedOverage,
    };
  });
  const current = known === 0 ? 1 : Math.ceil(known / p);
  return { rows, current, shortfall: rows[current - 1]!.projectedForfeited };
}

/** SHORTFALL: the projected forfeited dollars of the period the last actual month falls in. */
export function shortfall(actuals: readonly number[], projection: readonly number[], deal: Deal): number | LeverError {
  const b = burndown(actuals, projection, deal);
  return isLeverError(b) ? b : b.shortfall;
}
