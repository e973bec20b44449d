/**
 * Every LEVERS.* function as one line: a good call (the arguments as Excel passes them: a range is
 * a 2-D array, an omitted optional argument is null) and the kind of each argument. The bad-input
 * table and the fuzzing are built from this list; adding a function is adding its line.
 */
import { CustomFunctionsError } from "../helpers/loadBundle";

/** How an argument is read (src/functions/validator.ts), which decides what counts as a bad value for it. */
export type Kind =
  // single values
  | "money" // dollars >= 0
  | "discount" // [0, 1)
  | "share" // [0, 1]
  | "cap" // [0, 1] or "none"
  | "change" // (-1, 1]
  | "listMultiple" // [0, 3]
  | "overage" // [0, 3] or "committed"
  | "months" // whole, 1..1200
  | "volatility" // [0, 2]
  | "points" // whole, 2..1000
  | "growth" // (-1, 1], optional without a default
  | "word" // a word from a list (kind, method)
  | "model" // a model name (PRICE)
  // ranges read as a whole
  | "usage" // monthly list dollars
  | "bands" // threshold | discount
  | "terms" // key | draft | ask
  | "priceBook" // PRICE_BOOK's columns
  | "spendRange" // dollars, cell by cell (EFFECTIVE_DISCOUNT)
  | "discountRange" // discounts, cell by cell (EFFECTIVE_DISCOUNT)
  // element by element: a single value or a range, spilled
  | "modelEach"
  | "routeTo"
  | "mtokEach"
  | "moneyEach"
  | "shareEach"
  | "discountEach";

export interface FunctionLine {
  readonly id: string;
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

const ledger = ["money", "usage", "discount"] as const;
const tail = ["overage", "share", "months"] as const;

export const FUNCTIONS: readonly FunctionLine[] = [
  { id: "COMMIT_WASTE", good: [900_000, U2, 0.2, 0.5, 12], kinds: [...ledger, "share", "months"] },
  { id: "OVERAGE_VALUE", good: [900_000, U2, 0.2, 1, 0.5, 12], kinds: [...ledger, ...tail] },
  { id: "TOTAL_COST", good: [900_000, U2, 0.2, 1, 0.5, 12], kinds: [...ledger, ...tail] },
  { id: "CARRYOVER_VALUE", good: [1e6, U2, 0.2, 0.5, 1, 12], kinds: [...ledger, "share", "overage", "months"] },
  { id: "UTILIZATION", good: [900_000, U2, 0.2, 0.5, 12], kinds: [...ledger, "share", "months"] },
  { id: "COVERAGE", good: [900_000, U2, 0.2, 0.5, 12], kinds: [...ledger, "share", "months"] },
  { id: "ESR", good: [900_000, U2, 0.2, 1, 0.5, 12], kinds: [...ledger, ...tail] },
  { id: "PRICE_LOCK_VALUE", good: [960_000, U2, 0.2, 0.1, 1, 0.5, 12], kinds: [...ledger, "change", ...tail] },
  { id: "TRUE_FORWARD_COST", good: [960_000, U2, 0.2, 0.1, 1, 0.5, 12], kinds: [...ledger, "change", ...tail] },
  { id: "RATCHET_COST", good: [800_000, U2, 0.2, 1, 0.5, 12], kinds: [...ledger, ...tail] },
  { id: "EXCLUSION_COST", good: [960_000, U2, 0.2, 0.1, 1, 0.5, 12], kinds: [...ledger, "share", ...tail] },
  { id: "RENEWAL_CAP_VALUE", good: [U1, 0.2, 0.05], kinds: ["usage", "discount", "cap"] },
  {
    id: "HORIZON_COST",
    good: [960_000, U2, 0.2, 12, 0.85, 1, 0.5, 12],
    kinds: [...ledger, "months", "listMultiple", ...tail],
  },
  { id: "LEDGER", good: [900_000, U2, 0.2, 1, 0.5, 12], kinds: [...ledger, ...tail] },
  { id: "PRICE_BOOK", good: [], kinds: [] },
  { id: "PRICE", good: ["Sonnet 4.5", "output", BOOK], kinds: ["model", "word", "priceBook"] },
  {
    id: "LIST_COST",
    good: [[["Sonnet 4.5"]], [[10]], [[2]], BOOK],
    kinds: ["modelEach", "mtokEach", "mtokEach", "priceBook"],
  },
  {
    id: "OPTIMIZED_COST",
    good: [[["Sonnet 4.5"]], [[10]], [[2]], [[0.6]], [[0.5]], [["Haiku 4.5"]], [[0.2]], [[0.1]], BOOK],
    kinds: [
      "modelEach",
      "mtokEach",
      "mtokEach",
      "shareEach",
      "shareEach",
      "routeTo",
      "shareEach",
      "shareEach",
      "priceBook",
    ],
  },
  { id: "EFFECTIVE_DISCOUNT", good: [column([600, 400]), column([0.2, 0.1])], kinds: ["spendRange", "discountRange"] },
  { id: "EFFECTIVE_RATE", good: [[[1000]], [[100]], [[0.2]]], kinds: ["moneyEach", "mtokEach", "discountEach"] },
  { id: "PROJECT", good: [column([3, 5, 4, 6]), 3, "growth", 0.2], kinds: ["usage", "months", "word", "growth"] },
  { id: "BAND_DISCOUNT", good: [1_200_000, BANDS], kinds: ["money", "bands"] },
  { id: "NEXT_BAND", good: [800_000, BANDS], kinds: ["money", "bands"] },
  {
    id: "RECOMMEND_COMMIT",
    good: [U1, BANDS, 1, 0, 12, 0.3],
    kinds: ["usage", "bands", "overage", "share", "months", "volatility"],
  },
  {
    id: "COMMIT_CURVE",
    good: [U1, BANDS, 1, 0, 12, 0.3, 5],
    kinds: ["usage", "bands", "overage", "share", "months", "volatility", "points"],
  },
  { id: "LEVER_VALUES", good: [U2, TERMS], kinds: ["usage", "terms"] },
];

/** The Excel errors a function may show of its own (DOMAIN.md "Errors"). */
export const DOCUMENTED_CODES: readonly string[] = ["#VALUE!", "#NUM!", "#N/A"];

/** Errors from the sheet, passed into a function: they must come back as the same object. */
export const fromSheet = {
  na: new CustomFunctionsError("#N/A", "from a lookup"),
  div0: new CustomFunctionsError("#DIV/0!"),
};
