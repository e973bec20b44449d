/** The pane's step 3, "Overage at the committed rate": what it says, the cells it binds and its figures. */
import * as F from "../../catalogue/functions";
import { formula } from "../../catalogue/formula";
import * as core from "../../core";
import { formatMoney } from "../format";
import { StepContext, StepFigures, StepModule, termInputs } from "./types";

export const overage: StepModule = {
  def: {
    id: "overage",
    title: "Overage at the committed rate",
    why:
      "Usage past the commit is often billed at the on-demand price, so your fastest-growing months cost the most. " +
      "Overage at the committed rate makes going over neutral, and it costs the vendor little to grant.",
    inputs: termInputs("overage"),
  },
  figures(c: StepContext): StepFigures {
    const { data, base, lever, hasAsk, dealArgs, tail } = c;
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
    return overage;
  },
};
