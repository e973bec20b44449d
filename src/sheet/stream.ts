/**
 * A picked export read as a stream and summed as it goes (issue "A year of real exports"): the
 * bytes are decoded (a byte-order mark's UTF-8 or UTF-16; otherwise strict UTF-8, falling back to
 * Windows-1252, what Excel's "CSV (Comma delimited)" writes), split as RFC 4180 CSV (the delimiter
 * found from the header line among `,` `;` and tab; with `;` amounts have a decimal comma) and each
 * row handed to the core's one aggregator. Memory holds the aggregate and one chunk, never the file.
 * JSON (a vendor API's response pages) is split into its pages as it arrives (sheet/json.ts), each
 * flattened as `files.ts` does: its columns are those of the first page's records.
 *
 * No DOM here: it runs in the pane's Web Worker, in Node for the tests and the benchmark, anywhere a
 * `ReadableStream` and `TextDecoder` exist.
 */
import { DEFAULT_PRICE_BOOK, Errors, isLeverError, LeverError, PriceBook } from "../core";
import { ExportSummary, ImportAggregator, summarize } from "../core/importAggregate";
import { CsvSplitter, delimiterOf } from "./csv";
import { jsonColumns, jsonRecords, jsonRow } from "./files";
import { JsonSplitter } from "./json";

/** A file as the reader needs it: a browser `File`, or a Node `Blob` with a name. */
export interface ByteSource {
  readonly name: string;
  readonly size: number;
  stream(): ReadableStream<Uint8Array>;
}

export interface StreamProgress {
  readonly bytes: number;
  readonly rows: number;
}

export interface StreamOptions {
  readonly onProgress?: (progress: StreamProgress) => void;
  /** Aborting stops the read at the next chunk; the result is then `CANCELLED`. */
  readonly signal?: AbortSignal;
  /** Short dates no row settles (`4/1/25`): day first when true (the display language's order). */
  readonly dayFirst?: boolean;
  readonly book?: PriceBook;
}

/** How the file was read, beside what it says. */
export interface FileRead extends ExportSummary {
  readonly file: string;
  /** Every record of the file but the header: usage rows, skipped rows and blank ones (`rows` counts usage rows). */
  readonly records: number;
  readonly bytes: number;
  readonly encoding: string;
  /** The CSV delimiter, or "json". */
  readonly delimiter: string;
}

/** The read was cancelled: nothing to write. */
export const CANCELLED = "cancelled" as const;

/** Files past this size are refused before reading: 2 GB, past what a browser tab reads reliably. */
export const MAX_FILE_BYTES = 2 * 1024 ** 3;

/** The signatures of files that are no text export: zip (xlsx too), OLE (xls), PDF, gzip. */
const BINARY: readonly (readonly number[])[] = [
  [0x50, 0x4b, 0x03, 0x04],
  [0xd0, 0xcf, 0x11, 0xe0],
  [0x25, 0x50, 0x44, 0x46],
  [0x1f, 0x8b],
];

/** The encoding a file's first bytes name by their byte-order mark, and the mark's length. */
function byteOrderMark(head: Uint8Array): { encoding: string; skip: number } | undefined {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: "utf-8", skip: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: "utf-16le", skip: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: "utf-16be", skip: 2 };
  return undefined;
}

/** Whether the first bytes are those of a binary file: a known signature, or a NUL byte (no text has one). */
function looksBinary(head: Uint8Array): boolean {
  if (BINARY.some((sig) => sig.every((b, i) => head[i] === b))) return true;
  const n = Math.min(head.length, 4096);
  for (let i = 0; i < n; i++) if (head[i] === 0) return true;
  return false;
}

/**
 * Whether a locale writes the day before the month (en-GB, de, fr: yes; en-US: no), from how it
 * formats a date; what the pane passes for short dates no row settles.
 */
export function dayFirstIn(locale: string | undefined): boolean {
  try {
    const parts = new Intl.DateTimeFormat(locale, { day: "numeric", month: "numeric", year: "numeric" }).formatToParts(
      new Date(Date.UTC(2020, 11, 31)),
    );
    const day = parts.findIndex((p) => p.type === "day");
    const month = parts.findIndex((p) => p.type === "month");
    return day >= 0 && month >= 0 && day < month;
  } catch {
    return false;
  }
}

/** Every chunk of a stream, through its reader (async iteration of a ReadableStream is not in every WebView). */
async function* chunks(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      if (value && value.length > 0) yield value;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

/** The UTF-8 read failed on a byte that is no UTF-8: read again as Windows-1252. */
class NotUtf8 extends Error {}

/**
 * Reads and sums an export file. Returns what it says (ExportSummary) with how it was read, a
 * LeverError naming the row and column of the first bad cell (nothing is half read), or CANCELLED.
 */
export async function readExportStream(
  source: ByteSource,
  options: StreamOptions = {},
): Promise<FileRead | LeverError | typeof CANCELLED> {
  if (source.size > MAX_FILE_BYTES) return Errors.fileTooLarge("file", source.size, MAX_FILE_BYTES);
  if (source.size === 0) return Errors.emptyFile("file");
  try {
    try {
      return await readAs(source, options, undefined);
    } catch (e) {
      if (e instanceof NotUtf8) return await readAs(source, options, "windows-1252");
      throw e;
    }
  } catch (e) {
    // A file past the browser's memory (a RangeError: invalid string length, array buffer allocation).
    if (e instanceof RangeError) return Errors.fileTooLarge("file", source.size, MAX_FILE_BYTES);
    throw e;
  }
}

async function readAs(
  source: ByteSource,
  options: StreamOptions,
  fallback: string | undefined,
): Promise<FileRead | LeverError | typeof CANCELLED> {
  const dayFirst = options.dayFirst ?? false;
  let decoder: TextDecoder | undefined;
  let encoding = fallback ?? "utf-8";
  let bytes = 0;
  let rows = 0;
  let lastReport = 0;
  let splitter: CsvSplitter | undefined;
  let aggregator: ImportAggregator | LeverError | undefined;
  let failed: LeverError | undefined;
  let delimiter = ",";
  let headerText = "";
  let json: JsonSplitter | undefined;
  /** A JSON file's columns: the fields of its first page's records, in the order first seen. */
  let jsonHeader: string[] | undefined;
  let recordNumber = 0;
  /** Lines end in a lone carriage return (Excel for Mac's "Macintosh Comma Separated"). */
  let crOnly = false;

  const onRecord = (fields: unknown[]) => {
    recordNumber++;
    if (failed) return;
    if (aggregator === undefined) {
      if (typeof fields[0] === "string") fields[0] = fields[0].replace(/^\uFEFF/, "");
      aggregator = ImportAggregator.start("file", fields, { dayFirst, decimalComma: delimiter === ";" });
      if (isLeverError(aggregator)) failed = aggregator;
      else splitter?.only(aggregator.columnsRead, aggregator.dateColumn);
      return;
    }
    if (isLeverError(aggregator)) return;
    const error = aggregator.add(fields, recordNumber);
    if (error) failed = error;
    rows++;
  };

  /** One JSON value (a page, or one record of an array): its records into the aggregator, as rows under the header. */
  const onJsonValue = (value: string) => {
    if (failed) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      failed = Errors.notJson("file");
      return;
    }
    const found = jsonRecords(parsed);
    if (!jsonHeader) {
      if (found.length === 0) return;
      jsonHeader = jsonColumns(found);
      onRecord(jsonHeader);
    }
    const header = jsonHeader;
    for (const r of found) {
      onRecord(jsonRow(header, r));
      if (failed) return;
    }
  };

  const take = (text: string) => {
    if (json) {
      json.push(text, onJsonValue);
      return;
    }
    if (!splitter) {
      headerText += text;
      const trimmed = headerText.replace(/^\uFEFF/, "").trimStart();
      if (trimmed === "") return;
      if (trimmed[0] === "{" || trimmed[0] === "[" || /\.json$/i.test(source.name)) {
        json = new JsonSplitter();
        json.push(headerText, onJsonValue);
        return;
      }
      const lf = headerText.indexOf("\n");
      const cr = headerText.indexOf("\r");
      // A lone carriage return before any line feed: every line ends so (a CR just before the end of
      // the text read so far may be half of a CRLF: wait for the next piece).
      crOnly = cr !== -1 && (lf === -1 || cr < lf - 1) && cr + 1 < headerText.length;
      const nl = crOnly ? cr : lf;
      if (nl === -1 && headerText.length < 1_000_000) return; // the header line is not whole yet
      delimiter = delimiterOf(nl === -1 ? headerText : headerText.slice(0, nl));
      splitter = new CsvSplitter(delimiter);
      text = headerText;
    }
    splitter.push(crOnly ? text.replace(/\r/g, "\n") : text, onRecord);
  };

  for await (const chunk of chunks(source.stream())) {
    if (options.signal?.aborted) return CANCELLED;
    let body = chunk;
    if (!decoder) {
      if (looksBinary(chunk) && !byteOrderMark(chunk)?.encoding.startsWith("utf-16")) {
        return Errors.binaryFile("file");
      }
      const bom = byteOrderMark(chunk);
      if (bom && !fallback) encoding = bom.encoding;
      decoder = new TextDecoder(encoding, { fatal: encoding === "utf-8" });
      if (bom) body = chunk.subarray(bom.skip);
    }
    bytes += chunk.length;
    let text: string;
    try {
      text = decoder.decode(body, { stream: true });
    } catch {
      throw new NotUtf8();
    }
    take(text);
    if (failed) return failed;
    if (splitter?.unclosed) return Errors.unclosedQuote("file", recordNumber + 1);
    const now = Date.now();
    if (options.onProgress && now - lastReport >= 100) {
      lastReport = now;
      options.onProgress({ bytes, rows });
    }
  }
  if (options.signal?.aborted) return CANCELLED;
  let tail: string;
  try {
    tail = decoder ? decoder.decode() : "";
  } catch {
    throw new NotUtf8();
  }
  if (tail !== "") take(tail);
  const book = options.book ?? DEFAULT_PRICE_BOOK;
  if (json) {
    if (failed) return failed;
    if (!json.whole || jsonHeader === undefined) return Errors.notJson("file");
  } else {
    if (!splitter && headerText.trim() !== "") take("\n");
    splitter?.end(onRecord);
    if (failed) return failed;
    if (splitter?.unclosed) return Errors.unclosedQuote("file", recordNumber + 1);
  }
  if (aggregator === undefined) return Errors.emptyFile("file");
  if (isLeverError(aggregator)) return aggregator;
  const summary: ExportSummary | LeverError = summarize(aggregator.finish(), book);
  if (isLeverError(summary)) return summary;
  options.onProgress?.({ bytes, rows });
  return {
    ...summary,
    file: source.name,
    records: Math.max(0, recordNumber - 1),
    bytes,
    encoding: fallback ?? encoding,
    delimiter: json ? "json" : delimiter,
  };
}
