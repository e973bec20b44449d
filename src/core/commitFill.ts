/**
 * When a period's commitment fills (DOMAIN.md "Tracking a signed deal"), as a commitment tracker
 * shows it: the run-rate needed over the months left, the run-rate so far, and the day the
 * commitment is projected to fill at that run-rate, or that it will not fill at this rate. (DoiT's
 * Commitment Manager, help.doit.com/docs/governance/commitment-manager, forecasts the same two
 * things: the monthly spend required to meet a commitment, and when it will be met.) Pure.
 */
import type { Deal } from "./ledger";
import { isDay, monthsAfter } from "./focusCommitment";
import type { BurndownRow } from "./tracking";

/** Months of actuals the run-rate is the mean of (the `flat` projection's window, DOMAIN.md "Projection"). */
export const RUN_RATE_MONTHS = 3;

/**
 * Where a period's fill stands. `at` is in months from the start of the term, fractional: 2.5 is
 * halfway through month 3 (each month's usage spread evenly over it).
 */
export type FillStatus =
  /** The actuals have filled it, during month ceil(at). */
  | { readonly kind: "filled"; readonly at: number }
  /** At the run-rate it fills during month ceil(at), before the period ends. */
  | { readonly kind: "on-track"; readonly at: number }
  /** At the run-rate the period ends this many committed-rate dollars short (the period may have ended). */
  | { readonly kind: "short"; readonly short: number }
  /** No actuals yet: no run-rate to project. */
  | { readonly kind: "no-actuals" };

export interface CommitFill {
  readonly period: number;
  readonly monthsLeft: number;
  /** List dollars a month that fill what remains over the months left (BURNDOWN's Needed per month). */
  readonly neededPerMonth: number;
  /** List dollars a month: the mean of the last RUN_RATE_MONTHS actual months (fewer when fewer are in). */
  readonly runRate: number | undefined;
  readonly status: FillStatus;
}

/**
 * The fill of the period in `row` (a burn-down row over these actuals and deal), at the run-rate
 * of the last actual months. Amounts drawn are (1 - d) x list, as the burn-down draws them.
 */
export function commitFill(
  actuals: readonly number[],
  row: BurndownRow,
  deal: Pick<Deal, "discount" | "periodMonths">,
): CommitFill {
  const keep = 1 - deal.discount;
  const start = (row.period - 1) * deal.periodMonths;
  const known = actuals.length;
  const n = Math.min(RUN_RATE_MONTHS, known);
  let sum = 0;
  for (let t = known - n; t < known; t++) sum += actuals[t]!;
  const runRate = n === 0 ? undefined : sum / n;
  const base = { period: row.period, monthsLeft: row.monthsLeft, neededPerMonth: row.neededPerMonth, runRate };

  if (row.remaining === 0) return { ...base, status: { kind: "filled", at: filledAt(actuals, row, start, keep) } };
  if (runRate === undefined) return { ...base, status: { kind: "no-actuals" } };
  const monthly = keep * runRate;
  // Months at the run-rate that draw what remains, counted from the end of the period's months in.
  const need = monthly > 0 ? row.remaining / monthly : Infinity;
  if (need <= row.monthsLeft) {
    return { ...base, status: { kind: "on-track", at: start + row.months - row.monthsLeft + need } };
  }
  return { ...base, status: { kind: "short", short: row.remaining - monthly * row.monthsLeft } };
}

/**
 * When the actuals filled the period: the month the drawn total reached commit + carry in, and how
 * far into it. Drawn is summed as the burn-down sums it (list dollars first, then x (1 - d)), so a
 * period the burn-down calls filled is found filled here too, to the cent.
 */
function filledAt(actuals: readonly number[], row: BurndownRow, start: number, keep: number): number {
  const available = row.commit + row.carryIn;
  if (available <= 0) return start; // nothing to fill: a commit of 0
  const end = Math.min(actuals.length, start + row.months);
  let list = 0;
  for (let t = start; t < end; t++) {
    const month = actuals[t]!;
    if (month > 0 && keep * (list + month) >= available) return t + Math.min(1, (available / keep - list) / month);
    list += month;
  }
  return end; // the end of the last month in (rounding left the sum a hair short of what the burn-down counts)
}

/**
 * The day a fractional month from the term's start falls on (yyyy-mm-dd): month m = ceil(at) of
 * the term, on day ceil(f x its days), f being the part of month m, (at - (m - 1)).
 */
export function fillDay(termStart: string, at: number): string {
  // A start that is no day (a settings record damaged by hand): say so rather than throw in a render.
  if (!isDay(termStart) || !Number.isFinite(at)) return "an unknown day (the signed deal has no start date)";
  const m = Math.max(1, Math.ceil(at));
  const first = monthsAfter(termStart, m - 1);
  const next = monthsAfter(termStart, m);
  const days = Math.round((Date.parse(`${next}T00:00:00Z`) - Date.parse(`${first}T00:00:00Z`)) / 86_400_000);
  const f = Math.max(0, at - (m - 1));
  const day = Math.max(1, Math.ceil(f * days - 1e-9));
  return new Date(Date.parse(`${first}T00:00:00Z`) + (day - 1) * 86_400_000).toISOString().slice(0, 10);
}
