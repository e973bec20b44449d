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
  parseUsage,
} from "../core";

/** How one argument is read from what Excel passes. */
export interface Param<T> {
  readonly read: (name: string, value: unknown) => T | LeverError;
  /** The value an omitted (null) optional argument takes; absent for a required argument. */
  readonly fallback?: T;
}

type Spec = Record<string, Param<unknown>>;
type Parsed<S extends Spec> = { [K in keyof S]: S[K] extends Param<infer T> ? T : never };
type Raw<S extends Spec> = { [K in keyof S]: unknown };

/** A value returned to a cell: a number, or a spilled table. */
export type CellResult = number | (number | string)[][];

/** An Excel error arriving as input (CustomFunctionsRuntime 1.3 passes them as CustomFunctions.Error). */
export function isExcelError(value: unknown): value is CustomFunctions.Error {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const code = (value as { code?: unknown }).code;
  return typeof code === "string" && code.startsWith("#");
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

/** A range as a grid of cells (a lone value is a 1x1 range). */
export function toGrid(name: string, value: unknown): Grid | LeverError {
  const rows: unknown[] = Array.isArray(value) ? value : [[value]];
  const grid: Cell[][] = [];
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    const cells: unknown[] = Array.isArray(row) ? row : [row];
    const out: Cell[] = [];
    for (let c = 0; c < cells.length; c++) {
      const cell = toCell(cells[c]);
      if (cell instanceof LeverError) return Errors.notANumber(name, cells[c], { row: r + 1, column: c + 1 });
      out.push(cell);
    }
    grid.push(out);
  }
  return grid;
}

function scalar<T>(parse: (name: string, cell: Cell) => T | LeverError) {
  return (name: string, value: unknown): T | LeverError => {
    const cell = single(name, value);
    return cell instanceof LeverError ? cell : parse(name, cell);
  };
}

function param<T>(read: Param<T>["read"], fallback?: T): Param<T> {
  return fallback === undefined ? { read } : { read, fallback };
}

/** The argument kinds of the LEVERS functions. Pass a default to make the argument optional. */
export const arg = {
  /** Dollars, >= 0. */
  money: (fallback?: number) => param(scalar(parseMoney), fallback),
  /** A decimal discount in [0, 1). */
  discount: (fallback?: number) => param(scalar(parseDiscount), fallback),
  /** A decimal share in [0, 1]. */
  share: (fallback?: number) => param(scalar(parseShare), fallback),
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
  return result;
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
  for (const name of Object.keys(spec)) {
    const passed = firstExcelError(raw[name]);
    if (passed) throw passed;
  }
  const parsed: Record<string, unknown> = {};
  for (const [name, p] of Object.entries(spec)) {
    const value = raw[name];
    if ((value === null || value === undefined) && p.fallback !== undefined) {
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
