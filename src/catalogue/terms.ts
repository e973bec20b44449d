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

/**
 * A term: the field it sets, its label, its cell reader, its neutral value and what granting it costs
 * the vendor; a lever (valued by LEVER_VALUES) unless `more` says otherwise.
 */
const term = <F extends keyof FullDeal>(
  field: F,
  label: string,
  read: TermEntry<F>["read"],
  neutral: FullDeal[F],
  vendorCost: TermEntry<F>["vendorCost"],
  more?: Partial<Pick<TermEntry<F>, "filled" | "lever" | "renewal">>,
): TermEntry<F> => ({ field, label, read, neutral, lever: true, vendorCost, ...more });
const high = () => "high" as const;
const low = () => "low" as const;

/** The terms, in the order of the Deal sheet's rows and the pane's walk. */
export const TERMS = {
  commit: term("commit", "Commit", parseMoney, 0, high),
  discount: term("discount", "Discount", parseDiscount, 0, high),
  overage_rate: term("overageRate", "Overage rate", parseOverageRate, 1, low, {
    filled: 'enter 1 for list price, another multiple of list, or "committed"',
  }),
  // Partial carryover costs the vendor little; all of it is a real concession (DOMAIN.md).
  carryover: term("carryover", "Carryover", parseShare, 0, (ask) => (ask < 1 ? "low" : "high")),
  period_months: term("periodMonths", "Commit period", parseMonths, 12, high, {
    filled: "enter the months in a period, e.g. 12",
  }),
  uplift: term("uplift", "Price lock (yearly uplift)", parseChange, 0, high),
  step_up: term("stepUp", "True-forward step-up", parseChange, 0, high),
  ratchet: term("ratchet", "Ratchet", parseFlag, false, high),
  excluded_share: term("excludedShare", "Exclusions", parseShare, 0, high),
  renewal_cap: term("renewalCap", "Renewal cap", parseCap, undefined, low, { renewal: true }),
  renewal_months: term("renewalMonths", "Renewal horizon", parseMonths, 12, high, {
    filled: "enter the renewal months to value, e.g. 12",
    lever: false,
  }),
  // A higher cap costs the vendor little, as partial carryover does; no cap at all is a real concession.
  carryover_cap: term("carryoverCap", "Carryover cap", parseCap, undefined, (ask) =>
    ask === undefined ? "high" : "low",
  ),
  // A shorter or longer term is a trade of its own (the vendor prices it): not a cheap ask.
  term_months: term("termMonths", "Term length", parseTermMonths, undefined, high),
} satisfies Record<string, AnyTermSpec>;

export type TermKey = keyof typeof TERMS;
export const TERM_KEYS = Object.keys(TERMS) as TermKey[];

/** The deal every term leaves at its neutral value. */
const NEUTRAL_DEAL: FullDeal = neutralDeal(TERMS);

/** An argument, else its term's neutral value (a function: the bundle spells the test once, not 13 times). */
const or = <T>(value: unknown, neutral: T): T => (value !== undefined ? (value as T) : neutral);

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
    commit: or(a.commit, n.commit),
    discount: or(a.discount, n.discount),
    overageRate: or(a.overage_rate, n.overageRate),
    carryover: or(a.carryover, n.carryover),
    periodMonths: or(a.period_months, n.periodMonths),
    uplift: or(a.uplift, n.uplift),
    stepUp: or(a.step_up, n.stepUp),
    ratchet: or(a.ratchet, n.ratchet),
    excludedShare: or(a.excluded_share, n.excludedShare),
    renewalCap: or(a.renewal_cap, n.renewalCap),
    renewalMonths: or(a.renewal_months, n.renewalMonths),
    carryoverCap: or(a.carryover_cap, n.carryoverCap),
    termMonths: or(a.term_months, n.termMonths),
  };
}

/** A deal's terms as function arguments, by key (`overageRate` as `overage_rate`): the inverse of `dealOf`. */
export function termArgs(deal: FullDeal): Record<TermKey, TermValue> {
  return Object.fromEntries(TERM_KEYS.map((key) => [key, deal[TERMS[key].field]])) as Record<TermKey, TermValue>;
}
