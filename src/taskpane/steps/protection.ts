/** The pane's step 5, "Price lock and renewal cap": what it says, the cells it binds and its figures. */
import * as F from "../../catalogue/functions";
import { formula } from "../../catalogue/formula";
import * as core from "../../core";
import { lastRows } from "../model";
import { formatMoney } from "../format";
import { StepContext, StepFigures, StepModule, termInputs } from "./types";

export const protection: StepModule = {
  def: {
    id: "protection",
    title: "Price lock and renewal cap",
    why:
      "A good rate is worth little if list prices rise during the term or the price jumps back to list at renewal. " +
      "A lock for the term and a cap on the renewal increase keep the rate you negotiated.",
    inputs: termInputs("protection"),
  },
  figures(c: StepContext): StepFigures {
    const { data, d, a, base, lever, ref, dealArgs, tail } = c;
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
    return protection;
  },
};
