/** The pane's step 4, "Unused commitment": what it says, the cells it binds and its figures. */
import * as F from "../../catalogue/functions";
import { formula } from "../../catalogue/formula";
import * as core from "../../core";
import { formatMoney } from "../format";
import { StepContext, StepFigures, StepModule, termInputs } from "./types";

export const unused: StepModule = {
  def: {
    id: "unused",
    title: "Unused commitment",
    why:
      "Commitment left unused at the end of a period is usually lost. " +
      "Letting some of it carry into the next period turns a use-it-or-lose-it bet into a balance, which makes a cautious commit safe.",
    inputs: termInputs("unused"),
  },
  figures(c: StepContext): StepFigures {
    const { data, a, base, lever, hasAsk, ref, dealArgs, tail } = c;
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
    return unused;
  },
};
