/**
 * The doc examples are tests, mechanically: every `=LEVERS.X(...)` → value (or "returns **value**")
 * in README.md, and every JSDoc `@example` in src/functions/*.ts (`@example =LEVERS.X(...) → value`,
 * or `→ {a;b}` for a spilled column), is called through the built bundle, as Excel calls it, and must
 * give the number the example prints, to the digits it prints. Placeholders are the README's own:
 * U1 = 12 months of 100,000; U2 = 12 months of 80,000 then 12 of 120,000; "N months of X"; array
 * constants `{a;b}` (a column) and `{a,b;c,d}` (rows of columns, as Excel writes them). An example
 * this test cannot read fails it, so a new example cannot slip past.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ensureBundle } from "../helpers/ensureBundle";
import { FUNCTIONS_METADATA, ROOT, loadBundle } from "../helpers/loadBundle";

const months = (n: number, v: number) => Array.from({ length: n }, () => [v]);
const PLACEHOLDERS: Record<string, unknown[][]> = {
  U1: months(12, 100_000),
  U2: [...months(12, 80_000), ...months(12, 120_000)],
};

/** One value as an example writes it: a number or a quoted string. */
function scalar(text: string): number | string {
  const t = text.trim();
  if (/^-?[\d.]+$/.test(t)) return Number(t);
  if (/^".*"$/.test(t)) return t.slice(1, -1);
  throw new Error(`example value not understood: ${t}`);
}

/** One argument as an example writes it, as Excel would pass it. */
function argument(text: string): unknown {
  const t = text.trim();
  if (t in PLACEHOLDERS) return PLACEHOLDERS[t];
  const series = /^(\d+) months of ([\d,]+)$/.exec(t);
  if (series) return months(Number(series[1]), Number(series[2]!.replace(/,/g, "")));
  // An array constant, as Excel writes it: rows split by ";", the columns of a row by ",".
  const array = /^\{(.*)\}$/.exec(t);
  if (array) return array[1]!.split(";").map((row) => row.split(",").map(scalar));
  return scalar(t);
}

/**
 * Splits "a, b, {c,d;e,f}" at the commas outside braces and quotes (the README writes "100,000", a
 * comma before three digits, only inside "N months of").
 */
function splitArgs(text: string): string[] {
  const args: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === "{") depth++;
    else if (!quoted && c === "}") depth--;
    else if (!quoted && depth === 0 && c === "," && !/^\d{3}\b/.test(text.slice(i + 1))) {
      args.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  args.push(text.slice(start).trim());
  return args;
}

interface Example {
  readonly source: string;
  readonly id: string;
  readonly args: unknown[];
  /** One figure, or a spilled column ("spills **6.5, 7.3, 8.1**"). */
  readonly expected: readonly number[];
  readonly digits: readonly number[];
}

const decimals = (printed: string) => (printed.includes(".") ? printed.split(".")[1]!.length : 0);

function examples(): Example[] {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const found: Example[] = [];
  for (const m of readme.matchAll(/`=LEVERS\.([A-Z_]+)\(([^`]*)\)` (?:→ |returns\s+\*\*)([-\d,.]+)(\s*\w*)/g)) {
    // "→ 2 periods; ..." describes a spill in words: not a single figure.
    if (/^\s*[a-z]/.test(m[4]!)) continue;
    const printed = m[3]!.replace(/,/g, "").replace(/\.$/, "");
    found.push({
      source: m[0].replace(/\s+/g, " "),
      id: m[1]!,
      args: splitArgs(m[2]!).map(argument),
      expected: [Number(printed)],
      digits: [decimals(printed)],
    });
  }
  for (const m of readme.matchAll(/`=LEVERS\.([A-Z_]+)\(([^`]*)\)` spills\s+\*\*([-\d., ]+)\*\*/g)) {
    const printed = m[3]!.split(", ");
    found.push({
      source: m[0].replace(/\s+/g, " "),
      id: m[1]!,
      args: splitArgs(m[2]!).map(argument),
      expected: printed.map(Number),
      digits: printed.map(decimals),
    });
  }
  return found;
}

/**
 * Every `@example` in the JSDoc of src/functions/*.ts, named by its file and the function it
 * documents. An `@example` runs to the next tag or the end of its comment, and must read
 * `=LEVERS.X(args) → value` (or `→ {a;b}`), X the id its block declares with `@customfunction`.
 */
function jsdocExamples(): Example[] {
  const folder = join(ROOT, "src", "functions");
  const found: Example[] = [];
  for (const file of readdirSync(folder).filter((name) => name.endsWith(".ts"))) {
    const text = readFileSync(join(folder, file), "utf8");
    for (const block of text.matchAll(/\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*export function (\w+)/g)) {
      const body = block[1]!.replace(/^[ \t]*\* ?/gm, "");
      const id = /@customfunction\s+([A-Z_]+)/.exec(body)?.[1];
      for (const tag of body.matchAll(/@example\s+([^@]*)/g)) {
        const source = `src/functions/${file} ${block[2]!}: ${tag[1]!.replace(/\s+/g, " ").trim()}`;
        const m = /^=LEVERS\.([A-Z_]+)\((.*)\) → (\{[-\d.;]+\}|-?[\d.]+)$/.exec(tag[1]!.replace(/\s+/g, " ").trim());
        if (!m) throw new Error(`${source}: not "=LEVERS.X(args) → value"`);
        if (m[1] !== id) throw new Error(`${source}: the example calls ${m[1]!}, the block declares ${id ?? "none"}`);
        const printed = m[3]!.replace(/^\{|\}$/g, "").split(";");
        found.push({
          source,
          id: m[1]!,
          args: splitArgs(m[2]!).map(argument),
          expected: printed.map(Number),
          digits: printed.map(decimals),
        });
      }
    }
  }
  return found;
}

/** Calls an example's function through the bundle and checks its figures to the digits printed. */
function check(example: Example): void {
  const functions = loadBundle();
  const declared = (
    JSON.parse(readFileSync(FUNCTIONS_METADATA, "utf8")) as { functions: { id: string; parameters?: unknown[] }[] }
  ).functions.find((f) => f.id === example.id);
  expect(declared).toBeDefined();
  // Excel passes null for every optional argument left out.
  const args = Array.from({ length: declared!.parameters?.length ?? 0 }, (_, i) => example.args[i] ?? null);
  const result = functions.get(example.id)!(...args);
  const values = Array.isArray(result) ? (result as unknown[][]).map((row) => row[0]) : [result];
  expect(values).toHaveLength(example.expected.length);
  // To the digits printed: 0.1667 is 1/6 to four places; 40,000 to the dollar.
  example.expected.forEach((want, i) => {
    expect(typeof values[i]).toBe("number");
    expect(Math.abs((values[i] as number) - want)).toBeLessThanOrEqual(0.5 * 10 ** -(example.digits[i] ?? 0));
  });
}

beforeAll(() => ensureBundle(), 300_000);

describe("README.md's LEVERS.* examples, through the built bundle", () => {
  const all = examples();
  test("the README has its examples (a change that hides them fails here)", () => {
    expect(all.length).toBeGreaterThanOrEqual(18);
  });
  test.each(all.map((e) => [e.source, e] as const))("%s", (_, example) => check(example));
});

describe("the JSDoc @examples of src/functions/*.ts, through the built bundle", () => {
  const all = jsdocExamples();
  test("the functions have their examples (a change that hides them fails here)", () => {
    expect(all.length).toBeGreaterThanOrEqual(21);
  });
  test.each(all.map((e) => [e.source, e] as const))("%s", (_, example) => check(example));
});
