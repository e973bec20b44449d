/**
 * Formula evaluation for the in-memory workbook: just enough to compute the model's usage columns
 * outside Excel (LEVERS.LIST_COST, LEVERS.OPTIMIZED_COST and SUM), with the same core the custom
 * functions call. Anything else (the Summary's spills, a user's own formulas) reads as "": the pane
 * computes its figures from the core itself, and in Excel the real functions recalculate.
 */
import * as core from "../core";
import type { CellValue } from "./port";
import type { CalcContext } from "./memoryPort";

type Arg = { kind: "text"; text: string } | { kind: "number"; value: number } | { kind: "ref"; ref: string };

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
    if (text.startsWith('"') && text.endsWith('"'))
      args.push({ kind: "text", text: text.slice(1, -1).replace(/""/g, '"') });
    else if (text !== "" && !Number.isNaN(Number(text))) args.push({ kind: "number", value: Number(text) });
    else args.push({ kind: "ref", ref: text });
  };
  for (const ch of body) {
    if (ch === '"') quoted = !quoted;
    if (!quoted && ch === "(") depth++;
    if (!quoted && ch === ")") depth--;
    if (!quoted && depth === 0 && ch === ",") push();
    else current += ch;
  }
  if (body.trim() !== "" || args.length > 0) push();
  return { name: m[1]!.toUpperCase(), args };
}

function scalar(arg: Arg | undefined, context: CalcContext): CellValue {
  if (!arg) return null;
  if (arg.kind === "text") return arg.text;
  if (arg.kind === "number") return arg.value;
  if (arg.ref === "") return null;
  return context.read(arg.ref)?.[0]?.[0] ?? null;
}

function number(arg: Arg | undefined, context: CalcContext): number {
  const v = scalar(arg, context);
  if (v === null || v === "") return 0;
  if (typeof v !== "number") throw new Error(`not a number: ${String(v)}`);
  return v;
}

function book(arg: Arg | undefined, context: CalcContext): core.PriceBook {
  if (!arg || arg.kind !== "ref") return core.DEFAULT_PRICE_BOOK;
  const parsed = core.parsePriceBook("price_book", context.read(arg.ref) ?? []);
  if (parsed instanceof core.LeverError) throw new Error(parsed.message);
  return parsed;
}

function model(prices: core.PriceBook, name: CellValue): core.PriceRow {
  const row = core.findModel(prices, "model", String(name));
  if (row instanceof core.LeverError) throw new Error(row.message);
  return row;
}

/** Evaluates one formula of the model; throws (the cell reads as "") on anything it does not know. */
export function calculateModelFormula(formula: string, context: CalcContext): CellValue {
  const call = parseCall(formula);
  if (!call) throw new Error(`cannot evaluate ${formula}`);
  const a = call.args;
  switch (call.name) {
    case "SUM": {
      let total = 0;
      for (const arg of a) {
        if (arg.kind === "number") total += arg.value;
        if (arg.kind === "ref") {
          for (const row of context.read(arg.ref) ?? []) for (const v of row) if (typeof v === "number") total += v;
        }
      }
      return total;
    }
    case "LEVERS.LIST_COST": {
      const prices = book(a[3], context);
      return core.listCost(model(prices, scalar(a[0], context)), number(a[1], context), number(a[2], context));
    }
    case "LEVERS.OPTIMIZED_COST": {
      const prices = book(a[8], context);
      const routeName = scalar(a[5], context);
      const routeTo = routeName === null || routeName === "" ? undefined : model(prices, routeName);
      const result = core.optimizedCost(
        model(prices, scalar(a[0], context)),
        number(a[1], context),
        number(a[2], context),
        {
          cacheHit: number(a[3], context),
          batchShare: number(a[4], context),
          routeShare: number(a[6], context),
          cacheWriteShare: number(a[7], context),
          ...(routeTo ? { routeTo } : {}),
        },
      );
      if (result instanceof core.LeverError) throw new Error(result.message);
      return result;
    }
    default:
      throw new Error(`cannot evaluate ${call.name}`);
  }
}
