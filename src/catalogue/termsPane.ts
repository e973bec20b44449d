/**
 * How the pane and the model workbook show each deal term of ./terms.ts, one entry per key: its
 * kind (the pane's input and the Deal sheet's number format follow from it), its sample row on the
 * model's Deal sheet, and where the pane asks for it. Kept apart from TERMS so that the functions
 * bundle Excel loads (src/functions) carries none of it: only the pane and the model import this.
 * Typed data: no arithmetic.
 */
import type { FullDeal } from "../core";
import type { FunctionId } from "./functions";
import { TERM_KEYS, TermKey, TERMS } from "./terms";

/** The pane's steps, in the recommended order (DOMAIN.md). */
export const STEP_IDS = ["usage", "optimize", "size", "overage", "unused", "protection", "term", "fineprint"] as const;
export type StepId = (typeof STEP_IDS)[number];

/** How a term is typed and shown: the pane's input and the Deal sheet's number format follow from it. */
/** `cap` is a share, or the word "none" (no cap), which a blank input also means. */
export type TermKind = "money" | "percent" | "cap" | "months" | "overage" | "flag";

/** How the pane and the model show one term whose deal field is `F`. */
export interface TermPane<F extends keyof FullDeal = keyof FullDeal> {
  readonly kind: TermKind;
  /** The model's Deal sheet row: sample draft and ask, and what the term means. */
  readonly sample: { readonly draft: string | number; readonly ask: string | number; readonly note: string };
  /**
   * The function that prices the clause at the draft (TRUE_FORWARD_COST prices step_up), and how the
   * fine-print step labels the figure and its formula.
   */
  readonly priced?: { readonly by: FunctionId; readonly line: string; readonly label: string };
  /** Where the pane asks for it (a draft and an ask input), if it does. */
  readonly pane?: {
    readonly step: StepId;
    readonly label: string;
    /** What the pane warns of when the draft has the clause (`pct` writes a share as a percent). */
    readonly warn?: (draft: FullDeal[F], pct: (share: number) => string) => string | undefined;
  };
}

/** Every term of TERMS, and only those (the type makes a missing or extra key a compile error). */
export const TERM_PANE: { readonly [K in TermKey]: TermPane<(typeof TERMS)[K]["field"]> } = {
  commit: {
    kind: "money",
    sample: { draft: 3_000_000, ask: 3_000_000, note: "Commit per period, dollars" },
    pane: { step: "size", label: "Commit per period" },
  },
  discount: {
    kind: "percent",
    sample: { draft: 0.15, ask: 0.15, note: "Discount off list on committed usage" },
    pane: { step: "size", label: "Discount" },
  },
  overage_rate: {
    kind: "overage",
    sample: { draft: 1, ask: "committed", note: "Overage price: fraction of list, or committed" },
    pane: { step: "overage", label: "Overage rate (fraction of list, or committed)" },
  },
  carryover: {
    kind: "percent",
    sample: { draft: 0, ask: 0.5, note: "Share of unused commitment that rolls over" },
    pane: { step: "unused", label: "Carryover share" },
  },
  period_months: {
    kind: "months",
    sample: { draft: 12, ask: 12, note: "Months in a commit period" },
    pane: { step: "term", label: "Commit period (months)" },
  },
  uplift: {
    kind: "percent",
    sample: { draft: 0.08, ask: 0, note: "Yearly list-price rise without a lock (0 = locked)" },
    pane: { step: "protection", label: "Yearly list rise without a lock (0 = locked)" },
  },
  step_up: {
    priced: { by: "TRUE_FORWARD_COST", line: "TRUE_FORWARD_COST at the draft step-up", label: "True-forward cost" },
    kind: "percent",
    sample: { draft: 0.1, ask: 0, note: "True-forward: commit rise each period" },
    pane: {
      step: "fineprint",
      label: "True-forward step-up per period",
      warn: (v, pct) => (v > 0 ? `The draft steps the commit up ${pct(v)} each period.` : undefined),
    },
  },
  ratchet: {
    priced: { by: "RATCHET_COST", line: "RATCHET_COST if the minimum ratchets", label: "Ratchet cost" },
    kind: "flag",
    sample: { draft: 0, ask: 0, note: "1 = the commit ratchets up to the last period's draw" },
    pane: {
      step: "fineprint",
      label: "Ratcheting minimum",
      warn: (v) => (v ? "The draft's minimum ratchets up to the last period's draw." : undefined),
    },
  },
  excluded_share: {
    priced: { by: "EXCLUSION_COST", line: "EXCLUSION_COST at the draft share", label: "Exclusion cost" },
    kind: "percent",
    sample: { draft: 0.05, ask: 0, note: "Share of usage that does not count toward the commit" },
    pane: {
      step: "fineprint",
      label: "Usage excluded from the commit",
      warn: (v, pct) => (v > 0 ? `The draft leaves ${pct(v)} of usage out of the commit.` : undefined),
    },
  },
  renewal_cap: {
    kind: "cap",
    sample: { draft: "none", ask: 0.05, note: 'Cap on the renewal rise ("none" = resets to list)' },
    pane: { step: "protection", label: 'Renewal cap ("none" or blank = resets to list)' },
  },
  renewal_months: {
    kind: "months",
    sample: { draft: 12, ask: 12, note: "Months of renewal to value the cap over" },
  },
  carryover_cap: {
    priced: { by: "CARRYOVER_CAP_COST", line: "CARRYOVER_CAP_COST at the draft cap", label: "Carryover cap cost" },
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
  },
  term_months: {
    kind: "months",
    sample: { draft: "", ask: "", note: "Term, months (blank = as long as the usage)" },
  },
};

/** The terms the pane places in a step, in catalogue order. */
export function termsIn(step: StepId): TermKey[] {
  return TERM_KEYS.filter((key) => TERM_PANE[key].pane?.step === step);
}
