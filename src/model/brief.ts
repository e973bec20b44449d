/**
 * The negotiation brief's layout, as data: the ranked asks, the draft's cost, a live COMMIT_CURVE
 * and the chart over it. The pane writes it through its port; the numbers come from the figures it
 * already computed. Pure data: no Office, Excel or DOM.
 */
import type { LeverRow } from "../sheet";
import { cellAddress, quoteSheet } from "../sheet/a1";
import { CellValue, MONEY, PERCENT } from "./workbook";

/** A cell of the brief: a value (with a number format) or a formula; null leaves the cell empty. */
export type BriefCell = { readonly value: CellValue; readonly format?: string } | { readonly formula: string } | null;

export interface BriefInput {
  /** The sheet the brief goes on. */
  readonly sheet: string;
  /** The date the values are as of, yyyy-mm-dd. */
  readonly date: string;
  readonly draftCost: number;
  /** The ranked asks, then all asks together. */
  readonly rows: readonly LeverRow[];
  readonly all: LeverRow;
  /** One point of headline discount, shown below the asks as the yardstick (not ranked). */
  readonly yardstick?: LeverRow;
  /** The live COMMIT_CURVE formula, and how many commits its spill has (header not counted). */
  readonly curveFormula: string;
  readonly curvePoints: number;
  /**
   * Valued across the futures usage may take: the rows are expected values; the brief says which ask
   * gains most from uncertainty, and carries live COMMIT_RISK and LEVER_VALUES with the volatilities.
   */
  readonly uncertainty?: { readonly sentence: string; readonly riskFormula: string; readonly leverFormula: string };
}

export interface BriefChart {
  readonly title: string;
  readonly seriesName: string;
  readonly categories: string;
  readonly values: string;
  readonly anchor: string;
}

export interface BriefLayout {
  /** The cells from A1 down. */
  readonly grid: readonly (readonly BriefCell[])[];
  /** The cell the curve spills from (the chart waits until it has calculated). */
  readonly curveCell: string;
  /** The chart over the curve's data rows (the header is not a point). */
  readonly chart: BriefChart;
}

function shown(cell: LeverRow["draft"]): CellValue {
  return cell === undefined ? "" : cell;
}

export function briefLayout(input: BriefInput): BriefLayout {
  const v = (value: CellValue, format?: string): BriefCell => (format ? { value, format } : { value });
  const grid: BriefCell[][] = [
    [v("Negotiation brief: the asks ranked by dollars over the term")],
    [v(`Values as of ${input.date}, from this workbook's usage and deal (they do not update).`)],
    [v("Draft deal: total cost over the term"), null, null, null, v(input.draftCost, MONEY)],
    [
      v("Rank"),
      v("Ask"),
      v("Draft"),
      v("Ask value"),
      v("Value over term"),
      v("Share of total"),
      v("Vendor cost"),
      v("Cheap ask"),
    ],
    ...input.rows.map((r, i) => [
      v(i + 1),
      v(r.lever),
      v(shown(r.draft)),
      v(shown(r.ask)),
      v(r.value, MONEY),
      v(r.share, PERCENT),
      v(r.vendorCost),
      v(r.vendorCost === "low" ? "yes" : ""),
    ]),
    ...(input.yardstick
      ? [
          [
            null,
            v(input.yardstick.lever),
            v(shown(input.yardstick.draft), PERCENT),
            v(shown(input.yardstick.ask), PERCENT),
            v(input.yardstick.value, MONEY),
            v(input.yardstick.share, PERCENT),
            v("yardstick: not an ask"),
            null,
          ],
        ]
      : []),
    [null, v(input.all.lever), null, null, v(input.all.value, MONEY), v(input.all.share, PERCENT), null, null],
    [null, v("Levers interact: all asks together is not the sum of the rows.")],
    ...(input.uncertainty
      ? [
          [null, v("Values are expected values across the futures your usage may take.")],
          [null, v(input.uncertainty.sentence)],
        ]
      : []),
  ];
  const curveTitleRow = grid.length + 1;
  grid.push([]);
  grid.push([v("Expected cost against commit (live: LEVERS.COMMIT_CURVE)")]);
  grid.push([{ formula: input.curveFormula }]);
  const q = quoteSheet(input.sheet);
  const top = curveTitleRow + 2;
  const n = input.curvePoints;
  if (input.uncertainty) {
    // Below the curve's spill (header and n commits), one blank row apart.
    while (grid.length < top + n + 1) grid.push([]);
    grid.push([v("The draft commit across the futures (live: LEVERS.COMMIT_RISK)")]);
    grid.push([{ formula: input.uncertainty.riskFormula }]);
    for (let i = 0; i < 12; i++) grid.push([]);
    grid.push([v("The asks across the futures (live: LEVERS.LEVER_VALUES with the volatilities)")]);
    grid.push([{ formula: input.uncertainty.leverFormula }]);
  }
  return {
    grid,
    curveCell: `${q}!${cellAddress(top - 1, 0)}`,
    chart: {
      title: "Expected cost over the term against commit per period",
      seriesName: "Expected cost over the term",
      categories: `${q}!A${top + 1}:A${top + n}`,
      values: `${q}!C${top + 1}:C${top + n}`,
      anchor: "J4",
    },
  };
}
