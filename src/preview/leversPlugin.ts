/**
 * The LEVERS.* custom functions as a HyperFormula function plugin, for the real-engine tests and the
 * development preview (never the shipped add-in: HyperFormula is GPL-3.0 or commercial).
 *
 * The plugin does not know the core. It calls the functions exactly as Excel does: each one as
 * `CustomFunctions.associate` registered it (the built functions bundle), described by the same
 * functions.json Excel reads. Between the engine and a function it converts values as Excel does:
 *   - a range -> a 2-D array (a single cell for a `matrix` parameter -> [[value]]);
 *   - an empty cell or an omitted optional argument -> null;
 *   - an engine error -> a `CustomFunctions.Error`-like object with its `code` ("#N/A"), which the
 *     functions' runner passes through unchanged;
 * and back: a thrown (or returned) `CustomFunctions.Error` -> the engine error of the same code,
 * with its message; a 2-D array -> a spilled array.
 *
 * Spills: HyperFormula reserves an array formula's size when the formula is entered (its
 * `sizeOfResultArrayMethod`), before the cells it reads are computed, and cannot grow it later.
 * Excel spills whatever size comes back. To match, the size method evaluates the call once (when
 * its inputs are already computed) or uses the size last seen at that cell; when a result's size
 * differs from what was reserved, the plugin shows what fits and records the cell in `resized`, and
 * the workbook (modelWorkbook.ts) enters the formula again, which reserves the new size.
 */
import { payloadBytes, payloadExceeds, WEB_PAYLOAD_LIMIT_BYTES, type Platform } from "../taskpane/port/excel";
import {
  ArraySize,
  CellError,
  EmptyValue,
  ErrorType,
  FunctionArgumentType,
  FunctionPlugin,
  FunctionPluginDefinition,
  HyperFormula,
  SimpleCellAddress,
  SimpleRangeValue,
} from "hyperformula";

/** A function as `CustomFunctions.associate` received it. */
export type CustomFunction = (...args: unknown[]) => unknown;

/** One parameter as functions.json describes it. */
export interface ParameterMetadata {
  readonly name: string;
  readonly optional?: boolean;
  readonly dimensionality?: "scalar" | "matrix";
}

/** One function as functions.json describes it. */
export interface FunctionMetadataEntry {
  readonly id: string;
  readonly name: string;
  readonly parameters?: readonly ParameterMetadata[];
  readonly result?: { readonly dimensionality?: "scalar" | "matrix" };
}

/** The functions.json Excel reads (the metadata plugin's output, then the build's post-step). */
export interface FunctionsMetadata {
  readonly functions: readonly FunctionMetadataEntry[];
  /** Errors reach `any` parameters only when this is true (custom-functions-json, allowErrorForDataTypeAny). */
  readonly allowErrorForDataTypeAny?: boolean;
}

/** What `CustomFunctions.Error` is: an Excel error code and an optional message. */
export interface ExcelErrorLike {
  readonly code: string;
  readonly message?: string;
}

export type ExcelErrorClass = new (code: string, message?: string) => ExcelErrorLike;

export interface LeversPluginOptions {
  /** functions.json, as Excel reads it. */
  readonly metadata: FunctionsMetadata;
  /** The functions by id, as the bundle associated them. */
  readonly functions: ReadonlyMap<string, CustomFunction>;
  /** The `CustomFunctions.Error` the bundle sees, to hand engine errors to the functions. */
  readonly errorClass: ExcelErrorClass;
  /** The add-in's namespace from the manifest (default LEVERS). */
  readonly namespace?: string;
  /** Which Excel the engine stands in for (default "web"); `LeversPlugin.platform` switches it later. */
  readonly platform?: Platform;
}

/** The registered plugin, its function-name translations, and the spills whose size changed. */
export interface LeversPlugin {
  readonly plugin: FunctionPluginDefinition;
  readonly translations: Record<string, Record<string, string>>;
  /** Formula names as typed in a cell, e.g. "LEVERS.COMMIT_WASTE". */
  readonly names: readonly string[];
  /** In one engine: spilling cells whose result no longer fits what was reserved; re-enter their formulas. */
  resizedIn(engine: HyperFormula): Map<string, SimpleCellAddress>;
  /**
   * How blank cells reach the functions: "desktop" passes an empty cell as 0, alone and inside a
   * range, "web" as null (office-js #4702, #5262, #1951). An omitted optional argument is null on
   * both (custom-functions-parameter-options: "Excel assigns it the value null").
   */
  platform: Platform;
}

/** What the plugin remembers about the spills of one engine (a workbook). */
interface SpillState {
  /** The size reserved at a cell, and the call it was reserved for (any other call there is nested). */
  readonly reserved: Map<string, { width: number; height: number; call: CallAst }>;
  /** The size of a cell's last result. */
  readonly seen: Map<string, { width: number; height: number }>;
  readonly resized: Map<string, SimpleCellAddress>;
}

const TO_ENGINE: Record<string, ErrorType> = {
  "#VALUE!": ErrorType.VALUE,
  "#N/A": ErrorType.NA,
  "#NUM!": ErrorType.NUM,
  "#DIV/0!": ErrorType.DIV_BY_ZERO,
  "#REF!": ErrorType.REF,
  "#NAME?": ErrorType.NAME,
  "#SPILL!": ErrorType.SPILL,
  "#NULL!": ErrorType.ERROR,
};

/** The Excel code of an engine error type (errors Excel has no name for read as #VALUE!). */
export const EXCEL_CODE: Record<ErrorType, string> = {
  [ErrorType.VALUE]: "#VALUE!",
  [ErrorType.NA]: "#N/A",
  [ErrorType.NUM]: "#NUM!",
  [ErrorType.DIV_BY_ZERO]: "#DIV/0!",
  [ErrorType.REF]: "#REF!",
  [ErrorType.NAME]: "#NAME?",
  [ErrorType.SPILL]: "#SPILL!",
  [ErrorType.CYCLE]: "#VALUE!",
  [ErrorType.LIC]: "#VALUE!",
  [ErrorType.ERROR]: "#VALUE!",
};

/**
 * Excel's #CALC!, which the engine has no error type for: it travels as the engine's generic
 * ErrorType.ERROR with a message starting "#CALC!", and reads back as #CALC! (`isCalcError`) where
 * the stand-ins show it: the preview host's reads (hfHost.ts) and a function's inputs.
 */
export const CALC = "#CALC!";

function calcError(message: string): CellError {
  return new CellError(ErrorType.ERROR, `${CALC} ${message}`);
}

/** Whether an engine error (a CellError or the DetailedCellError a read returns) is Excel's #CALC!. */
export function isCalcError(error: { readonly type: ErrorType; readonly message?: string }): boolean {
  return error.type === ErrorType.ERROR && (error.message ?? "").startsWith(CALC);
}

function isExcelError(value: unknown): value is ExcelErrorLike {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const code = (value as { code?: unknown }).code;
  return typeof code === "string" && code.startsWith("#");
}

function toEngineError(error: ExcelErrorLike): CellError {
  return new CellError(TO_ENGINE[error.code] ?? ErrorType.VALUE, error.message || undefined);
}

/** The parts of HyperFormula's AST and interpreter state the plugin uses (not exported by the package). */
interface CallAst {
  readonly args: unknown[];
  readonly procedureName: string;
}
interface CallState {
  readonly formulaAddress: SimpleCellAddress;
}

type EngineValue = unknown;
type EngineScalar = number | string | boolean | CellError | typeof EmptyValue;

function keyOf(address: SimpleCellAddress): string {
  return `${address.sheet}:${address.row}:${address.col}`;
}

/** A plain number from an engine number (which may carry a date or currency subtype). */
function rawNumber(value: unknown): unknown {
  if (typeof value === "object" && value !== null && "val" in value) {
    const val = value.val;
    if (typeof val === "number") return val;
  }
  return value;
}

/** The LEVERS.* functions as a HyperFormula plugin. Register it with `HyperFormula.registerFunctionPlugin`. */
export function leversPlugin(options: LeversPluginOptions): LeversPlugin {
  const namespace = options.namespace ?? "LEVERS";
  // Without allowErrorForDataTypeAny Excel does not hand an error to the function. What the cell then
  // shows is not documented (unverified): here the first error among the arguments, as Excel's own
  // functions propagate errors. With it, the function receives the error (custom-functions-errors).
  const errorsReachFunctions = options.metadata.allowErrorForDataTypeAny === true;
  const ErrorClass = options.errorClass;
  const engines = new WeakMap<object, SpillState>();
  const spillState = (graph: object): SpillState => {
    let state = engines.get(graph);
    if (!state) engines.set(graph, (state = { reserved: new Map(), seen: new Map(), resized: new Map() }));
    return state;
  };

  const toFunction = (value: EngineValue, matrix: boolean): unknown => {
    if (value instanceof SimpleRangeValue) {
      // Plain loops with a fast path for numbers: a lifted call hands over 1,000-cell columns.
      // A row of plain numbers is handed over as the engine has it (the functions never write to
      // their arguments); any other row is converted cell by cell.
      const data = value.rawData();
      const out = new Array<unknown[]>(data.length);
      for (let r = 0; r < data.length; r++) {
        const row = data[r]!;
        let plain = true;
        for (let c = 0; c < row.length && plain; c++) plain = typeof row[c] === "number";
        if (plain) {
          out[r] = row;
          continue;
        }
        const cells = new Array<unknown>(row.length);
        for (let c = 0; c < row.length; c++) {
          const cell = row[c];
          cells[c] = typeof cell === "number" ? cell : toFunction(cell, false);
        }
        out[r] = cells;
      }
      return out;
    }
    let cell: unknown;
    if (value === EmptyValue || value === undefined || value === null) cell = result.platform === "desktop" ? 0 : null;
    else if (value instanceof CellError)
      cell = new ErrorClass(isCalcError(value) ? CALC : EXCEL_CODE[value.type], value.message);
    else cell = rawNumber(value);
    return matrix ? [[cell]] : cell;
  };

  const toEngineScalar = (value: unknown): EngineScalar => {
    if (isExcelError(value)) return toEngineError(value);
    if (value === null || value === undefined) return EmptyValue;
    if (typeof value === "number") return Number.isFinite(value) ? value : new CellError(ErrorType.NUM);
    if (typeof value === "string" || typeof value === "boolean") return value;
    return new CellError(ErrorType.VALUE, `unexpected result of type ${typeof value}`);
  };

  /** A function's result as a grid of engine values (a scalar is 1 by 1). */
  const resultGrid = (result: unknown): EngineScalar[][] => {
    if (!Array.isArray(result)) return [[toEngineScalar(result)]];
    const rows = result as unknown[];
    if (rows.length === 0) return [[EmptyValue]];
    let width = 1;
    for (const row of rows) if (Array.isArray(row) && row.length > width) width = row.length;
    const grid = new Array<EngineScalar[]>(rows.length);
    for (let r = 0; r < rows.length; r++) {
      const row: unknown[] = Array.isArray(rows[r]) ? (rows[r] as unknown[]) : [rows[r]];
      // A full row of finite numbers is already what the engine takes: no copy.
      let plain = row.length === width;
      for (let c = 0; c < width && plain; c++) plain = typeof row[c] === "number" && Number.isFinite(row[c]);
      if (plain) {
        grid[r] = row as EngineScalar[];
        continue;
      }
      const cells = new Array<EngineScalar>(width);
      for (let c = 0; c < width; c++) {
        const v = row[c];
        cells[c] = typeof v === "number" && Number.isFinite(v) ? v : toEngineScalar(v);
      }
      grid[r] = cells;
    }
    return grid;
  };

  const entries = options.metadata.functions.map((entry) => {
    const fn = options.functions.get(entry.id);
    if (!fn) throw new Error(`functions.json declares ${entry.id}, but the bundle did not associate it`);
    return { entry, fn, formulaName: `${namespace}.${entry.name}`.toUpperCase(), method: `levers_${entry.id}` };
  });

  class LeversFunctions extends FunctionPlugin {
    static implementedFunctions = Object.fromEntries(
      entries.map(({ formulaName, method, entry }) => [
        formulaName,
        {
          method,
          sizeOfResultArrayMethod: `${method}_size`,
          vectorizationForbidden: true,
          parameters: (entry.parameters ?? []).map((p) => ({
            argumentType: FunctionArgumentType.ANY,
            ...(p.optional ? { optionalArg: true } : {}),
          })),
        },
      ]),
    );

    /** Evaluates the arguments and calls the function as Excel would; returns its result, or an engine error. */
    call(index: number, ast: CallAst, state: CallState): unknown {
      const { entry, fn } = entries[index]!;
      const params = entry.parameters ?? [];
      const required = params.filter((p) => !p.optional).length;
      if (ast.args.length < required || ast.args.length > params.length) {
        return new CellError(ErrorType.NA, `${entry.name} takes ${required} to ${params.length} arguments`);
      }
      let inputError: CellError | undefined;
      const args = params.map((p, i) => {
        // Left out, or left empty between commas (=F(1,,2)): an omitted argument is null everywhere.
        if (i >= ast.args.length || (ast.args[i] as { type?: string }).type === "EMPTY") return null;
        const value = this.evaluateAst(ast.args[i] as never, state as never);
        if (p.dimensionality !== "matrix" && value instanceof SimpleRangeValue) {
          return new ErrorClass("#VALUE!", `${p.name}: a range where a single value belongs`);
        }
        inputError ??= firstEngineError(value);
        return toFunction(value, p.dimensionality === "matrix");
      });
      if (inputError && !errorsReachFunctions) return inputError;
      // Excel limits a custom function's payload to 5 MB: arguments that serialize to more never reach
      // the function ("an existing platform constraint ... by design", office-js #4654, where the call
      // "fails to run" after a long wait; office-js-docs-pr #5333 and the resource-limits page give the
      // 5 MB for Excel on the web). Which error the cell shows is not documented (unverified): on the
      // web office-js #4613 saw #CALC! for a whole-column argument, #4654 and #2786 a cell left at
      // #BUSY!. #CALC! is the closest documented error: Excel.CalcErrorCellValueSubType.requestTooLarge
      // (ExcelApi 1.16), a formula whose request is too large for an external code service, displays
      // as #CALC!. Only on the web here: whether desktop refuses too is unverified.
      if (result.platform === "web" && payloadExceeds(args, WEB_PAYLOAD_LIMIT_BYTES)) {
        return calcError(
          `${entry.name}'s arguments are ${payloadBytes(args)} bytes as JSON, over the ${WEB_PAYLOAD_LIMIT_BYTES} (5 MB) Excel on the web passes to a custom function`,
        );
      }
      try {
        // eslint-disable-next-line no-restricted-syntax -- bounded: one argument per parameter of the function (at most 10)
        return fn(...args);
      } catch (e) {
        if (isExcelError(e)) return toEngineError(e);
        return new CellError(ErrorType.VALUE, `unexpected error: ${e instanceof Error ? e.message : String(e)}`);
      }
    }

    run(index: number, ast: CallAst, state: CallState): unknown {
      const result = this.call(index, ast, state);
      if (result instanceof CellError) return result;
      const grid = resultGrid(result);
      const key = keyOf(state.formulaAddress);
      const spills = spillState(this.dependencyGraph);
      const room = spills.reserved.get(key);
      // The engine sizes a formula's outermost call only: a call it did not size is nested in another.
      if (room?.call !== ast) {
        // Nested in another function (=INDEX(LEVERS.LEDGER(...), 2, 3)): the whole array is an argument.
        return grid.length === 1 && grid[0]!.length === 1 ? grid[0]![0] : SimpleRangeValue.onlyValues(grid);
      }
      const size = { width: grid[0]!.length, height: grid.length };
      spills.seen.set(key, size);
      if (size.width !== room.width || size.height !== room.height)
        spills.resized.set(key, { ...state.formulaAddress });
      if (room.width === 1 && room.height === 1) return grid[0]![0];
      const fits = size.width === room.width && size.height === room.height;
      return SimpleRangeValue.onlyValues(
        fits ? grid : grid.slice(0, room.height).map((row) => row.slice(0, room.width)),
      );
    }

    size(index: number, ast: CallAst, state: CallState): ArraySize {
      const key = keyOf(state.formulaAddress);
      const spills = spillState(this.dependencyGraph);
      let size: { width: number; height: number } | undefined;
      try {
        const result = this.call(index, ast, state);
        if (!(result instanceof CellError)) {
          const grid = resultGrid(result);
          size = { width: grid[0]!.length, height: grid.length };
        }
      } catch {
        // An input is not computed yet (the workbook is being built): use the size last seen here.
      }
      size ??= spills.seen.get(key) ?? { width: 1, height: 1 };
      spills.reserved.set(key, { ...size, call: ast });
      return new ArraySize(size.width, size.height);
    }
  }

  entries.forEach(({ method }, index) => {
    Object.defineProperty(LeversFunctions.prototype, method, {
      value(this: LeversFunctions, ast: CallAst, state: CallState) {
        return this.run(index, ast, state);
      },
    });
    Object.defineProperty(LeversFunctions.prototype, `${method}_size`, {
      value(this: LeversFunctions, ast: CallAst, state: CallState) {
        return this.size(index, ast, state);
      },
    });
  });

  const names = entries.map((e) => e.formulaName);
  const translation = Object.fromEntries(names.map((n) => [n, n]));
  const result: LeversPlugin = {
    plugin: LeversFunctions,
    translations: { enGB: translation, enUS: translation },
    names,
    resizedIn: (engine) => spillState(engine.dependencyGraph).resized,
    platform: options.platform ?? "web",
  };
  return result;
}

/** The first engine error in an argument's value (a cell or a range), if any. */
function firstEngineError(value: EngineValue): CellError | undefined {
  if (value instanceof CellError) return value;
  if (value instanceof SimpleRangeValue) {
    for (const row of value.rawData()) for (const cell of row) if (cell instanceof CellError) return cell;
  }
  return undefined;
}
