/**
 * "Bring your usage": a vendor's export, picked as a file and read here in the pane (nothing leaves
 * the machine), goes into the workbook as an Excel table on a new sheet; a second new sheet holds
 * `=LEVERS.MONTHLY_USAGE(<table>[#All])`, and the model's `Usage` points at that spill's dollar
 * columns, so rows pasted below the table (Excel grows a table typed or pasted into from below)
 * recalculate every figure.
 *
 * Nothing is written over anything: both sheets and the table get fresh names. Excel on the web
 * refuses a request over 5 MB (resource-limits-and-performance-optimization), so the rows go in
 * chunks well under it, one request each, with progress; a failed chunk is tried again from where
 * it stopped ("Try again" resumes, the chunks before it are in the workbook already).
 *
 * The names: `Usage` and `Optimized` cover the spill's dollar columns with room to grow (months
 * below, models to the right: trailing blank rows are no months, DOMAIN.md "Usage series"; blank
 * columns add 0). `Renewal`, the last 12 months, is a block of INDEX formulas beside the spill
 * that follows it as it grows.
 */
import * as core from "../core";
import { billedOnly, monthlyUsage, observedDiscount, readExport } from "../core";
import { formula } from "../catalogue/formula";
import { MONTHLY_USAGE, OBSERVED_DISCOUNT } from "../catalogue/functions";
import { tableFromFile } from "../sheet";
import { MONEY, TEXT } from "../model/definition";
import { cellAddress, EXCEL_ROWS, formatRect, freshName, freshNameSet, quoteSheet } from "../sheet/a1";
import { payloadBytes, WEB_PAYLOAD_LIMIT_BYTES } from "./port/excelBehaviour";
import { CellValue, CellWrite, describeFailure, done, Outcome, refuse, WorkbookOp, WorkbookPort } from "./port/port";
import { attachPlan, ImportedUsage, ModelRecord, saveRecord } from "./setup";

/** A picked file, as the pane read it. */
export interface PickedFile {
  readonly name: string;
  readonly text: string;
}

/** Rows written so far, of all the export's rows (header included). */
export type ImportProgress = (written: number, total: number) => void;

/** The sheets the import adds and the table's name, before fresh names are picked. */
export const IMPORT_NAMES = { sheet: "Usage export", monthly: "Monthly usage", table: "UsageExport" } as const;

/** Months below the spill's current end and model columns to its right that the names take in. */
export const ROOM = { months: 120, models: 4 } as const;

/** One request's budget: well under Excel on the web's 5 MB, leaving room for the request's own framing. */
export const CHUNK_BYTES = Math.floor(WEB_PAYLOAD_LIMIT_BYTES * 0.6);

/** `=LEVERS.MONTHLY_USAGE(<table>[#All])`: the monthly spill over the whole table, header included. */
export function monthlyFormula(table: string): string {
  return formula(MONTHLY_USAGE, { export: `${table}[#All]` });
}

/** `=LEVERS.OBSERVED_DISCOUNT(<table>[#All])`. */
export function observedFormula(table: string): string {
  return formula(OBSERVED_DISCOUNT, { export: `${table}[#All]` });
}

/** An import planned: the requests to send, in order, and the record to keep when they are in. */
export class UsageImport {
  /** How many requests have gone in. */
  private sent = 0;

  private constructor(
    readonly requests: readonly (readonly WorkbookOp[])[],
    /** Rows of the export (header included) in the workbook after each request. */
    private readonly rowsAfter: readonly number[],
    readonly record: ModelRecord,
    readonly imported: ImportedUsage,
    readonly months: number,
    readonly models: number,
  ) {}

  get total(): number {
    return this.rowsAfter[this.rowsAfter.length - 1] ?? 0;
  }

  /**
   * Reads a picked file and plans its import into the workbook behind `port`. A file that is no
   * export the add-in reads is refused here, with the function's own message, before anything is written.
   */
  static async plan(port: WorkbookPort, file: PickedFile): Promise<Outcome<UsageImport>> {
    const grid = tableFromFile(file.name, file.text);
    if (grid instanceof core.LeverError) return refuse("invalid", `${file.name}: ${grid.message}`);
    if (grid.length > EXCEL_ROWS) {
      return refuse(
        "invalid",
        `${file.name} has ${grid.length.toLocaleString("en-US")} rows; an Excel sheet holds ${EXCEL_ROWS.toLocaleString("en-US")}. Export fewer months, or group the export by day or month, then try again.`,
      );
    }
    const read = readExport("export", grid);
    if (read instanceof core.LeverError) return refuse("invalid", `${file.name}: ${read.message}`);
    const monthly = monthlyUsage(read, "model", core.DEFAULT_PRICE_BOOK);
    if (monthly instanceof core.LeverError) return refuse("invalid", `${file.name}: ${monthly.message}`);
    const observed = observedDiscount(read);

    const sheets = await port.sheetNames();
    const sheet = freshName(IMPORT_NAMES.sheet, sheets);
    const monthlySheet = freshName(IMPORT_NAMES.monthly, [...sheets, sheet]);
    const table =
      freshNameSet([IMPORT_NAMES.table], await port.nameList()).get(IMPORT_NAMES.table) ?? IMPORT_NAMES.table;
    const months = monthly.length - 1;
    const models = (monthly[0]?.length ?? 1) - 1;

    // The export's rows as cells. Text stays text ("@"): Excel reads a string written as a value as
    // if typed, so "2026-10-01" would turn into a date serial and an id like "0012" into 12 (office-js #229).
    const width = Math.max(...grid.map((r) => r.length));
    const cells = grid.map((row) =>
      Array.from({ length: width }, (_, c): CellWrite => {
        const v = row[c];
        const value: CellValue = v === undefined || v === null ? "" : v;
        return typeof value === "string" && value !== "" ? { value, format: TEXT } : { value };
      }),
    );
    const q = quoteSheet(sheet);
    const requests: WorkbookOp[][] = [];
    const rowsAfter: number[] = [];
    let current: WorkbookOp[] = [
      { kind: "addSheet", name: sheet },
      { kind: "addSheet", name: monthlySheet },
    ];
    let start = 0;
    let bytes = payloadBytes(current);
    for (let r = 0; r < cells.length; r++) {
      const size = payloadBytes(cells[r]) + 1;
      if (r > start && bytes + size > CHUNK_BYTES) {
        current.push({ kind: "write", address: `${q}!${cellAddress(start, 0)}`, cells: cells.slice(start, r) });
        requests.push(current);
        rowsAfter.push(r);
        current = [];
        start = r;
        bytes = 0;
      }
      bytes += size;
    }
    current.push({ kind: "write", address: `${q}!${cellAddress(start, 0)}`, cells: cells.slice(start) });

    // The last request: the table, the spill, the renewal block and the names.
    const m = quoteSheet(monthlySheet);
    const tableRange = formatRect({ sheet, row: 0, column: 0, rows: cells.length, columns: width });
    const room = { rows: months + ROOM.months, columns: models + ROOM.models };
    const dollars = formatRect({ sheet: monthlySheet, row: 1, column: 1, ...room }, true);
    const monthCells = formatRect({ sheet: monthlySheet, row: 1, column: 0, rows: room.rows, columns: 1 }, true);
    const renewalColumn = 1 + room.columns + 1;
    const renewal = formatRect(
      { sheet: monthlySheet, row: 1, column: renewalColumn, rows: 12, columns: room.columns },
      true,
    );
    const block: CellWrite[][] = Array.from({ length: 12 }, (_, r) =>
      Array.from({ length: room.columns }, (_, c) => ({
        formula: `=INDEX(${dollars},MAX(0,COUNTA(${monthCells})-12)+${r + 1},${c + 1})`,
        format: MONEY,
      })),
    );
    const imported: ImportedUsage = {
      file: file.name,
      format: read.format.label,
      sheet,
      table,
      monthlySheet,
      rows: grid.length - 1,
      skipped: read.skipped,
      billedOnly: billedOnly(read.format),
      ...(typeof observed === "number" ? { observedDiscount: observed } : {}),
    };
    const attach = await attachPlan(port, { Usage: dollars, Optimized: dollars, Renewal: renewal }, dollars, {
      imported,
    });
    current.push(
      { kind: "addTable", name: table, address: tableRange },
      { kind: "write", address: `${m}!A1`, cells: [[{ formula: monthlyFormula(table) }]] },
      {
        kind: "write",
        address: `${m}!${cellAddress(0, renewalColumn)}`,
        cells: [[{ value: "Last 12 months (the renewal horizon, list $)" }], ...block],
      },
      ...attach.ops,
    );
    requests.push(current);
    rowsAfter.push(cells.length);
    return done(new UsageImport(requests, rowsAfter, attach.record, imported, months, models));
  }

  /**
   * Sends the requests not yet in, in order, telling `progress` after each. A refusal or a failure
   * stops it where it is: run it again to go on from there.
   */
  async run(port: WorkbookPort, progress?: ImportProgress): Promise<Outcome<ImportedUsage>> {
    while (this.sent < this.requests.length) {
      const outcome = await port
        .batch(this.requests[this.sent]!)
        .catch((e: unknown) => refuse("failed", describeFailure(e)));
      if (!outcome.ok) {
        const written = this.sent === 0 ? 0 : this.rowsAfter[this.sent - 1]!;
        if (written === 0) return outcome;
        const left = `${written.toLocaleString("en-US")} of ${this.total.toLocaleString("en-US")} rows are on sheet ${this.imported.sheet}; try again to go on from there.`;
        return refuse(outcome.code, `${outcome.message} ${left}`);
      }
      this.sent++;
      progress?.(this.rowsAfter[this.sent - 1]!, this.total);
    }
    await saveRecord(port, this.record);
    return done(this.imported);
  }
}
