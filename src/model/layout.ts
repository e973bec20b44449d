/**
 * The cells of the sheets the pane lays out after signing (./tracking.ts, ./renewal.ts): a value
 * with its number format, or a formula. Pure data: no Office, Excel or DOM.
 */
import { maxOf } from "../core/arrays";
import { TermKey } from "../catalogue/terms";
import { TERM_PANE } from "../catalogue/termsPane";
import { CellValue, MONEY, PERCENT } from "./workbook";

/** A cell: a value (with a number format) or a formula; null leaves the cell empty. */
export type LayoutCell =
  | { readonly value: CellValue; readonly format?: string }
  | { readonly formula: string; readonly format?: string }
  | null;

/** A value cell, with its number format if it has one. */
export const valueCell = (value: CellValue, format?: string): LayoutCell => (format ? { value, format } : { value });

/** A formula cell, with its number format if it has one. */
export const formulaCell = (text: string, format?: string): LayoutCell =>
  format ? { formula: text, format } : { formula: text };

/** A row of cells by column (0-based), empty between them. */
export function rowOf(cells: Readonly<Record<number, LayoutCell>>): LayoutCell[] {
  const columns = maxOf(Object.keys(cells).map(Number)) + 1;
  return Array.from({ length: columns }, (_, c) => cells[c] ?? null);
}

/** The number format a term's value shows in. */
export function termFormat(key: TermKey): string | undefined {
  const kind = TERM_PANE[key].kind;
  return kind === "money" ? MONEY : kind === "percent" || kind === "cap" ? PERCENT : undefined;
}
