/**
 * The signed deal and its tracking, as data (DOMAIN.md "Tracking a signed deal"): the Signed sheet
 * (the terms as signed and the monthly plan the deal was signed on, frozen as values), the Tracking
 * sheet (an Actuals table the user fills month by month, the projection of the months after from
 * the plan, a live BURNDOWN and SHORTFALL, the user's warning threshold, a status line); the
 * renewal brief over them (the starting position for the next negotiation, live over the actuals)
 * is ./renewal.ts's. The pane writes these through its port. Pure data: no Office, Excel or DOM.
 *
 * How the months are counted in the sheet: the Actuals table's Month column holds 1..term, and
 * "months of actuals" is the last month whose actual is not blank or 0, as BURNDOWN reads its
 * actuals (DOMAIN.md "Usage series": trailing blank or 0 months are not months):
 * `SUMPRODUCT(MAX((actuals<>0)*(TRIM(actuals&"")<>"")*SEQUENCE(n)))` (unverified: that Excel calculates
 * it, written through range.formulas, without an implicit "@"; docs/EXCEL-CHECKS.md 23). The projection is a block of INDEX formulas over
 * the plan that starts after the last actual month and ends with the term ("" after, which is
 * blank to the functions), so `actuals` followed by `projection` is always the whole term. Actuals
 * typed past the end of the term make the projection's first cell a text that BURNDOWN and
 * SHORTFALL reject with #VALUE!, naming both lengths.
 */
import { BURNDOWN, SHORTFALL } from "../catalogue/functions";
import { formula } from "../catalogue/formula";
import { TERM_KEYS, TermKey } from "../catalogue/terms";
import { TERM_PANE } from "../catalogue/termsPane";
import { BURNDOWN_HEADER } from "../sheet/tables";
import { cellAddress, quoteSheet } from "../sheet/a1";
import { formulaCell as f, LayoutCell, termFormat, valueCell as v } from "./layout";
import { CellValue, MONEY, TEXT } from "./workbook";

export type { LayoutCell } from "./layout";
export { renewalLayout, type RenewalInput, type RenewalLayout } from "./renewal";

/** The sheets and table the signing adds, before fresh names are picked. */
export const SIGNED_NAMES = {
  signed: "Signed",
  tracking: "Tracking",
  table: "Actuals",
  renewal: "Renewal brief",
} as const;

/** Rows below the term that the actuals range takes in, so months typed past the term are seen (and refused). */
export const PAST_TERM_ROOM = 24;

/** Where things are on the Signed sheet (0-based rows; columns A..C terms, E..F plan). */
const SIGNED = { termsHeader: 5, planHeader: 5, termsColumn: 0, planColumn: 4 } as const;
/** The Tracking sheet's BURNDOWN spill starts in column F; a column of it by its header. */
const BURNDOWN_COLUMN = 5;
const burndownColumn = (name: (typeof BURNDOWN_HEADER)[number]) => BURNDOWN_COLUMN + BURNDOWN_HEADER.indexOf(name);
/** The spill's columns that hold dollars (all but Period, Months and Months left). */
const DOLLAR_COLUMNS = BURNDOWN_HEADER.filter((h) => !["Period", "Months", "Months left"].includes(h)).map(
  burndownColumn,
);

/** Where things are on the Tracking sheet (0-based rows). */
const TRACKING = { months: 2, term: 3, period: 4, shortfall: 5, threshold: 6, status: 7, tableHeader: 9 } as const;

export interface SignedInput {
  readonly signed: string;
  readonly tracking: string;
  readonly table: string;
  /** The date signed, yyyy-mm-dd. */
  readonly date: string;
  /** The value of every term as signed, by key (the catalogue's neutral where the deal has none). */
  readonly terms: Readonly<Record<TermKey, CellValue>>;
  /** The monthly usage at list the deal was signed on: its length is the term. */
  readonly plan: readonly number[];
  /** The projected forfeit of the current period above which the Tracking sheet warns, dollars. */
  readonly threshold: number;
}

/** Where the pane finds the signed deal again: what the model record keeps. */
export interface SignedPlaces {
  readonly signed: string;
  readonly tracking: string;
  readonly table: string;
  readonly date: string;
  readonly termMonths: number;
  /** Sheet-qualified, absolute: the terms (key | signed), the plan, the actuals (with room past the term). */
  readonly terms: string;
  readonly plan: string;
  readonly actuals: string;
  readonly projection: string;
  readonly threshold: string;
  /** The cells of the months of actuals, the current period's SHORTFALL and the status line. */
  readonly months: string;
  readonly shortfall: string;
  readonly status: string;
  /** The top-left cell of the BURNDOWN spill, and its periods (header not counted). */
  readonly burndown: string;
  readonly periods: number;
}

export interface SignedLayout {
  readonly signedGrid: readonly (readonly LayoutCell[])[];
  readonly trackingGrid: readonly (readonly LayoutCell[])[];
  /** The Actuals table: header row and one row per month of the term. */
  readonly tableAddress: string;
  readonly places: SignedPlaces;
  /** Column widths of the Tracking sheet, in characters. */
  readonly widths: readonly number[];
  /** The burn-down chart: commitment, drawn to date and projected drawn per period. */
  readonly chart: {
    readonly title: string;
    readonly categories: string;
    readonly series: readonly { readonly name: string; readonly values: string }[];
    readonly anchor: string;
  };
}

const abs = (sheet: string, row: number, column: number) => `${quoteSheet(sheet)}!${cellAddress(row, column, true)}`;
const span = (sheet: string, row: number, column: number, rows: number) =>
  `${quoteSheet(sheet)}!${cellAddress(row, column, true)}:${cellAddress(row + rows - 1, column, true)}`;

export function signedLayout(input: SignedInput): SignedLayout {
  const T = input.plan.length;
  const { signed, tracking } = input;
  const P = typeof input.terms.period_months === "number" ? input.terms.period_months : 12;
  const periods = Math.ceil(T / P);

  // The Signed sheet: values only.
  const signedGrid: LayoutCell[][] = [
    [v("Signed deal: the terms as signed and the plan they were sized on")],
    [v("Signed on"), v(input.date, TEXT)],
    [v("Term months"), v(T)],
    [v("Commit Levers wrote these values once and does not change them. Edit them only to correct the record.")],
    [],
    [v("key"), v("signed"), v("meaning"), null, v("Month"), v("Plan list $")],
  ];
  TERM_KEYS.forEach((key, i) => {
    const row = (signedGrid[SIGNED.termsHeader + 1 + i] ??= []);
    row[0] = v(key);
    row[1] = v(input.terms[key], termFormat(key));
    row[2] = v(TERM_PANE[key].sample.note);
  });
  input.plan.forEach((u, i) => {
    const row = (signedGrid[SIGNED.planHeader + 1 + i] ??= []);
    while (row.length < SIGNED.planColumn) row.push(null);
    row[SIGNED.planColumn] = v(i + 1);
    row[SIGNED.planColumn + 1] = v(u, MONEY);
  });
  const termRow = (key: TermKey) => SIGNED.termsHeader + 1 + TERM_KEYS.indexOf(key);
  const term = (key: TermKey) => abs(signed, termRow(key), 1);

  // The Tracking sheet.
  const top = TRACKING.tableHeader + 1;
  const actuals = span(tracking, top, 1, T + PAST_TERM_ROOM);
  const projection = span(tracking, top, 3, T);
  const plan = span(signed, SIGNED.planHeader + 1, SIGNED.planColumn + 1, T);
  const local = (row: number, column: number) => cellAddress(row, column, true);
  const deal = {
    commit: term("commit"),
    discount: term("discount"),
    overage_rate: term("overage_rate"),
    carryover: term("carryover"),
    period_months: term("period_months"),
    // The signed term (its months on the Signed sheet): usage that stops early still forfeits.
    term_months: abs(signed, 2, 1),
  };
  const shortfall = formula(SHORTFALL, {
    commit: deal.commit,
    actuals,
    projection,
    discount: deal.discount,
    carryover: deal.carryover,
    period_months: deal.period_months,
    term_months: deal.term_months,
  });
  const burn = formula(BURNDOWN, { ...deal, actuals, projection });
  const m = local(TRACKING.months, 1);
  const actualsLocal = `${local(top, 1)}:${local(top + T + PAST_TERM_ROOM - 1, 1)}`;
  const t = local(TRACKING.term, 1);
  const trackingGrid: LayoutCell[][] = [
    [v("Tracking the signed deal: type each month's actual usage at list in the Actuals table")],
    [v(`Signed on ${input.date}. The months after the last actual are projected from the plan on sheet ${signed}.`)],
    [
      v("Months of actuals"),
      // Not blank, not 0 and not blank-looking text ("" or spaces, which the functions read as blank).
      f(`=SUMPRODUCT(MAX((${actualsLocal}<>0)*(TRIM(${actualsLocal}&"")<>"")*SEQUENCE(${T + PAST_TERM_ROOM})))`),
    ],
    [v("Term months"), f(`=${abs(signed, 2, 1)}`)],
    [v("Current period"), f(`=MAX(1,ROUNDUP(MIN(${m},${t})/${deal.period_months},0))`)],
    [v("Projected forfeit this period (SHORTFALL)"), f(shortfall, MONEY)],
    [v("Warn when the projected forfeit is above"), v(input.threshold, MONEY)],
    [
      v("Status"),
      f(
        `=IF(${m}>${t},"Actuals run past the signed term",IF(ISNUMBER(${local(TRACKING.shortfall, 1)}),IF(${local(TRACKING.shortfall, 1)}>${local(TRACKING.threshold, 1)},"Warning: the projected forfeit is above your threshold","On track"),"Check the actuals"))`,
      ),
    ],
    [],
    [v("Month"), v("Actual list $"), v("Projected month"), v("Projected list $"), null, f(burn)],
  ];
  for (let i = 1; i <= T; i++) {
    const next = `${m}+${i}`;
    const index = `IF(${next}>${t},"",INDEX(${plan},${next}))`;
    const cell = i === 1 ? `=IF(${m}>${t},"actuals: "&${m}&" months, term: "&${t}&" months",${index})` : `=${index}`;
    // The actual's cell is formatted for the user to type into (a format alone writes no value).
    // The projection starts at the top of its column (BURNDOWN takes the months after the last
    // actual as one block); the month each value is for is beside it.
    trackingGrid.push([v(i), v(null, MONEY), f(`=IF(${next}>${t},"",${next})`), f(cell, MONEY)]);
  }
  // The cells the BURNDOWN spill fills take their format from the sheet, as in Excel: dollars but
  // for Period, Months and Months left.
  for (let p = 0; p < periods; p++) {
    const row = trackingGrid[TRACKING.tableHeader + 1 + p]!;
    for (const c of DOLLAR_COLUMNS) {
      while (row.length < c) row.push(null);
      row[c] = v(null, MONEY);
    }
  }
  const q = quoteSheet(tracking);
  const spillTop = TRACKING.tableHeader; // the spill's header row
  const column = (c: number) =>
    `${q}!${cellAddress(spillTop + 1, c, true)}:${cellAddress(spillTop + periods, c, true)}`;
  return {
    signedGrid,
    trackingGrid,
    tableAddress: `${q}!${cellAddress(TRACKING.tableHeader, 0)}:${cellAddress(TRACKING.tableHeader + T, 1)}`,
    widths: [28, 16, 10, 18, 2, 10, 10, 14, 14, 16, 14, 14, 12, 16, 16, 18, 20],
    places: {
      signed,
      tracking,
      table: input.table,
      date: input.date,
      termMonths: T,
      terms: `${quoteSheet(signed)}!${cellAddress(SIGNED.termsHeader + 1, 0, true)}:${cellAddress(SIGNED.termsHeader + TERM_KEYS.length, 1, true)}`,
      plan,
      actuals,
      projection,
      threshold: abs(tracking, TRACKING.threshold, 1),
      months: abs(tracking, TRACKING.months, 1),
      shortfall: abs(tracking, TRACKING.shortfall, 1),
      status: abs(tracking, TRACKING.status, 1),
      burndown: abs(tracking, spillTop, BURNDOWN_COLUMN),
      periods,
    },
    chart: {
      title: "Commitment, drawn to date and projected drawn, by period",
      categories: column(burndownColumn("Period")),
      series: [
        { name: "Commit", values: column(burndownColumn("Commit")) },
        { name: "Drawn to date", values: column(burndownColumn("Drawn to date")) },
        { name: "Projected drawn", values: column(burndownColumn("Projected drawn")) },
      ],
      anchor: cellAddress(spillTop + periods + 3, 5),
    },
  };
}
