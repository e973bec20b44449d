/**
 * A vendor's usage or cost export, as a range with its header row, read into monthly dollars
 * (DOMAIN.md "Usage from a vendor's export"; the shapes are in EXPORTS.md). The format is
 * recognized from the header, tolerant of case, spaces, punctuation, a byte-order mark and column
 * order. Money is read in the unit each source states (cents stay cents until divided by 100).
 * Months are calendar months in UTC.
 *
 * Exports that carry dollars (list, billed or both) are read as they state them; token-only exports
 * are priced with the price book per token kind (uncached input, 5-minute and 1-hour cache writes,
 * cache reads, output), batch rows at the book's batch multiplier.
 */
import { Errors, LeverError } from "./errors";
import type { PriceKind } from "./pricebook";

/** A column as the header names it, several spellings allowed (already normalized). */
type Column = readonly string[];

/** A column and the values (normalized as headers are) that match. */
interface Match {
  readonly column: Column;
  readonly values: readonly string[];
}

interface Money {
  readonly column: Column;
  /** Dollars per unit of the column: 0.01 for cents. */
  readonly scale: number;
}

export interface ExportFormat {
  readonly id: string;
  /** What the user calls it, in messages and the pane. */
  readonly label: string;
  /** Columns that must all be present. */
  readonly needs: readonly Column[];
  /** Columns that must be absent (an older generation of a format). */
  readonly without?: readonly Column[];
  readonly date: Column;
  /** Calendar dates (ISO text, date-time text, Excel serials) or Unix seconds. */
  readonly dateKind: "calendar" | "unixSeconds";
  /** Where the model is, in order of preference; FOCUS's is inside SkuPriceDetails (JSON). */
  readonly model: Column;
  readonly modelInJson?: { readonly column: Column; readonly key: string };
  readonly list?: Money;
  readonly billed?: Money;
  /** Rows counted as usage: the column and its usage values; other rows are skipped and counted by kind. */
  readonly usageOnly?: Match;
  /**
   * Where the column exists, usage rows must also have one of these values (FOCUS `ChargeFrequency`
   * = Usage-Based): a one-time usage charge (an unused-commitment fee, a true-up) is no consumption;
   * it is skipped and reported with its description and amount.
   */
  readonly usageFrequency?: Match;
  /** A skipped row's description (FOCUS `ChargeDescription`), for the report. */
  readonly description?: Column;
  /** A skipped row's cash amount (FOCUS `BilledCost`), for the report; else its paid, else its list amount. */
  readonly cash?: Money;
  /**
   * A row that is the commitment itself (FOCUS `Purchase` of a `Spend` commitment discount): its cash
   * amount over its charge period (from the date column to `end`), offered as the draft's commit.
   */
  readonly commitment?: { readonly category: Match; readonly kind: Match; readonly end: Column };
  /** A token-only export: token counts (not MTok) by price kind, priced with the price book. */
  readonly tokens?: readonly { readonly column: Column; readonly kind: PriceKind }[];
  /** OpenAI counts cached and cache-write tokens inside its input count: those are taken out of input. */
  readonly inputIncludes?: readonly Column[];
  /** Rows priced at the batch multiplier: the column and its batch values. */
  readonly batch?: { readonly column: Column; readonly values: readonly string[] };
  /** What every column's header adds, where the format makes an assumption the user should see. */
  readonly note?: string;
}

const LIST_SPELLINGS = ["list", "list_dollars", "list_usd", "list_cost", "list_price", "list_price_usd", "list_amount"];
const PAID_SPELLINGS = ["paid", "paid_dollars", "paid_usd", "billed", "billed_dollars", "billed_usd"];

/** The formats read, most specific first (the first whose columns are all there is the one). */
export const EXPORT_FORMATS: readonly ExportFormat[] = [
  {
    id: "anthropic-analytics-cost",
    label: "Anthropic Usage & Cost Analytics cost report",
    needs: [["starting_at"], ["cost_list_amount", "list_amount"]],
    date: ["starting_at"],
    dateKind: "calendar",
    model: ["group_model", "model"],
    list: { column: ["cost_list_amount", "list_amount"], scale: 0.01 },
    billed: { column: ["cost_amount", "amount"], scale: 0.01 },
  },
  {
    id: "anthropic-console-cost",
    label: "Anthropic Console cost CSV",
    needs: [["usage_date_utc"], ["cost_usd"], ["list_price_usd"]],
    date: ["usage_date_utc"],
    dateKind: "calendar",
    model: ["model"],
    list: { column: ["list_price_usd"], scale: 1 },
    billed: { column: ["cost_usd"], scale: 1 },
  },
  {
    id: "anthropic-console-cost-billed",
    label: "Anthropic Console cost CSV (older, billed only)",
    needs: [["usage_date_utc"], ["cost_usd"]],
    without: [["list_price_usd"]],
    date: ["usage_date_utc"],
    dateKind: "calendar",
    model: ["model"],
    billed: { column: ["cost_usd"], scale: 1 },
  },
  {
    id: "focus",
    label: "FOCUS cost and usage CSV",
    needs: [["chargeperiodstart"], ["chargecategory"], ["listcost"]],
    date: ["chargeperiodstart"],
    dateKind: "calendar",
    model: ["resourcename", "skuid"],
    modelInJson: { column: ["skupricedetails"], key: "ModelId" },
    list: { column: ["listcost"], scale: 1 },
    // What the usage cost at the negotiated terms: EffectiveCost (amortized). BilledCost is cash, 0
    // for usage drawn from a prepaid commitment (EXPORTS.md "FOCUS"); it is read where EffectiveCost is absent.
    billed: { column: ["effectivecost", "billedcost"], scale: 1 },
    usageOnly: { column: ["chargecategory"], values: ["usage"] },
    usageFrequency: { column: ["chargefrequency"], values: ["usagebased"] },
    description: ["chargedescription"],
    cash: { column: ["billedcost"], scale: 1 },
    commitment: {
      category: { column: ["chargecategory"], values: ["purchase"] },
      kind: { column: ["commitmentdiscountcategory"], values: ["spend"] },
      end: ["chargeperiodend"],
    },
  },
  {
    id: "anthropic-console-usage-older",
    label: "Anthropic Console usage CSV (older: one cache-write column)",
    needs: [["usage_date_utc"], ["usage_output_tokens"], ["usage_input_tokens_cache_write"]],
    without: [["usage_input_tokens_cache_write_5m"]],
    date: ["usage_date_utc"],
    dateKind: "calendar",
    model: ["model_version", "model"],
    tokens: [
      { column: ["usage_input_tokens_no_cache"], kind: "input" },
      // No 5-minute / 1-hour split: priced as 5-minute writes, and every column says so (EXPORTS.md).
      { column: ["usage_input_tokens_cache_write"], kind: "cache_write" },
      { column: ["usage_input_tokens_cache_read"], kind: "cache_read" },
      { column: ["usage_output_tokens"], kind: "output" },
    ],
    batch: { column: ["usage_type"], values: ["batch"] },
    note: " (cache writes at the 5-minute rate)",
  },
  {
    id: "anthropic-console-usage",
    label: "Anthropic Console usage CSV",
    needs: [["usage_date_utc"], ["usage_output_tokens"]],
    date: ["usage_date_utc"],
    dateKind: "calendar",
    model: ["model_version", "model"],
    tokens: [
      { column: ["usage_input_tokens_no_cache"], kind: "input" },
      { column: ["usage_input_tokens_cache_write_5m"], kind: "cache_write" },
      { column: ["usage_input_tokens_cache_write_1h"], kind: "cache_write_1h" },
      { column: ["usage_input_tokens_cache_read"], kind: "cache_read" },
      { column: ["usage_output_tokens"], kind: "output" },
    ],
    batch: { column: ["usage_type"], values: ["batch"] },
  },
  {
    id: "anthropic-analytics-usage",
    label: "Anthropic Usage & Cost Analytics usage report",
    needs: [["starting_at"], ["usage_output_tokens"]],
    date: ["starting_at"],
    dateKind: "calendar",
    model: ["group_model", "model"],
    tokens: [
      { column: ["usage_uncached_input_tokens"], kind: "input" },
      { column: ["usage_cache_creation_ephemeral_5m_input_tokens"], kind: "cache_write" },
      { column: ["usage_cache_creation_ephemeral_1h_input_tokens"], kind: "cache_write_1h" },
      { column: ["usage_cache_read_input_tokens"], kind: "cache_read" },
      { column: ["usage_output_tokens"], kind: "output" },
    ],
    batch: { column: ["group_service_tier", "service_tier"], values: ["batch"] },
  },
  {
    id: "anthropic-usage-report",
    label: "Anthropic Admin API usage report",
    needs: [["starting_at"], ["uncached_input_tokens"], ["output_tokens"]],
    date: ["starting_at"],
    dateKind: "calendar",
    model: ["model"],
    tokens: [
      { column: ["uncached_input_tokens"], kind: "input" },
      { column: ["cache_creation_ephemeral_5m_input_tokens"], kind: "cache_write" },
      { column: ["cache_creation_ephemeral_1h_input_tokens"], kind: "cache_write_1h" },
      { column: ["cache_read_input_tokens"], kind: "cache_read" },
      { column: ["output_tokens"], kind: "output" },
    ],
    batch: { column: ["service_tier"], values: ["batch"] },
  },
  {
    id: "openai-usage",
    label: "OpenAI organization completions usage",
    needs: [["start_time", "bucket_start_time"], ["input_tokens"], ["output_tokens"]],
    date: ["start_time", "bucket_start_time"],
    dateKind: "unixSeconds",
    model: ["model"],
    tokens: [
      { column: ["input_tokens"], kind: "input" },
      { column: ["input_cached_tokens"], kind: "cache_read" },
      { column: ["input_cache_write_tokens"], kind: "cache_write" },
      { column: ["output_tokens"], kind: "output" },
    ],
    inputIncludes: [["input_cached_tokens"], ["input_cache_write_tokens"]],
    batch: { column: ["batch"], values: ["true", "1"] },
  },
  {
    id: "anthropic-cost-report",
    label: "Anthropic Admin API cost report (billed only)",
    needs: [["starting_at"], ["amount"], ["cost_type"]],
    date: ["starting_at"],
    dateKind: "calendar",
    model: ["model", "description"],
    billed: { column: ["amount"], scale: 0.01 },
  },
  {
    id: "openai-costs",
    label: "OpenAI organization costs (billed only)",
    needs: [["start_time", "bucket_start_time"], ["amount_value"]],
    date: ["start_time", "bucket_start_time"],
    dateKind: "unixSeconds",
    model: ["line_item", "project_id"],
    billed: { column: ["amount_value"], scale: 1 },
  },
  {
    id: "plain",
    label: "a plain table of month (or date), model and list dollars",
    needs: [["month", "date"], ["model"], LIST_SPELLINGS],
    date: ["month", "date"],
    dateKind: "calendar",
    model: ["model"],
    list: { column: LIST_SPELLINGS, scale: 1 },
    // The pane's monthly table carries what was paid beside list (Paid $), for OBSERVED_DISCOUNT.
    billed: { column: PAID_SPELLINGS, scale: 1 },
  },
  {
    id: "plain-billed",
    label: "a plain table of month (or date), model and billed dollars",
    needs: [["month", "date"], ["model"], PAID_SPELLINGS],
    without: [LIST_SPELLINGS],
    date: ["month", "date"],
    dateKind: "calendar",
    model: ["model"],
    billed: { column: PAID_SPELLINGS, scale: 1 },
  },
];

/**
 * A header cell as the formats name columns: lower case letters and digits only, so a BOM, case,
 * spaces, dots and underscores never matter ("Charge Period Start" is `ChargePeriodStart`,
 * `cost.list_amount` is `cost_list_amount`).
 */
export function normalizeHeader(cell: unknown): string {
  const text =
    typeof cell === "string" ? cell : typeof cell === "number" || typeof cell === "boolean" ? String(cell) : "";
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "");
}

/** A format's column name compared the same way. */
export const squash = (name: string) => name.replace(/_/g, "");

/** Which format a header row is, or undefined. */
export function recognizeExport(header: readonly unknown[]): ExportFormat | undefined {
  const names = new Set(header.map(normalizeHeader));
  const has = (column: Column) => column.some((c) => names.has(squash(c)));
  return EXPORT_FORMATS.find((f) => f.needs.every(has) && !(f.without ?? []).some(has));
}

/** A column index by a format's column names, in order of preference; -1 when absent. */
export function columnIndex(names: readonly string[], column: Column): number {
  for (const c of column) {
    const i = names.indexOf(squash(c));
    if (i >= 0) return i;
  }
  return -1;
}

/** Whether a cell's text, normalized as headers are, is one of a match's values ("Usage-Based" = usagebased). */
export function matches(value: unknown, values: readonly string[]): boolean {
  return values.includes(normalizeHeader(value));
}

/** The years an export's dates may fall in. */
const FIRST_YEAR = 2000;
const LAST_YEAR = 2100;

const DAY_MS = 86_400_000;

/** A UTC calendar day as a count of days since 1970-01-01. */
export function dayNumber(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / DAY_MS);
}

/** A month count (year * 12 + month - 1) of a day count. */
export function monthOfDay(day: number): number {
  const d = new Date(day * DAY_MS);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

/** The day count of a month's last day. */
export function lastDayOfMonth(month: number): number {
  return dayNumber(Math.floor(month / 12), (month % 12) + 2, 1) - 1;
}

/** An ISO day ("2026-10-31") of a day count. */
export function dayLabel(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/**
 * A date cell read: the UTC day, or a short date (`4/1/25`, `01.04.2025`) whose order (day or
 * month first) the column decides, or undefined when it is no date.
 */
export type DateCell =
  | { readonly day: number }
  | { readonly first: number; readonly second: number; readonly year: number; readonly dots: boolean };

/** A short date as Excel saves a CSV: d/m/yy, m/d/yyyy, dd.mm.yyyy, optionally followed by a time. */
const SHORT_DATE =
  /^(\d{1,2})([/.])(\d{1,2})\2(\d{4}|\d{2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s?[AaPp][Mm])?)?$/;

/** A whole number in text: an Excel serial or Unix time read from a CSV. */
const WHOLE = /^\d+(\.\d+)?$/;

/** A UTC day of a date in milliseconds, when it falls in the years usage does. */
function dayOfMs(ms: number): { day: number } | undefined {
  if (!Number.isFinite(ms)) return undefined;
  const year = new Date(ms).getUTCFullYear();
  // Usage is of this century: a month number (3 is an Excel date in 1900) or milliseconds taken
  // for seconds land far outside it, and are no date.
  if (!Number.isFinite(year) || year < FIRST_YEAR || year > LAST_YEAR) return undefined;
  return { day: Math.floor(ms / DAY_MS) };
}

/** Whether a year, month and day are a real day of the years usage falls in. */
function realDay(y: number, m: number, d: number): boolean {
  if (y < FIRST_YEAR || y > LAST_YEAR || m < 1 || m > 12 || d < 1) return false;
  const check = new Date(Date.UTC(y, m - 1, d));
  return check.getUTCFullYear() === y && check.getUTCMonth() === m - 1 && check.getUTCDate() === d;
}

/** A date cell: ISO text, a date-time, an Excel serial, Unix seconds, or a short date (DOMAIN.md). */
export function readDate(value: unknown, kind: ExportFormat["dateKind"]): DateCell | undefined {
  if (kind === "unixSeconds") {
    const seconds = typeof value === "number" ? value : typeof value === "string" ? Number(value.trim()) : NaN;
    if (!Number.isFinite(seconds) || seconds <= 0) return undefined;
    return dayOfMs(seconds * 1000);
  }
  if (typeof value === "string" && WHOLE.test(value.trim())) value = Number(value.trim());
  if (typeof value === "number") {
    // An Excel date serial: days since 1899-12-30, so 25,569 is 1970-01-01 (Excel's 1900 leap-year
    // bug only moves serials before March 1900, long before any usage); serials are UTC here.
    if (!Number.isFinite(value) || value < 1 || value >= 2_958_466) return undefined;
    return dayOfMs(Math.round((value - 25_569) * DAY_MS));
  }
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  const month = /^(\d{4})-(\d{2})$/.exec(text);
  if (month) {
    // A month alone stands for its last day, so a month table's last month is its newest date.
    const y = Number(month[1]);
    const m = Number(month[2]);
    return realDay(y, m, 1) ? { day: lastDayOfMonth(y * 12 + m - 1) } : undefined;
  }
  const short = SHORT_DATE.exec(text);
  if (short) {
    const first = Number(short[1]);
    const second = Number(short[3]);
    // Two-digit years as Excel reads them: 00-29 are 2000-2029, 30-99 the 1900s (outside usage).
    const year = short[4]!.length === 2 ? Number(short[4]) + (Number(short[4]) < 30 ? 2000 : 1900) : Number(short[4]);
    const dots = short[2] === ".";
    if (!realDay(year, first, second) && !realDay(year, second, first)) return undefined;
    return { first, second, year, dots };
  }
  const day = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (!day) return undefined;
  // A day that does not exist (2026-02-30) is no date, not the 2nd of March.
  if (!realDay(Number(day[1]), Number(day[2]), Number(day[3]))) return undefined;
  // A date or date-time without an offset is UTC (the exports' own convention: usage_date_utc, ...Z).
  const iso = text.replace(" ", "T");
  const withZone = /T.*([zZ]|[+-]\d{2}:?\d{2})$/.test(iso) || !iso.includes("T") ? iso : `${iso}Z`;
  return dayOfMs(Date.parse(iso.includes("T") ? withZone : `${iso}T00:00:00Z`));
}

/** The day of a short date in the order its column was read in, or undefined when that order makes it no day. */
export function shortDay(
  date: { readonly first: number; readonly second: number; readonly year: number },
  dayFirst: boolean,
): number | undefined {
  const [d, m] = dayFirst ? [date.first, date.second] : [date.second, date.first];
  return realDay(date.year, m, d) ? dayNumber(date.year, m, d) : undefined;
}

/** Thousands separators (1,250.50), or a plain decimal (0.85, 123.45, 1e-3); not "0,85", not "0x10". */
const GROUPED = /^-?[1-9]\d{0,2}(,\d{3})+(\.\d+)?$/;
const DECIMAL = /^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;
/**
 * The same with a decimal comma, as a ";"-separated CSV from a European Excel writes amounts:
 * 1.250,50 and 0,85. A group never starts with 0, so "0,125" is no thousands and "0.125" no
 * European grouping (it is read as a point decimal).
 */
const GROUPED_COMMA = /^-?[1-9]\d{0,2}(\.\d{3})+(,\d+)?$/;
const DECIMAL_COMMA = /^-?(\d+(,\d*)?|,\d+)([eE][-+]?\d+)?$/;

/**
 * A money (or token) cell in the column's own unit: a number, or numeric text (cents strings
 * included); null when blank (a blank and a 0 are the same amount); undefined when it is no amount.
 */
export function amountOf(value: unknown, decimalComma = false): number | null | undefined {
  if (value === null || value === undefined || value === "") return null;
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value !== "string") return undefined;
  if (!decimalComma) {
    // The common case without a regular expression (a million rows of amounts): a decimal number
    // that JavaScript reads as written. Its first character is a digit, "-" or "."; "0x", "0b" and
    // "0o" prefixes and Infinity are left to the checks below, which refuse them.
    const c0 = value.charCodeAt(0);
    const c1 = value.charCodeAt(1) | 0x20;
    if (((c0 >= 48 && c0 <= 57) || c0 === 45 || c0 === 46) && c1 !== 0x78 && c1 !== 0x62 && c1 !== 0x6f) {
      const n = Number(value);
      if (Number.isFinite(n)) return n;
    }
  }
  const text = value.trim().replace(/^\$/, "");
  if (text === "") return null;
  if (decimalComma) {
    if (GROUPED_COMMA.test(text)) return Number(text.replace(/\./g, "").replace(",", "."));
    if (DECIMAL_COMMA.test(text)) return Number(text.replace(",", "."));
    // A point decimal in a ";" file (a tool that writes ";" but not decimal commas): 0.125.
    return DECIMAL.test(text) ? Number(text) : undefined;
  }
  if (GROUPED.test(text)) return Number(text.replace(/,/g, ""));
  return DECIMAL.test(text) ? Number(text) : undefined;
}

/** A blank cell: empty, 0 (what a blank is on Excel desktop), or only spaces (as the pane counts a cell of spaces). */
export function isBlank(value: unknown): boolean {
  return value === null || value === undefined || value === 0 || (typeof value === "string" && value.trim() === "");
}

/** The label a month count shows as: ISO year-month text ("2026-10"), which no usage reader sums. */
export function monthLabel(month: number): string {
  const year = Math.floor(month / 12);
  return `${year}-${String((month % 12) + 1).padStart(2, "0")}`;
}

/** The model of a row that names none (a report not grouped by model). */
export const NO_MODEL = "(no model)";

/** Whether a format carries only billed amounts: no list price and no token counts to price at list. */
export function billedOnly(format: ExportFormat): boolean {
  return format.tokens === undefined && format.list === undefined;
}

export const MONTHLY_BY = ["model", "total"] as const;
export type MonthlyBy = (typeof MONTHLY_BY)[number];

/** The `by` word: "model" or "total". */
export function parseMonthlyBy(arg: string, word: string): MonthlyBy | LeverError {
  const key = word.trim().toLowerCase();
  return MONTHLY_BY.find((b) => b === key) ?? Errors.unknownWord(arg, word, MONTHLY_BY);
}
