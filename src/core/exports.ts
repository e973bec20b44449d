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
import { LeverError, wordIn } from "./errors";
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
   * it is skipped (and the import reports it: ./importAggregate.ts).
   */
  readonly usageFrequency?: Match;
  /** A token-only export: token counts (not MTok) by price kind, priced with the price book. */
  readonly tokens?: readonly { readonly column: Column; readonly kind: PriceKind }[];
  /** OpenAI counts cached and cache-write tokens inside its input count: those are taken out of input. */
  readonly inputIncludes?: readonly Column[];
  /** Rows priced at the batch multiplier: the column and its batch values. */
  readonly batch?: { readonly column: Column; readonly values: readonly string[] };
  /** What every column's header adds, where the format makes an assumption the user should see. */
  readonly note?: string;
}

// The formats are written compactly (they ship in Excel's functions bundle): a column is its
// spellings separated by spaces, a list of columns is separated by "|", token columns are listed in
// the order of their kinds. test/core/exports.test.ts checks the table against the formats written
// out in full.

/** A column's spellings: "cost_list_amount list_amount". */
const column = (spellings: string): Column => spellings.split(" ");
/** Columns: "usage_date_utc|cost_usd". */
const columns = (list: string): Column[] => list.split("|").map(column);
/** A money column, in dollars per unit of it. */
const money = (spellings: string, scale = 1): Money => ({ column: column(spellings), scale });
/** A column and the values that match it: "usage_type", "batch". */
const match = (spellings: string, values: string): Match => ({
  column: column(spellings),
  values: values.split(" "),
});
/** Token columns, separated by spaces, of the price kinds `kinds` names in the same order. */
const tokenColumns = (
  list: string,
  kinds = "input cache_write cache_write_1h cache_read output",
): ExportFormat["tokens"] => {
  const kind = kinds.split(" ") as PriceKind[];
  return list.split(" ").map((name, i) => ({ column: [name], kind: kind[i]! }));
};

/** A format whose date column is the first of the columns it `needs`; its dates are calendar dates unless `more` says otherwise. */
function format(
  id: string,
  label: string,
  needs: string,
  model: string,
  more: Partial<ExportFormat> = {},
): ExportFormat {
  const required = columns(needs);
  return { id, label, needs: required, date: required[0]!, dateKind: "calendar", model: column(model), ...more };
}

const LIST_SPELLINGS = "list list_dollars list_usd list_cost list_price list_price_usd list_amount";
const PAID_SPELLINGS = "paid paid_dollars paid_usd billed billed_dollars billed_usd";

/** The formats read, most specific first (the first whose columns are all there is the one). */
export const EXPORT_FORMATS: readonly ExportFormat[] = [
  format(
    "anthropic-analytics-cost",
    "Anthropic Usage & Cost Analytics cost report",
    "starting_at|cost_list_amount list_amount",
    "group_model model",
    { list: money("cost_list_amount list_amount", 0.01), billed: money("cost_amount amount", 0.01) },
  ),
  format("anthropic-console-cost", "Anthropic Console cost CSV", "usage_date_utc|cost_usd|list_price_usd", "model", {
    list: money("list_price_usd"),
    billed: money("cost_usd"),
  }),
  format(
    "anthropic-console-cost-billed",
    "Anthropic Console cost CSV (older, billed only)",
    "usage_date_utc|cost_usd",
    "model",
    { without: columns("list_price_usd"), billed: money("cost_usd") },
  ),
  // Its skipped rows' descriptions and cash, and the commitment it states, are the import's (./importAggregate.ts).
  format("focus", "FOCUS cost and usage CSV", "chargeperiodstart|chargecategory|listcost", "resourcename skuid", {
    modelInJson: { column: column("skupricedetails"), key: "ModelId" },
    list: money("listcost"),
    // What the usage cost at the negotiated terms: EffectiveCost (amortized). BilledCost is cash, 0
    // for usage drawn from a prepaid commitment (EXPORTS.md "FOCUS"); it is read where EffectiveCost is absent.
    billed: money("effectivecost billedcost"),
    usageOnly: match("chargecategory", "usage"),
    usageFrequency: match("chargefrequency", "usagebased"),
  }),
  format(
    "anthropic-console-usage-older",
    "Anthropic Console usage CSV (older: one cache-write column)",
    "usage_date_utc|usage_output_tokens|usage_input_tokens_cache_write",
    "model_version model",
    {
      without: columns("usage_input_tokens_cache_write_5m"),
      // No 5-minute / 1-hour split: priced as 5-minute writes, and every column says so (EXPORTS.md).
      tokens: tokenColumns(
        "usage_input_tokens_no_cache usage_input_tokens_cache_write usage_input_tokens_cache_read usage_output_tokens",
        "input cache_write cache_read output",
      ),
      batch: match("usage_type", "batch"),
      note: " (cache writes at the 5-minute rate)",
    },
  ),
  format(
    "anthropic-console-usage",
    "Anthropic Console usage CSV",
    "usage_date_utc|usage_output_tokens",
    "model_version model",
    {
      tokens: tokenColumns(
        "usage_input_tokens_no_cache usage_input_tokens_cache_write_5m usage_input_tokens_cache_write_1h " +
          "usage_input_tokens_cache_read usage_output_tokens",
      ),
      batch: match("usage_type", "batch"),
    },
  ),
  format(
    "anthropic-analytics-usage",
    "Anthropic Usage & Cost Analytics usage report",
    "starting_at|usage_output_tokens",
    "group_model model",
    {
      tokens: tokenColumns(
        "usage_uncached_input_tokens usage_cache_creation_ephemeral_5m_input_tokens " +
          "usage_cache_creation_ephemeral_1h_input_tokens usage_cache_read_input_tokens usage_output_tokens",
      ),
      batch: match("group_service_tier service_tier", "batch"),
    },
  ),
  format(
    "anthropic-usage-report",
    "Anthropic Admin API usage report",
    "starting_at|uncached_input_tokens|output_tokens",
    "model",
    {
      tokens: tokenColumns(
        "uncached_input_tokens cache_creation_ephemeral_5m_input_tokens cache_creation_ephemeral_1h_input_tokens " +
          "cache_read_input_tokens output_tokens",
      ),
      batch: match("service_tier", "batch"),
    },
  ),
  format(
    "openai-usage",
    "OpenAI organization completions usage",
    "start_time bucket_start_time|input_tokens|output_tokens",
    "model",
    {
      dateKind: "unixSeconds",
      tokens: tokenColumns(
        "input_tokens input_cached_tokens input_cache_write_tokens output_tokens",
        "input cache_read cache_write output",
      ),
      inputIncludes: columns("input_cached_tokens|input_cache_write_tokens"),
      batch: match("batch", "true 1"),
    },
  ),
  format(
    "anthropic-cost-report",
    "Anthropic Admin API cost report (billed only)",
    "starting_at|amount|cost_type",
    "model description",
    { billed: money("amount", 0.01) },
  ),
  format(
    "openai-costs",
    "OpenAI organization costs (billed only)",
    "start_time bucket_start_time|amount_value",
    "line_item project_id",
    { dateKind: "unixSeconds", billed: money("amount_value") },
  ),
  format(
    "plain",
    "a plain table of month (or date), model and list dollars",
    `month date|model|${LIST_SPELLINGS}`,
    "model",
    {
      list: money(LIST_SPELLINGS),
      // The pane's monthly table carries what was paid beside list (Paid $), for OBSERVED_DISCOUNT.
      billed: money(PAID_SPELLINGS),
    },
  ),
  format(
    "plain-billed",
    "a plain table of month (or date), model and billed dollars",
    `month date|model|${PAID_SPELLINGS}`,
    "model",
    { without: [column(LIST_SPELLINGS)], billed: money(PAID_SPELLINGS) },
  ),
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
  return wordIn(MONTHLY_BY, arg, word);
}
