/**
 * The Commit Levers model workbook, as data: sheets, cells, formulas, number formats and defined
 * names. One definition serves the downloadable workbook (`npm run template`), the task pane's
 * "Build the model" (entered through the workbook port) and the preview. Formulas are written as a
 * user types them (`=LEVERS.TOTAL_COST(...)`); each writer turns them into what its target needs.
 *
 * Pure data and arithmetic: no Office, Excel or DOM. Its terms and formulas come from the catalogue.
 */
import * as F from "../catalogue/functions";
import { call, formula, text } from "../catalogue/formula";
import { TermKey, TERM_KEYS } from "../catalogue/terms";
import { TermKind, TERM_PANE } from "../catalogue/termsPane";
import { columnLetter } from "../sheet/a1";
import { maxOf } from "../core/arrays";

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
/** Excel's text number format: what is written stays as written. */
export const TEXT = "@";
export const MTOK = "#,##0";

/** Sheet names, in workbook order. */
export const SHEETS = {
  usage: "Usage",
  prices: "Prices",
  deal: "Deal",
  bands: "Bands",
  summary: "Summary",
  scenarios: "Scenarios",
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
    const { sample, kind } = TERM_PANE[key];
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
  quoteRow: 39,
  /** The horizon every quote (and the pane's term options) is valued over: at least this many months. */
  horizonMonths: 36,
  /** The horizon column: month in M, list dollars in N, from this row. */
  horizonRow: 5,
} as const;

/** The quote terms, one row each under the quote names, in order. */
export const QUOTE_TERMS = [
  { key: "commit", label: "Commit per period", format: MONEY },
  { key: "discount", label: "Discount", format: PERCENT },
  { key: "overage_rate", label: 'Overage rate (fraction of list, or "committed")' },
  { key: "carryover", label: "Carryover of unused commitment", format: PERCENT },
  { key: "uplift", label: "Yearly list rise without a lock", format: PERCENT },
  { key: "term_months", label: "Term (months)" },
  { key: "renewal_rate", label: "Renewal rate after the term (fraction of list)", format: PERCENT },
] as const;
export type QuoteTerm = (typeof QUOTE_TERMS)[number]["key"];

/** Six sample quotes: a rate traded against term length and structure. Illustrative, not vendor figures. */
export const SAMPLE_QUOTES: readonly ({ name: string } & Record<QuoteTerm, number | string>)[] = [
  {
    name: "12 months",
    commit: 3_000_000,
    discount: 0.12,
    overage_rate: 1,
    carryover: 0,
    uplift: 0.08,
    term_months: 12,
    renewal_rate: 1,
  },
  {
    name: "24 months",
    commit: 3_000_000,
    discount: 0.15,
    overage_rate: 1,
    carryover: 0,
    uplift: 0.08,
    term_months: 24,
    renewal_rate: 1,
  },
  {
    name: "24 months, asks won",
    commit: 3_000_000,
    discount: 0.15,
    overage_rate: "committed",
    carryover: 0.5,
    uplift: 0,
    term_months: 24,
    renewal_rate: 0.9,
  },
  {
    name: "36 months",
    commit: 3_000_000,
    discount: 0.18,
    overage_rate: 1,
    carryover: 0,
    uplift: 0.08,
    term_months: 36,
    renewal_rate: 1,
  },
  {
    name: "36 months, lower commit",
    commit: 2_500_000,
    discount: 0.17,
    overage_rate: "committed",
    carryover: 0.25,
    uplift: 0,
    term_months: 36,
    renewal_rate: 0.9,
  },
  {
    name: "24 months, larger commit",
    commit: 3_500_000,
    discount: 0.18,
    overage_rate: 1,
    carryover: 0.5,
    uplift: 0.04,
    term_months: 24,
    renewal_rate: 0.95,
  },
];

/** The quote comparison's figure rows, in order, below the quote terms (one blank row between). */
export const QUOTE_LINES = [
  "horizon_cost",
  "uplift_cost",
  "total",
  "forfeited",
  "overage_billed",
  "esr",
  "named_total",
  "cheapest",
] as const;
export type QuoteLine = (typeof QUOTE_LINES)[number];

/** The horizon's length for a model of `months` of usage. */
export function horizonMonths(months: number): number {
  return Math.max(SCENARIOS.horizonMonths, months);
}

/** The Scenarios sheet row of a quote term or a quote figure line. */
export function quoteRowOf(line: QuoteTerm | QuoteLine): number {
  const term = QUOTE_TERMS.findIndex((t) => t.key === line);
  if (term >= 0) return SCENARIOS.quoteRow + 1 + term;
  return SCENARIOS.quoteRow + QUOTE_TERMS.length + 2 + QUOTE_LINES.indexOf(line as QuoteLine);
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

function scenariosSheet(
  months: number,
  d: (key: TermKey) => string,
  ranges: { usage: string; horizon: string; bands: string; usageColumns: readonly [string, string] },
): ModelCell[] {
  const S = SCENARIOS;
  const cells: ModelCell[] = [];
  const put = (address: string, cell: Omit<ModelCell, "address">) => cells.push({ address, ...cell });
  // The cells a spill fills take their format from the sheet, as in Excel: give them the anchor's.
  const spillFormat = (row: number, column: number, rows: number, columns: number, format: string) => {
    for (let r = 0; r < rows; r++)
      for (let c = 0; c < columns; c++)
        if (r > 0 || c > 0) put(`${columnLetter(column + c)}${row + r}`, { format, style: "output" });
  };
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

  // The quote comparison: quotes as columns, one lifted formula per figure row.
  const q = S.quoteRow;
  const qLast = columnLetter(SAMPLE_QUOTES.length);
  const row = (key: QuoteTerm | QuoteLine) => quoteRowOf(key);
  const across = (key: QuoteTerm | QuoteLine) => `$B$${row(key)}:$${qLast}$${row(key)}`;
  put(`A${q - 1}`, {
    value: `Quotes compared over one horizon of ${H} months (column N: the usage, then a linear projection)`,
    style: "title",
  });
  put(`A${q}`, { value: "Quote", style: "header" });
  SAMPLE_QUOTES.forEach((quote, j) => put(`${columnLetter(1 + j)}${q}`, { value: quote.name, style: "input" }));
  QUOTE_TERMS.forEach((t) => {
    put(`A${row(t.key)}`, { value: t.label });
    SAMPLE_QUOTES.forEach((quote, j) =>
      put(`${columnLetter(1 + j)}${row(t.key)}`, {
        value: quote[t.key],
        style: "input",
        ...("format" in t ? { format: t.format } : {}),
      }),
    );
  });
  const quoteDeal = {
    commit: across("commit"),
    usage: ranges.horizon,
    discount: across("discount"),
  };
  const quoteTail = {
    overage_rate: across("overage_rate"),
    carryover: across("carryover"),
    period_months: d("period_months"),
  };
  // The total is written out of its two calls, not as `=B48:G48+B49:G49`: a range that is exactly an
  // errored spill throws in HyperFormula 3.5 ("Unknown array"), and the total needs no second look-up.
  const horizonCost = call(F.HORIZON_COST, {
    ...quoteDeal,
    term_months: across("term_months"),
    renewal_rate: across("renewal_rate"),
    ...quoteTail,
  });
  const upliftCost = call(F.PRICE_LOCK_VALUE, { ...quoteDeal, uplift: across("uplift"), ...quoteTail });
  const lines: Record<QuoteLine, { label: string; formula: string; format: string; each?: boolean }> = {
    horizon_cost: {
      label: "Cost over the horizon: the quote's term on the ledger, then its renewal rate x list",
      formula: `=${horizonCost}`,
      format: MONEY,
    },
    uplift_cost: {
      label: "List rises without a lock (the quote's terms held for the horizon)",
      formula: `=${upliftCost}`,
      format: MONEY,
    },
    total: {
      label: "Total cost over the horizon",
      formula: `=${horizonCost}+${upliftCost}`,
      format: MONEY,
    },
    forfeited: {
      label: "Commitment forfeited (the quote's terms held for the horizon)",
      formula: formula(F.COMMIT_WASTE, {
        ...quoteDeal,
        carryover: across("carryover"),
        period_months: d("period_months"),
      }),
      format: MONEY,
    },
    overage_billed: {
      label: "Overage billed (the quote's terms held for the horizon): total cost less the commitment",
      formula: `=${call(F.TOTAL_COST, { ...quoteDeal, ...quoteTail })}-${across("commit")}*ROWS(${ranges.horizon})/${d("period_months")}`,
      format: MONEY,
    },
    esr: {
      label: "Effective savings rate: 1 - total cost / list over the horizon",
      formula: `=1-(${horizonCost}+${upliftCost})/SUM(${ranges.horizon})`,
      format: PERCENT,
    },
    named_total: { label: "Total of a named quote", formula: "", format: MONEY, each: true },
    cheapest: { label: "Cheapest", formula: "", format: "", each: true },
  };
  put(`A${row("horizon_cost") - 1}`, { value: "Over the horizon", style: "header" });
  for (const key of QUOTE_LINES) {
    const line = lines[key];
    put(`A${row(key)}`, { value: line.label });
    if (!line.each) {
      put(`B${row(key)}`, {
        formula: line.formula,
        format: line.format,
        style: "output",
      });
      spillFormat(row(key), 1, 1, SAMPLE_QUOTES.length, line.format);
      continue;
    }
    SAMPLE_QUOTES.forEach((_, j) => {
      const c = columnLetter(1 + j);
      const named = `${c}${row("named_total")}`;
      put(
        `${c}${row(key)}`,
        key === "named_total"
          ? { formula: `=IF(${c}$${q}="","",${c}${row("total")})`, format: MONEY }
          : {
              formula: `=IF(${named}="","",IF(${named}=MIN(${across("named_total")}),"cheapest",""))`,
              style: "output",
            },
      );
    });
  }

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
  return cells;
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
  const bookCols = maxOf(options.priceBook.map((r) => r.length));
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
        // Text stays text: a value like "2026-10-24" written to a cell turns into a date (office-js #229).
        ...(r > 0 && typeof value === "string" ? { format: TEXT } : {}),
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
    // The horizon the quotes and the pane's term options are valued over (the Scenarios sheet's column N).
    {
      name: "Horizon",
      ref: `${SHEETS.scenarios}!$N$${SCENARIOS.horizonRow}:$N$${SCENARIOS.horizonRow + horizonMonths(months) - 1}`,
    },
  ];
  const scenarios = scenariosSheet(months, d, {
    usage: "Usage",
    horizon: "Horizon",
    bands: "Bands",
    usageColumns: ["H", "J"],
  });

  return {
    sheets: [
      { name: SHEETS.usage, cells: usage, widths: [8, ...new Array<number>(12).fill(16)] },
      { name: SHEETS.prices, cells: prices, widths: [22, 10, 10, 14, 14, 12, 14, 12, 40] },
      { name: SHEETS.deal, cells: deal, widths: [18, 14, 14, 52] },
      { name: SHEETS.bands, cells: bands, widths: [14, 12, 4, 70] },
      { name: SHEETS.summary, cells: summary, widths: [40, 18, 12, 18, 16, 12] },
      { name: SHEETS.scenarios, cells: scenarios, widths: [58, 16, 16, 16, 16, 16, 16, 16, 16, 32, 4, 4, 10, 16] },
    ],
    names,
  };
}
