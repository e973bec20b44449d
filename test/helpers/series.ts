/** Test data builders: monthly series and the ranges Excel passes for them. */

/** `months` months of `value` each. */
export function flat(months: number, value: number): number[] {
  return new Array<number>(months).fill(value);
}

/** A series as a one-column range, as Excel passes `B2:B37`. */
export function column(series: readonly unknown[]): unknown[][] {
  return series.map((v) => [v]);
}

/** The DOMAIN.md worked example 2: 12 months of 80,000 then 12 months of 120,000. */
export const twoYears = [...flat(12, 80_000), ...flat(12, 120_000)];

/** DOMAIN.md worked example 1's terms as typed in the pane's "Sign this deal" form, with a 5% renewal cap. */
export const SIGNED_EXAMPLE_1 = {
  commit: "$1,000,000",
  discount: "20%",
  overage_rate: "1",
  carryover: "0",
  period_months: "12",
  renewal_cap: "5%",
} as const;
