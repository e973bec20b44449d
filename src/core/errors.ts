/**
 * Errors are values in the core: a function returns either its result or a `LeverError`.
 * Every message a user can see is built here, so the same bad input gets the same error
 * and the same words wherever it is typed (DOMAIN.md "Errors").
 */

/** The Excel error a `LeverError` shows as. */
export type ErrorType = "#VALUE!" | "#NUM!" | "#N/A";

export class LeverError {
  constructor(
    readonly type: ErrorType,
    readonly message: string,
  ) {}
}

/** Whether a value is a `LeverError` (the one test of a core result: a function, so the bundle spells it once). */
export function isLeverError(value: unknown): value is LeverError {
  return value instanceof LeverError;
}

/** `f` of a value that may be an error: the error passes through unchanged. */
export function andThen<T, R>(value: T | LeverError, f: (value: T) => R | LeverError): R | LeverError {
  return isLeverError(value) ? value : f(value);
}

/** Where a cell sits inside a range argument, 1-based, as a user counts. */
export interface CellAt {
  readonly row: number;
  readonly column: number;
}

/** The cell at 0-based indexes `row`, `column` of a range, as a user counts it. */
export function cellAtIndex(row: number, column: number): CellAt {
  return { row: row + 1, column: column + 1 };
}

function where(at: CellAt | undefined): string {
  return at ? ` at row ${at.row}, column ${at.column}` : "";
}

function show(value: unknown): string {
  if (typeof value === "string") return `"${value.length > 40 ? value.slice(0, 37) + "..." : value}"`;
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "a non-finite number";
  // Not String(value): a junk object's text is not the user's, and some objects cannot be converted at all.
  if (typeof value === "object" && value !== null) return Array.isArray(value) ? "a range" : "an object";
  if (typeof value === "function" || typeof value === "symbol") return `a ${typeof value}`;
  return String(value);
}

// One constructor per Excel error: every message names its argument first ("commit: ..."), and the
// catalogue below spells each message once and the type once.
const valueError = (arg: string, message: string) => new LeverError("#VALUE!", `${arg}: ${message}`);
const numError = (arg: string, message: string) => new LeverError("#NUM!", `${arg}: ${message}`);
const naError = (arg: string, message: string) => new LeverError("#N/A", `${arg}: ${message}`);

/** The one message catalogue. Each entry names the argument and, inside a range, the cell. */
export const Errors = {
  text: (arg: string, value: string, at?: CellAt) =>
    valueError(arg, `text ${show(value)}${where(at)}; expected a number`),
  boolean: (arg: string, value: boolean, at?: CellAt) =>
    valueError(arg, `${value ? "TRUE" : "FALSE"}${where(at)}; expected a number`),
  notANumber: (arg: string, value: unknown, at?: CellAt) =>
    valueError(arg, `${show(value)}${where(at)} is not a number`),
  notFinite: (arg: string, at?: CellAt) => numError(arg, `a non-finite number${where(at)}`),
  negative: (arg: string, value: number, at?: CellAt) =>
    numError(arg, `${show(value)}${where(at)} is negative; expected 0 or more`),
  outOfRange: (arg: string, value: number, range: string, at?: CellAt) =>
    numError(arg, `${show(value)}${where(at)} is outside ${range}`),
  // #VALUE!, not #NUM!: Excel shows a custom message only on #VALUE! and #N/A (the custom functions ErrorCode docs,
  // https://learn.microsoft.com/javascript/api/custom-functions-runtime/customfunctions.errorcode), and this
  // message is the fix (DOMAIN.md "Errors").
  wholePercent: (arg: string, value: number, at?: CellAt) =>
    valueError(
      arg,
      `${show(value)}${where(at)} looks like a percent typed as a whole number; enter ${show(value / 100)} (or ${show(value)}%)`,
    ),
  notWholeMonths: (arg: string, value: number, at?: CellAt) =>
    numError(arg, `${show(value)}${where(at)} is not a whole number of months (1 or more)`),
  tooLong: (arg: string, value: number, months: number) =>
    numError(arg, `${show(value)} months is longer than the usage (${months} months); extend the usage projection`),
  unknownWord: (arg: string, value: string, choices: readonly string[], at?: CellAt) =>
    valueError(arg, `unknown value ${show(value)}${where(at)}; use ${choices.map((c) => `"${c}"`).join(", ")}`),
  emptyUsage: (arg: string) => naError(arg, `no usage (the range is empty or all zero)`),
  /** BURNDOWN and SHORTFALL with neither actuals nor a projection: there is no term to track. */
  noMonths: (arg: string, other: string) =>
    naError(arg, `no months, and ${other} has none either (both are empty or all zero)`),
  emptyRange: (arg: string) => naError(arg, `the range is empty`),
  /** BURNDOWN and SHORTFALL with more months of actuals than the stated term. */
  pastTerm: (arg: string, months: number, term: number) =>
    valueError(arg, `${show(months)} months, longer than the term (${show(term)} months)`),
  missing: (arg: string) => naError(arg, `a value is required`),
  duplicateBand: (arg: string, threshold: number, at: CellAt) =>
    valueError(arg, `threshold ${show(threshold)}${where(at)} appears twice`),
  duplicateKey: (arg: string, key: string, at: CellAt) => valueError(arg, `key "${key}"${where(at)} appears twice`),
  noTerms: (arg: string) => naError(arg, `no terms (expected rows of key, draft, ask)`),
  noBands: (arg: string) => naError(arg, `no bands (expected rows of threshold, discount)`),
  topBand: (arg: string, commit: number) => naError(arg, `${show(commit)} is already in the top band`),
  blankOrZero: (arg: string, key: string, at: CellAt, fix: string) =>
    valueError(
      arg,
      `${key} is blank or 0${where(at)}; ${fix} (an empty cell reads as 0 in Excel desktop, so a blank cannot mean a default here)`,
    ),
  dataType: (arg: string, kind: string, at?: CellAt) =>
    valueError(
      arg,
      `${/^[aeiou]/i.test(kind) ? "an" : "a"} ${kind} data type${where(at)} has no single value; point at one of its fields`,
    ),
  /** DOMAIN.md "Arrays in, arrays out": a cell of a lifted result beyond one argument's rows or columns. */
  beyondRange: (arg: string, at: CellAt, rows: number, columns: number) =>
    naError(
      arg,
      `no value for row ${at.row}, column ${at.column} of the result (${arg} is ${rows} by ${columns}; make the ranges the same size, or give one row or one column to repeat)`,
    ),
  shape: (arg: string, expected: string, got: string) => valueError(arg, `expected ${expected}, got ${got}`),
  tooMuch: (arg: string, value: number, limit: number, at?: CellAt) =>
    numError(arg, `${show(value)}${where(at)} is more than the ${show(limit)} this function accepts`),
  // Prices, token costs and projection (PRICE_BOOK, PRICE, LIST_COST, OPTIMIZED_COST, EFFECTIVE_*, PROJECT).
  blankCell: (arg: string, at: CellAt) => naError(arg, `blank${where(at)}; a value is required`),
  notText: (arg: string, value: unknown, at?: CellAt) => valueError(arg, `${show(value)}${where(at)} is not text`),
  noModels: (arg: string) => naError(arg, `no models (expected rows of model, input, output, ...)`),
  unknownModel: (arg: string, name: string, closest: readonly string[], at?: CellAt) =>
    naError(arg, `unknown model ${show(name)}${where(at)}; closest: ${closest.map((c) => `"${c}"`).join(", ")}`),
  sameShape: (arg: string, shape: string, other: string, otherShape: string) =>
    valueError(arg, `ranges must have the same shape; ${other} is ${otherShape}, ${arg} is ${shape}`),
  sharesOverOne: (arg: string, value: number, other: string, otherValue: number, at?: CellAt) =>
    numError(arg, `${other} ${show(otherValue)} + ${arg} ${show(value)}${where(at)} is more than 1`),
  requiredWhen: (arg: string, when: string, at?: CellAt) =>
    naError(arg, `a value is required${where(at)} when ${when}`),
  noSpend: (arg: string) => naError(arg, `total spend is 0; there is no mix to weight by`),
  noTokens: (arg: string, at?: CellAt) => naError(arg, `no tokens${where(at)}; a rate per MTok needs tokens`),
  /** USAGE_VOLATILITY: a fit of ln(usage) on the month needs this many months above 0 (DOMAIN.md "Usage under uncertainty"). */
  fewPositiveMonths: (arg: string, needed: number, got: number) =>
    naError(arg, `at least ${needed} months above 0 are needed to estimate the volatility, got ${got}`),
  tooShort: (arg: string, method: string, needed: number, got: number) =>
    naError(arg, `the ${method} method needs at least ${needed} months of history, got ${got}`),
  notPositive: (arg: string, value: number, at: CellAt, why: string) =>
    numError(arg, `${show(value)}${where(at)} is not above 0; ${why}`),
  exportHeader: (arg: string, columns: readonly string[], known: readonly string[]) =>
    valueError(
      arg,
      `a header of ${columns.length} column${columns.length === 1 ? "" : "s"} (${columns
        .slice(0, 8)
        .map((c) => show(c))
        .join(", ")}${columns.length > 8 ? ", ..." : ""}) is no export this reads; it reads: ${known.join("; ")}`,
    ),
  exportDate: (arg: string, row: number, column: string, value: unknown) =>
    valueError(arg, `row ${row}, ${column}: ${show(value)} is not a date (ISO text, a date-time or an Excel date)`),
  exportDateOrder: (arg: string, row: number, column: string, value: unknown, settledRow: number, settled: unknown) =>
    valueError(
      arg,
      `row ${row}, ${column}: ${show(value)} is not a date in the order row ${settledRow}'s ${show(settled)} set (day and month first cannot both be true of one column)`,
    ),
  exportAmount: (arg: string, row: number, column: string, value: unknown) =>
    valueError(arg, `row ${row}, ${column}: ${show(value)} is not an amount`),
  exportNoUsage: (arg: string, format: string, skipped: number) =>
    naError(arg, `no usage rows in this ${format}${skipped > 0 ? ` (${skipped} rows of other charges skipped)` : ""}`),
  noModelInRows: (arg: string) => naError(arg, `these rows name no model; export the report grouped by model`),
  notJson: (arg: string) =>
    valueError(arg, `not a JSON response with records (a data[] of rows or of buckets with results[])`),
  binaryFile: (arg: string) =>
    valueError(
      arg,
      `this is not a CSV or JSON export (it looks like a workbook, a zip or another binary file); export the usage as CSV and pick that`,
    ),
  unclosedQuote: (arg: string, row: number) =>
    valueError(arg, `row ${row} opens a quoted field (") that is never closed, so the rest of the file cannot be read`),
  emptyFile: (arg: string) => naError(arg, `the file is empty`),
  fileTooLarge: (arg: string, bytes: number, limit: number) =>
    numError(
      arg,
      `${(bytes / 1024 ** 2).toFixed(0)} MB is more than can be read here (at most ${(limit / 1024 ** 3).toFixed(0)} GB, within the memory the pane has); export fewer months at a time`,
    ),
  noListAndBilled: (arg: string, format: string) =>
    naError(arg, `this ${format} does not carry both a list and a billed amount`),
} as const;

/**
 * A word from a fixed list (a method, a price kind) as typed: `key` is the word as the list spells
 * words (by default trimmed, in lower case); not in the list, the error naming the list.
 */
export function wordIn<W extends string>(
  words: readonly W[],
  arg: string,
  word: string,
  key = word.trim().toLowerCase(),
): W | LeverError {
  return words.find((w) => w === key) ?? Errors.unknownWord(arg, word, words);
}
