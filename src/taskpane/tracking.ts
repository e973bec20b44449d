/**
 * After signing (DOMAIN.md "Tracking a signed deal"): "Sign this deal" freezes the chosen terms and
 * the plan into a Signed sheet and adds a Tracking sheet (src/model/tracking.ts); the pane then reads
 * them back, by the places the model record keeps, and computes the burn-down with the core, the
 * same figures the sheet's BURNDOWN and SHORTFALL show. Pure reading and planning: the Pane does the
 * writing and the messages.
 */
import { TERM_KEYS, TermKey, TERMS } from "../catalogue/terms";
import * as core from "../core";
import { arg, parseMoney, parseTerms, parseUsage } from "../sheet";
import { CellValue } from "../model/definition";
import { signedLayout, SignedPlaces, SIGNED_NAMES } from "../model/tracking";
import { freshName, freshNameSet, quoteSheet } from "../sheet/a1";
import { CellWrite, Outcome, done, refuse, WorkbookOp, WorkbookPort } from "./port/port";
import type { LayoutCell } from "../model/tracking";

/** The signed deal as read back: its terms, the plan, the actuals so far and the warning threshold. */
export interface TrackingData {
  readonly places: SignedPlaces;
  readonly deal: core.FullDeal;
  readonly plan: readonly number[];
  readonly actuals: readonly number[];
  /** Cells of the actuals column holding anything, up to the last one (a 0 typed counts here, not in `actuals`). */
  readonly entered: number;
  readonly threshold: number;
}

/** What the pane's "After you sign" view shows. */
export interface TrackingFigures {
  readonly data: TrackingData;
  readonly rows: readonly core.BurndownRow[];
  /** The period the last actual month is in (1-based). */
  readonly current: number;
  /** SHORTFALL: the current period's projected forfeit. */
  readonly shortfall: number;
  /** Whether the projected forfeit is above the threshold. */
  readonly warn: boolean;
  /** Months typed past the end of the term: the sheet refuses them; the pane says so. */
  readonly pastTerm: boolean;
  /** The current period's fill: the run-rate needed, the run-rate so far, when it fills at that rate. */
  readonly fill: core.CommitFill;
  /** The day the term starts (from the day signed), yyyy-mm-dd: month 1 of the actuals. */
  readonly start: string;
}

/**
 * A layout grid as one rectangle of writes: a layout cell already is a write (a value or a formula,
 * with its format); a row the layout left out (a hole) is an empty row.
 */
export function toWrites(grid: readonly (readonly LayoutCell[] | undefined)[]): (CellWrite | null)[][] {
  return Array.from(grid, (row) => (row ? [...row] : []));
}

/** The signing planned: the operations (one batch), where everything is, and the chart to add once calculated. */
export interface SignPlan {
  readonly ops: WorkbookOp[];
  readonly places: SignedPlaces;
  readonly chart: ReturnType<typeof signedLayout>["chart"];
}

/**
 * Plans "Sign this deal": the Signed and Tracking sheets under fresh names, the Actuals table under a
 * fresh name (table and defined names share one namespace, office-js #551).
 */
export async function planSigning(
  port: WorkbookPort,
  input: { terms: Readonly<Record<TermKey, CellValue>>; plan: readonly number[]; threshold: number; date: string },
): Promise<SignPlan> {
  const sheets = await port.sheetNames();
  const signed = freshName(SIGNED_NAMES.signed, sheets);
  const tracking = freshName(SIGNED_NAMES.tracking, [...sheets, signed]);
  const table = freshNameSet([SIGNED_NAMES.table], await port.nameList()).get(SIGNED_NAMES.table) ?? SIGNED_NAMES.table;
  const layout = signedLayout({ signed, tracking, table, ...input });
  const ops: WorkbookOp[] = [
    { kind: "addSheet", name: signed },
    { kind: "write", address: `${quoteSheet(signed)}!A1`, cells: toWrites(layout.signedGrid) },
    { kind: "columnWidths", sheet: signed, widths: [16, 16, 48, 2, 8, 14] },
    { kind: "addSheet", name: tracking },
    { kind: "write", address: `${quoteSheet(tracking)}!A1`, cells: toWrites(layout.trackingGrid) },
    { kind: "columnWidths", sheet: tracking, widths: layout.widths },
    { kind: "addTable", name: table, address: layout.tableAddress },
  ];
  return { ops, places: layout.places, chart: layout.chart };
}

/** Parses the signed values typed in the pane (a blank takes `fallback`), each as its Deal cell is read. */
export function signedTerms(
  typed: Readonly<Partial<Record<TermKey, string>>>,
  fallback: Readonly<Record<TermKey, CellValue>>,
  parse: (key: TermKey, text: string) => CellValue | { readonly message: string },
): Record<TermKey, CellValue> | { readonly message: string } {
  const out = {} as Record<TermKey, CellValue>;
  for (const key of TERM_KEYS) {
    const text = typed[key];
    if (text === undefined || text.trim() === "") {
      out[key] = fallback[key];
      continue;
    }
    const value = parse(key, text);
    if (typeof value === "object" && value !== null) return value;
    out[key] = value;
  }
  const checked = parseTerms(
    "Signed terms",
    TERM_KEYS.map((key) => [key, out[key], out[key]]),
    TERMS,
  );
  return checked instanceof core.LeverError ? { message: checked.message } : out;
}

/** Reads the signed deal back (its Signed and Tracking sheets); a refusal says what is wrong in words. */
export async function readTracking(port: WorkbookPort, places: SignedPlaces): Promise<Outcome<TrackingData>> {
  const [terms, plan, actuals, threshold] = await Promise.all([
    port.readRange(places.terms),
    port.readRange(places.plan),
    port.readRange(places.actuals),
    port.readRange(places.threshold),
  ]);
  if (!terms.ok || !plan.ok || !actuals.ok || !threshold.ok) {
    return refuse(
      "not-found",
      `The signed deal's sheets (${places.signed}, ${places.tracking}) are missing or were renamed: sign the deal again to track it.`,
    );
  }
  const grid = terms.value.values.map((row) => [row[0] ?? "", row[1] ?? "", row[1] ?? ""]);
  const deal = parseTerms(`Sheet ${places.signed}`, grid, TERMS);
  if (deal instanceof core.LeverError) return refuse("invalid", deal.message);
  const planSeries = parseUsage(`The plan on sheet ${places.signed}`, plan.value.values);
  if (planSeries instanceof core.LeverError) return refuse("invalid", planSeries.message);
  // Read as BURNDOWN reads its actuals: none yet is no months, not an error.
  const actualSeries = arg.series().read(`Actuals on sheet ${places.tracking}`, actuals.value.values);
  if (actualSeries instanceof core.LeverError) return refuse("invalid", actualSeries.message);
  const t = threshold.value.values[0]?.[0];
  const limit = t === "" || t === null || t === undefined ? 0 : parseMoney("The warning threshold", t);
  if (limit instanceof core.LeverError) return refuse("invalid", limit.message);
  const rows = actuals.value.values;
  let entered = rows.length;
  // Blank, empty or only spaces, as the sheet's months-of-actuals formula counts them (TRIM).
  const empty = (c: CellValue) => c === null || (typeof c === "string" && c.trim() === "");
  while (entered > 0 && rows[entered - 1]!.every(empty)) entered--;
  return done({ places, deal: deal.draft, plan: planSeries, actuals: actualSeries, entered, threshold: limit });
}

/** The burn-down the Tracking sheet shows, by the core: actuals, then the plan's months after them. */
export function trackingFigures(data: TrackingData): TrackingFigures | core.LeverError {
  const T = data.places.termMonths;
  const pastTerm = data.actuals.length > T;
  const actuals = pastTerm ? data.actuals.slice(0, T) : data.actuals;
  const projection = data.plan.slice(actuals.length, T);
  // The ledger terms BURNDOWN and SHORTFALL take, and only those: the sheet's formulas pass these
  // five, so the pane's figures are the sheet's (a step-up or an exclusion signed is not in them).
  const { commit, discount, overageRate, carryover, periodMonths } = data.deal;
  const b = core.burndown(actuals, projection, { commit, discount, overageRate, carryover, periodMonths });
  if (b instanceof core.LeverError) return b;
  const { rows, current, shortfall } = b;
  const fill = core.commitFill(actuals, rows[current - 1]!, data.deal);
  const start = core.termStart(data.places.date);
  return { data, rows, current, shortfall, warn: shortfall > data.threshold, pastTerm, fill, start };
}

/** The current period's projected fill in words: a day, filled, short at this rate, or not yet known. */
export function fillText(t: TrackingFigures, money: (dollars: number) => string): string {
  const s = t.fill.status;
  switch (s.kind) {
    case "filled":
      return `Filled on ${core.fillDay(t.start, s.at)}`;
    case "on-track":
      return `${core.fillDay(t.start, s.at)} at this run-rate`;
    case "short":
      return t.fill.monthsLeft > 0
        ? `Not at this rate: ${money(s.short)} short when the period ends`
        : `Not filled: the period ended ${money(s.short)} short`;
    case "no-actuals":
      return "Add a month of actuals to project it";
  }
}

/** What "After you sign" warns about, in words: months past the term, a forfeit above the threshold. */
export function trackingWarnings(t: TrackingFigures, money: (dollars: number) => string): string[] {
  const { places } = t.data;
  const row = t.rows[t.current - 1]!;
  const warnings: string[] = [];
  if (t.pastTerm) {
    warnings.push(
      `The Actuals table has more months than the signed term (${places.termMonths}): the sheet's burn-down shows #VALUE! until the extra months are removed.`,
    );
  }
  if (t.warn) {
    warnings.push(
      `The projected forfeit of period ${t.current}, ${money(t.shortfall)}, is above your threshold of ${money(t.data.threshold)}.` +
        (row.monthsLeft > 0
          ? ` To fill the period, draw ${money(row.neededPerMonth)} at list a month for its last ${row.monthsLeft} months.`
          : ""),
    );
  }
  return warnings;
}
