/**
 * The Commit Levers model workbook, as data: sheets, cells, formulas, number formats and defined
 * names. One definition serves the downloadable workbook (`npm run template`), the task pane's
 * "Build the model" (entered through the workbook port) and the preview. Formulas are written as a
 * user types them (`=LEVERS.TOTAL_COST(...)`); each writer turns them into what its target needs.
 *
 * Pure data and arithmetic: no Office, Excel or DOM. Its terms and formulas come from the catalogue.
 */
import * as F from "../catalogue/functions";
import { formula, text } from "../catalogue/formula";
import { TermKey, TermKind, TERM_KEYS, TERMS } from "../catalogue/terms";
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
export const MTOK = "#,##0";

/** Sheet names, in workbook order. */
export const SHEETS = {
  usage: "Usage",
  prices: "Prices",
  deal: "Deal",
  bands: "Bands",
  summary: "Summary",
} as const;

/** The three sample models: price-book names and the usage columns' labels. */
export const MODELS = [
  { name: "Opus 4.5", label: "Opus" },
  { name: "Sonnet 4.5", label: "Sonnet" },
  { name: "Haiku 4.5", label: "Haiku" },
] as const;

/** The number format a term's cells take on the Deal sheet, by how it is typed. */
const TERM_FORMATS: Partial<Record<TermKind, string>> = { money: MONEY, percent: PERCENT, cap: PERCENT };

/** The deal terms table: key | draft | ask, one row per catalogue term in its order, with sample values. */
export const DEAL_TERMS: readonly { key: TermKey; draft: CellValue; ask: CellValue; note: string; format?: string }[] =
  TERM_KEYS.map((key) => {
    const { sample, kind } = TERMS[key];
    const format = TERM_FORMATS[kind];
    return { key, ...sample, ...(format ? { format } : {}) };
  });

/** Illustrative discount bands: no vendor publishes these. */
export const SAMPLE_BANDS: readonly [number, number][] = [
  [250_000, 0.05],
  [1_000_000, 0.1],
  [2_500_000, 0.15],
  [5_000_000, 0.2],
];

/** Optimization assumptions (step 1), each a named single cell on the Deal sheet. */
export const OPTIMIZATION = [
  { name: "CacheHit", label: "Prompt-cache hit share of input", value: 0.3 },
  { name: "CacheWrite", label: "Prompt-cache write share of input", value: 0.05 },
  { name: "BatchShare", label: "Share of traffic sent as batch", value: 0.2 },
  { name: "RouteShare", label: "Share of Opus traffic routed to Sonnet", value: 0.25 },
  { name: "Volatility", label: "Uncertainty of the usage level (std. dev. of log)", value: 0.2 },
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

/** The deal cell holding a key's draft (column B) or ask (column C). */
export function dealCell(key: TermKey, column: "draft" | "ask"): string {
  const row = DEAL_TERMS.findIndex((t) => t.key === key) + 2;
  if (row < 2) throw new Error(`no deal term ${key}`);
  return `${SHEETS.deal}!$${column === "draft" ? "B" : "C"}$${row}`;
}

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

/** Where a Summary figure is, as "Summary!B3". */
export function summaryCell(line: SummaryLine | "levers" | "curve"): string {
  if (line === "levers") return `${SHEETS.summary}!A${LEVER_ROW}`;
  if (line === "curve") return `${SHEETS.summary}!A${CURVE_ROW}`;
  return `${SHEETS.summary}!B${SUMMARY_LINES.indexOf(line) + 3}`;
}

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
  const last = months + 1;
  const tokens = options.sample ? sampleTokens(months) : [];
  const d = (key: TermKey) => dealCell(key, "draft");
  const a = (key: TermKey) => dealCell(key, "ask");
  const bookRows = options.priceBook.length;
  const bookCols = Math.max(...options.priceBook.map((r) => r.length));
  const priceRef = `${SHEETS.prices}!$A$1:$${columnLetter(bookCols - 1)}$${bookRows}`;

  // Usage: A month, B-G tokens (in/out per model), H-J list dollars, K-M optimized dollars.
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

  const prices: ModelCell[] = [];
  options.priceBook.forEach((row, r) =>
    row.forEach((value, c) =>
      prices.push({
        address: `${columnLetter(c)}${r + 1}`,
        value,
        style: r === 0 ? "header" : "input",
        ...(r > 0 && c >= 1 && c <= 5 ? { format: MONEY_CENTS } : {}),
      }),
    ),
  );

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
  const optRow = DEAL_TERMS.length + 3;
  deal.push({ address: `A${optRow}`, value: "Assumptions", style: "header" });
  OPTIMIZATION.forEach((o, i) => {
    deal.push({ address: `A${optRow + 1 + i}`, value: o.name });
    deal.push({ address: `B${optRow + 1 + i}`, value: o.value, style: "input", format: PERCENT });
    deal.push({ address: `D${optRow + 1 + i}`, value: o.label, style: "note" });
  });

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

  const deal3 = { commit: d("commit"), usage: "Usage", discount: d("discount") };
  const tail = { overage_rate: d("overage_rate"), carryover: d("carryover"), period_months: d("period_months") };
  const noOverage = { carryover: d("carryover"), period_months: d("period_months") };
  const sizing = { usage: "Optimized", bands: "Bands", ...tail, volatility: "Volatility" };
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

  const names: ModelName[] = [
    { name: "Usage", ref: `${SHEETS.usage}!$H$2:$J$${last}` },
    { name: "Optimized", ref: `${SHEETS.usage}!$K$2:$M$${last}` },
    // The renewal horizon the cap is valued over: the last 12 months of usage.
    { name: "Renewal", ref: `${SHEETS.usage}!$H$${Math.max(2, last - 11)}:$J$${last}` },
    { name: "Tokens", ref: `${SHEETS.usage}!$B$2:$G$${last}` },
    { name: "PriceBook", ref: priceRef },
    { name: "Deal", ref: `${SHEETS.deal}!$A$1:$C$${DEAL_TERMS.length + 1}` },
    { name: "Bands", ref: `${SHEETS.bands}!$A$1:$B$${SAMPLE_BANDS.length + 1}` },
    ...OPTIMIZATION.map((o, i) => ({ name: o.name, ref: `${SHEETS.deal}!$B$${optRow + 1 + i}` })),
  ];

  return {
    sheets: [
      { name: SHEETS.usage, cells: usage, widths: [8, ...new Array<number>(12).fill(16)] },
      { name: SHEETS.prices, cells: prices, widths: [22, 10, 10, 14, 14, 12, 14, 12, 40] },
      { name: SHEETS.deal, cells: deal, widths: [18, 14, 14, 52] },
      { name: SHEETS.bands, cells: bands, widths: [14, 12, 4, 70] },
      { name: SHEETS.summary, cells: summary, widths: [40, 18, 12, 18, 16, 12] },
    ],
    names,
  };
}
