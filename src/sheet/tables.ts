/**
 * Tables in and out of the sheet (src/sheet: cell values <-> core values): the bands, price book and
 * usage ranges a function reads, and the header rows of the tables it spills. The core sees only
 * the parsed values; nothing here is arithmetic on dollars.
 */
import {
  Band,
  burndown,
  CACHE_FALLBACK,
  CellAt,
  cellAtIndex,
  CommitRisk,
  Deal,
  DEFAULT_BATCH_MULTIPLIER,
  Errors,
  Expected,
  isBlank,
  isLeverError,
  LeverError,
  nextBand,
  PeriodRow,
  PRICE_BOOK_HEADER,
  PriceBook,
  PriceRow,
  runLedger,
} from "../core";
import { maxOf } from "../core/arrays";
import { Cell, Grid, parseDiscount, parseMoney, parseShare } from "./cells";

/**
 * A bands table: two columns, threshold (dollars per period) and discount (decimal). A header row
 * is allowed; rows all blank or 0 are skipped (DOMAIN.md "Blank cells inside ranges"); rows may come in any order.
 */
export function parseBands(arg: string, grid: Grid): Band[] | LeverError {
  const bands: Band[] = [];
  for (let r = 0; r < grid.length; r++) {
    const row = grid[r]!;
    if (row.every(isBlank)) continue;
    if (row.length < 2) return Errors.shape(arg, "2 columns (threshold, discount)", `${row.length} column`);
    if (bands.length === 0 && r === 0 && typeof row[0] === "string" && Number.isNaN(Number(row[0]))) continue;
    const threshold = parseMoney(arg, row[0], cellAtIndex(r, 0));
    if (isLeverError(threshold)) return threshold;
    const discount = parseDiscount(arg, row[1], cellAtIndex(r, 1));
    if (isLeverError(discount)) return discount;
    if (bands.some((b) => b.threshold === threshold)) return Errors.duplicateBand(arg, threshold, cellAtIndex(r, 0));
    bands.push({ threshold, discount });
  }
  if (bands.length === 0) return Errors.noBands(arg);
  return bands.sort((a, b) => a.threshold - b.threshold);
}

/** The COMMIT_CURVE header. */
export const CURVE_HEADER = [
  "Commit",
  "Discount",
  "Expected cost",
  "Expected waste",
  "Expected overage billed",
] as const;

/** COMMIT_CURVE as a table: the header, then one row per commit. */
export function curveTable(rows: readonly Expected[]): (number | string)[][] {
  return [[...CURVE_HEADER], ...rows.map((r) => [r.commit, r.discount, r.cost, r.waste, r.overageBilled])];
}

/** The book as PRICE_BOOK spills it: the header, then one row per model. */
export function priceBookTable(book: PriceBook): (number | string)[][] {
  return [
    [...PRICE_BOOK_HEADER],
    ...book.map((r) => [
      r.model,
      r.input,
      r.output,
      r.cacheWrite5m,
      r.cacheWrite1h,
      r.cacheRead,
      r.batchMultiplier,
      r.asOf,
      r.source,
      r.vendor ?? "",
    ]),
  ];
}

/**
 * A required price cell: blank (or 0, which is what Excel desktop passes for an empty cell:
 * DOMAIN.md "Blank cells inside ranges") is an error here, since a missing price is not a free one.
 */
function priceCell(arg: string, cell: Cell, at: CellAt): number | LeverError {
  return isBlank(cell) ? Errors.blankCell(arg, at) : parseMoney(arg, cell, at);
}

/** An optional price cell: blank or 0 takes `fallback`. */
function optionalPrice(arg: string, cell: Cell, at: CellAt, fallback: number): number | LeverError {
  return isBlank(cell) ? fallback : parseMoney(arg, cell, at);
}

const MIN_COLUMNS = 3;

/**
 * A user's price book: columns model, input, output, then optionally cache write 5m, cache write 1h,
 * cache read, batch multiplier, as of, source, vendor. A header row is allowed (a first row with text in
 * both the input and output columns); rows with every cell blank or 0 are skipped; a blank or 0 cache price falls
 * back to 1.25x / 2x / 0.1x of input and a blank or 0 batch multiplier to 0.5 (a blank and a 0 are one value
 * inside a range: DOMAIN.md "Blank cells inside ranges"); a blank or 0 input or output price is an error.
 */
export function parsePriceBook(arg: string, grid: Grid): PriceBook | LeverError {
  const columns = grid.length > 0 ? maxOf(grid.map((r) => r.length)) : 0;
  if (columns < MIN_COLUMNS || columns > PRICE_BOOK_HEADER.length) {
    return Errors.shape(
      arg,
      `${MIN_COLUMNS} to ${PRICE_BOOK_HEADER.length} columns (${PRICE_BOOK_HEADER.join(", ")})`,
      `${columns} column${columns === 1 ? "" : "s"}`,
    );
  }
  const isText = (cell: Cell) => typeof cell === "string" && cell.trim() !== "";
  const start = isText(grid[0]![1]) && isText(grid[0]![2]) ? 1 : 0;
  const rows: PriceRow[] = [];
  for (let r = start; r < grid.length; r++) {
    const cells = grid[r]!;
    if (cells.every(isBlank)) continue;
    const at = (column: number): CellAt => ({ row: r + 1, column });
    const name = cells[0];
    if (isBlank(name)) return Errors.blankCell(arg, at(1));
    if (typeof name !== "string") return Errors.notText(arg, name, at(1));
    const input = priceCell(arg, cells[1], at(2));
    if (isLeverError(input)) return input;
    const output = priceCell(arg, cells[2], at(3));
    if (isLeverError(output)) return output;
    const cacheWrite5m = optionalPrice(arg, cells[3], at(4), input * CACHE_FALLBACK.cacheWrite5m);
    if (isLeverError(cacheWrite5m)) return cacheWrite5m;
    const cacheWrite1h = optionalPrice(arg, cells[4], at(5), input * CACHE_FALLBACK.cacheWrite1h);
    if (isLeverError(cacheWrite1h)) return cacheWrite1h;
    const cacheRead = optionalPrice(arg, cells[5], at(6), input * CACHE_FALLBACK.cacheRead);
    if (isLeverError(cacheRead)) return cacheRead;
    const batchMultiplier = isBlank(cells[6]) ? DEFAULT_BATCH_MULTIPLIER : parseShare(arg, cells[6], at(7));
    if (isLeverError(batchMultiplier)) return batchMultiplier;
    const asOf = cells[7];
    const source = cells[8];
    const vendor = cells[9];
    rows.push({
      model: name.trim(),
      input,
      output,
      cacheWrite5m,
      cacheWrite1h,
      cacheRead,
      batchMultiplier,
      asOf: isBlank(asOf) ? "" : typeof asOf === "number" ? asOf : String(asOf).trim(),
      source: isBlank(source) ? "" : String(source).trim(),
      vendor: isBlank(vendor) ? "" : String(vendor).trim(),
    });
  }
  if (rows.length === 0) return Errors.noModels(arg);
  return rows;
}

/** The LEDGER spill's header, in FUNCTIONS.md's order. */
export const LEDGER_HEADER = [
  "Period",
  "Months",
  "Commit",
  "Carry in",
  "Drawn",
  "Unused",
  "Carry out",
  "Forfeited",
  "Overage",
  "Billed overage",
] as const;

/** The ledger as a table: the header, then one row per commit period. */
export function ledgerTable(usage: ArrayLike<number>, deal: Deal): (number | string)[][] {
  const rows: PeriodRow[] = [];
  runLedger(usage, deal, rows);
  return [
    [...LEDGER_HEADER],
    ...rows.map((r) => [
      r.period,
      r.months,
      r.commit,
      r.carryIn,
      r.drawn,
      r.unused,
      r.carryOut,
      r.forfeited,
      r.overage,
      r.billedOverage,
    ]),
  ];
}

/** BURNDOWN's header (FUNCTIONS.md "Tracking a signed deal"). */
export const BURNDOWN_HEADER = [
  "Period",
  "Months",
  "Commit",
  "Carry in",
  "Drawn to date",
  "Remaining",
  "Months left",
  "Needed per month",
  "Projected drawn",
  "Projected forfeited",
  "Projected overage billed",
] as const;

/** BURNDOWN as a table: its header, then one row per period. */
export function burndownTable(
  actuals: readonly number[],
  projection: readonly number[],
  deal: Deal,
): (number | string)[][] | LeverError {
  const b = burndown(actuals, projection, deal);
  if (isLeverError(b)) return b;
  return [
    [...BURNDOWN_HEADER],
    ...b.rows.map((r) => [
      r.period,
      r.months,
      r.commit,
      r.carryIn,
      r.drawnToDate,
      r.remaining,
      r.monthsLeft,
      r.neededPerMonth,
      r.projectedDrawn,
      r.projectedForfeited,
      r.projectedOverageBilled,
    ]),
  ];
}

/**
 * Where month `month` (1-based) of a usage range sits, as parseUsage reads it: across the columns
 * of a one-row range, else down the rows (several columns are summed; the first is named).
 */
export function monthCell(grid: Grid, month: number): CellAt {
  const columns = grid.length > 0 ? maxOf(grid.map((r) => r.length)) : 0;
  return grid.length === 1 && columns > 1 ? { row: 1, column: month } : { row: month, column: 1 };
}

/** NEXT_BAND as a row: threshold, the dollars to reach it, its discount; above the top band, an error. */
export function nextBandRow(commit: number, bands: readonly Band[]): number[][] | LeverError {
  const next = nextBand(commit, bands);
  return next ? [[next.threshold, next.gap, next.discount]] : Errors.topBand("commit", commit);
}

/** A series as a spilled column. */
export function asColumn(values: readonly number[]): number[][] {
  return values.map((v) => [v]);
}

/** COMMIT_RISK's rows, in the order docs/FUNCTIONS.md gives them. */
export const RISK_MEASURES = [
  "Expected total cost",
  "P10 total cost",
  "P50 total cost",
  "P90 total cost",
  "CVaR 95% total cost",
  "Chance of any forfeit",
  "Expected forfeited",
  "P90 forfeited",
  "Expected overage billed",
  "Chance of any overage",
] as const;

/** COMMIT_RISK as a table: `Measure`, `Value`, then one row per measure. */
export function riskTable(risk: CommitRisk): (number | string)[][] {
  const values = [
    risk.expectedCost,
    risk.p10Cost,
    risk.p50Cost,
    risk.p90Cost,
    risk.cvar95Cost,
    risk.forfeitChance,
    risk.expectedForfeited,
    risk.p90Forfeited,
    risk.expectedOverageBilled,
    risk.overageChance,
  ];
  return [["Measure", "Value"], ...RISK_MEASURES.map((m, i) => [m, values[i]!])];
}
