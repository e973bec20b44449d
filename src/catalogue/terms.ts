/**
 * Every deal term, declared once: its key in a terms table, the `TermsDeal` field it sets, how a
 * cell of it is read, its neutral value, its label, what granting it costs the vendor, its sample
 * row on the model's Deal sheet, and where the pane asks for it. The terms table parser, the deal a
 * function runs, LEVER_VALUES's ranking and vendor-cost column, the Deal sheet and the pane's inputs
 * all read this table. Typed data: no arithmetic.
 */
import { TermsDeal, TermValue } from "../core";
import {
  parseCap,
  parseChange,
  parseDiscount,
  parseFlag,
  parseMoney,
  parseMonths,
  parseOverageRate,
  parseShare,
} from "../sheet/cells";
import { AnyTermSpec, neutralDeal, TermSpec } from "../sheet/terms";

/** The pane's steps, in the recommended order (DOMAIN.md). */
export const STEP_IDS = ["usage", "optimize", "size", "overage", "unused", "protection", "term", "fineprint"] as const;
export type StepId = (typeof STEP_IDS)[number];

/** How a term is typed and shown: the pane's input and the Deal sheet's number format follow from it. */
/** `cap` is a share, or the word "none" (no cap), which a blank input also means. */
export type TermKind = "money" | "percent" | "cap" | "months" | "overage" | "flag";

export type TermEntry<F extends keyof TermsDeal = keyof TermsDeal> = TermSpec<F> & {
  readonly kind: TermKind;
  /** The model's Deal sheet row: sample draft and ask, and what the term means. */
  readonly sample: { readonly draft: string | number; readonly ask: string | number; readonly note: string };
  /** Where the pane asks for it (a draft and an ask input), if it does. */
  readonly pane?: {
    readonly step: StepId;
    readonly label: string;
    /** What the pane warns of when the draft has the clause (`pct` writes a share as a percent). */
    readonly warn?: (draft: TermsDeal[F], pct: (share: number) => string) => string | undefined;
  };
};

const term = <F extends keyof TermsDeal>(entry: TermEntry<F>): TermEntry<F> => entry;
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
    kind: "money",
    sample: { draft: 3_000_000, ask: 3_000_000, note: "Commit per period, dollars" },
    pane: { step: "size", label: "Commit per period" },
  }),
  discount: term({
    field: "discount",
    label: "Discount",
    read: parseDiscount,
    neutral: 0,
    lever: true,
    vendorCost: high,
    kind: "percent",
    sample: { draft: 0.15, ask: 0.15, note: "Discount off list on committed usage" },
    pane: { step: "size", label: "Discount" },
  }),
  overage_rate: term({
    field: "overageRate",
    label: "Overage rate",
    read: parseOverageRate,
    neutral: 1,
    filled: 'enter 1 for list price, another multiple of list, or "committed"',
    lever: true,
    vendorCost: low,
    kind: "overage",
    sample: { draft: 1, ask: "committed", note: "Overage price: fraction of list, or committed" },
    pane: { step: "overage", label: "Overage rate (fraction of list, or committed)" },
  }),
  carryover: term({
    field: "carryover",
    label: "Carryover",
    read: parseShare,
    neutral: 0,
    lever: true,
    // Partial carryover costs the vendor little; all of it is a real concession (DOMAIN.md).
    vendorCost: (ask) => (ask < 1 ? "low" : "high"),
    kind: "percent",
    sample: { draft: 0, ask: 0.5, note: "Share of unused commitment that rolls over" },
    pane: { step: "unused", label: "Carryover share" },
  }),
  period_months: term({
    field: "periodMonths",
    label: "Commit period",
    read: parseMonths,
    neutral: 12,
    filled: "enter the months in a period, e.g. 12",
    lever: true,
    vendorCost: high,
    kind: "months",
    sample: { draft: 12, ask: 12, note: "Months in a commit period" },
    pane: { step: "term", label: "Commit period (months)" },
  }),
  uplift: term({
    field: "uplift",
    label: "Price lock (yearly uplift)",
    read: parseChange,
    neutral: 0,
    lever: true,
    vendorCost: high,
    kind: "percent",
    sample: { draft: 0.08, ask: 0, note: "Yearly list-price rise without a lock (0 = locked)" },
    pane: { step: "protection", label: "Yearly list rise without a lock (0 = locked)" },
  }),
  step_up: term({
    field: "stepUp",
    label: "True-forward step-up",
    read: parseChange,
    neutral: 0,
    lever: true,
    vendorCost: high,
    kind: "percent",
    sample: { draft: 0.1, ask: 0, note: "True-forward: commit rise each period" },
    pane: {
      step: "fineprint",
      label: "True-forward step-up per period",
      warn: (v, pct) => (v > 0 ? `The draft steps the commit up ${pct(v)} each period.` : undefined),
    },
  }),
  ratchet: term({
    field: "ratchet",
    label: "Ratchet",
    read: parseFlag,
    neutral: false,
    lever: true,
    vendorCost: high,
    kind: "flag",
    sample: { draft: 0, ask: 0, note: "1 = the commit ratchets up to the last period's draw" },
    pane: {
      step: "fineprint",
      label: "Ratcheting minimum",
      warn: (v) => (v ? "The draft's minimum ratchets up to the last period's draw." : undefined),
    },
  }),
  excluded_share: term({
    field: "excludedShare",
    label: "Exclusions",
    read: parseShare,
    neutral: 0,
    lever: true,
    vendorCost: high,
    kind: "percent",
    sample: { draft: 0.05, ask: 0, note: "Share of usage that does not count toward the commit" },
    pane: {
      step: "fineprint",
      label: "Usage excluded from the commit",
      warn: (v, pct) => (v > 0 ? `The draft leaves ${pct(v)} of usage out of the commit.` : undefined),
    },
  }),
  renewal_cap: term({
    field: "renewalCap",
    label: "Renewal cap",
    read: parseCap,
    neutral: undefined,
    lever: true,
    renewal: true,
    vendorCost: low,
    kind: "cap",
    sample: { draft: "none", ask: 0.05, note: 'Cap on the renewal rise ("none" = resets to list)' },
    pane: { step: "protection", label: 'Renewal cap ("none" or blank = resets to list)' },
  }),
  renewal_months: term({
    field: "renewalMonths",
    label: "Renewal horizon",
    read: parseMonths,
    neutral: 12,
    filled: "enter the renewal months to value, e.g. 12",
    lever: false,
    vendorCost: high,
    kind: "months",
    sample: { draft: 12, ask: 12, note: "Months of renewal to value the cap over" },
  }),
  carryover_cap: term({
    field: "carryoverCap",
    label: "Carryover cap",
    read: parseCap,
    neutral: undefined,
    lever: true,
    // A higher cap costs the vendor little, as partial carryover does; no cap at all is a real concession.
    vendorCost: (ask) => (ask === undefined ? "high" : "low"),
    kind: "cap",
    sample: {
      draft: 0.25,
      ask: "none",
      note: 'Most that carries out of a period, share of its commit ("none" = no cap)',
    },
    pane: {
      step: "fineprint",
      label: 'Carryover cap, share of the period\'s commit ("none" or blank = no cap)',
      warn: (v, pct) =>
        v === undefined ? undefined : `The draft caps what carries out of a period at ${pct(v)} of its commit.`,
    },
  }),
} satisfies Record<string, AnyTermSpec>;

export type TermKey = keyof typeof TERMS;
export const TERM_KEYS = Object.keys(TERMS) as TermKey[];

/** The deal every term leaves at its neutral value. */
const NEUTRAL_DEAL: TermsDeal = neutralDeal(TERMS);

/**
 * The deal a function runs, from its parsed arguments: an argument named after a term sets that
 * term (`overage_rate` sets `overageRate`); every other term is neutral. The one deal builder.
 */
export function dealOf(args: Readonly<Partial<Record<string, unknown>>>): TermsDeal {
  // One object literal, not a spread of the neutral deal written key by key: a lifted call builds a
  // deal per cell, and this shape is about 2.5x faster (docs/BENCHMARKS.md). TermsDeal makes a
  // missing field a compile error; test/catalogue checks every key sets its own field.
  const a = args as Partial<Record<TermKey, unknown>>;
  const n = NEUTRAL_DEAL;
  return {
    commit: a.commit !== undefined ? (a.commit as number) : n.commit,
    discount: a.discount !== undefined ? (a.discount as number) : n.discount,
    overageRate: a.overage_rate !== undefined ? (a.overage_rate as TermsDeal["overageRate"]) : n.overageRate,
    carryover: a.carryover !== undefined ? (a.carryover as number) : n.carryover,
    periodMonths: a.period_months !== undefined ? (a.period_months as number) : n.periodMonths,
    uplift: a.uplift !== undefined ? (a.uplift as number) : n.uplift,
    stepUp: a.step_up !== undefined ? (a.step_up as number) : n.stepUp,
    ratchet: a.ratchet !== undefined ? (a.ratchet as boolean) : n.ratchet,
    excludedShare: a.excluded_share !== undefined ? (a.excluded_share as number) : n.excludedShare,
    renewalCap: a.renewal_cap !== undefined ? (a.renewal_cap as number) : n.renewalCap,
    renewalMonths: a.renewal_months !== undefined ? (a.renewal_months as number) : n.renewalMonths,
    carryoverCap: a.carryover_cap !== undefined ? (a.carryover_cap as number) : n.carryoverCap,
  };
}

/** A deal's terms as function arguments, by key (`overageRate` as `overage_rate`): the inverse of `dealOf`. */
export function termArgs(deal: TermsDeal): Record<TermKey, TermValue> {
  return Object.fromEntries(TERM_KEYS.map((key) => [key, deal[TERMS[key].field]])) as Record<TermKey, TermValue>;
}

/** The terms the pane places in a step, in catalogue order. */
export function termsIn(step: StepId): TermKey[] {
  return TERM_KEYS.filter((key) => TERMS[key].pane?.step === step);
}
