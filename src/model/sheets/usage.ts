/**
 * The Usage sheet: a month per row, token usage in and out per model (the user's inputs), then each
 * model's list dollars (LIST_COST) and optimized dollars (OPTIMIZED_COST). Its names (Usage,
 * Optimized, Renewal, Tokens) are what every other sheet's formulas read.
 */
import * as F from "../../catalogue/functions";
import { formula, text } from "../../catalogue/formula";
import { columnLetter } from "../../sheet/a1";
import { ModelCell, ModelName, ModelSheet, MONEY, MTOK, SHEETS } from "../workbook";

/** The three sample models: price-book names and the usage columns' labels. */
export const MODELS = [
  { name: "Opus 4.5", label: "Opus" },
  { name: "Sonnet 4.5", label: "Sonnet" },
  { name: "Haiku 4.5", label: "Haiku" },
] as const;

/** Sample monthly token usage (MTok): steady growth with a mild seasonal swing, deterministic. */
export function sampleTokens(months: number): { input: number; output: number }[][] {
  const base = [
    { input: 12_000, output: 2_400 },
    { input: 15_000, output: 3_000 },
    { input: 20_000, output: 4_000 },
  ];
  const growth = [0.025, 0.02, 0.03];
  return Array.from({ length: months }, (_, t) =>
    base.map((b, m) => {
      const level = Math.pow(1 + growth[m]!, t) * (1 + 0.06 * Math.sin((2 * Math.PI * t) / 12));
      return { input: Math.round(b.input * level), output: Math.round(b.output * level) };
    }),
  );
}

/** The Usage sheet: A month, B-G tokens (in/out per model), H-J list dollars, K-M optimized dollars. */
export function usageSheet(months: number, sample: boolean): ModelSheet {
  const tokens = sample ? sampleTokens(months) : [];
  const usage: ModelCell[] = [{ address: "A1", value: "Month", style: "header" }];
  MODELS.forEach((m, i) => {
    usage.push({ address: `${columnLetter(1 + 2 * i)}1`, value: `${m.label} input MTok`, style: "header" });
    usage.push({ address: `${columnLetter(2 + 2 * i)}1`, value: `${m.label} output MTok`, style: "header" });
    usage.push({ address: `${columnLetter(7 + i)}1`, value: `${m.label} list $`, style: "header" });
    usage.push({ address: `${columnLetter(10 + i)}1`, value: `${m.label} optimized $`, style: "header" });
  });
  for (let t = 0; t < months; t++) {
    const row = t + 2;
    usage.push({ address: `A${row}`, value: t + 1 });
    MODELS.forEach((m, i) => {
      const inCol = columnLetter(1 + 2 * i);
      const outCol = columnLetter(2 + 2 * i);
      const sample = tokens[t]?.[i];
      usage.push({ address: `${inCol}${row}`, value: sample ? sample.input : null, format: MTOK, style: "input" });
      usage.push({ address: `${outCol}${row}`, value: sample ? sample.output : null, format: MTOK, style: "input" });
      usage.push({
        address: `${columnLetter(7 + i)}${row}`,
        formula: formula(F.LIST_COST, {
          model: text(m.name),
          input_mtok: `${inCol}${row}`,
          output_mtok: `${outCol}${row}`,
          price_book: "PriceBook",
        }),
        format: MONEY,
        style: "output",
      });
      // Opus routes a share of its traffic to Sonnet; the others route nothing (to themselves, at 0).
      const route =
        i === 0
          ? { route_to: text(MODELS[1].name), route_share: "RouteShare" }
          : { route_to: text(m.name), route_share: 0 };
      usage.push({
        address: `${columnLetter(10 + i)}${row}`,
        formula: formula(F.OPTIMIZED_COST, {
          model: text(m.name),
          input_mtok: `${inCol}${row}`,
          output_mtok: `${outCol}${row}`,
          cache_hit: "CacheHit",
          batch_share: "BatchShare",
          ...route,
          cache_write_share: "CacheWrite",
          price_book: "PriceBook",
        }),
        format: MONEY,
        style: "output",
      });
    });
  }
  return { name: SHEETS.usage, cells: usage, widths: [8, ...new Array<number>(12).fill(16)] };
}

/** The Usage sheet's names over `months` rows: list and optimized dollars, the renewal horizon, the tokens. */
export function usageNames(months: number): ModelName[] {
  const last = months + 1;
  return [
    { name: "Usage", ref: `${SHEETS.usage}!$H$2:$J$${last}` },
    { name: "Optimized", ref: `${SHEETS.usage}!$K$2:$M$${last}` },
    // The renewal horizon the cap is valued over: the last 12 months of usage.
    { name: "Renewal", ref: `${SHEETS.usage}!$H$${Math.max(2, last - 11)}:$J$${last}` },
    { name: "Tokens", ref: `${SHEETS.usage}!$B$2:$G$${last}` },
  ];
}
