/**
 * The public contract (FUNCTIONS.md): functions.json declares exactly the LEVERS functions with
 * their parameter names, order and optional flags, and the bundle Excel loads gives DOMAIN.md's
 * worked-example figures. The table below is FUNCTIONS.md's; when ../shared/FUNCTIONS.md is beside
 * the repository, the test also checks the table still matches it. The catalogue (src/catalogue) is
 * checked against the same hand-written table, so it never checks itself.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { CustomFunctionsError, FUNCTIONS_METADATA, ROOT, loadBundle } from "../helpers/loadBundle";
import { ensureBundle } from "../helpers/ensureBundle";
import { FUNCTIONS as CATALOGUE, FunctionId } from "../../src/catalogue/functions";
import { TERM_KEYS } from "../../src/catalogue/terms";

/** FUNCTIONS.md, as `ID: arguments` (`[x=default]` or `[x]` optional). */
const CONTRACT: Record<string, string> = {
  COMMIT_WASTE: "commit, usage, discount, [carryover=0], [period_months=12]",
  OVERAGE_VALUE: "commit, usage, discount, [overage_rate=1], [carryover=0], [period_months=12]",
  TOTAL_COST: "commit, usage, discount, [overage_rate=1], [carryover=0], [period_months=12]",
  CARRYOVER_VALUE: "commit, usage, discount, carryover, [overage_rate=1], [period_months=12]",
  UTILIZATION: "commit, usage, discount, [carryover=0], [period_months=12]",
  COVERAGE: "commit, usage, discount, [carryover=0], [period_months=12]",
  ESR: "commit, usage, discount, [overage_rate=1], [carryover=0], [period_months=12]",
  PRICE_LOCK_VALUE: "commit, usage, discount, uplift, [overage_rate=1], [carryover=0], [period_months=12]",
  TRUE_FORWARD_COST: "commit, usage, discount, step_up, [overage_rate=1], [carryover=0], [period_months=12]",
  RATCHET_COST: "commit, usage, discount, [overage_rate=1], [carryover=0], [period_months=12]",
  EXCLUSION_COST: "commit, usage, discount, excluded_share, [overage_rate=1], [carryover=0], [period_months=12]",
  RENEWAL_CAP_VALUE: "renewal_usage, discount, cap",
  HORIZON_COST:
    "commit, usage, discount, term_months, renewal_rate, [overage_rate=1], [carryover=0], [period_months=12]",
  LEDGER: "commit, usage, discount, [overage_rate=1], [carryover=0], [period_months=12]",
  CARRYOVER_CAP_COST: "commit, usage, discount, carryover, carryover_cap, [overage_rate=1], [period_months=12]",
  PRICE_BOOK: "(none)",
  PRICE: 'model, [kind="input"], [price_book]',
  LIST_COST: "model, input_mtok, output_mtok, [price_book]",
  OPTIMIZED_COST:
    "model, input_mtok, output_mtok, [cache_hit=0], [batch_share=0], [route_to], [route_share=0], [cache_write_share=0], [price_book], [cache_write_1h_share=0]",
  EFFECTIVE_DISCOUNT: "spend, discount",
  EFFECTIVE_RATE: "spend, mtok, [discount=0]",
  MONTHLY_USAGE: 'export, [by="model"], [price_book]',
  OBSERVED_DISCOUNT: "export",
  PROJECT: 'history, months, [method="linear"], [growth]',
  BAND_DISCOUNT: "commit, bands",
  NEXT_BAND: "commit, bands",
  RECOMMEND_COMMIT: "usage, bands, [overage_rate=1], [carryover=0], [period_months=12], [volatility=0]",
  COMMIT_CURVE: "usage, bands, [overage_rate=1], [carryover=0], [period_months=12], [volatility=0], [points=25]",
  LEVER_VALUES: "usage, terms",
  BURNDOWN: "commit, actuals, projection, discount, [overage_rate=1], [carryover=0], [period_months=12]",
  SHORTFALL: "commit, actuals, projection, discount, [carryover=0], [period_months=12]",
};

/**
 * What ../shared/FUNCTIONS.md already declares for open issues and the add-in does not ship yet, by
 * issue: whole functions, and optional parameters added at the end of an existing function. Each
 * entry goes when its issue lands; the test fails if FUNCTIONS.md changes in any other way.
 */
const PLANNED: Record<string, string> = {
  // Issue 27, "What each lever is worth across the futures your usage may take".
  COMMIT_RISK: "27",
  FORFEIT_CHANCE: "27",
  USAGE_VOLATILITY: "27",
};
const PLANNED_PARAMETERS: Record<string, string> = {
  // Issue 27.
  RECOMMEND_COMMIT: "[growth_volatility=0]",
  COMMIT_CURVE: "[growth_volatility=0]",
  LEVER_VALUES: "[volatility=0], [growth_volatility=0]",
};

/**
 * FUNCTIONS.md: "Every argument above except `usage` (and `LEDGER`'s, which already spills a table)
 * lifts over ranges", and BAND_DISCOUNT's commit. Lifted parameters and results are matrices in
 * functions.json (a matrix parameter takes a range; a matrix result spills).
 */
const LIFTED: Record<string, readonly string[]> = {
  COMMIT_WASTE: ["commit", "discount", "carryover", "period_months"],
  OVERAGE_VALUE: ["commit", "discount", "overage_rate", "carryover", "period_months"],
  TOTAL_COST: ["commit", "discount", "overage_rate", "carryover", "period_months"],
  CARRYOVER_VALUE: ["commit", "discount", "carryover", "overage_rate", "period_months"],
  UTILIZATION: ["commit", "discount", "carryover", "period_months"],
  COVERAGE: ["commit", "discount", "carryover", "period_months"],
  ESR: ["commit", "discount", "overage_rate", "carryover", "period_months"],
  PRICE_LOCK_VALUE: ["commit", "discount", "uplift", "overage_rate", "carryover", "period_months"],
  TRUE_FORWARD_COST: ["commit", "discount", "step_up", "overage_rate", "carryover", "period_months"],
  RATCHET_COST: ["commit", "discount", "overage_rate", "carryover", "period_months"],
  EXCLUSION_COST: ["commit", "discount", "excluded_share", "overage_rate", "carryover", "period_months"],
  RENEWAL_CAP_VALUE: ["discount", "cap"],
  HORIZON_COST: ["commit", "discount", "term_months", "renewal_rate", "overage_rate", "carryover", "period_months"],
  CARRYOVER_CAP_COST: ["commit", "discount", "carryover", "carryover_cap", "overage_rate", "period_months"],
  // Not listed as lifting in FUNCTIONS.md: SHORTFALL is one figure, so it lifts as the ledger functions do (a decision of issue 14).
  SHORTFALL: ["commit", "discount", "carryover", "period_months"],
  BAND_DISCOUNT: ["commit"],
};

interface Declared {
  id: string;
  name: string;
  parameters?: { name: string; optional?: boolean; description?: string; dimensionality?: string }[];
  result?: { dimensionality?: string };
  description?: string;
}

const params = (args: string) =>
  args === "(none)"
    ? []
    : args
        .split(", ")
        .map((a) => ({ name: a.replace(/^\[|\]$/g, "").replace(/=.*$/, ""), optional: a.startsWith("[") }));

beforeAll(() => ensureBundle(), 300_000);

describe("functions.json", () => {
  const declared = () => (JSON.parse(readFileSync(FUNCTIONS_METADATA, "utf8")) as { functions: Declared[] }).functions;

  test("declares exactly the FUNCTIONS.md functions, in upper case, each once", () => {
    expect(
      declared()
        .map((f) => f.id)
        .sort(),
    ).toEqual(Object.keys(CONTRACT).sort());
    for (const f of declared()) expect(f.name).toBe(f.id);
  });

  test.each(Object.entries(CONTRACT))("%s: parameter names, order and optional flags", (id, args) => {
    const f = declared().find((d) => d.id === id)!;
    expect((f.parameters ?? []).map((p) => ({ name: p.name, optional: Boolean(p.optional) }))).toEqual(params(args));
  });

  test.each(Object.entries(LIFTED))("%s lifts: those parameters and its result are matrices", (id, lifted) => {
    const f = declared().find((d) => d.id === id)!;
    const matrices = (f.parameters ?? []).filter((p) => p.dimensionality === "matrix").map((p) => p.name);
    const wholeRanges = ["usage", "renewal_usage", "bands", "actuals", "projection"].filter((n) =>
      f.parameters?.some((p) => p.name === n),
    );
    expect(matrices.filter((n) => !wholeRanges.includes(n))).toEqual(lifted);
    expect(f.result?.dimensionality).toBe("matrix");
  });

  test("the catalogue lifts exactly those functions", () => {
    const lifting = (Object.keys(CATALOGUE) as FunctionId[]).filter((id) => CATALOGUE[id].lifts === true);
    expect(lifting.sort()).toEqual(Object.keys(LIFTED).sort());
  });

  test("functions that do not lift keep their single-value parameters scalar", () => {
    for (const f of declared().filter((d) => !(d.id in LIFTED))) {
      for (const p of f.parameters ?? []) {
        if (
          ["commit", "discount", "months", "kind", "method", "growth"].includes(p.name) &&
          f.id !== "EFFECTIVE_RATE" &&
          f.id !== "EFFECTIVE_DISCOUNT"
        )
          expect([f.id, p.name, p.dimensionality ?? "scalar"]).toEqual([f.id, p.name, "scalar"]);
      }
    }
  });

  test("every function and parameter has help text, and every numeric parameter states its unit", () => {
    for (const f of declared()) {
      expect(f.description?.length).toBeGreaterThan(20);
      for (const p of f.parameters ?? []) {
        expect(p.description?.length).toBeGreaterThan(10);
      }
    }
    // A unit word, or for a word argument its quoted choices.
    const units = /dollars|decimal|months|MTok|list|fraction|count|whole number|text|model|range|bands|columns|"/i;
    for (const f of declared())
      for (const p of f.parameters ?? [])
        expect([f.id, p.name, p.description]).toEqual([f.id, p.name, expect.stringMatching(units)]);
  });

  // CI runs with ../shared beside the clone; a checkout without it has only the table above.
  const shared = join(ROOT, "..", "shared", "FUNCTIONS.md");
  if (existsSync(shared)) {
    test("the table above is FUNCTIONS.md's", () => {
      const rows = [...readFileSync(shared, "utf8").matchAll(/^\| `([A-Z_]+)` \| ([^|]*) \|/gm)];
      const fromDoc = Object.fromEntries(rows.map((m) => [m[1]!, m[2]!.trim()]));
      const shipped = Object.fromEntries(
        Object.entries(CONTRACT).map(([id, args]) => [
          id,
          PLANNED_PARAMETERS[id] ? `${args}, ${PLANNED_PARAMETERS[id]}` : args,
        ]),
      );
      for (const id of Object.keys(PLANNED)) {
        expect(fromDoc[id]).toBeDefined();
        delete fromDoc[id];
      }
      expect(fromDoc).toEqual(shipped);
    });
  }
});

/** A default as FUNCTIONS.md writes it: a number, or a quoted word. */
const literal = (text: string): unknown => (text.startsWith('"') ? text.slice(1, -1) : Number(text));

describe("the catalogue (src/catalogue/functions.ts)", () => {
  test("declares exactly the FUNCTIONS.md functions", () => {
    expect(Object.keys(CATALOGUE).sort()).toEqual(Object.keys(CONTRACT).sort());
    for (const [id, entry] of Object.entries(CATALOGUE)) expect(entry.id).toBe(id);
  });

  test.each(Object.entries(CONTRACT))("%s: parameter names, order, optional flags and defaults", (id, args) => {
    const entry = CATALOGUE[id as FunctionId];
    expect(entry.params.map((p) => ({ name: p.name, optional: p.optional }))).toEqual(params(args));
    const written = args === "(none)" ? [] : args.split(", ");
    entry.params.forEach((p, i) => {
      // The entry's optional flag (which the formula builder types) is its reader's (which the runner reads).
      expect([p.name, p.param.optional]).toEqual([p.name, p.optional]);
      const fallback = /=(.*)\]$/.exec(written[i]!)?.[1];
      // price_book's default is the built-in book, which FUNCTIONS.md does not write out.
      if (p.name !== "price_book") expect([p.name, p.param.fallback]).toEqual([p.name, fallback && literal(fallback)]);
    });
  });

  test("every parameter's Excel help names the unit its catalogue entry gives", () => {
    const metadata = JSON.parse(readFileSync(FUNCTIONS_METADATA, "utf8")) as { functions: Declared[] };
    for (const f of metadata.functions) {
      const entry = CATALOGUE[f.id as FunctionId];
      (f.parameters ?? []).forEach((p, i) => {
        const unit = entry.params[i]!.unit.toLowerCase();
        expect([f.id, p.name, p.description?.toLowerCase().includes(unit)]).toEqual([f.id, p.name, true]);
      });
    }
  });

  test("LEVER_VALUES's help lists every terms-table key, in the catalogue's order", () => {
    const metadata = JSON.parse(readFileSync(FUNCTIONS_METADATA, "utf8")) as { functions: Declared[] };
    const terms = metadata.functions.find((f) => f.id === "LEVER_VALUES")!.parameters!.find((p) => p.name === "terms")!;
    const listed = /keys: ([a-z_, ]+)\)/.exec(terms.description ?? "")?.[1]?.split(", ");
    expect(listed).toEqual(TERM_KEYS);
  });
});

describe("dist/functions.js, called the way Excel calls it", () => {
  const column = (values: number[]) => values.map((v) => [v]);
  const flat = (n: number, v: number) => new Array<number>(n).fill(v);
  const ex1 = column(flat(12, 100_000));
  const ex2 = column([...flat(12, 80_000), ...flat(12, 120_000)]);

  test("DOMAIN.md worked examples 1 and 2", () => {
    const f = loadBundle();
    // A lifted function returns a 1x1 array for single values (a cell shows its one value).
    const call = (id: string, ...args: unknown[]) => {
      const result = f.get(id)!(...args);
      return Array.isArray(result) && result.length === 1 && (result[0] as unknown[]).length === 1
        ? (result[0] as unknown[])[0]
        : result;
    };
    expect(call("COMMIT_WASTE", 1_000_000, ex1, 0.2, null, null)).toBeCloseTo(40_000, 6);
    expect(call("TOTAL_COST", 1_000_000, ex1, 0.2, null, null, null)).toBeCloseTo(1_000_000, 6);
    expect(call("UTILIZATION", 1_000_000, ex1, 0.2, null, null)).toBeCloseTo(0.96, 12);
    expect(call("ESR", 1_000_000, ex1, 0.2, null, null, null)).toBeCloseTo(1 / 6, 12);
    expect(call("TOTAL_COST", 900_000, ex1, 0.2, null, null, null)).toBeCloseTo(975_000, 6);
    expect(call("OVERAGE_VALUE", 900_000, ex1, 0.2, null, null, null)).toBeCloseTo(15_000, 6);
    expect(call("COMMIT_WASTE", 1_000_000, ex2, 0.2, null, null)).toBeCloseTo(232_000, 6);
    expect(call("TOTAL_COST", 1_000_000, ex2, 0.2, null, null, null)).toBeCloseTo(2_190_000, 6);
    expect(call("OVERAGE_VALUE", 1_000_000, ex2, 0.2, null, null, null)).toBeCloseTo(38_000, 6);
    expect(call("TOTAL_COST", 1_000_000, ex2, 0.2, 1, 0.5, null)).toBeCloseTo(2_045_000, 6);
    expect(call("CARRYOVER_VALUE", 1_000_000, ex2, 0.2, 0.5, null, null)).toBeCloseTo(145_000, 6);
  });

  test("a bad argument comes back as the Excel error Excel shows, with its message", () => {
    const f = loadBundle();
    let thrown: unknown;
    try {
      f.get("COMMIT_WASTE")!(1_000_000, [[1], ["n/a"]], 0.2, null, null);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(CustomFunctionsError);
    expect(thrown).toMatchObject({
      code: "#VALUE!",
      message: 'usage: text "n/a" at row 2, column 1; expected a number',
    });
  });
});
