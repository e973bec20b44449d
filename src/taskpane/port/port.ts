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
import { OfficeCodes } from "./excelBehaviour";

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
  /** Per sheet: runs of cells on one row, "row:firstColumn:lastColumn" (0-based). */
  readonly cells: Record<string, string[]>;
  readonly names: string[];
}

/** The cells and names the pane wrote, kept as row runs so the record stays small. */
export class Ownership {
  private readonly cells = new Map<string, Set<string>>();
  private readonly names = new Set<string>();

  static from(record: unknown): Ownership {
    const owned = new Ownership();
    if (!record || typeof record !== "object") return owned;
    const r = record as Partial<OwnedRecord>;
    for (const [sheet, runs] of Object.entries(r.cells ?? {})) {
      for (const run of Array.isArray(runs) ? runs : []) {
        const [row, first, last] = String(run).split(":").map(Number);
        if (row === undefined || first === undefined || last === undefined) continue;
        for (let c = first; c <= last; c++) owned.addCell(sheet, row, c);
      }
    }
    for (const name of Array.isArray(r.names) ? r.names : []) owned.names.add(String(name).toLowerCase());
    return owned;
  }

  addCell(sheet: string, row: number, column: number): void {
    let set = this.cells.get(sheet);
    if (!set) this.cells.set(sheet, (set = new Set()));
    set.add(`${row}:${column}`);
  }

  ownsCell(sheet: string, row: number, column: number): boolean {
    return this.cells.get(sheet)?.has(`${row}:${column}`) ?? false;
  }

  addName(name: string): void {
    this.names.add(name.toLowerCase());
  }

  ownsName(name: string): boolean {
    return this.names.has(name.toLowerCase());
  }

  toRecord(): OwnedRecord {
    const cells: Record<string, string[]> = {};
    for (const [sheet, set] of this.cells) {
      const byRow = new Map<number, number[]>();
      for (const key of set) {
        const [row, column] = key.split(":").map(Number) as [number, number];
        (byRow.get(row) ?? byRow.set(row, []).get(row)!).push(column);
      }
      const runs: string[] = [];
      for (const [row, columns] of [...byRow].sort((a, b) => a[0] - b[0])) {
        columns.sort((a, b) => a - b);
        let start = columns[0]!;
        let prev = start;
        for (const c of [...columns.slice(1), Infinity]) {
          if (c === prev + 1) {
            prev = c;
            continue;
          }
          runs.push(`${row}:${start}:${prev}`);
          start = prev = c;
        }
      }
      cells[sheet] = runs;
    }
    return { cells, names: [...this.names] };
  }
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
    const columns = Math.max(0, ...cells.map((r) => r.length));
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
        op.cells.forEach((row, r) =>
          row.forEach((cell, c) => {
            // A format alone (no value, no formula: a spill's or an input cell's format) puts nothing
            // in the cell, so the pane does not own what the user types there later.
            if (cell && (cell.formula !== undefined || (cell.value !== null && cell.value !== undefined)))
              owned.addCell(start.sheet, start.row + r, start.column + c);
          }),
        );
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
    // The change is in the workbook: a failed save of what the pane owns must not turn it into a failure.
    await this.record(ops).catch((e: unknown) =>
      console.warn(`Commit Levers could not save what it wrote: ${String(e)}`),
    );
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
