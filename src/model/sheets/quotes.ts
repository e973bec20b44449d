/**
 * The Scenarios sheet's quote comparison: the quotes as columns (their names in row 39 from B, one
 * row per quote term below), then one lifted formula per figure row (DOMAIN.md "Arrays in, arrays
 * out"), every quote valued over one horizon (the Horizon name: the sheet's column N).
 */
import * as F from "../../catalogue/functions";
import { call, formula } from "../../catalogue/formula";
import { TermKey } from "../../catalogue/terms";
import { columnLetter } from "../../sheet/a1";
import { CellList, ModelCell, MONEY, PERCENT } from "../workbook";

/** The quotes' row on the Scenarios sheet: their names from B, then one row per quote term. */
export const QUOTE_ROW = 39;

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

/** The Scenarios sheet row of a quote term or a quote figure line. */
export function quoteRowOf(line: QuoteTerm | QuoteLine): number {
  const term = QUOTE_TERMS.findIndex((t) => t.key === line);
  if (term >= 0) return QUOTE_ROW + 1 + term;
  return QUOTE_ROW + QUOTE_TERMS.length + 2 + QUOTE_LINES.indexOf(line as QuoteLine);
}

/**
 * Puts the quote comparison on the Scenarios sheet's `list`: the sample quotes, and each figure
 * valued over the `horizon` range, `H` months long, with the draft's period (`d`: a term's Deal cell).
 */
export function putQuotes(list: CellList, H: number, d: (key: TermKey) => string, horizon: string): void {
  const put = (address: string, cell: Omit<ModelCell, "address">) => list.put(address, cell);
  const spillFormat = (row: number, column: number, rows: number, columns: number, format: string) =>
    list.spillFormat(row, column, rows, columns, format);
  const q = QUOTE_ROW;
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
    usage: horizon,
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
      formula: `=${call(F.TOTAL_COST, { ...quoteDeal, ...quoteTail })}-${across("commit")}*ROWS(${horizon})/${d("period_months")}`,
      format: MONEY,
    },
    esr: {
      label: "Effective savings rate: 1 - total cost / list over the horizon",
      formula: `=1-(${horizonCost}+${upliftCost})/SUM(${horizon})`,
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
}
