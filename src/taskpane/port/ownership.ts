/**
 * The one rule the pane must never break, as data: the cells and names the pane wrote, recorded in
 * the document's settings so the rule survives closing and reopening the workbook.
 */
import type { CellWrite } from "./types";

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
