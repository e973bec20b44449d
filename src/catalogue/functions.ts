/**
 * Every LEVERS.* function, declared once: its id, its parameters in FUNCTIONS.md's order (name,
 * reader, default, unit) and a one-line compute over the core. The Excel adapters
 * (src/functions) run these entries; the formula builder (./formula.ts) writes calls to them; the
 * tests read their parameter lists. If an entry needs more than one line of code, that code
 * belongs in the core. Typed data: no arithmetic.
 */
import * as core from "../core";
import { andThen, CellAt, FullDeal, LeverError } from "../core";
import {
  arg,
  asColumn,
  burndownTable,
  cells,
  curveTable,
  ledgerTable,
  monthlyUsageTable,
  riskTable,
  leverTable,
  nextBandRow,
  optional,
  pairs,
  Param,
  parseTerms,
  priceBookTable,
} from "../sheet";
import { dealOf, TERMS } from "./terms";

/** One parameter: its name as Excel shows it, how it is read, and the unit its help must name. */
export interface ParamEntry<N extends string = string, T = unknown, O extends boolean = boolean> {
  readonly name: N;
  readonly param: Param<T>;
  readonly optional: O;
  /** Words the parameter's Excel help must contain: its unit ("dollars", "decimal", ...). Not in functions.js (`words`). */
  readonly unit: string;
}

type Value<P> = P extends ParamEntry<string, infer T> ? T : never;
/** The parsed arguments of a parameter list, by name. */
export type ArgsOf<Ps extends readonly ParamEntry[]> = { [P in Ps[number] as P["name"]]: Value<P> };

/** What a function returns to its cell or spill. */
export type Result = number | (number | string)[][];

export interface FunctionEntry<
  Ps extends readonly ParamEntry[] = readonly ParamEntry[],
  R = unknown,
  Each extends boolean = boolean,
  Lifts extends boolean = boolean,
> {
  /** Its name in LEVERS.NAME. Not in functions.js (`words`): the formula builder, the pane and the tests read it. */
  readonly id: string;
  readonly params: Ps;
  /**
   * Element by element (LIST_COST, ...): parameters with a cell reader may each be a range, all of
   * one shape, and the result spills in that shape; `compute` gets one element and its cell.
   */
  readonly each?: Each;
  /**
   * Lifted (DOMAIN.md "Arrays in, arrays out"): every parameter with a cell reader may be a range;
   * they broadcast to one result shape and `compute` runs per element, with the whole arguments
   * (usage, tables) read once and usage gathered into periods once (`core.gather`).
   */
  readonly lifts?: Lifts;
  readonly compute: (args: ArgsOf<Ps>, at?: CellAt) => R | LeverError;
}

/**
 * Defined (true) only where webpack minifies functions.js (webpack.config.js, `functionsMinifier`).
 * Excel's functions read neither a function's id nor a parameter's unit: the pane, the model, the
 * formula builder and the tests do. So the shipped functions.js leaves both out of its entries (its
 * minifier then drops the words themselves); everywhere else, development builds included, every
 * entry has them.
 */
declare const FUNCTIONS_BUNDLE: true | undefined;

/** An entry's words for the pane, the model and the tests (its id, a parameter's unit): none in functions.js. */
const words = <T extends object>(fields: T): T => (typeof FUNCTIONS_BUNDLE !== "undefined" ? ({} as T) : fields);

/** A required parameter. */
function p<const N extends string, T>(name: N, param: Param<T>, unit: string): ParamEntry<N, T, false> {
  return { name, param, optional: false, ...words({ unit }) };
}

/** An optional parameter: its reader carries the default (or none, for `optional(...)`). */
function opt<const N extends string, T>(name: N, param: Param<T>, unit: string): ParamEntry<N, T, true> {
  return { name, param, optional: true, ...words({ unit }) };
}

/** A function read and computed once per call (a table, a tool). */
function entry<const Ps extends readonly ParamEntry[], R>(
  id: string,
  params: Ps,
  compute: FunctionEntry<Ps, R>["compute"],
): FunctionEntry<Ps, R, false, false> {
  return { ...words({ id }), params, compute };
}

/** A lifted function (`FunctionEntry.lifts`). */
function lifted<const Ps extends readonly ParamEntry[], R>(
  id: string,
  params: Ps,
  compute: FunctionEntry<Ps, R>["compute"],
): FunctionEntry<Ps, R, false, true> {
  return { ...words({ id }), lifts: true, params, compute };
}

/** An element-by-element function (`FunctionEntry.each`). */
function each<const Ps extends readonly ParamEntry[], R>(
  id: string,
  params: Ps,
  compute: FunctionEntry<Ps, R>["compute"],
): FunctionEntry<Ps, R, true, false> {
  return { ...words({ id }), each: true, params, compute };
}

const commit = p("commit", arg.money(), "dollars");
const usage = p("usage", arg.usage(), "dollars");
const discount = p("discount", arg.discount(), "decimal");
const overageRate = opt("overage_rate", arg.overageRate(1), "fraction of list");
const carryover = opt("carryover", arg.share(0), "decimal");
const periodMonths = opt("period_months", arg.months(12), "months");
/** The explicit term (DOMAIN.md "Usage series"): last, so every existing formula keeps its meaning. */
const termMonths = opt("term_months", arg.optionalMonths(), "months");
const bands = p("bands", arg.bands(), "threshold");
const priceBook = opt("price_book", arg.priceBook(core.DEFAULT_PRICE_BOOK), "price book");
const model = p("model", cells.text(), "model");
const inputMtok = p("input_mtok", cells.mtok(), "MTok");
const outputMtok = p("output_mtok", cells.mtok(), "MTok");
/** The uncertainty of the usage's level (DOMAIN.md "Usage under uncertainty"). */
const volatility = opt("volatility", arg.volatility(0), "decimal");
/** A carryover the function is about: required. */
const carryoverShare = p("carryover", arg.share(), "decimal");
const sizing = [usage, bands, overageRate, carryover, periodMonths, volatility] as const;
/** The uncertainty of growth (DOMAIN.md "Usage under uncertainty"): last, so every existing formula keeps its meaning. */
const growthVolatility = opt("growth_volatility", arg.volatility(0), "decimal");
const terms = p(
  "terms",
  arg.table("terms", (name, grid) => parseTerms(name, grid, TERMS)),
  "key | draft | ask",
);

/** The uncertainty a function's arguments state (DOMAIN.md "Usage under uncertainty"). */
const uncertainty = (a: { volatility: number; growth_volatility: number }): core.Uncertainty => ({
  volatility: a.volatility,
  growthVolatility: a.growth_volatility,
});

/** A compute of the usage and the deal the arguments state (`dealOf`). */
const onDeal =
  <R>(f: (usage: number[], deal: FullDeal) => R) =>
  (a: Readonly<{ usage: number[] }>): R =>
    f(a.usage, dealOf(a));

/** The ledger functions (FUNCTIONS.md "Commitment ledger and lever values"). */
export const COMMIT_WASTE = lifted(
  "COMMIT_WASTE",
  [commit, usage, discount, carryover, periodMonths, termMonths],
  onDeal(core.commitWaste),
);
export const OVERAGE_VALUE = lifted(
  "OVERAGE_VALUE",
  [commit, usage, discount, overageRate, carryover, periodMonths, termMonths],
  onDeal(core.overageValue),
);
export const TOTAL_COST = lifted(
  "TOTAL_COST",
  [commit, usage, discount, overageRate, carryover, periodMonths, termMonths],
  onDeal(core.totalCost),
);
export const CARRYOVER_VALUE = lifted(
  "CARRYOVER_VALUE",
  [commit, usage, discount, carryoverShare, overageRate, periodMonths, termMonths],
  onDeal(core.carryoverValue),
);
export const UTILIZATION = lifted(
  "UTILIZATION",
  [commit, usage, discount, carryover, periodMonths, termMonths],
  onDeal(core.utilization),
);
export const COVERAGE = lifted(
  "COVERAGE",
  [commit, usage, discount, carryover, periodMonths, termMonths],
  onDeal(core.coverage),
);
export const ESR = lifted(
  "ESR",
  [commit, usage, discount, overageRate, carryover, periodMonths, termMonths],
  onDeal(core.effectiveSavingsRate),
);
export const PRICE_LOCK_VALUE = lifted(
  "PRICE_LOCK_VALUE",
  [commit, usage, discount, p("uplift", arg.change(), "decimal"), overageRate, carryover, periodMonths, termMonths],
  (a) => core.priceLockValue(a.usage, dealOf(a), a.uplift),
);
export const TRUE_FORWARD_COST = lifted(
  "TRUE_FORWARD_COST",
  [commit, usage, discount, p("step_up", arg.change(), "decimal"), overageRate, carryover, periodMonths, termMonths],
  (a) => core.trueForwardCost(a.usage, dealOf(a), a.step_up),
);
export const RATCHET_COST = lifted(
  "RATCHET_COST",
  [commit, usage, discount, overageRate, carryover, periodMonths, termMonths],
  onDeal(core.ratchetCost),
);
export const EXCLUSION_COST = lifted(
  "EXCLUSION_COST",
  [
    commit,
    usage,
    discount,
    p("excluded_share", arg.share(), "decimal"),
    overageRate,
    carryover,
    periodMonths,
    termMonths,
  ],
  (a) => core.exclusionCost(a.usage, dealOf(a), a.excluded_share),
);
export const CARRYOVER_CAP_COST = lifted(
  "CARRYOVER_CAP_COST",
  [
    commit,
    usage,
    discount,
    carryoverShare,
    p("carryover_cap", arg.cap(), "decimal"),
    overageRate,
    periodMonths,
    termMonths,
  ],
  (a) => core.carryoverCapCost(a.usage, dealOf(a), a.carryover_cap),
);
export const RENEWAL_CAP_VALUE = lifted(
  "RENEWAL_CAP_VALUE",
  [p("renewal_usage", arg.usage(), "dollars"), discount, p("cap", arg.cap(), "decimal")],
  (a) => core.renewalCapValue(a.renewal_usage, a.discount, a.cap),
);
export const HORIZON_COST = lifted(
  "HORIZON_COST",
  [
    commit,
    usage,
    discount,
    p("term_months", arg.months(), "months"),
    p("renewal_rate", arg.listMultiple(), "fraction of list"),
    overageRate,
    carryover,
    periodMonths,
  ],
  // Its term_months is the horizon's split, not the deal's stated term: the ledger runs its own months.
  (a) => core.horizonCost(a.usage, { ...dealOf(a), termMonths: undefined }, a.term_months, a.renewal_rate),
);
export const LEDGER = entry(
  "LEDGER",
  [commit, usage, discount, overageRate, carryover, periodMonths, termMonths],
  onDeal(ledgerTable),
);

/** Usage, prices, projection (FUNCTIONS.md). */
export const PRICE_BOOK = entry("PRICE_BOOK", [], () => priceBookTable(core.DEFAULT_PRICE_BOOK));
export const PRICE = entry(
  "PRICE",
  [p("model", arg.text(), "model"), opt("kind", arg.word(core.parsePriceKind, "input"), "which price"), priceBook],
  (a) => core.priceIn(a.price_book, a.model, a.kind),
);
export const LIST_COST = each("LIST_COST", [model, inputMtok, outputMtok, priceBook], (a, at) =>
  core.listCostIn(a.price_book, a.model, a.input_mtok, a.output_mtok, at),
);
export const OPTIMIZED_COST = each(
  "OPTIMIZED_COST",
  [
    model,
    inputMtok,
    outputMtok,
    opt("cache_hit", cells.share(0), "decimal"),
    opt("batch_share", cells.share(0), "decimal"),
    opt("route_to", cells.optionalText(), "model"),
    opt("route_share", cells.share(0), "decimal"),
    opt("cache_write_share", cells.share(0), "decimal"),
    priceBook,
    // Last, so every existing formula keeps its meaning (FUNCTIONS.md).
    opt("cache_write_1h_share", cells.share(0), "decimal"),
  ],
  (a, at) =>
    core.optimizedCostIn(
      a.price_book,
      a.model,
      a.input_mtok,
      a.output_mtok,
      a.route_to,
      {
        cacheHit: a.cache_hit,
        cacheWriteShare: a.cache_write_share,
        cacheWrite1hShare: a.cache_write_1h_share,
        batchShare: a.batch_share,
        routeShare: a.route_share,
      },
      at,
    ),
);
export const EFFECTIVE_DISCOUNT = entry(
  "EFFECTIVE_DISCOUNT",
  [p("spend", arg.range(cells.money()), "dollars"), p("discount", arg.range(cells.discount()), "decimal")],
  (a) => andThen(pairs(["spend", a.spend], ["discount", a.discount]), ([s, d]) => core.effectiveDiscount(s, d)),
);
export const EFFECTIVE_RATE = each(
  "EFFECTIVE_RATE",
  [
    p("spend", cells.money(), "dollars"),
    p("mtok", cells.mtok(), "MTok"),
    opt("discount", cells.discount(0), "decimal"),
  ],
  (a, at) => core.effectiveRate(a.spend, a.mtok, a.discount, at),
);
export const PROJECT = entry(
  "PROJECT",
  [
    p("history", arg.usageRange(), "dollars"),
    p("months", arg.months(), "whole number"),
    opt("method", arg.word(core.parseProjectionMethod, "linear"), "linear"),
    opt("growth", optional(arg.change()), "decimal"),
  ],
  (a) =>
    andThen(
      core.project(a.history.series, a.months, a.method, { growth: a.growth, cellOf: a.history.cellOf }),
      asColumn,
    ),
);

/** A vendor's export (with its header row), read and recognized once (DOMAIN.md "Usage from a vendor's export"). */
const exportTable = p(
  "export",
  arg.table("export", (name, grid) => core.readExport(name, grid)),
  "export with its header row",
);
export const MONTHLY_USAGE = entry(
  "MONTHLY_USAGE",
  [exportTable, opt("by", arg.word(core.parseMonthlyBy, "model"), "word"), priceBook],
  (a) => monthlyUsageTable(a.export, a.by, a.price_book),
);
export const OBSERVED_DISCOUNT = entry("OBSERVED_DISCOUNT", [exportTable], (a) => core.observedDiscount(a.export));

/** Commit sizing and the lever summary (FUNCTIONS.md). */
export const BAND_DISCOUNT = lifted("BAND_DISCOUNT", [commit, bands], (a) => core.bandDiscount(a.commit, a.bands));
export const NEXT_BAND = entry("NEXT_BAND", [commit, bands], (a) => nextBandRow(a.commit, a.bands));
export const RECOMMEND_COMMIT = entry(
  "RECOMMEND_COMMIT",
  [...sizing, growthVolatility],
  (a) => core.recommendCommit(a.usage, a.bands, { ...dealOf(a), ...uncertainty(a) }).commit,
);
export const COMMIT_CURVE = entry(
  "COMMIT_CURVE",
  [...sizing, opt("points", arg.count(2, 1000, 25), "commits"), growthVolatility],
  (a) => curveTable(core.commitCurve(a.usage, a.bands, { ...dealOf(a), ...uncertainty(a) }, a.points).rows),
);
export const LEVER_VALUES = entry("LEVER_VALUES", [usage, terms, volatility, growthVolatility], (a) =>
  leverTable(a.usage, a.terms, TERMS, uncertainty(a)),
);

/** Risk under uncertainty (FUNCTIONS.md "Risk under uncertainty", DOMAIN.md "Usage under uncertainty"). */
export const COMMIT_RISK = entry(
  "COMMIT_RISK",
  [commit, usage, discount, overageRate, carryover, periodMonths, volatility, growthVolatility, termMonths],
  (a) => riskTable(core.commitRisk(a.usage, dealOf(a), core.scenarioSet(uncertainty(a)))),
);
export const FORFEIT_CHANCE = lifted(
  "FORFEIT_CHANCE",
  [
    commit,
    usage,
    discount,
    carryover,
    periodMonths,
    opt("volatility", arg.volatilityCell(0), "decimal"),
    opt("growth_volatility", arg.volatilityCell(0), "decimal"),
    termMonths,
  ],
  (a) => core.forfeitChance(a.usage, dealOf(a), core.scenarioSet(uncertainty(a))),
);
export const USAGE_VOLATILITY = entry("USAGE_VOLATILITY", [p("history", arg.usage(), "dollars")], (a) =>
  andThen(core.usageVolatility(a.history), (v) => [[v.volatility, v.growthVolatility]]),
);

/** Tracking a signed deal (FUNCTIONS.md, DOMAIN.md "Tracking a signed deal"). */
const actuals = p("actuals", arg.series(), "dollars");
const projection = p("projection", arg.series(), "dollars");
export const BURNDOWN = entry(
  "BURNDOWN",
  [commit, actuals, projection, discount, overageRate, carryover, periodMonths, termMonths],
  (a) => burndownTable(a.actuals, a.projection, dealOf(a)),
);
export const SHORTFALL = lifted(
  "SHORTFALL",
  [commit, actuals, projection, discount, carryover, periodMonths, termMonths],
  (a) => core.shortfall(a.actuals, a.projection, dealOf(a)),
);

/** Every function, by id: the order of FUNCTIONS.md. */
export const FUNCTIONS = {
  COMMIT_WASTE,
  OVERAGE_VALUE,
  TOTAL_COST,
  CARRYOVER_VALUE,
  UTILIZATION,
  COVERAGE,
  ESR,
  PRICE_LOCK_VALUE,
  TRUE_FORWARD_COST,
  RATCHET_COST,
  EXCLUSION_COST,
  RENEWAL_CAP_VALUE,
  HORIZON_COST,
  LEDGER,
  CARRYOVER_CAP_COST,
  PRICE_BOOK,
  PRICE,
  LIST_COST,
  OPTIMIZED_COST,
  MONTHLY_USAGE,
  OBSERVED_DISCOUNT,
  EFFECTIVE_DISCOUNT,
  EFFECTIVE_RATE,
  PROJECT,
  BAND_DISCOUNT,
  NEXT_BAND,
  RECOMMEND_COMMIT,
  COMMIT_CURVE,
  LEVER_VALUES,
  COMMIT_RISK,
  FORFEIT_CHANCE,
  USAGE_VOLATILITY,
  BURNDOWN,
  SHORTFALL,
} as const;

export type FunctionId = keyof typeof FUNCTIONS;
