/**
 * The Excel value boundary: what Excel hands a function (its errors, its data types, cells and
 * ranges of them) made plain for the argument readers, and what the core returns (numbers, tables,
 * typed errors) made into what a cell shows (`CustomFunctions.Error` for an error). The runner
 * (./runner.ts) is the only user; nothing here reads an argument or calls the core.
 */
import { CellAt, cellAtIndex, Errors, isLeverError, LeverError } from "../core";

/** A value returned to a cell: a number, or a spilled table (a cell of which may hold its own error). */
export type CellResult = number | (number | string | LeverError | CustomFunctions.Error)[][];

/** A spilled result whose cells may each hold their own error. */
export type EachResult = (number | CustomFunctions.Error)[][];

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

/**
 * What Excel passed for argument `name`, with every data type and error cell made plain (a copy
 * only when there is one): an error inside a range names its cell, a lone error does not.
 */
export function unwrap(name: string, value: unknown): unknown {
  if (!hasObjectCell(value)) return value;
  if (!Array.isArray(value)) return unwrapCell(name, value);
  const single = value.length === 1 && (!Array.isArray(value[0]) || (value[0] as unknown[]).length === 1);
  return Array.from(value as unknown[], (row, r) =>
    Array.isArray(row)
      ? Array.from(row as unknown[], (cell, c) => unwrapCell(name, cell, single ? undefined : cellAtIndex(r, c)))
      : unwrapCell(name, row, single ? undefined : cellAtIndex(r, 0)),
  );
}

/** The first Excel error in what `unwrap` made plain (row by row), if any. */
export function firstExcelError(value: unknown): CustomFunctions.Error | undefined {
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

/** A core error as the Excel error a cell shows: its type is the code (#VALUE!, #NUM!, #N/A, all returnable). */
export function toExcelError(error: LeverError): CustomFunctions.Error {
  return new CustomFunctions.Error(error.type as CustomFunctions.ErrorCode, error.message);
}

/** What a cell shows when the core itself throws (a bug, never a user's input): #VALUE! saying so. */
export function unexpected(e: unknown): CustomFunctions.Error {
  return new CustomFunctions.Error(
    "#VALUE!" as CustomFunctions.ErrorCode,
    `unexpected error: ${e instanceof Error ? e.message : String(e)}`,
  );
}

/** One element's result as its cell shows it: a finite number, or the Excel error for a core error or an overflow. */
export function elementResult(result: number | LeverError, at: CellAt): number | CustomFunctions.Error {
  if (isLeverError(result)) return toExcelError(result);
  return Number.isFinite(result) ? result : toExcelError(Errors.notFinite("result", at));
}

/**
 * A whole result as its cell or spill shows it: a number that overflowed is the #NUM! error (of the
 * call, for a single number); a spilled number that overflowed (an exponential fit, a share of a
 * zero cost) shows #NUM! in its own cell, and a cell the core computed as an error (a bad row of an
 * export) shows that error.
 */
export function checkResult(result: CellResult): CellResult | LeverError {
  if (typeof result === "number") {
    return Number.isFinite(result) ? result : Errors.notFinite("result");
  }
  const plain = (v: unknown) => (typeof v !== "number" || Number.isFinite(v)) && !isLeverError(v);
  if (result.every((row) => row.every(plain))) return result;
  return result.map((row, r) =>
    row.map((v, c) =>
      isLeverError(v) ? toExcelError(v) : plain(v) ? v : toExcelError(Errors.notFinite("result", cellAtIndex(r, c))),
    ),
  );
}
