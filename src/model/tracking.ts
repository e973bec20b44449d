/**
 * The signed deal and its tracking, as data (DOMAIN.md "Tracking a signed deal"): the Signed sheet
 * (the terms as signed and the monthly plan the deal was signed on, frozen as values), the Tracking
 * sheet (an Actuals table the user fills month by month, the projection of the months after from
 * the plan, a live BURNDOWN and SHORTFALL, the user's warning threshold, a status line) and the
 * renewal brief (the starting position for the next negotiation, live over the actuals). The pane
 * writes these through its port. Pure data: no Office, Excel or DOM.
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
import {
  BAND_DISCOUNT,
  BURNDOWN,
  COVERAGE,
  LEVER_VALUES,
  PROJECT,
  RECOMMEND_COMMIT,
  RENEWAL_CAP_VALUE,
  SHORTFALL,
  UTILIZATION,
} from "../catalogue/functions";
import { call, formula, text } from "../catalogue/formula";
import { TERM_KEYS, TermKey } from "../catalogue/terms";
import { TERM_PANE } from "../catalogue/termsPane";
import { BURNDOWN_HEADER } from "../sheet/tables";
import { cellAddress, parseAddress, quoteSheet } from "../sheet/a1";
import { CellValue, MONEY, PERCENT, TEXT } from "./definition";
import { maxOf } from "../core/arrays";

/** A cell: a value (with a number format) or a formula; null leaves the cell empty. */
export type LayoutCell =
  | { readonly value: CellValue; readonly format?: string }
  | { readonly formula: string; readonly format?: string }
  | null;

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

const v = (value: CellValue, format?: string): LayoutCell => (format ? { value, format } : { value });
const f = (text: string, format?: string): LayoutCell => (format ? { formula: text, format } : { formula: text });
const abs = (sheet: string, row: number, column: number) => `${quoteSheet(sheet)}!${cellAddress(row, column, true)}`;
const span = (sheet: string, row: number, column: number, rows: number) =>
  `${quoteSheet(sheet)}!${cellAddress(row, column, true)}:${cellAddress(row + rows - 1, column, true)}`;

/** A row of cells by column (0-based), empty between them. */
function row(cells: Readonly<Record<number, LayoutCell>>): LayoutCell[] {
  const columns = maxOf(Object.keys(cells).map(Number)) + 1;
  return Array.from({ length: columns }, (_, c) => cells[c] ?? null);
}

/** The number format a term's value shows in. */
function termFormat(key: TermKey): string | undefined {
  const kind = TERM_PANE[key].kind;
  return kind === "money" ? MONEY : kind === "percent" || kind === "cap" ? PERCENT : undefined;
}

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
  };
  const shortfall = formula(SHORTFALL, {
    commit: deal.commit,
    actuals,
    projection,
    discount: deal.discount,
    carryover: deal.carryover,
    period_months: deal.period_months,
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
