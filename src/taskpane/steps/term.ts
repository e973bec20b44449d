/**
 * The pane's step 6, "Term length": what it says, the cells it binds and its figures. The options
 * (12, 24 and 36 months, and one the user picks) are valued side by side over one horizon by one
 * lifted HORIZON_COST formula, the Scenarios sheet's own (DOMAIN.md "Arrays in, arrays out").
 */
import * as F from "../../catalogue/functions";
import { call } from "../../catalogue/formula";
import * as core from "../../core";
import { maxOf, minOf } from "../../core/arrays";
import { horizonMonths } from "../../model/definition";
import { formatMoney, formatPercent } from "../format";
import { StepContext, StepFigures, StepModule, termInputs } from "./types";

/** The term lengths every comparison shows, months. */
export const TERM_OPTIONS = [12, 24, 36] as const;

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
        label: "Another term to compare (months)",
        kind: "months",
        target: { setting: "termOption" },
      },
    ],
  },
  figures(c: StepContext): StepFigures {
    const { data, options, d, base, lever, hasAsk, dealArgs, tail, months } = c;
    // The horizon: the Scenarios sheet's (the usage, then its linear projection) where the model has
    // one; else the usage alone, and only the options that fit in it.
    const H = data.hasHorizon ? horizonMonths(months) : months;
    const projected = H > months ? core.project(data.usage, H - months, "linear") : [];
    const horizon = projected instanceof core.LeverError ? data.usage : [...data.usage, ...projected];
    const own = Math.min(Math.max(1, Math.round(options.termOption)), H);
    const terms = [...new Set([...TERM_OPTIONS.filter((t) => t <= horizon.length), own])].sort((x, y) => x - y);
    const renewalRate = core.renewalRate(base.discount, d.renewalCap);
    // Every option is at most the horizon's months, HORIZON_COST's precondition.
    const costs = terms.map((t) => {
      const cost = core.horizonCost(horizon, base, t, renewalRate);
      return cost instanceof core.LeverError ? Number.NaN : cost;
    });
    const best = costs.indexOf(minOf(costs));
    const worst = costs.indexOf(maxOf(costs));
    const renewal = renewalRate === 1 ? "list" : `${formatPercent(renewalRate)} of list`;
    const notes = [
      data.hasHorizon && H > months
        ? `Compared over the same ${H} months: your ${months} months of usage, then a linear projection (the Scenarios sheet's Horizon). ` +
          `Each option runs on the ledger for its term, then renews at ${renewal}.`
        : `Compared over the same ${H} months of usage. Each option runs on the ledger for its term, then renews at ${renewal}.`,
    ];
    if (hasAsk("period_months")) {
      notes.push(`Your commit-period ask is worth ${formatMoney(lever("period_months"))} over the term.`);
    }
    const warnings = TERM_OPTIONS.some((t) => t > horizon.length)
      ? [
          `Your usage covers ${months} months, so the longer options cannot be compared: build the model (its Scenarios sheet projects a ${horizonMonths(months)}-month horizon).`,
        ]
      : [];
    const formula = `=${call(F.HORIZON_COST, {
      ...dealArgs,
      usage: data.hasHorizon ? "Horizon" : dealArgs.usage,
      term_months: `{${terms.join(",")}}`,
      renewal_rate: renewalRate,
      ...tail,
    })}`;
    return {
      headline: {
        label: `Over ${H} months, the ${terms[best]}-month term costs least: it saves, against the ${terms[worst]}-month`,
        value: costs[worst]! - costs[best]!,
      },
      lines: terms.map((t, i) => ({
        label: `Cost over ${H} months, ${t}-month term${i === best ? " (least)" : ""}`,
        text: formatMoney(costs[i]!),
      })),
      warnings,
      notes,
      formulas: [{ label: "Term options side by side", formula, values: costs }],
    };
  },
};
