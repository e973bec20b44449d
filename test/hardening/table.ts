/**
 * Every LEVERS.* function as one line: a good call (the arguments as Excel passes them: a range is
 * a 2-D array, an omitted optional argument is null) and the kind of each argument. The bad-input
 * table and the fuzzing are built from this list. The functions and their argument kinds are the
 * catalogue's; a function whose arguments are all single values or usage gets a good call made of
 * each kind's good value, the others have their line below.
 */
import { FUNCTIONS as CATALOGUE, FunctionEntry, FunctionId, ParamEntry } from "../../src/catalogue/functions";
import { CustomFunctionsError } from "../helpers/loadBundle";

/** How an argument is read (its catalogue reader, src/sheet/readers.ts), which decides what counts as a bad value for it. */
export const KINDS = [
  "money",
  "discount",
  "share",
  "cap",
  "change",
  "listMultiple",
  "overage",
  "months",
  "volatility",
  "points",
  "growth",
  "word",
  "model",
  "usage",
  "series",
  "bands",
  "terms",
  "priceBook",
  "export",
  "spendRange",
  "discountRange",
  "modelEach",
  "routeTo",
  "mtokEach",
  "moneyEach",
  "shareEach",
  "discountEach",
] as const;
export type Kind = (typeof KINDS)[number];

/** A parameter's kind, from its catalogue reader: element-by-element readers, ranges and optional-only readers have their own. */
function kindOf(entry: FunctionEntry, p: ParamEntry): Kind {
  const k = p.param.kind;
  const kind =
    entry.each === true && "cell" in p.param
      ? k === "routeTo"
        ? k
        : `${k}Each`
      : (({ moneyRange: "spendRange", count: "points", text: "model" } as Record<string, string>)[k] ??
        (k === "change" && p.optional && p.param.fallback === undefined ? "growth" : k));
  if (!(KINDS as readonly string[]).includes(kind))
    throw new Error(`${entry.id}.${p.name}: no bad values for kind ${kind}`);
  return kind as Kind;
}

/** The kinds of a function's parameters, in order. */
export const kindsOf = (id: FunctionId): readonly Kind[] => CATALOGUE[id].params.map((p) => kindOf(CATALOGUE[id], p));

export interface FunctionLine {
  readonly id: FunctionId;
  readonly good: readonly unknown[];
  readonly kinds: readonly Kind[];
}

/** A column range, as Excel passes B2:B13. */
export const column = (values: readonly unknown[]): unknown[][] => values.map((v) => [v]);
const months = (n: number, value: number) => new Array<number>(n).fill(value);

/** 12 months of 100,000 (DOMAIN.md worked example 1). */
export const U1 = column(months(12, 100_000));
/** 12 months of 80,000 then 12 of 120,000 (worked example 2). */
export const U2 = column([...months(12, 80_000), ...months(12, 120_000)]);
export const BANDS = [
  ["Threshold", "Discount"],
  [250_000, 0.05],
  [1_000_000, 0.12],
  [5_000_000, 0.2],
];
export const TERMS = [
  ["key", "draft", "ask"],
  ["commit", 1_000_000, 1_000_000],
  ["discount", 0.2, 0.2],
  ["overage_rate", 1, "committed"],
  ["carryover", 0, 0.5],
];
export const BOOK = [
  ["Model", "Input", "Output"],
  ["Claude Sonnet 4.5", 3, 15],
  ["Claude Haiku 4.5", 1, 5],
];

/** An Anthropic Console cost export of two months (EXPORTS.md), with its header row. */
export const EXPORT = [
  ["usage_date_utc", "model", "token_type", "cost_usd", "list_price_usd"],
  ["2026-09-03", "Claude Sonnet 4.5", "output", 12.75, 15],
  ["2026-10-01", "Claude Haiku 4.5", "output", 1.7, 2],
];

const LINES: readonly FunctionLine[] = [
  { id: "COMMIT_WASTE", good: [900_000, U2, 0.2, 0.5, 12, 24], kinds: kindsOf("COMMIT_WASTE") },
  { id: "OVERAGE_VALUE", good: [900_000, U2, 0.2, 1, 0.5, 12, 24], kinds: kindsOf("OVERAGE_VALUE") },
  { id: "TOTAL_COST", good: [900_000, U2, 0.2, 1, 0.5, 12, 24], kinds: kindsOf("TOTAL_COST") },
  { id: "CARRYOVER_VALUE", good: [1e6, U2, 0.2, 0.5, 1, 12, 24], kinds: kindsOf("CARRYOVER_VALUE") },
  { id: "UTILIZATION", good: [900_000, U2, 0.2, 0.5, 12, 24], kinds: kindsOf("UTILIZATION") },
  { id: "COVERAGE", good: [900_000, U2, 0.2, 0.5, 12, 24], kinds: kindsOf("COVERAGE") },
  { id: "ESR", good: [900_000, U2, 0.2, 1, 0.5, 12, 24], kinds: kindsOf("ESR") },
  { id: "PRICE_LOCK_VALUE", good: [960_000, U2, 0.2, 0.1, 1, 0.5, 12, 24], kinds: kindsOf("PRICE_LOCK_VALUE") },
  { id: "TRUE_FORWARD_COST", good: [960_000, U2, 0.2, 0.1, 1, 0.5, 12, null], kinds: kindsOf("TRUE_FORWARD_COST") },
  { id: "RATCHET_COST", good: [800_000, U2, 0.2, 1, 0.5, 12, 24], kinds: kindsOf("RATCHET_COST") },
  { id: "EXCLUSION_COST", good: [960_000, U2, 0.2, 0.1, 1, 0.5, 12, 24], kinds: kindsOf("EXCLUSION_COST") },
  { id: "RENEWAL_CAP_VALUE", good: [U1, 0.2, 0.05], kinds: kindsOf("RENEWAL_CAP_VALUE") },
  {
    id: "HORIZON_COST",
    good: [960_000, U2, 0.2, 12, 0.85, 1, 0.5, 12],
    kinds: kindsOf("HORIZON_COST"),
  },
  { id: "LEDGER", good: [900_000, U2, 0.2, 1, 0.5, 12, 24], kinds: kindsOf("LEDGER") },
  { id: "PRICE_BOOK", good: [], kinds: kindsOf("PRICE_BOOK") },
  { id: "PRICE", good: ["Sonnet 4.5", "output", BOOK], kinds: kindsOf("PRICE") },
  {
    id: "LIST_COST",
    good: [[["Sonnet 4.5"]], [[10]], [[2]], BOOK],
    kinds: kindsOf("LIST_COST"),
  },
  {
    id: "OPTIMIZED_COST",
    good: [[["Sonnet 4.5"]], [[10]], [[2]], [[0.6]], [[0.5]], [["Haiku 4.5"]], [[0.2]], [[0.1]], BOOK, [[0.1]]],
    kinds: kindsOf("OPTIMIZED_COST"),
  },
  { id: "MONTHLY_USAGE", good: [EXPORT, "model", BOOK], kinds: kindsOf("MONTHLY_USAGE") },
  { id: "OBSERVED_DISCOUNT", good: [EXPORT], kinds: kindsOf("OBSERVED_DISCOUNT") },
  { id: "EFFECTIVE_DISCOUNT", good: [column([600, 400]), column([0.2, 0.1])], kinds: kindsOf("EFFECTIVE_DISCOUNT") },
  { id: "EFFECTIVE_RATE", good: [[[1000]], [[100]], [[0.2]]], kinds: kindsOf("EFFECTIVE_RATE") },
  { id: "PROJECT", good: [column([3, 5, 4, 6]), 3, "growth", 0.2], kinds: kindsOf("PROJECT") },
  { id: "BAND_DISCOUNT", good: [1_200_000, BANDS], kinds: kindsOf("BAND_DISCOUNT") },
  { id: "NEXT_BAND", good: [800_000, BANDS], kinds: kindsOf("NEXT_BAND") },
  {
    id: "RECOMMEND_COMMIT",
    good: [U1, BANDS, 1, 0, 12, 0.3, 0.2],
    kinds: kindsOf("RECOMMEND_COMMIT"),
  },
  {
    id: "COMMIT_CURVE",
    good: [U1, BANDS, 1, 0, 12, 0.3, 5, 0.2],
    kinds: kindsOf("COMMIT_CURVE"),
  },
  { id: "LEVER_VALUES", good: [U2, TERMS, 0.2, 0.1], kinds: kindsOf("LEVER_VALUES") },
  { id: "COMMIT_RISK", good: [1e6, U2, 0.2, 1, 0.5, 12, 0.2, 0.1, 24], kinds: kindsOf("COMMIT_RISK") },
  { id: "FORFEIT_CHANCE", good: [1e6, U2, 0.2, 0.5, 12, 0.2, 0.1, 24], kinds: kindsOf("FORFEIT_CHANCE") },
  { id: "USAGE_VOLATILITY", good: [U2], kinds: kindsOf("USAGE_VOLATILITY") },
  // Worked example 2 tracked: 15 months in, the last 9 projected.
  {
    id: "BURNDOWN",
    good: [1e6, column(U2.slice(0, 15).map((r) => r[0])), column(U2.slice(15).map((r) => r[0])), 0.2, 1, 0.5, 12, 24],
    kinds: kindsOf("BURNDOWN"),
  },
  {
    id: "SHORTFALL",
    good: [1e6, column(U1.slice(0, 4).map((r) => r[0])), column(U1.slice(4).map((r) => r[0])), 0.2, 0.5, 12, 12],
    kinds: kindsOf("SHORTFALL"),
  },
];

/** A good value of each kind a ledger function's argument may be (worked example 2's deal). */
const GOOD: Partial<Record<Kind, unknown>> = {
  money: 1_000_000,
  usage: U2,
  discount: 0.2,
  share: 0.5,
  cap: 0.1,
  change: 0.1,
  listMultiple: 0.85,
  overage: 1,
  months: 12,
  volatility: 0.3,
};

function goodCall(id: FunctionId): FunctionLine {
  const kinds = kindsOf(id);
  const good = kinds.map((kind) => {
    if (!(kind in GOOD)) throw new Error(`LEVERS.${id} takes a ${kind}: give it a line in LINES`);
    return GOOD[kind];
  });
  return { id, good, kinds };
}

/** Every catalogue function: its line, or a good call from its kinds. */
export const FUNCTIONS: readonly FunctionLine[] = (Object.keys(CATALOGUE) as FunctionId[]).map(
  (id) => LINES.find((line) => line.id === id) ?? goodCall(id),
);

/** The Excel errors a function may show of its own (DOMAIN.md "Errors"). */
export const DOCUMENTED_CODES: readonly string[] = ["#VALUE!", "#NUM!", "#N/A"];

/** Errors from the sheet, passed into a function: they must come back as the same object. */
export const fromSheet = {
  na: new CustomFunctionsError("#N/A", "from a lookup"),
  div0: new CustomFunctionsError("#DIV/0!"),
};
