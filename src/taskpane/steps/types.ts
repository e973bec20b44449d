/**
 * What a step of the pane is: its definition (title, why, inputs) and its figures, computed by the
 * core from the model as read, from one context the steps share. Pure: no DOM, no port.
 */
import type { TermKey } from "../../catalogue/terms";
import { TERM_KEYS } from "../../catalogue/terms";
import type { StepId, TermKind } from "../../catalogue/termsPane";
import { TERM_PANE } from "../../catalogue/termsPane";
import type * as core from "../../core";
import type { LeverRow } from "../../sheet";
import type { AssumptionName, ModelData } from "../model";

export type InputKind = TermKind;

/** Where an input lives: a Deal cell (draft or ask), a named assumption cell, or a pane setting. */
export type InputTarget =
  | { readonly deal: TermKey; readonly column: "draft" | "ask" }
  | { readonly name: AssumptionName }
  | { readonly setting: "termOption" };

export interface InputSpec {
  readonly id: string;
  readonly label: string;
  readonly kind: InputKind;
  readonly target: InputTarget;
}

export interface StepDef {
  readonly id: StepId;
  readonly title: string;
  /** Two or three plain sentences: why this term matters. */
  readonly why: string;
  readonly inputs: readonly InputSpec[];
}

/** A step's deal-term inputs, a draft and an ask for each term the catalogue places in it, in catalogue order. */
export const termInputs = (step: StepId): InputSpec[] =>
  TERM_KEYS.flatMap((key) => {
    const { pane, kind } = TERM_PANE[key];
    if (pane?.step !== step) return [];
    return (["draft", "ask"] as const).map((column) => ({
      id: `${key}.${column}`,
      label: `${pane.label}, ${column}`,
      kind,
      target: { deal: key, column },
    }));
  });

export interface FormulaSpec {
  /** Which figure it is, for code that needs one in particular (the brief's curve). */
  readonly id?: string;
  readonly label: string;
  readonly formula: string;
  /** What the formula evaluates to, by the core, when it is one number. */
  readonly value?: number;
  /** What it spills, by the core, when it is one row of numbers (a lifted call). */
  readonly values?: readonly number[];
}

export interface CurveData {
  readonly rows: core.Expected[];
  readonly recommended: core.Expected;
  readonly bands: readonly core.Band[];
  readonly draftCommit: number;
  readonly periodMonths: number;
}

export interface StepFigures {
  readonly headline: { readonly label: string; readonly value: number };
  readonly lines: readonly { readonly label: string; readonly text: string }[];
  readonly warnings: readonly string[];
  readonly notes: readonly string[];
  readonly formulas: readonly FormulaSpec[];
  readonly curve?: CurveData;
  /** The usage fan (the Size step): P10, P50 and P90 of each month's usage across the futures. */
  readonly fan?: FanData;
}

/** Monthly usage across the futures against the commit per month, both at list (DOMAIN.md "Usage under uncertainty"). */
export interface FanData {
  readonly months: readonly { readonly p10: number; readonly p50: number; readonly p90: number }[];
  /** The draft's commit per month, at list: what usage must reach to draw it all. */
  readonly commitPerMonth: number;
}

export interface SummaryFigures {
  readonly rows: readonly LeverRow<TermKey>[];
  readonly all: LeverRow<TermKey>;
  /** One point of headline discount, valued like an ask (DOMAIN.md "The yardstick"); none at 99%+ off. */
  readonly yardstick?: LeverRow<TermKey>;
  readonly draftCost: number;
  /** Valued across the futures (the model's volatilities): each row's value is then its expected value. */
  readonly uncertainty?: core.Uncertainty;
  /** Under uncertainty: each ask's value on the projection alone, to say which gain most from uncertainty. */
  readonly certain?: Readonly<Partial<Record<TermKey, number>>>;
}

export interface Figures {
  readonly steps: Readonly<Record<StepId, StepFigures>>;
  readonly summary: SummaryFigures;
}

export interface FigureOptions {
  /** The term the user adds to the term step's 12, 24 and 36 months. */
  readonly termOption: number;
  /** Value the asks across the futures usage may take (the model's Volatility and GrowthVolatility). */
  readonly uncertain?: boolean;
}

/** What every step's figures are computed from: the model as read, and what the steps share of it. */
export interface StepContext {
  readonly data: ModelData;
  readonly options: FigureOptions;
  readonly d: core.FullDeal;
  readonly a: core.FullDeal;
  /** The base terms: the draft's ledger terms without its fine print (lock, step-up, ratchet, exclusions). */
  readonly base: core.Deal;
  /** The value of a lever's ask alone (0 when draft and ask are the same). */
  readonly lever: (key: TermKey) => number;
  readonly hasAsk: (key: TermKey) => boolean;
  /** Formula text for a term: its Deal cell where the key is in the table, else its neutral literal. */
  readonly ref: (key: TermKey, column?: "draft" | "ask") => string;
  readonly dealArgs: { readonly commit: string; readonly usage: string; readonly discount: string };
  readonly tail: { readonly overage_rate: string; readonly carryover: string; readonly period_months: string };
  readonly sizingArgs: {
    readonly usage: string;
    readonly bands: string;
    readonly overage_rate: string;
    readonly carryover: string;
    readonly period_months: string;
    readonly volatility: string | number;
    readonly growth_volatility: string | number;
  };
  /** The model's uncertainty (its Volatility and GrowthVolatility cells; 0 where missing or unreadable). */
  readonly uncertainty: core.Uncertainty;
  readonly optimizedName: string;
  readonly listTotal: number;
  readonly optimizedTotal: number;
  readonly months: number;
  /** Months in a commit period. */
  readonly P: number;
}

/** One step: its definition and how its figures are computed. */
export interface StepModule {
  readonly def: StepDef;
  readonly figures: (context: StepContext) => StepFigures;
}
