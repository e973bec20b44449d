/**
 * The draft-vs-ask table (FUNCTIONS.md "LEVER_VALUES"): every term the buyer asks to change,
 * valued alone against the draft deal, ranked by dollars over the term, then all asks together.
 * Each value is the difference of two ledger runs; nothing here is a separate formula.
 */
import { CellAt, Errors, LeverError } from "./errors";
import {
  Cell,
  Grid,
  isBlankOrZero,
  OverageRate,
  parseCap,
  parseChange,
  parseDiscount,
  parseFlag,
  parseMoney,
  parseMonths,
  parseOverageRate,
  parseShare,
} from "./inputs";
import { Deal, overageMultiple, runLedger } from "./ledger";
import { renewalRate } from "./levers";

/** A deal as the terms table describes it: the ledger terms plus the renewal cap. */
export interface TermsDeal extends Required<Deal> {
  /** Cap on the renewal uplift, decimal; undefined = no cap (renewal resets to list). */
  readonly renewalCap: number | undefined;
}

/**
 * The keys a terms table may hold, with their labels, neutral values (a key left out of the table)
 * and how they are read. A blank cell reads as 0 (DOMAIN.md "Blank cells inside ranges"); `filled`
 * marks the keys for which 0 is no real term, so a blank or 0 there is an error saying what to enter.
 */
const KEYS = {
  commit: { label: "Commit", read: parseMoney, neutral: 0 },
  discount: { label: "Discount", read: parseDiscount, neutral: 0 },
  overage_rate: {
    label: "Overage rate",
    read: parseOverageRate,
    neutral: 1,
    filled: 'enter 1 for list price, another multiple of list, or "committed"',
  },
  carryover: { label: "Carryover", read: parseShare, neutral: 0 },
  period_months: {
    label: "Commit period",
    read: parseMonths,
    neutral: 12,
    filled: "enter the months in a period, e.g. 12",
  },
  uplift: { label: "Price lock (yearly uplift)", read: parseChange, neutral: 0 },
  step_up: { label: "True-forward step-up", read: parseChange, neutral: 0 },
  ratchet: { label: "Ratchet", read: parseFlag, neutral: false },
  excluded_share: { label: "Exclusions", read: parseShare, neutral: 0 },
  renewal_cap: { label: "Renewal cap", read: parseCap, neutral: undefined },
  renewal_months: {
    label: "Renewal horizon",
    read: parseMonths,
    neutral: 12,
    filled: "enter the renewal months to value, e.g. 12",
  },
} as const;

export type TermKey = keyof typeof KEYS;
type TermValue = number | boolean | OverageRate | undefined;

/** The keys that are levers (renewal_months only sets the renewal horizon). */
const LEVER_KEYS: readonly TermKey[] = [
  "commit",
  "discount",
  "overage_rate",
  "carryover",
  "period_months",
  "uplift",
  "step_up",
  "ratchet",
  "excluded_share",
  "renewal_cap",
];

/** A parsed terms table: the draft and ask value of every key (missing keys: both neutral). */
export interface Terms {
  readonly draft: Readonly<Record<TermKey, TermValue>>;
  readonly ask: Readonly<Record<TermKey, TermValue>>;
  /** The cells as typed, for display. */
  readonly shown: Readonly<Partial<Record<TermKey, { draft: Cell; ask: Cell }>>>;
}

/**
 * A terms range of three columns, key | draft | ask (a header row is allowed; rows all blank or 0
 * are skipped). A blank draft or ask is 0, as a 0 is (DOMAIN.md "Blank cells inside ranges"):
 * renewal_cap `none` is no cap, and the keys where 0 means nothing must be filled in.
 */
export function parseTerms(arg: string, grid: Grid): Terms | LeverError {
  const draft: Record<string, TermValue> = {};
  const ask: Record<string, TermValue> = {};
  const shown: Record<string, { draft: Cell; ask: Cell }> = {};
  for (const key of Object.keys(KEYS) as TermKey[]) draft[key] = ask[key] = KEYS[key].neutral;
  for (let r = 0; r < grid.length; r++) {
    const row = grid[r]!;
    if (row.every(isBlankOrZero)) continue;
    if (row.length < 3) return Errors.shape(arg, "3 columns (key, draft, ask)", `${row.length} columns`);
    const name = typeof row[0] === "string" ? row[0].trim().toLowerCase() : row[0];
    if (typeof name !== "string" || !(name in KEYS)) {
      if (r === 0 && typeof name === "string") continue; // a header row
      return Errors.unknownWord(arg, String(row[0]), Object.keys(KEYS), { row: r + 1, column: 1 });
    }
    const key = name as TermKey;
    if (shown[key]) return Errors.duplicateKey(arg, key, { row: r + 1, column: 1 });
    for (const [column, target] of [
      [2, draft],
      [3, ask],
    ] as const) {
      const cell = row[column - 1];
      const at: CellAt = { row: r + 1, column };
      const spec: { readonly filled?: string } = KEYS[key] as { readonly filled?: string };
      if (spec.filled && isBlankOrZero(cell)) return Errors.blankOrZero(arg, key, at, spec.filled);
      const value = (KEYS[key].read as (a: string, c: Cell, at?: CellAt) => TermValue | LeverError)(arg, cell, at);
      if (value instanceof LeverError) return value;
      target[key] = value;
    }
    shown[key] = { draft: row[1], ask: row[2] };
  }
  if (Object.keys(shown).length === 0) return Errors.noTerms(arg);
  return { draft, ask, shown } as Terms;
}

function dealFrom(v: Readonly<Record<TermKey, TermValue>>): TermsDeal {
  return {
    commit: v.commit as number,
    discount: v.discount as number,
    overageRate: v.overage_rate as OverageRate,
    carryover: v.carryover as number,
    periodMonths: v.period_months as number,
    uplift: v.uplift as number,
    stepUp: v.step_up as number,
    ratchet: v.ratchet as boolean,
    excludedShare: v.excluded_share as number,
    renewalCap: v.renewal_cap as number | undefined,
  };
}

/** The renewal horizon: the last 12 months of usage repeated to fill `months`. */
export function renewalUsage(usage: readonly number[], months: number): number[] {
  const last = usage.slice(-12);
  return Array.from({ length: months }, (_, i) => last[i % last.length]!);
}

/**
 * Cost of a deal: the ledger over the term, plus (when the terms speak of a renewal cap) the
 * renewal horizon at the renewal rate.
 */
export function termsCost(usage: readonly number[], deal: TermsDeal, renewal: readonly number[] | undefined): number {
  let cost = runLedger(usage, deal).totalCost;
  if (renewal) cost += renewalRate(deal.discount, deal.renewalCap) * renewal.reduce((a, b) => a + b, 0);
  return cost;
}

/** Whether an ask usually costs the vendor little (DOMAIN.md: overage at committed rate, renewal cap, partial carryover). */
function vendorCost(key: TermKey, ask: TermValue): "low" | "high" {
  if (key === "overage_rate" || key === "renewal_cap") return "low";
  if (key === "carryover") return typeof ask === "number" && ask < 1 ? "low" : "high";
  return "high";
}

export interface LeverRow {
  readonly key: TermKey | "all";
  readonly lever: string;
  readonly draft: Cell;
  readonly ask: Cell;
  /** Dollars saved over the term by this ask alone (all asks, for the last row). */
  readonly value: number;
  /** The value as a share of the draft deal's total cost. */
  readonly share: number;
  readonly vendorCost: "low" | "high" | "";
}

function same(a: TermValue, b: TermValue, discount: number): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  if (typeof a === "boolean" || typeof b === "boolean") return false;
  // "committed" and its number are the same overage rate only at the same discount.
  return overageMultiple({ overageRate: a, discount }) === overageMultiple({ overageRate: b, discount });
}

/**
 * Every lever whose draft differs from its ask, valued alone against the draft and ranked by
 * value (largest saving first), then "All asks together" (levers interact: not the sum).
 */
export function leverValues(usage: readonly number[], terms: Terms): { rows: LeverRow[]; draftCost: number } {
  const draft = dealFrom(terms.draft);
  const hasRenewal = terms.shown.renewal_cap !== undefined;
  const renewal = hasRenewal ? renewalUsage(usage, terms.draft.renewal_months as number) : undefined;
  const draftCost = termsCost(usage, draft, renewal);
  const valueOf = (changes: Partial<Record<TermKey, TermValue>>) =>
    draftCost - termsCost(usage, dealFrom({ ...terms.draft, ...changes }), renewal);

  const changed = LEVER_KEYS.filter(
    (key) => terms.shown[key] && !same(terms.draft[key], terms.ask[key], terms.draft.discount as number),
  );
  const rows: LeverRow[] = changed
    .map((key) => {
      const value = valueOf({ [key]: terms.ask[key] });
      return {
        key,
        lever: KEYS[key].label,
        draft: terms.shown[key]!.draft ?? "",
        ask: terms.shown[key]!.ask ?? "",
        value,
        share: value / draftCost,
        vendorCost: vendorCost(key, terms.ask[key]),
      };
    })
    .sort((a, b) => b.value - a.value);
  const all = valueOf(Object.fromEntries(changed.map((key) => [key, terms.ask[key]])));
  rows.push({
    key: "all",
    lever: "All asks together",
    draft: "",
    ask: "",
    value: all,
    share: all / draftCost,
    vendorCost: "",
  });
  return { rows, draftCost };
}

/** The LEVER_VALUES header. */
export const LEVER_HEADER = ["Lever", "Draft", "Ask", "Value over term", "Share of total", "Vendor cost"] as const;

/** LEVER_VALUES as a table: header, ranked levers, then all asks together. */
export function leverTable(usage: readonly number[], terms: Terms): (number | string)[][] {
  const { rows } = leverValues(usage, terms);
  return [
    [...LEVER_HEADER],
    ...rows.map((r) => [r.lever, cellText(r.draft), cellText(r.ask), r.value, r.share, r.vendorCost]),
  ];
}

function cellText(cell: Cell): number | string {
  if (cell === null || cell === undefined) return "";
  return typeof cell === "boolean" ? (cell ? "TRUE" : "FALSE") : cell;
}
