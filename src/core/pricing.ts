/**
 * Token costs at list and after the optimization levers (DOMAIN.md "Usage and optimization"), and
 * the spend-weighted rates a commitment is read by. Tokens in MTok, prices in USD per MTok, shares
 * and discounts as decimals; money in dollars.
 */
import { CellAt, Errors, isLeverError, LeverError } from "./errors";
import { findModel, PriceBook, PriceRow } from "./pricebook";

/** A month of one model's traffic at list: input_mtok * p_in + output_mtok * p_out. */
export function listCost(row: PriceRow, inputMtok: number, outputMtok: number): number {
  return inputMtok * row.input + outputMtok * row.output;
}

/** The optimization shares on one model's traffic (caching, batch, routing). Shares are decimals in [0, 1]. */
export interface Optimization {
  /** Share of input tokens read from the cache. */
  readonly cacheHit: number;
  /** Share of input tokens written to the 5-minute cache. */
  readonly cacheWriteShare: number;
  /** Share of input tokens written to the 1-hour cache (priced at the 1-hour write rate, not the 5-minute one). */
  readonly cacheWrite1hShare?: number;
  /** Share of traffic sent through the Batch API. */
  readonly batchShare: number;
  /** The model a share of traffic moves to, if any. */
  readonly routeTo?: PriceRow;
  /** Share of traffic moved to `routeTo`. */
  readonly routeShare: number;
}

/** Traffic at one model's prices with caching and batch applied. */
function leveredCost(row: PriceRow, inputMtok: number, outputMtok: number, levers: Optimization): number {
  const { cacheHit: h, cacheWriteShare: w, batchShare: b } = levers;
  const w1 = levers.cacheWrite1hShare ?? 0;
  const input =
    inputMtok * ((1 - h - w - w1) * row.input + h * row.cacheRead + w * row.cacheWrite5m + w1 * row.cacheWrite1h);
  const output = outputMtok * row.output;
  return (input + output) * (1 - b + b * row.batchMultiplier);
}

/** Rounding slack when checking that two shares add up to at most 1 (0.7 + 0.3 is 1.0000000000000002). */
const SHARE_SLACK = 1e-12;

/**
 * List dollars after the levers: caching on input (h read, w written, the rest at input price),
 * batch at the row's multiplier on everything (cache prices too), and a share s routed to another
 * model with the same tokens, caching and batch: (1 - s) * cost(model) + s * cost(route_to).
 * `at` names the cell of a spilled result in error messages.
 */
export function optimizedCost(
  row: PriceRow,
  inputMtok: number,
  outputMtok: number,
  levers: Optimization,
  at?: CellAt,
): number | LeverError {
  if (levers.cacheHit + levers.cacheWriteShare > 1 + SHARE_SLACK) {
    return Errors.sharesOverOne("cache_write_share", levers.cacheWriteShare, "cache_hit", levers.cacheHit, at);
  }
  const w1 = levers.cacheWrite1hShare ?? 0;
  if (levers.cacheHit + levers.cacheWriteShare + w1 > 1 + SHARE_SLACK) {
    return Errors.sharesOverOne(
      "cache_write_1h_share",
      w1,
      "cache_hit + cache_write_share",
      levers.cacheHit + levers.cacheWriteShare,
      at,
    );
  }
  const own = leveredCost(row, inputMtok, outputMtok, levers);
  if (levers.routeShare === 0) return own;
  if (!levers.routeTo) return Errors.requiredWhen("route_to", "route_share is more than 0", at);
  const routed = leveredCost(levers.routeTo, inputMtok, outputMtok, levers);
  return (1 - levers.routeShare) * own + levers.routeShare * routed;
}

/** LIST_COST of a model named in a book: the model looked up, then `listCost`. */
export function listCostIn(
  book: PriceBook,
  model: string,
  inputMtok: number,
  outputMtok: number,
  at?: CellAt,
): number | LeverError {
  const row = findModel(book, "model", model, at);
  return isLeverError(row) ? row : listCost(row, inputMtok, outputMtok);
}

/** OPTIMIZED_COST of models named in a book: the model (and any route_to) looked up, then `optimizedCost`. */
export function optimizedCostIn(
  book: PriceBook,
  model: string,
  inputMtok: number,
  outputMtok: number,
  routeTo: string | undefined,
  shares: Omit<Optimization, "routeTo">,
  at?: CellAt,
): number | LeverError {
  const row = findModel(book, "model", model, at);
  if (isLeverError(row)) return row;
  const route = routeTo === undefined ? undefined : findModel(book, "route_to", routeTo, at);
  if (isLeverError(route)) return route;
  return optimizedCost(row, inputMtok, outputMtok, { ...shares, routeTo: route }, at);
}

/** The spend-weighted discount: sum(spend * discount) / sum(spend). */
export function effectiveDiscount(spend: readonly number[], discount: readonly number[]): number | LeverError {
  let total = 0;
  let saved = 0;
  for (let i = 0; i < spend.length; i++) {
    total += spend[i]!;
    saved += spend[i]! * discount[i]!;
  }
  if (total === 0) return Errors.noSpend("spend");
  return saved / total;
}

/**
 * Dollars per MTok after discount: spend * (1 - discount) / mtok. No tokens is #N/A ("no tokens"),
 * since a rate over nothing is missing data, not a division for the sheet to show as #DIV/0!.
 */
export function effectiveRate(spend: number, mtok: number, discount: number, at?: CellAt): number | LeverError {
  if (mtok === 0) return Errors.noTokens("mtok", at);
  return (spend * (1 - discount)) / mtok;
}
