/**
 * The model workbook (src/model/definition.ts) loaded into HyperFormula with the LEVERS.* plugin:
 * the workbook the real-engine tests recalculate and the preview page shows and edits. Development
 * and tests only: HyperFormula is GPL-3.0 (licenseKey "gpl-v3") and never enters the add-in bundle.
 */
import { ExportedChange, HyperFormula, RawCellContent, SimpleCellAddress } from "hyperformula";
import type { ModelDefinition, ModelCell } from "../model/definition";
import type { LeversPlugin } from "./leversPlugin";
import { cellAddress, parseCell, type Rect } from "../sheet/a1";
import { TableSet } from "../taskpane/port/tables";

/** "B12" as the engine places it, { row: 11, col: 1 } (0-based); an address that is no one cell throws. */
function cellAt(a1: string): { row: number; col: number } {
  const at = parseCell(a1);
  if (!at) throw new Error(`${a1} is not a cell address`);
  return { row: at.row, col: at.column };
}

/** What a cell holds as the engine reads it: a formula, or a constant. */
export function cellContent(cell: ModelCell): RawCellContent {
  return cell.formula ?? cell.value ?? null;
}

const registered = new WeakSet<object>();

/** Registers the plugin with HyperFormula once (registration is global to the HyperFormula class). */
export function registerPlugin(plugin: LeversPlugin): void {
  if (registered.has(plugin.plugin)) return;
  HyperFormula.registerFunctionPlugin(plugin.plugin, plugin.translations);
  registered.add(plugin.plugin);
}

/** A change the workbook reports: a cell that took a new value. */
export interface CellChange {
  readonly sheet: string;
  /** "B12". */
  readonly address: string;
}

/** How many times in a row spills may be re-entered after one edit before giving up. */
const MAX_RESIZE_ROUNDS = 5;

export class ModelWorkbook {
  readonly engine: HyperFormula;
  /** The number format of each cell that has one, by "Sheet!A1". */
  readonly formats = new Map<string, string>();
  /**
   * Excel tables. HyperFormula has no structured references, so a formula naming a table
   * (`=LEVERS.MONTHLY_USAGE(UsageExport[#All])`) is given to the engine with the table's address
   * and kept here as written, which is what `formula` reads back; when the table grows, those
   * formulas are re-entered with its new address (tables.ts has Excel's rules).
   */
  readonly tables = new TableSet();
  private readonly structured = new Map<string, { sheet: string; a1: string; formula: string }>();

  constructor(
    readonly model: ModelDefinition,
    private readonly plugin: LeversPlugin,
  ) {
    registerPlugin(plugin);
    const sheets: Record<string, RawCellContent[][]> = {};
    for (const sheet of model.sheets) {
      const grid: RawCellContent[][] = [];
      for (const cell of sheet.cells) {
        const { row, col } = cellAt(cell.address);
        while (grid.length <= row) grid.push([]);
        const line = grid[row]!;
        while (line.length <= col) line.push(null);
        line[col] = cellContent(cell);
        if (cell.format) this.formats.set(`${sheet.name}!${cell.address}`, cell.format);
      }
      sheets[sheet.name] = grid;
    }
    this.engine = HyperFormula.buildFromSheets(
      sheets,
      // Values exactly as the functions return them: no display rounding. Array arithmetic as Excel's
      // dynamic arrays do it: `=B20:G20+B21:G21` spills a row, and a formula written through
      // Range.formulas is a dynamic-array formula (excel-add-ins-ranges-dynamic-arrays: "=A4:D4" spills).
      // Excel's grid: 1,048,576 rows by 16,384 columns (Excel specifications and limits); the
      // engine's own default stops at 40,000 rows.
      {
        licenseKey: "gpl-v3",
        smartRounding: false,
        useArrayArithmetic: true,
        maxRows: 1_048_576,
        maxColumns: 16_384,
      },
      model.names.map((n) => ({ name: n.name, expression: `=${n.ref}` })),
    );
    this.settleSpills();
  }

  /** Adds an empty sheet. */
  addSheet(name: string): void {
    this.engine.addSheet(name);
  }

  /** Defines a workbook name over a sheet-qualified reference ("Deal!$A$1:$C$12"). */
  defineName(name: string, ref: string): void {
    const expression = `=${ref}`;
    if (this.engine.getNamedExpression(name)) this.engine.changeNamedExpression(name, expression);
    else this.engine.addNamedExpression(name, expression);
  }

  /** Deletes a defined name (a no-op when there is none). */
  removeName(name: string): void {
    if (this.engine.getNamedExpression(name)) this.engine.removeNamedExpression(name);
  }

  /** Deletes a sheet (a no-op when there is none), and its tables. */
  removeSheet(sheet: string): void {
    const id = this.engine.getSheetId(sheet);
    if (id !== undefined) this.engine.removeSheet(id);
    this.tables.dropSheet(sheet);
    for (const [key, f] of this.structured) if (f.sheet === sheet) this.structured.delete(key);
  }

  /** Makes an Excel table of a range (header row first). */
  addTable(name: string, rect: Rect): void {
    this.tables.add(name, rect);
  }

  /** What the engine is given for a cell's content: a formula naming a table gets the table's address. */
  private engineContent(sheet: string, a1: string, content: RawCellContent): RawCellContent {
    const key = `${sheet}!${a1}`;
    if (typeof content === "string" && content.startsWith("=") && this.tables.refersToTable(content)) {
      this.structured.set(key, { sheet, a1, formula: content });
      return this.tables.rewrite(content);
    }
    this.structured.delete(key);
    return content;
  }

  /** Re-enters the formulas that name a table, with the tables' current addresses. */
  private reenterStructured(): ExportedChange[] {
    const formulas = [...this.structured.values()];
    return this.engine.batch(() => {
      for (const f of formulas) {
        this.engine.setCellContents(this.address(f.sheet, f.a1), [[this.tables.rewrite(f.formula)]]);
      }
    });
  }

  /** The reference a defined name stands for, without "=", or undefined. */
  nameRef(name: string): string | undefined {
    const expression = this.engine.getNamedExpression(name)?.expression;
    return typeof expression === "string" ? expression.replace(/^=/, "") : undefined;
  }

  sheetId(sheet: string): number {
    const id = this.engine.getSheetId(sheet);
    if (id === undefined) throw new Error(`no sheet ${sheet}`);
    return id;
  }

  address(sheet: string, a1: string): SimpleCellAddress {
    return { sheet: this.sheetId(sheet), ...cellAt(a1) };
  }

  /** A cell's computed value (an error is HyperFormula's DetailedCellError). */
  value(sheet: string, a1: string) {
    return this.engine.getCellValue(this.address(sheet, a1));
  }

  /** A cell's formula ("=...") or undefined for a constant or an empty cell. */
  formula(sheet: string, a1: string): string | undefined {
    return this.structured.get(`${sheet}!${a1}`)?.formula ?? this.engine.getCellFormula(this.address(sheet, a1));
  }

  /**
   * Puts a constant or a formula in a cell (a string starting with "=" is a formula, as typed) and
   * returns the cells whose values changed, spills included.
   */
  set(sheet: string, a1: string, content: RawCellContent): CellChange[] {
    const address = this.address(sheet, a1);
    const changes = this.engine.setCellContents(address, [[this.engineContent(sheet, a1, content)]]);
    // Typing in the row below a table makes it one row longer (tables.ts).
    const grew =
      content !== null &&
      content !== "" &&
      this.tables.growBelow({ sheet, row: address.row, column: address.col, rows: 1, columns: 1 });
    const regrown = grew ? this.reenterStructured() : [];
    return this.describe([...changes, ...regrown, ...this.settleSpills()]);
  }

  /** Writes a rectangle of contents (null entries are skipped) in one recalculation. */
  write(sheet: string, a1: string, contents: readonly (readonly (RawCellContent | undefined)[])[]): CellChange[] {
    const start = this.address(sheet, a1);
    const given = contents.map((row, r) =>
      row.map((content, c) =>
        content === undefined
          ? undefined
          : this.engineContent(sheet, cellAddress(start.row + r, start.col + c), content),
      ),
    );
    const full = (row: readonly (RawCellContent | undefined)[] | undefined, width: number) =>
      row !== undefined && row.length === width && row.every((v) => v !== undefined);
    const changes = this.engine.batch(() => {
      // Rows wholly given go in as one block; others one call per run of given cells. HyperFormula's
      // setCellContents call by call inside a batch grows with the batch (35,000 rows a cell at a
      // time took minutes, a row at a time 20 s); one call with the block takes under a second.
      for (let r = 0; r < given.length;) {
        const row = given[r]!;
        const width = row.length;
        if (width > 0 && full(row, width)) {
          let end = r;
          while (full(given[end], width)) end++;
          this.engine.setCellContents({ sheet: start.sheet, row: start.row + r, col: start.col }, given.slice(r, end));
          r = end;
          continue;
        }
        for (let c = 0; c < row.length;) {
          if (row[c] === undefined) {
            c++;
            continue;
          }
          let end = c;
          while (end < row.length && row[end] !== undefined) end++;
          this.engine.setCellContents({ sheet: start.sheet, row: start.row + r, col: start.col + c }, [
            row.slice(c, end),
          ]);
          c = end;
        }
        r++;
      }
    });
    return this.describe([...changes, ...this.settleSpills()]);
  }

  /** The changed cells, by sheet and A1 address, once each. */
  private describe(changes: readonly ExportedChange[]): CellChange[] {
    const seen = new Set<string>();
    const out: CellChange[] = [];
    for (const change of changes) {
      if (!("address" in change) || !change.address) continue;
      const address = change.address;
      const sheet = this.engine.getSheetName(address.sheet) ?? String(address.sheet);
      const a1 = cellAddress(address.row, address.col);
      const key = `${sheet}!${a1}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ sheet, address: a1 });
    }
    return out;
  }

  /** Re-enters the spills whose results changed size, so the engine reserves their new size (Excel's spill). */
  private settleSpills(): ExportedChange[] {
    const resized = this.plugin.resizedIn(this.engine);
    const changes: ExportedChange[] = [];
    for (let round = 0; round < MAX_RESIZE_ROUNDS && resized.size > 0; round++) {
      const cells = [...resized.values()];
      resized.clear();
      const settled = this.engine.batch(() => {
        for (const address of cells) {
          const formula = this.engine.getCellFormula(address);
          if (formula) this.engine.setCellContents(address, [[formula]]);
        }
      });
      for (const change of settled) changes.push(change);
    }
    return changes;
  }
}
