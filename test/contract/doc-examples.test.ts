/**
 * The README's examples are tests, mechanically: every `=LEVERS.X(...)` → value (or "returns
 * **value**") in README.md is called through the built bundle, as Excel calls it, and must give the
 * number the README prints, to the digits it prints. Placeholders are the README's own: U1 = 12
 * months of 100,000; U2 = 12 months of 80,000 then 12 of 120,000; "N months of X"; `{a;b}` arrays.
 * A README example this test cannot read fails it, so a new example cannot slip past.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ensureBundle } from "../helpers/ensureBundle";
import { FUNCTIONS_METADATA, ROOT, loadBundle } from "../helpers/loadBundle";

const months = (n: number, v: number) => Array.from({ length: n }, () => [v]);
const PLACEHOLDERS: Record<string, unknown[][]> = {
  U1: months(12, 100_000),
  U2: [...months(12, 80_000), ...months(12, 120_000)],
};

/** One argument as the README writes it, as Excel would pass it. */
function argument(text: string): unknown {
  const t = text.trim();
  if (/^-?[\d.]+$/.test(t)) return Number(t);
  if (/^".*"$/.test(t)) return t.slice(1, -1);
  if (t in PLACEHOLDERS) return PLACEHOLDERS[t];
  const series = /^(\d+) months of ([\d,]+)$/.exec(t);
  if (series) return months(Number(series[1]), Number(series[2]!.replace(/,/g, "")));
  const array = /^\{(.*)\}$/.exec(t);
  if (array) return array[1]!.split(";").map((v) => [Number(v)]);
  throw new Error(`README example argument not understood: ${t}`);
}

/** Splits "a, b, {c;d}" at top-level commas (the README writes "100,000" only inside "N months of"). */
function splitArgs(text: string): string[] {
  return text.split(/,(?![\d]{3}\b)/).map((a) => a.trim());
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

beforeAll(() => ensureBundle(), 300_000);

describe("README.md's LEVERS.* examples, through the built bundle", () => {
  const all = examples();
  test("the README has its examples (a change that hides them fails here)", () => {
    expect(all.length).toBeGreaterThanOrEqual(18);
  });
  test.each(all.map((e) => [e.source, e] as const))("%s", (_, example) => {
    const functions = loadBundle();
    const declared = (
      JSON.parse(readFileSync(FUNCTIONS_METADATA, "utf8")) as { functions: { id: string; parameters?: unknown[] }[] }
    ).functions.find((f) => f.id === example.id)!;
    // Excel passes null for every optional argument left out.
    const args = Array.from({ length: declared.parameters?.length ?? 0 }, (_, i) => example.args[i] ?? null);
    const result = functions.get(example.id)!(...args);
    const values = Array.isArray(result) ? (result as unknown[][]).map((row) => row[0]) : [result];
    expect(values).toHaveLength(example.expected.length);
    // To the digits printed: 0.1667 is 1/6 to four places; 40,000 to the dollar.
    example.expected.forEach((want, i) => {
      expect(typeof values[i]).toBe("number");
      expect(Math.abs((values[i] as number) - want)).toBeLessThanOrEqual(0.5 * 10 ** -(example.digits[i] ?? 0));
    });
  });
});
