/**
 * One aggregator for every export (DOMAIN.md "Usage from a vendor's export"): rows go in one at a
 * time (`add`), totals by month and model come out (`finish`). MONTHLY_USAGE over a pasted range and
 * the pane's streamed import of a file both run it, so the two can never disagree; it keeps the
 * totals, never the rows, so its memory is the size of the result whatever the size of the file.
 */
import { DateCell, monthOfDay, readDate, shortDay } from "./dates";
import { Errors, isLeverError, LeverError } from "./errors";
import { amountIn, isBlank } from "./exportCells";
import {
  billedOnly,
  columnIndex,
  EXPORT_FORMATS,
  ExportFormat,
  matches,
  NO_MODEL,
  normalizeHeader,
  recognizeExport,
  squash,
} from "./exports";
import { findModel, PRICE_KINDS, PriceBook, PriceKind, priceOf, PriceRow } from "./pricebook";

export type Tokens = Record<PriceKind, number>;
export const noTokens = (): Tokens => ({ input: 0, output: 0, cache_write: 0, cache_write_1h: 0, cache_read: 0 });

/** One month and model's totals: dollars in the export's stated unit made dollars, and token counts. */
export interface MonthModel {
  readonly month: number;
  readonly model: string;
  list: number;
  paid: number;
  /** A token-only export's counts by price kind, at full price and in batch rows. */
  readonly tokens: Tokens;
  readonly batchTokens: Tokens;
  rows: number;
  /** The first unreadable amount among its rows (in file order): of list or tokens, and of paid. */
  listError?: LeverError;
  paidError?: LeverError;
}

/** Distinct texts remembered per column (dates, charge kinds, SKU details); past it the memory starts again. */
const CACHE_LIMIT = 10_000;
export interface AggregateOptions {
  /**
   * Short dates (`4/1/25`) that no date of their column settles: day first when true. The pane
   * passes its display language's order; the function reads them month first. Dotted dates
   * (`01.04.2025`) are day first unless their column says otherwise.
   */
  readonly dayFirst?: boolean;
  /**
   * Amounts with a decimal comma (`0,85`, `1.250,50`), as a `;`-separated CSV writes them: the
   * import's (importAggregate.ts tells the aggregator its amount reader); Excel's functions read none.
   */
  readonly decimalComma?: boolean;
}

/** The options the core's aggregator reads itself (amounts with a decimal comma come by `AggregatorHooks.amount`). */
export type SumOptions = Pick<AggregateOptions, "dayFirst">;

export interface ExportAggregate {
  readonly format: ExportFormat;
  /** Whether the file has the format's list and paid columns (FOCUS need not have its cost columns). */
  readonly hasList: boolean;
  readonly hasBilled: boolean;
  /** Month and model totals, by month then model. */
  readonly totals: readonly MonthModel[];
  /** Usage rows read. */
  readonly rows: number;
  /** Rows of other charges, skipped. */
  readonly skipped: number;
  /** How short dates were read, when the file has any: day first or not, and whether no date settled it. */
  readonly shortDates?: { readonly dayFirst: boolean; readonly assumed: boolean };
  /** List and paid over the rows that carry both (OBSERVED_DISCOUNT). */
  readonly bothList: number;
  readonly bothPaid: number;
  /** The first unreadable amount in the file, in file order. */
  readonly firstError?: LeverError;
}

type ShortDate = Extract<DateCell, { first: number }>;

/** Adds `from`'s totals into `into` (same model; a pending short date's bucket meeting its month). */
function addInto(into: MonthModel, from: MonthModel): void {
  into.list += from.list;
  into.paid += from.paid;
  into.rows += from.rows;
  for (const k of PRICE_KINDS) {
    into.tokens[k] += from.tokens[k];
    into.batchTokens[k] += from.batchTokens[k];
  }
  into.listError ??= from.listError;
  into.paidError ??= from.paidError;
}

/** Where a format's columns are in a header row (-1: absent). */
export interface ColumnsAt {
  readonly date: number;
  readonly model: readonly number[];
  readonly json: number;
  readonly list: number;
  readonly paid: number;
  readonly kind: number;
  readonly frequency: number;
  readonly tokens: readonly { readonly kind: PriceKind; readonly at: number }[];
  readonly included: readonly number[];
  readonly batch: number;
}

/** What the import's aggregator (importAggregate.ts) is told as rows go in, beyond the sums. */
export interface AggregatorHooks {
  /** A row that is not usage (another charge kind, or a one-time usage charge): counted, not summed. */
  readonly skip?: (cells: readonly unknown[], rowNumber: number, oneTime: boolean) => void;
  /** A usage row's day, each time it differs from the row before's (the import notes the newest). */
  readonly day?: (day: number) => void;
  /** How an amount cell reads (`amountIn`, with a decimal point, unless told: the import's decimal commas). */
  readonly amount?: (value: unknown) => number | null | undefined;
}

/**
 * Rows in, monthly totals out. Start it on a header row (`startAggregator`); `add` returns an error
 * only when the whole read must stop. Its state is its closure's (a function, not a class: the
 * functions bundle then names it in one letter, not by property).
 */
export interface ExportAggregator {
  readonly format: ExportFormat;
  readonly at: ColumnsAt;
  /**
   * Adds one row (`rowNumber` as the user counts it, the header being row 1). A row whose date
   * cannot be read stops the read (its month is unknown): that error is returned. An unreadable
   * amount is its own month's error, kept in the totals.
   */
  add(cells: readonly unknown[], rowNumber: number): LeverError | undefined;
  /** Whether short dates are day first: undefined while no date has settled it (`finish` then assumes one). */
  dayFirst(): boolean | undefined;
  /** The totals, once every row is in. Short dates no row settled take the default order. */
  finish(): ExportAggregate;
}

/** An aggregator for an export with this header row, or the error saying why it is none. */
export function startAggregator(
  arg: string,
  header: readonly unknown[],
  options: SumOptions = {},
  hooks: AggregatorHooks = {},
): ExportAggregator | LeverError {
  const format = exportFormatOf(arg, header);
  return isLeverError(format) ? format : exportAggregator(arg, format, header, options, hooks);
}

function exportAggregator(
  arg: string,
  format: ExportFormat,
  header: readonly unknown[],
  options: SumOptions,
  hooks: AggregatorHooks,
): ExportAggregator {
  const readAmount = hooks.amount ?? amountIn;
  const months = new Map<number, Map<string, MonthModel>>();
  /** Short dates no row has settled yet, by their text's parts, each with its totals by model. */
  let pending = new Map<string, { date: ShortDate; models: Map<string, MonthModel> }>();
  let dayFirst: boolean | undefined;
  /** The row that settled the short dates' order, and its value, for a message when a later row contradicts it. */
  let settledBy: { row: number; value: unknown } | undefined;
  let anyShort = false;
  let pendingDots = false;
  let rows = 0;
  let skipped = 0;
  let bothList = 0;
  let bothPaid = 0;
  let firstError: LeverError | undefined;
  const jsonModels = new Map<string, string | undefined>();
  let lastDay = NaN;
  let lastMonth = NaN;
  let lastDateText: string | undefined;
  let lastDate: DateCell | undefined;
  const dates = new Map<string, DateCell | undefined>();
  const matched = new Map<readonly string[], Map<string, boolean>>();

  const names = header.map(normalizeHeader);
  const index = (column: readonly string[] | undefined) => (column ? columnIndex(names, column) : -1);
  // Column names as messages show them: without a byte-order mark or stray spaces.
  const shown = header.map((h) =>
    typeof h === "string" ? h.replace(/^\uFEFF/, "").trim() : typeof h === "number" ? String(h) : "",
  );
  const f = format;
  const at: ColumnsAt = {
    date: index(f.date),
    model: f.model.map((c) => names.indexOf(squash(c))).filter((i) => i >= 0),
    json: index(f.modelInJson?.column),
    list: index(f.list?.column),
    paid: index(f.billed?.column),
    kind: index(f.usageOnly?.column),
    frequency: index(f.usageFrequency?.column),
    tokens: (f.tokens ?? []).map((t) => ({ kind: t.kind, at: index(t.column) })).filter((t) => t.at >= 0),
    included: (f.inputIncludes ?? []).map(index).filter((i) => i >= 0),
    batch: index(f.batch?.column),
  };

  /** A date cell read, remembered by its text (an export repeats each day's text on many rows). */
  const dateOf = (value: unknown): DateCell | undefined => {
    if (typeof value !== "string") return readDate(value, format.dateKind);
    if (value === lastDateText) return lastDate;
    let date = dates.get(value);
    if (date === undefined && !dates.has(value)) {
      date = readDate(value, format.dateKind);
      if (dates.size >= CACHE_LIMIT) dates.clear();
      dates.set(value, date);
    }
    lastDateText = value;
    lastDate = date;
    return date;
  };

  /** Whether a cell is one of a match's values, remembering each text's answer (a column of a few words). */
  const is = (value: unknown, values: readonly string[]): boolean => {
    if (typeof value !== "string") return matches(value, values);
    const cache = matched.get(values) ?? matched.set(values, new Map<string, boolean>()).get(values)!;
    let yes = cache.get(value);
    if (yes === undefined) {
      yes = matches(value, values);
      if (cache.size >= CACHE_LIMIT) cache.clear();
      cache.set(value, yes);
    }
    return yes;
  };

  /** The month of a day, remembering the last (rows come in runs of one day). */
  const monthOf = (day: number): number => {
    if (day !== lastDay) {
      lastDay = day;
      lastMonth = monthOfDay(day);
      hooks.day?.(day);
    }
    return lastMonth;
  };

  /** A month and model's totals, made when first met. */
  const totalsIn = (byModel: Map<string, MonthModel>, month: number, model: string): MonthModel => {
    let totals = byModel.get(model);
    if (!totals) byModel.set(model, (totals = emptyTotals(month, model)));
    return totals;
  };

  const bucket = (month: number, model: string): MonthModel => {
    let byModel = months.get(month);
    if (!byModel) months.set(month, (byModel = new Map<string, MonthModel>()));
    return totalsIn(byModel, month, model);
  };

  const pendingBucket = (date: ShortDate, model: string): MonthModel => {
    const key = `${date.first}/${date.second}/${date.year}`;
    let entry = pending.get(key);
    if (!entry) pending.set(key, (entry = { date, models: new Map() }));
    return totalsIn(entry.models, -1, model);
  };

  /** Moves the short dates waiting for their order into their months. */
  const settlePending = (first: boolean): void => {
    for (const { date, models } of pending.values()) {
      const day = shortDay(date, first)!;
      const month = monthOf(day);
      for (const [model, totals] of models) addInto(bucket(month, model), totals);
    }
    pending = new Map<string, { date: ShortDate; models: Map<string, MonthModel> }>();
  };

  /**
   * A short date's day once its column's order is known, undefined while no date has settled it,
   * or the error of a date that contradicts the order an earlier row settled.
   */
  const shortDate = (date: ShortDate, rowNumber: number, value: unknown): number | undefined | LeverError => {
    anyShort = true;
    if (dayFirst === undefined) {
      if (date.first > 12 || date.second > 12) {
        dayFirst = date.first > 12;
        settledBy = { row: rowNumber, value };
        settlePending(dayFirst);
      } else {
        if (pending.size === 0) pendingDots = date.dots;
        return undefined;
      }
    }
    const day = shortDay(date, dayFirst);
    if (day === undefined) {
      const by = settledBy!;
      return Errors.exportDateOrder(arg, rowNumber, shown[at.date]!, value, by.row, by.value);
    }
    return day;
  };

  /** A money cell in dollars (0 when blank or the column is absent), or its error. */
  const money = (
    cells: readonly unknown[],
    i: number,
    scale: number | undefined,
    rowNumber: number,
  ): number | LeverError => {
    if (i < 0) return 0;
    const amount = readAmount(cells[i]);
    if (amount === null) return 0;
    if (amount === undefined) {
      const error = Errors.exportAmount(arg, rowNumber, shown[i]!, cells[i]);
      firstError ??= error;
      return error;
    }
    return amount * scale!;
  };

  /** A row's token counts into its month; input less what a format counts inside it (OpenAI). */
  const addTokens = (cells: readonly unknown[], rowNumber: number, totals: MonthModel): LeverError | undefined => {
    const counts = noTokens();
    for (const { kind, at: i } of at.tokens) {
      const n = money(cells, i, 1, rowNumber);
      if (isLeverError(n)) return n;
      counts[kind] += n;
    }
    let inside = 0;
    for (const i of at.included) {
      const n = money(cells, i, 1, rowNumber);
      if (isLeverError(n)) return n;
      inside += n;
    }
    if (inside > 0) counts.input = Math.max(0, counts.input - inside);
    const batch = at.batch >= 0 && is(cells[at.batch], format.batch!.values);
    const into = batch ? totals.batchTokens : totals.tokens;
    for (const k of PRICE_KINDS) into[k] += counts[k];
    return undefined;
  };

  /** A row that is not usage (another charge kind, or a one-time usage charge): counted, not summed. */
  const skip = (cells: readonly unknown[], rowNumber: number, oneTime: boolean): undefined => {
    skipped++;
    hooks.skip?.(cells, rowNumber, oneTime);
    return undefined;
  };

  /** A row's model: the JSON key where the format keeps it there, else the first non-blank model column. */
  const modelName = (cells: readonly unknown[]): string => {
    const details = at.json >= 0 ? cells[at.json] : undefined;
    if (typeof details === "string" && details !== "") {
      let id = jsonModels.get(details);
      if (id === undefined && !jsonModels.has(details)) {
        id = jsonKey(details, format.modelInJson!.key);
        // SKU details repeat: remember each one's model (a bounded number of them).
        if (jsonModels.size < CACHE_LIMIT) jsonModels.set(details, id);
      }
      if (id !== undefined) return id;
    }
    for (const i of at.model) {
      const v = cells[i];
      if (typeof v === "string" && v.trim() !== "") return v.trim();
    }
    return NO_MODEL;
  };

  const add = (cells: readonly unknown[], rowNumber: number): LeverError | undefined => {
    // A row with a date is not blank; only a row without one is looked at cell by cell.
    if (isBlank(cells[at.date])) {
      let blank = true;
      for (let i = 0; i < cells.length; i++) {
        if (!isBlank(cells[i])) {
          blank = false;
          break;
        }
      }
      if (blank) return undefined;
    }
    if (at.kind >= 0 && !is(cells[at.kind], format.usageOnly!.values)) return skip(cells, rowNumber, false);
    if (at.frequency >= 0 && !is(cells[at.frequency], format.usageFrequency!.values)) {
      return skip(cells, rowNumber, true);
    }
    const dateValue = cells[at.date];
    const date = dateOf(dateValue);
    if (date === undefined) return Errors.exportDate(arg, rowNumber, shown[at.date]!, dateValue);
    const model = modelName(cells);
    let totals: MonthModel;
    if ("day" in date) {
      totals = bucket(monthOf(date.day), model);
    } else {
      const day = shortDate(date, rowNumber, dateValue);
      if (isLeverError(day)) return day;
      totals = day === undefined ? pendingBucket(date, model) : bucket(monthOf(day), model);
    }
    rows++;
    totals.rows++;
    const list = money(cells, at.list, format.list?.scale, rowNumber);
    const paid = money(cells, at.paid, format.billed?.scale, rowNumber);
    if (isLeverError(list)) totals.listError ??= list;
    else totals.list += list;
    if (isLeverError(paid)) totals.paidError ??= paid;
    else totals.paid += paid;
    // Only rows that carry both: a blank (or 0, what a blank is on Excel desktop) is not carried.
    if (!isLeverError(list) && !isLeverError(paid) && list !== 0 && paid !== 0) {
      bothList += list;
      bothPaid += paid;
    }
    if (at.tokens.length > 0) {
      const error = addTokens(cells, rowNumber, totals);
      if (error) totals.listError ??= error;
    }
    return undefined;
  };

  const finish = (): ExportAggregate => {
    let shortDates: ExportAggregate["shortDates"];
    if (anyShort) {
      const assumed = dayFirst === undefined;
      if (assumed) {
        dayFirst = pendingDots || options.dayFirst === true;
        settlePending(dayFirst);
      }
      shortDates = { dayFirst: dayFirst!, assumed };
    }
    const totals: MonthModel[] = [];
    for (const month of [...months.keys()].sort((a, b) => a - b)) {
      const byModel = months.get(month)!;
      for (const model of [...byModel.keys()].sort()) totals.push(byModel.get(model)!);
    }
    return {
      format,
      hasList: at.list >= 0,
      hasBilled: at.paid >= 0,
      totals,
      rows,
      skipped,
      ...(shortDates ? { shortDates } : {}),
      bothList,
      bothPaid,
      ...(firstError ? { firstError } : {}),
    };
  };

  return { format, at, add, dayFirst: () => dayFirst, finish };
}

/** One month and model's totals, none yet. */
function emptyTotals(month: number, model: string): MonthModel {
  return { month, model, list: 0, paid: 0, tokens: noTokens(), batchTokens: noTokens(), rows: 0 };
}

/** A key of a JSON object held in a cell, or undefined (not JSON, no such key). */
function jsonKey(text: string, key: string): string | undefined {
  try {
    const details: unknown = JSON.parse(text);
    const id = typeof details === "object" && details !== null ? (details as Record<string, unknown>)[key] : undefined;
    return typeof id === "string" && id.trim() !== "" ? id.trim() : undefined;
  } catch {
    return undefined; // Not JSON: the other columns name the model.
  }
}

/** The format a header row names, or the error saying why it is no export this reads. */
export function exportFormatOf(arg: string, header: readonly unknown[]): ExportFormat | LeverError {
  if (header.every((h) => normalizeHeader(h) === "")) return Errors.missing(arg);
  const format = recognizeExport(header);
  if (format) return format;
  return Errors.exportHeader(
    arg,
    header
      .filter((h) => normalizeHeader(h) !== "")
      .map((h) =>
        String(h)
          .replace(/^\uFEFF/, "")
          .trim(),
      ),
    EXPORT_FORMATS.map((f) => f.label),
  );
}

/** Adds a range's rows (header row first, rows numbered as the user counts them); the error that stops it, if any. */
export function addRows(
  aggregator: Pick<ExportAggregator, "add">,
  grid: readonly (readonly unknown[])[],
): LeverError | undefined {
  for (let r = 1; r < grid.length; r++) {
    const error = aggregator.add(grid[r]!, r + 1);
    if (error) return error;
  }
  return undefined;
}

/** Reads an export range (header row first) through the aggregator: what MONTHLY_USAGE and OBSERVED_DISCOUNT take. */
export function readExport(
  arg: string,
  grid: readonly (readonly unknown[])[],
  options: SumOptions = {},
): ExportAggregate | LeverError {
  const aggregator = startAggregator(arg, grid[0] ?? [], options);
  if (isLeverError(aggregator)) return aggregator;
  return addRows(aggregator, grid) ?? aggregator.finish();
}

/** List dollars of token counts at a model's row of the book (batch at its multiplier). */
function pricedTokens(row: PriceRow, totals: MonthModel): number {
  let full = 0;
  let batch = 0;
  for (const kind of PRICE_KINDS) {
    const price = priceOf(row, kind);
    full += (totals.tokens[kind] / 1e6) * price;
    batch += (totals.batchTokens[kind] / 1e6) * price;
  }
  return full + batch * row.batchMultiplier;
}

/**
 * The dollars each month and model stands for: list where the export has it, tokens priced with the
 * book where it has tokens, else billed; or the error of its cell.
 */
export function dollarsOf(read: ExportAggregate, book: PriceBook): (m: MonthModel) => number | LeverError {
  const priced = read.format.tokens !== undefined;
  const useList = !billedOnly(read.format);
  // A token-only export's models are looked up once each: an unknown one is the #N/A of its rows.
  const models = new Map<string, PriceRow | LeverError>();
  return (m) => {
    if (!priced) return (useList ? m.listError : m.paidError) ?? (useList ? m.list : m.paid);
    if (m.listError) return m.listError;
    if (m.model === NO_MODEL) return Errors.noModelInRows("export");
    let row = models.get(m.model);
    if (!row) models.set(m.model, (row = findModel(book, "export", m.model)));
    return isLeverError(row) ? row : pricedTokens(row, m);
  };
}

/** 1 - paid / list over the usage rows that carry both, for an export that has both columns. */
export function observedDiscount(read: ExportAggregate): number | LeverError {
  if (!read.hasList || !read.hasBilled) return Errors.noListAndBilled("export", read.format.label);
  if (read.firstError) return read.firstError;
  if (read.bothList <= 0) return Errors.exportNoUsage("export", read.format.label, read.skipped);
  return 1 - read.bothPaid / read.bothList;
}
