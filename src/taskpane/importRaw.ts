/**
 * "Also keep the raw rows": the export's rows, read again from the file, on a sheet of their own as
 * a table no formula reads, in requests well under Excel on the web's 5 MB (CHUNK_BYTES), and at
 * most one sheet's worth of rows (EXCEL_ROWS).
 */
import * as core from "../core";
import { ByteSource, FileRead } from "../sheet/stream";
import { CsvSplitter } from "../sheet/csv";
import { TEXT } from "../model/definition";
import { cellAddress, EXCEL_ROWS, formatRect, freshName, freshNameSet, quoteSheet } from "../sheet/a1";
import { csvCell, tableFromFile } from "../sheet/files";
import { WEB_PAYLOAD_LIMIT_BYTES } from "./port/excel";
import { CellWrite, describeFailure, done, Outcome, refuse, WorkbookOp, WorkbookPort } from "./port/port";
import { ModelRecord, modelRecord, saveRecord } from "./record";

/** The sheets and tables the import adds, before fresh names are picked. */
export const IMPORT_NAMES = {
  sheet: "Usage by month",
  table: "UsageMonthly",
  raw: "Usage export",
  rawTable: "UsageExport",
} as const;

/** One request's budget: well under Excel on the web's 5 MB, leaving room for the request's own framing. */
export const CHUNK_BYTES = Math.floor(WEB_PAYLOAD_LIMIT_BYTES * 0.6);

/** A raw cell as Excel would open the CSV (csvCell); text stays text ("@": a date-like string would turn into a date, office-js #229). */
function rawCell(field: unknown): CellWrite {
  if (typeof field === "number" || typeof field === "boolean") return { value: field };
  const cell = typeof field === "string" ? csvCell(field) : null;
  return cell === null ? { value: "" } : typeof cell === "string" ? { value: cell, format: TEXT } : { value: cell };
}

/** About how many bytes a row of cells takes in a request (each cell's JSON framing and its text, UTF-8 at most 3 bytes a unit). */
function rowBytes(fields: readonly unknown[]): number {
  let n = 2;
  for (const f of fields) n += 40 + (typeof f === "string" ? f.length * 3 : 24);
  return n;
}

/** Rows of the raw export, read again from the file, handed on in chunks of at most CHUNK_BYTES. */
export async function rawChunks(
  file: ByteSource,
  read: FileRead,
  onChunk: (rows: readonly (readonly unknown[])[], start: number) => Promise<boolean>,
): Promise<void> {
  let chunk: (readonly unknown[])[] = [];
  let bytes = 0;
  let start = 0;
  let index = 0;
  let stop = false;
  const flush = async () => {
    if (chunk.length === 0 || stop) return;
    const rows = chunk;
    chunk = [];
    bytes = 0;
    stop = !(await onChunk(rows, start));
    start = index;
  };
  if (read.delimiter === "json") {
    const text = await new Response(file.stream()).text();
    const grid = tableFromFile(file.name, text);
    if (grid instanceof core.LeverError) return;
    for (const row of grid) {
      const size = rowBytes(row);
      if (bytes + size > CHUNK_BYTES) await flush();
      chunk.push(row);
      bytes += size;
      index++;
      if (stop) return;
    }
    await flush();
    return;
  }
  const splitter = new CsvSplitter(read.delimiter);
  const pending: string[][] = [];
  const decoder = new TextDecoder(read.encoding);
  const reader = file.stream().getReader();
  try {
    for (;;) {
      const { done: finished, value } = await reader.read();
      const text = finished ? decoder.decode() : decoder.decode(value, { stream: true });
      splitter.push(text, (fields) => pending.push(fields));
      if (finished) splitter.end((fields) => pending.push(fields));
      for (const fields of pending) {
        if (index === 0 && fields[0]) fields[0] = fields[0].replace(/^\uFEFF/, "");
        const size = rowBytes(fields);
        if (bytes + size > CHUNK_BYTES) await flush();
        if (stop) return;
        chunk.push(fields);
        bytes += size;
        index++;
      }
      pending.length = 0;
      if (finished) break;
    }
    await flush();
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

/** Rows of the raw export written so far, of all (header included). */
export type RawProgress = (written: number) => void;

/**
 * "Also keep the raw rows": the export's rows as a table on a sheet of their own, in chunks under
 * 5 MB, read by no formula. A failed chunk stops it; the rows before it stay, and the message says how many.
 */
export async function writeRaw(
  port: WorkbookPort,
  file: ByteSource,
  read: FileRead,
  progress?: RawProgress,
): Promise<Outcome<{ sheet: string; table: string }>> {
  const total = read.records + 1;
  if (total > EXCEL_ROWS) {
    return refuse(
      "invalid",
      `${file.name} has ${total.toLocaleString("en-US")} rows; an Excel sheet holds ${EXCEL_ROWS.toLocaleString("en-US")}, so the raw rows were not kept. The monthly totals hold every row.`,
    );
  }
  const sheet = freshName(IMPORT_NAMES.raw, await port.sheetNames());
  const table =
    freshNameSet([IMPORT_NAMES.rawTable], await port.nameList()).get(IMPORT_NAMES.rawTable) ?? IMPORT_NAMES.rawTable;
  const q = quoteSheet(sheet);
  let width = 0;
  let written = 0;
  let failure: Outcome<never> | undefined;
  await rawChunks(file, read, async (rows, start) => {
    for (const r of rows) width = Math.max(width, r.length);
    const cells = rows.map((r) => r.map(rawCell));
    const ops: WorkbookOp[] = start === 0 ? [{ kind: "addSheet", name: sheet }] : [];
    ops.push({ kind: "write", address: `${q}!${cellAddress(start, 0)}`, cells });
    const outcome = await port.batch(ops).catch((e: unknown) => refuse("failed", describeFailure(e)));
    if (!outcome.ok) {
      failure = outcome;
      return false;
    }
    written = start + rows.length;
    progress?.(written);
    return true;
  });
  if (failure && !failure.ok) {
    const kept = written === 0 ? "" : ` ${written.toLocaleString("en-US")} rows are on sheet ${sheet}.`;
    return refuse(failure.code, `The raw rows stopped: ${failure.message}${kept} The monthly totals are in.`);
  }
  const outcome = await port.batch([
    { kind: "addTable", name: table, address: formatRect({ sheet, row: 0, column: 0, rows: written, columns: width }) },
  ]);
  return outcome.ok ? done({ sheet, table }) : outcome;
}

/** Records where the raw rows went, beside the import. */
export async function recordRaw(port: WorkbookPort, raw: { sheet: string; table: string }): Promise<void> {
  const record: ModelRecord | undefined = await modelRecord(port);
  if (!record?.imported) return;
  await saveRecord(port, { ...record, imported: { ...record.imported, rawSheet: raw.sheet, rawTable: raw.table } });
}
