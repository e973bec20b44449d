/**
 * The eight steps in the recommended order (DOMAIN.md), one file each: what each says, which cells
 * it binds, and its figures, all computed by the core from the model as read. Pure: no DOM, no port.
 */
import { dealOf, termArgs, TermKey, TERMS } from "../../catalogue/terms";
import { LeverError, Uncertainty } from "../../core";
import { isUncertain, leverRows, parseVolatility } from "../../sheet";
import { dealCellAddress, ModelData } from "../model";
import { renameNames } from "../../sheet/a1";
import { fineprint } from "./fineprint";
import { optimize } from "./optimize";
import { overage } from "./overage";
import { protection } from "./protection";
import { size } from "./size";
import { term } from "./term";
import { FigureOptions, Figures, StepContext, StepDef, StepModule, SummaryFigures } from "./types";
import { unused } from "./unused";
import { usage } from "./usage";

export { STEP_IDS, type StepId } from "../../catalogue/termsPane";
export type * from "./types";

/** The steps in the pane's order. */
const MODULES: readonly StepModule[] = [usage, optimize, size, overage, unused, protection, term, fineprint];

export const STEPS: readonly StepDef[] = MODULES.map((m) => m.def);

/** Everything the pane shows, from the model as read. */
export function computeFigures(data: ModelData, options: FigureOptions): Figures {
  const d = data.terms.draft;
  const a = data.terms.ask;
  // The base terms: the draft's ledger terms without its fine print (lock, step-up, ratchet, exclusions).
  const { commit, discount, overage_rate, carryover, period_months } = termArgs(d);
  const base = dealOf({ commit, discount, overage_rate, carryover, period_months });
  const uncertainty = uncertaintyOf(data);
  const uncertain = options.uncertain === true && isUncertain(uncertainty);
  const { rows, draftCost } = leverRows(data.usage, data.terms, TERMS, uncertain ? uncertainty : undefined);
  // Under uncertainty, each ask's certain value too: which asks gain most from uncertainty.
  const certain = uncertain
    ? Object.fromEntries(
        leverRows(data.usage, data.terms, TERMS)
          .rows.filter((r) => r.key !== "all" && r.key !== "yardstick")
          .map((r) => [r.key, r.value]),
      )
    : undefined;
  const all = rows[rows.length - 1]!;
  // The asks, ranked; the yardstick (one point of headline discount) is a reference, not an ask.
  const levers = rows.filter((r) => r.key !== "all" && r.key !== "yardstick");
  const yardstick = rows.find((r) => r.key === "yardstick");
  const lever = (key: TermKey) => levers.find((r) => r.key === key)?.value ?? 0;
  const hasAsk = (key: TermKey) => levers.some((r) => r.key === key);

  // Formula text: a Deal cell where the key is in the table, else the neutral literal.
  const ref = (key: TermKey, column: "draft" | "ask" = "draft"): string => {
    const address = dealCellAddress(data.dealRange, key, column);
    if (address) return address;
    const v = (column === "draft" ? d : a)[TERMS[key].field];
    return v === undefined ? '""' : typeof v === "string" ? `"${v}"` : String(typeof v === "boolean" ? Number(v) : v);
  };
  const dealArgs = { commit: ref("commit"), usage: "Usage", discount: ref("discount") };
  const tail = { overage_rate: ref("overage_rate"), carryover: ref("carryover"), period_months: ref("period_months") };
  const volatility = data.assumptions.Volatility ? "Volatility" : 0;
  const growthVolatility = data.assumptions.GrowthVolatility ? "GrowthVolatility" : 0;
  const optimizedName = data.hasOptimization ? "Optimized" : "Usage";
  const sizingArgs = { usage: optimizedName, bands: "Bands", ...tail, volatility, growth_volatility: growthVolatility };

  const listTotal = sum(data.usage);
  const optimizedTotal = sum(data.optimized);
  const months = data.usage.length;
  const P = base.periodMonths;

  const context: StepContext = {
    data,
    options,
    d,
    a,
    base,
    lever,
    hasAsk,
    ref,
    dealArgs,
    tail,
    sizingArgs,
    optimizedName,
    listTotal,
    optimizedTotal,
    months,
    P,
    uncertainty,
  };
  const steps = Object.fromEntries(MODULES.map((m) => [m.def.id, m.figures(context)])) as Figures["steps"];
  return {
    steps,
    summary: {
      rows: levers,
      all,
      draftCost,
      ...(yardstick ? { yardstick } : {}),
      ...(uncertain ? { uncertainty, certain: certain } : {}),
    },
  };
}

/** The model's uncertainty: its Volatility and GrowthVolatility cells, 0 where missing or unreadable. */
export function uncertaintyOf(data: ModelData): Uncertainty {
  const read = (cell: { value: number } | undefined) => {
    const v = parseVolatility("volatility", cell?.value ?? 0);
    return v instanceof LeverError ? 0 : v;
  };
  return { volatility: read(data.assumptions.Volatility), growthVolatility: read(data.assumptions.GrowthVolatility) };
}

function sum(xs: readonly number[]): number {
  return xs.reduce((s, x) => s + x, 0);
}

/** The figures with every formula using this copy's names (Usage_2 in a second copy of the model). */
export function withNames(figures: Figures, names: ReadonlyMap<string, string>): Figures {
  if (names.size === 0) return figures;
  const steps = Object.fromEntries(
    Object.entries(figures.steps).map(([id, step]) => [
      id,
      { ...step, formulas: step.formulas.map((f) => ({ ...f, formula: renameNames(f.formula, names) })) },
    ]),
  ) as unknown as Figures["steps"];
  return { ...figures, steps };
}

/**
 * Which asks gain most from uncertainty, in one sentence (the summary and the brief): the ask whose
 * expected value across the futures is most above its value on the projection alone.
 */
export function gainsSentence(summary: SummaryFigures): string {
  const certain = summary.certain;
  if (!certain || summary.rows.length === 0) return "";
  const gains = summary.rows
    .map((r) => ({ lever: r.lever, gain: r.value - (certain[r.key as TermKey] ?? 0) }))
    .sort((a, b) => b.gain - a.gain);
  const top = gains[0]!;
  const money = (x: number) => `$${Math.round(x).toLocaleString("en-US")}`;
  return top.gain > 0.5
    ? `Across the futures your usage may take, ${top.lever.toLowerCase()} gains most from uncertainty: ${money(top.gain)} more in expectation than on the projection alone.`
    : "Across the futures your usage may take, no ask gains from uncertainty: each is worth at most what it is worth on the projection alone.";
}
