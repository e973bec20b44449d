/**
 * A file the user picks, read into the rows of a table (header first), as the pane will write it
 * into a sheet for MONTHLY_USAGE: a CSV export as Excel would open it, or a vendor API's JSON
 * response flattened, one row per record. Pure text in, cells out: the file never leaves the pane.
 */
import { Errors, isLeverError, LeverError } from "../core";
import type { Cell } from "./cells";
import { CsvSplitter } from "./csv";
import { JsonSplitter } from "./json";

/** A number as Excel reads it from a CSV: "12", "-0.5", "1e6"; not "0012" (an id), not "1,250". */
const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?$/;

/** A CSV field as Excel opens it: a number as a number, empty (or spaces) as blank, anything else the text as written. */
export function csvCell(field: string): Cell {
  const t = field.trim();
  return t === "" ? null : NUMBER.test(t) ? Number(t) : field;
}

/**
 * RFC 4180 CSV as Excel opens it (the streamed reader's splitter, sheet/stream.ts): quoted fields
 * may hold commas, doubled quotes and line breaks; a byte-order mark is dropped; rows of blanks are
 * left out.
 */
export function parseCsv(text: string): Cell[][] | LeverError {
  const rows: Cell[][] = [];
  let records = 0;
  const take = (fields: string[]) => {
    records++;
    const row = fields.map(csvCell);
    if (row.some((c) => c !== null)) rows.push(row);
  };
  const splitter = new CsvSplitter(",");
  splitter.push(text.replace(/^\uFEFF/, ""), take);
  splitter.end(take);
  return splitter.unclosed ? Errors.unclosedQuote("file", records + 1) : rows;
}

/** Every top-level JSON value in a text (one response, an array of pages, or several pages pasted one after another). */
function jsonValues(text: string): unknown[] | LeverError {
  const values: unknown[] = [];
  let bad = false;
  const splitter = new JsonSplitter();
  splitter.push(text, (value) => {
    try {
      values.push(JSON.parse(value));
    } catch {
      bad = true;
    }
  });
  return !bad && splitter.whole && values.length > 0 ? values : Errors.notJson("file");
}

/**
 * How deep the reader follows nesting: a vendor's record nests two or three levels (`cost.list_amount`,
 * `cache_creation.ephemeral_5m_input_tokens`); a file nested deeper is no export, and recursion as
 * deep as the file would run out of stack (a crash, not a message).
 */
const MAX_DEPTH = 16;

/** A record's fields as columns: nested objects joined with "." (`cost.list_amount`); arrays left out. */
function flatten(
  record: Record<string, unknown>,
  prefix = "",
  out: Record<string, Cell> = {},
  depth = 0,
): Record<string, Cell> {
  for (const [key, value] of Object.entries(record)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === "object") {
      if (!Array.isArray(value) && depth < MAX_DEPTH) flatten(value as Record<string, unknown>, name, out, depth + 1);
    } else if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") out[name] = value;
    else out[name] = null;
  }
  return out;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * The records of a JSON response: each page's `data[]`; a bucket with `results[]` (the Admin API's
 * usage and cost reports, OpenAI's usage and costs) gives one record per result, with the bucket's
 * own fields (its `starting_at` or `start_time`) beside the result's.
 */
export function jsonRecords(value: unknown, depth = 0): Record<string, Cell>[] {
  if (depth > MAX_DEPTH) return [];
  if (Array.isArray(value)) return value.flatMap((v) => jsonRecords(v, depth + 1));
  if (!isRecord(value)) return [];
  if (Array.isArray(value.data)) return value.data.flatMap((v) => jsonRecords(v, depth + 1));
  if (Array.isArray(value.results)) {
    const bucket = flatten(value);
    return value.results.filter(isRecord).map((r) => ({ ...bucket, ...flatten(r) }));
  }
  return [flatten(value)];
}

/** JSON records as a table: the header is every field in the order first seen; a missing field is blank. */
export function parseJson(text: string): Cell[][] | LeverError {
  const values = jsonValues(text);
  if (isLeverError(values)) return values;
  const rows = values.flatMap((v) => jsonRecords(v));
  if (rows.length === 0) return Errors.notJson("file");
  const header = jsonColumns(rows);
  return [header, ...rows.map((r) => jsonRow(header, r))];
}

/** The columns of JSON records: every field, in the order first seen. */
export function jsonColumns(records: readonly Record<string, Cell>[]): string[] {
  const header: string[] = [];
  const seen = new Set<string>();
  for (const r of records) {
    for (const key of Object.keys(r)) {
      if (!seen.has(key)) {
        seen.add(key);
        header.push(key);
      }
    }
  }
  return header;
}

/** A record as a row under `header`; a field it lacks is blank. */
export function jsonRow(header: readonly string[], record: Record<string, Cell>): Cell[] {
  return header.map((k) => (k in record ? record[k]! : null));
}

/** A picked file as a table: JSON by its name or its first character, else CSV. */
export function tableFromFile(name: string, text: string): Cell[][] | LeverError {
  const body = text.replace(/^\uFEFF/, "");
  const json = /\.json$/i.test(name) || /^\s*[[{]/.test(body);
  return json ? parseJson(body) : parseCsv(body);
}
