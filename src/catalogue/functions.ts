/**
 * Every LEVERS.* function, declared once: its id, its parameters in FUNCTIONS.md's order (name,
 * reader, default, unit) and a one-line compute over the core. The Excel adapters
 * (src/functions) run these entries; the formula builder (./formula.ts) writes calls to them; the
 * tests read their parameter lists. If an entry needs more than one line of code, that code
 * belongs in the core. Typed data: no arithmetic.
 */
import * as core from "../core";
import { andThen, CellAt, LeverError } from "../core";
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
  /** Words the parameter's Excel help must contain: its unit ("dollars", "decimal", ...). */
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

/** A required parameter. */
function p<const N extends string, T>(name: N, param: Param<T>, unit: string): ParamEntry<N, T, false> {
  return { name, param, optional: false, unit };
}

/** An optional parameter: its reader carries the default (or none, for `optional(...)`). */
function opt<const N extends string, T>(name: N, param: Param<T>, unit: string): ParamEntry<N, T, true> {
  return { name, param, optional: true, unit };
}

function entry<
  const Ps extends readonly ParamEntry[],
  R,
  const Each extends boolean = false,
  const Lifts extends boolean = false,
>(e: FunctionEntry<Ps, R, Each, Lifts>): FunctionEntry<Ps, R, Each, Lifts> {
  return e;
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
const sizing = [
  p("usage", arg.usage(), "dollars"),
  bands,
  overageRate,
  carryover,
  periodMonths,
  opt("volatility", arg.volatility(0), "decimal"),
] as const;
/** The uncertainty of growth (DOMAIN.md "Usage under uncertainty"): last, so every existing formula keeps its meaning. */
const growthVolatility = opt("growth_volatility", arg.volatility(0), "decimal");
const terms = p(
  "terms",
  arg.table("terms", (name, grid) => parseTerms(name, grid, TERMS)),
  "key | draft | ask",
);

/** The ledger functions (FUNCTIONS.md "Commitment ledger and lever values"). */
export const COMMIT_WASTE = entry({
  id: "COMMIT_WASTE",
  lifts: true,
  params: [commit, usage, discount, carryover, periodMonths, termMonths],
  compute: (a) => core.commitWaste(a.usage, dealOf(a)),
});
export const OVERAGE_VALUE = entry({
  id: "OVERAGE_VALUE",
  lifts: true,
  params: [commit, usage, discount, overageRate, carryover, periodMonths, termMonths],
  compute: (a) => core.overageValue(a.usage, dealOf(a)),
});
export const TOTAL_COST = entry({
  id: "TOTAL_COST",
  lifts: true,
  params: [commit, usage, discount, overageRate, carryover, periodMonths, termMonths],
  compute: (a) => core.totalCost(a.usage, dealOf(a)),
});
export const CARRYOVER_VALUE = entry({
  id: "CARRYOVER_VALUE",
  lifts: true,
  params: [commit, usage, discount, p("carryover", arg.share(), "decimal"), overageRate, periodMonths, termMonths],
  compute: (a) => core.carryoverValue(a.usage, dealOf(a)),
});
export const UTILIZATION = entry({
  id: "UTILIZATION",
  lifts: true,
  params: [commit, usage, discount, carryover, periodMonths, termMonths],
  compute: (a) => core.utilization(a.usage, dealOf(a)),
});
export const COVERAGE = entry({
  id: "COVERAGE",
  lifts: true,
  params: [commit, usage, discount, carryover, periodMonths, termMonths],
  compute: (a) => core.coverage(a.usage, dealOf(a)),
});
export const ESR = entry({
  id: "ESR",
  lifts: true,
  params: [commit, usage, discount, overageRate, carryover, periodMonths, termMonths],
  compute: (a) => core.effectiveSavingsRate(a.usage, dealOf(a)),
});
export const PRICE_LOCK_VALUE = entry({
  id: "PRICE_LOCK_VALUE",
  lifts: true,
  params: [
    commit,
    usage,
    discount,
    p("uplift", arg.change(), "decimal"),
    overageRate,
    carryover,
    periodMonths,
    termMonths,
  ],
  compute: (a) => core.priceLockValue(a.usage, dealOf(a), a.uplift),
});
export const TRUE_FORWARD_COST = entry({
  id: "TRUE_FORWARD_COST",
  lifts: true,
  params: [
    commit,
    usage,
    discount,
    p("step_up", arg.change(), "decimal"),
    overageRate,
    carryover,
    periodMonths,
    termMonths,
  ],
  compute: (a) => core.trueForwardCost(a.usage, dealOf(a), a.step_up),
});
export const RATCHET_COST = entry({
  id: "RATCHET_COST",
  lifts: true,
  params: [commit, usage, discount, overageRate, carryover, periodMonths, termMonths],
  compute: (a) => core.ratchetCost(a.usage, dealOf(a)),
});
export const EXCLUSION_COST = entry({
  id: "EXCLUSION_COST",
  lifts: true,
  params: [
    commit,
    usage,
    discount,
    p("excluded_share", arg.share(), "decimal"),
    overageRate,
    carryover,
    periodMonths,
    termMonths,
  ],
  compute: (a) => core.exclusionCost(a.usage, dealOf(a), a.excluded_share),
});
export const CARRYOVER_CAP_COST = entry({
  id: "CARRYOVER_CAP_COST",
  lifts: true,
  params: [
    commit,
    usage,
    discount,
    p("carryover", arg.share(), "decimal"),
    p("carryover_cap", arg.cap(), "decimal"),
    overageRate,
    periodMonths,
    termMonths,
  ],
  compute: (a) => core.carryoverCapCost(a.usage, dealOf(a), a.carryover_cap),
});
export const RENEWAL_CAP_VALUE = entry({
  id: "RENEWAL_CAP_VALUE",
  lifts: true,
  params: [p("renewal_usage", arg.usage(), "dollars"), discount, p("cap", arg.cap(), "decimal")],
  compute: (a) => core.renewalCapValue(a.renewal_usage, a.discount, a.cap),
});
export const HORIZON_COST = entry({
  id: "HORIZON_COST",
  lifts: true,
  params: [
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
  compute: (a) => core.horizonCost(a.usage, { ...dealOf(a), termMonths: undefined }, a.term_months, a.renewal_rate),
});
export const LEDGER = entry({
  id: "LEDGER",
  params: [commit, usage, discount, overageRate, carryover, periodMonths, termMonths],
  compute: (a) => ledgerTable(a.usage, dealOf(a)),
});

/** Usage, prices, projection (FUNCTIONS.md). */
export const PRICE_BOOK = entry({
  id: "PRICE_BOOK",
  params: [],
  compute: () => priceBookTable(core.DEFAULT_PRICE_BOOK),
});
export const PRICE = entry({
  id: "PRICE",
  params: [
    p("model", arg.text(), "model"),
    opt("kind", arg.word(core.parsePriceKind, "input"), "which price"),
    priceBook,
  ],
  compute: (a) => core.priceIn(a.price_book, a.model, a.kind),
});
export const LIST_COST = entry({
  id: "LIST_COST",
  each: true,
  params: [model, inputMtok, outputMtok, priceBook],
  compute: (a, at) => core.listCostIn(a.price_book, a.model, a.input_mtok, a.output_mtok, at),
});
export const OPTIMIZED_COST = entry({
  id: "OPTIMIZED_COST",
  each: true,
  params: [
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
  compute: (a, at) =>
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
});
export const EFFECTIVE_DISCOUNT = entry({
  id: "EFFECTIVE_DISCOUNT",
  params: [p("spend", arg.range(cells.money()), "dollars"), p("discount", arg.range(cells.discount()), "decimal")],
  compute: (a) =>
    andThen(pairs(["spend", a.spend], ["discount", a.discount]), ([s, d]) => core.effectiveDiscount(s, d)),
});
export const EFFECTIVE_RATE = entry({
  id: "EFFECTIVE_RATE",
  each: true,
  params: [
    p("spend", cells.money(), "dollars"),
    p("mtok", cells.mtok(), "MTok"),
    opt("discount", cells.discount(0), "decimal"),
  ],
  compute: (a, at) => core.effectiveRate(a.spend, a.mtok, a.discount, at),
});
export const PROJECT = entry({
  id: "PROJECT",
  params: [
    p("history", arg.usageRange(), "dollars"),
    p("months", arg.months(), "whole number"),
    opt("method", arg.word(core.parseProjectionMethod, "linear"), "linear"),
    opt("growth", optional(arg.change()), "decimal"),
  ],
  compute: (a) =>
    andThen(
      core.project(a.history.series, a.months, a.method, { growth: a.growth, cellOf: a.history.cellOf }),
      asColumn,
    ),
});

/** A vendor's export (with its header row), read and recognized once (DOMAIN.md "Usage from a vendor's export"). */
const exportTable = p(
  "export",
  arg.table("export", (name, grid) => core.readExport(name, grid)),
  "export with its header row",
);
export const MONTHLY_USAGE = entry({
  id: "MONTHLY_USAGE",
  params: [exportTable, opt("by", arg.word(core.parseMonthlyBy, "model"), "word"), priceBook],
  compute: (a) => monthlyUsageTable(a.export, a.by, a.price_book),
});
export const OBSERVED_DISCOUNT = entry({
  id: "OBSERVED_DISCOUNT",
  params: [exportTable],
  compute: (a) => core.observedDiscount(a.export),
});

/** Commit sizing and the lever summary (FUNCTIONS.md). */
export const BAND_DISCOUNT = entry({
  id: "BAND_DISCOUNT",
  lifts: true,
  params: [commit, bands],
  compute: (a) => core.bandDiscount(a.commit, a.bands),
});
export const NEXT_BAND = entry({
  id: "NEXT_BAND",
  params: [commit, bands],
  compute: (a) => nextBandRow(a.commit, a.bands),
});
export const RECOMMEND_COMMIT = entry({
  id: "RECOMMEND_COMMIT",
  params: [...sizing, growthVolatility],
  compute: (a) =>
    core.recommendCommit(a.usage, a.bands, {
      ...dealOf(a),
      volatility: a.volatility,
      growthVolatility: a.growth_volatility,
    }).commit,
});
export const COMMIT_CURVE = entry({
  id: "COMMIT_CURVE",
  params: [...sizing, opt("points", arg.count(2, 1000, 25), "commits"), growthVolatility],
  compute: (a) =>
    curveTable(
      core.commitCurve(
        a.usage,
        a.bands,
        { ...dealOf(a), volatility: a.volatility, growthVolatility: a.growth_volatility },
        a.points,
      ).rows,
    ),
});
export const LEVER_VALUES = entry({
  id: "LEVER_VALUES",
  params: [usage, terms, opt("volatility", arg.volatility(0), "decimal"), growthVolatility],
  compute: (a) =>
    leverTable(a.usage, a.terms, TERMS, { volatility: a.volatility, growthVolatility: a.growth_volatility }),
});

/** Risk under uncertainty (FUNCTIONS.md "Risk under uncertainty", DOMAIN.md "Usage under uncertainty"). */
export const COMMIT_RISK = entry({
  id: "COMMIT_RISK",
  params: [
    commit,
    usage,
    discount,
    overageRate,
    carryover,
    periodMonths,
    opt("volatility", arg.volatility(0), "decimal"),
    growthVolatility,
    termMonths,
  ],
  compute: (a) =>
    riskTable(
      core.commitRisk(
        a.usage,
        dealOf(a),
        core.scenarioSet({ volatility: a.volatility, growthVolatility: a.growth_volatility }),
      ),
    ),
});
export const FORFEIT_CHANCE = entry({
  id: "FORFEIT_CHANCE",
  lifts: true,
  params: [
    commit,
    usage,
    discount,
    carryover,
    periodMonths,
    opt("volatility", arg.volatilityCell(0), "decimal"),
    opt("growth_volatility", arg.volatilityCell(0), "decimal"),
    termMonths,
  ],
  compute: (a) =>
    core.forfeitChance(
      a.usage,
      dealOf(a),
      core.scenarioSet({ volatility: a.volatility, growthVolatility: a.growth_volatility }),
    ),
});
export const USAGE_VOLATILITY = entry({
  id: "USAGE_VOLATILITY",
  params: [p("history", arg.usage(), "dollars")],
  compute: (a) => andThen(core.usageVolatility(a.history), (v) => [[v.volatility, v.growthVolatility]]),
});

/** Tracking a signed deal (FUNCTIONS.md, DOMAIN.md "Tracking a signed deal"). */
const actuals = p("actuals", arg.series(), "dollars");
const projection = p("projection", arg.series(), "dollars");
export const BURNDOWN = entry({
  id: "BURNDOWN",
  params: [commit, actuals, projection, discount, overageRate, carryover, periodMonths, termMonths],
  compute: (a) => burndownTable(a.actuals, a.projection, dealOf(a)),
});
export const SHORTFALL = entry({
  id: "SHORTFALL",
  lifts: true,
  params: [commit, actuals, projection, discount, carryover, periodMonths, termMonths],
  compute: (a) => core.shortfall(a.actuals, a.projection, dealOf(a)),
});

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
