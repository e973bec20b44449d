/**
 * The one set of argument readers (src/sheet: cell values <-> core values), shared by the functions
 * and the pane: how a value a spreadsheet hands over (a single cell, a range as a 2-D array, null
 * for an omitted argument) becomes a checked core value or a typed error naming the argument and
 * the cell. Excel's own error values and data types are the functions layer's (src/functions/boundary.ts).
 */
import { Band, CellAt, cellAtIndex, Errors, isBlank, isLeverError, LeverError, OverageRate, PriceBook } from "../core";
import {
  Cell,
  Grid,
  parseCap,
  parseChange,
  parseCount,
  parseDiscount,
  parseListMultiple,
  parseMoney,
  parseMonths,
  parseOverageRate,
  parseShare,
  parseUsage,
  parseVolatility,
} from "./cells";
import { monthCell, parseBands, parsePriceBook } from "./tables";

/** How one argument is read from what Excel passes. */
export interface Param<T> {
  readonly read: (name: string, value: unknown) => T | LeverError;
  /** An optional argument may be omitted (Excel passes null); it then takes `fallback`. */
  readonly optional: boolean;
  readonly fallback?: T;
  /** A text argument: no number is ever valid, so 0 (Excel desktop's empty cell, office-js #4702) is blank. */
  readonly text?: boolean;
  /** What kind of value it reads ("money", "usage", ...): the tests choose their bad values by it. */
  readonly kind: string;
}

export function toCell(value: unknown): Cell | LeverError {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") return value;
  return Errors.notANumber("value", value);
}

/** A single value from what may be a one-cell range. */
function single(name: string, value: unknown): Cell | LeverError {
  if (Array.isArray(value)) {
    const rows = value.length;
    const columns = rows > 0 && Array.isArray(value[0]) ? (value[0] as unknown[]).length : 1;
    if (rows === 1 && columns === 1) return single(name, Array.isArray(value[0]) ? value[0][0] : value[0]);
    return Errors.shape(name, "a single value", `a range of ${rows} rows and ${columns} columns`);
  }
  const cell = toCell(value);
  return isLeverError(cell) ? Errors.notANumber(name, value) : cell;
}

/** A range as a grid of cells (a lone value is a 1x1 range). Checked in place: a whole column is not copied. */
function toGrid(name: string, value: unknown): Grid | LeverError {
  if (isEmptyRange(value)) return Errors.emptyRange(name);
  if (!Array.isArray(value)) value = [[value]];
  const rows = value as unknown[];
  let rowsAreArrays = true;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    if (!Array.isArray(row)) {
      rowsAreArrays = false;
      if (isLeverError(toCell(row))) return Errors.notANumber(name, row, cellAtIndex(r, 0));
      continue;
    }
    for (let c = 0; c < row.length; c++) {
      const cell: unknown = row[c];
      if (cell !== null && typeof cell === "object") return Errors.notANumber(name, cell, cellAtIndex(r, c));
    }
  }
  // Array.from, not map: a hole in a sparse array is a blank row here, not a missing one.
  return rowsAreArrays
    ? (rows as Grid)
    : Array.from(rows, (row) => (Array.isArray(row) ? (row as Cell[]) : [row as Cell]));
}

function scalar<T>(parse: (name: string, cell: Cell) => T | LeverError) {
  return (name: string, value: unknown): T | LeverError => {
    const cell = single(name, value);
    return isLeverError(cell) ? cell : parse(name, cell);
  };
}

export type Spec = Record<string, Param<unknown>>;
export type Parsed<S extends Spec> = { [K in keyof S]: S[K] extends Param<infer T> ? T : never };
export type Raw<S extends Spec> = { [K in keyof S]: unknown };

/** A required argument, or an optional one when a default is given. */
function param<T>(kind: string, read: Param<T>["read"], fallback?: T): Param<T> {
  return fallback === undefined ? { kind, read, optional: false } : { kind, read, optional: true, fallback };
}

/** An optional argument with no default: omitted, it arrives as `undefined`. */
export function optional<T>(p: Param<T>): Param<T | undefined> {
  return { kind: p.kind, read: p.read, optional: true, text: p.text };
}

/** A text argument (see `Param.text`). */
function textParam<P extends Param<unknown>>(p: P): P {
  return { ...p, text: true };
}

/** Whether an optional argument was left out: nothing, blank text, or (for text) Excel desktop's 0 for an empty cell. */
export function isLeftOut(p: Param<unknown>, value: unknown): boolean {
  return isOmitted(value) || (p.text === true && value === 0);
}

/** A range with no cells at all ([] or rows of nothing): not a blank cell, no range at all. */
export function isEmptyRange(value: unknown): boolean {
  return Array.isArray(value) && value.every((row) => Array.isArray(row) && row.length === 0);
}

function parseText(name: string, cell: Cell): string | LeverError {
  if (typeof cell === "string" && cell.trim() !== "") return cell.trim();
  if (cell === null || cell === undefined || typeof cell === "string") return Errors.missing(name);
  return Errors.notText(name, cell);
}

/**
 * The argument kinds of the LEVERS functions. Pass a default to make the argument optional. The
 * single-value kinds also read one cell of a range (`CellParam`), so a lifted function (DOMAIN.md
 * "Arrays in, arrays out") can take a range of them and read each element, naming its cell.
 */
export const arg = {
  /** Dollars, >= 0. */
  money: (fallback?: number) => cellwise("money", parseMoney, fallback),
  /** A decimal discount in [0, 1). */
  discount: (fallback?: number) => cellwise("discount", parseDiscount, fallback),
  /** A decimal share in [0, 1]. */
  share: (fallback?: number) => cellwise("share", parseShare, fallback),
  /** A cap as a decimal share in [0, 1], or the word "none" (no cap). */
  cap: (fallback?: number) => cellwise("cap", parseCap, fallback),
  /** A decimal yearly change in (-1, 1]. */
  change: (fallback?: number) => cellwise("change", parseChange, fallback),
  /** A multiple of list price in [0, 3]. */
  listMultiple: (fallback?: number) => cellwise("listMultiple", parseListMultiple, fallback),
  /** A multiple of list price, or "committed". */
  overageRate: (fallback?: OverageRate) => cellwise("overage", parseOverageRate, fallback),
  /** A whole number of months >= 1. */
  months: (fallback?: number) => cellwise("months", parseMonths, fallback),
  /** A whole number of months >= 1 that may be left out (the explicit term: DOMAIN.md "Usage series"). */
  optionalMonths: () => optionalCell(cellwise("months", parseMonths)),
  /** A usage range: monthly list dollars. */
  usage: (): Param<number[]> =>
    param("usage", (name, value) => {
      const grid = toGrid(name, value);
      return isLeverError(grid) ? grid : parseUsage(name, grid);
    }),
  /**
   * Monthly list dollars that may be none (BURNDOWN's actuals before the first month is in, an
   * empty projection when the term ends with the actuals): an empty, blank or all-zero range is no
   * months; anything else reads as usage does.
   */
  series: (): Param<number[]> =>
    param("series", (name, value) => {
      if (isEmptyRange(value)) return [];
      const grid = toGrid(name, value);
      if (isLeverError(grid)) return grid;
      const series = parseUsage(name, grid);
      return isLeverError(series) && series.message === Errors.emptyUsage(name).message ? [] : series;
    }),
  /** A non-blank text value (a model name, a method word), trimmed. */
  text: (fallback?: string) => textParam(param("text", scalar(parseText), fallback)),
  /** A table range read by `parse` (a bands or terms table): the grid checked, then parsed. */
  table: <T>(kind: string, parse: (name: string, grid: Grid) => T | LeverError): Param<T> =>
    param(kind, (name, value) => {
      const grid = toGrid(name, value);
      return isLeverError(grid) ? grid : parse(name, grid);
    }),
  /** A discount bands table (threshold | discount). */
  bands: (): Param<Band[]> => arg.table("bands", parseBands),
  /** A volatility (a standard deviation of a log: the level's, or a year's growth) in [0, 3]. */
  volatility: (fallback?: number) => param("volatility", scalar(parseVolatility), fallback),
  /** A volatility that may be a range, element by element (FORFEIT_CHANCE lifts over it). */
  volatilityCell: (fallback?: number) => cellwise("volatility", parseVolatility, fallback),
  /** A whole count in [low, high]. */
  count: (low: number, high: number, fallback?: number) =>
    param(
      "count",
      scalar((name, cell) => parseCount(name, cell, low, high)),
      fallback,
    ),
  /** A price book range (PRICE_BOOK's columns, header optional); omitted, the built-in book. */
  priceBook: (fallback?: PriceBook): Param<PriceBook> =>
    param(
      "priceBook",
      (name, value) => {
        const grid = toGrid(name, value);
        return isLeverError(grid) ? grid : parsePriceBook(name, grid);
      },
      fallback,
    ),
  /** A word from a fixed list (a price kind, a method), checked by `parse`. */
  word: <T extends string>(parse: (name: string, word: string) => T | LeverError, fallback?: T): Param<T> =>
    textParam(
      param(
        "word",
        scalar((name, cell) => {
          const text = parseText(name, cell);
          return isLeverError(text) ? text : parse(name, text);
        }),
        fallback,
      ),
    ),
  /** A usage range as its monthly series, remembering which cell holds each month (for messages). */
  usageRange: (): Param<UsageRange> =>
    param("usage", (name, value) => {
      const grid = toGrid(name, value);
      if (isLeverError(grid)) return grid;
      const series = parseUsage(name, grid);
      return isLeverError(series) ? series : { series, cellOf: (month: number) => monthCell(grid, month) };
    }),
  /** A range read cell by cell with a cell reader (errors name the cell); a single value is a 1x1 range. */
  range: <T>(p: CellParam<T>): Param<Matrix<T>> => param(`${p.kind}Range`, (name, value) => readMatrix(name, value, p)),
} as const;

/** A usage range's monthly series, and where each month sits in the range (1-based month). */
export interface UsageRange {
  readonly series: number[];
  readonly cellOf: (month: number) => CellAt;
}

/** A range read cell by cell: `cells[row][column]`, 0-based. */
export interface Matrix<T> {
  readonly rows: number;
  readonly columns: number;
  readonly cells: readonly (readonly T[])[];
}

/** A reader that can also read one cell of a range, naming that cell in its errors. */
export interface CellParam<T> extends Param<T> {
  readonly cell: (name: string, cell: Cell, at?: CellAt) => T | LeverError;
}

type CellParse<T> = (name: string, cell: Cell, at?: CellAt) => T | LeverError;
export type CellSpec = Record<string, CellParam<unknown>>;

function cellwise<T>(kind: string, parse: CellParse<T>, fallback?: T): CellParam<T> {
  return { ...param(kind, scalar(parse), fallback), cell: parse };
}

function optionalCell<T>(p: CellParam<T>): CellParam<T | undefined> {
  return { kind: p.kind, read: p.read, cell: p.cell, optional: true, text: p.text };
}

/** A non-blank text cell (a model name), trimmed; a blank cell inside a range is named. */
function parseName(name: string, cell: Cell, at?: CellAt): string | LeverError {
  if (typeof cell === "string" && cell.trim() !== "") return cell.trim();
  // 0 is Excel desktop's empty cell (office-js #4702, #5262): no model is named 0.
  if (isBlank(cell)) {
    return at ? Errors.blankCell(name, at) : Errors.missing(name);
  }
  return Errors.notText(name, cell, at);
}

/** Readers for arguments that are a single value or a range read element by element. */
export const cells = {
  /** Dollars, >= 0. */
  money: (fallback?: number) => cellwise("money", parseMoney, fallback),
  /** Tokens in MTok, >= 0: checked as money is (a finite number, not negative, not absurdly large). */
  mtok: (fallback?: number) => cellwise("mtok", parseMoney, fallback),
  /** A decimal discount in [0, 1). */
  discount: (fallback?: number) => cellwise("discount", parseDiscount, fallback),
  /** A decimal share in [0, 1]. */
  share: (fallback?: number) => cellwise("share", parseShare, fallback),
  /** A non-blank text value (a model name). */
  text: () => textParam(cellwise("model", parseName)),
  /** Text that may be left out: omitted or blank, it arrives as `undefined`. */
  optionalText: () => optionalCell(textParam(cellwise("routeTo", parseName))),
} as const;

export interface Shape {
  readonly rows: number;
  readonly columns: number;
}

/** The shape of what Excel passed: a lone value is 1 by 1. */
export function shapeOf(value: unknown): Shape {
  if (!Array.isArray(value)) return { rows: 1, columns: 1 };
  let columns = 0;
  const rows = value as unknown[];
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    const width = Array.isArray(row) ? row.length : 1;
    if (width > columns) columns = width;
  }
  return { rows: value.length, columns };
}

/** Whether what Excel passed is one value: a lone value or a 1x1 range (looked at without a scan). */
export function isSingle(value: unknown): boolean {
  if (!Array.isArray(value)) return true;
  if (value.length !== 1) return false;
  const row: unknown = value[0];
  return !Array.isArray(row) || row.length === 1;
}

/** One element of what Excel passed (a lone value is every element). */
export function elementAt(value: unknown, row: number, column: number): unknown {
  if (!Array.isArray(value)) return value;
  const r: unknown = value[row];
  return Array.isArray(r) ? (r as unknown[])[column] : r;
}

function describeShape({ rows, columns }: Shape): string {
  return `${rows} row${rows === 1 ? "" : "s"} by ${columns} column${columns === 1 ? "" : "s"}`;
}

/**
 * The common shape of several ranges; single values fit any shape. Undefined when all are single;
 * a mismatch is the #VALUE! that names both arguments and their shapes.
 */
export function commonShape(
  named: readonly (readonly [string, Shape])[],
): (Shape & { name: string }) | undefined | LeverError {
  let common: (Shape & { name: string }) | undefined;
  for (const [name, shape] of named) {
    if (shape.rows === 1 && shape.columns === 1) continue;
    if (!common) common = { ...shape, name };
    else if (shape.rows !== common.rows || shape.columns !== common.columns) {
      return Errors.sameShape(name, describeShape(shape), common.name, describeShape(common));
    }
  }
  return common;
}

function isOmitted(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === "string" && value.trim() === "");
}

/** One cell through a cell reader: blank optional cells take the default. */
export function readCell<T>(p: CellParam<T>, name: string, value: unknown, at?: CellAt): T | LeverError {
  if (p.optional && isLeftOut(p, value)) return p.fallback as T;
  const cell = toCell(value);
  if (isLeverError(cell)) return Errors.notANumber(name, value, at);
  return p.cell(name, cell, at);
}

function readMatrix<T>(name: string, value: unknown, p: CellParam<T>): Matrix<T> | LeverError {
  if (isEmptyRange(value)) return Errors.emptyRange(name);
  const shape = shapeOf(value);
  const single = shape.rows === 1 && shape.columns === 1;
  const out: T[][] = [];
  for (let r = 0; r < shape.rows; r++) {
    const row: T[] = [];
    for (let c = 0; c < shape.columns; c++) {
      const read = readCell(p, name, elementAt(value, r, c), single ? undefined : cellAtIndex(r, c));
      if (isLeverError(read)) return read;
      row.push(read);
    }
    out.push(row);
  }
  return { ...shape, cells: out };
}

/**
 * The shape several cell-by-cell ranges share (single values broadcast), or the #VALUE! for a
 * mismatch; `elementOf(m, r, c)` then reads element (r, c) of any of them.
 */
export function sameShape(named: readonly (readonly [string, Matrix<unknown>])[]): Shape | LeverError {
  const common = commonShape(named);
  return isLeverError(common) ? common : (common ?? { rows: 1, columns: 1 });
}

/** Element (row, column) of a range; a 1x1 range is every element. */
function elementOf<T>(m: Matrix<T>, row: number, column: number): T {
  return m.rows === 1 && m.columns === 1 ? m.cells[0]![0]! : m.cells[row]![column]!;
}

/**
 * Two cell-by-cell ranges of one shape (a single value applies to every element), flattened row by
 * row into two lists of the same length; ranges of different shapes are the #VALUE! naming both.
 */
export function pairs<A, B>(a: readonly [string, Matrix<A>], b: readonly [string, Matrix<B>]): [A[], B[]] | LeverError {
  const shape = sameShape([a, b]);
  if (isLeverError(shape)) return shape;
  const xs: A[] = [];
  const ys: B[] = [];
  for (let r = 0; r < shape.rows; r++) {
    for (let c = 0; c < shape.columns; c++) {
      xs.push(elementOf(a[1], r, c));
      ys.push(elementOf(b[1], r, c));
    }
  }
  return [xs, ys];
}
