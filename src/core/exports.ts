/**
 * A vendor's usage or cost export, as a range with its header row, read into monthly dollars
 * (DOMAIN.md "Usage from a vendor's export"; the shapes are in EXPORTS.md). The format is
 * recognized from the header, tolerant of case, spaces, punctuation, a byte-order mark and column
 * order. Money is read in the unit each source states (cents stay cents until divided by 100).
 * This file holds the formats and how a header row is recognized; a date cell is read by
 * ./dates.ts (months are calendar months in UTC), an amount by ./exportCells.ts, and the rows are
 * summed by the aggregator (./aggregate.ts).
 *
 * Exports that carry dollars (list, billed or both) are read as they state them; token-only exports
 * are priced with the price book per token kind (uncached input, 5-minute and 1-hour cache writes,
 * cache reads, output), batch rows at the book's batch multiplier.
 */
import type { DateKind } from "./dates";
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
  readonly dateKind: DateKind;
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
