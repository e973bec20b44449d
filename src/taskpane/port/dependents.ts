/**
 * Which formulas must be evaluated again after a change, for the in-memory workbook: each formula
 * records what it read when last evaluated (rectangles, and the names and tables it looked up), and a
 * change marks only its readers stale. Excel recalculates what depends on a change (its calculation
 * chain); the workbook's values are those of a full recalculation either way, which the pane fuzz
 * checks (`MemoryWorkbook.unrecalculated`).
 */
import type { Rect } from "../../sheet/a1";

/** What a formula read when it was last evaluated: the rectangles, and the names and tables it looked up. */
export interface Reads {
  readonly rects: Rect[];
  /** Lower case: a defined name's key, or the table name a reference starts with. */
  readonly symbols: Set<string>;
}

/** A whole sheet, as a change: a sheet added, removed or renamed. */
export const WHOLE_SHEET = { row: 0, column: 0, rows: Infinity, columns: Infinity };

function overlaps(
  a: { row: number; column: number; rows: number; columns: number },
  b: { row: number; column: number; rows: number; columns: number },
): boolean {
  return (
    a.row < b.row + b.rows &&
    b.row < a.row + a.rows &&
    a.column < b.column + b.columns &&
    b.column < a.column + a.columns
  );
}

/** The formula cells (any object standing for one) and what each read. */
export class Dependents<Cell extends object> {
  /** What each formula cell read when last evaluated; a formula cell without an entry has not been. */
  private readonly reads = new WeakMap<Cell, Reads>();
  /** The formula cells that read something on a sheet, by sheet name. */
  private readonly readersOfSheet = new Map<string, Set<Cell>>();
  /** The formula cells that looked up a name or a table, by its lower-case name. */
  private readonly readersOfSymbol = new Map<string, Set<Cell>>();
  /** Formula cells to evaluate: new, or something they read changed since they were last evaluated. */
  readonly stale = new Set<Cell>();

  /** What a formula cell read, indexed by sheet and by name. */
  remember(cell: Cell, reads: Reads): void {
    this.reads.set(cell, reads);
    for (const rect of reads.rects) {
      let readers = this.readersOfSheet.get(rect.sheet);
      if (!readers) this.readersOfSheet.set(rect.sheet, (readers = new Set()));
      readers.add(cell);
    }
    for (const symbol of reads.symbols) {
      let readers = this.readersOfSymbol.get(symbol);
      if (!readers) this.readersOfSymbol.set(symbol, (readers = new Set()));
      readers.add(cell);
    }
  }

  /** A cell replaced or gone: what it read no longer matters. */
  forget(cell: Cell): void {
    this.stale.delete(cell);
    const reads = this.reads.get(cell);
    if (!reads) return;
    this.reads.delete(cell);
    for (const rect of reads.rects) this.readersOfSheet.get(rect.sheet)?.delete(cell);
    for (const symbol of reads.symbols) this.readersOfSymbol.get(symbol)?.delete(cell);
  }

  /** Cells on `sheet` within `rect` changed (or the sheet came or went): the formulas that read them are stale. */
  changed(sheet: string, rect: { row: number; column: number; rows: number; columns: number }): void {
    for (const cell of this.readersOfSheet.get(sheet) ?? []) {
      if (this.stale.has(cell)) continue;
      if (this.reads.get(cell)?.rects.some((r) => r.sheet === sheet && overlaps(r, rect))) this.stale.add(cell);
    }
  }

  /** A defined name or a table of this name was added, changed or removed: the formulas that looked it up are stale. */
  changedSymbol(name: string): void {
    for (const cell of this.readersOfSymbol.get(name.toLowerCase()) ?? []) this.stale.add(cell);
  }
}
