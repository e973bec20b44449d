/**
 * Safe at any size: the lint rule that keeps data-sized arrays out of argument lists in src/ (a call
 * spread or `.apply`: JavaScriptCore, in Excel for Mac and Safari, throws past 65,536 call arguments)
 * still applies to src/ and still catches what it should. The rule is read from the project's own
 * eslint.config.mjs as it resolves for a src/ file, then run on small snippets without type
 * information, so the test takes a second rather than a typed lint's many.
 */
import { Linter } from "eslint";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import tseslint from "typescript-eslint";
import { maxOf, minOf } from "../../src/core/arrays";

const ROOT = join(__dirname, "..", "..");
const RULE = "no-restricted-syntax";

/**
 * The project's no-restricted-syntax setting for a file in src/ (severity and entries), as ESLint
 * resolves eslint.config.mjs. In a child process: ESLint loads the config with a dynamic import,
 * which jest's module sandbox refuses.
 */
function projectSetting(): Linter.RuleEntry {
  const script = `
    import { ESLint } from "eslint";
    const config = await new ESLint({ cwd: process.cwd() }).calculateConfigForFile("src/core/probe.ts");
    process.stdout.write(JSON.stringify(config.rules[${JSON.stringify(RULE)}] ?? null));`;
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: ROOT, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`ESLint could not resolve the config: ${run.stderr}`);
  return JSON.parse(run.stdout) as Linter.RuleEntry;
}

let setting: Linter.RuleEntry;
beforeAll(() => {
  setting = projectSetting();
});

/** The messages the rule reports for `code` in a src/ TypeScript file. */
function lint(code: string): Linter.LintMessage[] {
  const config: Linter.Config[] = [
    { files: ["**/*.ts"], languageOptions: { parser: tseslint.parser }, rules: { [RULE]: setting } },
  ];
  const messages = new Linter().verify(code, config, "src/core/probe.ts");
  const fatal = messages.find((m) => m.fatal);
  if (fatal) throw new Error(`${code}: ${fatal.message}`);
  return messages.filter((m) => m.ruleId === RULE);
}

test("the rule is on, as an error, for files in src/", () => {
  expect([2, "error"]).toContain(Array.isArray(setting) ? setting[0] : setting);
});

test.each([
  "declare const xs: number[]; Math.max(...xs);",
  "declare const xs: number[]; Math.min(0, ...xs);",
  "declare const a: number[], b: number[]; a.push(...b);",
  "declare const codes: number[]; String.fromCharCode(...codes);",
  "declare const f: (...a: number[]) => void, xs: number[]; f(...xs);",
  "declare const f: (...a: number[]) => void, xs: number[]; f?.(...xs);",
  "declare const xs: number[]; new Array(...xs);",
  "declare const f: (...a: number[]) => void, xs: number[]; f(...[...xs]);",
  "declare const f: (...a: number[]) => void, xs: number[]; f.apply(null, xs);",
  "declare const xs: number[]; Math.max.apply(Math, xs);",
  "declare const f: (...a: number[]) => void, xs: number[]; Reflect.apply(f, null, xs);",
  'declare const f: (...a: number[]) => void, xs: number[]; f["apply"](null, xs);',
])("reported: %s", (code) => {
  const messages = lint(code);
  expect(messages.length).toBeGreaterThan(0);
  for (const m of messages) expect(m.message).toMatch(/65,536/);
});

test.each([
  "declare const f: (...a: number[]) => void; f(...[1, 2]);",
  "declare const xs: number[]; new Set(...[xs]);",
  "declare const a: number, b: number; Math.max(0, a, b);",
  "declare const xs: number[]; const ys = [...xs];",
  "declare const o: object; const p = { ...o };",
  "declare const xs: number[]; const [first, ...rest] = xs;",
  "function f(...xs: number[]) { return xs.length; }",
  "declare const xs: number[]; xs.reduce((m, x) => Math.max(m, x), -Infinity);",
  // A method of our own named apply, taking one argument (WorkbookHost.apply(ops)), is no Function.prototype.apply.
  "declare const host: { apply(ops: number[]): void }, ops: number[]; host.apply(ops);",
])("allowed: %s", (code) => {
  expect(lint(code)).toEqual([]);
});

describe("maxOf and minOf, the loops that replace Math.max(...xs) and Math.min(...xs)", () => {
  test.each([[[]], [[3]], [[1, 5, 2]], [[-0, 0]], [[0, -0]], [[1, Number.NaN, 2]], [[-Infinity, Infinity]]])(
    "give what Math.max and Math.min give: %p",
    (values: number[]) => {
      expect(maxOf(values)).toBe(Math.max(...values));
      expect(minOf(values)).toBe(Math.min(...values));
      expect(Math.max(0, maxOf(values))).toBe(Math.max(0, ...values));
    },
  );

  test("take more values than any engine takes as call arguments", () => {
    const values = Array.from({ length: 300_000 }, (_, i) => (i * 7919) % 300_001);
    expect(maxOf(values)).toBe(values.reduce((m, x) => (x > m ? x : m)));
    expect(minOf(values)).toBe(values.reduce((m, x) => (x < m ? x : m)));
  });
});
