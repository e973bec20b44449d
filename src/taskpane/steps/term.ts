/** The pane's step 6, "Term length": what it says, the cells it binds and its figures. */
import * as F from "../../catalogue/functions";
import { call } from "../../catalogue/formula";
import * as core from "../../core";
import { formatMoney, formatPercent } from "../format";
import { StepContext, StepFigures, StepModule, termInputs } from "./types";

export const term: StepModule = {
  def: {
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
  figures(c: StepContext): StepFigures {
    const { data, options, d, base, lever, hasAsk, dealArgs, tail, months } = c;
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
      warnings:
        short >= months ? ["The shorter term is not shorter than the usage: pick fewer months to compare."] : [],
      notes: termNotes,
      formulas: [
        {
          label: "Term comparison",
          formula: `=${call(F.HORIZON_COST, { ...dealArgs, term_months: short, renewal_rate: renewalRate, ...tail })}-${call(F.TOTAL_COST, { ...dealArgs, ...tail })}`,
          value: shortCost - fullCost,
        },
      ],
    };
    return term;
  },
};
