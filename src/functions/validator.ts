/**
 * The one validator between Excel and the core. Each function declares its arguments once (a
 * reader per argument, a default for the optional ones); `invoke` then
 *   1. returns any Excel error passed in, unchanged (first argument first, row by row);
 *   2. reads every argument through its reader (null or missing -> the default);
 *   3. calls the core and turns a core error into a `CustomFunctions.Error` with its message.
 * No function parses its own input, and nothing a user types can make a function throw anything
 * but an Excel error.
 */
import {
  Cell,
  Deal,
  Errors,
  Grid,
  LeverError,
  OverageRate,
  parseChange,
  parseDiscount,
  parseListMultiple,
  parseMoney,
  parseMonths,
  parseOverageRate,
  parseShare,
  parseCap,
  isBlankOrZero,
  parseCount,
  parseUsage,
  parseVolatility,
  CellAt,
  monthCell,
  parsePriceBook,
  PriceBook,
} from "../core";

/** How one argument is read from what Excel passes. */
export interface Param<T> {
  readonly read: (name: string, value: unknown) => T | LeverError;
  /** An optional argument may be omitted (Excel passes null); it then takes `fallback`. */
  readonly optional: boolean;
  readonly fallback?: T;
  /** A text argument: no number is ever valid, so 0 (Excel desktop's empty cell, office-js #4702) is blank. */
  readonly text?: boolean;
}

type Spec = Record<string, Param<unknown>>;
type Parsed<S extends Spec> = { [K in keyof S]: S[K] extends Param<infer T> ? T : never };
type Raw<S extends Spec> = { [K in keyof S]: unknown };

/** A value returned to a cell: a number, or a spilled table (a cell of which may hold its own error). */
export type CellResult = number | (number | string | CustomFunctions.Error)[][];

/**
 * An Excel error arriving as input. With `allowErrorForDataTypeAny` in functions.json (added by the
 * build, scripts: functions.json post-step) Excel hands errors to a function instead of not calling
 * it (https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-errors, "Errors as custom
 * function inputs"). They arrive as `CustomFunctions.Error`-like objects with a `code`; with
 * `allowCustomDataForDataTypeAny` an error may also arrive as an ErrorCellValue
 * (`{ type: "Error", basicValue: "#N/A" }`): `unwrap` turns that into the first form.
 */
export function isExcelError(value: unknown): value is CustomFunctions.Error {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const code = (value as { code?: unknown }).code;
  return typeof code === "string" && code.startsWith("#");
}

/**
 * The error codes a custom function may return. #NAME? and #REF! (and Excel's newer errors: #SPILL!,
 * #CALC!, #BUSY!, ...) arrive as inputs but cannot be returned (CustomFunctions.ErrorCode: "supported
 * as a custom function input error, but not as a custom function output error").
 */
const RETURNABLE = new Set(["#VALUE!", "#N/A", "#NUM!", "#DIV/0!", "#NULL!"]);

/** An input error as the function returns it: the same error where Excel allows it, else #VALUE! naming it. */
function passThrough(name: string, error: CustomFunctions.Error, at?: CellAt): CustomFunctions.Error {
  if (RETURNABLE.has(error.code)) return error;
  const where = at ? ` at row ${at.row}, column ${at.column}` : "";
  return new CustomFunctions.Error(
    "#VALUE!" as CustomFunctions.ErrorCode,
    `${name}: the cell${where} holds ${error.code}; fix that cell`,
  );
}

interface CellValueLike {
  readonly type: string;
  readonly basicValue?: unknown;
  readonly basicType?: unknown;
}

function isCellValueObject(value: unknown): value is CellValueLike {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    typeof (value as { type?: unknown }).type === "string"
  );
}

/**
 * One cell as Excel's own arithmetic sees it. Because the metadata plugin writes
 * `allowCustomDataForDataTypeAny`, a cell holding a data type arrives as its CellValue object
 * (https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-data-types-concepts): a
 * formatted number or a typed double as `{ type, basicValue: 5 }`, an entity (Stocks, Currencies,
 * a linked entity) with `basicType: "Error"`, an error as `{ type: "Error", basicValue: "#N/A" }`.
 * The number or text inside is used, as `=A1+1` would; an entity has none and gets #VALUE! with a
 * message; an error becomes the error, passed through.
 */
function unwrapCell(name: string, value: unknown, at?: CellAt): unknown {
  if (!isCellValueObject(value) || isExcelError(value)) {
    return isExcelError(value) ? passThrough(name, value, at) : value;
  }
  if (value.type === "Error") {
    const code = typeof value.basicValue === "string" ? value.basicValue : "#VALUE!";
    return passThrough(name, new CustomFunctions.Error(code as CustomFunctions.ErrorCode), at);
  }
  if (value.type === "Empty") return null;
  const basic = value.basicValue;
  if (value.basicType !== "Error" && ["number", "string", "boolean"].includes(typeof basic)) return basic;
  return toExcelError(Errors.dataType(name, value.type, at));
}

/** Whether any cell of what Excel passed is an object (an error or a data type). Scanned in place. */
function hasObjectCell(value: unknown): boolean {
  if (!Array.isArray(value)) return typeof value === "object" && value !== null;
  for (const row of value as unknown[]) {
    if (Array.isArray(row)) {
      for (const cell of row as unknown[]) if (typeof cell === "object" && cell !== null) return true;
    } else if (typeof row === "object" && row !== null) return true;
  }
  return false;
}

/** What Excel passed, with every data type and error cell made plain (a copy only when there is one). */
function unwrap(name: string, value: unknown): unknown {
  if (!hasObjectCell(value)) return value;
  if (!Array.isArray(value)) return unwrapCell(name, value);
  const single = value.length === 1 && (!Array.isArray(value[0]) || (value[0] as unknown[]).length === 1);
  return Array.from(value as unknown[], (row, r) =>
    Array.isArray(row)
      ? Array.from(row as unknown[], (cell, c) =>
          unwrapCell(name, cell, single ? undefined : { row: r + 1, column: c + 1 }),
        )
      : unwrapCell(name, row, single ? undefined : { row: r + 1, column: 1 }),
  );
}

function firstExcelError(value: unknown): CustomFunctions.Error | undefined {
  if (Array.isArray(value)) {
    for (const row of value) {
      if (Array.isArray(row)) {
        for (const cell of row) if (isExcelError(cell)) return cell;
      } else if (isExcelError(row)) return row;
    }
    return undefined;
  }
  return isExcelError(value) ? value : undefined;
}

function toCell(value: unknown): Cell | LeverError {
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
  return cell instanceof LeverError ? Errors.notANumber(name, value) : cell;
}

/** A range as a grid of cells (a lone value is a 1x1 range). Checked in place: a whole column is not copied. */
export function toGrid(name: string, value: unknown): Grid | LeverError {
  if (isEmptyRange(value)) return Errors.emptyRange(name);
  if (!Array.isArray(value)) value = [[value]];
  const rows = value as unknown[];
  let rowsAreArrays = true;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    if (!Array.isArray(row)) {
      rowsAreArrays = false;
      if (toCell(row) instanceof LeverError) return Errors.notANumber(name, row, { row: r + 1, column: 1 });
      continue;
    }
    for (let c = 0; c < row.length; c++) {
      const cell: unknown = row[c];
      if (cell !== null && typeof cell === "object")
        return Errors.notANumber(name, cell, { row: r + 1, column: c + 1 });
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
    return cell instanceof LeverError ? cell : parse(name, cell);
  };
}

/** A required argument, or an optional one when a default is given. */
function param<T>(read: Param<T>["read"], fallback?: T): Param<T> {
  return fallback === undefined ? { read, optional: false } : { read, optional: true, fallback };
}

/** An optional argument with no default: omitted, it arrives as `undefined`. */
export function optional<T>(p: Param<T>): Param<T | undefined> {
  return { read: p.read, optional: true, text: p.text };
}

/** A text argument (see `Param.text`). */
function textParam<P extends Param<unknown>>(p: P): P {
  return { ...p, text: true };
}

/** Whether an optional argument was left out: nothing, blank text, or (for text) Excel desktop's 0 for an empty cell. */
function isLeftOut(p: Param<unknown>, value: unknown): boolean {
  return isOmitted(value) || (p.text === true && value === 0);
}

/** A range with no cells at all ([] or rows of nothing): not a blank cell, no range at all. */
function isEmptyRange(value: unknown): boolean {
  return Array.isArray(value) && value.every((row) => Array.isArray(row) && row.length === 0);
}

function parseText(name: string, cell: Cell): string | LeverError {
  if (typeof cell === "string" && cell.trim() !== "") return cell.trim();
  if (cell === null || cell === undefined || typeof cell === "string") return Errors.missing(name);
  return Errors.notText(name, cell);
}

/** The argument kinds of the LEVERS functions. Pass a default to make the argument optional. */
export const arg = {
  /** Dollars, >= 0. */
  money: (fallback?: number) => param(scalar(parseMoney), fallback),
  /** A decimal discount in [0, 1). */
  discount: (fallback?: number) => param(scalar(parseDiscount), fallback),
  /** A decimal share in [0, 1]. */
  share: (fallback?: number) => param(scalar(parseShare), fallback),
  /** A cap as a decimal share in [0, 1], or the word "none" (no cap). */
  cap: (fallback?: number) => param(scalar(parseCap), fallback),
  /** A decimal yearly change in (-1, 1]. */
  change: (fallback?: number) => param(scalar(parseChange), fallback),
  /** A multiple of list price in [0, 3]. */
  listMultiple: (fallback?: number) => param(scalar(parseListMultiple), fallback),
  /** A multiple of list price, or "committed". */
  overageRate: (fallback?: OverageRate) => param(scalar(parseOverageRate), fallback),
  /** A whole number of months >= 1. */
  months: (fallback?: number) => param(scalar(parseMonths), fallback),
  /** A usage range: monthly list dollars. */
  usage: (): Param<number[]> =>
    param((name, value) => {
      const grid = toGrid(name, value);
      return grid instanceof LeverError ? grid : parseUsage(name, grid);
    }),
  /** A non-blank text value (a model name, a method word), trimmed. */
  text: (fallback?: string) => textParam(param(scalar(parseText), fallback)),
  /** A range as cells, for the core to read (a price book, a bands or terms table). */
  grid: (): Param<Grid> => param(toGrid),
  /** A volatility (standard deviation of the log of usage) in [0, 2]. */
  volatility: (fallback?: number) => param(scalar(parseVolatility), fallback),
  /** A whole count in [low, high]. */
  count: (low: number, high: number, fallback?: number) =>
    param(
      scalar((name, cell) => parseCount(name, cell, low, high)),
      fallback,
    ),
  /** A price book range (PRICE_BOOK's columns, header optional); omitted, the built-in book. */
  priceBook: (fallback?: PriceBook): Param<PriceBook> =>
    param((name, value) => {
      const grid = toGrid(name, value);
      return grid instanceof LeverError ? grid : parsePriceBook(name, grid);
    }, fallback),
  /** A word from a fixed list (a price kind, a method), checked by `parse`. */
  word: <T extends string>(parse: (name: string, word: string) => T | LeverError, fallback?: T): Param<T> =>
    textParam(
      param(
        scalar((name, cell) => {
          const text = parseText(name, cell);
          return text instanceof LeverError ? text : parse(name, text);
        }),
        fallback,
      ),
    ),
  /** A usage range as its monthly series, remembering which cell holds each month (for messages). */
  usageRange: (): Param<UsageRange> =>
    param((name, value) => {
      const grid = toGrid(name, value);
      if (grid instanceof LeverError) return grid;
      const series = parseUsage(name, grid);
      return series instanceof LeverError ? series : { series, cellOf: (month: number) => monthCell(grid, month) };
    }),
  /** A range read cell by cell with a cell reader (errors name the cell); a single value is a 1x1 range. */
  range: <T>(p: CellParam<T>): Param<Matrix<T>> => param((name, value) => readMatrix(name, value, p)),
} as const;

/** The arguments every ledger function shares, in FUNCTIONS.md's order. */
export const dealArgs = {
  commit: arg.money(),
  usage: arg.usage(),
  discount: arg.discount(),
};

/** The deal the ledger runs, from parsed arguments (absent terms take their neutral values). */
export function dealOf(a: {
  commit: number;
  discount: number;
  overage_rate?: OverageRate;
  carryover?: number;
  period_months?: number;
}): Deal {
  return {
    commit: a.commit,
    discount: a.discount,
    overageRate: a.overage_rate ?? 1,
    carryover: a.carryover ?? 0,
    periodMonths: a.period_months ?? 12,
  };
}

const ERROR_CODES: Record<LeverError["type"], CustomFunctions.ErrorCode> = {
  "#VALUE!": "#VALUE!" as CustomFunctions.ErrorCode,
  "#NUM!": "#NUM!" as CustomFunctions.ErrorCode,
  "#N/A": "#N/A" as CustomFunctions.ErrorCode,
};

/** A core error as the Excel error a cell shows. */
export function toExcelError(error: LeverError): CustomFunctions.Error {
  return new CustomFunctions.Error(ERROR_CODES[error.type], error.message);
}

function checkResult(result: CellResult): CellResult | LeverError {
  if (typeof result === "number") {
    return Number.isFinite(result) ? result : Errors.notFinite("result");
  }
  // A spilled number that overflowed (an exponential fit, a share of a zero cost) shows #NUM! in its own cell.
  const finite = (v: unknown) => typeof v !== "number" || Number.isFinite(v);
  if (result.every((row) => row.every(finite))) return result;
  return result.map((row, r) =>
    row.map((v, c) => (finite(v) ? v : toExcelError(Errors.notFinite("result", { row: r + 1, column: c + 1 })))),
  );
}

/**
 * Reads the arguments by `spec`, calls `compute`, and returns its result; any error (an Excel
 * error passed in, a bad argument, a core error) is thrown as the `CustomFunctions.Error` that
 * Excel shows in the cell.
 */
export function invoke<S extends Spec, R extends CellResult>(
  spec: S,
  raw: Raw<S>,
  compute: (args: Parsed<S>) => R | LeverError,
): R {
  const values: Record<string, unknown> = {};
  for (const name of Object.keys(spec)) {
    values[name] = unwrap(name, raw[name]);
    const passed = firstExcelError(values[name]);
    if (passed) throw passed;
  }
  const parsed: Record<string, unknown> = {};
  for (const [name, p] of Object.entries(spec)) {
    const value = values[name];
    if (p.optional && isLeftOut(p, value)) {
      parsed[name] = p.fallback;
      continue;
    }
    const read = p.read(name, value);
    if (read instanceof LeverError) throw toExcelError(read);
    parsed[name] = read;
  }
  let result: R | LeverError;
  try {
    result = compute(parsed as Parsed<S>);
  } catch (e) {
    throw new CustomFunctions.Error(
      "#VALUE!" as CustomFunctions.ErrorCode,
      `unexpected error: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  const checked = result instanceof LeverError ? result : checkResult(result);
  if (checked instanceof LeverError) throw toExcelError(checked);
  return checked as R;
}

// ---------------------------------------------------------------------------------------------
// Element by element over ranges of the same shape, spilled (LIST_COST, OPTIMIZED_COST,
// EFFECTIVE_RATE), and ranges read cell by cell (EFFECTIVE_DISCOUNT).

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
type CellSpec = Record<string, CellParam<unknown>>;

function cellwise<T>(parse: CellParse<T>, fallback?: T): CellParam<T> {
  return { ...param(scalar(parse), fallback), cell: parse };
}

function optionalCell<T>(p: CellParam<T>): CellParam<T | undefined> {
  return { read: p.read, cell: p.cell, optional: true, text: p.text };
}

/** A non-blank text cell (a model name), trimmed; a blank cell inside a range is named. */
function parseName(name: string, cell: Cell, at?: CellAt): string | LeverError {
  if (typeof cell === "string" && cell.trim() !== "") return cell.trim();
  // 0 is Excel desktop's empty cell (office-js #4702, #5262): no model is named 0.
  if (isBlankOrZero(cell)) {
    return at ? Errors.blankCell(name, at) : Errors.missing(name);
  }
  return Errors.notTextAt(name, cell, at);
}

/** Readers for arguments that are a single value or a range read element by element. */
export const cells = {
  /** Dollars, >= 0. */
  money: (fallback?: number) => cellwise(parseMoney, fallback),
  /** Tokens in MTok, >= 0: checked as money is (a finite number, not negative, not absurdly large). */
  mtok: (fallback?: number) => cellwise(parseMoney, fallback),
  /** A decimal discount in [0, 1). */
  discount: (fallback?: number) => cellwise(parseDiscount, fallback),
  /** A decimal share in [0, 1]. */
  share: (fallback?: number) => cellwise(parseShare, fallback),
  /** A non-blank text value (a model name). */
  text: () => textParam(cellwise(parseName)),
  /** Text that may be left out: omitted or blank, it arrives as `undefined`. */
  optionalText: () => optionalCell(textParam(cellwise(parseName))),
} as const;

interface Shape {
  readonly rows: number;
  readonly columns: number;
}

/** The shape of what Excel passed: a lone value is 1 by 1. */
function shapeOf(value: unknown): Shape {
  if (!Array.isArray(value)) return { rows: 1, columns: 1 };
  const columns = value.reduce((m: number, row: unknown) => Math.max(m, Array.isArray(row) ? row.length : 1), 0);
  return { rows: value.length, columns };
}

function isSingle(value: unknown): boolean {
  const { rows, columns } = shapeOf(value);
  return rows === 1 && columns === 1;
}

/** One element of what Excel passed (a lone value is every element). */
function elementAt(value: unknown, row: number, column: number): unknown {
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
function commonShape(
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
function readCell<T>(p: CellParam<T>, name: string, value: unknown, at?: CellAt): T | LeverError {
  if (p.optional && isLeftOut(p, value)) return p.fallback as T;
  const cell = toCell(value);
  if (cell instanceof LeverError) return Errors.notANumber(name, value, at);
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
      const read = readCell(p, name, elementAt(value, r, c), single ? undefined : { row: r + 1, column: c + 1 });
      if (read instanceof LeverError) return read;
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
  return common instanceof LeverError ? common : (common ?? { rows: 1, columns: 1 });
}

/** Element (row, column) of a range; a 1x1 range is every element. */
export function elementOf<T>(m: Matrix<T>, row: number, column: number): T {
  return m.rows === 1 && m.columns === 1 ? m.cells[0]![0]! : m.cells[row]![column]!;
}

/** A spilled result whose cells may each hold their own error. */
export type EachResult = (number | CustomFunctions.Error)[][];

function unexpected(e: unknown): CustomFunctions.Error {
  return new CustomFunctions.Error(
    "#VALUE!" as CustomFunctions.ErrorCode,
    `unexpected error: ${e instanceof Error ? e.message : String(e)}`,
  );
}

/**
 * Element by element: each argument in `each` is a single value or a range; ranges must all have
 * the same shape (a single value applies to every element), and the result spills in that shape.
 * Arguments in `whole` (a price book) are read once. Then
 *   - an Excel error in a whole argument or a single value, a bad whole argument or single value,
 *     or ranges of different shapes fail the whole call (thrown, like `invoke`);
 *   - a bad cell inside a range (an Excel error, text for a number, an unknown model) fails only
 *     its own element, which shows the error with a message naming the cell; the other elements
 *     still compute, as Excel's own array arithmetic does;
 *   - a call with no ranges returns a 1x1 result, and throws its error if it has one.
 */
export function invokeEach<E extends CellSpec, W extends Spec>(
  each: E,
  whole: W,
  raw: Raw<E> & Raw<W>,
  compute: (args: Parsed<E> & Parsed<W>, at?: CellAt) => number | LeverError,
): EachResult {
  const eachSpec: CellSpec = each;
  const wholeSpec: Spec = whole;
  const passed = raw as Record<string, unknown>;
  const names = Object.keys(passed).filter((name) => name in eachSpec || name in wholeSpec);
  const values: Record<string, unknown> = Object.fromEntries(names.map((name) => [name, unwrap(name, passed[name])]));
  const spread = names.filter((name) => name in eachSpec && !isSingle(values[name]));

  for (const name of names) {
    if (spread.includes(name)) continue;
    const passed = firstExcelError(values[name]);
    if (passed) throw passed;
  }
  const empty = spread.find((name) => isEmptyRange(values[name]));
  if (empty) throw toExcelError(Errors.emptyRange(empty));
  const shape = commonShape(spread.map((name) => [name, shapeOf(values[name])] as const));
  if (shape instanceof LeverError) throw toExcelError(shape);

  const fixed: Record<string, unknown> = {};
  for (const name of names) {
    if (spread.includes(name)) continue;
    const value = values[name];
    const cellParam = eachSpec[name];
    let read: unknown;
    if (cellParam) {
      read = readCell(cellParam, name, elementAt(value, 0, 0));
    } else {
      const p = wholeSpec[name]!;
      read = p.optional && isLeftOut(p, value) ? p.fallback : p.read(name, value);
    }
    if (read instanceof LeverError) throw toExcelError(read);
    fixed[name] = read;
  }

  const element = (row: number, column: number): number | CustomFunctions.Error => {
    const where = shape ? { row: row + 1, column: column + 1 } : undefined;
    const args: Record<string, unknown> = { ...fixed };
    for (const name of spread) {
      const value = elementAt(values[name], row, column);
      if (isExcelError(value)) return value;
      const read = readCell(eachSpec[name]!, name, value, where);
      if (read instanceof LeverError) return toExcelError(read);
      args[name] = read;
    }
    let result: number | LeverError;
    try {
      result = compute(args as Parsed<E> & Parsed<W>, where);
    } catch (e) {
      return unexpected(e);
    }
    if (result instanceof LeverError) return toExcelError(result);
    return Number.isFinite(result) ? result : toExcelError(Errors.notFinite("result", where));
  };

  if (!shape) {
    const only = element(0, 0);
    if (typeof only !== "number") throw only;
    return [[only]];
  }
  return Array.from({ length: shape.rows }, (_, r) => Array.from({ length: shape.columns }, (_, c) => element(r, c)));
}
