/**
 * The manifest's <Requirements> tell the truth: each requirement set is declared at the highest
 * version the code calls without checking first. The set of each call is read where Microsoft
 * publishes it: the `[Api set: ExcelApi 1.9]` remark on its declaration in @types/office-js. The
 * TypeScript compiler resolves every property the shipped code touches to that declaration, so a
 * new call is counted without anyone keeping a list. A call inside
 * `if (Office.context.requirements.isSetSupported(SET, VERSION)) { ... }` needs only what its guard
 * checks (https://learn.microsoft.com/en-us/office/dev/add-ins/develop/specify-office-hosts-and-api-requirements).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as ts from "typescript";
import { ROOT } from "./helpers/loadBundle";
import { findAll, parseXml } from "./helpers/xml";

/** The project as tsconfig.json compiles it; the shipped code is what is under src/ (the preview never ships). */
const config = ts.getParsedCommandLineOfConfigFile(
  join(ROOT, "tsconfig.json"),
  {},
  {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    },
  },
)!;
const OFFICE_CODE = config.fileNames.filter((f) => f.startsWith(join(ROOT, "src")) && !f.includes("/src/preview/"));

interface Use {
  readonly set: string;
  readonly version: string;
  readonly what: string;
  readonly where: string;
}

function compare(a: string, b: string): number {
  const [x, y] = [a.split(".").map(Number), b.split(".").map(Number)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  }
  return 0;
}

/** `isSetSupported("ExcelApi", "1.9")` guards around `node`, as set -> version. */
function guards(node: ts.Node): Map<string, string> {
  const found = new Map<string, string>();
  for (let at: ts.Node | undefined = node; at; at = at.parent) {
    if (ts.isIfStatement(at.parent ?? at) && (at.parent as ts.IfStatement).thenStatement === at) {
      const condition = (at.parent as ts.IfStatement).expression;
      if (
        ts.isCallExpression(condition) &&
        condition.expression.getText().endsWith("isSetSupported") &&
        condition.arguments.length === 2 &&
        condition.arguments.every(ts.isStringLiteral)
      ) {
        const [set, version] = condition.arguments.map((a) => (a as ts.StringLiteral).text);
        found.set(set!, version!);
      }
    }
  }
  return found;
}

/** Every Office.js member the files use, with the requirement set its declaration names. */
function officeUses(): { uses: Use[]; guarded: Use[] } {
  const program = ts.createProgram(OFFICE_CODE, config.options);
  const checker = program.getTypeChecker();
  const uses: Use[] = [];
  const guarded: Use[] = [];
  for (const file of OFFICE_CODE) {
    const source = program.getSourceFile(file);
    if (!source) throw new Error(`${file} not found`);
    const visit = (node: ts.Node): void => {
      if (ts.isPropertyAccessExpression(node)) {
        const symbol = checker.getSymbolAtLocation(node.name);
        for (const declaration of symbol?.declarations ?? []) {
          if (!declaration.getSourceFile().fileName.includes("@types/office-js")) continue;
          const remark = /\[Api set: (\w+) ([\d.]+)/.exec(declaration.getFullText());
          if (!remark) continue;
          const use = {
            set: remark[1]!,
            version: remark[2]!,
            what: node.getText(),
            where: `${file.slice(ROOT.length + 1)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`,
          };
          const guard = guards(node).get(use.set);
          (guard !== undefined && compare(guard, use.version) >= 0 ? guarded : uses).push(use);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { uses, guarded };
}

const manifest = parseXml(readFileSync(join(ROOT, "manifest.xml"), "utf8"));
const declared = new Map(
  findAll(manifest, "Set").map((set) => [set.attributes.Name ?? "", set.attributes.MinVersion ?? ""]),
);
const { uses, guarded } = officeUses();

function highest(set: string): Use | undefined {
  return uses.filter((u) => u.set === set).sort((a, b) => compare(b.version, a.version))[0];
}

describe("manifest requirement sets against the code's Office.js calls", () => {
  it("finds the calls the pane is known to make, with their published sets", () => {
    const seen = (what: RegExp) => uses.find((u) => what.test(u.what));
    // WorksheetCollection.onChanged: ExcelApi 1.9; onCalculated: 1.8; NamedItem.formula (set): 1.7.
    expect(seen(/sheets\.onChanged$/)).toMatchObject({ set: "ExcelApi", version: "1.9" });
    expect(seen(/sheets\.onCalculated$/)).toMatchObject({ set: "ExcelApi", version: "1.8" });
    expect(seen(/getUsedRangeOrNullObject$/)).toMatchObject({ set: "ExcelApi", version: "1.4" });
  });

  it("declares ExcelApi at the highest version called without a check", () => {
    const top = highest("ExcelApi");
    expect(top).toBeDefined();
    expect({ declared: declared.get("ExcelApi"), because: top?.what }).toEqual({
      declared: top?.version,
      because: top?.what,
    });
  });

  it("declares every set the code calls unguarded, at least at the version called", () => {
    const short = [...new Set(uses.map((u) => u.set))]
      .map((set) => ({
        set,
        declared: declared.get(set) ?? "none",
        needs: highest(set)!.version,
        by: highest(set)!.where,
      }))
      .filter((s) => s.declared === "none" || compare(s.declared, s.needs) < 0);
    expect(short).toEqual([]);
  });

  it("leaves the checked call to ExcelApi 1.9's getSelectedRanges out of the count", () => {
    expect(guarded.map((u) => u.what)).toEqual(expect.arrayContaining([expect.stringMatching(/getSelectedRanges$/)]));
  });
});
