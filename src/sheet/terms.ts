/**
 * A terms table in the sheet (key | draft | ask) and the LEVER_VALUES table out of it. Which keys
 * exist, how each is read, its label and neutral value come from a term table (the catalogue's
 * TERMS); the values are the core's (`changeSummaries`). Nothing here knows a particular term.
 */
import {
  CellAt,
  cellAtIndex,
  changeSummaries,
  DealTerm,
  Errors,
  FullDeal,
  isBlank,
  isLeverError,
  LeverError,
  sameTerm,
  TermValue,
  Uncertainty,
  yardstickChange,
} from "../core";
import { Cell, Grid } from "./cells";

/** Whether an ask usually costs the vendor little (DOMAIN.md: overage at committed rate, renewal cap, partial carryover). */
export type VendorCost = "low" | "high";

/** How one key of a terms table is read and valued. */
export interface TermSpec<F extends DealTerm = DealTerm> {
  /** The deal term the key sets. */
  readonly field: F;
  /** The lever's name in LEVER_VALUES and the pane. */
  readonly label: string;
  /** Reads a draft or ask cell. A blank cell reads as 0, as a 0 does (DOMAIN.md "Blank cells inside ranges"). */
  readonly read: (arg: string, cell: Cell, at?: CellAt) => FullDeal[F] | LeverError;
  /** The value of a key the table leaves out. */
  readonly neutral: FullDeal[F];
  /** For keys where 0 is no real term: what to enter instead of a blank or 0. */
  readonly filled?: string;
  /** Whether LEVER_VALUES values a change of it (false: it only sets something, as the renewal horizon does). */
  readonly lever: boolean;
  /** Whether, with this key in the table, every cost includes the renewal horizon. */
  readonly renewal?: boolean;
  readonly vendorCost: (ask: FullDeal[F]) => VendorCost;
}

/** A spec for any deal term. */
export type AnyTermSpec = { [F in DealTerm]: TermSpec<F> }[DealTerm];
/** The keys a terms table may hold, in the order LEVER_VALUES ranks ties and the pane walks them. */
export type TermTable<K extends string = string> = Readonly<Record<K, AnyTermSpec>>;

/** A parsed terms table: the draft and ask deals (keys left out: neutral in both) and the cells as typed. */
export interface Terms<K extends string = string> {
  readonly draft: FullDeal;
  readonly ask: FullDeal;
  readonly shown: Readonly<Partial<Record<K, { readonly draft: Cell; readonly ask: Cell }>>>;
}

/** The deal every key of `table` leaves at its neutral value. */
export function neutralDeal(table: TermTable): FullDeal {
  const deal: Partial<Record<DealTerm, TermValue>> = {};
  for (const spec of Object.values<AnyTermSpec>(table)) deal[spec.field] = spec.neutral;
  return deal as FullDeal;
}

/**
 * A terms range of three columns, key | draft | ask (a header row is allowed; rows all blank or 0
 * are skipped). A blank draft or ask is 0, as a 0 is (DOMAIN.md "Blank cells inside ranges"); the
 * keys where 0 means nothing must be filled in.
 */
export function parseTerms<K extends string>(arg: string, grid: Grid, table: TermTable<K>): Terms<K> | LeverError {
  const keys = Object.keys(table) as K[];
  const draft: Record<string, TermValue> = { ...neutralDeal(table) };
  const ask: Record<string, TermValue> = { ...draft };
  const shown: Partial<Record<K, { draft: Cell; ask: Cell }>> = {};
  for (let r = 0; r < grid.length; r++) {
    const row = grid[r]!;
    if (row.every(isBlank)) continue;
    if (row.length < 3) return Errors.shape(arg, "3 columns (key, draft, ask)", `${row.length} columns`);
    const name = typeof row[0] === "string" ? row[0].trim().toLowerCase() : row[0];
    if (typeof name !== "string" || !keys.includes(name as K)) {
      if (r === 0 && typeof name === "string") continue; // a header row
      return Errors.unknownWord(arg, String(row[0]), keys, cellAtIndex(r, 0));
    }
    const key = name as K;
    if (shown[key]) return Errors.duplicateKey(arg, key, cellAtIndex(r, 0));
    const spec: TermSpec = table[key] as TermSpec;
    for (const [column, target] of [
      [2, draft],
      [3, ask],
    ] as const) {
      const cell = row[column - 1];
      const at: CellAt = { row: r + 1, column };
      if (spec.filled && isBlank(cell)) return Errors.blankOrZero(arg, key, at, spec.filled);
      const value = spec.read(arg, cell, at);
      if (isLeverError(value)) return value;
      target[spec.field] = value;
    }
    shown[key] = { draft: row[1], ask: row[2] };
  }
  if (Object.keys(shown).length === 0) return Errors.noTerms(arg);
  return { draft: draft as unknown as FullDeal, ask: ask as unknown as FullDeal, shown };
}

export interface LeverRow<K extends string = string> {
  readonly key: K | "yardstick" | "all";
  readonly lever: string;
  readonly draft: Cell;
  readonly ask: Cell;
  /** Dollars saved over the term by this ask alone (all asks, for the last row). */
  readonly value: number;
  /** The value as a share of the draft deal's total cost. */
  readonly share: number;
  /** `yardstick` marks the reference row: one point of headline discount, not an ask. */
  readonly vendorCost: VendorCost | "yardstick" | "";
  /** Under uncertainty (DOMAIN.md "Usage under uncertainty"): `value` is the mean over the scenarios, and these its spread. */
  readonly spread?: { readonly p10: number; readonly p90: number; readonly chance: number };
}

/** The yardstick row's name in LEVER_VALUES and the pane (DOMAIN.md "The yardstick"). */
export const YARDSTICK_LABEL = "One point of headline discount";

/**
 * Every lever whose draft differs from its ask, valued alone against the draft and ranked by
 * value (largest saving first), then the yardstick (one more point of headline discount, not an
 * ask), then "All asks together" (levers interact: not the sum; the yardstick is not in it).
 */
export function leverRows<K extends string>(
  usage: readonly number[],
  terms: Terms<K>,
  table: TermTable<K>,
  uncertainty: Uncertainty = { volatility: 0, growthVolatility: 0 },
): { rows: LeverRow<K>[]; draftCost: number } {
  const keys = Object.keys(table) as K[];
  const spec = (key: K) => table[key] as TermSpec;
  const withRenewal = keys.some((key) => spec(key).renewal === true && terms.shown[key] !== undefined);
  const changed = keys.filter((key) => {
    const { field, lever } = spec(key);
    return lever && terms.shown[key] && !sameTerm(terms.draft[field], terms.ask[field], terms.draft.discount);
  });
  const changes = changed.map((key) => ({ [spec(key).field]: terms.ask[spec(key).field] }));
  const values = leverValuesOf(usage, terms.draft, changes, withRenewal, uncertainty);
  const { alone, all, yardstick, draftCost } = values;
  /** A row of the table: its value's share of the draft's cost, and its spread when there is one. */
  const row = (
    key: LeverRow<K>["key"],
    lever: string,
    draft: Cell,
    ask: Cell,
    valued: Valued,
    vendorCost: LeverRow["vendorCost"],
  ): LeverRow<K> => ({
    key,
    lever,
    draft,
    ask,
    value: valued.value,
    share: valued.value / draftCost,
    vendorCost,
    ...(valued.spread ? { spread: valued.spread } : {}),
  });
  const rows = changed
    .map((key, i) => {
      const { field, label, vendorCost } = spec(key);
      const shown = terms.shown[key]!;
      return row(key, label, shown.draft ?? "", shown.ask ?? "", alone[i]!, vendorCost(terms.ask[field]));
    })
    .sort((a, b) => b.value - a.value);
  const point = yardstickChange(terms.draft)?.discount;
  if (yardstick !== undefined && point !== undefined) {
    rows.push(row("yardstick", YARDSTICK_LABEL, terms.draft.discount, point, yardstick, "yardstick"));
  }
  rows.push(row("all", "All asks together", "", "", all, ""));
  return { rows, draftCost };
}

/** A lever's value: certain, or the mean over the scenarios with its spread. */
interface Valued {
  readonly value: number;
  readonly spread?: LeverRow["spread"];
}

/** No uncertainty: one scenario, the usage as given. */
const CERTAIN: Uncertainty = { volatility: 0, growthVolatility: 0 };

/** Whether any uncertainty is stated: then LEVER_VALUES runs over the scenario set. */
export function isUncertain(u: Uncertainty): boolean {
  return u.volatility > 0 || (u.growthVolatility ?? 0) > 0;
}

function leverValuesOf(
  usage: readonly number[],
  draft: FullDeal,
  changes: readonly Partial<FullDeal>[],
  withRenewal: boolean,
  uncertainty: Uncertainty,
): { alone: Valued[]; all: Valued; yardstick: Valued | undefined; draftCost: number } {
  // One path: certain, the scenario set is the one certain scenario, whose summaries are exactly the
  // ledger's values (`changeValues`; test/core/seedClaims.test.ts), and a value has no spread.
  const uncertain = isUncertain(uncertainty);
  const v = changeSummaries(usage, draft, changes, withRenewal, uncertain ? uncertainty : CERTAIN);
  const valued = (x: { expected: number; p10: number; p90: number; chance: number }): Valued =>
    uncertain ? { value: x.expected, spread: { p10: x.p10, p90: x.p90, chance: x.chance } } : { value: x.expected };
  return {
    alone: v.alone.map(valued),
    all: valued(v.all),
    yardstick: v.yardstick && valued(v.yardstick),
    draftCost: v.draftCost,
  };
}

/** The LEVER_VALUES header. */
export const LEVER_HEADER = ["Lever", "Draft", "Ask", "Value over term", "Share of total", "Vendor cost"] as const;

/** The LEVER_VALUES header under uncertainty: the expected value, then the spread (FUNCTIONS.md "LEVER_VALUES"). */
export const LEVER_HEADER_UNCERTAIN = [
  "Lever",
  "Draft",
  "Ask",
  "Expected value over term",
  "Share of total",
  "Vendor cost",
  "P10 value",
  "P90 value",
  "Chance it pays",
] as const;

/** LEVER_VALUES as a table: header, ranked levers, then all asks together; with the spread under uncertainty. */
export function leverTable<K extends string>(
  usage: readonly number[],
  terms: Terms<K>,
  table: TermTable<K>,
  uncertainty: Uncertainty = { volatility: 0, growthVolatility: 0 },
): (number | string)[][] {
  const { rows } = leverRows(usage, terms, table, uncertainty);
  const uncertain = isUncertain(uncertainty);
  const out: (number | string)[][] = [uncertain ? [...LEVER_HEADER_UNCERTAIN] : [...LEVER_HEADER]];
  for (const r of rows) {
    const row: (number | string)[] = [r.lever, cellText(r.draft), cellText(r.ask), r.value, r.share, r.vendorCost];
    if (uncertain) row.push(r.spread?.p10 ?? r.value, r.spread?.p90 ?? r.value, r.spread?.chance ?? 0);
    out.push(row);
  }
  return out;
}

function cellText(cell: Cell): number | string {
  if (cell === null || cell === undefined) return "";
  return typeof cell === "boolean" ? (cell ? "TRUE" : "FALSE") : cell;
}
