/** The Bands sheet: the discount bands (threshold | discount) that sizing reads, the Bands name. */
import { ModelCell, ModelName, ModelSheet, MONEY, PERCENT, SHEETS } from "../workbook";

/** Illustrative discount bands: no vendor publishes these. */
export const SAMPLE_BANDS: readonly [number, number][] = [
  [250_000, 0.05],
  [1_000_000, 0.1],
  [2_500_000, 0.15],
  [5_000_000, 0.2],
];

/** The Bands sheet: the sample bands, marked as assumptions to replace. */
export function bandsSheet(): ModelSheet {
  const bands: ModelCell[] = [
    { address: "A1", value: "Threshold", style: "header" },
    { address: "B1", value: "Discount", style: "header" },
    {
      address: "D1",
      value: "Illustrative assumptions, not vendor figures: replace with the bands in your quote.",
      style: "assumption",
    },
  ];
  SAMPLE_BANDS.forEach(([threshold, discount], i) => {
    bands.push({ address: `A${i + 2}`, value: threshold, format: MONEY, style: "assumption" });
    bands.push({ address: `B${i + 2}`, value: discount, format: PERCENT, style: "assumption" });
  });
  return { name: SHEETS.bands, cells: bands, widths: [14, 12, 4, 70] };
}

/** The Bands name (header included). */
export function bandsNames(): ModelName[] {
  return [{ name: "Bands", ref: `${SHEETS.bands}!$A$1:$B$${SAMPLE_BANDS.length + 1}` }];
}
