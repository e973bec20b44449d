/**
 * Every deal term, declared once: its key in a terms table, the `FullDeal` field it sets, how a
 * cell of it is read, its neutral value, its label and what granting it costs the vendor. The terms
 * table parser, the deal a function runs and LEVER_VALUES's ranking and vendor-cost column read this
 * table. How the pane and the model workbook show each term (its kind, its sample Deal row, where
 * the pane asks for it) is declared once too, beside it in ./termsPane.ts, so that Excel's functions
 * bundle carries none of the pane's words. Typed data: no arithmetic.
 */
import { FullDeal, TermValue } from "../core";
import {
  parseCap,
  parseChange,
  parseDiscount,
  parseFlag,
  parseMoney,
  parseMonths,
  parseOverageRate,
  parseShare,
  parseTermMonths,
} from "../sheet/cells";
import { AnyTermSpec, neutralDeal, TermSpec } from "../sheet/terms";

export type TermEntry<F extends keyof FullDeal = keyof FullDeal> = TermSpec<F>;

const term = <F extends keyof FullDeal>(entry: TermEntry<F>): TermEntry<F> => entry;
const high = () => "high" as const;
const low = () => "low" as const;

/** The terms, in the order of the Deal sheet's rows and the pane's walk. */
export const TERMS = {
  commit: term({
    field: "commit",
    label: "Commit",
    read: parseMoney,
    neutral: 0,
    lever: true,
    vendorCost: high,
  }),
  discount: term({
    field: "discount",
    label: "Discount",
    read: parseDiscount,
    neutral: 0,
    lever: true,
    vendorCost: high,
  }),
  overage_rate: term({
    field: "overageRate",
    label: "Overage rate",
    read: parseOverageRate,
    neutral: 1,
    filled: 'enter 1 for list price, another multiple of list, or "committed"',
    lever: true,
    vendorCost: low,
  }),
  carryover: term({
    field: "carryover",
    label: "Carryover",
    read: parseShare,
    neutral: 0,
    lever: true,
    // Partial carryover costs the vendor little; all of it is a real concession (DOMAIN.md).
    vendorCost: (ask) => (ask < 1 ? "low" : "high"),
  }),
  period_months: term({
    field: "periodMonths",
    label: "Commit period",
    read: parseMonths,
    neutral: 12,
    filled: "enter the months in a period, e.g. 12",
    lever: true,
    vendorCost: high,
  }),
  uplift: term({
    field: "uplift",
    label: "Price lock (yearly uplift)",
    read: parseChange,
    neutral: 0,
    lever: true,
    vendorCost: high,
  }),
  step_up: term({
    field: "stepUp",
    label: "True-forward step-up",
    read: parseChange,
    neutral: 0,
    lever: true,
    vendorCost: high,
  }),
  ratchet: term({
    field: "ratchet",
    label: "Ratchet",
    read: parseFlag,
    neutral: false,
    lever: true,
    vendorCost: high,
  }),
  excluded_share: term({
    field: "excludedShare",
    label: "Exclusions",
    read: parseShare,
    neutral: 0,
    lever: true,
    vendorCost: high,
  }),
  renewal_cap: term({
    field: "renewalCap",
    label: "Renewal cap",
    read: parseCap,
    neutral: undefined,
    lever: true,
    renewal: true,
    vendorCost: low,
  }),
  renewal_months: term({
    field: "renewalMonths",
    label: "Renewal horizon",
    read: parseMonths,
    neutral: 12,
    filled: "enter the renewal months to value, e.g. 12",
    lever: false,
    vendorCost: high,
  }),
  carryover_cap: term({
    field: "carryoverCap",
    label: "Carryover cap",
    read: parseCap,
    neutral: undefined,
    lever: true,
    // A higher cap costs the vendor little, as partial carryover does; no cap at all is a real concession.
    vendorCost: (ask) => (ask === undefined ? "high" : "low"),
  }),
  term_months: term({
    field: "termMonths",
    label: "Term length",
    read: parseTermMonths,
    neutral: undefined,
    lever: true,
    // A shorter or longer term is a trade of its own (the vendor prices it): not a cheap ask.
    vendorCost: high,
  }),
} satisfies Record<string, AnyTermSpec>;

export type TermKey = keyof typeof TERMS;
export const TERM_KEYS = Object.keys(TERMS) as TermKey[];

/** The deal every term leaves at its neutral value. */
const NEUTRAL_DEAL: FullDeal = neutralDeal(TERMS);

/**
 * The deal a function runs, from its parsed arguments: an argument named after a term sets that
 * term (`overage_rate` sets `overageRate`); every other term is neutral. The one deal builder.
 */
export function dealOf(args: Readonly<Partial<Record<string, unknown>>>): FullDeal {
  // One object literal, not a spread of the neutral deal written key by key: a lifted call builds a
  // deal per cell, and this shape is about 2.5x faster (docs/BENCHMARKS.md). FullDeal makes a
  // missing field a compile error; test/catalogue checks every key sets its own field.
  const a = args as Partial<Record<TermKey, unknown>>;
  const n = NEUTRAL_DEAL;
  return {
    commit: a.commit !== undefined ? (a.commit as number) : n.commit,
    discount: a.discount !== undefined ? (a.discount as number) : n.discount,
    overageRate: a.overage_rate !== undefined ? (a.overage_rate as FullDeal["overageRate"]) : n.overageRate,
    carryover: a.carryover !== undefined ? (a.carryover as number) : n.carryover,
    periodMonths: a.period_months !== undefined ? (a.period_months as number) : n.periodMonths,
    uplift: a.uplift !== undefined ? (a.uplift as number) : n.uplift,
    stepUp: a.step_up !== undefined ? (a.step_up as number) : n.stepUp,
    ratchet: a.ratchet !== undefined ? (a.ratchet as boolean) : n.ratchet,
    excludedShare: a.excluded_share !== undefined ? (a.excluded_share as number) : n.excludedShare,
    renewalCap: a.renewal_cap !== undefined ? (a.renewal_cap as number) : n.renewalCap,
    renewalMonths: a.renewal_months !== undefined ? (a.renewal_months as number) : n.renewalMonths,
    carryoverCap: a.carryover_cap !== undefined ? (a.carryover_cap as number) : n.carryoverCap,
    termMonths: a.term_months !== undefined ? (a.term_months as number) : n.termMonths,
  };
}

/** A deal's terms as function arguments, by key (`overageRate` as `overage_rate`): the inverse of `dealOf`. */
export function termArgs(deal: FullDeal): Record<TermKey, TermValue> {
  return Object.fromEntries(TERM_KEYS.map((key) => [key, deal[TERMS[key].field]])) as Record<TermKey, TermValue>;
}
