/**
 * "Bring your usage": a vendor's export, read and summed in the pane (a Web Worker reads the file
 * as a stream: sheet/stream.ts; nothing leaves the machine), goes into the workbook as what Excel
 * can hold: a small table of monthly totals (Month | Model | List $ | Paid $ | tokens by kind |
 * Rows | Provisional), one row per month and model, and beside it `=LEVERS.MONTHLY_USAGE(<table>[#All])`,
 * the spill the model's `Usage` points at. Editing or pasting a month in the table recalculates every
 * figure. A custom function is never handed the raw export: Excel caps a call's payload at 5 MB
 * (office-js #4654), about 44,000 rows of a Console export.
 *
 * Nothing is written before the read succeeds, and the monthly table goes in one small request. The
 * raw rows go in only on request ("Also keep the raw rows"), on a sheet of their own, in chunks well
 * under Excel on the web's 5 MB a request, read by no formula.
 *
 * Re-importing is idempotent (DOMAIN.md "Usage from a vendor's export"): the months the export covers
 * replace those months of the table the last import made, the others stay; when that changes
 * nothing, nothing is written. A changed table goes on a fresh sheet and the names move to it: the
 * pane never deletes, so the sheet before stays as the record of what the numbers were.
 *
 * `Usage` and `Optimized` cover the spill's dollar columns with room to grow (months below, models to
 * the right: trailing blank rows are no months, DOMAIN.md "Usage series"; blank columns add 0);
 * `Renewal`, the last 12 months, is a block of INDEX formulas beside the spill that follows it.
 */
import * as core from "../core";
import { ExportSummary, isProvisional } from "../core/importAggregate";
import { FileRead } from "../sheet/stream";
import { formula } from "../catalogue/formula";
import { MONTHLY_USAGE, OBSERVED_DISCOUNT } from "../catalogue/functions";
import { MONEY, TEXT } from "../model/definition";
import { cellAddress, columnLetter, EXCEL_ROWS, formatRect, freshName, freshNameSet, quoteSheet } from "../sheet/a1";
import { IMPORT_NAMES } from "./importRaw";
export { CHUNK_BYTES, IMPORT_NAMES, rawChunks, recordRaw, writeRaw, type RawProgress } from "./importRaw";
import { CellValue, CellWrite, done, Outcome, WorkbookOp, WorkbookPort } from "./port/port";
import { attachPlan } from "./setup";
import { ImportedUsage, modelRecord, ModelRecord, saveRecord } from "./record";

/** Months below the spill's current end and model columns to its right that the names take in. */
export const ROOM = { months: 120, models: 4 } as const;

/** "Also keep the raw rows" is on by default for exports of at most this many rows. */
export const RAW_ROWS_BY_DEFAULT = 20_000;

/** The token columns of the monthly table, by price kind, in the price book's order. */
const TOKEN_COLUMNS: readonly (readonly [core.PriceKind, string])[] = [
  ["input", "Input tokens"],
  ["output", "Output tokens"],
  ["cache_write", "Cache write 5m tokens"],
  ["cache_write_1h", "Cache write 1h tokens"],
  ["cache_read", "Cache read tokens"],
];

/** `=LEVERS.MONTHLY_USAGE(<table>[#All])`: the monthly spill over the whole table, header included. */
export function monthlyFormula(table: string): string {
  return formula(MONTHLY_USAGE, { export: `${table}[#All]` });
}

/** `=LEVERS.OBSERVED_DISCOUNT(<table>[#All])`. */
export function observedFormula(table: string): string {
  return formula(OBSERVED_DISCOUNT, { export: `${table}[#All]` });
}

/** The monthly table: its header and one row per month and model (a plain month/model/list table MONTHLY_USAGE reads). */
export interface MonthlyTable {
  readonly header: readonly string[];
  readonly rows: readonly (readonly CellValue[])[];
}

/** A read export as the monthly table. A billed-only export has Paid $ and no List $ (MONTHLY_USAGE then says billed). */
export function monthlyTable(read: ExportSummary): MonthlyTable {
  const hasList = !read.billedOnly;
  const hasPaid = read.months.some((m) => m.paid !== undefined);
  const hasTokens = read.months.some((m) => m.tokens !== undefined);
  const header = ["Month", "Model"];
  if (hasList) header.push("List $");
  if (hasPaid) header.push("Paid $");
  if (hasTokens) for (const [, label] of TOKEN_COLUMNS) header.push(label);
  header.push("Rows", "Provisional");
  const rows = read.months.map((m) => {
    const row: CellValue[] = [m.month, m.model];
    if (hasList) row.push(m.list ?? 0);
    if (hasPaid) row.push(m.paid ?? 0);
    if (hasTokens) for (const [kind] of TOKEN_COLUMNS) row.push(m.tokens?.[kind] ?? 0);
    row.push(m.rows, m.provisional ? "provisional" : "");
    return row;
  });
  return { header, rows };
}

/** A table row's month as "2026-10": text as written, or a date the user typed (a serial); undefined when none. */
function monthKey(value: CellValue | undefined): string | undefined {
  const date = core.readDate(value, "calendar");
  return date && "day" in date ? core.monthLabel(core.monthOfDay(date.day)) : undefined;
}

/** What a re-import does to the table the last import made. */
export interface Merged {
  readonly rows: readonly (readonly CellValue[])[];
  /** Months of the table the export replaced, and months it kept. */
  readonly replaced: number;
  readonly kept: number;
  /** The table is as it was: nothing to write. */
  readonly unchanged: boolean;
  /** The earlier table had other columns (another kind of export): this one replaces it whole. */
  readonly otherColumns: boolean;
}

const sameCell = (a: CellValue | undefined, b: CellValue | undefined): boolean =>
  typeof a === "number" && typeof b === "number"
    ? Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b))
    : (a ?? "") === (b ?? "");

/**
 * The table after importing `incoming` over `existing` (header first, as read from the sheet): the
 * months the export covers are its rows; every other month's rows stay as they are; by month, then model.
 */
export function mergeMonthly(
  existing: readonly (readonly CellValue[])[],
  incoming: MonthlyTable,
  newestDate?: string,
): Merged {
  const header = existing[0] ?? [];
  const sameHeader =
    header.length >= incoming.header.length && incoming.header.every((h, i) => String(header[i] ?? "").trim() === h);
  // The table's rows: up to its first blank row. A note the user wrote further down is not the table's.
  const blank = (r: readonly CellValue[]) => r.every((c) => c === "" || c === null);
  let end = 1;
  while (end < existing.length && !blank(existing[end]!)) end++;
  const body = existing.slice(1, end);
  if (!sameHeader) {
    return { rows: incoming.rows, replaced: 0, kept: 0, unchanged: false, otherColumns: body.length > 0 };
  }
  const covered = new Set(incoming.rows.map((r) => String(r[0])));
  const keptRows = body.filter((r) => {
    const month = monthKey(r[0]);
    return month === undefined || !covered.has(month);
  });
  const keptMonths = new Set(keptRows.map((r) => monthKey(r[0]) ?? String(r[0])));
  const replacedMonths = new Set(body.map((r) => monthKey(r[0])).filter((m) => m !== undefined && covered.has(m)));
  const width = incoming.header.length;
  // A kept month's Provisional flag, judged again against the newer export's newest date (DOMAIN.md:
  // less than 30 days before it); a kept month after that date keeps the flag it had.
  const newest = newestDate ? core.readDate(newestDate, "calendar") : undefined;
  const flag = width - 1;
  const again = (r: readonly CellValue[]): CellValue[] => {
    const row = r.slice(0, width);
    const date = core.readDate(r[0], "calendar");
    if (!newest || !("day" in newest) || !date || !("day" in date)) return row;
    const month = core.monthOfDay(date.day);
    if (month > core.monthOfDay(newest.day)) return row;
    row[flag] = isProvisional(month, newest.day) ? "provisional" : "";
    return row;
  };
  const rows = [...keptRows.map(again), ...incoming.rows];
  // By month, then model in code-unit order: the order the aggregator writes them in, so a file
  // imported twice compares equal row by row.
  const key = (r: readonly CellValue[]) => `${monthKey(r[0]) ?? "\uffff"}\u0000${String(r[1])}`;
  rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  const unchanged = rows.length === body.length && rows.every((r, i) => r.every((c, j) => sameCell(c, body[i]![j])));
  return { rows, replaced: replacedMonths.size, kept: keptMonths.size, unchanged, otherColumns: false };
}

/** What an import did, for the pane to say. */
export interface ImportResult {
  readonly imported: ImportedUsage;
  readonly months: number;
  readonly models: number;
  /** The months of the table replaced and kept, on a re-import. */
  readonly replaced: number;
  readonly kept: number;
  readonly unchanged: boolean;
  readonly otherColumns: boolean;
  /** Why the model record could not be saved, when it could not (the import is in all the same). */
  readonly saveProblem?: string;
}

/**
 * Plans and writes the monthly table and the names: one small request, after the read succeeded.
 * The record is saved only when the request is in.
 */
export async function writeMonthly(port: WorkbookPort, read: FileRead): Promise<Outcome<ImportResult>> {
  const table = monthlyTable(read);
  const record = await modelRecord(port);
  const previous = record?.imported;
  let rows = table.rows;
  let merged: Merged | undefined;
  if (previous?.table && previous.columns) {
    const area = `${quoteSheet(previous.sheet)}!A1:${columnLetter(previous.columns - 1)}${EXCEL_ROWS}`;
    const used = await port.usedPart(area);
    const current = used ? await port.readRange(used) : undefined;
    if (current?.ok) {
      merged = mergeMonthly(current.value.values, table, read.newestDate);
      rows = merged.rows;
    }
  }
  const months = new Set(rows.map((r) => monthKey(r[0]) ?? String(r[0]))).size;
  const models = new Set(rows.map((r) => String(r[1]))).size;
  const summary = (imported: ImportedUsage): ImportResult => ({
    imported,
    months,
    models,
    replaced: merged?.replaced ?? 0,
    kept: merged?.kept ?? 0,
    unchanged: merged?.unchanged ?? false,
    otherColumns: merged?.otherColumns ?? false,
  });
  const details = {
    file: read.file,
    format: read.format,
    rows: read.rows,
    skipped: read.skipped,
    billedOnly: read.billedOnly,
    ...(read.observedDiscount !== undefined ? { observedDiscount: read.observedDiscount } : {}),
    // The table's provisional months after the merge (a re-import may settle earlier ones).
    provisional: [...new Set(rows.filter((r) => r[r.length - 1] === "provisional").map((r) => String(r[0])))],
    ...(read.commitment ? { commitment: read.commitment } : {}),
    ...(read.note ? { note: read.note } : {}),
  };
  if (merged?.unchanged && previous) {
    const imported: ImportedUsage = { ...previous, ...details };
    return done({ ...summary(imported), ...(await saved(port, { ...record, imported })) });
  }

  const sheets = await port.sheetNames();
  const sheet = freshName(IMPORT_NAMES.sheet, sheets);
  const tableName =
    freshNameSet([IMPORT_NAMES.table], await port.nameList()).get(IMPORT_NAMES.table) ?? IMPORT_NAMES.table;
  const width = table.header.length;
  const q = quoteSheet(sheet);
  // Text stays text ("@"): Excel reads a string written as a value as if typed, so "2026-10" would
  // turn into a date serial (office-js #229). Dollars in dollars, token counts as whole numbers.
  const dollarColumns = new Set(["List $", "Paid $"]);
  const cells: CellWrite[][] = [
    table.header.map((h) => ({ value: h })),
    ...rows.map((r) =>
      table.header.map((h, c): CellWrite => {
        const v = r[c] ?? "";
        if (typeof v === "string") return v === "" ? { value: "" } : { value: v, format: TEXT };
        return dollarColumns.has(h) ? { value: v, format: MONEY } : { value: v };
      }),
    ),
  ];
  const spillColumn = width + 1;
  const spillMonths = months;
  const spillModels = models;
  const room = { rows: spillMonths + ROOM.months, columns: spillModels + ROOM.models };
  const dollars = formatRect({ sheet, row: 1, column: spillColumn + 1, ...room }, true);
  const monthCells = formatRect({ sheet, row: 1, column: spillColumn, rows: room.rows, columns: 1 }, true);
  const renewalColumn = spillColumn + 1 + room.columns + 1;
  const renewal = formatRect({ sheet, row: 1, column: renewalColumn, rows: 12, columns: room.columns }, true);
  const block: CellWrite[][] = Array.from({ length: 12 }, (_, r) =>
    Array.from({ length: room.columns }, (_, c) => ({
      formula: `=INDEX(${dollars},MAX(0,COUNTA(${monthCells})-12)+${r + 1},${c + 1})`,
      format: MONEY,
    })),
  );
  const imported: ImportedUsage = { ...details, sheet, table: tableName, columns: width };
  const attach = await attachPlan(port, { Usage: dollars, Optimized: dollars, Renewal: renewal }, dollars, {
    imported,
  });
  const ops: WorkbookOp[] = [
    { kind: "addSheet", name: sheet },
    { kind: "write", address: `${q}!A1`, cells },
    {
      kind: "addTable",
      name: tableName,
      address: formatRect({ sheet, row: 0, column: 0, rows: cells.length, columns: width }),
    },
    {
      kind: "write",
      address: `${q}!${cellAddress(0, spillColumn)}`,
      cells: [[{ formula: monthlyFormula(tableName) }]],
    },
    {
      kind: "write",
      address: `${q}!${cellAddress(0, renewalColumn)}`,
      cells: [[{ value: "Last 12 months (the renewal horizon, list $)" }], ...block],
    },
  ];
  for (const op of attach.ops) ops.push(op);
  const outcome = await port.batch(ops);
  if (!outcome.ok) return outcome;
  return done({ ...summary(imported), ...(await saved(port, attach.record)) });
}

/** Saves the model record; the import is in the workbook by then, so a failed save is said, not undone. */
async function saved(port: WorkbookPort, record: ModelRecord): Promise<{ saveProblem?: string }> {
  const problem = await saveRecord(port, record);
  return problem ? { saveProblem: problem } : {};
}
