/**
 * The seven steps in the recommended order (DOMAIN.md), what each says, which cells it binds, and
 * its figures, all computed by the core from the model as read. Pure: no DOM, no port.
 */
import * as F from "../catalogue/functions";
import { call, formula } from "../catalogue/formula";
import { dealOf, StepId, termArgs, TermKey, TermKind, TERM_KEYS, TERMS, termsIn } from "../catalogue/terms";
import * as core from "../core";
import { LeverRow, leverRows, parseVolatility } from "../sheet";
import { dealCellAddress, ModelData, lastRows, AssumptionName } from "./model";
import { formatMoney, formatPercent, formatPrice } from "./format";

export { STEP_IDS, type StepId } from "../catalogue/terms";

export type InputKind = TermKind;

/** Where an input lives: a Deal cell (draft or ask), a named assumption cell, or a pane setting. */
export type InputTarget =
  | { readonly deal: TermKey; readonly column: "draft" | "ask" }
  | { readonly name: AssumptionName }
  | { readonly setting: "termOption" };

export interface InputSpec {
  readonly id: string;
  readonly label: string;
  readonly kind: InputKind;
  readonly target: InputTarget;
}

export interface StepDef {
  readonly id: StepId;
  readonly title: string;
  /** Two or three plain sentences: why this term matters. */
  readonly why: string;
  readonly inputs: readonly InputSpec[];
}

/** A step's deal-term inputs, a draft and an ask for each term the catalogue places in it, in catalogue order. */
const termInputs = (step: StepId): InputSpec[] =>
  TERM_KEYS.flatMap((key) => {
    const { pane, kind } = TERMS[key];
    if (pane?.step !== step) return [];
    return (["draft", "ask"] as const).map((column) => ({
      id: `${key}.${column}`,
      label: `${pane.label}, ${column}`,
      kind,
      target: { deal: key, column },
    }));
  });

export const STEPS: readonly StepDef[] = [
  {
    id: "optimize",
    title: "Optimize spend first",
    why:
      "Routing work to a cheaper model, caching repeated prompts and sending patient jobs as batch all cut what the same work costs. " +
      "Size the deal on that lower figure: a commit set against today's unoptimized bill pays for waste you already know how to remove.",
    inputs: [
      { id: "CacheHit", label: "Prompt-cache hit share of input", kind: "percent", target: { name: "CacheHit" } },
      { id: "CacheWrite", label: "Prompt-cache write share of input", kind: "percent", target: { name: "CacheWrite" } },
      { id: "BatchShare", label: "Share of traffic sent as batch", kind: "percent", target: { name: "BatchShare" } },
      {
        id: "RouteShare",
        label: "Share of top-model traffic routed down",
        kind: "percent",
        target: { name: "RouteShare" },
      },
    ],
  },
  {
    id: "size",
    title: "Size the commit and band",
    why:
      "The commit decides both the discount band you reach and how much you could forfeit. " +
      "Aim it at what optimized usage will really draw, judge the rate by the models that carry your spend, " +
      "and reach for the next band only when your usage fills it.",
    inputs: [
      ...termInputs("size"),
      {
        id: "Volatility",
        label: "Uncertainty of usage (std. dev. of log)",
        kind: "percent",
        target: { name: "Volatility" },
      },
    ],
  },
  {
    id: "overage",
    title: "Overage at the committed rate",
    why:
      "Usage past the commit is often billed at the on-demand price, so your fastest-growing months cost the most. " +
      "Overage at the committed rate makes going over neutral, and it costs the vendor little to grant.",
    inputs: termInputs("overage"),
  },
  {
    id: "unused",
    title: "Unused commitment",
    why:
      "Commitment left unused at the end of a period is usually lost. " +
      "Letting some of it carry into the next period turns a use-it-or-lose-it bet into a balance, which makes a cautious commit safe.",
    inputs: termInputs("unused"),
  },
  {
    id: "protection",
    title: "Price lock and renewal cap",
    why:
      "A good rate is worth little if list prices rise during the term or the price jumps back to list at renewal. " +
      "A lock for the term and a cap on the renewal increase keep the rate you negotiated.",
    inputs: termInputs("protection"),
  },
  {
    id: "term",
    title: "Term length",
    why:
      "A longer term can buy a better rate and protection; a shorter one keeps room to renegotiate as prices and your usage change. " +
      "Treat the length as something to trade, and compare the options over the same months.",
    inputs: [
      ...termInputs("term"),
      {
        id: "termOption",
        label: "Shorter term to compare (months)",
        kind: "months",
        target: { setting: "termOption" },
      },
    ],
  },
  {
    id: "fineprint",
    title: "Fine print",
    why:
      "Automatic step-ups of the commit, minimums that ratchet up to your best period, usage that does not count toward the commit " +
      "and renewals that reset to list each move money without looking like much on the page. " +
      "Price each one and negotiate it before you sign, while it can still move.",
    inputs: termInputs("fineprint"),
  },
];

export interface FormulaSpec {
  /** Which figure it is, for code that needs one in particular (the brief's curve). */
  readonly id?: string;
  readonly label: string;
  readonly formula: string;
  /** What the formula evaluates to, by the core, when it is one number. */
  readonly value?: number;
}

export interface CurveData {
  readonly rows: core.Expected[];
  readonly recommended: core.Expected;
  readonly bands: readonly core.Band[];
  readonly draftCommit: number;
  readonly periodMonths: number;
}

export interface StepFigures {
  readonly headline: { readonly label: string; readonly value: number };
  readonly lines: readonly { readonly label: string; readonly text: string }[];
  readonly warnings: readonly string[];
  readonly notes: readonly string[];
  readonly formulas: readonly FormulaSpec[];
  readonly curve?: CurveData;
}

export interface SummaryFigures {
  readonly rows: readonly LeverRow<TermKey>[];
  readonly all: LeverRow<TermKey>;
  readonly draftCost: number;
}

export interface Figures {
  readonly steps: Readonly<Record<StepId, StepFigures>>;
  readonly summary: SummaryFigures;
}

export interface FigureOptions {
  /** The shorter term the term step compares with, months. */
  readonly termOption: number;
}

/** Everything the pane shows, from the model as read. */
export function computeFigures(data: ModelData, options: FigureOptions): Figures {
  const d = data.terms.draft;
  const a = data.terms.ask;
  // The base terms: the draft's ledger terms without its fine print (lock, step-up, ratchet, exclusions).
  const { commit, discount, overage_rate, carryover, period_months } = termArgs(d);
  const base = dealOf({ commit, discount, overage_rate, carryover, period_months });
  const { rows, draftCost } = leverRows(data.usage, data.terms, TERMS);
  const all = rows[rows.length - 1]!;
  const levers = rows.slice(0, -1);
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

  // 1. Optimize.
  const optimize: StepFigures = {
    headline: { label: "Optimization saves over the term (list dollars)", value: listTotal - optimizedTotal },
    lines: [
      { label: "Usage at list over the term", text: formatMoney(listTotal) },
      { label: "Optimized usage over the term", text: formatMoney(optimizedTotal) },
      { label: "Months of usage", text: String(months) },
    ],
    warnings: [],
    notes: data.hasOptimization
      ? ["The commit in the next step is sized to the optimized usage."]
      : ["Your usage is in dollars without token counts, so it is taken as already optimized."],
    formulas: [
      {
        label: "Optimization savings",
        formula: `=SUM(Usage)-SUM(${optimizedName})`,
        value: listTotal - optimizedTotal,
      },
    ],
  };

  // 2. Size the commit and band, on the optimized usage.
  const vol = parseVolatility("Volatility", data.assumptions.Volatility?.value ?? 0);
  const volatilityValue = vol instanceof core.LeverError ? 0 : vol;
  const sizingTerms: core.SizingTerms = {
    overageRate: base.overageRate,
    carryover: base.carryover,
    periodMonths: P,
    volatility: volatilityValue,
  };
  const { rows: curveRows, recommended } = core.commitCurve(data.optimized, data.bands, sizingTerms, 25);
  const atDraft = core.expectedAtCommit(data.optimized, base.commit, data.bands, sizingTerms);
  const perPeriodList = (optimizedTotal * P) / months;
  const baseline = (1 - base.discount) * perPeriodList;
  const bandAtDraft = core.bandDiscount(base.commit, data.bands);
  const next = core.nextBand(base.commit, data.bands);
  const sizeWarnings: string[] = [];
  const sizeNotes: string[] = [];
  if (vol instanceof core.LeverError) sizeWarnings.push(`${vol.message}; the pane uses 0 (usage taken as certain).`);
  if (base.commit > baseline) {
    sizeWarnings.push(
      `The draft commit of ${formatMoney(base.commit)} a period is above your optimized baseline of ${formatMoney(baseline)} ` +
        `a period (at the committed rate): the difference is likely to be forfeited.`,
    );
  }
  if (next) {
    const fills = (1 - next.discount) * perPeriodList >= next.threshold;
    if (fills) {
      const atNext = core.expectedAtCommit(data.optimized, next.threshold, data.bands, sizingTerms);
      sizeNotes.push(
        `Leverage: your optimized usage fills the next band. Committing ${formatMoney(next.threshold)} ` +
          `(${formatMoney(next.gap)} more) would earn ${formatPercent(next.discount)} and change expected cost by ` +
          `${formatMoney(atDraft.cost - atNext.cost)} over the term.`,
      );
    } else {
      sizeWarnings.push(
        `The next band (${formatMoney(next.threshold)} for ${formatPercent(next.discount)}) is out of reach: your optimized usage ` +
          `would not fill it, so committing to it would hand the vendor unused commitment.`,
      );
    }
  }
  if (Math.abs(bandAtDraft - base.discount) > 1e-12) {
    sizeNotes.push(
      `The bands give ${formatPercent(bandAtDraft)} at the draft commit; the draft's discount is ${formatPercent(base.discount)}.`,
    );
  }
  if (hasAsk("commit")) sizeNotes.push(`Your commit ask is worth ${formatMoney(lever("commit"))} over the term.`);
  if (hasAsk("discount")) sizeNotes.push(`Your discount ask is worth ${formatMoney(lever("discount"))} over the term.`);
  const mixTotal = data.mix.reduce((s, m) => s + m.list, 0);
  const mixLines = data.mix
    .filter(() => data.mix.length > 1)
    .map((m) => ({
      label: `${m.label}: ${formatPercent(mixTotal > 0 ? m.list / mixTotal : 0)} of spend`,
      text:
        m.mtok && m.mtok > 0
          ? `${formatPrice(core.effectiveRate(m.list, m.mtok, base.discount) as number)}/MTok after discount`
          : "",
    }));
  const size: StepFigures = {
    headline: { label: "Sizing to the recommended commit saves (expected)", value: atDraft.cost - recommended.cost },
    lines: [
      { label: "Recommended commit per period", text: formatMoney(recommended.commit) },
      { label: "Its band discount", text: formatPercent(recommended.discount) },
      { label: "Draft commit per period", text: formatMoney(base.commit) },
      { label: "Band discount at the draft commit", text: formatPercent(bandAtDraft) },
      { label: "Expected cost at the draft commit", text: formatMoney(atDraft.cost) },
      { label: "Expected cost at the recommended commit", text: formatMoney(recommended.cost) },
      ...mixLines,
    ],
    warnings: sizeWarnings,
    notes: sizeNotes,
    formulas: [
      {
        label: "Recommended commit",
        formula: formula(F.RECOMMEND_COMMIT, sizingArgs),
        value: recommended.commit,
      },
      { label: "Next band", formula: formula(F.NEXT_BAND, { commit: ref("commit"), bands: "Bands" }) },
      { id: "curve", label: "Commit curve", formula: formula(F.COMMIT_CURVE, sizingArgs) },
    ],
    curve: { rows: curveRows, recommended, bands: data.bands, draftCommit: base.commit, periodMonths: P },
  };

  // 3. Overage.
  const draftRun = core.runLedger(data.usage, base);
  const overageFormula = core.overageValue(data.usage, base);
  const overage: StepFigures = {
    headline: { label: "Your ask is worth over the term", value: lever("overage_rate") },
    lines: [
      { label: "Overage billed in the draft (base terms)", text: formatMoney(draftRun.billedOverage) },
      { label: "OVERAGE_VALUE on the base terms", text: formatMoney(overageFormula) },
    ],
    warnings:
      core.overageMultiple(base) > 1 - base.discount && draftRun.overage > 0
        ? [
            `The draft bills usage past the commit above the committed rate: ${formatMoney(overageFormula)} more over the term.`,
          ]
        : [],
    notes: hasAsk("overage_rate") ? [] : ["Draft and ask are the same: no ask on this term yet."],
    formulas: [
      { label: "Overage value", formula: formula(F.OVERAGE_VALUE, { ...dealArgs, ...tail }), value: overageFormula },
    ],
  };

  // 4. Unused commitment.
  const askCarry = a.carryover;
  const carryFormula = core.carryoverValue(data.usage, { ...base, carryover: askCarry });
  const wasteFormula = core.commitWaste(data.usage, base);
  const unused: StepFigures = {
    headline: { label: "Your ask is worth over the term", value: lever("carryover") },
    lines: [
      { label: "Commitment forfeited in the draft (base terms)", text: formatMoney(wasteFormula) },
      { label: "CARRYOVER_VALUE at the ask", text: formatMoney(carryFormula) },
    ],
    warnings:
      wasteFormula > 0 ? [`The draft forfeits ${formatMoney(wasteFormula)} of unused commitment over the term.`] : [],
    notes: hasAsk("carryover") ? [] : ["Draft and ask are the same: no ask on this term yet."],
    formulas: [
      {
        label: "Carryover value",
        formula: formula(F.CARRYOVER_VALUE, { ...dealArgs, ...tail, carryover: ref("carryover", "ask") }),
        value: carryFormula,
      },
      {
        label: "Commitment forfeited",
        formula: formula(F.COMMIT_WASTE, {
          ...dealArgs,
          carryover: ref("carryover"),
          period_months: ref("period_months"),
        }),
        value: wasteFormula,
      },
    ],
  };

  // 5. Price lock and renewal cap.
  const uplift = d.uplift;
  const lockFormula = core.priceLockValue(data.usage, base, uplift);
  const renewalMonths = d.renewalMonths;
  const renewal = core.renewalUsage(data.usage, renewalMonths);
  const askCap = a.renewalCap;
  const capFormula = askCap === undefined ? 0 : core.renewalCapValue(renewal, base.discount, askCap);
  const renewalRef = lastRows(data.usageRange.rect, 12);
  const protection: StepFigures = {
    headline: { label: "Your asks are worth over the term", value: lever("uplift") + lever("renewal_cap") },
    lines: [
      { label: "Price lock (ask alone)", text: formatMoney(lever("uplift")) },
      { label: "Renewal cap (ask alone)", text: formatMoney(lever("renewal_cap")) },
      { label: "PRICE_LOCK_VALUE at the draft uplift", text: formatMoney(lockFormula) },
      { label: "RENEWAL_CAP_VALUE at the ask cap", text: formatMoney(capFormula) },
    ],
    warnings: d.renewalCap === undefined ? ["The draft lets the price reset to list at renewal."] : [],
    notes: [],
    formulas: [
      {
        label: "Price lock value",
        formula: formula(F.PRICE_LOCK_VALUE, { ...dealArgs, uplift: ref("uplift"), ...tail }),
        value: lockFormula,
      },
      {
        label: "Renewal cap value",
        formula: formula(F.RENEWAL_CAP_VALUE, {
          renewal_usage: renewalRef,
          discount: ref("discount"),
          cap: ref("renewal_cap", "ask"),
        }),
        ...(askCap === undefined || renewalMonths !== 12 ? {} : { value: capFormula }),
      },
    ],
  };

  // 6. Term: the full term against a shorter one followed by renewal, over the same months.
  const short = Math.min(Math.max(1, Math.round(options.termOption)), months);
  const renewalRate = core.renewalRate(base.discount, d.renewalCap);
  const fullCost = core.totalCost(data.usage, base);
  // `short` is at most the usage's months, HORIZON_COST's precondition; were it not, nothing is saved.
  const horizon = core.horizonCost(data.usage, base, short, renewalRate);
  const shortCost = horizon instanceof core.LeverError ? fullCost : horizon;
  const termNotes = [
    `Compared over the same ${months} months: a ${months}-month term, or ${short} months then renewal at ` +
      `${renewalRate === 1 ? "list" : `${formatPercent(renewalRate)} of list`}.`,
  ];
  if (hasAsk("period_months")) {
    termNotes.push(`Your commit-period ask is worth ${formatMoney(lever("period_months"))} over the term.`);
  }
  const term: StepFigures = {
    headline: { label: `The ${months}-month term saves, against ${short} months`, value: shortCost - fullCost },
    lines: [
      { label: `Cost over ${months} months, full term`, text: formatMoney(fullCost) },
      { label: `Cost over ${months} months, ${short}-month term`, text: formatMoney(shortCost) },
    ],
    warnings: short >= months ? ["The shorter term is not shorter than the usage: pick fewer months to compare."] : [],
    notes: termNotes,
    formulas: [
      {
        label: "Term comparison",
        formula: `=${call(F.HORIZON_COST, { ...dealArgs, term_months: short, renewal_rate: renewalRate, ...tail })}-${call(F.TOTAL_COST, { ...dealArgs, ...tail })}`,
        value: shortCost - fullCost,
      },
    ],
  };

  // 7. Fine print: each clause the catalogue places here, valued alone (its ask) and priced at the draft.
  const fineKeys = termsIn("fineprint");
  const draftArgs = { ...termArgs(d), usage: data.usage };
  const priced = fineKeys.flatMap((key) =>
    Object.values<F.FunctionEntry>(F.FUNCTIONS).flatMap((entry) => {
      if (entry.prices?.term !== key) return [];
      // Only the function's own arguments, as a formula passes them: the rest of the deal stays neutral.
      const given = Object.fromEntries(entry.params.map((p) => [p.name, draftArgs[p.name as keyof typeof draftArgs]]));
      const value = (entry.compute as (a: typeof given) => number | core.LeverError)(given);
      const args = entry.params.map((p) => [p.name, p.name === "usage" ? "Usage" : ref(p.name as TermKey)]);
      return [
        {
          line: entry.prices.line,
          label: entry.prices.label,
          value: value instanceof core.LeverError ? 0 : value,
          formula: formula(entry, Object.fromEntries(args) as never),
        },
      ];
    }),
  );
  const fineprint: StepFigures = {
    headline: {
      label: "Your asks are worth over the term (each alone)",
      value: fineKeys.map(lever).reduce((s, v) => s + v, 0),
    },
    lines: [
      ...fineKeys.map((key) => ({ label: `${TERMS[key].label} (ask alone)`, text: formatMoney(lever(key)) })),
      { label: "Renewal reset to list (step 5)", text: formatMoney(lever("renewal_cap")) },
      ...priced.map(({ line, value }) => ({ label: line, text: formatMoney(value) })),
    ],
    warnings: fineKeys.flatMap((key) => {
      const warn = TERMS[key].pane?.warn as
        ((v: unknown, pct: (s: number) => string) => string | undefined) | undefined;
      const text = warn?.(d[TERMS[key].field], formatPercent);
      return text ? [text] : [];
    }),
    notes: [],
    formulas: priced.map(({ label, value, formula }) => ({ label, formula, value })),
  };

  return {
    steps: { optimize, size, overage, unused, protection, term, fineprint },
    summary: { rows: levers, all, draftCost },
  };
}

function sum(xs: readonly number[]): number {
  return xs.reduce((s, x) => s + x, 0);
}
