/**
 * What the model workbook is made of, as data: cells, sheets, defined names and the number formats
 * its cells take. Each sheet is built in ./sheets/ (one file per sheet); ./definition.ts assembles
 * them. Pure data: no Office, Excel or DOM.
 */
import { columnLetter } from "../sheet/a1";

export type CellValue = string | number | boolean | null;

export type CellStyle = "title" | "header" | "input" | "output" | "note" | "assumption";

export interface ModelCell {
  /** A1 address on the sheet, e.g. "B2". */
  readonly address: string;
  readonly value?: CellValue;
  /** A formula starting with "=". */
  readonly formula?: string;
  /** An Excel number format. */
  readonly format?: string;
  readonly style?: CellStyle;
}

export interface ModelSheet {
  readonly name: string;
  readonly cells: readonly ModelCell[];
  /** Column widths in characters, from column A. */
  readonly widths?: readonly number[];
}

export interface ModelName {
  readonly name: string;
  /** Sheet-qualified absolute reference, e.g. "Usage!$H$2:$J$25". */
  readonly ref: string;
}

export interface ModelDefinition {
  readonly sheets: readonly ModelSheet[];
  readonly names: readonly ModelName[];
}

export const MONEY = '"$"#,##0';
export const MONEY_CENTS = '"$"#,##0.00';
export const PERCENT = "0.0%";
/** Excel's text number format: what is written stays as written. */
export const TEXT = "@";
export const MTOK = "#,##0";

/** Sheet names, in workbook order. */
export const SHEETS = {
  usage: "Usage",
  prices: "Prices",
  deal: "Deal",
  bands: "Bands",
  summary: "Summary",
  scenarios: "Scenarios",
} as const;

/** A sheet's cells in the order they are put. */
export class CellList {
  readonly cells: ModelCell[] = [];

  put(address: string, cell: Omit<ModelCell, "address">): void {
    this.cells.push({ address, ...cell });
  }

  /**
   * The cells a spill anchored at (row, column) fills, `rows` by `columns` (row 1-based, column
   * 0-based), but the anchor: they take their format from the sheet, as in Excel, so give them the anchor's.
   */
  spillFormat(row: number, column: number, rows: number, columns: number, format: string): void {
    for (let r = 0; r < rows; r++)
      for (let c = 0; c < columns; c++)
        if (r > 0 || c > 0) this.put(`${columnLetter(column + c)}${row + r}`, { format, style: "output" });
  }
}
