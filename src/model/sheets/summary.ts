/**
 * The Summary sheet: the draft's figures and what each ask saves, one formula a line (from row 3,
 * label in A, figure in B), then the LEVER_VALUES ranking and the COMMIT_CURVE, each one spill.
 */
import * as F from "../../catalogue/functions";
import { formula } from "../../catalogue/formula";
import { TermKey } from "../../catalogue/terms";
import { ModelCell, ModelSheet, MONEY, PERCENT, SHEETS } from "../workbook";
import { dealCell } from "./deal";

/** The Summary's figure lines, by id, in the order of its rows (from row 3, label in A, figure in B). */
export const SUMMARY_LINES = [
  "usage_list",
  "usage_optimized",
  "total_cost",
  "commit_waste",
  "utilization",
  "coverage",
  "esr",
  "overage_value",
  "carryover_value",
  "price_lock_value",
  "true_forward_cost",
  "exclusion_cost",
  "renewal_cap_value",
  "band_discount",
  "recommended_commit",
] as const;
export type SummaryLine = (typeof SUMMARY_LINES)[number];
/** The Summary's LEVER_VALUES spill starts at A of this row; the COMMIT_CURVE spill at A of the next. */
const LEVER_ROW = SUMMARY_LINES.length + 5;
const CURVE_ROW = LEVER_ROW + 16;
/** Below the curve (25 commits, the band thresholds and the recommended commit): COMMIT_RISK, then LEVER_VALUES across the futures. */
const RISK_ROW = CURVE_ROW + 40;
const UNCERTAIN_LEVER_ROW = RISK_ROW + 14;

/** Where a Summary figure is, as "Summary!B3". */
export function summaryCell(line: SummaryLine | "levers" | "curve" | "risk" | "uncertainLevers"): string {
  if (line === "levers") return `${SHEETS.summary}!A${LEVER_ROW}`;
  if (line === "curve") return `${SHEETS.summary}!A${CURVE_ROW}`;
  if (line === "risk") return `${SHEETS.summary}!A${RISK_ROW}`;
  if (line === "uncertainLevers") return `${SHEETS.summary}!A${UNCERTAIN_LEVER_ROW}`;
  return `${SHEETS.summary}!B${SUMMARY_LINES.indexOf(line) + 3}`;
}

/** The Summary sheet: every figure a formula over the Deal sheet's draft (and ask) and the usage names. */
export function summarySheet(): ModelSheet {
  const d = (key: TermKey) => dealCell(key, "draft");
  const a = (key: TermKey) => dealCell(key, "ask");
  const deal3 = { commit: d("commit"), usage: "Usage", discount: d("discount") };
  const tail = { overage_rate: d("overage_rate"), carryover: d("carryover"), period_months: d("period_months") };
  const noOverage = { carryover: d("carryover"), period_months: d("period_months") };
  const sizing = {
    usage: "Optimized",
    bands: "Bands",
    ...tail,
    volatility: "Volatility",
    growth_volatility: "GrowthVolatility",
  };
  const lines: Record<SummaryLine, [string, string, string]> = {
    usage_list: ["Usage at list over the term", `=SUM(Usage)`, MONEY],
    usage_optimized: ["Optimized usage over the term", `=SUM(Optimized)`, MONEY],
    total_cost: ["Draft: total cost over the term", formula(F.TOTAL_COST, { ...deal3, ...tail }), MONEY],
    commit_waste: ["Draft: commitment forfeited", formula(F.COMMIT_WASTE, { ...deal3, ...noOverage }), MONEY],
    utilization: ["Draft: utilization", formula(F.UTILIZATION, { ...deal3, ...noOverage }), PERCENT],
    coverage: ["Draft: coverage", formula(F.COVERAGE, { ...deal3, ...noOverage }), PERCENT],
    esr: ["Draft: effective savings rate", formula(F.ESR, { ...deal3, ...tail }), PERCENT],
    overage_value: ["Overage at the committed rate saves", formula(F.OVERAGE_VALUE, { ...deal3, ...tail }), MONEY],
    carryover_value: [
      "Carryover (ask) saves",
      formula(F.CARRYOVER_VALUE, { ...deal3, ...tail, carryover: a("carryover") }),
      MONEY,
    ],
    price_lock_value: [
      "Price lock saves",
      formula(F.PRICE_LOCK_VALUE, { ...deal3, uplift: d("uplift"), ...tail }),
      MONEY,
    ],
    true_forward_cost: [
      "True-forward step-up costs",
      formula(F.TRUE_FORWARD_COST, { ...deal3, step_up: d("step_up"), ...tail }),
      MONEY,
    ],
    exclusion_cost: [
      "Exclusions cost",
      formula(F.EXCLUSION_COST, { ...deal3, excluded_share: d("excluded_share"), ...tail }),
      MONEY,
    ],
    renewal_cap_value: [
      "Renewal cap (ask) saves",
      formula(F.RENEWAL_CAP_VALUE, { renewal_usage: "Renewal", discount: d("discount"), cap: a("renewal_cap") }),
      MONEY,
    ],
    band_discount: [
      "Band discount at the draft commit",
      formula(F.BAND_DISCOUNT, { commit: d("commit"), bands: "Bands" }),
      PERCENT,
    ],
    recommended_commit: ["Recommended commit (optimized usage)", formula(F.RECOMMEND_COMMIT, sizing), MONEY],
  };
  const summary: ModelCell[] = [
    { address: "A1", value: "Commit Levers: what each term is worth over the term", style: "title" },
    { address: "A2", value: "Figure", style: "header" },
    { address: "B2", value: "Dollars or share", style: "header" },
  ];
  SUMMARY_LINES.forEach((id, i) => {
    const [label, formula, format] = lines[id];
    summary.push({ address: `A${i + 3}`, value: label });
    summary.push({ address: `B${i + 3}`, formula, format, style: "output" });
  });
  const leverRow = LEVER_ROW;
  summary.push({ address: `A${leverRow - 1}`, value: "Levers ranked by value (draft vs ask)", style: "title" });
  summary.push({
    address: `A${leverRow}`,
    formula: formula(F.LEVER_VALUES, { usage: "Usage", terms: "Deal" }),
    style: "output",
  });
  const curveRow = CURVE_ROW;
  summary.push({
    address: `A${curveRow - 1}`,
    value: "Expected cost against commit (optimized usage)",
    style: "title",
  });
  summary.push({
    address: `A${curveRow}`,
    formula: formula(F.COMMIT_CURVE, sizing),
    style: "output",
  });
  // Across the futures usage may take (DOMAIN.md "Usage under uncertainty"): the draft commit's risk
  // over optimized usage, and each ask's expected value with its spread.
  summary.push({
    address: `A${RISK_ROW - 1}`,
    value: "The draft commit across the futures (volatility and growth volatility on Deal)",
    style: "title",
  });
  summary.push({
    address: `A${RISK_ROW}`,
    formula: formula(F.COMMIT_RISK, {
      ...deal3,
      usage: "Optimized",
      ...tail,
      volatility: "Volatility",
      growth_volatility: "GrowthVolatility",
    }),
    style: "output",
  });
  summary.push({
    address: `A${UNCERTAIN_LEVER_ROW - 1}`,
    value: "Levers across the futures: expected value, ranked by it, with P10, P90 and the chance each pays",
    style: "title",
  });
  summary.push({
    address: `A${UNCERTAIN_LEVER_ROW}`,
    formula: formula(F.LEVER_VALUES, {
      usage: "Usage",
      terms: "Deal",
      volatility: "Volatility",
      growth_volatility: "GrowthVolatility",
    }),
    style: "output",
  });
  return { name: SHEETS.summary, cells: summary, widths: [40, 18, 12, 18, 16, 12] };
}
