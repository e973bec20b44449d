/**
 * The LEVERS.* functions for usage, prices and projection (FUNCTIONS.md "Usage, prices,
 * projection"). Each JSDoc comment is the function's help in Excel; each body is one `run` of
 * its catalogue entry (src/catalogue). Element-by-element functions spill in the shape of their
 * ranges, and a bad cell fails only its own element (see `invokeElementwise`, shape "same").
 */
import {
  EFFECTIVE_DISCOUNT,
  EFFECTIVE_RATE,
  LIST_COST,
  OPTIMIZED_COST,
  PRICE,
  PRICE_BOOK,
  MONTHLY_USAGE,
  OBSERVED_DISCOUNT,
  PROJECT,
} from "../catalogue/functions";
import { run } from "./runner";

/**
 * The built-in price book: the vendor's public list prices in USD per MTok, with the date and source of each row (spills). Paste it as values, edit it, and pass the range as price_book.
 * @customfunction PRICE_BOOK
 * @returns A table: Model, Input, Output, Cache write 5m, Cache write 1h, Cache read (USD per MTok), Batch multiplier, As of, Source.
 */
export function priceBook(): Array<Array<number | string>> {
  return run(PRICE_BOOK);
}

/*
 * Choice lists: Excel's AutoComplete offers these words as the argument is typed (custom enums,
 * https://learn.microsoft.com/en-us/office/dev/add-ins/excel/custom-functions-custom-enums: "On older
 * versions of Excel, parameters using a custom enum work as standard parameters"). The metadata plugin
 * types such a parameter "string"; the word is read as before (case-insensitive, blank = default), and
 * test/contract/functions-json.test.ts checks each list against the core's words.
 */

/**
 * The price PRICE returns.
 * @customenum {string}
 */
enum PriceKind {
  /** Input tokens (the default). */
  input = "input",
  /** Output tokens. */
  output = "output",
  /** Prompt-cache writes that live 5 minutes. */
  cache_write = "cache_write",
  /** Prompt-cache writes that live 1 hour. */
  cache_write_1h = "cache_write_1h",
  /** Prompt-cache reads. */
  cache_read = "cache_read",
}

/**
 * How PROJECT carries history forward.
 * @customenum {string}
 */
enum ProjectionMethod {
  /** Least squares, as TREND (the default). */
  linear = "linear",
  /** A constant monthly rate fitted to the history, as GROWTH. */
  exponential = "exponential",
  /** The mean of the last 3 months. */
  flat = "flat",
  /** The last month grown at the growth argument's annual rate. */
  growth = "growth",
}

/**
 * How MONTHLY_USAGE splits each month.
 * @customenum {string}
 */
enum MonthlyBy {
  /** One column of dollars per model, largest first (the default). */
  model = "model",
  /** One column: the month's total. */
  total = "total",
}

/**
 * A model's list price in USD per MTok.
 * @customfunction PRICE
 * @param model Model id or name, e.g. "claude-sonnet-4-5", "Sonnet 4.5", or a family ("sonnet" = its newest model).
 * @param [kind] Which price: "input" (default), "output", "cache_write" (5-minute), "cache_write_1h" or "cache_read".
 * @param [price_book] Your price book range (PRICE_BOOK's columns, header optional); default the built-in book.
 * @returns USD per MTok.
 * @example =LEVERS.PRICE("Opus 4.5", "cache_write_1h") → 10
 */
export function price(model: unknown, kind?: PriceKind, price_book?: unknown[][]): number {
  return run(PRICE, model, kind, price_book);
}

/**
 * Cost at list price: input MTok x input price + output MTok x output price, element by element (spills for ranges of the same shape).
 * @customfunction LIST_COST
 * @param model Model id or name, or a range of them (one per row).
 * @param input_mtok Input tokens, in millions (MTok): a value or a range.
 * @param output_mtok Output tokens, in millions (MTok): a value or a range.
 * @param [price_book] Your price book range (PRICE_BOOK's columns, header optional); default the built-in book.
 * @returns Dollars at list, one per element.
 * @example =LEVERS.LIST_COST("Haiku 4.5", 10, 2) → 20
 */
export function listCost(
  model: unknown[][],
  input_mtok: unknown[][],
  output_mtok: unknown[][],
  price_book?: unknown[][],
): Array<Array<number | CustomFunctions.Error>> {
  return run(LIST_COST, model, input_mtok, output_mtok, price_book);
}

/**
 * Cost in list dollars after prompt caching, batch and model routing, element by element (spills for ranges of the same shape).
 * @customfunction OPTIMIZED_COST
 * @param model Model id or name, or a range of them (one per row).
 * @param input_mtok Input tokens, in millions (MTok): a value or a range.
 * @param output_mtok Output tokens, in millions (MTok): a value or a range.
 * @param [cache_hit] Share of input tokens read from the cache, as a decimal (default 0).
 * @param [batch_share] Share of traffic sent through the Batch API, as a decimal (default 0); batch prices apply to cache prices too.
 * @param [route_to] Model that a share of the traffic moves to (same tokens, caching and batch shares at its prices).
 * @param [route_share] Share of traffic moved to route_to, as a decimal (default 0).
 * @param [cache_write_share] Share of input tokens written to the 5-minute cache, as a decimal (default 0); cache_hit + cache_write_share <= 1.
 * @param [price_book] Your price book range (PRICE_BOOK's columns, header optional); default the built-in book.
 * @param [cache_write_1h_share] Share of input tokens written to the 1-hour cache, as a decimal (default 0), priced at the 1-hour write rate; cache_hit + both write shares <= 1.
 * @returns Dollars, one per element.
 * @example =LEVERS.OPTIMIZED_COST("Haiku 4.5", 10, 2, 0.5, 0.5) → 11.625
 */
export function optimizedCost(
  model: unknown[][],
  input_mtok: unknown[][],
  output_mtok: unknown[][],
  cache_hit?: unknown[][],
  batch_share?: unknown[][],
  route_to?: unknown[][],
  route_share?: unknown[][],
  cache_write_share?: unknown[][],
  price_book?: unknown[][],
  cache_write_1h_share?: unknown[][],
): Array<Array<number | CustomFunctions.Error>> {
  return run(
    OPTIMIZED_COST,
    model,
    input_mtok,
    output_mtok,
    cache_hit,
    batch_share,
    route_to,
    route_share,
    cache_write_share,
    price_book,
    cache_write_1h_share,
  );
}

/**
 * Monthly dollars from a vendor's usage or cost export (spills): a header row, then one row per calendar month.
 * @customfunction MONTHLY_USAGE
 * @param export_ The export with its header row, as pasted or imported: an Anthropic Console cost or usage CSV, an Anthropic Analytics or Admin cost or usage report, an OpenAI costs or usage export, a FOCUS file, or a table of month, model and list dollars. Token counts are priced with price_book.
 * @param [by] A word: "model" (default: one column of dollars per model, largest first) or "total" (one column).
 * @param [price_book] A price book range (PRICE_BOOK's columns) for exports that count tokens; default the built-in book.
 * @returns Month (as 2026-10 text), then list dollars per month; an export with only billed amounts gives billed dollars, and its header says (billed).
 */
export function monthlyUsage(
  export_: unknown[][],
  by?: MonthlyBy,
  price_book?: unknown[][],
): Array<Array<number | string>> {
  // A cell the core computed as an error reaches Excel as its CustomFunctions.Error (boundary.ts,
  // checkResult); the metadata's types have no number | string | Error, and a matrix of any is the same.
  return run(MONTHLY_USAGE, export_, by, price_book) as Array<Array<number | string>>;
}

/**
 * The discount an export shows: 1 - billed / list over its usage rows.
 * @customfunction OBSERVED_DISCOUNT
 * @param export_ The export with its header row: one that carries both list and billed amounts (an Anthropic Console cost CSV with list_price_usd, an Anthropic Analytics cost report, a FOCUS file).
 * @returns The discount as a decimal (0.2 = 20%); #N/A for an export without both amounts.
 */
export function observedDiscount(export_: unknown[][]): number {
  return run(OBSERVED_DISCOUNT, export_);
}

/**
 * The discount across models weighted by spend: sum(spend x discount) / sum(spend).
 * @customfunction EFFECTIVE_DISCOUNT
 * @param spend Spend per model (or per line), in dollars: a range.
 * @param discount Discount on each, as a decimal (0.2 = 20%): a range of the same shape, or one value for all.
 * @returns A decimal discount (0.15 = 15%).
 * @example =LEVERS.EFFECTIVE_DISCOUNT({300;100}, {0.2;0.1}) → 0.175
 */
export function effectiveDiscount(spend: unknown[][], discount: unknown[][]): number {
  return run(EFFECTIVE_DISCOUNT, spend, discount);
}

/**
 * Dollars per MTok after discount: spend x (1 - discount) / MTok, element by element (spills for ranges of the same shape).
 * @customfunction EFFECTIVE_RATE
 * @param spend Spend at list, in dollars: a value or a range.
 * @param mtok Tokens bought with that spend, in millions (MTok): a value or a range.
 * @param [discount] Discount off list, as a decimal (default 0): a value or a range.
 * @returns USD per MTok, one per element (#N/A where there are no tokens).
 * @example =LEVERS.EFFECTIVE_RATE(1200, 100, 0.25) → 9
 */
export function effectiveRate(
  spend: unknown[][],
  mtok: unknown[][],
  discount?: unknown[][],
): Array<Array<number | CustomFunctions.Error>> {
  return run(EFFECTIVE_RATE, spend, mtok, discount);
}

/**
 * Monthly usage projected forward from history, floored at 0 (spills a column).
 * @customfunction PROJECT
 * @param history Monthly usage so far, in dollars (or MTok): one column (or row) of months; several columns are summed.
 * @param months Months to project, a whole number (1 or more).
 * @param [method] "linear" (default, least squares as TREND), "exponential" (as GROWTH), "flat" (mean of the last 3 months) or "growth".
 * @param [growth] Annual growth rate for method "growth", as a decimal (0.2 = 20% a year, compounding monthly).
 * @returns A column of `months` projected monthly values.
 * @example =LEVERS.PROJECT({1;2;4}, 2) → {5.3333;6.8333}
 */
export function project(
  history: unknown[][],
  months: unknown,
  method?: ProjectionMethod,
  growth?: unknown,
): number[][] {
  return run(PROJECT, history, months, method, growth);
}
