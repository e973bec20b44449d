/**
 * The Commit Levers model workbook, as data: sheets, cells, formulas, number formats and defined
 * names. One definition serves the downloadable workbook (`npm run template`), the task pane's
 * "Build the model" (entered through the workbook port) and the preview. Formulas are written as a
 * user types them (`=LEVERS.TOTAL_COST(...)`); each writer turns them into what its target needs.
 *
 * Each sheet is built in its own file under ./sheets/; this file assembles them, in workbook order,
 * with their defined names. Pure data and arithmetic: no Office, Excel or DOM. Its terms and
 * formulas come from the catalogue.
 */
import { bandsNames, bandsSheet } from "./sheets/bands";
import { dealNames, dealSheet, optimizationNames } from "./sheets/deal";
import { pricesNames, pricesSheet } from "./sheets/prices";
import { scenariosNames, scenariosSheet } from "./sheets/scenarios";
import { summarySheet } from "./sheets/summary";
import { usageNames, usageSheet } from "./sheets/usage";
import { CellValue, ModelDefinition } from "./workbook";

export {
  SHEETS,
  MONEY,
  MONEY_CENTS,
  PERCENT,
  TEXT,
  MTOK,
  type CellValue,
  type CellStyle,
  type ModelCell,
  type ModelSheet,
  type ModelName,
  type ModelDefinition,
} from "./workbook";
export { MODELS, sampleTokens } from "./sheets/usage";
export { DEAL_TERMS, OPTIMIZATION, dealCell } from "./sheets/deal";
export { SAMPLE_BANDS } from "./sheets/bands";
export { SUMMARY_LINES, summaryCell, type SummaryLine } from "./sheets/summary";
export { SCENARIOS, SCENARIO_MARKS, horizonMonths, scenarioEdges } from "./sheets/scenarios";
export { QUOTE_TERMS, QUOTE_LINES, SAMPLE_QUOTES, quoteRowOf, type QuoteTerm, type QuoteLine } from "./sheets/quotes";

export interface ModelOptions {
  /** Fill the usage sheet with sample token usage (else the rows are left blank for the user). */
  readonly sample: boolean;
  /** Months of usage rows (default 24). */
  readonly months?: number;
  /** The price book rows (header first) to write on the Prices sheet. */
  readonly priceBook: readonly (readonly CellValue[])[];
}

/** The whole model workbook as data. */
export function buildModel(options: ModelOptions): ModelDefinition {
  const months = options.months ?? 24;
  return {
    sheets: [
      usageSheet(months, options.sample),
      pricesSheet(options.priceBook),
      dealSheet(),
      bandsSheet(),
      summarySheet(),
      scenariosSheet(months, { usage: "Usage", horizon: "Horizon", bands: "Bands", usageColumns: ["H", "J"] }),
    ],
    names: [
      ...usageNames(months),
      ...pricesNames(options.priceBook),
      ...dealNames(),
      ...bandsNames(),
      ...optimizationNames(),
      // The horizon the quotes and the pane's term options are valued over (the Scenarios sheet's column N).
      ...scenariosNames(months),
    ],
  };
}
