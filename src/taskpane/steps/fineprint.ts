/** The pane's step 7, "Fine print": what it says, the cells it binds and its figures. */
import * as F from "../../catalogue/functions";
import { formula } from "../../catalogue/formula";
import { termArgs, TermKey, TERMS } from "../../catalogue/terms";
import { TERM_PANE, termsIn } from "../../catalogue/termsPane";
import * as core from "../../core";
import { formatMoney, formatPercent } from "../format";
import { StepContext, StepFigures, StepModule, termInputs } from "./types";

export const fineprint: StepModule = {
  def: {
    id: "fineprint",
    title: "Fine print",
    why:
      "Automatic step-ups of the commit, minimums that ratchet up to your best period, usage that does not count toward the commit " +
      "and renewals that reset to list each move money without looking like much on the page. " +
      "Price each one and negotiate it before you sign, while it can still move.",
    inputs: termInputs("fineprint"),
  },
  figures(c: StepContext): StepFigures {
    const { data, d, lever, ref } = c;
    const fineKeys = termsIn("fineprint");
    const draftArgs = { ...termArgs(d), usage: data.usage };
    const priced = fineKeys.flatMap((key) => {
      const prices = TERM_PANE[key].priced;
      if (!prices) return [];
      const entry: F.FunctionEntry = F.FUNCTIONS[prices.by];
      // Only the function's own arguments, as a formula passes them: the rest of the deal stays neutral.
      const given = Object.fromEntries(entry.params.map((p) => [p.name, draftArgs[p.name as keyof typeof draftArgs]]));
      const value = (entry.compute as (a: typeof given) => number | core.LeverError)(given);
      const args = entry.params.map((p) => [p.name, p.name === "usage" ? "Usage" : ref(p.name as TermKey)]);
      return [
        {
          line: prices.line,
          label: prices.label,
          value: value instanceof core.LeverError ? 0 : value,
          formula: formula(entry, Object.fromEntries(args) as never),
        },
      ];
    });
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
        const warn = TERM_PANE[key].pane?.warn as
          ((v: unknown, pct: (s: number) => string) => string | undefined) | undefined;
        const text = warn?.(d[TERMS[key].field], formatPercent);
        return text ? [text] : [];
      }),
      notes: [],
      formulas: priced.map(({ label, value, formula }) => ({ label, formula, value })),
    };
    return fineprint;
  },
};
