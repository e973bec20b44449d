/**
 * The workbook port: the one narrow interface through which the task pane touches a workbook.
 *
 * Two hosts sit under it: Office.js (officePort.ts) and an in-memory workbook (memoryPort.ts) for
 * unit tests, the browser test and the preview. Both are wrapped by `GuardedPort`, which keeps the
 * one rule the pane must never break: a write into a non-empty cell the pane did not write itself
 * is refused with a message. The cells (and names) the pane wrote are recorded in the document's
 * settings, so the rule survives closing and reopening the workbook.
 */
import { cellAddress, formatRect, freshName, parseAddress, Rect } from "../../sheet/a1";
import { CommonApiCodes, OfficeCodes } from "./excel";

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

/** The settings key holding what the pane wrote. */
export const OWNED_SETTING = "commitLevers.owned";

interface OwnedRecord {
  /** Per sheet: rectangles of cells, "row:column:rows:columns" (0-based). */
  readonly rects?: Record<string, string[]>;
  /** Records saved before rectangles: runs of cells on one row, "row:firstColumn:lastColumn". */
  readonly cells?: Record<string, string[]>;
  readonly names: string[];
}

/** A rectangle of cells on one sheet, 0-based. */
interface Block {
  row: number;
  column: number;
  rows: number;
  columns: number;
}

/**
 * The cells and names the pane wrote, kept as rectangles so the record stays small whatever the
 * size of a write: a million imported rows are one rectangle, not a million runs (document settings
 * fail past about 2 MB: office-js #3957, #621).
 */
export class Ownership {
  private readonly blocks = new Map<string, Block[]>();
  private readonly names = new Set<string>();

  static from(record: unknown): Ownership {
    const owned = new Ownership();
    if (!record || typeof record !== "object") return owned;
    const r = record as Partial<OwnedRecord>;
    for (const [sheet, rects] of Object.entries(r.rects ?? {})) {
      for (const rect of Array.isArray(rects) ? rects : []) {
        const [row, column, rows, columns] = String(rect).split(":").map(Number);
        if ([row, column, rows, columns].every((n) => Number.isInteger(n) && n! >= 0))
          owned.addRect(sheet, row!, column!, rows!, columns!);
      }
    }
    for (const [sheet, runs] of Object.entries(r.cells ?? {})) {
      for (const run of Array.isArray(runs) ? runs : []) {
        const [row, first, last] = String(run).split(":").map(Number);
        if (row === undefined || first === undefined || last === undefined) continue;
        if ([row, first, last].every(Number.isInteger) && last >= first)
          owned.addRect(sheet, row, first, 1, last - first + 1);
      }
    }
    for (const name of Array.isArray(r.names) ? r.names : []) owned.names.add(String(name).toLowerCase());
    return owned;
  }

  addCell(sheet: string, row: number, column: number): void {
    this.addRect(sheet, row, column, 1, 1);
  }

  /** Adds a rectangle, joined to one it continues (below or to the right) or inside. */
  addRect(sheet: string, row: number, column: number, rows: number, columns: number): void {
    if (rows <= 0 || columns <= 0) return;
    let list = this.blocks.get(sheet);
    if (!list) this.blocks.set(sheet, (list = []));
    for (const b of list) {
      const inside =
        row >= b.row && column >= b.column && row + rows <= b.row + b.rows && column + columns <= b.column + b.columns;
      if (inside) return;
      if (b.column === column && b.columns === columns && row <= b.row + b.rows && row + rows >= b.row) {
        const end = Math.max(b.row + b.rows, row + rows);
        b.row = Math.min(b.row, row);
        b.rows = end - b.row;
        return;
      }
      if (b.row === row && b.rows === rows && column <= b.column + b.columns && column + columns >= b.column) {
        const end = Math.max(b.column + b.columns, column + columns);
        b.column = Math.min(b.column, column);
        b.columns = end - b.column;
        return;
      }
    }
    list.push({ row, column, rows, columns });
  }

  ownsCell(sheet: string, row: number, column: number): boolean {
    const list = this.blocks.get(sheet);
    if (!list) return false;
    for (const b of list) {
      if (row >= b.row && row < b.row + b.rows && column >= b.column && column < b.column + b.columns) return true;
    }
    return false;
  }

  addName(name: string): void {
    this.names.add(name.toLowerCase());
  }

  ownsName(name: string): boolean {
    return this.names.has(name.toLowerCase());
  }

  /**
   * The cells of a write that put something in (a value or a formula) as rectangles: each row's
   * runs, and a run joined to the one above it when they span the same columns.
   */
  addWrite(sheet: string, row0: number, column0: number, cells: readonly (readonly (CellWrite | null)[])[]): void {
    let open = new Map<string, Block>();
    for (let r = 0; r < cells.length; r++) {
      const line = cells[r]!;
      const next = new Map<string, Block>();
      let c = 0;
      while (c < line.length) {
        if (!puts(line[c])) {
          c++;
          continue;
        }
        const first = c;
        while (c < line.length && puts(line[c])) c++;
        const key = `${first}:${c}`;
        const above = open.get(key);
        if (above) {
          above.rows++;
          next.set(key, above);
          open.delete(key);
        } else next.set(key, { row: row0 + r, column: column0 + first, rows: 1, columns: c - first });
      }
      for (const b of open.values()) this.addRect(sheet, b.row, b.column, b.rows, b.columns);
      open = next;
    }
    for (const b of open.values()) this.addRect(sheet, b.row, b.column, b.rows, b.columns);
  }

  toRecord(): OwnedRecord {
    const rects: Record<string, string[]> = {};
    for (const [sheet, list] of this.blocks)
      rects[sheet] = list.map((b) => `${b.row}:${b.column}:${b.rows}:${b.columns}`);
    return { rects, names: [...this.names] };
  }
}

/**
 * Whether a write puts something in its cell: a value or a formula. A format alone (a spill's or an
 * input cell's format) puts nothing there, so the pane does not own what the user types there later.
 */
function puts(cell: CellWrite | null | undefined): boolean {
  return !!cell && (cell.formula !== undefined || (cell.value !== null && cell.value !== undefined));
}

/** A read of `part` (inside `whole`) as rows of `whole`, "" outside the part. */
function shiftInto(cells: CellValue[][], part: Rect, whole: Rect): CellValue[][] {
  return Array.from({ length: whole.rows }, (_, r) =>
    Array.from({ length: whole.columns }, (_, c) => {
      const pr = whole.row + r - part.row;
      const pc = whole.column + c - part.column;
      return cells[pr]?.[pc] ?? "";
    }),
  );
}

function isEmpty(cell: CellValue | undefined): boolean {
  return cell === null || cell === undefined || cell === "";
}

/** The host plus the ownership rule: the port the pane uses. */
export class GuardedPort implements WorkbookPort {
  private owned: Ownership | undefined;
  private readonly saveListeners: ((message: string) => void)[] = [];

  onSaveFailure(listener: (message: string) => void): void {
    this.saveListeners.push(listener);
  }

  constructor(private readonly host: WorkbookHost) {}

  private async ownership(): Promise<Ownership> {
    this.owned ??= Ownership.from(await this.host.getSetting(OWNED_SETTING));
    return this.owned;
  }

  sheetNames(): Promise<string[]> {
    return this.host.sheetNames();
  }

  nameList(): Promise<string[]> {
    return this.host.nameList();
  }

  usedPart(address: string): Promise<string | undefined> {
    return this.host.usedPart(address);
  }

  async readName(name: string): Promise<Outcome<RangeData>> {
    const address = await this.host.nameAddress(name);
    if (!address) return refuse("not-found", `There is no range named ${name} in this workbook.`);
    return this.readRange(address);
  }

  async readRange(address: string): Promise<Outcome<RangeData>> {
    if (!parseAddress(address)) return refuse("invalid", `${address} is not a cell or range address.`);
    const data = await this.host.read(address);
    return data ? done(data) : refuse("not-found", `The range ${address} does not exist.`);
  }

  /** The first occupied cell a write would overwrite without owning it, as a refusal. */
  private async check(address: string, cells: readonly (readonly (CellWrite | null)[])[], onlyEmpty: boolean) {
    const start = parseAddress(address);
    if (!start || !start.sheet) return refuse("invalid", `${address} is not a sheet-qualified cell address.`);
    const rows = cells.length;
    let columns = 0;
    for (const r of cells) columns = Math.max(columns, r.length);
    if (rows === 0 || columns === 0) return done(start);
    const rect: Rect = { ...start, rows, columns };
    // Only the part that holds anything is read: a large write over empty cells reads nothing, so
    // the check never makes a response past Excel on the web's 5 MB (getUsedRangeOrNullObject).
    const used = await this.host.usedPart(formatRect(rect));
    const usedRect = used ? parseAddress(used) : undefined;
    const read = usedRect ? await this.host.read(formatRect(usedRect)) : undefined;
    const existing = read && usedRect ? { formulas: shiftInto(read.formulas, usedRect, rect) } : undefined;
    const owned = await this.ownership();
    if (existing) {
      for (let r = 0; r < rows; r++) {
        for (let c = 0; c < columns; c++) {
          if (!cells[r]?.[c]) continue;
          if (isEmpty(existing.formulas[r]?.[c])) continue;
          const row = rect.row + r;
          const column = rect.column + c;
          if (!onlyEmpty && owned.ownsCell(rect.sheet, row, column)) continue;
          const cell = `${rect.sheet}!${cellAddress(row, column)}`;
          return refuse(
            "occupied",
            onlyEmpty
              ? `${cell} is not empty. Select an empty cell and try again; nothing was written.`
              : `${cell} already holds your data, so Commit Levers did not write there. Clear it or pick another place.`,
          );
        }
      }
    }
    return done(rect);
  }

  private async record(ops: readonly WorkbookOp[]): Promise<void> {
    const owned = await this.ownership();
    for (const op of ops) {
      if (op.kind === "write") {
        const start = parseAddress(op.address)!;
        owned.addWrite(start.sheet, start.row, start.column, op.cells);
      } else if (op.kind === "defineName" || op.kind === "updateName" || op.kind === "addTable") {
        owned.addName(op.name);
      }
    }
    await this.host.setSettings({ [OWNED_SETTING]: owned.toRecord() });
  }

  async write(
    address: string,
    cells: readonly (readonly (CellWrite | null)[])[],
    options: WriteOptions = {},
  ): Promise<Outcome> {
    return this.batch([{ kind: "write", address, cells }], options);
  }

  async addSheet(name: string): Promise<Outcome<string>> {
    const fresh = freshName(name, await this.host.sheetNames());
    const outcome = await this.batch([{ kind: "addSheet", name: fresh }]);
    return outcome.ok ? done(fresh) : outcome;
  }

  async defineName(name: string, ref: string): Promise<Outcome> {
    return this.batch([{ kind: "defineName", name, ref }]);
  }

  async batch(ops: readonly WorkbookOp[], options: WriteOptions = {}): Promise<Outcome> {
    const adding = new Set(ops.filter((o) => o.kind === "addSheet").map((o) => o.name.toLowerCase()));
    const existing = (await this.host.sheetNames()).map((s) => s.toLowerCase());
    const names = new Set((await this.host.nameList()).map((n) => n.toLowerCase()));
    const owned = await this.ownership();
    for (const op of ops) {
      if (op.kind === "addSheet" && existing.includes(op.name.toLowerCase())) {
        return refuse("invalid", `A sheet named ${op.name} already exists.`);
      }
      // names.add on an existing name fails in Excel (office-js #2875): never try. A copy of the
      // model picks fresh names; a name the pane owns is re-pointed with updateName.
      if (op.kind === "defineName" && names.has(op.name.toLowerCase())) {
        return refuse("occupied", `The name ${op.name} is already defined in this workbook, so nothing was written.`);
      }
      if (op.kind === "addTable" && names.has(op.name.toLowerCase())) {
        return refuse("occupied", `The name ${op.name} is already used in this workbook, so no table was made.`);
      }
      if (op.kind === "updateName" && !(names.has(op.name.toLowerCase()) && owned.ownsName(op.name))) {
        return refuse("occupied", `The name ${op.name} is not one Commit Levers made, so it was left alone.`);
      }
      if (op.kind === "write") {
        const target = parseAddress(op.address);
        // Cells on a sheet this batch adds are empty: no need to read them.
        if (target && adding.has(target.sheet.toLowerCase())) continue;
        const checked = await this.check(op.address, op.cells, options.onlyEmpty ?? false);
        if (!checked.ok) return checked;
      }
    }
    // A re-pointed name is put back if the batch fails: its old reference, read first.
    const previous: { readonly kind: "updateName"; readonly name: string; readonly ref: string }[] = [];
    for (const op of ops) {
      if (op.kind !== "updateName") continue;
      const ref = await this.host.nameAddress(op.name);
      if (ref) previous.push({ kind: "updateName", name: op.name, ref });
    }
    try {
      await this.host.apply(ops);
    } catch (e) {
      const created = {
        sheets: ops.filter((o) => o.kind === "addSheet").map((o) => o.name),
        names: ops.filter((o) => o.kind === "defineName").map((o) => o.name),
      };
      const removed = await this.host.remove(created).then(
        () => true,
        () => false,
      );
      const restored =
        previous.length === 0 ||
        (await this.host.apply(previous).then(
          () => true,
          () => false,
        ));
      const wroteExisting = ops.some(
        (o) => o.kind === "write" && !adding.has(parseAddress(o.address)?.sheet.toLowerCase() ?? ""),
      );
      const notes = [
        created.sheets.length + created.names.length === 0
          ? ""
          : removed
            ? "The sheets and names it had added were removed again."
            : "Some sheets or names it added may remain: delete them, or undo.",
        previous.length === 0
          ? ""
          : restored
            ? "The names it was moving point where they did before."
            : `The names ${previous.map((p) => p.name).join(", ")} may point at the new range: check them in the Name Manager.`,
        wroteExisting ? "A cell it was writing may already hold the new value." : "",
      ].filter((n) => n !== "");
      return refuse("failed", [sentence(describeFailure(e)), ...notes].join(" "));
    }
    // The change is in the workbook: a failed save of what the pane owns must not turn it into a
    // failure, but the pane says so (settings saves fail past about 2 MB: office-js #3957, #621).
    await this.record(ops).catch((e: unknown) => {
      for (const l of this.saveListeners) l(describeFailure(e));
    });
    return done(undefined);
  }

  selection(): Promise<string> {
    return this.host.selection();
  }

  getSetting(key: string): Promise<unknown> {
    return this.host.getSetting(key);
  }

  setSettings(entries: Readonly<Record<string, unknown>>): Promise<void> {
    return this.host.setSettings(entries);
  }

  async addChart(spec: ChartSpec): Promise<Outcome> {
    try {
      await this.host.addChart(spec);
      return done(undefined);
    } catch (e) {
      return refuse("failed", `The chart could not be added. ${describeFailure(e)}`);
    }
  }

  onChange(listener: (event: ChangeEvent) => void): Promise<() => Promise<void>> {
    return this.host.onChange(listener);
  }
}

/** Text ending in a full stop (Excel's own messages sometimes have none). */
function sentence(text: string): string {
  return /[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`;
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * What went wrong, in words a user can act on, from an Office.js error's code (Excel's error-code
 * table: https://learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling).
 */
export function describeFailure(e: unknown): string {
  const code = typeof e === "object" && e !== null ? (e as { code?: unknown }).code : undefined;
  switch (code) {
    case OfficeCodes.cellEditMode:
      return "Excel is editing a cell. Press Enter or Esc to finish the edit, then try again.";
    case OfficeCodes.responseTooLarge:
    case OfficeCodes.requestTooLarge:
      return "That is more than Excel on the web can pass in one go (5 MB). Select only the rows and columns that hold your data, then try again.";
    case CommonApiCodes.saveSettings:
      return (
        "Excel could not save Commit Levers' settings in this workbook (an add-in's settings hold about 2 MB). " +
        "The cells are as written and the pane keeps working, but the workbook may not remember this after it is closed."
      );
    case OfficeCodes.invalidSelection:
      return "Several separate areas are selected. Select one block of cells, then try again.";
    case OfficeCodes.itemAlreadyExists:
      return "A sheet or name with that name already exists, so nothing was added.";
    case "InvalidOperation":
      // The cell-edit how-to page calls the cell-edit failure InvalidOperation; the error table, InvalidOperationInCellEditMode.
      if (/edit/i.test(errorText(e))) return describeFailure({ code: OfficeCodes.cellEditMode });
      return `Excel refused the change (is the workbook read-only, protected or shared?): ${errorText(e)}`;
    case "AccessDenied":
      return `Excel refused the change (is the workbook read-only, protected or shared?): ${errorText(e)}`;
    default:
      return `Excel could not finish: ${errorText(e)}`;
  }
}
