/** Deals and scenario totals as the core tests build and compare them. */
import type { FullDeal, LedgerTotals, ScenarioTotals } from "../../src/core";

/** A whole draft, every term written out, neutral where not given (as a terms table gives it). */
export const fullDeal = (d: Partial<FullDeal>): FullDeal => ({
  commit: 1_000_000,
  discount: 0.2,
  overageRate: 1,
  carryover: 0,
  periodMonths: 12,
  stepUp: 0,
  ratchet: false,
  uplift: 0,
  excludedShare: 0,
  carryoverCap: undefined,
  renewalCap: undefined,
  renewalMonths: 12,
  termMonths: undefined,
  ...d,
});

/** The lean path's first scenario, and a plain ledger run, as the same fields to compare. */
export function firstScenario(totals: ScenarioTotals): Omit<LedgerTotals, "list"> {
  return {
    totalCost: totals.totalCost[0]!,
    forfeited: totals.forfeited[0]!,
    overage: totals.overage[0]!,
    billedOverage: totals.billedOverage[0]!,
    drawn: totals.drawn[0]!,
    commitment: totals.commitment[0]!,
  };
}
export function ledgerFields(run: LedgerTotals): Omit<LedgerTotals, "list"> {
  return {
    totalCost: run.totalCost,
    forfeited: run.forfeited,
    overage: run.overage,
    billedOverage: run.billedOverage,
    drawn: run.drawn,
    commitment: run.commitment,
  };
}
