/**
 * The renewal brief, as data (DOMAIN.md "Tracking a signed deal"): the starting position for the
 * next negotiation, every figure a formula over the Signed and Tracking sheets (./tracking.ts), so
 * it follows the actuals. The pane writes it through its port. Pure data: no Office, Excel or DOM.
 */
import {
  BAND_DISCOUNT,
  COVERAGE,
  LEVER_VALUES,
  PROJECT,
  RECOMMEND_COMMIT,
  RENEWAL_CAP_VALUE,
  UTILIZATION,
} from "../catalogue/functions";
import { call, formula, text } from "../catalogue/formula";
import { TERM_KEYS, TermKey } from "../catalogue/terms";
import { BURNDOWN_HEADER } from "../sheet/tables";
import { cellAddress, parseAddress, quoteSheet } from "../sheet/a1";
import { formulaCell as f, LayoutCell, rowOf as row, termFormat, valueCell as v } from "./layout";
import type { SignedPlaces } from "./tracking";
import { CellValue, MONEY, PERCENT } from "./workbook";

export interface RenewalInput {
  readonly sheet: string;
  readonly places: SignedPlaces;
  /** The bands the renewal is sized against (the model's Bands name). */
  readonly bands: string;
  /** What to ask for at renewal, by key (the model's Deal asks). */
  readonly asks: Readonly<Record<TermKey, CellValue>>;
  /** The date the brief was written, yyyy-mm-dd. */
  readonly date: string;
}

export interface RenewalLayout {
  readonly grid: readonly (readonly LayoutCell[])[];
  /** The cell the ranked asks spill from. */
  readonly leversCell: string;
}

/**
 * The renewal brief: the observed utilization and overage so far, the usage the renewal will price
 * (the actuals projected over one more term), the commit and band that usage now supports, the
 * renewal at the signed cap against a reset to list, and the asks ranked again by LEVER_VALUES over
 * the renewal horizon with the signed terms as the draft. Every figure is a formula over the Signed
 * and Tracking sheets, so it follows the actuals.
 */
export function renewalLayout(input: RenewalInput): RenewalLayout {
  const { places, sheet } = input;
  const T = places.termMonths;
  const rowOf = (key: TermKey) => TERM_KEYS.indexOf(key);
  // Where the signing put them (the record keeps the places): the terms, and the burn-down's spill.
  const termsTop = parseAddress(places.terms)!.row;
  const spillTop = parseAddress(places.burndown)!;
  const term = (key: TermKey) => `${quoteSheet(places.signed)}!${cellAddress(termsTop + rowOf(key), 1, true)}`;
  const d = term("discount");
  const P = term("period_months");
  const c = term("commit");
  const ledger = { commit: c, usage: places.actuals, discount: d, carryover: term("carryover"), period_months: P };
  // The renewal is the T months after the term: the actuals projected to the end of the renewal
  // (column J, 2T - months of actuals), and its last T months in column H (INDEX formulas).
  const horizonTop = 3;
  const horizon = `${cellAddress(horizonTop, 7, true)}:${cellAddress(horizonTop + T - 1, 7, true)}`;
  const projected = `${cellAddress(horizonTop, 9, true)}:${cellAddress(horizonTop + 2 * T - 1, 9, true)}`;
  const n = places.months;
  const monthsIn = cellAddress(horizonTop, 1, true);
  const termsHeader = 18;
  // Overage billed so far: what each period has drawn beyond its commit and carry in (BURNDOWN's
  // Drawn to date, Commit and Carry in), billed at the overage rate (DOMAIN.md "The commitment
  // ledger"): a period's commit covers the whole period, so nothing is over until it is used up.
  const spill = (column: number) =>
    `${quoteSheet(places.tracking)}!${cellAddress(spillTop.row + 1, column, true)}:${cellAddress(spillTop.row + places.periods, column, true)}`;
  const col = (name: (typeof BURNDOWN_HEADER)[number]) => spill(spillTop.column + BURNDOWN_HEADER.indexOf(name));
  const over = `(${col("Drawn to date")}-${col("Commit")}-${col("Carry in")})`;
  const m = term("overage_rate");
  const grid: LayoutCell[][] = [
    [v("Renewal brief: where the next negotiation starts")],
    [
      v(
        `From the deal signed on ${places.date} and the actuals on sheet ${places.tracking} (written ${input.date}; every figure follows the actuals).`,
      ),
    ],
    row({
      7: v(`Renewal usage, list $ a month (months ${T + 1} to ${2 * T})`),
      9: v("The actuals projected to the end of the renewal"),
    }),
    row({
      0: v("Months of actuals"),
      1: f(`=${n}`),
      9: f(
        formula(PROJECT, { history: places.actuals, months: `${2 * T}-${monthsIn}`, method: text("linear") }),
        MONEY,
      ),
    }),
    [
      v("Utilization so far (each period's commit prorated to the months in)"),
      f(formula(UTILIZATION, ledger), PERCENT),
    ],
    [v("Share of consumption inside the commitment"), f(formula(COVERAGE, ledger), PERCENT)],
    [v("Overage billed so far"), f(`=SUMPRODUCT((${over}>0)*${over})*IF(ISNUMBER(${m}),${m}/(1-${d}),1)`, MONEY)],
    [],
    [v(`Renewal usage at list over ${T} months`), f(`=SUM(${horizon})`, MONEY)],
    [
      v("Commit per period the renewal usage supports (RECOMMEND_COMMIT)"),
      f(
        formula(RECOMMEND_COMMIT, {
          usage: horizon,
          bands: input.bands,
          overage_rate: term("overage_rate"),
          carryover: term("carryover"),
          period_months: P,
        }),
        MONEY,
      ),
    ],
    [
      v("The band that commit reaches (discount)"),
      f(formula(BAND_DISCOUNT, { commit: "B10", bands: input.bands }), PERCENT),
    ],
    [v("Discount signed"), f(`=${d}`, PERCENT)],
    [v("Renewal at list (a reset)"), f(`=B9`, MONEY)],
    [
      v("Renewal at the signed renewal cap"),
      f(`=B9-${call(RENEWAL_CAP_VALUE, { renewal_usage: horizon, discount: d, cap: term("renewal_cap") })}`, MONEY),
    ],
    [v("What the signed cap is worth at renewal"), f(`=B13-B14`, MONEY)],
    [],
    [v("The asks for the renewal, ranked over the renewal usage (draft = as signed; edit the ask column)")],
    [],
    [v("key"), v("signed"), v("ask")],
  ];
  TERM_KEYS.forEach((key, i) => {
    grid[termsHeader + 1 + i] = [v(key), f(`=${term(key)}`, termFormat(key)), v(input.asks[key], termFormat(key))];
  });
  for (let i = 1; i <= T; i++) {
    const row = (grid[horizonTop + i - 1] ??= []);
    while (row.length < 7) row.push(null);
    row[7] = f(`=INDEX(${projected},${T}-${monthsIn}+${i})`, MONEY);
  }
  const termsRange = `${cellAddress(termsHeader, 0, true)}:${cellAddress(termsHeader + TERM_KEYS.length, 2, true)}`;
  const leversRow = termsHeader + TERM_KEYS.length + 2;
  // Its first cell only: a long term's renewal months (column H) run down past this row.
  (grid[leversRow] ??= [])[0] = f(formula(LEVER_VALUES, { usage: horizon, terms: termsRange }));
  return { grid, leversCell: `${quoteSheet(sheet)}!${cellAddress(leversRow, 0)}` };
}
