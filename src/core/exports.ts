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
import { findModel, PriceBook, PriceKind, priceOf, PriceRow } from "./pricebook";

/** A column as the header names it, several spellings allowed (already normalized). */
type Column = readonly string[];

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
  /** Rows counted as usage: the column and its usage values; other rows are skipped and counted. */
  readonly usageOnly?: { readonly column: Column; readonly values: readonly string[] };
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
    billed: { column: ["billedcost"], scale: 1 },
    usageOnly: { column: ["chargecategory"], values: ["usage"] },
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
const squash = (name: string) => name.replace(/_/g, "");

/** Which format a header row is, or undefined. */
export function recognizeExport(header: readonly unknown[]): ExportFormat | undefined {
  const names = new Set(header.map(normalizeHeader));
  const has = (column: Column) => column.some((c) => names.has(squash(c)));
  return EXPORT_FORMATS.find((f) => f.needs.every(has) && !(f.without ?? []).some(has));
}

/** The years an export's dates may fall in. */
const FIRST_YEAR = 2000;
const LAST_YEAR = 2100;

/** The month of a date, as a count (year * 12 + month - 1), or undefined when it is no date. */
function monthOf(value: unknown, kind: ExportFormat["dateKind"]): number | undefined {
  let ms: number;
  if (kind === "unixSeconds") {
    const seconds = typeof value === "number" ? value : typeof value === "string" ? Number(value.trim()) : NaN;
    if (!Number.isFinite(seconds) || seconds <= 0) return undefined;
    ms = seconds * 1000;
  } else if (typeof value === "number") {
    // An Excel date serial: days since 1899-12-30, so 25,569 is 1970-01-01 (Excel's 1900 leap-year
    // bug only moves serials before March 1900, long before any usage); serials are UTC here.
    if (!Number.isFinite(value) || value < 1 || value >= 2_958_466) return undefined;
    ms = Math.round((value - 25_569) * 86_400_000);
  } else if (typeof value === "string") {
    const text = value.trim();
    const month = /^(\d{4})-(\d{2})$/.exec(text);
    if (month) {
      const m = Number(month[2]);
      const year = Number(month[1]);
      return m >= 1 && m <= 12 && year >= FIRST_YEAR && year <= LAST_YEAR ? year * 12 + m - 1 : undefined;
    }
    const day = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
    if (!day) return undefined;
    // A day that does not exist (2026-02-30) is no date, not the 2nd of March.
    const y = Number(day[1]);
    const m = Number(day[2]);
    const d = Number(day[3]);
    const check = new Date(Date.UTC(y, m - 1, d));
    if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return undefined;
    // A date or date-time without an offset is UTC (the exports' own convention: usage_date_utc, ...Z).
    const iso = text.replace(" ", "T");
    const withZone = /T.*([zZ]|[+-]\d{2}:?\d{2})$/.test(iso) || !iso.includes("T") ? iso : `${iso}Z`;
    ms = Date.parse(iso.includes("T") ? withZone : `${iso}T00:00:00Z`);
    if (!Number.isFinite(ms)) return undefined;
  } else return undefined;
  const d = new Date(ms);
  const year = d.getUTCFullYear();
  // Usage is of this century: a month number (3 is an Excel date in 1900) or milliseconds taken
  // for seconds land far outside it, and are no date.
  if (!Number.isFinite(year) || year < FIRST_YEAR || year > LAST_YEAR) return undefined;
  return year * 12 + d.getUTCMonth();
}

/** Thousands separators (1,250.50), or a plain decimal (0.85, 123.45, 1e-3); not "0,85", not "0x10". */
const GROUPED = /^-?\d{1,3}(,\d{3})+(\.\d+)?$/;
const DECIMAL = /^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

/**
 * A money (or token) cell in the column's own unit: a number, or numeric text (cents strings
 * included); null when blank (a blank and a 0 are the same amount); undefined when it is no amount.
 */
function amountOf(value: unknown): number | null | undefined {
  if (value === null || value === undefined || value === "") return null;
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value !== "string") return undefined;
  const text = value.trim().replace(/^\$/, "");
  if (text === "") return null;
  if (GROUPED.test(text)) return Number(text.replace(/,/g, ""));
  return DECIMAL.test(text) ? Number(text) : undefined;
}

function isBlank(value: unknown): boolean {
  return value === null || value === undefined || value === "" || value === 0;
}

/** One usage row: its month, model, and dollars (or the error its own cell shows). */
interface ExportRow {
  readonly month: number;
  readonly model: string;
  readonly list?: number | LeverError;
  readonly billed?: number | LeverError;
  /** A token-only export's counts by price kind, and whether the row is batch. */
  readonly tokens?: Partial<Record<PriceKind, number>> | LeverError;
  readonly batch?: boolean;
}

export interface ReadExport {
  readonly format: ExportFormat;
  /** Whether the file has the format's list and billed columns (FOCUS need not have BilledCost). */
  readonly hasList: boolean;
  readonly hasBilled: boolean;
  readonly rows: readonly ExportRow[];
  /** Rows of other charge kinds (tax, credit, purchase, adjustment), skipped. */
  readonly skipped: number;
}

/** The label a month count shows as: ISO year-month text ("2026-10"), which no usage reader sums. */
export function monthLabel(month: number): string {
  const year = Math.floor(month / 12);
  return `${year}-${String((month % 12) + 1).padStart(2, "0")}`;
}

/**
 * Reads an export: the header row recognized, then every non-blank row. A row whose date cannot
 * be read fails the whole export (its month is unknown); an unreadable amount is that row's error.
 */
export function readExport(arg: string, grid: readonly (readonly unknown[])[]): ReadExport | LeverError {
  const header = grid[0] ?? [];
  const format = recognizeExport(header);
  const names = header.map(normalizeHeader);
  if (names.every((n) => n === "")) return Errors.missing(arg);
  if (!format) {
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
  const index = (column: Column): number => {
    for (const c of column) {
      const i = names.indexOf(squash(c));
      if (i >= 0) return i;
    }
    return -1;
  };
  // Column names as messages show them: without a byte-order mark or stray spaces.
  const shown = header.map((h) =>
    typeof h === "string" ? h.replace(/^\uFEFF/, "").trim() : typeof h === "number" ? String(h) : "",
  );
  const dateAt = index(format.date);
  const modelAt = format.model.map((c) => names.indexOf(squash(c))).filter((i) => i >= 0);
  const jsonAt = format.modelInJson ? index(format.modelInJson.column) : -1;
  const listAt = format.list ? index(format.list.column) : -1;
  const billedAt = format.billed ? index(format.billed.column) : -1;
  const kindAt = format.usageOnly ? index(format.usageOnly.column) : -1;
  const tokenAt = (format.tokens ?? []).map((t) => ({ kind: t.kind, at: index(t.column) })).filter((t) => t.at >= 0);
  const includedAt = (format.inputIncludes ?? []).map(index).filter((i) => i >= 0);
  const batchAt = format.batch ? index(format.batch.column) : -1;

  const rows: ExportRow[] = [];
  let skipped = 0;
  for (let r = 1; r < grid.length; r++) {
    const cells = grid[r]!;
    if (cells.every(isBlank)) continue;
    const rowNumber = r + 1;
    if (kindAt >= 0) {
      const kind = normalizeHeader(cells[kindAt]);
      if (!format.usageOnly!.values.includes(kind)) {
        skipped++;
        continue;
      }
    }
    const month = monthOf(cells[dateAt], format.dateKind);
    if (month === undefined) return Errors.exportDate(arg, rowNumber, shown[dateAt]!, cells[dateAt]);
    const money = (at: number, scale: number): number | LeverError | undefined => {
      if (at < 0) return undefined;
      const amount = amountOf(cells[at]);
      if (amount === null) return undefined;
      return amount === undefined ? Errors.exportAmount(arg, rowNumber, shown[at]!, cells[at]) : amount * scale;
    };
    rows.push({
      month,
      model: modelName(cells, modelAt, jsonAt, format.modelInJson?.key),
      ...(listAt >= 0 ? { list: money(listAt, format.list!.scale)! } : {}),
      ...(billedAt >= 0 ? { billed: money(billedAt, format.billed!.scale)! } : {}),
      ...(format.tokens ? { tokens: tokenCounts(tokenAt, includedAt, (at) => money(at, 1) ?? 0) } : {}),
      ...(batchAt >= 0 ? { batch: format.batch!.values.includes(normalizeHeader(cells[batchAt])) } : {}),
    });
  }
  return { format, rows, skipped, hasList: listAt >= 0, hasBilled: billedAt >= 0 };
}

/**
 * A row's token counts by price kind; input less the cached and cache-write tokens a format counts
 * inside it (OpenAI). An unreadable count is the row's error.
 */
function tokenCounts(
  tokenAt: readonly { readonly kind: PriceKind; readonly at: number }[],
  includedAt: readonly number[],
  read: (at: number) => number | LeverError,
): Partial<Record<PriceKind, number>> | LeverError {
  const counts: Partial<Record<PriceKind, number>> = {};
  for (const { kind, at } of tokenAt) {
    const n = read(at);
    if (n instanceof LeverError) return n;
    counts[kind] = (counts[kind] ?? 0) + n;
  }
  let inside = 0;
  for (const at of includedAt) {
    const n = read(at);
    if (n instanceof LeverError) return n;
    inside += n;
  }
  if (inside > 0) counts.input = Math.max(0, (counts.input ?? 0) - inside);
  return counts;
}

/** List dollars of a row of token counts at its model's row of the book (batch at its multiplier). */
function pricedTokens(row: PriceRow, counts: Partial<Record<PriceKind, number>>, batch: boolean): number {
  let dollars = 0;
  for (const [kind, n] of Object.entries(counts) as [PriceKind, number][]) dollars += (n / 1e6) * priceOf(row, kind);
  return batch ? dollars * row.batchMultiplier : dollars;
}

/** A row's model: the JSON key where the format keeps it there, else the first non-blank model column. */
function modelName(cells: readonly unknown[], at: readonly number[], jsonAt: number, key?: string): string {
  if (jsonAt >= 0 && key && typeof cells[jsonAt] === "string") {
    try {
      const details: unknown = JSON.parse(cells[jsonAt]);
      const id =
        typeof details === "object" && details !== null ? (details as Record<string, unknown>)[key] : undefined;
      if (typeof id === "string" && id.trim() !== "") return id.trim();
    } catch {
      // Not JSON: fall back to the other columns.
    }
  }
  for (const i of at) {
    const v = cells[i];
    if (typeof v === "string" && v.trim() !== "") return v.trim();
  }
  return NO_MODEL;
}

/** The model of a row that names none (a report not grouped by model). */
const NO_MODEL = "(no model)";

export const MONTHLY_BY = ["model", "total"] as const;
export type MonthlyBy = (typeof MONTHLY_BY)[number];

/** The `by` word: "model" or "total". */
export function parseMonthlyBy(arg: string, word: string): MonthlyBy | LeverError {
  const key = word.trim().toLowerCase();
  return MONTHLY_BY.find((b) => b === key) ?? Errors.unknownWord(arg, word, MONTHLY_BY);
}

/**
 * Monthly dollars from a read export: a header row (`Month`, then one column per model, largest
 * total first, or one `Total` column), then one row per calendar month from the first to the last,
 * no gaps. List dollars where the export has them; otherwise billed, and every column says so.
 * A row's unreadable amount is the error of its own month's cell.
 */
export function monthlyUsage(
  read: ReadExport,
  by: MonthlyBy,
  book: PriceBook,
): (string | number | LeverError)[][] | LeverError {
  const priced = read.format.tokens !== undefined;
  const useList = !billedOnly(read.format);
  // A token-only export's models are looked up once each: an unknown one is the #N/A of its rows.
  const models = new Map<string, PriceRow | LeverError>();
  const modelRow = (name: string) => {
    let row = models.get(name);
    if (!row) models.set(name, (row = findModel(book, "export", name)));
    return row;
  };
  const amountOfRow = (row: ExportRow): number | LeverError => {
    if (!priced) return (useList ? row.list : row.billed) ?? 0;
    const counts = row.tokens!;
    if (counts instanceof LeverError) return counts;
    if (row.model === NO_MODEL) return Errors.noModelInRows("export");
    const model = modelRow(row.model);
    return model instanceof LeverError ? model : pricedTokens(model, counts, row.batch === true);
  };
  if (read.rows.length === 0) return Errors.exportNoUsage("export", read.format.label, read.skipped);
  let first = Infinity;
  let last = -Infinity;
  const totals = new Map<string, number>();
  for (const row of read.rows) {
    first = Math.min(first, row.month);
    last = Math.max(last, row.month);
    const key = by === "total" ? "Total" : row.model;
    const amount = amountOfRow(row);
    totals.set(key, (totals.get(key) ?? 0) + (amount instanceof LeverError ? 0 : amount));
  }
  const columns = [...totals.keys()].sort((a, b) => totals.get(b)! - totals.get(a)! || a.localeCompare(b, "en"));
  const col = new Map(columns.map((c, i) => [c, i]));
  const cells: (number | LeverError)[][] = Array.from({ length: last - first + 1 }, () =>
    new Array<number | LeverError>(columns.length).fill(0),
  );
  for (const row of read.rows) {
    const line = cells[row.month - first]!;
    const c = col.get(by === "total" ? "Total" : row.model)!;
    const amount = amountOfRow(row);
    const sofar = line[c]!;
    if (sofar instanceof LeverError) continue; // the first bad row of a cell is the one it names
    line[c] = amount instanceof LeverError ? amount : sofar + amount;
  }
  // A model the book does not know errors its whole column (every month), not only its own rows.
  if (priced && by === "model") {
    for (const [name, row] of models) {
      if (row instanceof LeverError) for (const line of cells) line[col.get(name)!] = row;
    }
  }
  const suffix = (useList ? "" : " (billed)") + (read.format.note ?? "");
  return [
    ["Month", ...columns.map((c) => `${c}${suffix}`)],
    ...cells.map((line, i) => [monthLabel(first + i), ...line]),
  ];
}

/** Whether a format carries only billed amounts: no list price and no token counts to price at list. */
export function billedOnly(format: ExportFormat): boolean {
  return format.tokens === undefined && format.list === undefined;
}

/** 1 - billed / list over the usage rows, for an export that carries both. */
export function observedDiscount(read: ReadExport): number | LeverError {
  if (!read.hasList || !read.hasBilled) return Errors.noListAndBilled("export", read.format.label);
  let list = 0;
  let billed = 0;
  for (const row of read.rows) {
    if (row.list instanceof LeverError) return row.list;
    if (row.billed instanceof LeverError) return row.billed;
    // Only rows that carry both: a blank (or 0, what a blank is on Excel desktop) is not carried.
    if (!row.list || !row.billed) continue;
    list += row.list;
    billed += row.billed;
  }
  if (list <= 0) return Errors.exportNoUsage("export", read.format.label, read.skipped);
  return 1 - billed / list;
}
