/**
 * The Scenarios sheet: the total-cost and forfeited-commitment grids (commits down, discounts
 * across, one lifted formula each), the marks nearest the recommended commit, the quote comparison
 * (./quotes.ts) and the horizon column the quotes are valued over. The edges (commits, discounts,
 * quotes) are the user's inputs.
 */
import * as F from "../../catalogue/functions";
import { formula } from "../../catalogue/formula";
import { TermKey } from "../../catalogue/terms";
import { columnLetter } from "../../sheet/a1";
import { CellList, ModelCell, ModelName, ModelSheet, MONEY, PERCENT, SHEETS } from "../workbook";
import { DEAL_TERMS, dealCell } from "./deal";
import { putQuotes, QUOTE_ROW } from "./quotes";
import { summaryCell } from "./summary";

/**
 * The Scenarios sheet's layout. Each grid and each quote row is one lifted formula (DOMAIN.md
 * "Arrays in, arrays out"); the edges (commits, discounts, quotes) are the user's inputs.
 */
export const SCENARIOS = {
  /** Commits per period down the grids, as multiples of the draft commit. */
  commitSteps: [0.5, 0.6, 0.7, 0.8, 0.9, 1, 1.1, 1.2, 1.3, 1.4, 1.5],
  /** Discounts across the grids, as points around the draft discount. */
  discountSteps: [-0.06, -0.04, -0.02, 0, 0.02, 0.04, 0.06],
  /** The total-cost grid: its header row (discounts from B) and first commit row. */
  costHeaderRow: 5,
  /** The forfeited-commitment grid's header row. */
  wasteHeaderRow: 25,
  /** The quotes: names in this row from B, then one row per quote term. */
  quoteRow: QUOTE_ROW,
  /** The horizon every quote (and the pane's term options) is valued over: at least this many months. */
  horizonMonths: 36,
  /** The horizon column: month in M, list dollars in N, from this row. */
  horizonRow: 5,
} as const;

/** The horizon's length for a model of `months` of usage. */
export function horizonMonths(months: number): number {
  return Math.max(SCENARIOS.horizonMonths, months);
}

/**
 * The rows under the total-cost grid that mark its cell nearest the recommended commit: each
 * discount's distance to that commit's band discount, the marker, the recommended commit, its band
 * discount, and the cost at the marked cell.
 */
export const SCENARIO_MARKS = { distance: 17, marker: 18, recommended: 19, band: 20, marked: 21 } as const;

/** The round a grid commit is taken to, dollars. */
const COMMIT_ROUND = 10_000;

/** The grids' commits and discounts for a draft commit and discount. */
export function scenarioEdges(commit: number, discount: number): { commits: number[]; discounts: number[] } {
  return {
    commits: SCENARIOS.commitSteps.map((s) => Math.round((commit * s) / COMMIT_ROUND) * COMMIT_ROUND),
    discounts: SCENARIOS.discountSteps.map((s) => Math.round(Math.min(0.99, Math.max(0, discount + s)) * 1e4) / 1e4),
  };
}

/** The names the Scenarios sheet reads: the usage, the horizon, the bands, and the Usage sheet's list-dollar columns. */
export interface ScenarioRanges {
  readonly usage: string;
  readonly horizon: string;
  readonly bands: string;
  readonly usageColumns: readonly [string, string];
}

/** The Scenarios sheet over `months` of usage: the two grids, the quote comparison and the horizon column. */
export function scenariosSheet(months: number, ranges: ScenarioRanges): ModelSheet {
  const S = SCENARIOS;
  const d = (key: TermKey) => dealCell(key, "draft");
  const list = new CellList();
  const put = (address: string, cell: Omit<ModelCell, "address">) => list.put(address, cell);
  const spillFormat = (row: number, column: number, rows: number, columns: number, format: string) =>
    list.spillFormat(row, column, rows, columns, format);
  const commit = DEAL_TERMS.find((t) => t.key === "commit")!.draft as number;
  const discount = DEAL_TERMS.find((t) => t.key === "discount")!.draft as number;
  const { commits, discounts } = scenarioEdges(commit, discount);
  const n = commits.length;
  const w = discounts.length;
  const lastCol = columnLetter(w);
  const first = S.costHeaderRow + 1;
  const last = first + n - 1;
  const commitRange = `$A$${first}:$A$${last}`;
  const discountRange = `$B$${S.costHeaderRow}:$${lastCol}$${S.costHeaderRow}`;
  const distanceCol = columnLetter(w + 1);
  const markCol = columnLetter(w + 2);
  const recommended = `$B$${SCENARIO_MARKS.recommended}`;
  const band = `$B$${SCENARIO_MARKS.band}`;
  const H = horizonMonths(months);

  put("A1", { value: "Scenarios: each grid, and each row of the quote comparison, is one formula", style: "title" });
  put("A2", {
    value:
      "Edit the commits, discounts and quotes (yellow). Every figure recalculates when Usage changes. " +
      "Grids are over the term (Usage); quotes over one horizon (column N).",
    style: "note",
  });

  // The total-cost grid: commits down, discounts across, one TOTAL_COST formula.
  put(`A${S.costHeaderRow - 1}`, {
    value: "Total cost over the term: commit per period (down) by discount (across)",
    style: "title",
  });
  put(`A${S.costHeaderRow}`, { value: "Commit \\ discount", style: "header" });
  discounts.forEach((v, j) =>
    put(`${columnLetter(1 + j)}${S.costHeaderRow}`, { value: v, format: PERCENT, style: "input" }),
  );
  put(`${distanceCol}${S.costHeaderRow}`, { value: "Distance to the recommended commit", style: "header" });
  commits.forEach((v, i) => {
    const row = first + i;
    put(`A${row}`, { value: v, format: MONEY, style: "input" });
    put(`${distanceCol}${row}`, { formula: `=ABS(A${row}-${recommended})`, format: MONEY });
    put(`${markCol}${row}`, {
      formula: `=IF(${distanceCol}${row}=MIN($${distanceCol}$${first}:$${distanceCol}$${last}),"◀ nearest the recommended commit","")`,
      style: "note",
    });
  });
  put(`B${first}`, {
    formula: formula(F.TOTAL_COST, {
      commit: commitRange,
      usage: ranges.usage,
      discount: discountRange,
      overage_rate: d("overage_rate"),
      carryover: d("carryover"),
      period_months: d("period_months"),
    }),
    format: MONEY,
    style: "output",
  });
  spillFormat(first, 1, n, w, MONEY);
  put(`A${SCENARIO_MARKS.distance}`, { value: "Distance to the band discount of the recommended commit" });
  put(`A${SCENARIO_MARKS.marker}`, { value: "Marked" });
  discounts.forEach((_, j) => {
    const c = columnLetter(1 + j);
    put(`${c}${SCENARIO_MARKS.distance}`, { formula: `=ABS(${c}$${S.costHeaderRow}-${band})`, format: PERCENT });
    put(`${c}${SCENARIO_MARKS.marker}`, {
      formula: `=IF(${c}${SCENARIO_MARKS.distance}=MIN($B$${SCENARIO_MARKS.distance}:$${lastCol}$${SCENARIO_MARKS.distance}),"▲ its band discount","")`,
      style: "note",
    });
  });
  put(`A${SCENARIO_MARKS.recommended}`, { value: "Recommended commit per period (Summary)" });
  put(`B${SCENARIO_MARKS.recommended}`, { formula: `=${summaryCell("recommended_commit")}`, format: MONEY });
  put(`A${SCENARIO_MARKS.band}`, { value: "Its band discount" });
  put(`B${SCENARIO_MARKS.band}`, {
    formula: formula(F.BAND_DISCOUNT, { commit: recommended, bands: ranges.bands }),
    format: PERCENT,
  });
  put(`A${SCENARIO_MARKS.marked}`, { value: "Total cost at the marked cell (that row, that column)", style: "header" });
  put(`B${SCENARIO_MARKS.marked}`, {
    formula:
      // Indexed from the grid's edges (A5), not the spill itself (B6:H16): a range that is exactly an
      // errored spill throws in HyperFormula 3.5 ("Unknown array" in its interpreter); Excel takes either.
      `=INDEX($A$${S.costHeaderRow}:$${lastCol}$${last},` +
      `1+MATCH(MIN($${distanceCol}$${first}:$${distanceCol}$${last}),$${distanceCol}$${first}:$${distanceCol}$${last},0),` +
      `1+MATCH(MIN($B$${SCENARIO_MARKS.distance}:$${lastCol}$${SCENARIO_MARKS.distance}),$B$${SCENARIO_MARKS.distance}:$${lastCol}$${SCENARIO_MARKS.distance},0))`,
    format: MONEY,
    style: "output",
  });

  // The forfeited-commitment grid: the same edges, one COMMIT_WASTE formula.
  const wFirst = S.wasteHeaderRow + 1;
  put(`A${S.wasteHeaderRow - 1}`, {
    value: "Commitment forfeited over the term: the same commits and discounts",
    style: "title",
  });
  put(`A${S.wasteHeaderRow}`, { value: "Commit \\ discount", style: "header" });
  discounts.forEach((_, j) => {
    const c = columnLetter(1 + j);
    put(`${c}${S.wasteHeaderRow}`, { formula: `=${c}${S.costHeaderRow}`, format: PERCENT, style: "header" });
  });
  commits.forEach((_, i) => {
    put(`A${wFirst + i}`, { formula: `=A${first + i}`, format: MONEY, style: "header" });
    put(`${markCol}${wFirst + i}`, { formula: `=${markCol}${first + i}`, style: "note" });
  });
  put(`B${wFirst}`, {
    formula: formula(F.COMMIT_WASTE, {
      commit: commitRange,
      usage: ranges.usage,
      discount: discountRange,
      carryover: d("carryover"),
      period_months: d("period_months"),
    }),
    format: MONEY,
    style: "output",
  });

  spillFormat(wFirst, 1, n, w, MONEY);

  putQuotes(list, H, d, ranges.horizon);

  // The horizon: the usage's months (summed across models), then PROJECT's linear projection.
  const h0 = S.horizonRow;
  put(`M${h0 - 1}`, { value: "Horizon month", style: "header" });
  put(`N${h0 - 1}`, { value: "List $ (usage, then projected)", style: "header" });
  for (let t = 1; t <= H; t++) {
    const r = h0 + t - 1;
    put(`M${r}`, { value: t });
    if (t <= months) {
      const usageRow = t + 1;
      put(`N${r}`, {
        formula: `=SUM(${SHEETS.usage}!${ranges.usageColumns[0]}${usageRow}:${ranges.usageColumns[1]}${usageRow})`,
        format: MONEY,
      });
    } else if (t === months + 1) {
      put(`N${r}`, {
        formula: formula(F.PROJECT, { history: ranges.usage, months: H - months }),
        format: MONEY,
        style: "output",
      });
    } else {
      put(`N${r}`, { format: MONEY, style: "output" });
    }
  }
  return {
    name: SHEETS.scenarios,
    cells: list.cells,
    widths: [58, 16, 16, 16, 16, 16, 16, 16, 16, 32, 4, 4, 10, 16],
  };
}

/** The Horizon name: the quotes' and the pane's term options' horizon (the Scenarios sheet's column N). */
export function scenariosNames(months: number): ModelName[] {
  return [
    {
      name: "Horizon",
      ref: `${SHEETS.scenarios}!$N$${SCENARIOS.horizonRow}:$N$${SCENARIOS.horizonRow + horizonMonths(months) - 1}`,
    },
  ];
}
