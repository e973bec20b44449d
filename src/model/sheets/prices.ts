/** The Prices sheet: the price book the Usage sheet's formulas price tokens with (the PriceBook name). */
import { maxOf } from "../../core/arrays";
import { columnLetter } from "../../sheet/a1";
import { CellValue, ModelCell, ModelName, ModelSheet, MONEY_CENTS, SHEETS, TEXT } from "../workbook";

/** The Prices sheet: the price book's rows (header first) as given, prices in dollars and cents. */
export function pricesSheet(priceBook: readonly (readonly CellValue[])[]): ModelSheet {
  const prices: ModelCell[] = [];
  priceBook.forEach((row, r) =>
    row.forEach((value, c) =>
      prices.push({
        address: `${columnLetter(c)}${r + 1}`,
        value,
        style: r === 0 ? "header" : "input",
        ...(r > 0 && c >= 1 && c <= 5 ? { format: MONEY_CENTS } : {}),
        // Text stays text: a value like "2026-10-24" written to a cell turns into a date (office-js #229).
        ...(r > 0 && typeof value === "string" ? { format: TEXT } : {}),
      }),
    ),
  );
  return { name: SHEETS.prices, cells: prices, widths: [22, 10, 10, 14, 14, 12, 14, 12, 40] };
}

/** The PriceBook name: the whole book, header included. */
export function pricesNames(priceBook: readonly (readonly CellValue[])[]): ModelName[] {
  const bookRows = priceBook.length;
  const bookCols = maxOf(priceBook.map((r) => r.length));
  return [{ name: "PriceBook", ref: `${SHEETS.prices}!$A$1:$${columnLetter(bookCols - 1)}$${bookRows}` }];
}
