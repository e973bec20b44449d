/**
 * The workbook port's nouns: cell values and writes, ranges as read, the refusals and outcomes, the
 * operations of a batch, and the two interfaces: what the pane uses (WorkbookPort) and what a host
 * provides (WorkbookHost).
 */
import type { Rect } from "../../sheet/a1";

export type CellValue = string | number | boolean | null;

/** What to put in one cell: a constant or a formula, optionally with an Excel number format. */
export interface CellWrite {
  readonly value?: CellValue;
  /** A formula starting with "=". */
  readonly formula?: string;
  readonly format?: string;
}

/** A range as read: its sheet-qualified absolute address, values (formulas computed) and formulas. */
export interface RangeData {
  readonly address: string;
  readonly rect: Rect;
  /** Calculated values; an empty cell reads as "". */
  readonly values: CellValue[][];
  /** The formula of each cell, or its constant, or "" when empty (as Excel's `range.formulas`). */
  readonly formulas: CellValue[][];
}

/** Why the port did not do something. `occupied`: a non-empty cell the pane does not own. */
export interface Refusal {
  readonly ok: false;
  readonly code: "occupied" | "not-found" | "invalid" | "failed";
  readonly message: string;
}
export type Outcome<T = void> = { readonly ok: true; readonly value: T } | Refusal;

export const done = <T>(value: T): Outcome<T> => ({ ok: true, value });
export const refuse = (code: Refusal["code"], message: string): Refusal => ({ ok: false, code, message });

/** One step of a batch. Sheet names are exact (pick fresh ones first with `freshSheetName`). */
export type WorkbookOp =
  | { readonly kind: "addSheet"; readonly name: string }
  | { readonly kind: "write"; readonly address: string; readonly cells: readonly (readonly (CellWrite | null)[])[] }
  | { readonly kind: "defineName"; readonly name: string; readonly ref: string }
  /** Re-points a name the pane owns (NamedItem.formula, ExcelApi 1.7): `names.add` would fail on it. */
  | { readonly kind: "updateName"; readonly name: string; readonly ref: string }
  | { readonly kind: "columnWidths"; readonly sheet: string; readonly widths: readonly number[] }
  /**
   * Makes an Excel table of a written range, its first row the header (TableCollection.add with
   * hasHeaders, then Table.name: excel-add-ins-tables). Table and defined names share one namespace
   * and must be unique in the workbook (office-js #551), so pick the name with `freshName` over
   * `nameList()`, which lists both.
   */
  | { readonly kind: "addTable"; readonly name: string; readonly address: string };

/**
 * A native chart: `values` against `categories`, both the data rows only (no header), and any `more`
 * series over the same categories. A line chart unless `kind` says clustered columns.
 */
export interface ChartSpec {
  readonly sheet: string;
  readonly title: string;
  readonly seriesName: string;
  readonly categories: string;
  readonly values: string;
  /** Top-left cell of the chart, e.g. "H2". */
  readonly anchor: string;
  readonly kind?: "line" | "column";
  /** Further series (a legend is shown when there are any). */
  readonly more?: readonly { readonly name: string; readonly values: string }[];
}

/** A change in the workbook: the sheet and the address that changed. */
export interface ChangeEvent {
  readonly sheet: string;
  readonly address: string;
}

export interface WriteOptions {
  /** Refuse every non-empty cell, even one the pane wrote (inserting a formula at the selection). */
  readonly onlyEmpty?: boolean;
}

/** Everything the pane does to a workbook. */
export interface WorkbookPort {
  sheetNames(): Promise<string[]>;
  /** A defined name's range; `not-found` when the name does not exist or is not a range. */
  readName(name: string): Promise<Outcome<RangeData>>;
  readRange(address: string): Promise<Outcome<RangeData>>;
  /** The defined names of the workbook (workbook scope) and its tables' names: they share one namespace. */
  nameList(): Promise<string[]>;
  /** The part of a range that holds values (Range.getUsedRangeOrNullObject(true)), or undefined when it is empty. */
  usedPart(address: string): Promise<string | undefined>;
  /** Writes a rectangle starting at `address`'s top-left cell; a null entry leaves its cell alone. */
  write(address: string, cells: readonly (readonly (CellWrite | null)[])[], options?: WriteOptions): Promise<Outcome>;
  /** Adds a sheet, with a fresh name if taken ("Deal" -> "Deal (2)"); returns the name used. */
  addSheet(name: string): Promise<Outcome<string>>;
  defineName(name: string, ref: string): Promise<Outcome>;
  /** The selected range, sheet-qualified ("Summary!B3"). */
  selection(): Promise<string>;
  getSetting(key: string): Promise<unknown>;
  setSettings(entries: Readonly<Record<string, unknown>>): Promise<void>;
  addChart(spec: ChartSpec): Promise<Outcome>;
  /** Calls `listener` on every change; resolves to a function that unsubscribes. */
  onChange(listener: (event: ChangeEvent) => void): Promise<() => Promise<void>>;
  /** Calls `listener` with a message whenever saving what the pane wrote into the document's settings fails. */
  onSaveFailure?(listener: (message: string) => void): void;
  /**
   * Runs the operations in one request. Office.js batches are not transactional: a failed sync may
   * leave the operations before the failing one done. So on failure the port removes what the batch
   * created (its new sheets, with their cells, and its new names) and nothing else: a cell it wrote
   * on a sheet that already existed keeps the new content. Writes are checked first, as `write`.
   */
  batch(ops: readonly WorkbookOp[]): Promise<Outcome>;
}

/**
 * What a host (Office.js, memory, HyperFormula) provides; GuardedPort adds ownership and refusals
 * on top. Any call may reject with an Office.js error (`{ code, message }`): the port and the pane
 * turn it into words with `describeFailure`. Every call asks Excel to wait while the user is
 * editing a cell (Excel.RunOptions.delayForCellEdit, excel-add-ins-delay-in-cell-edit) rather than
 * fail; an Excel that ignores the option fails with InvalidOperationInCellEditMode instead.
 */
export interface WorkbookHost {
  sheetNames(): Promise<string[]>;
  /** Every workbook-scoped defined name, and every table's name (one namespace in Excel). */
  nameList(): Promise<string[]>;
  /** The absolute, sheet-qualified address a name refers to, or undefined. */
  nameAddress(name: string): Promise<string | undefined>;
  /** Reads a range; undefined when the sheet does not exist. */
  read(address: string): Promise<RangeData | undefined>;
  /** The used part of a range, sheet-qualified, or undefined when it holds nothing. */
  usedPart(address: string): Promise<string | undefined>;
  /** Applies the operations in order; on failure it throws, possibly after doing some of them. */
  apply(ops: readonly WorkbookOp[]): Promise<void>;
  /** Deletes sheets and names a failed batch created (each only if it exists). */
  remove(created: { readonly sheets: readonly string[]; readonly names: readonly string[] }): Promise<void>;
  /** The selected range; throws when several areas are selected (as getSelectedRange does). */
  selection(): Promise<string>;
  getSetting(key: string): Promise<unknown>;
  setSettings(entries: Readonly<Record<string, unknown>>): Promise<void>;
  addChart(spec: ChartSpec): Promise<void>;
  onChange(listener: (event: ChangeEvent) => void): Promise<() => Promise<void>>;
}
