/**
 * Turning cell values into checked core inputs (src/sheet: cell values <-> core values): a usage range into a monthly series, and each
 * scalar argument by its kind (money, discount, share, months, ...). The functions layer and the
 * task pane both go through these, so a value is judged the same way wherever it is typed.
 */
import { CellAt, cellAtIndex, Errors, isBlank, isLeverError, LeverError, OverageRate } from "../core";

/** A cell value as a spreadsheet hands it over (Excel errors are handled before the core). */
export type Cell = number | string | boolean | null | undefined;
export type Grid = readonly (readonly Cell[])[];

/** No single money cell may exceed this many dollars: keeps every sum finite. */
export const MAX_DOLLARS = 1e15;
/** The longest period or term accepted, in months (100 years). */
export const MAX_MONTHS = 1200;
/** A multiple of list above this is taken for a whole percent typed by mistake (80 for 80%). */
const MAX_LIST_MULTIPLE = 3;

/** A number from a cell, or the error a non-number deserves. Blank is 0, as Excel's arithmetic has it. */
function cellNumber(arg: string, cell: Cell, at?: CellAt): number | LeverError {
  if (typeof cell === "number") {
    if (!Number.isFinite(cell)) return Errors.notFinite(arg, at);
    return cell;
  }
  if (isBlank(cell)) return 0;
  if (typeof cell === "string") return Errors.text(arg, cell, at);
  if (typeof cell === "boolean") return Errors.boolean(arg, cell, at);
  return Errors.notANumber(arg, cell, at);
}

/**
 * A usage range as monthly list dollars (DOMAIN.md "Usage series"): one column or one row is a
 * series; with several rows and columns, rows are months and columns are summed. Blanks are 0;
 * trailing months that are all blank or 0 are dropped, so the term does not depend on whether the
 * platform passes an empty cell as 0 or as null.
 */
export function parseUsage(arg: string, grid: Grid): number[] | LeverError {
  const rows = grid.length;
  let columns = 0;
  for (const row of grid) if (row.length > columns) columns = row.length;
  const across = rows === 1 && columns > 1;
  const months = across ? columns : rows;
  const series = new Array<number>(months).fill(0);
  for (let r = 0; r < rows; r++) {
    const row = grid[r]!;
    for (let c = 0; c < row.length; c++) {
      const at = cellAtIndex(r, c);
      const value = cellNumber(arg, row[c], at);
      if (isLeverError(value)) return value;
      if (value < 0) return Errors.negative(arg, value, at);
      if (value > MAX_DOLLARS) return Errors.tooMuch(arg, value, MAX_DOLLARS, at);
      series[across ? c : r]! += value;
    }
  }
  let last = months;
  while (last > 0 && series[last - 1] === 0) last--;
  if (last === 0) return Errors.emptyUsage(arg);
  series.length = last;
  return series;
}

/** Dollars, 0 or more (a commit, a price). */
export function parseMoney(arg: string, cell: Cell, at?: CellAt): number | LeverError {
  const value = cellNumber(arg, cell, at);
  if (isLeverError(value)) return value;
  if (value < 0) return Errors.negative(arg, value, at);
  if (value > MAX_DOLLARS) return Errors.tooMuch(arg, value, MAX_DOLLARS, at);
  return value;
}

/** A decimal rate with a closed or open top; 15 for 15% is caught and the message suggests 0.15. */
function parseFraction(
  arg: string,
  cell: Cell,
  at: CellAt | undefined,
  low: number,
  high: number,
  range: string,
  openTop: boolean,
) {
  const value = cellNumber(arg, cell, at);
  if (isLeverError(value)) return value;
  const aboveTop = openTop ? value >= high : value > high;
  if (aboveTop && value > 1 && value <= 100) return Errors.wholePercent(arg, value, at);
  if (value < low || aboveTop || (low < 0 && value === low)) return Errors.outOfRange(arg, value, range, at);
  return value;
}

/** A discount: 0 <= d < 1. */
export function parseDiscount(arg: string, cell: Cell, at?: CellAt): number | LeverError {
  return parseFraction(arg, cell, at, 0, 1, "[0, 1)", true);
}

/** A share of something (carryover, excluded share, a cap): 0 <= x <= 1. */
export function parseShare(arg: string, cell: Cell, at?: CellAt): number | LeverError {
  return parseFraction(arg, cell, at, 0, 1, "[0, 1]", false);
}

/** A yearly price change or step (uplift, step-up): -1 < x <= 1; negative means prices fall. */
export function parseChange(arg: string, cell: Cell, at?: CellAt): number | LeverError {
  return parseFraction(arg, cell, at, -1, 1, "(-1, 1]", false);
}

/** A price as a multiple of list (1 = list): 0 <= m <= 3. */
export function parseListMultiple(arg: string, cell: Cell, at?: CellAt): number | LeverError {
  const value = cellNumber(arg, cell, at);
  if (isLeverError(value)) return value;
  if (value > MAX_LIST_MULTIPLE && value <= 100) return Errors.wholePercent(arg, value, at);
  if (value < 0 || value > MAX_LIST_MULTIPLE) return Errors.outOfRange(arg, value, `[0, ${MAX_LIST_MULTIPLE}]`, at);
  return value;
}

/** The overage rate: a multiple of list, or the word "committed". */
export function parseOverageRate(arg: string, cell: Cell, at?: CellAt): OverageRate | LeverError {
  if (typeof cell === "string" && cell.trim() !== "") {
    if (cell.trim().toLowerCase() === "committed") return "committed";
    return Errors.unknownWord(arg, cell, ["committed"], at);
  }
  return parseListMultiple(arg, cell, at);
}

/** The word that says a cap is not set (DOMAIN.md "Blank cells inside ranges": a blank is 0, not "no cap"). */
export const NO_CAP = "none";

/** A cap as a share in [0, 1], or the word `none` (undefined: no cap). A blank is a cap of 0. */
export function parseCap(arg: string, cell: Cell, at?: CellAt): number | undefined | LeverError {
  if (typeof cell === "string" && cell.trim() !== "") {
    if (cell.trim().toLowerCase() === NO_CAP) return undefined;
    return Errors.unknownWord(arg, cell, [NO_CAP, "a share such as 0.05"], at);
  }
  return parseShare(arg, cell, at);
}

/** A whole number of months, 1 or more. */
export function parseMonths(arg: string, cell: Cell, at?: CellAt): number | LeverError {
  const value = cellNumber(arg, cell, at);
  if (isLeverError(value)) return value;
  if (!Number.isInteger(value) || value < 1) return Errors.notWholeMonths(arg, value, at);
  if (value > MAX_MONTHS) return Errors.tooMuch(arg, value, MAX_MONTHS, at);
  return value;
}

/**
 * A term length in a terms table (DOMAIN.md "Usage series"): whole months, 1 or more; a blank cell
 * (which Excel desktop hands over as 0) states no term, so the usage's own length is the term.
 */
export function parseTermMonths(arg: string, cell: Cell, at?: CellAt): number | undefined | LeverError {
  if (cell === null || cell === 0 || (typeof cell === "string" && cell.trim() === "")) return undefined;
  return parseMonths(arg, cell, at);
}

/**
 * A volatility (a standard deviation of a log: the level's, or a year's growth): 0 <= s <= 3.
 * Above 3 and up to 100 it is a percent typed as a whole number (20 for 20%).
 */
export function parseVolatility(arg: string, cell: Cell, at?: CellAt): number | LeverError {
  return parseFraction(arg, cell, at, 0, 3, "[0, 3]", false);
}

/** A whole count between `low` and `high` (points on a curve). */
export function parseCount(arg: string, cell: Cell, low: number, high: number): number | LeverError {
  const value = cellNumber(arg, cell);
  if (isLeverError(value)) return value;
  if (!Number.isInteger(value) || value < low || value > high) {
    return Errors.outOfRange(arg, value, `whole numbers ${low} to ${high}`);
  }
  return value;
}

/** A yes/no flag: TRUE/FALSE or 1/0. */
export function parseFlag(arg: string, cell: Cell, at?: CellAt): boolean | LeverError {
  if (typeof cell === "boolean") return cell;
  const value = cellNumber(arg, cell, at);
  if (isLeverError(value)) return value;
  if (value !== 0 && value !== 1) return Errors.outOfRange(arg, value, "{0, 1}", at);
  return value === 1;
}
