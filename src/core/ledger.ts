/**
 * The commitment ledger (DOMAIN.md "The commitment ledger"): the one place where a deal's terms
 * and a usage series become dollars. Every figure and lever value in the product is read off a
 * run of this ledger, or the difference of two runs.
 */

/** Overage billed at a fraction of list, or at the committed rate (1 - discount). */
export type OverageRate = number | "committed";

/**
 * The terms of a committed-spend deal, every one declared here once. Money in dollars, rates as
 * decimals, time in months. The ledger reads the first five and the fine print; the renewal terms
 * are read where a renewal is valued (./terms.ts). A term left out is neutral: no step-up, no
 * ratchet, no uplift, no exclusion, no cap.
 */
export interface Deal {
  /** Commit per full period, dollars. */
  readonly commit: number;
  /** Discount off list on committed usage, 0 <= d < 1. */
  readonly discount: number;
  /** Overage price as a fraction of list, or "committed" (= 1 - discount). */
  readonly overageRate: OverageRate;
  /** Share of a period's unused commitment that carries into the next period, 0..1. */
  readonly carryover: number;
  /** Months in a commit period. */
  readonly periodMonths: number;
  /** True-forward: each period's commit is the previous one's times (1 + stepUp). */
  readonly stepUp?: number;
  /** Ratchet: a period's commit is at least what was drawn in the period before. */
  readonly ratchet?: boolean;
  /** Without a price lock, list prices rise by this at each 12-month anniversary, compounding. */
  readonly uplift?: number;
  /** Share of every month's usage that does not draw down the commit (billed at the overage rate). */
  readonly excludedShare?: number;
  /** Most that may carry out of a period, as a share of that period's commit; undefined = no cap. */
  readonly carryoverCap?: number;
  /** Cap on the renewal uplift, decimal; undefined = no cap (renewal resets to list). */
  readonly renewalCap?: number;
  /** Months of renewal the renewal cap is valued over. */
  readonly renewalMonths?: number;
  /**
   * The term, months (DOMAIN.md "Usage series"): usage is cut to it, or padded with 0 up to it;
   * undefined = the usage's own length (trailing zeros dropped).
   */
  readonly termMonths?: number;
}

/** The terms whose neutral value is no value at all (no cap, no stated term): stated, they may still be undefined. */
type Caps = "carryoverCap" | "renewalCap" | "termMonths";

/**
 * A `Deal` with every term written out, neutral where a terms table leaves one out: a terms table's
 * draft and ask, and the deal `dealOf` builds (src/catalogue/terms.ts). A cap is undefined for no cap.
 */
export type FullDeal = Required<Omit<Deal, Caps>> & { readonly [K in Caps]: Deal[K] };

/** One commit period, as the LEDGER function spills it. Dollars are committed-rate dollars except `billedOverage`. */
export interface PeriodRow {
  readonly period: number;
  readonly months: number;
  readonly commit: number;
  readonly carryIn: number;
  readonly drawn: number;
  readonly unused: number;
  readonly carryOut: number;
  readonly forfeited: number;
  readonly overage: number;
  readonly billedOverage: number;
}

/** Totals over the term. */
export interface LedgerTotals {
  /** Sum of the (prorated, stepped, ratcheted) commits. */
  readonly commitment: number;
  /** Sum of drawn committed-rate dollars. */
  readonly drawn: number;
  /** Commitment forfeited: the waste. */
  readonly forfeited: number;
  /** Overage in committed-rate dollars. */
  readonly overage: number;
  /** Overage as billed (overage rate times its list value), plus any excluded usage's bill. */
  readonly billedOverage: number;
  /** Commitment plus everything billed on top: the total cost over the term. */
  readonly totalCost: number;
  /** Usage at list over the term, before any uplift: the ESR's denominator. */
  readonly list: number;
}

/** The overage price as a fraction of list once the discount is known. */
export function overageMultiple(deal: Pick<Deal, "overageRate" | "discount">): number {
  return deal.overageRate === "committed" ? 1 - deal.discount : deal.overageRate;
}

/** Usage gathered into commit periods: list dollars (after any uplift) and months per period. */
export interface Periods {
  /** Months in each period; only the last may be short. */
  readonly months: readonly number[];
  /** List dollars in each period, after the deal's uplift. */
  readonly list: readonly number[];
  /** Usage at list over the term before any uplift. */
  readonly plainList: number;
}

/** Gathers monthly usage into the deal's commit periods, applying the uplift month by month. */
export function periodize(usage: ArrayLike<number>, deal: Pick<Deal, "periodMonths" | "uplift">): Periods {
  const p = deal.periodMonths;
  const uplift = deal.uplift ?? 0;
  const count = Math.ceil(usage.length / p);
  const months = new Array<number>(count);
  const list = new Array<number>(count);
  let plainList = 0;
  for (let k = 0; k < count; k++) {
    const start = k * p;
    const end = Math.min(usage.length, start + p);
    let sum = 0;
    for (let t = start; t < end; t++) {
      const u = usage[t]!;
      plainList += u;
      sum += uplift === 0 ? u : u * Math.pow(1 + uplift, Math.floor(t / 12));
    }
    months[k] = end - start;
    list[k] = sum;
  }
  return { months, list, plainList };
}

/**
 * The ledger over commit periods: the one implementation every figure is read from. `scale`
 * multiplies every period's usage (a usage scenario) without copying it.
 */
export function ledgerOverPeriods(periods: Periods, deal: Deal, rows?: PeriodRow[], scale = 1): LedgerTotals {
  const { commit, discount, carryover, periodMonths } = deal;
  const stepUp = deal.stepUp ?? 0;
  const excluded = deal.excludedShare ?? 0;
  const cap = deal.carryoverCap;
  const m = overageMultiple(deal);
  const keep = 1 - discount;
  const count = periods.list.length;

  let commitment = 0;
  let drawnTotal = 0;
  let forfeitedTotal = 0;
  let overageTotal = 0;
  let excludedList = 0;
  let carryIn = 0;
  let fullCommit = commit;
  let previousDrawn = 0;

  for (let k = 0; k < count; k++) {
    const n = periods.months[k]!;
    if (k > 0) {
      fullCommit *= 1 + stepUp;
      if (deal.ratchet && previousDrawn > fullCommit) fullCommit = previousDrawn;
    }
    const periodCommit = (fullCommit * n) / periodMonths;
    const periodList = scale * periods.list[k]!;
    excludedList += excluded * periodList;
    const drawn = keep * (1 - excluded) * periodList;

    const available = periodCommit + carryIn;
    const unused = available > drawn ? available - drawn : 0;
    const overage = drawn > available ? drawn - available : 0;
    // DOMAIN.md "Carryover cap": the carry out is min(k x U, c x C); the rest of the unused is forfeited.
    const carry = carryover * unused;
    const carryOut = k === count - 1 ? 0 : cap === undefined ? carry : Math.min(carry, cap * periodCommit);
    const forfeited = unused - carryOut;

    rows?.push({
      period: k + 1,
      months: n,
      commit: periodCommit,
      carryIn,
      drawn,
      unused,
      carryOut,
      forfeited,
      overage,
      billedOverage: (m * overage) / keep,
    });

    commitment += periodCommit;
    drawnTotal += drawn;
    forfeitedTotal += forfeited;
    overageTotal += overage;
    carryIn = carryOut;
    previousDrawn = drawn;
  }

  const billedOverage = (m * overageTotal) / keep + m * excludedList;
  return {
    commitment,
    drawn: drawnTotal,
    forfeited: forfeitedTotal,
    overage: overageTotal,
    billedOverage,
    totalCost: commitment + billedOverage,
    list: scale * periods.plainList,
  };
}

/**
 * A usage series read once and gathered into commit periods once per period length and uplift,
 * however many deals are run over it (a lifted call runs one per element of its arguments). The
 * first `n` months and the total at list are kept as well, for the horizon and renewal figures.
 */
export class GatheredUsage {
  private readonly byTerms = new Map<string, Periods>();
  private last: { readonly periodMonths: number; readonly uplift: number; readonly periods: Periods } | undefined;
  private readonly heads = new Map<number, GatheredUsage>();
  private sum: number | undefined;

  constructor(readonly months: readonly number[]) {}

  get length(): number {
    return this.months.length;
  }

  /** The periods of `deal`'s period length and uplift (gathered the first time they are asked for). */
  periods(deal: Pick<Deal, "periodMonths" | "uplift">): Periods {
    // The cells of a lifted call mostly share their period and uplift: the last ones asked for first.
    const uplift = deal.uplift ?? 0;
    if (this.last && this.last.periodMonths === deal.periodMonths && this.last.uplift === uplift) {
      return this.last.periods;
    }
    const key = `${deal.periodMonths}|${uplift}`;
    let periods = this.byTerms.get(key);
    if (!periods) this.byTerms.set(key, (periods = periodize(this.months, deal)));
    this.last = { periodMonths: deal.periodMonths, uplift, periods };
    return periods;
  }

  /** The usage over a term of `n` months: its first `n`, or padded with 0 months up to `n` (DOMAIN.md "Usage series"). */
  toTerm(n: number): GatheredUsage {
    if (n <= this.months.length) return this.head(n);
    let padded = this.heads.get(n);
    if (!padded) {
      const months = this.months.slice();
      while (months.length < n) months.push(0);
      this.heads.set(n, (padded = new GatheredUsage(months)));
    }
    return padded;
  }

  /** The first `n` months, gathered on their own. */
  head(n: number): GatheredUsage {
    if (n >= this.months.length) return this;
    let head = this.heads.get(n);
    if (!head) this.heads.set(n, (head = new GatheredUsage(this.months.slice(0, n))));
    return head;
  }

  /** Usage at list over every month. */
  get total(): number {
    if (this.sum === undefined) {
      let sum = 0;
      for (const u of this.months) sum += u;
      this.sum = sum;
    }
    return this.sum;
  }
}

/** Monthly list dollars: a series, or one already gathered (see `GatheredUsage`). */
export type UsageInput = ArrayLike<number> | GatheredUsage;

/** The usage over a term of `months` (DOMAIN.md "Usage series"): cut to it, or padded with 0 months. */
export function toTerm(usage: UsageInput, months: number): UsageInput {
  if (usage instanceof GatheredUsage) return usage.toTerm(months);
  if (usage.length === months) return usage;
  const out = new Array<number>(months).fill(0);
  for (let t = 0; t < Math.min(months, usage.length); t++) out[t] = usage[t]!;
  return out;
}

/** The usage as a `GatheredUsage`: itself when it already is one. */
export function gather(usage: UsageInput): GatheredUsage {
  return usage instanceof GatheredUsage ? usage : new GatheredUsage(Array.from(usage));
}

/**
 * Runs the ledger over `usage` (monthly list dollars) and returns the totals. Pass `rows` to
 * receive one row per period as well. Variants (uplift, exclusions, step-up, ratchet) are terms
 * of the deal, not separate formulas.
 */
export function runLedger(usage: UsageInput, deal: Deal, rows?: PeriodRow[]): LedgerTotals {
  const term = deal.termMonths === undefined ? usage : toTerm(usage, deal.termMonths);
  const periods = term instanceof GatheredUsage ? term.periods(deal) : periodize(term, deal);
  return ledgerOverPeriods(periods, deal, rows);
}
