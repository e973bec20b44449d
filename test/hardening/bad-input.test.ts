/**
 * The bad-input table (issue 7): every LEVERS.* function, every argument, every kind of bad value a
 * messy workbook holds, through the shipped bundle exactly as Excel calls it. Each row expects the
 * Excel error of DOMAIN.md "Errors" with a message that starts with the argument's name (and names
 * the cell inside a range), the very Excel error that was passed in, or the same result as another
 * value (a blank is its default, or 0). The rows come from the function list in table.ts and the
 * argument kinds below: a new function is one line there.
 */
import { CellAt, Errors } from "../../src/core";
import { Cell } from "../../src/sheet";
import { CustomFunction, CustomFunctionsError } from "../helpers/loadBundle";
import { Parameter, shipped } from "./shipped";
import { BANDS, DOCUMENTED_CODES, FUNCTIONS, FunctionLine, Kind, column, fromSheet } from "./table";

/** What a bad value must give. */
type Expect =
  /** This Excel error, thrown (or, with `cell`, in that cell of the spill: [row, column], 0-based). */
  | { readonly code: string; readonly says?: RegExp; readonly cell?: readonly [number, number] }
  /** This very object (an Excel error from the sheet) comes back. */
  | { readonly passes: object; readonly cell?: readonly [number, number] }
  /** The same outcome as the same call with `sameAs` in this argument's place. */
  | { readonly sameAs: unknown };

interface Bad {
  readonly what: string;
  readonly value: unknown;
  readonly expect: Expect;
  /** Other arguments to change as well (index, value). */
  readonly also?: readonly (readonly [number, unknown])[];
  /** Names the message may start with besides the argument's own (a shape mismatch names the later range). */
  readonly orNames?: readonly string[];
}

/** What the row generators know about the argument at hand. */
interface Context {
  readonly line: FunctionLine;
  readonly index: number;
  readonly parameter: Parameter;
  readonly parameters: readonly Parameter[];
}

const error = (code: string, says?: RegExp, cell?: readonly [number, number]): Expect => ({ code, says, cell });
const VALUE = "#VALUE!";
const NUM = "#NUM!";
const NA = "#N/A";
const SECOND = [1, 0] as const;

// ---------------------------------------------------------------------------------------------
// Rows by kind

/** Blank in every form a sheet or a caller produces: null (web), missing, empty text, spaces. */
function blanks(expect: Expect, matrix: boolean): Bad[] {
  const rows: Bad[] = [
    { what: "blank (null)", value: null, expect },
    { what: "missing (undefined)", value: undefined, expect },
    { what: 'empty text ("")', value: "", expect },
    { what: "spaces", value: "   ", expect },
  ];
  if (matrix) {
    rows.push({ what: "a blank cell", value: [[null]], expect });
    rows.push({ what: 'an empty-text cell ("")', value: [[""]], expect });
  }
  return rows;
}

function passedIn(wrap: (v: unknown) => unknown): Bad[] {
  return [
    { what: "#N/A from the sheet", value: wrap(fromSheet.na), expect: { passes: fromSheet.na } },
    { what: "#DIV/0! from the sheet", value: wrap(fromSheet.div0), expect: { passes: fromSheet.div0 } },
    { what: "#N/A in a one-cell range", value: [[fromSheet.na]], expect: { passes: fromSheet.na } },
  ];
}

type NumberKind =
  "money" | "discount" | "share" | "cap" | "change" | "listMultiple" | "overage" | "months" | "volatility";

/** The out-of-range values of a numeric kind, and what each gives. */
function outOfRange(kind: NumberKind | "points" | "growth"): Bad[] {
  const whole = { what: "a whole percent (15 for 15%)", value: 15, expect: error(VALUE, /enter 0\.15 \(or 15%\)/) };
  const huge = (says: RegExp): Bad[] => [
    { what: "1e16", value: 1e16, expect: error(NUM, says) },
    { what: "1e300", value: 1e300, expect: error(NUM, says) },
  ];
  switch (kind) {
    case "money":
      return [
        { what: "negative", value: -1, expect: error(NUM, /-1 is negative/) },
        ...huge(/is more than the 1000000000000000 this function accepts/),
      ];
    case "discount":
      return [
        { what: "negative", value: -0.1, expect: error(NUM, /-0\.1 is outside \[0, 1\)/) },
        { what: "exactly 1 (100%)", value: 1, expect: error(NUM, /1 is outside \[0, 1\)/) },
        { what: "1.5 (a percent: 1.5%)", value: 1.5, expect: error(VALUE, /1\.5 looks like a percent/) },
        whole,
        { what: "above 100", value: 150, expect: error(NUM, /150 is outside \[0, 1\)/) },
        ...huge(/is outside \[0, 1\)/),
      ];
    case "share":
    case "cap":
      return [
        { what: "negative", value: -0.1, expect: error(NUM, /-0\.1 is outside \[0, 1\]/) },
        { what: "above 1 (1.5, a percent)", value: 1.5, expect: error(VALUE, /1\.5 looks like a percent/) },
        whole,
        { what: "above 100", value: 150, expect: error(NUM, /150 is outside \[0, 1\]/) },
        ...huge(/is outside \[0, 1\]/),
      ];
    case "change":
    case "growth":
      return [
        { what: "-1 (prices to zero)", value: -1, expect: error(NUM, /-1 is outside \(-1, 1\]/) },
        { what: "below -1", value: -2, expect: error(NUM, /-2 is outside \(-1, 1\]/) },
        whole,
        { what: "above 100", value: 150, expect: error(NUM, /150 is outside \(-1, 1\]/) },
        ...huge(/is outside \(-1, 1\]/),
      ];
    case "listMultiple":
    case "overage":
      return [
        { what: "negative", value: -1, expect: error(NUM, /-1 is outside \[0, 3\]/) },
        whole,
        { what: "80 for 80%", value: 80, expect: error(VALUE, /enter 0\.8/) },
        { what: "above 100", value: 150, expect: error(NUM, /150 is outside \[0, 3\]/) },
        ...huge(/is outside \[0, 3\]/),
      ];
    case "volatility":
      return [
        { what: "negative", value: -0.1, expect: error(NUM, /-0\.1 is outside \[0, 3\]/) },
        whole,
        { what: "above 100", value: 300, expect: error(NUM, /300 is outside \[0, 3\]/) },
        ...huge(/is outside \[0, 3\]/),
      ];
    case "months":
      return [
        { what: "zero (a zero-length term)", value: 0, expect: error(NUM, /0 is not a whole number of months/) },
        { what: "negative", value: -12, expect: error(NUM, /-12 is not a whole number of months/) },
        { what: "a fraction", value: 1.5, expect: error(NUM, /1\.5 is not a whole number of months/) },
        { what: "more than 100 years", value: 1201, expect: error(NUM, /1201 is more than the 1200/) },
        ...huge(/is more than the 1200/),
      ];
    case "points":
      return [
        { what: "zero", value: 0, expect: error(NUM, /0 is outside whole numbers 2 to 1000/) },
        { what: "one point", value: 1, expect: error(NUM, /1 is outside whole numbers 2 to 1000/) },
        { what: "a fraction", value: 2.5, expect: error(NUM, /2\.5 is outside/) },
        { what: "too many", value: 1001, expect: error(NUM, /1001 is outside/) },
        ...huge(/is outside whole numbers 2 to 1000/),
      ];
  }
}

/** A single number: text, booleans, blanks, errors, non-finite and out-of-range values. */
function numberRows(kind: NumberKind | "points" | "growth", ctx: Context, wrap = (v: unknown) => v): Bad[] {
  const text = (value: string): Bad =>
    kind === "overage"
      ? { what: `text "${value}"`, value, expect: error(VALUE, /unknown value .*; use "committed"/) }
      : kind === "cap"
        ? { what: `text "${value}"`, value, expect: error(VALUE, /unknown value .*; use "none"/) }
        : { what: `text "${value}"`, value, expect: error(VALUE, /text ".*"; expected a number/) };
  const required = !ctx.parameter.optional;
  const blank: Expect = !required
    ? { sameAs: null }
    : kind === "months" || kind === "points"
      ? error(NUM, /0 is not a whole number|0 is outside/)
      : { sameAs: 0 };
  const rows: Bad[] = [
    text("n/a"),
    text("15%"),
    { what: "TRUE", value: true, expect: error(VALUE, /TRUE; expected a number/) },
    { what: "FALSE", value: false, expect: error(VALUE, /FALSE; expected a number/) },
    { what: "NaN", value: NaN, expect: error(NUM, /a non-finite number/) },
    { what: "Infinity", value: Infinity, expect: error(NUM, /a non-finite number/) },
    { what: "-Infinity", value: -Infinity, expect: error(NUM, /a non-finite number/) },
    { what: "an object", value: { x: 1 }, expect: error(VALUE, /is not a number/) },
    ...outOfRange(kind),
  ].map((row) => ({ ...row, value: wrap(row.value) }));
  return [...rows, ...blanks(blank, false), ...passedIn(wrap)];
}

/**
 * A lifted argument (a matrix parameter of a ledger function, DOMAIN.md "Arrays in, arrays out"):
 * a range spills one result per cell, so a bad cell errors its own cell only; no cells is #N/A.
 */
function liftedShape(): Bad[] {
  return [
    {
      what: "a range with a bad second cell",
      value: [[true], [false]],
      expect: error(VALUE, /FALSE at row 2, column 1; expected a number/, SECOND),
    },
    { what: "an empty range", value: [], expect: error(NA, /the range is empty/) },
  ];
}

/** A single value that is not a range: two cells or none is the wrong shape. */
function singleShape(): Bad[] {
  return [
    { what: "a two-cell range", value: [[1], [2]], expect: error(VALUE, /expected a single value/) },
    { what: "an empty range", value: [], expect: error(VALUE, /expected a single value/) },
  ];
}

const HOLE = Symbol("hole");
/** An array with holes where HOLE is (what a careless caller builds with `new Array(n)`). */
function sparse(items: readonly unknown[]): unknown[] {
  const out = new Array<unknown>(items.length);
  items.forEach((item, i) => {
    if (item !== HOLE) out[i] = item;
  });
  return out;
}

function usageRows(): Bad[] {
  return [
    { what: "text in a cell", value: column([1, 2, "n/a"]), expect: error(VALUE, /text "n\/a" at row 3, column 1/) },
    {
      what: "text in the second column",
      value: [
        [1, 2],
        [3, "x"],
      ],
      expect: error(VALUE, /text "x" at row 2, column 2/),
    },
    { what: "a lone text cell", value: [["n/a"]], expect: error(VALUE, /text "n\/a" at row 1, column 1/) },
    { what: "TRUE in a cell", value: column([1, true]), expect: error(VALUE, /TRUE at row 2, column 1/) },
    { what: "a negative month", value: column([1, -5]), expect: error(NUM, /-5 at row 2, column 1 is negative/) },
    { what: "NaN in a cell", value: column([1, NaN]), expect: error(NUM, /non-finite number at row 2, column 1/) },
    { what: "Infinity in a cell", value: column([1, Infinity]), expect: error(NUM, /non-finite number at row 2/) },
    { what: "1e16 in a cell", value: column([1, 1e16]), expect: error(NUM, /at row 2, column 1 is more than/) },
    { what: "1e300 in a cell", value: column([1, 1e300]), expect: error(NUM, /at row 2, column 1 is more than/) },
    { what: "an object in a cell", value: column([1, {}]), expect: error(VALUE, /at row 2, column 1 is not a number/) },
    { what: "#N/A in a cell", value: column([1, fromSheet.na, 3]), expect: { passes: fromSheet.na } },
    { what: "#DIV/0! in a cell", value: column([1, 2, fromSheet.div0]), expect: { passes: fromSheet.div0 } },
    { what: "all blank", value: column([null, "", null]), expect: error(NA, /no usage/) },
    { what: "all zero", value: column(new Array(12).fill(0)), expect: error(NA, /no usage/) },
    { what: "an empty range", value: [], expect: error(NA) },
    { what: "an empty row", value: [[]], expect: error(NA) },
    {
      what: "missing rows (a sparse array)",
      value: sparse([[5], HOLE, [7]]),
      expect: { sameAs: column([5, null, 7]) },
    },
    { what: "only missing rows", value: sparse([[null, null], HOLE, HOLE]), expect: error(NA, /no usage/) },
    ...blanks(error(NA, /no usage|a value is required|the range is empty/), false),
  ];
}

/**
 * BURNDOWN's actuals and projection: usage that may be no months (nothing in yet; the term ends with
 * the actuals). A bad cell is an error as in usage; an empty, blank or all-zero range is no months,
 * the same as an empty range.
 */
function seriesRows(): Bad[] {
  return usageRows().map((row) =>
    "code" in row.expect && row.expect.code === NA ? { ...row, expect: { sameAs: [] } } : row,
  );
}

function exportRows(ctx: Context): Bad[] {
  // A Console cost export (list and billed), so both functions read the same rows.
  const plain = (row: unknown[]) => [["usage_date_utc", "model", "cost_usd", "list_price_usd"], row];
  // A bad amount errors its own month's cell of MONTHLY_USAGE; OBSERVED_DISCOUNT sums every row.
  const badAmount = /row 2, list_price_usd: "lots" is not an amount/;
  return [
    {
      what: "a header no format has",
      value: [
        ["When", "Spend"],
        ["2026-10-01", 5],
      ],
      expect: error(VALUE, /a header of 2 columns \("When", "Spend"\) is no export this reads; it reads: /),
    },
    {
      what: "a date that is no date",
      value: plain(["someday", "Opus", 4, 5]),
      expect: error(VALUE, /row 2, usage_date_utc: "someday" is not a date/),
    },
    {
      what: "an amount that is no amount",
      value: plain(["2026-10-01", "Opus", 4, "lots"]),
      expect: ctx.line.id === "MONTHLY_USAGE" ? error(VALUE, badAmount, [1, 1]) : error(VALUE, badAmount),
    },
    {
      what: "a header only",
      value: [["usage_date_utc", "model", "cost_usd", "list_price_usd"]],
      expect: error(NA, /no usage rows/),
    },
    { what: "an object in a cell", value: plain(["2026-10-01", {}, 4, 5]), expect: error(VALUE, /is not a number/) },
    {
      what: "#N/A in a cell",
      value: plain(["2026-10-01", "Opus", 4, fromSheet.na]),
      expect: { passes: fromSheet.na },
    },
    { what: "an empty range", value: [], expect: error(NA) },
    ...blanks(error(NA, /a value is required/), true),
  ];
}

function bandsRows(): Bad[] {
  const bands = (row: unknown[]) => [[0, 0.05], row];
  return [
    { what: "text threshold", value: bands(["n/a", 0.1]), expect: error(VALUE, /text "n\/a" at row 2, column 1/) },
    {
      what: "a whole-percent discount",
      value: bands([1e6, 15]),
      expect: error(VALUE, /15 at row 2, column 2 .*enter 0\.15/),
    },
    { what: "a 100% discount", value: bands([1e6, 1]), expect: error(NUM, /1 at row 2, column 2 is outside \[0, 1\)/) },
    { what: "a negative threshold", value: bands([-1, 0.1]), expect: error(NUM, /-1 at row 2, column 1 is negative/) },
    { what: "a NaN discount", value: bands([1e6, NaN]), expect: error(NUM, /non-finite number at row 2, column 2/) },
    { what: "a huge threshold", value: bands([1e300, 0.1]), expect: error(NUM, /at row 2, column 1 is more than/) },
    { what: "TRUE as a discount", value: bands([1e6, true]), expect: error(VALUE, /TRUE at row 2, column 2/) },
    {
      what: "a duplicate threshold",
      value: bands([0, 0.1]),
      expect: error(VALUE, /threshold 0 at row 2, column 1 appears twice/),
    },
    { what: "one column", value: column([250_000, 1e6]), expect: error(VALUE, /expected 2 columns/) },
    { what: "#N/A in a cell", value: bands([1e6, fromSheet.na]), expect: { passes: fromSheet.na } },
    { what: "a header only", value: [BANDS[0]], expect: error(NA, /no bands/) },
    { what: "all blank", value: [[null, null]], expect: error(NA, /no bands/) },
    { what: "an empty range", value: [], expect: error(NA) },
    ...blanks(error(NA, /no bands/), false),
  ];
}

function termsRows(): Bad[] {
  const terms = (row: unknown[]) => [["commit", 1e6, 1e6], row];
  return [
    {
      what: "a whole-percent ask",
      value: terms(["discount", 0.2, 15]),
      expect: error(VALUE, /15 at row 2, column 3 .*enter 0\.15/),
    },
    {
      what: "a 100% discount",
      value: terms(["discount", 1, 0.2]),
      expect: error(NUM, /at row 2, column 2 is outside \[0, 1\)/),
    },
    {
      what: "text for a number",
      value: terms(["discount", "n/a", 0.2]),
      expect: error(VALUE, /text "n\/a" at row 2, column 2/),
    },
    {
      what: "text draft",
      value: terms(["carryover", "half", 0.5]),
      expect: error(VALUE, /text "half" at row 2, column 2/),
    },
    {
      what: "TRUE for a discount",
      value: terms(["discount", true, 0.2]),
      expect: error(VALUE, /TRUE at row 2, column 2/),
    },
    {
      what: "a share above 1",
      value: terms(["carryover", 0, 150]),
      expect: error(NUM, /150 at row 2, column 3 is outside/),
    },
    {
      what: "a zero period (a blank on Excel desktop: no real term)",
      value: terms(["period_months", 12, 0]),
      expect: error(VALUE, /period_months is blank or 0 at row 2, column 3; enter the months in a period/),
    },
    {
      what: "a negative commit",
      value: [["commit", -1, 1e6]],
      expect: error(NUM, /-1 at row 1, column 2 is negative/),
    },
    { what: "NaN", value: terms(["step_up", NaN, 0]), expect: error(NUM, /non-finite number at row 2, column 2/) },
    {
      what: "a ratchet of 2",
      value: terms(["ratchet", 0, 2]),
      expect: error(NUM, /2 at row 2, column 3 is outside \{0, 1\}/),
    },
    {
      what: "an unknown overage word",
      value: terms(["overage_rate", 1, "half"]),
      expect: error(VALUE, /unknown value "half" at row 2, column 3/),
    },
    {
      what: "an unknown key",
      value: terms(["discout", 0.2, 0.2]),
      expect: error(VALUE, /unknown value "discout" at row 2, column 1/),
    },
    {
      what: "a duplicate key",
      value: terms(["commit", 1, 2]),
      expect: error(VALUE, /key "commit" at row 2, column 1 appears twice/),
    },
    { what: "two columns", value: [["discount", 0.2]], expect: error(VALUE, /expected 3 columns/) },
    { what: "#N/A in a cell", value: terms(["discount", 0.2, fromSheet.na]), expect: { passes: fromSheet.na } },
    { what: "an empty range", value: [], expect: error(NA, /the range is empty/) },
  ];
}

function priceBookRows(): Bad[] {
  const header = ["Model", "Input", "Output", "Write 5m", "Write 1h", "Read", "Batch"];
  const book = (row: unknown[]) => [header, ["Claude Sonnet 4.5", 3, 15, 3.75, 6, 0.3, 0.5], row];
  const haiku = (i: number, v: unknown) => {
    const row: unknown[] = ["Claude Haiku 4.5", 1, 5, 1.25, 2, 0.1, 0.5];
    row[i] = v;
    return book(row);
  };
  return [
    { what: "text for a price", value: haiku(1, "n/a"), expect: error(VALUE, /text "n\/a" at row 3, column 2/) },
    { what: "a negative price", value: haiku(2, -5), expect: error(NUM, /-5 at row 3, column 3 is negative/) },
    { what: "a blank required price", value: haiku(2, null), expect: error(NA, /blank at row 3, column 3/) },
    { what: "a NaN price", value: haiku(1, NaN), expect: error(NUM, /non-finite number at row 3, column 2/) },
    { what: "a huge price", value: haiku(1, 1e300), expect: error(NUM, /at row 3, column 2 is more than/) },
    {
      what: "a whole-percent batch multiplier",
      value: haiku(6, 50),
      expect: error(VALUE, /50 at row 3, column 7 .*enter 0\.5/),
    },
    { what: "a number for a model", value: haiku(0, 45), expect: error(VALUE, /45 at row 3, column 1 is not text/) },
    { what: "#N/A in a cell", value: haiku(3, fromSheet.na), expect: { passes: fromSheet.na } },
    { what: "two columns", value: [["Claude Sonnet 4.5", 3]], expect: error(VALUE, /expected 3 to 10 columns/) },
    { what: "a header only", value: [header], expect: error(NA, /no models/) },
    { what: "an empty range", value: [], expect: error(NA, /the range is empty/) },
    ...blanks({ sameAs: null }, false),
  ];
}

function modelRows(ctx: Context, wrap: (v: unknown) => unknown): Bad[] {
  const required = !ctx.parameter.optional;
  return [
    { what: "an unknown model", value: wrap("gpt-9"), expect: error(NA, /unknown model "gpt-9"; closest: "/) },
    { what: "a number", value: wrap(45), expect: error(VALUE, /45 is not text/) },
    { what: "TRUE", value: wrap(true), expect: error(VALUE, /true is not text/) },
    { what: "NaN", value: wrap(NaN), expect: error(VALUE, /is not text/) },
    ...blanks(required ? error(NA, /a value is required/) : { sameAs: null }, wrap !== identity),
    ...(required ? [] : [{ what: "0 (an empty cell on Excel desktop)", value: wrap(0), expect: { sameAs: null } }]),
    ...passedIn(wrap),
  ];
}

function wordRows(): Bad[] {
  return [
    { what: "an unknown word", value: "n/a", expect: error(VALUE, /unknown value "n\/a"; use "/) },
    { what: "a number", value: 45, expect: error(VALUE, /45 is not text/) },
    { what: "TRUE", value: true, expect: error(VALUE, /true is not text/) },
    ...blanks({ sameAs: null }, false),
    { what: "0 (an empty cell on Excel desktop)", value: 0, expect: { sameAs: null } },
    ...passedIn(identity),
    ...singleShape(),
  ];
}

const identity = (v: unknown) => v;
const one = (v: unknown) => [[v]];

/** The first good value of an argument that is a single value or a one-cell range. */
function goodCell(value: unknown): unknown {
  return Array.isArray(value) ? (value as unknown[][])[0]![0] : value;
}

/** Element by element: the single-value rows (as one-cell ranges), bad cells inside a range, shapes. */
function eachRows(kind: Kind, ctx: Context): Bad[] {
  const g = goodCell(ctx.line.good[ctx.index]);
  const inRange = (what: string, bad: unknown, code: string, says: RegExp): Bad => ({
    what: `${what} in row 2 of a range`,
    value: column([g, bad]),
    expect: ctx.line.id === "EFFECTIVE_DISCOUNT" ? error(code, says) : error(code, says, SECOND),
  });
  const numberKind: Record<string, NumberKind> = {
    mtokEach: "money",
    moneyEach: "money",
    spendRange: "money",
    shareEach: "share",
    discountEach: "discount",
    discountRange: "discount",
  };
  const rows: Bad[] = [];
  if (kind === "modelEach" || kind === "routeTo") {
    rows.push(...modelRows(ctx, one));
    rows.push(inRange("an unknown model", "gpt-9", NA, /unknown model "gpt-9" at row 2, column 1/));
    rows.push(inRange("a number", 45, VALUE, /45 at row 2, column 1 is not text/));
    if (kind === "modelEach") rows.push(inRange("a blank", null, NA, /blank at row 2, column 1; a value is required/));
  } else {
    const numeric = numberKind[kind]!;
    rows.push(...numberRows(numeric, ctx, one));
    rows.push({
      what: "a blank cell",
      value: [[null]],
      expect: ctx.parameter.optional ? { sameAs: null } : { sameAs: [[0]] },
    });
    rows.push(inRange("text", "n/a", VALUE, /text "n\/a" at row 2, column 1; expected a number/));
    rows.push(inRange("TRUE", true, VALUE, /TRUE at row 2, column 1/));
    rows.push(inRange("NaN", NaN, NUM, /non-finite number at row 2, column 1/));
    rows.push(inRange("a negative number", -1, NUM, /-1 at row 2, column 1/));
    rows.push(inRange("1e300", 1e300, NUM, /1e\+300 at row 2, column 1/));
    if (numeric !== "money") rows.push(inRange("a whole percent", 15, VALUE, /15 at row 2, column 1 .*enter 0\.15/));
  }
  const isOwnCell = ctx.line.id !== "EFFECTIVE_DISCOUNT";
  rows.push({
    what: "#N/A in row 2 of a range",
    value: column([g, fromSheet.na]),
    expect: isOwnCell ? { passes: fromSheet.na, cell: SECOND } : { passes: fromSheet.na },
  });
  // Ranges of different shapes: this argument 2 rows, another range argument 3 rows.
  const other = ctx.line.kinds.findIndex((k, i) => i !== ctx.index && isRangeKind(k));
  if (other >= 0) {
    const og = goodCell(ctx.line.good[other]);
    const names = [ctx.parameter.name, ctx.parameters[other]!.name];
    rows.push({
      what: `2 rows against ${names[1]}'s 3 rows`,
      value: column([g, g]),
      also: [[other, column([og, og, og])]],
      expect: error(
        VALUE,
        new RegExp(
          `ranges must have the same shape; (${names.join("|")}) is \\d rows by 1 column, (${names.join("|")}) is`,
        ),
      ),
      orNames: [names[1]!],
    });
  }
  rows.push({ what: "an empty range", value: [], expect: error(NA, /the range is empty/) });
  rows.push({ what: "an empty row", value: [[]], expect: error(NA, /the range is empty/) });
  return rows;
}

function isRangeKind(kind: Kind): boolean {
  return kind.endsWith("Each") || kind === "modelEach" || kind === "routeTo" || kind.endsWith("Range");
}

function rowsFor(kind: Kind, ctx: Context): Bad[] {
  switch (kind) {
    case "money":
    case "discount":
    case "share":
    case "cap":
    case "change":
    case "listMultiple":
    case "overage":
    case "months":
    case "volatility":
    case "points":
    case "growth":
      return [...numberRows(kind, ctx), ...(ctx.parameter.matrix ? liftedShape() : singleShape())];
    case "word":
      return wordRows();
    case "model":
      return [...modelRows(ctx, identity), ...singleShape()];
    case "usage":
      return usageRows();
    case "series":
      return seriesRows();
    case "bands":
      return bandsRows();
    case "terms":
      return termsRows();
    case "priceBook":
      return priceBookRows();
    case "export":
      return exportRows(ctx);
    default:
      return eachRows(kind, ctx);
  }
}

/** Rows that belong to one function: limits that depend on other arguments. */
const SPECIAL: Readonly<Record<string, readonly (Bad & { readonly arg: string })[]>> = {
  LEVER_VALUES: [
    {
      arg: "terms",
      what: "a draft that costs next to nothing (share of a denormal)",
      value: [["overage_rate", Number.MIN_VALUE, "committed"]],
      also: [[0, [[100]]]],
      expect: error(NUM, /^result: a non-finite number at row 2, column 5$/, [1, 4]),
      orNames: ["result"],
    },
  ],
  TRUE_FORWARD_COST: [
    {
      arg: "step_up",
      what: "doubling every month for 100 years",
      value: 1,
      also: [
        [1, column(new Array(1200).fill(1))],
        [6, 1],
      ],
      expect: error(NUM, /^result: a non-finite number$/),
      orNames: ["result"],
    },
  ],
  HORIZON_COST: [
    {
      arg: "term_months",
      what: "longer than the usage",
      value: 25,
      expect: error(NUM, /25 months is longer than the usage \(24 months\)/),
    },
  ],
  OPTIMIZED_COST: [
    {
      arg: "cache_write_share",
      what: "cache_hit + cache_write_share above 1",
      value: [[0.6]],
      expect: error(NUM, /cache_hit 0\.6 \+ cache_write_share 0\.6 is more than 1/),
    },
    {
      arg: "route_to",
      what: "blank while route_share > 0",
      value: null,
      expect: error(NA, /a value is required when route_share is more than 0/),
    },
  ],
  EFFECTIVE_RATE: [
    { arg: "mtok", what: "no tokens", value: [[0]], expect: error(NA, /no tokens; a rate per MTok needs tokens/) },
  ],
  EFFECTIVE_DISCOUNT: [
    { arg: "spend", what: "no spend", value: column([0, 0]), expect: error(NA, /total spend is 0/) },
  ],
  NEXT_BAND: [
    { arg: "commit", what: "in the top band", value: 6e6, expect: error(NA, /6000000 is already in the top band/) },
  ],
  PROJECT: [
    {
      arg: "history",
      what: "an exponential fit that overflows",
      value: column([1, 1e15]),
      also: [
        [1, 1200],
        [2, "exponential"],
      ],
      expect: error(NUM, /^result: a non-finite number at row 1200, column 1$/, [1199, 0]),
      orNames: ["result"],
    },
    {
      arg: "growth",
      what: "blank with method growth",
      value: null,
      expect: error(NA, /a value is required when method is "growth"/),
    },
    {
      arg: "history",
      what: "a zero month with method exponential",
      value: column([3, 0, 4]),
      also: [[2, "exponential"]],
      expect: error(NUM, /0 at row 2, column 1 is not above 0/),
    },
    {
      arg: "history",
      what: "one month with method linear",
      value: [[3]],
      also: [[2, "linear"]],
      expect: error(NA, /needs at least 2 months/),
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// Running a row

type Outcome = { readonly value: unknown } | { readonly thrown: unknown };

function run(fn: CustomFunction, args: readonly unknown[]): Outcome {
  try {
    return { value: fn(...args) };
  } catch (e) {
    return { thrown: e };
  }
}

/** The error a row expects: thrown, or in a cell of the spilled result. */
function errorOf(outcome: Outcome, cell: readonly [number, number] | undefined): unknown {
  if (!cell) {
    if ("value" in outcome) throw new Error(`expected an error, got ${JSON.stringify(outcome.value)}`);
    return outcome.thrown;
  }
  if ("thrown" in outcome) throw new Error(`expected a spill with an error in a cell, got ${String(outcome.thrown)}`);
  return (outcome.value as unknown[][])[cell[0]]![cell[1]];
}

function describeOutcome(outcome: Outcome): unknown {
  if ("value" in outcome) return { value: outcome.value };
  const e = outcome.thrown;
  return e instanceof CustomFunctionsError ? { code: e.code, message: e.message } : { raw: String(e) };
}

interface TableRow {
  readonly id: string;
  readonly name: string;
  readonly index: number;
  readonly bad: Bad;
}

function buildTable(parameters: ReadonlyMap<string, readonly Parameter[]>): TableRow[] {
  const table: TableRow[] = [];
  for (const line of FUNCTIONS) {
    const params = parameters.get(line.id) ?? [];
    line.kinds.forEach((kind, index) => {
      const parameter = params[index];
      if (!parameter) return;
      const ctx: Context = { line, index, parameter, parameters: params };
      for (const bad of rowsFor(kind, ctx)) table.push({ id: line.id, name: parameter.name, index, bad });
    });
    for (const special of SPECIAL[line.id] ?? []) {
      const index = params.findIndex((p) => p.name === special.arg);
      table.push({ id: line.id, name: special.arg, index, bad: special });
    }
  }
  return table;
}

const { functions, parameters } = shipped();
const TABLE = buildTable(parameters);

function argsFor(line: FunctionLine, row: TableRow, value: unknown): unknown[] {
  const args = [...line.good];
  args[row.index] = value;
  for (const [i, v] of row.bad.also ?? []) args[i] = v;
  return args;
}

describe("the bad-input table", () => {
  test("covers every function the bundle ships and every argument of each", () => {
    expect(FUNCTIONS.map((f) => f.id).sort()).toEqual([...functions.keys()].sort());
    for (const line of FUNCTIONS) {
      const params = parameters.get(line.id)!;
      expect([line.id, line.kinds.length, line.good.length]).toEqual([line.id, params.length, params.length]);
      params.forEach((p, i) => {
        const rows = TABLE.filter((r) => r.id === line.id && r.index === i);
        expect([line.id, p.name, rows.length > 10]).toEqual([line.id, p.name, true]);
      });
    }
  });

  test("every good call computes", () => {
    for (const line of FUNCTIONS) {
      const outcome = run(functions.get(line.id)!, line.good);
      expect([line.id, describeOutcome(outcome)]).toEqual([line.id, { value: expect.anything() }]);
    }
  });

  describe.each(FUNCTIONS.map((f) => [f.id, f] as const))("LEVERS.%s", (id, line) => {
    const rows = TABLE.filter((r) => r.id === id);
    if (rows.length === 0) {
      test("takes no arguments", () => expect(line.kinds).toEqual([]));
      return;
    }
    test.each(rows.map((r) => [`${r.name}: ${r.bad.what}`, r] as const))("%s", (_, row) => {
      const fn = functions.get(id)!;
      const outcome = run(fn, argsFor(line, row, row.bad.value));
      const expected = row.bad.expect;
      if ("sameAs" in expected) {
        expect(describeOutcome(outcome)).toEqual(describeOutcome(run(fn, argsFor(line, row, expected.sameAs))));
        return;
      }
      const got = errorOf(outcome, expected.cell);
      if ("passes" in expected) {
        expect(got).toBe(expected.passes);
        return;
      }
      expect(got).toBeInstanceOf(CustomFunctionsError);
      const e = got as CustomFunctionsError;
      expect({ code: e.code, message: e.message }).toEqual({
        code: expected.code,
        message: expect.stringMatching(expected.says ?? /./),
      });
      const names = [row.name, ...(row.bad.orNames ?? [])];
      expect(names.some((n) => e.message!.startsWith(`${n}: `))).toBe(true);
      expect(DOCUMENTED_CODES).toContain(e.code);
    });
  });
});

// ---------------------------------------------------------------------------------------------
// The message catalogue: every entry starts with "<argument name>: ".

const somewhere: CellAt = { row: 7, column: 2 };
/** One sample call per catalogue entry; the type makes a new entry need a sample here. */
const SAMPLES: { readonly [K in keyof typeof Errors]: Parameters<(typeof Errors)[K]> } = {
  text: ["usage", "n/a", somewhere],
  boolean: ["usage", true, somewhere],
  notANumber: ["usage", {}, somewhere],
  notFinite: ["usage", somewhere],
  negative: ["usage", -5, somewhere],
  outOfRange: ["discount", 1, "[0, 1)"],
  wholePercent: ["discount", 15],
  notWholeMonths: ["period_months", 0],
  tooLong: ["term_months", 25, 24],
  unknownWord: ["kind", "n/a", ["input", "output"]],
  emptyUsage: ["usage"],
  noMonths: ["actuals", "projection"],
  missing: ["model"],
  duplicateBand: ["bands", 0, somewhere],
  duplicateKey: ["terms", "commit", somewhere],
  noTerms: ["terms"],
  noBands: ["bands"],
  topBand: ["commit", 6e6],
  beyondRange: ["discount", somewhere, 3, 1],
  shape: ["discount", "a single value", "a range of 2 rows"],
  tooMuch: ["commit", 1e16, 1e15],
  blankCell: ["model", somewhere],
  notText: ["model", 45, somewhere],
  noModels: ["price_book"],
  unknownModel: ["model", "gpt-9", ["Claude Sonnet 4.5"]],
  sameShape: ["input_mtok", "2 rows by 1 column", "model", "3 rows by 1 column"],
  sharesOverOne: ["cache_write_share", 0.6, "cache_hit", 0.6],
  requiredWhen: ["route_to", "route_share is more than 0"],
  noSpend: ["spend"],
  noTokens: ["mtok"],
  tooShort: ["history", "linear", 2, 1],
  fewPositiveMonths: ["history", 3, 2],
  pastTerm: ["actuals", 13, 12],
  notPositive: ["history", 0, somewhere, "the exponential method needs every month above 0"],
  emptyRange: ["price_book"],
  blankOrZero: ["terms", "overage_rate", somewhere, "enter 1 for list price"],
  dataType: ["commit", "Entity", somewhere],
  exportHeader: ["export", ["Date", "Spend"], ["Anthropic Console cost CSV"]],
  exportDate: ["export", 4, "usage_date_utc", "next Tuesday"],
  binaryFile: ["file"],
  emptyFile: ["file"],
  unclosedQuote: ["file", 7],
  fileTooLarge: ["file", 3e9, 2 ** 31],
  exportDateOrder: ["export", 9, "usage_date_utc", "4/13/25", 3, "13/4/25"],
  exportAmount: ["export", 4, "cost_usd", "n/a"],
  exportNoUsage: ["export", "FOCUS cost and usage CSV", 3],
  noListAndBilled: ["export", "Anthropic Admin API cost report (billed only)"],
  notJson: ["file"],
  noModelInRows: ["export"],
};

describe("the message catalogue (src/core/errors.ts)", () => {
  test.each(Object.keys(SAMPLES))("%s starts with the argument's name", (key) => {
    const args = SAMPLES[key as keyof typeof Errors];
    const make = Errors[key as keyof typeof Errors] as (...a: unknown[]) => { type: string; message: string };
    const e = make(...args);
    expect(e.message.startsWith(`${args[0]}: `)).toBe(true);
    expect(DOCUMENTED_CODES).toContain(e.type);
  });

  test("every entry has a sample above", () => {
    expect(Object.keys(SAMPLES).sort()).toEqual(Object.keys(Errors).sort());
  });

  test("a value that cannot be shown as text still gives a message, not a crash", () => {
    const bare = Object.create(null) as object;
    expect(Errors.notANumber("commit", bare).message).toMatch(/^commit: /);
  });

  test("cell text reaches the message as data: shortened, quoted", () => {
    const long: Cell = "x".repeat(100);
    expect(Errors.text("usage", long, somewhere).message).toBe(
      `usage: text "${"x".repeat(37)}..." at row 7, column 2; expected a number`,
    );
  });
});
