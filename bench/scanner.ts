/**
 * The import section's two references: what reading an export into list dollars by month × model
 * costs when done directly, for the Anthropic Console cost CSV and a FOCUS cost-and-usage CSV.
 *
 * - `scanExport`: a minimal single-pass byte scanner. It reads the file as a stream of bytes,
 *   splits rows and fields per RFC 4180 as far as these files need (quoted fields, doubled quotes,
 *   commas and line breaks inside quotes, CRLF or LF, a byte-order mark), looks at only the
 *   columns it needs, and parses each list amount straight from its bytes into integer
 *   micro-dollars, so its totals are exact. This is the speed the product's reader must stay within
 *   2× of.
 * - `papaExport`: the same sums through papaparse (streaming, `step`, `header: true`), the way a
 *   general CSV library reads it.
 *
 * What is summed (EXPORTS.md): Console, `list_price_usd` by month of `usage_date_utc` and `model`;
 * FOCUS, `ListCost` of rows with ChargeCategory = Usage and ChargeFrequency = Usage-Based by month
 * of `ChargePeriodStart` and `SkuPriceDetails.ModelId` (else ResourceName, else SkuId).
 */
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import Papa from "papaparse";

export type ScanFormat = "console" | "focus";

/** List dollars of one month and model, in micro-dollars (exact), and the rows summed. */
export interface MonthModelList {
  readonly month: string;
  readonly model: string;
  readonly listMicro: number;
  readonly rows: number;
}

export interface ScanResult {
  readonly format: ScanFormat;
  readonly bytes: number;
  /** Data rows read (the header not counted). */
  readonly rows: number;
  /** Rows summed (for FOCUS, the Usage-Based usage rows). */
  readonly usageRows: number;
  /** By month, then model. */
  readonly totals: readonly MonthModelList[];
}

/** A byte source: a web ReadableStream (a Blob's stream()) or any async iterable of chunks. */
export type ByteSource = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;

async function* chunksOf(source: ByteSource): AsyncGenerator<Uint8Array> {
  if (Symbol.asyncIterator in source) {
    yield* source;
    return;
  }
  const reader = source.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

/** The columns each format needs, by header name, in the scanner's slot order. */
const NEEDS = {
  console: ["usage_date_utc", "model", "list_price_usd"],
  focus: [
    "ChargePeriodStart",
    "ListCost",
    "ChargeCategory",
    "ChargeFrequency",
    "SkuPriceDetails",
    "ResourceName",
    "SkuId",
  ],
} as const;

/** Which format a header is, by its columns. */
function formatOf(header: readonly string[]): ScanFormat {
  if (header.includes("usage_date_utc") && header.includes("list_price_usd")) return "console";
  if (header.includes("ChargePeriodStart") && header.includes("ListCost")) return "focus";
  throw new Error(`Not a Console cost CSV or a FOCUS CSV: ${header.slice(0, 6).join(",")}...`);
}

/** Month × model sums; months as counts (year × 12 + month − 1) while scanning. */
class Totals {
  private readonly byMonth = new Map<number, Map<string, { micro: number; rows: number }>>();
  rows = 0;
  usageRows = 0;

  add(month: number, model: string, micro: number): void {
    let models = this.byMonth.get(month);
    if (!models) this.byMonth.set(month, (models = new Map<string, { micro: number; rows: number }>()));
    const cell = models.get(model);
    if (cell) {
      cell.micro += micro;
      cell.rows++;
    } else models.set(model, { micro, rows: 1 });
    this.usageRows++;
  }

  list(): MonthModelList[] {
    const out: MonthModelList[] = [];
    for (const month of [...this.byMonth.keys()].sort((a, b) => a - b)) {
      const label = `${Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, "0")}`;
      const models = this.byMonth.get(month)!;
      for (const model of [...models.keys()].sort()) {
        const c = models.get(model)!;
        out.push({ month: label, model, listMicro: c.micro, rows: c.rows });
      }
    }
    return out;
  }
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;

/** The month count of an ISO date's first 7 bytes ("2026-01"), or -1. */
function monthAt(buf: Uint8Array, s: number, e: number): number {
  if (e - s < 7 || buf[s + 4] !== 0x2d) return -1;
  let year = 0;
  for (let i = s; i < s + 4; i++) {
    const d = buf[i]! - 0x30;
    if (d < 0 || d > 9) return -1;
    year = year * 10 + d;
  }
  const m1 = buf[s + 5]! - 0x30;
  const m2 = buf[s + 6]! - 0x30;
  const month = m1 * 10 + m2;
  if (m1 < 0 || m1 > 9 || m2 < 0 || m2 > 9 || month < 1 || month > 12) return -1;
  return year * 12 + month - 1;
}

const decoder = new TextDecoder();

/**
 * A decimal amount's bytes as integer micro-dollars, exactly: an optional sign, digits and up to 6
 * decimals. Anything else (more decimals, an exponent, thousands separators) goes through Number.
 */
function microAt(buf: Uint8Array, s: number, e: number): number {
  let i = s;
  let negative = false;
  if (buf[i] === 0x2d) {
    negative = true;
    i++;
  }
  let whole = 0;
  let frac = 0;
  let decimals = -1;
  for (; i < e; i++) {
    const c = buf[i]!;
    if (c === 0x2e && decimals < 0) {
      decimals = 0;
      continue;
    }
    const d = c - 0x30;
    if (d < 0 || d > 9 || decimals >= 6) {
      const n = Number(decoder.decode(buf.subarray(s, e)));
      if (!Number.isFinite(n)) throw new Error(`Not an amount: ${decoder.decode(buf.subarray(s, e))}`);
      return Math.round(n * 1e6);
    }
    if (decimals < 0) whole = whole * 10 + d;
    else {
      frac = frac * 10 + d;
      decimals++;
    }
  }
  for (let k = Math.max(decimals, 0); k < 6; k++) frac *= 10;
  const micro = whole * 1e6 + frac;
  return negative ? -micro : micro;
}

/** Whether bytes [s, e) are exactly the ASCII text `word`. */
function bytesAre(buf: Uint8Array, s: number, e: number, word: Uint8Array): boolean {
  if (e - s !== word.length) return false;
  for (let i = 0; i < word.length; i++) if (buf[s + i] !== word[i]) return false;
  return true;
}

const USAGE = new TextEncoder().encode("Usage");
const USAGE_BASED = new TextEncoder().encode("Usage-Based");

/**
 * The reference scanner. Rows are split in place in each chunk; a row cut by the chunk's end is
 * carried into the next chunk (copied once), so no field is ever assembled byte by byte.
 */
export async function scanExport(source: ByteSource): Promise<ScanResult> {
  const totals = new Totals();
  let format: ScanFormat | undefined;
  /** Slot of each column (by index), -1 for a column not needed. */
  let slotOf: Int32Array = new Int32Array(0);
  const start = new Int32Array(8);
  const end = new Int32Array(8);
  const quoted = new Uint8Array(8);
  /** Model of a SkuPriceDetails field, by its raw text (the details repeat). */
  const modelOfDetails = new Map<string, string | undefined>();
  let header: string[] | undefined;
  let bytes = 0;
  let carry: Uint8Array | undefined;

  const text = (buf: Uint8Array, slot: number) => {
    const s = start[slot]!;
    const e = end[slot]!;
    const raw = decoder.decode(buf.subarray(s, e));
    return quoted[slot] ? raw.replace(/""/g, '"') : raw;
  };

  /** One complete row, its needed fields' extents in start/end. */
  const row = (buf: Uint8Array) => {
    totals.rows++;
    if (format === "console") {
      const month = monthAt(buf, start[0]!, end[0]!);
      if (month < 0) throw new Error(`Row ${totals.rows}: no usage_date_utc`);
      totals.add(month, text(buf, 1), microAt(buf, start[2]!, end[2]!));
      return;
    }
    if (!bytesAre(buf, start[2]!, end[2]!, USAGE) || !bytesAre(buf, start[3]!, end[3]!, USAGE_BASED)) return;
    const month = monthAt(buf, start[0]!, end[0]!);
    if (month < 0) throw new Error(`Row ${totals.rows}: no ChargePeriodStart`);
    let model: string | undefined;
    if (end[4]! > start[4]!) {
      const raw = decoder.decode(buf.subarray(start[4], end[4]));
      if (modelOfDetails.has(raw)) model = modelOfDetails.get(raw);
      else {
        const details = JSON.parse(quoted[4] ? raw.replace(/""/g, '"') : raw) as { ModelId?: unknown };
        model = typeof details.ModelId === "string" && details.ModelId !== "" ? details.ModelId : undefined;
        modelOfDetails.set(raw, model);
      }
    }
    model ??= end[5]! > start[5]! ? text(buf, 5) : text(buf, 6);
    totals.add(month, model, microAt(buf, start[1]!, end[1]!));
  };

  /** Reads the header (all fields, as text) of the row at [s, e). */
  const readHeader = (fields: string[]) => {
    if (fields[0]?.charCodeAt(0) === 0xfeff) fields[0] = fields[0].slice(1);
    header = fields;
    format = formatOf(fields);
    const needs: readonly string[] = NEEDS[format];
    slotOf = new Int32Array(fields.length).fill(-1);
    for (let slot = 0; slot < needs.length; slot++) {
      const i = fields.indexOf(needs[slot]!);
      if (i < 0) throw new Error(`The ${format} header has no ${needs[slot]}`);
      slotOf[i] = slot;
    }
  };

  /**
   * Scans the complete rows of `buf`; returns where the first incomplete row starts (buf.length
   * when none). At the end of the file (`last`), the end of the buffer ends the row.
   */
  const scan = (buf: Uint8Array, last: boolean): number => {
    const n = buf.length;
    let rowStart = 0;
    let p = 0;
    while (p < n) {
      // One row from p.
      let field = 0;
      let lastEmpty: boolean;
      const headerFields: string[] | undefined = header ? undefined : [];
      for (let k = 0; k < start.length; k++) start[k] = end[k] = 0;
      for (;;) {
        let s = p;
        let e: number;
        let q = 0;
        if (buf[p] === QUOTE) {
          q = 1;
          s = ++p;
          for (;;) {
            while (p < n && buf[p] !== QUOTE) p++;
            if (p + 1 >= n) {
              // Out of bytes inside or at the end of a quoted field: the row continues in the next chunk.
              if (!last) return rowStart;
              if (p >= n) throw new Error(`Row ${totals.rows + 1}: a quoted field is never closed`);
              break;
            }
            if (buf[p + 1] === QUOTE) p += 2;
            else break;
          }
          e = p++;
        } else {
          while (p < n && buf[p] !== COMMA && buf[p] !== LF) p++;
          e = p;
          if (e > s && buf[e - 1] === CR && (p >= n || buf[p] === LF)) e--;
        }
        if (p >= n && !last) return rowStart;
        if (headerFields) {
          const raw = decoder.decode(buf.subarray(s, e));
          headerFields.push(q ? raw.replace(/""/g, '"') : raw);
        } else if (field < slotOf.length) {
          const slot = slotOf[field]!;
          if (slot >= 0) {
            start[slot] = s;
            end[slot] = e;
            quoted[slot] = q;
          }
        }
        field++;
        lastEmpty = e === s && q === 0;
        if (p >= n) break;
        if (buf[p] === COMMA) {
          p++;
          if (p >= n && !last) return rowStart;
          continue;
        }
        if (buf[p] === CR && p + 1 < n && buf[p + 1] === LF) p++;
        if (buf[p] === LF || buf[p] === CR) {
          p++;
          break;
        }
        throw new Error(`Row ${totals.rows + 1}: text after a closing quote`);
      }
      const blank = field === 1 && lastEmpty;
      if (headerFields) readHeader(headerFields);
      else if (!blank) row(buf);
      rowStart = p;
    }
    return n;
  };

  for await (const chunk of chunksOf(source)) {
    bytes += chunk.length;
    let buf = chunk;
    if (carry && carry.length > 0) {
      buf = new Uint8Array(carry.length + chunk.length);
      buf.set(carry);
      buf.set(chunk, carry.length);
    }
    const used = scan(buf, false);
    carry = used < buf.length ? buf.slice(used) : undefined;
  }
  if (carry && carry.length > 0) scan(carry, true);
  if (!format) throw new Error("The file is empty");
  return { format, bytes, rows: totals.rows, usageRows: totals.usageRows, totals: totals.list() };
}

/** The same sums through papaparse: streaming, one row at a time (`step`), `header: true`. */
export async function papaExport(source: ByteSource): Promise<ScanResult> {
  const totals = new Totals();
  let format: ScanFormat | undefined;
  let bytes = 0;
  const modelOfDetails = new Map<string, string | undefined>();
  async function* counted(): AsyncGenerator<Uint8Array> {
    for await (const chunk of chunksOf(source)) {
      bytes += chunk.length;
      yield chunk;
    }
  }
  // Decoded as a stream (setEncoding), so a character split across chunks stays whole.
  const input = Readable.from(counted(), { objectMode: false }).setEncoding("utf8");
  const monthOf = (date: string | undefined) => {
    const m = /^(\d{4})-(\d{2})/.exec(date ?? "");
    if (!m) throw new Error(`Row ${totals.rows}: no date`);
    return Number(m[1]) * 12 + Number(m[2]) - 1;
  };
  const micro = (amount: string | undefined) => {
    const n = Number(amount);
    if (amount === undefined || amount === "" || !Number.isFinite(n)) throw new Error(`Row ${totals.rows}: no amount`);
    return Math.round(n * 1e6);
  };
  await new Promise<void>((resolve, reject) => {
    Papa.parse<Record<string, string | undefined>>(input, {
      header: true,
      skipEmptyLines: true,
      transformHeader: (h) => h.replace(/^\uFEFF/, ""),
      step(results, parser) {
        try {
          const r = results.data;
          totals.rows++;
          format ??= formatOf(results.meta.fields ?? []);
          if (format === "console") {
            totals.add(monthOf(r.usage_date_utc), r.model ?? "", micro(r.list_price_usd));
            return;
          }
          if (r.ChargeCategory !== "Usage" || r.ChargeFrequency !== "Usage-Based") return;
          const raw = r.SkuPriceDetails ?? "";
          let model: string | undefined;
          if (raw !== "") {
            if (modelOfDetails.has(raw)) model = modelOfDetails.get(raw);
            else {
              const details = JSON.parse(raw) as { ModelId?: unknown };
              model = typeof details.ModelId === "string" && details.ModelId !== "" ? details.ModelId : undefined;
              modelOfDetails.set(raw, model);
            }
          }
          model ??= r.ResourceName || r.SkuId || "";
          totals.add(monthOf(r.ChargePeriodStart), model, micro(r.ListCost));
        } catch (e) {
          parser.abort();
          reject(e instanceof Error ? e : new Error(String(e)));
        }
      },
      complete: () => resolve(),
      error: (e: Error) => reject(e),
    });
  });
  if (!format) throw new Error("The file is empty");
  return { format, bytes, rows: totals.rows, usageRows: totals.usageRows, totals: totals.list() };
}

/** A web ReadableStream from Node's stream/web typed as the DOM's (they are the same object in Node). */
export const asWebStream = (s: NodeReadableStream<Uint8Array>) => s as unknown as ReadableStream<Uint8Array>;
