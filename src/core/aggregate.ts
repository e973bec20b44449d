/**
 * One aggregator for every export (DOMAIN.md "Usage from a vendor's export"): rows go in one at a
 * time (`add`), totals by month and model come out (`finish`). MONTHLY_USAGE over a pasted range and
 * the pane's streamed import of a file both run it, so the two can never disagree; it keeps the
 * totals, never the rows, so its memory is the size of the result whatever the size of the file.
 */
import { DateCell, monthOfDay, readDate, shortDay } from "./dates";
import { Errors, LeverError } from "./errors";
import { amountOf, isBlank } from "./exportCells";
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
  /** Amounts with a decimal comma (`0,85`, `1.250,50`), as a `;`-separated CSV writes them. */
  readonly decimalComma?: boolean;
}

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

/** Rows in, monthly totals out. Start it on a header row; `add` returns an error only when the whole read must stop. */
export class ExportAggregator {
  private readonly months = new Map<number, Map<string, MonthModel>>();
  /** Short dates no row has settled yet, by their text's parts, each with its totals by model. */
  private pending = new Map<string, { date: ShortDate; models: Map<string, MonthModel> }>();
  protected dayFirst: boolean | undefined;
  /** The row that settled the short dates' order, and its value, for a message when a later row contradicts it. */
  private settledBy: { row: number; value: unknown } | undefined;
  private anyShort = false;
  private pendingDots = false;
  private rows = 0;
  private skipped = 0;
  private bothList = 0;
  private bothPaid = 0;
  private firstError: LeverError | undefined;
  private readonly jsonModels = new Map<string, string | undefined>();
  private lastDay = NaN;
  private lastMonth = NaN;
  private lastDateText: string | undefined;
  private lastDate: DateCell | undefined;
  private readonly dates = new Map<string, DateCell | undefined>();
  private readonly matched = new Map<readonly string[], Map<string, boolean>>();

  protected readonly shown: string[];
  protected readonly at: {
    readonly date: number;
    readonly model: readonly number[];
    readonly json: number;
    readonly list: number;
    readonly paid: number;
    readonly kind: number;
    readonly frequency: number;
    readonly description: number;
    readonly cash: number;
    readonly commitmentKind: number;
    readonly commitmentEnd: number;
    readonly tokens: readonly { readonly kind: PriceKind; readonly at: number }[];
    readonly included: readonly number[];
    readonly batch: number;
  };

  constructor(
    protected readonly arg: string,
    readonly format: ExportFormat,
    header: readonly unknown[],
    protected readonly options: AggregateOptions = {},
  ) {
    const names = header.map(normalizeHeader);
    const index = (column: readonly string[] | undefined) => (column ? columnIndex(names, column) : -1);
    // Column names as messages show them: without a byte-order mark or stray spaces.
    this.shown = header.map((h) =>
      typeof h === "string" ? h.replace(/^\uFEFF/, "").trim() : typeof h === "number" ? String(h) : "",
    );
    const f = format;
    this.at = {
      date: index(f.date),
      model: f.model.map((c) => names.indexOf(squash(c))).filter((i) => i >= 0),
      json: index(f.modelInJson?.column),
      list: index(f.list?.column),
      paid: index(f.billed?.column),
      kind: index(f.usageOnly?.column),
      frequency: index(f.usageFrequency?.column),
      description: index(f.description),
      cash: index(f.cash?.column),
      commitmentKind: index(f.commitment?.kind.column),
      commitmentEnd: index(f.commitment?.end),
      tokens: (f.tokens ?? []).map((t) => ({ kind: t.kind, at: index(t.column) })).filter((t) => t.at >= 0),
      included: (f.inputIncludes ?? []).map(index).filter((i) => i >= 0),
      batch: index(f.batch?.column),
    };
  }

  /** An aggregator for an export with this header row, or the error saying why it is none. */
  static start(arg: string, header: readonly unknown[], options: AggregateOptions = {}): ExportAggregator | LeverError {
    const format = exportFormatOf(arg, header);
    return format instanceof LeverError ? format : new ExportAggregator(arg, format, header, options);
  }

  /** Usage rows read so far. */
  get usageRows(): number {
    return this.rows;
  }

  /**
   * Adds one row (`rowNumber` as the user counts it, the header being row 1). A row whose date
   * cannot be read stops the read (its month is unknown): that error is returned. An unreadable
   * amount is its own month's error, kept in the totals.
   */
  add(cells: readonly unknown[], rowNumber: number): LeverError | undefined {
    const { at, format } = this;
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
    if (at.kind >= 0 && !this.is(cells[at.kind], format.usageOnly!.values)) {
      return this.skip(cells, rowNumber, false);
    }
    if (at.frequency >= 0 && !this.is(cells[at.frequency], format.usageFrequency!.values)) {
      return this.skip(cells, rowNumber, true);
    }
    const dateValue = cells[at.date];
    const date = this.dateOf(dateValue);
    if (date === undefined) return this.dateError(rowNumber, dateValue);
    const model = this.modelName(cells);
    let bucket: MonthModel;
    if ("day" in date) {
      bucket = this.bucket(this.monthOf(date.day), model);
    } else {
      const day = this.shortDate(date, rowNumber, dateValue);
      if (day instanceof LeverError) return day;
      bucket = day === undefined ? this.pendingBucket(date, model) : this.bucket(this.monthOf(day), model);
    }
    this.rows++;
    bucket.rows++;
    const list = this.money(cells, at.list, format.list?.scale, rowNumber);
    const paid = this.money(cells, at.paid, format.billed?.scale, rowNumber);
    if (list instanceof LeverError) bucket.listError ??= list;
    else bucket.list += list;
    if (paid instanceof LeverError) bucket.paidError ??= paid;
    else bucket.paid += paid;
    // Only rows that carry both: a blank (or 0, what a blank is on Excel desktop) is not carried.
    if (!(list instanceof LeverError) && !(paid instanceof LeverError) && list !== 0 && paid !== 0) {
      this.bothList += list;
      this.bothPaid += paid;
    }
    if (at.tokens.length > 0) {
      const error = this.addTokens(cells, rowNumber, bucket);
      if (error) bucket.listError ??= error;
    }
    return undefined;
  }

  /** A date cell read, remembered by its text (an export repeats each day's text on many rows). */
  private dateOf(value: unknown): DateCell | undefined {
    if (typeof value !== "string") return readDate(value, this.format.dateKind);
    if (value === this.lastDateText) return this.lastDate;
    let date = this.dates.get(value);
    if (date === undefined && !this.dates.has(value)) {
      date = readDate(value, this.format.dateKind);
      if (this.dates.size >= CACHE_LIMIT) this.dates.clear();
      this.dates.set(value, date);
    }
    this.lastDateText = value;
    this.lastDate = date;
    return date;
  }

  /** Whether a cell is one of a match's values, remembering each text's answer (a column of a few words). */
  private is(value: unknown, values: readonly string[]): boolean {
    if (typeof value !== "string") return matches(value, values);
    const cache = this.matched.get(values) ?? this.matched.set(values, new Map<string, boolean>()).get(values)!;
    let yes = cache.get(value);
    if (yes === undefined) {
      yes = matches(value, values);
      if (cache.size >= CACHE_LIMIT) cache.clear();
      cache.set(value, yes);
    }
    return yes;
  }

  /** The month of a day, remembering the last (rows come in runs of one day). */
  private monthOf(day: number): number {
    if (day !== this.lastDay) {
      this.lastDay = day;
      this.lastMonth = monthOfDay(day);
      this.sawDay(day);
    }
    return this.lastMonth;
  }

  /** A usage row's day, each time it differs from the row before's (the import notes the newest). */
  protected sawDay(day: number): void {
    void day;
  }

  private dateError(rowNumber: number, value: unknown): LeverError {
    return Errors.exportDate(this.arg, rowNumber, this.shown[this.at.date]!, value);
  }

  /**
   * A short date's day once its column's order is known, undefined while no date has settled it,
   * or the error of a date that contradicts the order an earlier row settled.
   */
  private shortDate(date: ShortDate, rowNumber: number, value: unknown): number | undefined | LeverError {
    this.anyShort = true;
    if (this.dayFirst === undefined) {
      if (date.first > 12 || date.second > 12) {
        this.dayFirst = date.first > 12;
        this.settledBy = { row: rowNumber, value };
        this.settlePending(this.dayFirst);
      } else {
        if (this.pending.size === 0) this.pendingDots = date.dots;
        return undefined;
      }
    }
    const day = shortDay(date, this.dayFirst);
    if (day === undefined) {
      const by = this.settledBy!;
      return Errors.exportDateOrder(this.arg, rowNumber, this.shown[this.at.date]!, value, by.row, by.value);
    }
    return day;
  }

  /** Moves the short dates waiting for their order into their months. */
  private settlePending(dayFirst: boolean): void {
    for (const { date, models } of this.pending.values()) {
      const day = shortDay(date, dayFirst)!;
      const month = this.monthOf(day);
      for (const [model, totals] of models) addInto(this.bucket(month, model), totals);
    }
    this.pending = new Map<string, { date: ShortDate; models: Map<string, MonthModel> }>();
  }

  private static empty(month: number, model: string): MonthModel {
    return { month, model, list: 0, paid: 0, tokens: noTokens(), batchTokens: noTokens(), rows: 0 };
  }

  private bucket(month: number, model: string): MonthModel {
    let byModel = this.months.get(month);
    if (!byModel) this.months.set(month, (byModel = new Map<string, MonthModel>()));
    let totals = byModel.get(model);
    if (!totals) byModel.set(model, (totals = ExportAggregator.empty(month, model)));
    return totals;
  }

  private pendingBucket(date: ShortDate, model: string): MonthModel {
    const key = `${date.first}/${date.second}/${date.year}`;
    let entry = this.pending.get(key);
    if (!entry) this.pending.set(key, (entry = { date, models: new Map() }));
    let totals = entry.models.get(model);
    if (!totals) entry.models.set(model, (totals = ExportAggregator.empty(-1, model)));
    return totals;
  }

  /** A money cell in dollars (0 when blank or the column is absent), or its error. */
  private money(
    cells: readonly unknown[],
    at: number,
    scale: number | undefined,
    rowNumber: number,
  ): number | LeverError {
    if (at < 0) return 0;
    const amount = amountOf(cells[at], this.options.decimalComma);
    if (amount === null) return 0;
    if (amount === undefined) {
      const error = Errors.exportAmount(this.arg, rowNumber, this.shown[at]!, cells[at]);
      this.firstError ??= error;
      return error;
    }
    return amount * scale!;
  }

  /** A row's token counts into its month; input less what a format counts inside it (OpenAI). */
  private addTokens(cells: readonly unknown[], rowNumber: number, bucket: MonthModel): LeverError | undefined {
    const { at } = this;
    const counts = noTokens();
    for (const { kind, at: i } of at.tokens) {
      const n = this.money(cells, i, 1, rowNumber);
      if (n instanceof LeverError) return n;
      counts[kind] += n;
    }
    let inside = 0;
    for (const i of at.included) {
      const n = this.money(cells, i, 1, rowNumber);
      if (n instanceof LeverError) return n;
      inside += n;
    }
    if (inside > 0) counts.input = Math.max(0, counts.input - inside);
    const batch = at.batch >= 0 && this.is(cells[at.batch], this.format.batch!.values);
    const into = batch ? bucket.batchTokens : bucket.tokens;
    for (const k of PRICE_KINDS) into[k] += counts[k];
    return undefined;
  }

  /**
   * A row that is not usage (another charge kind, or a one-time usage charge): counted, not summed.
   * The import's aggregator also reports its kind, amount and description (importAggregate.ts).
   */
  protected skip(cells: readonly unknown[], rowNumber: number, oneTime: boolean): undefined {
    void [cells, rowNumber, oneTime];
    this.skipped++;
    return undefined;
  }

  /** A row's model: the JSON key where the format keeps it there, else the first non-blank model column. */
  private modelName(cells: readonly unknown[]): string {
    const { at, format } = this;
    const details = at.json >= 0 ? cells[at.json] : undefined;
    if (typeof details === "string" && details !== "") {
      let id = this.jsonModels.get(details);
      if (id === undefined && !this.jsonModels.has(details)) {
        id = jsonKey(details, format.modelInJson!.key);
        // SKU details repeat: remember each one's model (a bounded number of them).
        if (this.jsonModels.size < CACHE_LIMIT) this.jsonModels.set(details, id);
      }
      if (id !== undefined) return id;
    }
    for (const i of at.model) {
      const v = cells[i];
      if (typeof v === "string" && v.trim() !== "") return v.trim();
    }
    return NO_MODEL;
  }

  /** The totals, once every row is in. Short dates no row settled take the default order. */
  finish(): ExportAggregate {
    let shortDates: ExportAggregate["shortDates"];
    if (this.anyShort) {
      const assumed = this.dayFirst === undefined;
      if (assumed) {
        this.dayFirst = this.pendingDots || this.options.dayFirst === true;
        this.settlePending(this.dayFirst);
      }
      shortDates = { dayFirst: this.dayFirst!, assumed };
    }
    const totals: MonthModel[] = [];
    for (const month of [...this.months.keys()].sort((a, b) => a - b)) {
      const byModel = this.months.get(month)!;
      for (const model of [...byModel.keys()].sort()) totals.push(byModel.get(model)!);
    }
    return {
      format: this.format,
      hasList: this.at.list >= 0,
      hasBilled: this.at.paid >= 0,
      totals,
      rows: this.rows,
      skipped: this.skipped,
      ...(shortDates ? { shortDates } : {}),
      bothList: this.bothList,
      bothPaid: this.bothPaid,
      ...(this.firstError ? { firstError: this.firstError } : {}),
    };
  }
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
export function addRows(aggregator: ExportAggregator, grid: readonly (readonly unknown[])[]): LeverError | undefined {
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
  options: AggregateOptions = {},
): ExportAggregate | LeverError {
  const aggregator = ExportAggregator.start(arg, grid[0] ?? [], options);
  if (aggregator instanceof LeverError) return aggregator;
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
    return row instanceof LeverError ? row : pricedTokens(row, m);
  };
}

/** 1 - paid / list over the usage rows that carry both, for an export that has both columns. */
export function observedDiscount(read: ExportAggregate): number | LeverError {
  if (!read.hasList || !read.hasBilled) return Errors.noListAndBilled("export", read.format.label);
  if (read.firstError) return read.firstError;
  if (read.bothList <= 0) return Errors.exportNoUsage("export", read.format.label, read.skipped);
  return 1 - read.bothPaid / read.bothList;
}
