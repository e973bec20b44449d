/** The pane's step 2, "Size the commit and band": what it says, the cells it binds and its figures. */
import * as F from "../../catalogue/functions";
import { formula } from "../../catalogue/formula";
import * as core from "../../core";
import { parseVolatility } from "../../sheet";
import { formatMoney, formatPercent, formatPrice } from "../format";
import { FanData, StepContext, StepFigures, StepModule, termInputs } from "./types";

export const size: StepModule = {
  def: {
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
      {
        id: "GrowthVolatility",
        label: "Uncertainty of a year's growth (std. dev. of log)",
        kind: "percent",
        target: { name: "GrowthVolatility" },
      },
    ],
  },
  figures(c: StepContext): StepFigures {
    const { data, base, lever, hasAsk, ref, sizingArgs, optimizedTotal, months, P, uncertainty } = c;
    const vol = parseVolatility("Volatility", data.assumptions.Volatility?.value ?? 0);
    const growth = parseVolatility("GrowthVolatility", data.assumptions.GrowthVolatility?.value ?? 0);
    const sizingTerms: core.SizingTerms = {
      overageRate: base.overageRate,
      carryover: base.carryover,
      periodMonths: P,
      volatility: uncertainty.volatility,
      growthVolatility: uncertainty.growthVolatility ?? 0,
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
    if (growth instanceof core.LeverError)
      sizeWarnings.push(`${growth.message}; the pane uses 0 (growth taken as certain).`);
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
    if (hasAsk("discount"))
      sizeNotes.push(`Your discount ask is worth ${formatMoney(lever("discount"))} over the term.`);
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
    const risk = riskLines(c, recommended);
    const size: StepFigures = {
      headline: { label: "Sizing to the recommended commit saves (expected)", value: atDraft.cost - recommended.cost },
      lines: [
        { label: "Recommended commit per period", text: formatMoney(recommended.commit) },
        { label: "Its band discount", text: formatPercent(recommended.discount) },
        { label: "Draft commit per period", text: formatMoney(base.commit) },
        { label: "Band discount at the draft commit", text: formatPercent(bandAtDraft) },
        { label: "Expected cost at the draft commit", text: formatMoney(atDraft.cost) },
        { label: "Expected cost at the recommended commit", text: formatMoney(recommended.cost) },
        ...risk.lines,
        ...mixLines,
      ],
      warnings: sizeWarnings,
      notes: [...sizeNotes, ...risk.notes],
      formulas: [
        {
          label: "Recommended commit",
          formula: formula(F.RECOMMEND_COMMIT, sizingArgs),
          value: recommended.commit,
        },
        { label: "Next band", formula: formula(F.NEXT_BAND, { commit: ref("commit"), bands: "Bands" }) },
        { id: "curve", label: "Commit curve", formula: formula(F.COMMIT_CURVE, sizingArgs) },
        {
          id: "risk",
          label: "Commit risk",
          formula: formula(F.COMMIT_RISK, {
            ...c.dealArgs,
            usage: c.optimizedName,
            ...c.tail,
            volatility: sizingArgs.volatility,
            growth_volatility: sizingArgs.growth_volatility,
          }),
        },
        { label: "Uncertainty from your history", formula: formula(F.USAGE_VOLATILITY, { history: "Usage" }) },
      ],
      fan: risk.fan,
      curve: { rows: curveRows, recommended, bands: data.bands, draftCommit: base.commit, periodMonths: P },
    };
    return size;
  },
};

/**
 * The commit's risk across the futures (DOMAIN.md "Usage under uncertainty"): the chance of any
 * forfeit and the expected forfeit at the draft and at the recommended commit, the usage fan, and the
 * uncertainty the history itself leaves (USAGE_VOLATILITY), offered as a starting point.
 */
function riskLines(
  c: StepContext,
  recommended: core.Expected,
): { lines: { label: string; text: string }[]; notes: string[]; fan: FanData } {
  const { data, base, P, uncertainty } = c;
  const set = core.scenarioSet(uncertainty);
  const atDraft = core.commitRisk(data.optimized, base, set);
  const atRecommended = core.commitRisk(
    data.optimized,
    { ...base, commit: recommended.commit, discount: recommended.discount },
    set,
  );
  const chance = (x: number) => `${formatPercent(x)} of futures`;
  const lines = [
    { label: "Chance of any forfeit at the draft commit", text: chance(atDraft.forfeitChance) },
    { label: "Expected forfeit at the draft commit", text: formatMoney(atDraft.expectedForfeited) },
    { label: "Chance of any forfeit at the recommended commit", text: chance(atRecommended.forfeitChance) },
    { label: "Expected forfeit at the recommended commit", text: formatMoney(atRecommended.expectedForfeited) },
  ];
  const notes: string[] = [];
  const history = core.usageVolatility(data.usage);
  if (!(history instanceof core.LeverError)) {
    notes.push(
      `From your history: volatility ${formatPercent(history.volatility)}, growth volatility ` +
        `${formatPercent(history.growthVolatility)} (USAGE_VOLATILITY: the uncertainty the history itself leaves; ` +
        `the future may vary more).`,
    );
  }
  return { lines, notes, fan: usageFan(data.optimized, set, base, P) };
}

/** P10, P50 and P90 of each month's usage across the futures, and the draft's commit per month at list. */
function usageFan(usage: readonly number[], set: core.ScenarioSet, deal: core.Deal, periodMonths: number): FanData {
  const buffer = new Float64Array(set.count);
  const months = usage.map((u, t) => {
    for (let n = 0; n < set.count; n++) {
      const level = set.levels[n % set.levels.length]!;
      const b = set.growths[Math.floor(n / set.levels.length)]!;
      buffer[n] = u * level * core.growthFactor(set.growthVolatility, b, t);
    }
    const sorted = core.sortAscending(buffer);
    return { p10: core.quantileOf(sorted, 0.1), p50: core.quantileOf(sorted, 0.5), p90: core.quantileOf(sorted, 0.9) };
  });
  return { months, commitPerMonth: deal.commit / periodMonths / (1 - deal.discount) };
}
