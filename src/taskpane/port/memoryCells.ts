/**
 * The in-memory workbook's cells and their calculation (memoryPort.ts builds the host on it): sheets
 * of stored cells, defined names, tables, and the incremental recalculation (dependents.ts) that
 * gives the values a full recalculation would. Blank cells reach the functions as the platform
 * passes them (excelBehaviour.ts); a `LEVERS.*` cell reads as #BUSY! while a calculation runs.
 */
import { formatRect, parseAddress, Rect } from "../../sheet/a1";
import { Dependents, Reads } from "./dependents";
import { ExcelBehaviour } from "./excelBehaviour";
import { TableSet } from "./tables";
import { CellValue, RangeData } from "./port";

/** What a formula evaluator may read: a range address or a defined name, as values. */
export interface CalcContext {
  readonly sheet: string;
  read(ref: string): CellValue[][] | undefined;
}

export type Calculate = (formula: string, context: CalcContext) => CellValue;

/** A cell as the workbook keeps it. */
export interface StoredCell {
  value: CellValue;
  formula?: string;
  format?: string;
}

const BUSY = "#BUSY!";

/** `Name`, `Name[#All]`, ...: the table name a reference would resolve through (as TableSet.resolve reads it). */
const TABLE_HEAD = /^([A-Za-z_\\][A-Za-z0-9_.]*)(?:\[#(All|Data|Headers)\])?$/i;

/** Whether a formula calls one of the add-in's functions (asynchronous in Excel). */
export function callsCustomFunction(formula: string): boolean {
  return /LEVERS\./i.test(formula);
}

export abstract class MemoryCells extends ExcelBehaviour {
  protected sheets = new Map<string, Map<string, StoredCell>>();
  protected names = new Map<string, { name: string; ref: string }>();
  protected widths = new Map<string, readonly number[]>();
  /** The workbook's Excel tables (tables.ts: structured references, growth below). */
  readonly tables = new TableSet();
  /** What each formula read, and which are stale (dependents.ts). */
  protected readonly deps = new Dependents<StoredCell>();
  /** The platform the values were calculated for (blank cells reach functions as 0 or null). */
  private calculatedFor: ExcelBehaviour["platform"] | undefined;

  constructor(private readonly calculate?: Calculate) {
    super();
  }

  /** One cell as stored: its value, formula and number format. */
  cell(address: string): Readonly<StoredCell> | undefined {
    const rect = parseAddress(address);
    return rect ? this.sheets.get(rect.sheet)?.get(`${rect.row}:${rect.column}`) : undefined;
  }

  /** One cell as stored, by sheet and 0-based row and column: `cell` without an address to parse. */
  cellAt(sheet: string, row: number, column: number): Readonly<StoredCell> | undefined {
    return this.sheets.get(sheet)?.get(`${row}:${column}`);
  }

  /** A sheet's stored cells, keyed "row:column" (0-based), or undefined for no such sheet. */
  storedCells(sheet: string): ReadonlyMap<string, Readonly<StoredCell>> | undefined {
    return this.sheets.get(sheet);
  }

  /** The defined names and their references. */
  definedNames(): { name: string; ref: string }[] {
    return [...this.names.values()];
  }

  columnWidths(sheet: string): readonly number[] | undefined {
    return this.widths.get(sheet);
  }

  protected readNow(address: string, asExcelReads = true): RangeData | undefined {
    const rect = parseAddress(address);
    return rect && this.readRect(rect, asExcelReads);
  }

  protected readRect(rect: Rect, asExcelReads: boolean): RangeData | undefined {
    const cells = this.sheets.get(rect.sheet);
    if (!cells) return undefined;
    const values: CellValue[][] = [];
    const formulas: CellValue[][] = [];
    for (let r = 0; r < rect.rows; r++) {
      const vRow: CellValue[] = [];
      const fRow: CellValue[] = [];
      for (let c = 0; c < rect.columns; c++) {
        const cell = cells.get(`${rect.row + r}:${rect.column + c}`);
        const busy =
          asExcelReads && this.calculating && cell?.formula !== undefined && callsCustomFunction(cell.formula);
        vRow.push(busy ? BUSY : (cell?.value ?? ""));
        fRow.push(cell?.formula ?? cell?.value ?? "");
      }
      values.push(vRow);
      formulas.push(fRow);
    }
    return { address: formatRect(rect, true), rect, values, formulas };
  }

  /**
   * What a formula reads: blank cells as the platform passes them to functions (0 on desktop, null on
   * the web). `reads` collects what the reference was resolved through, and the rectangle it read.
   */
  protected readRef(ref: string, sheet: string, reads: Reads): CellValue[][] | undefined {
    const key = ref.toLowerCase();
    reads.symbols.add(key);
    const named = this.names.get(key);
    let address: string;
    if (named) address = named.ref;
    else {
      // Not a name (yet): a table of that name would be read if one were added.
      const head = TABLE_HEAD.exec(ref.trim());
      if (head) reads.symbols.add(head[1]!.toLowerCase());
      address = this.tables.resolve(ref) ?? (ref.includes("!") ? ref : `${sheet}!${ref}`);
    }
    const rect = parseAddress(address);
    if (!rect) return undefined;
    reads.rects.push(rect);
    const blank = this.blankForFunctions();
    return this.readRect(rect, false)?.values.map((row) => row.map((v) => (v === "" ? blank : v)));
  }

  /** Sets (or with undefined, clears) a cell; a formula cell is then to be evaluated. */
  protected put(cells: Map<string, StoredCell>, key: string, cell: StoredCell | undefined): void {
    const old = cells.get(key);
    if (old) this.deps.forget(old);
    if (!cell) {
      cells.delete(key);
      return;
    }
    cells.set(key, cell);
    if (cell.formula !== undefined) this.deps.stale.add(cell);
  }

  /** A user's edit or paste grows the tables just above it (tables.ts); the formulas that read a grown table are stale. */
  protected growTables(written: Rect): void {
    const before = new Map(this.tables.names().map((name) => [name, this.tables.get(name)?.rect]));
    if (before.size === 0 || !this.tables.growBelow(written)) return;
    for (const [name, rect] of before) if (this.tables.get(name)?.rect !== rect) this.deps.changedSymbol(name);
  }

  /**
   * Recomputes the formula cells, in sheet order, twice (enough for the model's dependencies), as if
   * every one were evaluated each time: a formula whose reads are unchanged since it was last
   * evaluated would give the same value, so only the stale ones are; a value that changes makes the
   * formulas reading it stale, later in this pass or in the next (a formula still stale after the
   * second pass is evaluated at the next change, as a full recalculation would).
   */
  protected recalculate(): void {
    this.startCalculation();
    const calculate = this.calculate;
    if (!calculate) return;
    if (this.calculatedFor !== this.platform) {
      // Blank cells reach the functions differently now: every formula is stale.
      this.calculatedFor = this.platform;
      for (const cells of this.sheets.values())
        for (const cell of cells.values()) if (cell.formula !== undefined) this.deps.stale.add(cell);
    }
    for (let pass = 0; pass < 2 && this.deps.stale.size > 0; pass++) {
      for (const [sheet, cells] of this.sheets) {
        for (const [key, cell] of cells) {
          if (!this.deps.stale.has(cell)) continue;
          this.deps.forget(cell);
          if (cell.formula === undefined) continue;
          const reads: Reads = { rects: [], symbols: new Set() };
          const next = this.evaluate(calculate, cell.formula, sheet, reads);
          this.deps.remember(cell, reads);
          if (Object.is(next, cell.value)) continue;
          cell.value = next;
          const [row, column] = key.split(":").map(Number) as [number, number];
          this.deps.changed(sheet, { row, column, rows: 1, columns: 1 });
        }
      }
    }
  }

  /** A formula's value: "" for one the evaluator cannot compute. */
  protected evaluate(calculate: Calculate, formula: string, sheet: string, reads: Reads): CellValue {
    try {
      return calculate(formula, { sheet, read: (ref) => this.readRef(ref, sheet, reads) }) ?? "";
    } catch {
      return "";
    }
  }

  /**
   * The formula cells (as "Sheet!row:column", 0-based) whose value differs from what evaluating them
   * now gives, skipping those a recalculation has yet to reach: empty unless the incremental
   * recalculation missed a change. A full evaluation of the workbook, for the tests (the pane fuzz).
   * With the platform switched since the last change, every formula waits for the next one.
   */
  unrecalculated(): string[] {
    const calculate = this.calculate;
    if (!calculate || this.calculatedFor !== this.platform) return [];
    const wrong: string[] = [];
    for (const [sheet, cells] of this.sheets)
      for (const [key, cell] of cells) {
        if (cell.formula === undefined || this.deps.stale.has(cell)) continue;
        const value = this.evaluate(calculate, cell.formula, sheet, { rects: [], symbols: new Set() });
        if (!Object.is(value, cell.value)) wrong.push(`${sheet}!${key}`);
      }
    return wrong;
  }

  protected holdsCustomFunctions(): boolean {
    return [...this.sheets.values()].some((cells) =>
      [...cells.values()].some((c) => c.formula !== undefined && callsCustomFunction(c.formula)),
    );
  }
}
