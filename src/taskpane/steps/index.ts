/**
 * The eight steps in the recommended order (DOMAIN.md), one file each: what each says, which cells
 * it binds, and its figures, all computed by the core from the model as read. Pure: no DOM, no port.
 */
import { dealOf, termArgs, TermKey, TERMS } from "../../catalogue/terms";
import { leverRows } from "../../sheet";
import { dealCellAddress, ModelData } from "../model";
import { fineprint } from "./fineprint";
import { optimize } from "./optimize";
import { overage } from "./overage";
import { protection } from "./protection";
import { size } from "./size";
import { term } from "./term";
import { FigureOptions, Figures, StepContext, StepDef, StepModule } from "./types";
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
  const { rows, draftCost } = leverRows(data.usage, data.terms, TERMS);
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
  const optimizedName = data.hasOptimization ? "Optimized" : "Usage";
  const sizingArgs = { usage: optimizedName, bands: "Bands", ...tail, volatility };

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
  };
  const steps = Object.fromEntries(MODULES.map((m) => [m.def.id, m.figures(context)])) as Figures["steps"];
  return { steps, summary: { rows: levers, all, draftCost, ...(yardstick ? { yardstick } : {}) } };
}

function sum(xs: readonly number[]): number {
  return xs.reduce((s, x) => s + x, 0);
}
