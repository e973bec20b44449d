/**
 * The contract lives in docs/ (DOMAIN.md, FUNCTIONS.md, EXPORTS.md). Code, tests and docs cite its
 * sections by name (`DOMAIN.md "Errors"`, `FUNCTIONS.md "Tracking a signed deal"`): every section
 * cited must be a heading of that file, so a renamed section cannot leave citations pointing nowhere.
 * A heading matches a citation when it is the name, or the name followed by a note in brackets
 * ("Errors (what a cell shows)", "FOCUS (FinOps Open Cost and Usage Specification) [doc]").
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { ROOT } from "../helpers/loadBundle";

const CONTRACT = ["DOMAIN.md", "FUNCTIONS.md", "EXPORTS.md"] as const;

/** The headings (any level) of a contract file. */
function headings(file: string): string[] {
  return [...readFileSync(join(ROOT, "docs", file), "utf8").matchAll(/^#{2,4} (.+)$/gm)].map((m) => m[1]!.trim());
}

/** Every source, test, script and doc file that may cite the contract. */
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "node_modules" ? [] : files(path);
    return /\.(ts|js|mjs|md)$/.test(name) ? [path] : [];
  });
}

interface Citation {
  readonly where: string;
  readonly file: string;
  readonly section: string;
}

/**
 * The citations of one file: `X.md "Section"`, `X.md, "Section"` or `X.md "A", "B"`, also when a
 * comment breaks the line between the file and the quote.
 */
function citations(path: string): Citation[] {
  // A comment's line breaks (and their `*` or `//`) read as one space.
  const text = readFileSync(path, "utf8").replace(/\s*\n[ \t]*(?:\*(?!\/)|\/\/)?[ \t]*/g, " ");
  const found: Citation[] = [];
  for (const m of text.matchAll(/\b(DOMAIN|FUNCTIONS|EXPORTS)\.md,? ((?:"[^"]+"(?:, (?="))?)+)/g)) {
    for (const q of m[2]!.matchAll(/"([^"]+)"/g))
      found.push({ where: relative(ROOT, path), file: `${m[1]!}.md`, section: q[1]! });
  }
  return found;
}

const all = [
  ...["src", "test", "bench", "scripts", "docs"].flatMap((dir) => files(join(ROOT, dir))),
  join(ROOT, "README.md"),
].flatMap(citations);

test("the code, tests and docs cite the contract's sections (a change that hides the citations fails here)", () => {
  expect(all.length).toBeGreaterThanOrEqual(80);
  for (const file of CONTRACT) expect([file, all.some((c) => c.file === file)]).toEqual([file, true]);
});

test.each(CONTRACT)("every section of %s that is cited is one of its headings", (file) => {
  const names = headings(file);
  const missing = all
    .filter((c) => c.file === file)
    .filter(
      (c) =>
        !names.some((h) => h === c.section || (/^ [([]/.test(h.slice(c.section.length)) && h.startsWith(c.section))),
    )
    .map((c) => `${c.where}: ${c.file} "${c.section}"`);
  expect(missing).toEqual([]);
});
