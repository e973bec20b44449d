/**
 * The import's aggregator (issue "A year of real exports"): the core's one aggregator, whose sums
 * MONTHLY_USAGE shares, plus what only the pane's import reports: rows skipped by kind with their
 * amounts, one-time usage charges with their descriptions, the commitment an export states, the
 * newest usage day (for provisional months), and the pane's monthly table. Kept apart so Excel's
 * functions bundle carries none of it.
 */
import { Errors, isLeverError, LeverError } from "./errors";
import {
  addRows,
  AggregateOptions,
  dollarsOf,
  ExportAggregate,
  ExportAggregator,
  noTokens,
  observedDiscount,
  startAggregator,
  Tokens,
} from "./aggregate";
import { DateCell, dayLabel, lastDayOfMonth, monthLabel, readDate, shortDay } from "./dates";
import { amountOf } from "./exportCells";
import { billedOnly, columnIndex, ExportFormat, matches, normalizeHeader } from "./exports";
import { PRICE_KINDS, PriceBook } from "./pricebook";

/** Rows of one kind of charge that is not usage (Tax, Credit, Purchase, Adjustment, a one-time usage charge). */
export interface SkippedKind {
  readonly kind: string;
  rows: number;
  /** Their cash amount where the export states one (FOCUS `BilledCost`), else their paid or list amount. */
  amount: number;
}

/** A one-time usage charge, reported (not counted): an unused-commitment fee, a true-up. */
export interface OneTimeCharge {
  readonly description: string;
  readonly date: string;
  readonly amount: number;
}

/** The commitment an export states (a FOCUS `Purchase` of a `Spend` commitment). */
export interface StatedCommitment {
  readonly amount: number;
  readonly start: string;
  readonly end: string;
  /** Whole months from start to end. */
  readonly months: number;
}

/** The one-time charges reported one by one; past this many only their count and total are kept. */
export const ONE_TIME_LISTED = 20;
/** Kinds of skipped rows kept apart; past this many they are counted under "other". */
const KINDS_KEPT = 20;

/** What the import knows of an export beyond its sums. */
export interface ImportAggregate extends ExportAggregate {
  readonly skippedKinds: readonly SkippedKind[];
  readonly oneTime: readonly OneTimeCharge[];
  readonly commitment?: StatedCommitment;
  /** The newest day of a usage row (days since 1970-01-01). */
  readonly newestDay?: number;
}

type Column = ExportFormat["date"];
type Match = NonNullable<ExportFormat["usageOnly"]>;

/** The columns of a format that only the import reads (none of the sums need them). */
export interface ReportedColumns {
  /** A skipped row's description (FOCUS `ChargeDescription`), for the report. */
  readonly description?: Column;
  /** A skipped row's cash amount (FOCUS `BilledCost`), for the report; else its paid, else its list amount. */
  readonly cash?: NonNullable<ExportFormat["list"]>;
  /**
   * A row that is the commitment itself (FOCUS `Purchase` of a `Spend` commitment discount): its cash
   * amount over its charge period (from the date column to `end`), offered as the draft's commit.
   */
  readonly commitment?: { readonly category: Match; readonly kind: Match; readonly end: Column };
}

/**
 * The reported columns by format id (core/exports.ts has the rest of each format). Kept here, not in
 * EXPORT_FORMATS, so that Excel's functions bundle carries none of them.
 */
export const REPORTED_COLUMNS: Readonly<Record<string, ReportedColumns>> = {
  focus: {
    description: ["chargedescription"],
    cash: { column: ["billedcost"], scale: 1 },
    commitment: {
      category: { column: ["chargecategory"], values: ["purchase"] },
      kind: { column: ["commitmentdiscountcategory"], values: ["spend"] },
      end: ["chargeperiodend"],
    },
  },
};

/** The aggregator the pane's import runs: the same sums (the core's aggregator), and the report of what was not summed. */
export class ImportAggregator {
  private readonly kinds = new Map<string, SkippedKind>();
  private readonly oneTime: OneTimeCharge[] = [];
  private commitmentCells: { amount: number; start: DateCell | undefined; end: DateCell | undefined } | undefined;
  private newestDay: number | undefined;
  private readonly reported: ReportedColumns;
  /** Where the reported columns are in the header (-1: absent). */
  private readonly reportedAt: {
    readonly description: number;
    readonly cash: number;
    readonly commitmentKind: number;
    readonly commitmentEnd: number;
  };

  private constructor(
    private readonly sums: ExportAggregator,
    header: readonly unknown[],
    private readonly options: AggregateOptions,
  ) {
    const reported = (this.reported = REPORTED_COLUMNS[sums.format.id] ?? {});
    const names = header.map(normalizeHeader);
    const index = (column: Column | undefined) => (column ? columnIndex(names, column) : -1);
    this.reportedAt = {
      description: index(reported.description),
      cash: index(reported.cash?.column),
      commitmentKind: index(reported.commitment?.kind.column),
      commitmentEnd: index(reported.commitment?.end),
    };
  }

  /** An aggregator for an export with this header row, or the error saying why it is none. */
  static start(arg: string, header: readonly unknown[], options: AggregateOptions = {}): ImportAggregator | LeverError {
    let self: ImportAggregator | undefined;
    const sums = startAggregator(arg, header, options, {
      skip: (cells, rowNumber, oneTime) => self!.skip(cells, rowNumber, oneTime),
      day: (day) => self!.sawDay(day),
      // A ";"-separated CSV's decimal commas; else the core's own reader (a decimal point).
      amount: options.decimalComma ? (value) => amountOf(value, true) : undefined,
    });
    return isLeverError(sums) ? sums : (self = new ImportAggregator(sums, header, options));
  }

  /** Adds one row, as the core's aggregator does (`ExportAggregator.add`). */
  add(cells: readonly unknown[], rowNumber: number): LeverError | undefined {
    return this.sums.add(cells, rowNumber);
  }

  /** The columns the aggregator reads (a streamed reader need make strings of no others). */
  get columnsRead(): number[] {
    const { reportedAt } = this;
    const { at } = this.sums;
    const out = [at.date, at.json, at.list, at.paid, at.kind, at.frequency, reportedAt.description, reportedAt.cash];
    out.push(reportedAt.commitmentKind, reportedAt.commitmentEnd, at.batch);
    for (const m of at.model) out.push(m);
    for (const t of at.tokens) out.push(t.at);
    for (const i of at.included) out.push(i);
    return out.filter((i) => i >= 0);
  }

  /** The date column: a row is blank only if this cell is. */
  get dateColumn(): number {
    return this.sums.at.date;
  }

  /** A usage row's day, each time it differs from the row before's: the newest is kept. */
  private sawDay(day: number): void {
    if (this.newestDay === undefined || day > this.newestDay) this.newestDay = day;
  }

  /** A row that is not usage: counted by kind with its amount; a one-time usage charge listed; a commitment kept. */
  private skip(cells: readonly unknown[], rowNumber: number, oneTime: boolean): void {
    const { reported, reportedAt } = this;
    const { at, format } = this.sums;
    const amountAt = reportedAt.cash >= 0 ? reportedAt.cash : at.paid >= 0 ? at.paid : at.list;
    const read = amountAt >= 0 ? amountOf(cells[amountAt], this.options.decimalComma) : null;
    const amount = typeof read === "number" ? read * (reportedAt.cash >= 0 ? reported.cash!.scale : 1) : 0;
    // A usage row of another frequency: "One-time usage charge" (FOCUS One-Time), else its frequency named.
    const frequency = at.frequency >= 0 ? cellText(cells[at.frequency]) : "";
    const raw = !oneTime
      ? cellText(cells[at.kind])
      : matches(frequency, ["onetime"])
        ? "One-time usage charge"
        : `Usage charged ${frequency === "" ? "with no frequency" : frequency}`;
    const label = raw === "" ? "(blank)" : raw;
    let kind = this.kinds.get(label.toLowerCase());
    if (!kind) {
      const key = this.kinds.size < KINDS_KEPT ? label.toLowerCase() : "other";
      kind = this.kinds.get(key);
      if (!kind) this.kinds.set(key, (kind = { kind: key === "other" ? "Other charges" : label, rows: 0, amount: 0 }));
    }
    kind.rows++;
    kind.amount += amount;
    if (oneTime && this.oneTime.length < ONE_TIME_LISTED) {
      const date = readDate(cells[at.date], format.dateKind);
      const description = reportedAt.description >= 0 ? cellText(cells[reportedAt.description]) : "";
      this.oneTime.push({
        description: description || `row ${rowNumber}`,
        date: date && "day" in date ? dayLabel(date.day) : cellText(cells[at.date]),
        amount,
      });
    }
    const c = reported.commitment;
    if (
      c &&
      !this.commitmentCells &&
      matches(cells[at.kind], c.category.values) &&
      reportedAt.commitmentKind >= 0 &&
      matches(cells[reportedAt.commitmentKind], c.kind.values) &&
      amount > 0
    ) {
      this.commitmentCells = {
        amount,
        start: readDate(cells[at.date], format.dateKind),
        end: reportedAt.commitmentEnd >= 0 ? readDate(cells[reportedAt.commitmentEnd], format.dateKind) : undefined,
      };
    }
  }

  /** The sums and the report, once every row is in. */
  finish(): ImportAggregate {
    const read = this.sums.finish();
    const commitment = this.commitment();
    return {
      ...read,
      skippedKinds: [...this.kinds.values()],
      oneTime: this.oneTime,
      ...(commitment ? { commitment } : {}),
      ...(this.newestDay !== undefined ? { newestDay: this.newestDay } : {}),
    };
  }

  private commitment(): StatedCommitment | undefined {
    const c = this.commitmentCells;
    if (!c) return undefined;
    const dayOf = (d: DateCell | undefined) =>
      d === undefined
        ? undefined
        : "day" in d
          ? d.day
          : shortDay(d, this.sums.dayFirst() ?? this.options.dayFirst === true);
    const start = dayOf(c.start);
    const end = dayOf(c.end);
    if (start === undefined || end === undefined || end <= start) return undefined;
    // Whole months from start to end: 2025-12-01 to 2026-12-01 is 12.
    const months = Math.max(1, Math.round((end - start) / (365.25 / 12)));
    return { amount: c.amount, start: dayLabel(start), end: dayLabel(end), months };
  }
}

/** A cell as text for a report: text trimmed, a number as written, anything else blank. */
function cellText(value: unknown): string {
  return typeof value === "string" ? value.trim() : typeof value === "number" ? String(value) : "";
}

/** Reads a range (header row first) as the import does: sums and the report. */
export function readImport(
  arg: string,
  grid: readonly (readonly unknown[])[],
  options: AggregateOptions = {},
): ImportAggregate | LeverError {
  const aggregator = ImportAggregator.start(arg, grid[0] ?? [], options);
  if (isLeverError(aggregator)) return aggregator;
  return addRows(aggregator, grid) ?? aggregator.finish();
}

/** A month and model of the pane's monthly table: what the export says of it, in dollars and tokens. */
export interface MonthRow {
  /** "2026-10". */
  readonly month: string;
  readonly model: string;
  /** List dollars (tokens priced with the book for a token-only export); absent for a billed-only export. */
  readonly list?: number;
  /** What was paid: billed dollars, FOCUS's EffectiveCost; absent when the export states none. */
  readonly paid?: number;
  /** Token counts by kind (batch rows included), for a token export. */
  readonly tokens?: Tokens;
  readonly rows: number;
  /** The month ends less than 30 days before the export's newest date: the vendor may still revise it. */
  readonly provisional: boolean;
}

/** What the pane writes and says of an import: small, whatever the size of the file. */
export interface ExportSummary {
  readonly formatId: string;
  readonly format: string;
  readonly billedOnly: boolean;
  readonly rows: number;
  readonly skipped: number;
  readonly skippedKinds: readonly SkippedKind[];
  readonly oneTime: readonly OneTimeCharge[];
  readonly commitment?: StatedCommitment;
  readonly months: readonly MonthRow[];
  readonly models: readonly string[];
  readonly listTotal?: number;
  readonly paidTotal?: number;
  readonly observedDiscount?: number;
  readonly provisional: readonly string[];
  readonly newestDate?: string;
  readonly shortDates?: { readonly dayFirst: boolean; readonly assumed: boolean };
  /** What every monthly column adds (an older format's assumption). */
  readonly note?: string;
}

/** Days before the export's newest date within which a month's end makes it provisional (DOMAIN.md). */
export const PROVISIONAL_DAYS = 30;

/**
 * Whether a month (a count: year * 12 + month - 1) ends less than PROVISIONAL_DAYS before the
 * export's newest day: the vendor may still revise it (DOMAIN.md "Usage from a vendor's export").
 */
export function isProvisional(month: number, newestDay: number): boolean {
  return newestDay - lastDayOfMonth(month) < PROVISIONAL_DAYS;
}

/**
 * An aggregate as the pane's monthly table: one row per month and model. An unreadable amount
 * anywhere, or a model the book cannot price, is the error of the whole import (nothing half imported).
 */
export function summarize(read: ImportAggregate, book: PriceBook): ExportSummary | LeverError {
  if (read.firstError) return read.firstError;
  if (read.rows === 0) return Errors.exportNoUsage("export", read.format.label, read.skipped);
  const dollars = dollarsOf(read, book);
  const priced = read.format.tokens !== undefined;
  const billed = billedOnly(read.format);
  const models = new Map<string, number>();
  let listTotal = 0;
  let paidTotal = 0;
  const months: MonthRow[] = [];
  const provisional = new Set<string>();
  for (const m of read.totals) {
    const amount = dollars(m);
    if (isLeverError(amount)) return amount;
    const list = billed ? undefined : amount;
    const paid = read.hasBilled ? m.paid : undefined;
    const late = read.newestDay !== undefined && isProvisional(m.month, read.newestDay);
    const label = monthLabel(m.month);
    if (late) provisional.add(label);
    let tokens: Tokens | undefined;
    if (priced) {
      tokens = noTokens();
      for (const k of PRICE_KINDS) tokens[k] = m.tokens[k] + m.batchTokens[k];
    }
    months.push({
      month: label,
      model: m.model,
      ...(list !== undefined ? { list } : {}),
      ...(paid !== undefined ? { paid } : {}),
      ...(tokens ? { tokens } : {}),
      rows: m.rows,
      provisional: late,
    });
    models.set(m.model, (models.get(m.model) ?? 0) + amount);
    listTotal += list ?? 0;
    paidTotal += paid ?? 0;
  }
  // The observed discount as OBSERVED_DISCOUNT over the monthly table the pane writes gives it
  // (month and model cells that carry both amounts), so the pane and the workbook show one figure.
  let bothList = 0;
  let bothPaid = 0;
  for (const m of months) {
    if (!m.list || !m.paid) continue;
    bothList += m.list;
    bothPaid += m.paid;
  }
  const observed = read.hasList && read.hasBilled && bothList > 0 ? 1 - bothPaid / bothList : observedDiscount(read);
  return {
    formatId: read.format.id,
    format: read.format.label,
    billedOnly: billed,
    rows: read.rows,
    skipped: read.skipped,
    skippedKinds: read.skippedKinds,
    oneTime: read.oneTime,
    ...(read.commitment ? { commitment: read.commitment } : {}),
    months,
    models: [...models.keys()].sort((a, b) => models.get(b)! - models.get(a)! || a.localeCompare(b, "en")),
    ...(billed ? {} : { listTotal }),
    ...(read.hasBilled ? { paidTotal } : {}),
    ...(typeof observed === "number" ? { observedDiscount: observed } : {}),
    provisional: [...provisional],
    ...(read.newestDay !== undefined ? { newestDate: dayLabel(read.newestDay) } : {}),
    ...(read.shortDates ? { shortDates: read.shortDates } : {}),
    ...(read.format.note ? { note: read.format.note } : {}),
  };
}
