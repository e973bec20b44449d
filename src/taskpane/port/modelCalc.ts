/**
 * Formula evaluation for the in-memory workbook: just enough to compute the model's usage columns
 * outside Excel (LEVERS.LIST_COST, LEVERS.OPTIMIZED_COST and SUM), through the same catalogue
 * entries, readers and core the custom functions run. Anything else (the Summary's spills, a user's
 * own formulas) reads as "": the pane computes its figures from the core itself, and in Excel the
 * real functions recalculate.
 */
import { evaluate } from "../../catalogue/evaluate";
import { FunctionEntry, LIST_COST, OPTIMIZED_COST } from "../../catalogue/functions";
import { NAMESPACE } from "../../catalogue/formula";
import { LeverError } from "../../core";
import type { CellValue } from "./port";
import type { CalcContext } from "./memoryPort";

type Arg =
  | { kind: "text"; text: string }
  | { kind: "number"; value: number }
  | { kind: "ref"; ref: string }
  /** An array constant, `{12,24,36}` (rows split by ";"), as Excel passes it: a 2-D array. */
  | { kind: "array"; values: (number | string)[][] };

/** `{1,2;3,4}` as rows of numbers (or text where a cell is not a number). */
function arrayConstant(text: string): (number | string)[][] {
  return text
    .slice(1, -1)
    .split(";")
    .map((row) =>
      row.split(",").map((cell) => {
        const t = cell.trim();
        return t !== "" && !Number.isNaN(Number(t)) ? Number(t) : t.replace(/^"|"$/g, "");
      }),
    );
}

/** Splits "=NAME(a,b,...)" into the function name and its top-level arguments. */
export function parseCall(formula: string): { name: string; args: Arg[] } | undefined {
  const m = /^=\s*([A-Za-z][A-Za-z0-9_.]*)\((.*)\)\s*$/s.exec(formula);
  if (!m) return undefined;
  const args: Arg[] = [];
  const body = m[2]!;
  let current = "";
  let quoted = false;
  let depth = 0;
  const push = () => {
    const text = current.trim();
    current = "";
    if (text.startsWith("{") && text.endsWith("}")) args.push({ kind: "array", values: arrayConstant(text) });
    else if (text.startsWith('"') && text.endsWith('"'))
      args.push({ kind: "text", text: text.slice(1, -1).replace(/""/g, '"') });
    else if (text !== "" && !Number.isNaN(Number(text))) args.push({ kind: "number", value: Number(text) });
    else args.push({ kind: "ref", ref: text });
  };
  for (const ch of body) {
    if (ch === '"') quoted = !quoted;
    if (!quoted && (ch === "(" || ch === "{")) depth++;
    if (!quoted && (ch === ")" || ch === "}")) depth--;
    if (!quoted && depth === 0 && ch === ",") push();
    else current += ch;
  }
  if (body.trim() !== "" || args.length > 0) push();
  return { name: m[1]!.toUpperCase(), args };
}

/** The functions the in-memory workbook computes: the model's usage columns. */
const COMPUTED: ReadonlyMap<string, FunctionEntry> = new Map<string, FunctionEntry>(
  [LIST_COST, OPTIMIZED_COST].map((entry) => [`${NAMESPACE}.${entry.id}`, entry]),
);

/** An argument as Excel would pass it: text, a number, a range's values (a 2-D array), or null when left empty. */
function value(arg: Arg, context: CalcContext): unknown {
  if (arg.kind === "text") return arg.text;
  if (arg.kind === "number") return arg.value;
  if (arg.kind === "array") return arg.values;
  if (arg.ref === "") return null;
  return context.read(arg.ref) ?? null;
}

/** Evaluates one formula of the model; throws (the cell reads as "") on anything it does not know. */
export function calculateModelFormula(formula: string, context: CalcContext): CellValue {
  const call = parseCall(formula);
  if (!call) throw new Error(`cannot evaluate ${formula}`);
  if (call.name === "SUM") {
    let total = 0;
    for (const arg of call.args) {
      if (arg.kind === "number") total += arg.value;
      if (arg.kind === "ref") {
        for (const row of context.read(arg.ref) ?? []) for (const v of row) if (typeof v === "number") total += v;
      }
    }
    return total;
  }
  const entry = COMPUTED.get(call.name);
  if (!entry) throw new Error(`cannot evaluate ${call.name}`);
  const result = evaluate(
    entry,
    call.args.map((arg) => value(arg, context)),
  );
  if (result instanceof LeverError) throw new Error(result.message);
  if (typeof result !== "number") throw new Error(`${call.name} did not return one number`);
  return result;
}
