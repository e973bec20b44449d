/**
 * The public contract (docs/FUNCTIONS.md): functions.json declares exactly the LEVERS functions with
 * their parameter names, order and optional flags, and the bundle Excel loads gives DOMAIN.md's
 * worked-example figures. The table below is written by hand; the test also reads docs/FUNCTIONS.md
 * (its function tables: `| \`ID\` | arguments | returns | status |`) and checks that the table below
 * and the planned lists are exactly what it declares. The catalogue (src/catalogue) is checked
 * against the same hand-written table, so it never checks itself.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CustomFunctionsError, FUNCTIONS_METADATA, ROOT, loadBundle } from "../helpers/loadBundle";
import { ensureBundle } from "../helpers/ensureBundle";
import { FUNCTIONS as CATALOGUE, FunctionId } from "../../src/catalogue/functions";
import { TERM_KEYS } from "../../src/catalogue/terms";
import { MONTHLY_BY } from "../../src/core/exports";
import { PRICE_KINDS } from "../../src/core/pricebook";
import { PROJECTION_METHODS } from "../../src/core/projection";

/** What docs/FUNCTIONS.md says ships, as `ID: arguments` (`[x=default]` or `[x]` optional). */
const CONTRACT: Record<string, string> = {
  COMMIT_WASTE: "commit, usage, discount, [carryover=0], [period_months=12], [term_months]",
  OVERAGE_VALUE: "commit, usage, discount, [overage_rate=1], [carryover=0], [period_months=12], [term_months]",
  TOTAL_COST: "commit, usage, discount, [overage_rate=1], [carryover=0], [period_months=12], [term_months]",
  CARRYOVER_VALUE: "commit, usage, discount, carryover, [overage_rate=1], [period_months=12], [term_months]",
  UTILIZATION: "commit, usage, discount, [carryover=0], [period_months=12], [term_months]",
  COVERAGE: "commit, usage, discount, [carryover=0], [period_months=12], [term_months]",
  ESR: "commit, usage, discount, [overage_rate=1], [carryover=0], [period_months=12], [term_months]",
  PRICE_LOCK_VALUE:
    "commit, usage, discount, uplift, [overage_rate=1], [carryover=0], [period_months=12], [term_months]",
  TRUE_FORWARD_COST:
    "commit, usage, discount, step_up, [overage_rate=1], [carryover=0], [period_months=12], [term_months]",
  RATCHET_COST: "commit, usage, discount, [overage_rate=1], [carryover=0], [period_months=12], [term_months]",
  EXCLUSION_COST:
    "commit, usage, discount, excluded_share, [overage_rate=1], [carryover=0], [period_months=12], [term_months]",
  RENEWAL_CAP_VALUE: "renewal_usage, discount, cap",
  HORIZON_COST:
    "commit, usage, discount, term_months, renewal_rate, [overage_rate=1], [carryover=0], [period_months=12]",
  LEDGER: "commit, usage, discount, [overage_rate=1], [carryover=0], [period_months=12], [term_months]",
  CARRYOVER_CAP_COST:
    "commit, usage, discount, carryover, carryover_cap, [overage_rate=1], [period_months=12], [term_months]",
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
  RECOMMEND_COMMIT:
    "usage, bands, [overage_rate=1], [carryover=0], [period_months=12], [volatility=0], [growth_volatility=0]",
  COMMIT_CURVE:
    "usage, bands, [overage_rate=1], [carryover=0], [period_months=12], [volatility=0], [points=25], [growth_volatility=0]",
  LEVER_VALUES: "usage, terms, [volatility=0], [growth_volatility=0]",
  COMMIT_RISK:
    "commit, usage, discount, [overage_rate=1], [carryover=0], [period_months=12], [volatility=0], [growth_volatility=0], [term_months]",
  FORFEIT_CHANCE:
    "commit, usage, discount, [carryover=0], [period_months=12], [volatility=0], [growth_volatility=0], [term_months]",
  USAGE_VOLATILITY: "history",
  BURNDOWN: "commit, actuals, projection, discount, [overage_rate=1], [carryover=0], [period_months=12], [term_months]",
  SHORTFALL: "commit, actuals, projection, discount, [carryover=0], [period_months=12], [term_months]",
};

/** A planned function or planned trailing parameters: the issue that brings them (where docs/FUNCTIONS.md names one). */
interface Planned {
  readonly issue?: string;
  readonly args: string;
}

/**
 * What docs/FUNCTIONS.md already declares for open issues and the add-in does not ship yet: whole
 * functions (with their full argument lists), and optional parameters added at the end of an
 * existing function. Each entry goes when its issue lands; the test fails if FUNCTIONS.md changes in
 * any other way.
 */
const PLANNED: Record<string, Planned> = {};
const PLANNED_PARAMETERS: Record<string, Planned> = {};
/** LEVER_VALUES terms keys docs/FUNCTIONS.md declares and the catalogue does not have yet. */
const PLANNED_TERM_KEYS: string[] = [];

/**
 * docs/FUNCTIONS.md: "every argument in the table above except `usage`, and except LEDGER's arguments
 * (LEDGER already spills a table), lifts over ranges", and BAND_DISCOUNT's commit. Lifted parameters and results are matrices in
 * functions.json (a matrix parameter takes a range; a matrix result spills).
 */
const LIFTED: Record<string, readonly string[]> = {
  COMMIT_WASTE: ["commit", "discount", "carryover", "period_months", "term_months"],
  OVERAGE_VALUE: ["commit", "discount", "overage_rate", "carryover", "period_months", "term_months"],
  TOTAL_COST: ["commit", "discount", "overage_rate", "carryover", "period_months", "term_months"],
  CARRYOVER_VALUE: ["commit", "discount", "carryover", "overage_rate", "period_months", "term_months"],
  UTILIZATION: ["commit", "discount", "carryover", "period_months", "term_months"],
  COVERAGE: ["commit", "discount", "carryover", "period_months", "term_months"],
  ESR: ["commit", "discount", "overage_rate", "carryover", "period_months", "term_months"],
  PRICE_LOCK_VALUE: ["commit", "discount", "uplift", "overage_rate", "carryover", "period_months", "term_months"],
  TRUE_FORWARD_COST: ["commit", "discount", "step_up", "overage_rate", "carryover", "period_months", "term_months"],
  RATCHET_COST: ["commit", "discount", "overage_rate", "carryover", "period_months", "term_months"],
  EXCLUSION_COST: ["commit", "discount", "excluded_share", "overage_rate", "carryover", "period_months", "term_months"],
  RENEWAL_CAP_VALUE: ["discount", "cap"],
  HORIZON_COST: ["commit", "discount", "term_months", "renewal_rate", "overage_rate", "carryover", "period_months"],
  CARRYOVER_CAP_COST: [
    "commit",
    "discount",
    "carryover",
    "carryover_cap",
    "overage_rate",
    "period_months",
    "term_months",
  ],
  // Not listed as lifting in FUNCTIONS.md: SHORTFALL is one figure, so it lifts as the ledger functions do (a decision of issue 14).
  SHORTFALL: ["commit", "discount", "carryover", "period_months", "term_months"],
  FORFEIT_CHANCE: [
    "commit",
    "discount",
    "carryover",
    "period_months",
    "volatility",
    "growth_volatility",
    "term_months",
  ],
  BAND_DISCOUNT: ["commit"],
};

interface Declared {
  id: string;
  name: string;
  parameters?: {
    name: string;
    optional?: boolean;
    description?: string;
    dimensionality?: string;
    type?: string;
    customEnumId?: string;
  }[];
  result?: { dimensionality?: string };
  description?: string;
}

const params = (args: string) =>
  args === "(none)"
    ? []
    : args
        .split(", ")
        .map((a) => ({ name: a.replace(/^\[|\]$/g, "").replace(/=.*$/, ""), optional: a.startsWith("[") }));

describe("functions.json", () => {
  beforeAll(() => ensureBundle(), 300_000);

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

  test("offers Excel's AutoComplete a choice list for each word argument, with the core's words", () => {
    const metadata = JSON.parse(readFileSync(FUNCTIONS_METADATA, "utf8")) as {
      enums?: { id: string; type: string; values: { name: string; stringValue?: string; tooltip?: string }[] }[];
      functions: Declared[];
    };
    const choices = (fn: string, param: string) => {
      const p = metadata.functions.find((f) => f.id === fn)?.parameters?.find((q) => q.name === param);
      const list = metadata.enums?.find((e) => e.id === p?.customEnumId);
      expect([fn, param, p?.type, list?.type]).toEqual([fn, param, "string", "string"]);
      for (const v of list?.values ?? []) expect(v.tooltip?.length).toBeGreaterThan(5);
      return (list?.values ?? []).map((v) => v.stringValue);
    };
    // Written out here, not read from the core: the core's lists are checked against these.
    expect(choices("PRICE", "kind")).toEqual(["input", "output", "cache_write", "cache_write_1h", "cache_read"]);
    expect(choices("PROJECT", "method")).toEqual(["linear", "exponential", "flat", "growth"]);
    expect(choices("MONTHLY_USAGE", "by")).toEqual(["model", "total"]);
    expect([...PRICE_KINDS].sort()).toEqual(choices("PRICE", "kind").sort());
    expect([...PROJECTION_METHODS].sort()).toEqual(choices("PROJECT", "method").sort());
    expect([...MONTHLY_BY].sort()).toEqual(choices("MONTHLY_USAGE", "by").sort());
    // Only these carry a list: overage_rate takes a number or "committed", and a list would type it as text.
    const listed = metadata.functions.flatMap((f) =>
      (f.parameters ?? []).filter((p) => p.customEnumId).map((p) => `${f.id}.${p.name}`),
    );
    expect(listed.sort()).toEqual(["MONTHLY_USAGE.by", "PRICE.kind", "PROJECT.method"]);
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
});

describe("the contract in docs/", () => {
  test("docs/FUNCTIONS.md declares the table above, and the planned functions and parameters", () => {
    const doc = functionRows();
    expect([...doc.keys()].sort()).toEqual([...Object.keys(CONTRACT), ...Object.keys(PLANNED)].sort());
    for (const [id, row] of doc) {
      if (id in PLANNED) {
        expect([id, row.status]).toEqual([id, { planned: true, issue: PLANNED[id]!.issue }]);
        expect([id, row.args]).toEqual([id, PLANNED[id]!.args]);
        continue;
      }
      const later = PLANNED_PARAMETERS[id];
      expect([id, row.status]).toEqual([id, { planned: false, ...(later ? { later } : {}) }]);
      expect([id, row.args]).toEqual([id, later ? `${CONTRACT[id]!}, ${later.args}` : CONTRACT[id]]);
    }
  });

  test("docs/FUNCTIONS.md lists LEVER_VALUES's terms keys: the catalogue's, and the planned ones", () => {
    const keys = termKeyRows();
    expect(
      keys
        .filter((k) => !k.planned)
        .map((k) => k.key)
        .sort(),
    ).toEqual([...TERM_KEYS].sort());
    expect(keys.filter((k) => k.planned).map((k) => k.key)).toEqual(PLANNED_TERM_KEYS);
  });

  test("docs/DOMAIN.md's worked examples 1 and 2 give the figures the bundle is checked against below", () => {
    const domain = readFileSync(join(ROOT, "docs", "DOMAIN.md"), "utf8");
    const examples = /\n## Worked examples\n([\s\S]*?)(?=\n## |$)/.exec(domain)?.[1] ?? "";
    const first = /^1\. ([\s\S]*?)^2\. /m.exec(examples)?.[1] ?? "";
    const second = /^2\. ([\s\S]*?)^3\. /m.exec(examples)?.[1] ?? "";
    const words = (text: string) => text.replace(/\s+/g, " ");
    for (const figure of ["12 months of 100,000", "d = 0.2", "C = 1,000,000", "Drawn 960,000", "waste 40,000"])
      expect([1, figure, words(first).includes(figure)]).toEqual([1, figure, true]);
    for (const figure of [
      "total cost 1,000,000",
      "utilization 0.96",
      "ESR 1/6",
      "C = 900,000",
      "total 975,000",
      "saves 15,000",
    ])
      expect([1, figure, words(first).includes(figure)]).toEqual([1, figure, true]);
    for (const figure of ["80,000", "120,000", "d = 0.2", "C = 1,000,000", "waste 232,000", "total 2,190,000"])
      expect([2, figure, words(second).includes(figure)]).toEqual([2, figure, true]);
    for (const figure of ["saves 38,000", "Carryover 0.5", "total 2,045,000", "worth 145,000"])
      expect([2, figure, words(second).includes(figure)]).toEqual([2, figure, true]);
  });
});

/** The docs/FUNCTIONS.md row status: shipped, planned whole, or shipped with planned trailing parameters. */
interface RowStatus {
  readonly planned: boolean;
  readonly issue?: string;
  readonly later?: Planned;
}

/**
 * A status cell of docs/FUNCTIONS.md: `shipped`, `planned`, `planned (issue N)`, or
 * `shipped; planned[ (issue N)]: [a], [b]` (the planned parameters, which end the argument list).
 * Anything else fails the test.
 */
function parseStatus(id: string, text: string): RowStatus {
  if (text === "shipped") return { planned: false };
  const whole = /^planned(?: \(issue (\d+)\))?$/.exec(text);
  if (whole) return { planned: true, issue: whole[1] };
  const some = /^shipped; planned(?: \(issue (\d+)\))?: (\[.*\])$/.exec(text);
  if (some) return { planned: false, later: { ...(some[1] ? { issue: some[1] } : {}), args: some[2]! } };
  throw new Error(`docs/FUNCTIONS.md, ${id}: status "${text}" not understood`);
}

/** The cells of a Markdown table row, trimmed. */
const cells = (line: string) =>
  line
    .replace(/^\s*\|/, "")
    .replace(/\|\s*$/, "")
    .split("|")
    .map((c) => c.trim());

const FUNCTIONS_MD = () => readFileSync(join(ROOT, "docs", "FUNCTIONS.md"), "utf8");

/**
 * docs/FUNCTIONS.md's function rows, `| \`ID\` | arguments | returns | status |`, by id. A row with
 * another number of cells, or an id twice, fails the test.
 */
function functionRows(): Map<string, { args: string; status: RowStatus }> {
  const rows = new Map<string, { args: string; status: RowStatus }>();
  for (const line of FUNCTIONS_MD().split("\n")) {
    const id = /^\|\s*`([A-Z_]+)`\s*\|/.exec(line)?.[1];
    if (!id) continue;
    const row = cells(line);
    if (row.length !== 4) throw new Error(`docs/FUNCTIONS.md, ${id}: ${row.length} cells, not 4`);
    if (rows.has(id)) throw new Error(`docs/FUNCTIONS.md: ${id} twice`);
    rows.set(id, { args: row[1]!, status: parseStatus(id, row[3]!) });
  }
  return rows;
}

/** The terms keys of docs/FUNCTIONS.md's section "LEVER_VALUES": `| \`key\` | what it is | status |`. */
function termKeyRows(): { key: string; planned: boolean }[] {
  const text = FUNCTIONS_MD();
  const start = text.indexOf("\n## LEVER_VALUES\n");
  if (start < 0) throw new Error('docs/FUNCTIONS.md has no section "LEVER_VALUES"');
  const end = text.indexOf("\n## ", start + 1);
  const section = text.slice(start, end < 0 ? undefined : end);
  return section
    .split("\n")
    .filter((line) => /^\|\s*`[a-z_]+`\s*\|/.test(line))
    .map((line) => {
      const row = cells(line);
      const key = row[0]!.replace(/`/g, "");
      if (row.length !== 3 || !["shipped", "planned"].includes(row[2]!))
        throw new Error(`docs/FUNCTIONS.md "LEVER_VALUES", ${key}: not "| key | what it is | shipped or planned |"`);
      return { key, planned: row[2] === "planned" };
    });
}

/** A default as FUNCTIONS.md writes it: a number, or a quoted word. */
const literal = (text: string): unknown => (text.startsWith('"') ? text.slice(1, -1) : Number(text));

describe("the catalogue (src/catalogue/functions.ts)", () => {
  beforeAll(() => ensureBundle(), 300_000);

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
  beforeAll(() => ensureBundle(), 300_000);

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
