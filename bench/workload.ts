/**
 * The workload every section shares: 1,000 deal rows x 60 months. "1,000 rows" means 1,000 cells
 * (or formula rows) each running the ledger for its own commit over one shared usage series, as a
 * deal desk comparing commit levels would lay them out; and a 50 x 50 commit x discount grid over
 * the same series.
 */
import type { Band, Deal, SizingTerms } from "../src/core";

export const ROWS = 1000;
export const MONTHS = 60;

/**
 * Monthly usage at list, dollars: 80,000 growing 1% a month with a 10% seasonal swing (about 0.8M
 * drawn in year 1 and 1.4M in year 5 at a 20% discount), so the rows' commits see both waste and
 * overage.
 */
export const USAGE: readonly number[] = Array.from(
  { length: MONTHS },
  (_, t) => 80_000 * Math.pow(1.01, t) * (1 + 0.1 * Math.sin((2 * Math.PI * t) / 12)),
);

/** One commit per row: 400,000 to 1,898,500 a year, in steps of 1,500. */
export const COMMITS: readonly number[] = Array.from({ length: ROWS }, (_, i) => 400_000 + 1_500 * i);

/** The deal terms besides the commit: 20% off, overage at list, half of unused carries, annual periods. */
export const DEAL: Omit<Deal, "commit"> & { readonly overageRate: number } = {
  discount: 0.2,
  overageRate: 1,
  carryover: 0.5,
  periodMonths: 12,
};

/**
 * A row's deal, built as the functions layer builds it (the catalogue's `dealOf`: an object).
 * Not `{ ...DEAL, commit }`: V8 gives spread-built objects a slower shape, and the ledger then runs
 * several times slower (measured: about 4 ms against 0.6 ms for the 1,000 rows), which would
 * measure the bench's own objects rather than the add-in.
 */
export function dealFor(commit: number): Deal {
  return {
    commit,
    discount: DEAL.discount,
    overageRate: DEAL.overageRate,
    carryover: DEAL.carryover,
    periodMonths: DEAL.periodMonths,
  };
}

/** Illustrative bands (not vendor figures): threshold per year, discount. */
export const BANDS: readonly Band[] = [
  { threshold: 0, discount: 0.1 },
  { threshold: 500_000, discount: 0.15 },
  { threshold: 1_000_000, discount: 0.2 },
  { threshold: 2_000_000, discount: 0.25 },
];

/** Sizing with uncertainty: volatility 0.3, so SCENARIO_COUNT (1,000) scenarios. */
export const SIZING: SizingTerms = { overageRate: 1, carryover: 0.5, periodMonths: 12, volatility: 0.3 };

/**
 * A LEVER_VALUES terms table for a row's commit: three asks differ from the draft (overage at the
 * committed rate, 50% carryover, no 10% true-forward step-up), so each call runs the ledger five
 * times: the draft, each ask alone, and all asks together.
 */
export function termsTable(commit: number): (string | number)[][] {
  return [
    ["Key", "Draft", "Ask"],
    ["commit", commit, commit],
    ["discount", 0.2, 0.2],
    ["overage_rate", 1, "committed"],
    ["carryover", 0, 0.5],
    ["period_months", 12, 12],
    ["step_up", 0.1, 0],
  ];
}

/** Ledger runs one LEVER_VALUES call makes with `termsTable`. */
export const LEVER_RUNS_PER_ROW = 5;

/** A range as Excel passes it: one row per month, one column. */
export function usageColumn(usage: readonly number[] = USAGE): number[][] {
  return usage.map((u) => [u]);
}

/** The commit × discount grid (one lifted call): 50 commits down, 50 discounts across. */
export const GRID = {
  /** 400,000 to 1,870,000 a year, in steps of 30,000. */
  commits: Array.from({ length: 50 }, (_, i) => 400_000 + 30_000 * i) as readonly number[],
  /** 10% to 29.6%, in steps of 0.4 points. */
  discounts: Array.from({ length: 50 }, (_, j) => 0.1 + 0.004 * j) as readonly number[],
} as const;
