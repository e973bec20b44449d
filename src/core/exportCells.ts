/**
 * An export's cells read as the aggregator (./aggregate.ts) sums them: an amount in the unit its
 * column states, and a blank. Dates are ./dates.ts's. The one test of a blank cell lives here, for
 * the export reader and for the argument readers of src/sheet alike.
 */

/** Thousands separators (1,250.50), or a plain decimal (0.85, 123.45, 1e-3); not "0,85", not "0x10". */
const GROUPED = /^-?[1-9]\d{0,2}(,\d{3})+(\.\d+)?$/;
const DECIMAL = /^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;
/**
 * The same with a decimal comma, as a ";"-separated CSV from a European Excel writes amounts:
 * 1.250,50 and 0,85. A group never starts with 0, so "0,125" is no thousands and "0.125" no
 * European grouping (it is read as a point decimal).
 */
const GROUPED_COMMA = /^-?[1-9]\d{0,2}(\.\d{3})+(,\d+)?$/;
const DECIMAL_COMMA = /^-?(\d+(,\d*)?|,\d+)([eE][-+]?\d+)?$/;

/** An amount's text (a string cell) read as a number, null for blank, undefined for no amount. */
type AmountText = (value: string) => number | null | undefined;

/**
 * A money (or token) cell in the column's own unit: a number, or numeric text (cents strings
 * included); null when blank (a blank and a 0 are the same amount); undefined when it is no amount.
 */
export function amountOf(value: unknown, decimalComma = false): number | null | undefined {
  return amountIn(value, decimalComma ? commaAmount : pointAmount);
}

/** `amountOf` with a decimal point (Excel's functions read no other), or with `text` reading the text. */
export function amountIn(value: unknown, text: AmountText = pointAmount): number | null | undefined {
  if (value === null || value === undefined || value === "") return null;
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  return typeof value === "string" ? text(value) : undefined;
}

function pointAmount(value: string): number | null | undefined {
  // The common case without a regular expression (a million rows of amounts): a decimal number
  // that JavaScript reads as written. Its first character is a digit, "-" or "."; "0x", "0b" and
  // "0o" prefixes and Infinity are left to the checks below, which refuse them.
  const c0 = value.charCodeAt(0);
  const c1 = value.charCodeAt(1) | 0x20;
  if (((c0 >= 48 && c0 <= 57) || c0 === 45 || c0 === 46) && c1 !== 0x78 && c1 !== 0x62 && c1 !== 0x6f) {
    const n = Number(value);
    if (Number.isFinite(n)) return n;
  }
  const text = value.trim().replace(/^\$/, "");
  if (text === "") return null;
  if (GROUPED.test(text)) return Number(text.replace(/,/g, ""));
  return DECIMAL.test(text) ? Number(text) : undefined;
}

function commaAmount(value: string): number | null | undefined {
  const text = value.trim().replace(/^\$/, "");
  if (text === "") return null;
  if (GROUPED_COMMA.test(text)) return Number(text.replace(/\./g, "").replace(",", "."));
  if (DECIMAL_COMMA.test(text)) return Number(text.replace(",", "."));
  // A point decimal in a ";" file (a tool that writes ";" but not decimal commas): 0.125.
  return DECIMAL.test(text) ? Number(text) : undefined;
}

/**
 * A blank cell: nothing, 0, or text of only spaces (as the pane counts a cell of spaces). A blank and
 * a 0 are one value because Excel desktop passes an empty cell as 0 and Excel on the web as null
 * (office-js #4702, #5262; DOMAIN.md "Blank cells inside ranges").
 */
export function isBlank(value: unknown): boolean {
  return value === null || value === undefined || value === 0 || (typeof value === "string" && value.trim() === "");
}
