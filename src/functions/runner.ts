/**
 * The one runner between Excel and the core. Each function's catalogue entry declares its arguments
 * once (a reader per argument, a default for the optional ones); `run` hands them to `invoke`, which
 *   1. returns any Excel error passed in, unchanged (first argument first, row by row);
 *   2. reads every argument through its reader (null or missing -> the default);
 *   3. calls the core and turns a core error into a `CustomFunctions.Error` with its message.
 * No function parses its own input, and nothing a user types can make a function throw anything
 * but an Excel error.
 */
import type { FunctionEntry, ParamEntry } from "../catalogue/functions";
import { CellAt, Errors, gather, LeverError } from "../core";
import { maxOf } from "../core/arrays";
import {
  CellParam,
  CellSpec,
  commonShape,
  elementAt,
  isEmptyRange,
  isLeftOut,
  isSingle,
  Param,
  Parsed,
  Raw,
  readCell,
  shapeOf,
  Spec,
} from "../sheet/readers";

/** A value returned to a cell: a number, or a spilled table (a cell of which may hold its own error). */
export type CellResult = number | (number | string | LeverError | CustomFunctions.Error)[][];

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
  // Indexed loops: a lifted call scans 1,000-cell columns here, and for-of is slower on arrays.
  const rows = value as unknown[];
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    if (Array.isArray(row)) {
      const cells = row as unknown[];
      for (let c = 0; c < cells.length; c++) {
        const cell = cells[c];
        if (typeof cell === "object" && cell !== null) return true;
      }
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
  // A spilled number that overflowed (an exponential fit, a share of a zero cost) shows #NUM! in its own
  // cell; a cell the core computed as an error (a bad row of an export) shows that error.
  const plain = (v: unknown) => (typeof v !== "number" || Number.isFinite(v)) && !(v instanceof LeverError);
  if (result.every((row) => row.every(plain))) return result;
  return result.map((row, r) =>
    row.map((v, c) =>
      v instanceof LeverError
        ? toExcelError(v)
        : plain(v)
          ? v
          : toExcelError(Errors.notFinite("result", { row: r + 1, column: c + 1 })),
    ),
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

// ---------------------------------------------------------------------------------------------
// Lifted over ranges (DOMAIN.md "Arrays in, arrays out"): the ledger and lever functions.

/** Where `shape` repeats to fill the result: its one row (or column) repeats; beyond a longer extent, none. */
function indexIn(extent: number, at: number): number {
  return extent === 1 ? 0 : at < extent ? at : -1;
}

/** One lifted argument read element by element: each cell's value, or the error its own cell shows. */
interface LiftedArgument {
  readonly name: string;
  readonly rows: number;
  readonly columns: number;
  readonly values: unknown[];
  readonly errors: (CustomFunctions.Error | undefined)[];
}

function readLifted(name: string, param: CellParam<unknown>, value: unknown): LiftedArgument {
  const { rows, columns } = shapeOf(value);
  const plain = unwrap(name, value);
  const values = new Array<unknown>(rows * columns);
  const errors = new Array<CustomFunctions.Error | undefined>(rows * columns);
  const grid = Array.isArray(plain) ? (plain as unknown[]) : [plain];
  for (let r = 0; r < rows; r++) {
    const line = grid[r];
    for (let c = 0; c < columns; c++) {
      const cell = Array.isArray(line) ? (line as unknown[])[c] : line;
      const k = r * columns + c;
      if (isExcelError(cell)) {
        errors[k] = cell;
        continue;
      }
      // Read without a place first: a valid cell (the common case) then costs no allocation.
      const read = readCell(param, name, cell);
      if (read instanceof LeverError) {
        // The place is named inside a range only: a single value is no row and column of anything.
        const at = rows * columns > 1 ? { row: r + 1, column: c + 1 } : undefined;
        errors[k] = toExcelError(readCell(param, name, cell, at) as LeverError);
      } else values[k] = read;
    }
  }
  return { name, rows, columns, values, errors };
}

/**
 * A lifted call. With every lifted argument a single value (a lone value, or a 1x1 range as a
 * `matrix` parameter receives one cell), it is exactly `invoke`, returned as a 1x1 result (a
 * dynamic-array function returns a 2-D array: custom-functions-dynamic-arrays). Otherwise:
 *   - the whole arguments (usage, tables) are read once: an Excel error or a bad value in one fails
 *     the call, as it would every cell; usage is gathered into periods once (`core.gather`);
 *   - each lifted argument is read cell by cell; the result has the largest row count and the
 *     largest column count among them; an argument of one row (column) repeats down (across); a cell
 *     beyond a longer argument's extent is #N/A, as Excel's own lifting does;
 *   - each element runs `compute` on its own arguments; a bad element shows its error in its own
 *     cell only.
 */
export function invokeLifted(
  params: readonly { readonly name: string; readonly param: Param<unknown> }[],
  raw: Record<string, unknown>,
  compute: (args: Record<string, unknown>) => number | LeverError,
): EachResult {
  const lifted = params.filter((p) => "cell" in p.param);
  const singles: Record<string, unknown> = { ...raw };
  let spread = false;
  for (const { name } of lifted) {
    const value = raw[name];
    if (!isSingle(value)) spread = true;
    else if (Array.isArray(value)) singles[name] = elementAt(value, 0, 0);
  }
  if (!spread) {
    const spec = Object.fromEntries(params.map((p) => [p.name, p.param]));
    return [[invoke(spec, singles, compute)]];
  }

  const args: Record<string, unknown> = {};
  for (const { name, param } of params) {
    if ("cell" in param) continue;
    const value = unwrap(name, raw[name]);
    const passed = firstExcelError(value);
    if (passed) throw passed;
    const read = param.optional && isLeftOut(param, value) ? param.fallback : param.read(name, value);
    if (read instanceof LeverError) throw toExcelError(read);
    args[name] = param.kind === "usage" ? gather(read as number[]) : read;
  }
  const empty = lifted.find((p) => isEmptyRange(raw[p.name]));
  if (empty) throw toExcelError(Errors.emptyRange(empty.name));
  const read = lifted.map((p) => readLifted(p.name, p.param as CellParam<unknown>, raw[p.name]));
  const rows = maxOf(read.map((a) => a.rows));
  const columns = maxOf(read.map((a) => a.columns));
  // A good single value is every element's: set once. A bad one stays in the loop, so every cell
  // shows its error, as Excel's own lifting repeats a single #N/A into every cell.
  const varying: LiftedArgument[] = [];
  for (const a of read) {
    if (a.rows !== 1 || a.columns !== 1 || a.errors[0]) varying.push(a);
    else args[a.name] = a.values[0];
  }

  const element = (r: number, c: number): number | CustomFunctions.Error => {
    for (const a of varying) {
      const row = indexIn(a.rows, r);
      const column = indexIn(a.columns, c);
      if (row < 0 || column < 0) {
        return toExcelError(Errors.beyondRange(a.name, { row: r + 1, column: c + 1 }, a.rows, a.columns));
      }
      const k = row * a.columns + column;
      const error = a.errors[k];
      if (error) return error;
      args[a.name] = a.values[k];
    }
    let result: number | LeverError;
    try {
      result = compute(args);
    } catch (e) {
      return unexpected(e);
    }
    if (result instanceof LeverError) return toExcelError(result);
    return Number.isFinite(result) ? result : toExcelError(Errors.notFinite("result", { row: r + 1, column: c + 1 }));
  };
  const out: EachResult = new Array<(number | CustomFunctions.Error)[]>(rows);
  for (let r = 0; r < rows; r++) {
    const row = new Array<number | CustomFunctions.Error>(columns);
    for (let c = 0; c < columns; c++) row[c] = element(r, c);
    out[r] = row;
  }
  return out;
}

/** What an adapter receives from Excel: one value per parameter of its entry, in order. */
export type RawArgs<Ps extends readonly unknown[]> = { [I in keyof Ps]: unknown };

/** What a function returns to Excel: its compute's result, or, element by element or lifted, a spilled grid. */
export type Output<R, Each extends boolean, Lifts extends boolean> = Each extends true
  ? EachResult
  : Lifts extends true
    ? EachResult
    : R;

/**
 * Runs a catalogue entry on the arguments Excel passed, in its parameter order (the compiler
 * checks the count): `invoke`, `invokeEach` for an element-by-element entry, or `invokeLifted`.
 */
export function run<
  const Ps extends readonly ParamEntry[],
  R extends CellResult | number,
  Each extends boolean,
  Lifts extends boolean,
>(entry: FunctionEntry<Ps, R, Each, Lifts>, ...raw: RawArgs<Ps>): Output<R, Each, Lifts> {
  const values: Record<string, unknown> = {};
  entry.params.forEach((p, i) => (values[p.name] = (raw as readonly unknown[])[i]));
  const compute = entry.compute as (a: Record<string, unknown>, at?: CellAt) => R | LeverError;
  if (entry.lifts === true) {
    return invokeLifted(entry.params, values, compute as (a: Record<string, unknown>) => number | LeverError) as Output<
      R,
      Each,
      Lifts
    >;
  }
  if (entry.each !== true) {
    const spec = Object.fromEntries(entry.params.map((p) => [p.name, p.param]));
    return invoke(spec, values, compute) as Output<R, Each, Lifts>;
  }
  const each: CellSpec = {};
  const whole: Spec = {};
  for (const p of entry.params) {
    if ("cell" in p.param) each[p.name] = p.param as CellParam<unknown>;
    else whole[p.name] = p.param;
  }
  return invokeEach(
    each,
    whole,
    values,
    compute as (a: Record<string, unknown>, at?: CellAt) => number | LeverError,
  ) as Output<R, Each, Lifts>;
}
