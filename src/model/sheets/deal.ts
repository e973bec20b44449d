/**
 * The Deal sheet: the deal terms table (key | draft | ask, one row per catalogue term, with sample
 * values: the Deal name) and, below it, the optimization assumptions, each a named cell.
 */
import { TermKey, TERM_KEYS } from "../../catalogue/terms";
import { TermKind, TERM_PANE } from "../../catalogue/termsPane";
import { CellValue, ModelCell, ModelName, ModelSheet, MONEY, PERCENT, SHEETS } from "../workbook";

/** The number format a term's cells take on the Deal sheet, by how it is typed. */
const TERM_FORMATS: Partial<Record<TermKind, string>> = { money: MONEY, percent: PERCENT, cap: PERCENT };

/** The deal terms table: key | draft | ask, one row per catalogue term in its order, with sample values. */
export const DEAL_TERMS: readonly { key: TermKey; draft: CellValue; ask: CellValue; note: string; format?: string }[] =
  TERM_KEYS.map((key) => {
    const { sample, kind } = TERM_PANE[key];
    const format = TERM_FORMATS[kind];
    return { key, ...sample, ...(format ? { format } : {}) };
  });

/** Optimization assumptions (step 1), each a named single cell on the Deal sheet. */
export const OPTIMIZATION = [
  { name: "CacheHit", label: "Prompt-cache hit share of input", value: 0.3 },
  { name: "CacheWrite", label: "Prompt-cache write share of input", value: 0.05 },
  { name: "BatchShare", label: "Share of traffic sent as batch", value: 0.2 },
  { name: "RouteShare", label: "Share of Opus traffic routed to Sonnet", value: 0.25 },
  { name: "Volatility", label: "Uncertainty of the usage level (std. dev. of log)", value: 0.2 },
  // 0 in the sample: usage growth taken as known; the pane offers the history's own estimate (USAGE_VOLATILITY).
  { name: "GrowthVolatility", label: "Uncertainty of a year's usage growth (std. dev. of log)", value: 0 },
] as const;

/** The "Assumptions" header's row, one blank row below the terms; the assumptions follow it. */
const OPTIMIZATION_ROW = DEAL_TERMS.length + 3;

/** The deal cell holding a key's draft (column B) or ask (column C). */
export function dealCell(key: TermKey, column: "draft" | "ask"): string {
  const row = DEAL_TERMS.findIndex((t) => t.key === key) + 2;
  if (row < 2) throw new Error(`no deal term ${key}`);
  return `${SHEETS.deal}!$${column === "draft" ? "B" : "C"}$${row}`;
}

/** The Deal sheet: the terms table, then the assumptions. */
export function dealSheet(): ModelSheet {
  const deal: ModelCell[] = [
    { address: "A1", value: "Key", style: "header" },
    { address: "B1", value: "Draft", style: "header" },
    { address: "C1", value: "Ask", style: "header" },
    { address: "D1", value: "What it means", style: "header" },
  ];
  DEAL_TERMS.forEach((t, i) => {
    const row = i + 2;
    const format = t.format ? { format: t.format } : {};
    deal.push({ address: `A${row}`, value: t.key });
    deal.push({ address: `B${row}`, value: t.draft, style: "input", ...format });
    deal.push({ address: `C${row}`, value: t.ask, style: "input", ...format });
    deal.push({ address: `D${row}`, value: t.note, style: "note" });
  });
  const optRow = OPTIMIZATION_ROW;
  deal.push({ address: `A${optRow}`, value: "Assumptions", style: "header" });
  OPTIMIZATION.forEach((o, i) => {
    deal.push({ address: `A${optRow + 1 + i}`, value: o.name });
    deal.push({ address: `B${optRow + 1 + i}`, value: o.value, style: "input", format: PERCENT });
    deal.push({ address: `D${optRow + 1 + i}`, value: o.label, style: "note" });
  });
  return { name: SHEETS.deal, cells: deal, widths: [18, 14, 14, 52] };
}

/** The Deal name (the terms table, header included). */
export function dealNames(): ModelName[] {
  return [{ name: "Deal", ref: `${SHEETS.deal}!$A$1:$C$${DEAL_TERMS.length + 1}` }];
}

/** Each assumption's name: its value's cell. */
export function optimizationNames(): ModelName[] {
  return OPTIMIZATION.map((o, i) => ({ name: o.name, ref: `${SHEETS.deal}!$B$${OPTIMIZATION_ROW + 1 + i}` }));
}
