/**
 * The one runner between Excel and the core. Each function's catalogue entry declares its arguments
 * once (a reader per argument, a default for the optional ones); `run` hands them to one of two
 * paths:
 *   - the single-value path (`invoke`): one call of the core, one result (a number or a table);
 *   - the element-wise path (`invokeElementwise`), for an entry whose single-value arguments may be
 *     ranges: one call of the core per element, spilled, in the shape the entry declares
 *     ("same": ranges of one shape; "broadcast": ranges repeat to the largest, DOMAIN.md "Arrays
 *     in, arrays out").
 * Both return any Excel error passed in unchanged, read every argument through its reader (null or
 * missing -> the default), and turn a core error into the `CustomFunctions.Error` with its message
 * (./boundary.ts). No function parses its own input, and nothing a user types can make a function
 * throw anything but an Excel error.
 */
import type { FunctionEntry, ParamEntry } from "../catalogue/functions";
import { CellAt, cellAtIndex, Errors, gather, isLeverError, LeverError } from "../core";
import { maxOf } from "../core/arrays";
import {
  CellParam,
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
import {
  CellResult,
  checkResult,
  EachResult,
  elementResult,
  firstExcelError,
  isExcelError,
  toExcelError,
  unexpected,
  unwrap,
} from "./boundary";

/**
 * The single-value path: reads the arguments by `spec`, calls `compute`, and returns its result;
 * any error (an Excel error passed in, a bad argument, a core error) is thrown as the
 * `CustomFunctions.Error` that Excel shows in the cell. Excel errors come first, in argument order,
 * then the arguments are read in order.
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
    const read = readWhole(p, name, values[name]);
    if (isLeverError(read)) throw toExcelError(read);
    parsed[name] = read;
  }
  let result: R | LeverError;
  try {
    result = compute(parsed as Parsed<S>);
  } catch (e) {
    throw unexpected(e);
  }
  const checked = isLeverError(result) ? result : checkResult(result);
  if (isLeverError(checked)) throw toExcelError(checked);
  return checked as R;
}

/** One argument read whole by its reader; an omitted optional one takes its default. */
function readWhole(p: Param<unknown>, name: string, value: unknown): unknown {
  return p.optional && isLeftOut(p, value) ? p.fallback : p.read(name, value);
}

// ---------------------------------------------------------------------------------------------
// The element-wise path.

/*
 * How an element-wise function's ranges make its result (DOMAIN.md "Arrays in, arrays out"), its
 * shape, `broadcast` below:
 *   - "same" (LIST_COST, OPTIMIZED_COST, EFFECTIVE_RATE): the ranges must all have one shape, the
 *     result's; a single value applies to every element, and is checked once, as a whole argument
 *     is: a bad one fails the call.
 *   - "broadcast" (the ledger and lever functions, BAND_DISCOUNT, SHORTFALL): the result has the
 *     largest row count and the largest column count among the arguments; an argument of one row
 *     (column) repeats down (across), and a cell beyond a shorter argument's extent is #N/A, as
 *     Excel's own lifting does. A single value is a range of one cell: a bad one shows its error in
 *     every cell, as Excel repeats a single #N/A.
 */

/** Where an argument of `extent` rows (or columns) is read for the result's row (column) `at`; -1 beyond it. */
function indexIn(extent: number, at: number): number {
  return extent === 1 ? 0 : at < extent ? at : -1;
}

/** An argument read element by element: each cell's value, or the error its own cell shows. */
interface ElementArgument {
  readonly name: string;
  readonly rows: number;
  readonly columns: number;
  readonly values: unknown[];
  readonly errors: (CustomFunctions.Error | undefined)[];
}

function readElements(name: string, param: CellParam<unknown>, value: unknown): ElementArgument {
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
      if (isLeverError(read)) {
        // The place is named inside a range only: a single value is no row and column of anything.
        const at = rows * columns > 1 ? cellAtIndex(r, c) : undefined;
        errors[k] = toExcelError(readCell(param, name, cell, at) as LeverError);
      } else values[k] = read;
    }
  }
  return { name, rows, columns, values, errors };
}

/** Whether a parameter's reader can read one cell of a range (naming that cell in its errors). */
const hasCellReader = (param: Param<unknown>): param is CellParam<unknown> => "cell" in param;

/**
 * The element-wise path. With no range among the arguments that have a cell reader (a lone value,
 * or a 1x1 range as a `matrix` parameter receives one cell) it is exactly `invoke`, returned as a
 * 1x1 result (a dynamic-array function returns a 2-D array: custom-functions-dynamic-arrays).
 * Otherwise, in this order:
 *   1. every argument not read element by element (see the shapes above): an Excel error in one fails the
 *      call, in argument order. "broadcast" reads each as it goes (a bad one fails the call) and
 *      gathers usage into periods once (`core.gather`); "same" reads them all after step 2;
 *   2. an empty range fails the call; with "same", so do ranges of different shapes;
 *   3. each element runs `compute` on its own arguments (and, for "same", its cell); a bad cell
 *      (an Excel error, text for a number, an unknown model) shows its error in its own element
 *      only, and the other elements still compute, as Excel's own array arithmetic does.
 */
export function invokeElementwise(
  /** The shape: true for "broadcast", false for "same". */
  broadcast: boolean,
  params: readonly { readonly name: string; readonly param: Param<unknown> }[],
  raw: Record<string, unknown>,
  compute: (args: Record<string, unknown>, at?: CellAt) => number | LeverError,
): EachResult {
  const isRange = (p: { readonly name: string; readonly param: Param<unknown> }) =>
    hasCellReader(p.param) && !isSingle(raw[p.name]);
  if (!params.some(isRange)) {
    const spec: Spec = {};
    const singles: Record<string, unknown> = { ...raw };
    for (const { name, param } of params) {
      spec[name] = param;
      if (hasCellReader(param) && Array.isArray(raw[name])) singles[name] = elementAt(raw[name], 0, 0);
    }
    return [[invoke(spec, singles, compute)]];
  }

  const elementwise = params.filter((p) => isRange(p) || (broadcast && hasCellReader(p.param)));
  // The rest are read once: whole arguments (usage, tables) and, with "same", single values.
  const fixed = params.filter((p) => !elementwise.includes(p));
  const args: Record<string, unknown> = {};
  const readFixed = (name: string, param: Param<unknown>, value: unknown) => {
    // A single value of a cell reader ("same") is read as its one cell.
    const read = hasCellReader(param) ? readCell(param, name, elementAt(value, 0, 0)) : readWhole(param, name, value);
    if (isLeverError(read)) throw toExcelError(read);
    args[name] = param.kind === "usage" ? gather(read as number[]) : read;
  };
  const values: Record<string, unknown> = {};
  for (const { name, param } of fixed) {
    const value = (values[name] = unwrap(name, raw[name]));
    const passed = firstExcelError(value);
    if (passed) throw passed;
    if (broadcast) readFixed(name, param, value);
  }
  const empty = elementwise.find((p) => isEmptyRange(raw[p.name]));
  if (empty) throw toExcelError(Errors.emptyRange(empty.name));
  if (!broadcast) {
    const common = commonShape(elementwise.map((p) => [p.name, shapeOf(raw[p.name])] as const));
    if (isLeverError(common)) throw toExcelError(common);
    for (const { name, param } of fixed) readFixed(name, param, values[name]);
  }

  const read = elementwise.map((p) => readElements(p.name, p.param as CellParam<unknown>, raw[p.name]));
  const rows = maxOf(read.map((a) => a.rows));
  const columns = maxOf(read.map((a) => a.columns));
  // A good single value is every element's: set once. A bad one stays in the loop, so every cell
  // shows its error, as Excel's own lifting repeats a single #N/A into every cell.
  const varying: ElementArgument[] = [];
  for (const a of read) {
    if (a.rows !== 1 || a.columns !== 1 || a.errors[0]) varying.push(a);
    else args[a.name] = a.values[0];
  }

  // "same" computes name the element's cell in their own errors (an unknown model at row 3,
  // column 1), so they get its place; "broadcast" ones do not, and a good element then allocates nothing.
  const placed = !broadcast;
  const element = (r: number, c: number): number | CustomFunctions.Error => {
    for (const a of varying) {
      const row = indexIn(a.rows, r);
      const column = indexIn(a.columns, c);
      if (row < 0 || column < 0) {
        return toExcelError(Errors.beyondRange(a.name, cellAtIndex(r, c), a.rows, a.columns));
      }
      const k = row * a.columns + column;
      const error = a.errors[k];
      if (error) return error;
      args[a.name] = a.values[k];
    }
    let result: number | LeverError;
    try {
      result = compute(args, placed ? cellAtIndex(r, c) : undefined);
    } catch (e) {
      return unexpected(e);
    }
    return typeof result === "number" && Number.isFinite(result) ? result : elementResult(result, cellAtIndex(r, c));
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

/** What a function returns to Excel: its compute's result, or, element by element, a spilled grid. */
export type Output<R, Each extends boolean, Lifts extends boolean> = Each extends true
  ? EachResult
  : Lifts extends true
    ? EachResult
    : R;

/**
 * Runs a catalogue entry on the arguments Excel passed, in its parameter order (the compiler
 * checks the count): the element-wise path in the entry's shape, or the single-value path.
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
  // Element by element: "broadcast" when the entry lifts, "same" when it is `each`.
  const broadcast = entry.lifts === true;
  if (broadcast || entry.each === true) {
    return invokeElementwise(
      broadcast,
      entry.params,
      values,
      compute as (a: Record<string, unknown>, at?: CellAt) => number | LeverError,
    ) as Output<R, Each, Lifts>;
  }
  const spec = Object.fromEntries(entry.params.map((p) => [p.name, p.param]));
  return invoke(spec, values, compute) as Output<R, Each, Lifts>;
}
