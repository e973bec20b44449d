/**
 * The fuzzing properties (issue 7), over the shipped functions exactly as Excel calls them. Shared by
 * the quick pass in `npm test` (fuzz.test.ts) and the long run (`npm run fuzz`, scripts/fuzz.ts).
 *
 * - The ledger's invariants and the lever values as ledger differences, over random deals and usage.
 * - No exception but an Excel error ever escapes any function, and every result is a finite number
 *   (or a table of finite numbers and text) or a documented error (#VALUE!, #NUM!, #N/A with a
 *   message starting with an argument's name) or the very Excel error passed in: for arbitrary junk
 *   (fc.anything shapes, nested and ragged arrays, NaN, huge numbers, strings) and for random values
 *   of the right kinds (which reach the computations).
 */
import fc from "fast-check";
import { CustomFunction, CustomFunctionsError } from "../helpers/loadBundle";
import type { Shipped } from "./shipped";
import { BOOK, DOCUMENTED_CODES, FUNCTIONS, Kind, column } from "./table";

/** What one property's run reports. */
export interface PropertyRun {
  readonly failed: boolean;
  /** Cases run (up to the failing one). */
  readonly numRuns: number;
  /** fast-check's report of the counterexample, with its seed and path. */
  readonly report: string;
}

/** A named property and its share of a run's cases. */
export interface NamedProperty {
  readonly name: string;
  /** Relative number of cases in a run. */
  readonly weight: number;
  readonly check: (numRuns: number, seed: number) => PropertyRun;
}

function named<Ts>(name: string, weight: number, property: fc.IProperty<Ts>): NamedProperty {
  return {
    name,
    weight,
    check: (numRuns, seed) => {
      const details = fc.check(property, { numRuns, seed, includeErrorInReport: true });
      return {
        failed: details.failed,
        numRuns: details.numRuns,
        report: details.failed ? (fc.defaultReportMessage(details) ?? "failed") : "",
      };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Checking an outcome

/** Every object reachable in the arguments (an Excel error passed in may come back as itself). */
function objectsIn(args: readonly unknown[]): Set<unknown> {
  const seen = new Set<unknown>();
  const visit = (v: unknown, depth: number) => {
    if (typeof v !== "object" || v === null || seen.has(v) || depth > 4 || seen.size > 10_000) return;
    seen.add(v);
    if (Array.isArray(v)) for (const item of v as unknown[]) visit(item, depth + 1);
  };
  for (const a of args) visit(a, 0);
  return seen;
}

/**
 * Why an outcome breaks the contract, or undefined if it keeps it. `names`: the function's
 * argument names (a message starts with one of them, or "result" for a computed overflow).
 */
export function contractBreach(
  names: readonly string[],
  args: readonly unknown[],
  outcome: Outcome,
): string | undefined {
  const passedIn = () => objectsIn(args);
  const badError = (e: unknown): string | undefined => {
    if (passedIn().has(e)) return undefined;
    if (!(e instanceof CustomFunctionsError)) return `threw ${describe(e)}`;
    if (!DOCUMENTED_CODES.includes(e.code)) return `undocumented error ${e.code}: ${e.message}`;
    const message = e.message ?? "";
    if (![...names, "result"].some((n) => message.startsWith(`${n}: `))) return `message names no argument: ${message}`;
    return undefined;
  };
  if ("thrown" in outcome) return badError(outcome.thrown);
  const value = outcome.value;
  if (typeof value === "number") return Number.isFinite(value) ? undefined : `returned ${value}`;
  if (!Array.isArray(value) || value.length === 0) return `returned ${describe(value)}`;
  for (const row of value as unknown[]) {
    if (!Array.isArray(row) || row.length === 0) return `returned a row ${describe(row)}`;
    for (const cell of row as unknown[]) {
      if (typeof cell === "string") continue;
      if (typeof cell === "number") {
        if (!Number.isFinite(cell)) return `returned ${cell} in a spill`;
        continue;
      }
      const why = badError(cell);
      if (why) return `in a spilled cell: ${why}`;
    }
  }
  return undefined;
}

export type Outcome = { readonly value: unknown } | { readonly thrown: unknown };

export function call(fn: CustomFunction, args: readonly unknown[]): Outcome {
  try {
    return { value: fn(...args) };
  } catch (e) {
    return { thrown: e };
  }
}

function describe(v: unknown): string {
  try {
    return v instanceof Error ? `${v.name}: ${v.message}` : (JSON.stringify(v) ?? String(v)).slice(0, 200);
  } catch {
    return Object.prototype.toString.call(v);
  }
}

// ---------------------------------------------------------------------------------------------
// Junk and values of the right kinds

const ERROR_CODES = ["#N/A", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!"];
const excelError = fc.constantFrom(...ERROR_CODES).map((code) => new CustomFunctionsError(code, "from the sheet"));
const WORDS = [
  "",
  " ",
  "n/a",
  "15%",
  "committed",
  "Committed ",
  "linear",
  "flat",
  "growth",
  "exponential",
  "input",
  "output",
  "cache_write",
  "cache write 1h",
  "cache_read",
  "sonnet",
  "Sonnet 4.5",
  "claude-haiku-4-5",
  "opus",
  "gpt-9",
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
  "renewal_months",
  "Threshold",
];
const NUMBERS = [0, -0, 1, -1, 0.2, 0.999999, 1.0000001, 3, 12, 15, 100, 1200, 1201, 1e15, 1e16, 1e300, -1e300];
const EDGE = [Number.MAX_VALUE, Number.MIN_VALUE, Number.EPSILON, NaN, Infinity, -Infinity];

/** One cell as a sheet (or a careless caller) may hold it. */
const cell: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.double() },
  { weight: 3, arbitrary: fc.constantFrom(...NUMBERS, ...EDGE) },
  { weight: 2, arbitrary: fc.integer({ min: -5, max: 2000 }) },
  { weight: 2, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 2, arbitrary: fc.constantFrom(null, undefined) },
  { weight: 1, arbitrary: excelError },
);

/** A range: rows of cells, possibly ragged or empty. */
const range = fc.array(fc.array(cell, { maxLength: 5 }), { maxLength: 24 });

const anything = fc.anything({
  maxDepth: 3,
  maxKeys: 4,
  withNullPrototype: true,
  withBigInt: true,
  withBoxedValues: true,
  withMap: true,
  withSet: true,
  withSparseArray: true,
  withTypedArray: true,
  withObjectString: true,
  withDate: true,
});

/** Any argument at all. */
const junk: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: cell },
  { weight: 3, arbitrary: range },
  { weight: 2, arbitrary: anything },
  { weight: 1, arbitrary: fc.array(range, { maxLength: 3 }) },
);

const money = fc.oneof(
  fc.double({ min: 0, max: 2e8, noNaN: true }),
  fc.constantFrom(0, 1e-300, 1, 1e15),
  fc.double({ min: 0, max: 1e15, noNaN: true }),
);
const share = fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 1));
const discount = fc.oneof(fc.double({ min: 0, max: 0.999, noNaN: true }), fc.constantFrom(0, 0.99999999));
const change = fc.oneof(fc.double({ min: -0.999, max: 1, noNaN: true }), fc.constantFrom(-0.999999999, 0, 1));
const multiple = fc.oneof(fc.double({ min: 0, max: 3, noNaN: true }), fc.constantFrom(0, 1, 3));
const months = fc.oneof(fc.integer({ min: 1, max: 36 }), fc.constantFrom(1, 12, 1200));
const usageCell = fc.oneof(
  { weight: 6, arbitrary: fc.double({ min: 0, max: 1e7, noNaN: true }) },
  { weight: 2, arbitrary: fc.constantFrom(0, null, "") },
  { weight: 1, arbitrary: fc.constantFrom(1e-300, 1e15) },
);
const usage = fc.oneof(
  fc.array(usageCell, { minLength: 1, maxLength: 40 }).map(column),
  fc.array(fc.array(usageCell, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 30 }),
  fc.array(usageCell, { minLength: 2, maxLength: 30 }).map((row) => [row]),
);
const MODELS = ["Sonnet 4.5", "sonnet", "haiku", "opus", "Claude Opus 4.1", "claude-3-5-haiku", "fable", "Haiku 5.5"];
const model = fc.constantFrom(...MODELS);
const bands = fc
  .array(fc.tuple(money, discount), { maxLength: 5 })
  .chain((rows) => fc.boolean().map((header) => [...(header ? [["Threshold", "Discount"]] : []), ...rows]));
const TERM_VALUES: Record<string, fc.Arbitrary<unknown>> = {
  commit: money,
  discount,
  overage_rate: fc.oneof(multiple, fc.constant("committed")),
  carryover: share,
  period_months: months,
  uplift: change,
  step_up: change,
  ratchet: fc.constantFrom(0, 1, true, false),
  excluded_share: share,
  renewal_cap: fc.oneof(share, fc.constant(null), fc.constant("none")),
  renewal_months: months,
};
const terms = fc
  .uniqueArray(fc.constantFrom(...Object.keys(TERM_VALUES)), { maxLength: 8 })
  .chain((keys) => fc.tuple(...keys.map((k) => fc.tuple(fc.constant(k), TERM_VALUES[k]!, TERM_VALUES[k]!))))
  .map((rows) => rows.map((r) => [...r]));
/** A single value or a column of three: element-by-element arguments. */
const each = (value: fc.Arbitrary<unknown>) =>
  fc.oneof(
    value.map((v) => [[v]]),
    fc.array(value, { minLength: 3, maxLength: 3 }).map(column),
  );

/** A value of the right kind (sometimes at its edges): these reach the computations. */
const KIND_VALUES: Record<Kind, fc.Arbitrary<unknown>> = {
  money,
  discount,
  share,
  cap: fc.oneof(share, fc.constantFrom("none", "None")),
  change,
  listMultiple: multiple,
  overage: fc.oneof(multiple, fc.constant("committed")),
  months,
  volatility: fc.oneof(fc.double({ min: 0, max: 2, noNaN: true }), fc.constantFrom(0, 2)),
  points: fc.integer({ min: 2, max: 60 }),
  growth: fc.oneof(change, fc.constant(null)),
  word: fc.constantFrom(
    "linear",
    "flat",
    "growth",
    "exponential",
    "input",
    "output",
    "cache_read",
    "cache_write_1h",
    "model",
    "total",
    null,
  ),
  model,
  usage,
  series: fc.oneof(usage, fc.constantFrom([], [[null]], [[0]])),
  bands,
  terms,
  priceBook: fc.constantFrom(null, BOOK),
  // A Console cost export (EXPORTS.md): its header, then rows of a day between 2020 and 2030, a model
  // and billed and list dollars.
  export: fc
    .array(
      fc.tuple(
        fc
          .integer({ min: 0, max: 3652 })
          .map((d) => new Date(Date.UTC(2020, 0, 1) + d * 86_400_000).toISOString().slice(0, 10)),
        fc.constantFrom("Claude Sonnet 4.5", "Claude Haiku 4.5", "Claude Opus 4.5"),
        money,
        money,
      ),
      { minLength: 1, maxLength: 6 },
    )
    .map((rows) => [["usage_date_utc", "model", "cost_usd", "list_price_usd"], ...rows]),
  spendRange: fc.array(money, { minLength: 1, maxLength: 4 }).map(column),
  discountRange: fc.oneof(
    discount.map((d) => [[d]]),
    fc.array(discount, { minLength: 1, maxLength: 4 }).map(column),
  ),
  modelEach: each(model),
  routeTo: fc.oneof(fc.constant(null), each(model)),
  mtokEach: each(money),
  moneyEach: each(money),
  shareEach: fc.oneof(fc.constant(null), each(share)),
  discountEach: fc.oneof(fc.constant(null), each(discount)),
};

// ---------------------------------------------------------------------------------------------
// Ledger helpers

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
const close = (a: number, b: number, scale: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, scale);

interface Deal {
  commit: number;
  usage: number[];
  discount: number;
  overage: number | "committed";
  carryover: number;
  period: number;
}

/** Usage with its last month above 0 (trailing zero months are not months: see DOMAIN.md). */
const series = fc
  .tuple(
    fc.array(
      fc.oneof(
        { weight: 5, arbitrary: fc.double({ min: 0, max: 1e7, noNaN: true }) },
        { weight: 1, arbitrary: fc.constant(0) },
      ),
      {
        maxLength: 59,
      },
    ),
    fc.double({ min: 1, max: 1e7, noNaN: true }),
  )
  .map(([head, last]) => [...head, last]);
const deal: fc.Arbitrary<Deal> = fc.record({
  commit: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 2e8, noNaN: true })),
  usage: series,
  discount: fc.double({ min: 0, max: 0.95, noNaN: true }),
  overage: fc.oneof(fc.double({ min: 0, max: 3, noNaN: true }), fc.constant("committed" as const)),
  carryover: fc.double({ min: 0, max: 1, noNaN: true }),
  period: fc.integer({ min: 1, max: 36 }),
});

/** The properties, over the shipped functions. */
export function properties({ functions, parameters }: Shipped): NamedProperty[] {
  const fn = (id: string) => {
    const f = functions.get(id);
    if (!f) throw new Error(`the bundle has no ${id}`);
    return (...args: unknown[]) => f(...args);
  };
  const num = (id: string) => {
    const f = fn(id);
    return (...args: unknown[]): number => {
      let out = f(...args);
      // A lifted function (DOMAIN.md "Arrays in, arrays out") returns a 1x1 array for single values.
      if (Array.isArray(out) && out.length === 1 && Array.isArray(out[0]) && out[0].length === 1) out = out[0][0];
      if (typeof out !== "number" || !Number.isFinite(out)) throw new Error(`${id} returned ${describe(out)}`);
      return out;
    };
  };
  const totalCost = num("TOTAL_COST");
  const ledger = fn("LEDGER");
  const scaleOf = (d: Deal) => Math.max(d.commit * Math.ceil(d.usage.length / d.period), sum(d.usage)) * 3;
  const cost = (d: Deal, changes: Partial<Deal> = {}) => {
    const x = { ...d, ...changes };
    return totalCost(x.commit, column(x.usage), x.discount, x.overage, x.carryover, x.period);
  };
  const m = (d: Deal) => (d.overage === "committed" ? 1 - d.discount : d.overage);

  const ledgerInvariants = fc.property(deal, (d) => {
    const args = [d.commit, column(d.usage), d.discount, d.overage, d.carryover, d.period];
    const table = ledger(...args) as (number | string)[][];
    const rows = table.slice(1).map((r) => r.map(Number));
    const s = scaleOf(d);
    const col = (i: number) => rows.map((r) => r[i]!);
    const [commit, carryIn, drawn, unused, carryOut, forfeited, overage, billed] = [2, 3, 4, 5, 6, 7, 8, 9].map(
      col,
    ) as [number[], number[], number[], number[], number[], number[], number[], number[]];
    rows.forEach((_, k) => {
      for (const v of [
        commit[k]!,
        carryIn[k]!,
        drawn[k]!,
        unused[k]!,
        carryOut[k]!,
        forfeited[k]!,
        overage[k]!,
        billed[k]!,
      ]) {
        if (!(v >= 0)) throw new Error(`period ${k + 1}: a negative figure ${v}`);
      }
      if (!close(commit[k]! + carryIn[k]! + overage[k]!, drawn[k]! + unused[k]!, s))
        throw new Error(`period ${k + 1}: available + overage != drawn + unused`);
      if (!close(unused[k]!, carryOut[k]! + forfeited[k]!, s))
        throw new Error(`period ${k + 1}: unused != carried + forfeited`);
      if (Math.min(unused[k]!, overage[k]!) > 1e-9 * s) throw new Error(`period ${k + 1}: both unused and overage`);
      if (k > 0 && !close(carryIn[k]!, carryOut[k - 1]!, s))
        throw new Error(`period ${k + 1}: carry in != last carry out`);
    });
    if (carryOut[rows.length - 1] !== 0) throw new Error("the last period carries out");
    const commitment = sum(commit);
    const waste = num("COMMIT_WASTE")(d.commit, column(d.usage), d.discount, d.carryover, d.period);
    if (!close(waste, sum(forfeited), s)) throw new Error("COMMIT_WASTE != the ledger's forfeited");
    if (waste < -1e-9 * s || waste > commitment + 1e-9 * s)
      throw new Error(`waste ${waste} outside [0, ${commitment}]`);
    if (!close(commitment + sum(overage), sum(drawn) + sum(forfeited), s))
      throw new Error("commitment + overage != drawn + forfeited");
    const u = num("UTILIZATION")(d.commit, column(d.usage), d.discount, d.carryover, d.period);
    if (u < 0 || u > 1) throw new Error(`utilization ${u}`);
    if (commitment > 0 && !close(u, 1 - waste / commitment, 1))
      throw new Error("utilization != 1 - waste / commitment");
    const c = num("COVERAGE")(d.commit, column(d.usage), d.discount, d.carryover, d.period);
    if (c < 0 || c > 1) throw new Error(`coverage ${c}`);
    const total = cost(d);
    if (!close(total, commitment + sum(billed), s)) throw new Error("TOTAL_COST != commitment + billed overage");
    const esr = num("ESR")(...args);
    if (!close(esr, 1 - total / sum(d.usage), s / sum(d.usage))) throw new Error("ESR != 1 - cost / list");
  });

  const monotone = fc.property(
    deal,
    fc.double({ min: 0, max: 3, noNaN: true }),
    fc.double({ min: 0, max: 1, noNaN: true }),
    (d, m2, k2) => {
      const s = scaleOf(d);
      const [lo, hi] = [m(d), m2].sort((a, b) => a - b) as [number, number];
      if (cost(d, { overage: lo }) > cost(d, { overage: hi }) + 1e-9 * s)
        throw new Error("cost fell as the overage rate rose");
      const [k1, k3] = [d.carryover, k2].sort((a, b) => a - b) as [number, number];
      if (cost(d, { carryover: k3 }) > cost(d, { carryover: k1 }) + 1e-9 * s)
        throw new Error("more carryover raised the cost");
      if (cost(d) > cost(d, { carryover: 0 }) + 1e-9 * s) throw new Error("carryover raised the cost");
    },
  );

  const leverDifferences = fc.property(
    deal,
    fc.double({ min: 0, max: 0.99, noNaN: true }),
    fc.double({ min: -0.99, max: 1, noNaN: true }),
    fc.double({ min: 0, max: 1, noNaN: true }),
    (d, x, g, cap) => {
      const s = scaleOf(d) * 4;
      const U = column(d.usage);
      const check = (what: string, got: number, want: number) => {
        if (!close(got, want, s)) throw new Error(`${what}: ${got} != ${want}`);
      };
      check(
        "OVERAGE_VALUE",
        num("OVERAGE_VALUE")(d.commit, U, d.discount, d.overage, d.carryover, d.period),
        cost(d) - cost(d, { overage: "committed" }),
      );
      check(
        "CARRYOVER_VALUE",
        num("CARRYOVER_VALUE")(d.commit, U, d.discount, d.carryover, d.overage, d.period),
        cost(d, { carryover: 0 }) - cost(d),
      );
      const excluded = d.usage.map((v) => v * (1 - x));
      check(
        "EXCLUSION_COST",
        num("EXCLUSION_COST")(d.commit, U, d.discount, x, d.overage, d.carryover, d.period),
        cost(d, { usage: excluded }) + m(d) * x * sum(d.usage) - cost(d),
      );
      const uplifted = d.usage.map((v, t) => v * Math.pow(1 + g, Math.floor(t / 12)));
      check(
        "PRICE_LOCK_VALUE",
        num("PRICE_LOCK_VALUE")(d.commit, U, d.discount, g, d.overage, d.carryover, d.period),
        cost(d, { usage: uplifted }) - cost(d),
      );
      const T = d.usage.length;
      check(
        "HORIZON_COST over the whole usage",
        num("HORIZON_COST")(d.commit, U, d.discount, T, 0.85, d.overage, d.carryover, d.period),
        cost(d),
      );
      const t = 1 + Math.floor(x * T);
      if (t < T && d.usage[t - 1]! > 0) {
        check(
          "HORIZON_COST",
          num("HORIZON_COST")(d.commit, U, d.discount, t, cap, d.overage, d.carryover, d.period),
          cost(d, { usage: d.usage.slice(0, t) }) + cap * sum(d.usage.slice(t)),
        );
      }
      check(
        "RENEWAL_CAP_VALUE",
        num("RENEWAL_CAP_VALUE")(U, d.discount, cap),
        sum(d.usage) * Math.max(0, 1 - (1 - d.discount) * (1 + cap)),
      );
      if (T <= d.period) {
        check(
          "TRUE_FORWARD_COST in one period",
          num("TRUE_FORWARD_COST")(d.commit, U, d.discount, g, d.overage, d.carryover, d.period),
          0,
        );
        check(
          "RATCHET_COST in one period",
          num("RATCHET_COST")(d.commit, U, d.discount, d.overage, d.carryover, d.period),
          0,
        );
      }
      // With overage at the committed rate, a higher commit never lowers the cost: step-ups and ratchets cost >= 0.
      const committed = [d.commit, U, d.discount, Math.abs(g)] as const;
      if (num("TRUE_FORWARD_COST")(...committed, "committed", d.carryover, d.period) < -1e-9 * s)
        throw new Error("a step-up saved money at the committed rate");
      if (num("RATCHET_COST")(d.commit, U, d.discount, "committed", d.carryover, d.period) < -1e-9 * s)
        throw new Error("a ratchet saved money at the committed rate");
    },
  );

  const leverTable = fc.property(deal, fc.double({ min: 0, max: 1, noNaN: true }), (d, k2) => {
    const s = scaleOf(d) * 4;
    const terms = [
      ["key", "draft", "ask"],
      ["commit", d.commit, d.commit],
      ["discount", d.discount, d.discount],
      ["overage_rate", d.overage, "committed"],
      ["carryover", d.carryover, k2],
      ["period_months", d.period, d.period],
    ];
    const result = call(fn("LEVER_VALUES"), [column(d.usage), terms]);
    if (d.overage === 0) {
      // A 0 in a terms table is a blank on Excel desktop, and an overage rate of 0 is no real term:
      // #VALUE! naming the cell (DOMAIN.md "Blank cells inside ranges").
      const e = "thrown" in result ? (result.thrown as { code?: string; message?: string }) : undefined;
      if (e?.code !== "#VALUE!" || !/overage_rate is blank or 0 at row 4, column 2/.test(e.message ?? ""))
        throw new Error(`overage_rate 0: expected #VALUE!, got ${JSON.stringify(e ?? result)}`);
      return;
    }
    if (!("value" in result)) throw new Error(`LEVER_VALUES threw ${JSON.stringify(result.thrown)}`);
    const table = result.value as (number | string)[][];
    const value = (lever: string) => table.find((r) => r[0] === lever)?.[3] as number | undefined;
    const want = {
      "Overage rate": cost(d) - cost(d, { overage: "committed" }),
      Carryover: cost(d) - cost(d, { carryover: k2 }),
      "All asks together": cost(d) - cost(d, { overage: "committed", carryover: k2 }),
    };
    for (const [lever, expected] of Object.entries(want)) {
      const got = value(lever);
      const shown = got !== undefined || lever === "All asks together";
      if (!shown) {
        // Draft equal to ask: no row, and no money in it.
        if (!close(expected, 0, s)) throw new Error(`${lever}: no row, but worth ${expected}`);
        continue;
      }
      if (got === undefined || !close(got, expected, s)) throw new Error(`${lever}: ${got} != ${expected}`);
    }
  });

  const ids = FUNCTIONS.map((f) => f.id);
  const namesOf = (id: string) => (parameters.get(id) ?? []).map((p) => p.name);
  const keepsContract = (id: string, args: unknown[]) => {
    const why = contractBreach(namesOf(id), args, call(functions.get(id)!, args));
    if (why) throw new Error(`LEVERS.${id}: ${why}`);
  };

  const anyJunk = fc.property(
    fc
      .constantFrom(...ids)
      .chain((id) => fc.tuple(fc.constant(id), fc.array(junk, { maxLength: namesOf(id).length + 2 }))),
    ([id, args]) => keepsContract(id, args),
  );

  const junkInGoodCalls = fc.property(
    fc
      .constantFrom(...FUNCTIONS)
      .chain((line) =>
        fc.tuple(
          fc.constant(line),
          fc.array(fc.tuple(fc.nat({ max: Math.max(0, line.good.length - 1) }), junk), { minLength: 1, maxLength: 3 }),
        ),
      ),
    ([line, changes]) => {
      const args = [...line.good];
      for (const [i, v] of changes) args[i] = v;
      keepsContract(line.id, args);
    },
  );

  const rightKinds = fc.property(
    fc
      .constantFrom(...FUNCTIONS)
      .chain((line) => fc.tuple(fc.constant(line.id), fc.tuple(...line.kinds.map((k) => KIND_VALUES[k])))),
    ([id, args]) => keepsContract(id, args),
  );

  // DOMAIN.md "Tracking a signed deal": the burn-down is the ledger over actuals + projection, read per period.
  const burndownInvariants = fc.property(deal, fc.nat(), (d, at) => {
    // The actuals end on a month above 0 (a trailing 0 is not yet in, DOMAIN.md "Usage series") or are none.
    let k = at % (d.usage.length + 1);
    while (k > 0 && d.usage[k - 1] === 0) k--;
    const actuals = column(d.usage.slice(0, k));
    const projection = column(d.usage.slice(k));
    const table = fn("BURNDOWN")(d.commit, actuals, projection, d.discount, d.overage, d.carryover, d.period) as (
      number | string
    )[][];
    const rows = table.slice(1).map((r) => r.map(Number));
    const whole = (ledger(d.commit, column(d.usage), d.discount, d.overage, d.carryover, d.period) as number[][])
      .slice(1)
      .map((r) => r.map(Number));
    const s = scaleOf(d);
    if (rows.length !== whole.length) throw new Error(`${rows.length} periods, the ledger has ${whole.length}`);
    rows.forEach((r, p) => {
      const l = whole[p]!;
      // Period, months, commit, carry in; projected drawn, forfeited, billed overage: the ledger's.
      const pairs: [number, number][] = [
        [r[0]!, l[0]!],
        [r[1]!, l[1]!],
        [r[2]!, l[2]!],
        [r[3]!, l[3]!],
        [r[8]!, l[4]!],
        [r[9]!, l[7]!],
        [r[10]!, l[9]!],
      ];
      for (const [got, want] of pairs) if (!close(got, want, s)) throw new Error(`period ${p + 1}: ${got} vs ${want}`);
      if (r[4]! > r[8]! + 1e-9 * s) throw new Error(`period ${p + 1}: drawn to date ${r[4]} > projected ${r[8]}`);
      if (r[5]! < 0 || r[7]! < 0) throw new Error(`period ${p + 1}: a negative remaining or need`);
      if (r[6]! === 0 && r[7]! !== 0) throw new Error(`period ${p + 1}: a need with no months left`);
    });
    const current = k === 0 ? 0 : Math.ceil(k / d.period) - 1;
    const short = num("SHORTFALL")(d.commit, actuals, projection, d.discount, d.carryover, d.period);
    const forfeited = (ledger(d.commit, column(d.usage), d.discount, 1, d.carryover, d.period) as number[][])[
      current + 1
    ]![7]!;
    if (!close(short, forfeited, s)) throw new Error(`SHORTFALL ${short} vs the ledger's ${forfeited}`);
    // An empty projection: the term ends with the actuals, and every projected column is the ledger's over them.
    if (k > 0) {
      const alone = (fn("BURNDOWN")(d.commit, actuals, [], d.discount, d.overage, d.carryover, d.period) as number[][])
        .slice(1)
        .map((r) => r.map(Number));
      const own = (ledger(d.commit, actuals, d.discount, d.overage, d.carryover, d.period) as number[][])
        .slice(1)
        .map((r) => r.map(Number));
      alone.forEach((r, p) => {
        const l = own[p]!;
        if (![r[8]! - l[4]!, r[9]! - l[7]!, r[10]! - l[9]!].every((x) => Math.abs(x) <= 1e-9 * s))
          throw new Error(`empty projection, period ${p + 1}: not the ledger's`);
        if (r[6] !== 0 || !close(r[4]!, l[4]!, s)) throw new Error(`empty projection, period ${p + 1}: months left`);
      });
    }
  });

  // DOMAIN.md "Arrays in, arrays out": a column of commits by a row of discounts is the grid of single calls.
  const liftedGrid = fc.property(
    deal,
    fc.array(fc.double({ min: 0, max: 2e8, noNaN: true }), { minLength: 1, maxLength: 4 }),
    fc.array(fc.double({ min: 0, max: 0.95, noNaN: true }), { minLength: 1, maxLength: 4 }),
    (d, commits, discounts) => {
      for (const id of ["TOTAL_COST", "OVERAGE_VALUE", "ESR"]) {
        const grid = fn(id)(
          commits.map((c) => [c]),
          column(d.usage),
          [discounts],
          d.overage,
          d.carryover,
          d.period,
        ) as unknown[][];
        if (grid.length !== commits.length) throw new Error(`${id}: ${grid.length} rows for ${commits.length} commits`);
        commits.forEach((c, r) =>
          discounts.forEach((x, k) => {
            const one = num(id)(c, column(d.usage), x, d.overage, d.carryover, d.period);
            if (grid[r]![k] !== one) throw new Error(`${id} [${r}, ${k}]: ${describe(grid[r]![k])} vs ${one}`);
          }),
        );
      }
    },
  );

  return [
    named("ledger invariants (LEDGER, COMMIT_WASTE, UTILIZATION, COVERAGE, TOTAL_COST, ESR)", 2, ledgerInvariants),
    named("lifted grids are the single calls, element by element", 1, liftedGrid),
    named("the burn-down is the ledger over actuals + projection (BURNDOWN, SHORTFALL)", 2, burndownInvariants),
    named("cost rises with the overage rate and falls with carryover", 1, monotone),
    named("lever values are ledger differences", 2, leverDifferences),
    named("LEVER_VALUES rows are ledger differences", 1, leverTable),
    named(`junk arguments, all ${FUNCTIONS.length} functions: only documented errors escape`, 6, anyJunk),
    named("junk in good calls: only documented errors escape", 6, junkInGoodCalls),
    named("values of the right kinds: finite results or documented errors", 4, rightKinds),
  ];
}
