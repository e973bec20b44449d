/**
 * The one place a `=LEVERS.…` formula is written: typed by the catalogue entry, so a call with a
 * missing required argument, an unknown one, or one in the wrong place does not compile. The model
 * definition and the pane both build their formulas here.
 */
import type { FunctionEntry, ParamEntry } from "./functions";

/** The add-in's custom-functions namespace (manifest.xml, `Namespace`). */
export const NAMESPACE = "LEVERS";

/** An argument as formula text: a reference or name ("Deal!$B$2", "Usage"), a number, or `text("…")`. */
export type FormulaArg = string | number;

type Required<Ps extends readonly ParamEntry[]> = {
  [P in Ps[number] as P["optional"] extends true ? never : P["name"]]: FormulaArg;
};
type Optional<Ps extends readonly ParamEntry[]> = {
  [P in Ps[number] as P["optional"] extends true ? P["name"] : never]?: FormulaArg;
};
/** The arguments of a call, by parameter name: the required ones must be given. */
export type CallArgs<Ps extends readonly ParamEntry[]> = Required<Ps> & Optional<Ps>;

/** A text literal as a formula argument: `text('Opus 4.5')` is `"Opus 4.5"`, inner quotes doubled. */
export function text(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}

/**
 * A call as formula text without the "=" (to combine calls): the arguments in the entry's order,
 * trailing omitted ones dropped, an omitted one between others left empty (`F(a,,c)`), as a user types.
 */
export function call<const Ps extends readonly ParamEntry[]>(
  entry: FunctionEntry<Ps, unknown, boolean>,
  args: CallArgs<Ps>,
): string {
  const given = args as Readonly<Record<string, FormulaArg | undefined>>;
  const texts = entry.params.map((p) => given[p.name]);
  while (texts.length > 0 && texts[texts.length - 1] === undefined) texts.pop();
  return `${NAMESPACE}.${entry.id}(${texts.map((t) => (t === undefined ? "" : String(t))).join(",")})`;
}

/** A cell formula calling one function: `=LEVERS.ID(…)`. */
export function formula<const Ps extends readonly ParamEntry[]>(
  entry: FunctionEntry<Ps, unknown, boolean>,
  args: CallArgs<Ps>,
): string {
  return `=${call(entry, args)}`;
}
