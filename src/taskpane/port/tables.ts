/**
 * Excel tables for the stand-in hosts (the in-memory workbook and the HyperFormula preview): what a
 * table's structured reference stands for, and how a table grows.
 *
 * - `Table1[#All]` is the whole table, header included; `Table1[#Data]` and `Table1` alone are its
 *   data rows ("Using structured references with Excel tables", Microsoft support).
 * - A table grows by a row when the user types or pastes into the row directly below it, touching
 *   one of its columns (AutoCorrect's "Include new rows and columns in table", on by default:
 *   "Resize a table by adding or removing rows and columns", Microsoft support). The stand-ins
 *   grow a table on the user's edits and pastes only; whether a write through Office.js grows it
 *   too is unverified, and the pane never writes below its own tables.
 * - Deleting a sheet deletes its tables.
 */
import { formatRect, quoteSheet, Rect } from "../../sheet/a1";

export interface TableEntry {
  readonly name: string;
  /** The whole table, header row included. */
  rect: Rect;
}

/** `Name[#All]`, `Name[#Data]` or `Name[#Headers]`, as formulas write them. */
const STRUCTURED = /([A-Za-z_\\][A-Za-z0-9_.]*)\[#(All|Data|Headers)\]/gi;

export class TableSet {
  private readonly tables = new Map<string, TableEntry>();

  add(name: string, rect: Rect): void {
    this.tables.set(name.toLowerCase(), { name, rect });
  }

  has(name: string): boolean {
    return this.tables.has(name.toLowerCase());
  }

  names(): string[] {
    return [...this.tables.values()].map((t) => t.name);
  }

  get(name: string): TableEntry | undefined {
    return this.tables.get(name.toLowerCase());
  }

  /** The address a table reference stands for (`Name`, `Name[#All]`, ...), or undefined. */
  resolve(ref: string): string | undefined {
    const m = /^([A-Za-z_\\][A-Za-z0-9_.]*)(?:\[#(All|Data|Headers)\])?$/i.exec(ref.trim());
    const table = m && this.get(m[1]!);
    if (!m || !table) return undefined;
    return part(table.rect, (m[2] ?? "Data").toLowerCase());
  }

  /** A formula with every structured reference to a known table replaced by its address. */
  rewrite(formula: string): string {
    return formula.replace(STRUCTURED, (whole, name: string, which: string) => {
      const table = this.get(name);
      return table ? part(table.rect, which.toLowerCase()) : whole;
    });
  }

  /** Whether a formula refers to a table. */
  refersToTable(formula: string): boolean {
    return [...formula.matchAll(STRUCTURED)].some((m) => this.has(m[1]!));
  }

  /**
   * Grows each table that a user's write touches in the row directly below it (within its
   * columns); returns whether any grew. Rows written further below join as well when they run on
   * from the table (a pasted block of several rows).
   */
  growBelow(written: Rect): boolean {
    let grew = false;
    for (const table of this.tables.values()) {
      const t = table.rect;
      if (t.sheet !== written.sheet) continue;
      const below = t.row + t.rows;
      const overlapsColumns = written.column < t.column + t.columns && written.column + written.columns > t.column;
      if (!overlapsColumns || written.row > below || written.row + written.rows <= below) continue;
      table.rect = { ...t, rows: written.row + written.rows - t.row };
      grew = true;
    }
    return grew;
  }

  /** Drops the tables of a deleted sheet. */
  dropSheet(sheet: string): void {
    for (const [key, table] of this.tables) if (table.rect.sheet === sheet) this.tables.delete(key);
  }
}

function part(rect: Rect, which: string): string {
  if (which === "all") return `${quoteSheet(rect.sheet)}!${local(rect)}`;
  if (which === "headers") return `${quoteSheet(rect.sheet)}!${local({ ...rect, rows: 1 })}`;
  return `${quoteSheet(rect.sheet)}!${local({ ...rect, row: rect.row + 1, rows: Math.max(1, rect.rows - 1) })}`;
}

function local(rect: Rect): string {
  return formatRect({ ...rect, sheet: "" }, true);
}
