/**
 * A deal as a terms table describes it, and what changing its terms is worth (FUNCTIONS.md
 * "LEVER_VALUES", DOMAIN.md "The value of a lever"): every change valued alone against the draft,
 * then all changes together. Each value is the difference of two ledger runs; nothing here is a
 * separate formula. Which keys a table may hold, their labels and readers, are the catalogue's.
 */
import { Deal, FullDeal, overageMultiple, runLedger } from "./ledger";
import { renewalRate } from "./levers";

/** A deal term by its field name, and any value a term may take. */
export type DealTerm = keyof FullDeal;
export type TermValue = FullDeal[DealTerm];

/** The renewal horizon: the last 12 months of usage repeated to fill `months`. */
export function renewalUsage(usage: readonly number[], months: number): number[] {
  const last = usage.slice(-12);
  return Array.from({ length: months }, (_, i) => last[i % last.length]!);
}

/**
 * Cost of a deal: the ledger over the term, plus (when a renewal horizon is given) the renewal
 * horizon at the renewal rate.
 */
function termsCost(usage: readonly number[], deal: Deal, renewal: readonly number[] | undefined): number {
  let cost = runLedger(usage, deal).totalCost;
  if (renewal) cost += renewalRate(deal.discount, deal.renewalCap) * renewal.reduce((a, b) => a + b, 0);
  return cost;
}

/** Whether two values of a term are the same term: "committed" and its number are, at the same discount. */
export function sameTerm(a: TermValue, b: TermValue, discount: number): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  if (typeof a === "boolean" || typeof b === "boolean") return false;
  return overageMultiple({ overageRate: a, discount }) === overageMultiple({ overageRate: b, discount });
}

/** What a set of changes to a draft is worth: each alone, and all together. */
export interface ChangeValues {
  /** Dollars saved over the term by each change alone, in the order given. */
  readonly alone: readonly number[];
  /** Dollars saved by all changes together (terms interact: not the sum). */
  readonly all: number;
  /** Dollars saved by one more point of headline discount; undefined when there is none to give. */
  readonly yardstick: number | undefined;
  /** The draft's cost over the term (and the renewal horizon, when valued). */
  readonly draftCost: number;
}

/**
 * Values each change against the draft, alone and together. With `withRenewal`, every cost includes
 * the draft's renewal horizon at the renewal rate (how a renewal cap earns its value). The yardstick
 * (DOMAIN.md "The yardstick") is valued the same way and is not one of the changes.
 */
export function changeValues(
  usage: readonly number[],
  draft: FullDeal,
  changes: readonly Partial<Deal>[],
  withRenewal: boolean,
): ChangeValues {
  const renewal = withRenewal ? renewalUsage(usage, draft.renewalMonths) : undefined;
  const draftCost = termsCost(usage, draft, renewal);
  const valueOf = (change: Partial<Deal>) => draftCost - termsCost(usage, { ...draft, ...change }, renewal);
  const yardstick = yardstickChange(draft);
  const all: Partial<Deal> = {};
  for (const change of changes) Object.assign(all, change);
  return {
    alone: changes.map(valueOf),
    all: valueOf(all),
    yardstick: yardstick && valueOf(yardstick),
    draftCost,
  };
}

/** One point of headline discount: the yardstick every structural term is read against. */
export const YARDSTICK_POINT = 0.01;

/**
 * The yardstick's change: the draft's discount raised by one point (0.20 -> 0.21). None when that
 * would reach 100% off, where there is no point left to give.
 */
export function yardstickChange(draft: Pick<Deal, "discount">): Partial<Deal> | undefined {
  const raised = draft.discount + YARDSTICK_POINT;
  return raised < 1 ? { discount: raised } : undefined;
}
