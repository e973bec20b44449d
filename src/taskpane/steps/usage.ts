/** The pane's step 1, "Bring your usage": where the model's usage comes from, and the import of a vendor's export. */
import { formatPercent } from "../format";
import { monthlyFormula, observedFormula } from "../importer";
import { StepContext, StepFigures, StepModule } from "./types";

export const usage: StepModule = {
  def: {
    id: "usage",
    title: "Bring your usage",
    why:
      "Every figure after this step is only as good as the monthly usage under it. " +
      "Import the vendor's own usage or cost export rather than retyping it: the month, the model and the list price come straight from the vendor's billing data.",
    inputs: [],
  },
  figures(c: StepContext): StepFigures {
    const { data, listTotal, months } = c;
    const imported = data.imported;
    const billed = imported?.billedOnly === true;
    const models = data.mix.filter((m) => m.list > 0).map((m) => m.label);
    const lines = [
      {
        label: "Source",
        text: imported
          ? `${imported.file} (${imported.format}), ${imported.rows.toLocaleString("en-US")} rows summed into the table ${imported.table} on sheet ${imported.sheet}`
          : `The range ${data.usageRange.address}`,
      },
      { label: "Months of usage", text: String(months) },
      { label: "Models", text: models.length > 0 ? models.join(", ") : "—" },
    ];
    if (imported && imported.skipped > 0) {
      lines.push({
        label: "Rows skipped (tax, credits, purchases, adjustments)",
        text: imported.skipped.toLocaleString("en-US"),
      });
    }
    if (imported?.observedDiscount !== undefined) {
      lines.push({
        label: "Discount you already get (billed vs list)",
        text: formatPercent(imported.observedDiscount),
      });
    }
    const warnings = billed
      ? [
          `${imported.file} has billed amounts only, not list prices, so the usage is what you paid after any discount. ` +
            "Size a deal on list dollars: import the cost export with list prices, or a usage (token) export, if you can.",
        ]
      : [];
    if (imported?.note) {
      warnings.push(
        `${imported.file}: every month's list dollars${imported.note}, as this older export does not say which cache each write went to.`,
      );
    }
    if (imported?.provisional && imported.provisional.length > 0) {
      warnings.push(
        `${imported.provisional.join(", ")} ${imported.provisional.length === 1 ? "is" : "are"} provisional: the vendor may still revise ${imported.provisional.length === 1 ? "it" : "them"}. ` +
          "Import a newer export later: it replaces the months it covers and keeps the rest.",
      );
    }
    const notes = imported
      ? [
          `Type or paste a month's totals directly below the table ${imported.table} on sheet ${imported.sheet}: the table grows and every figure follows. ` +
            "Or import the newer export: it replaces the months it covers and keeps the others.",
        ]
      : ["Pick a vendor's usage or cost export (CSV or JSON) to replace this usage with it."];
    return {
      headline: {
        label: billed ? "Usage over the term (billed dollars)" : "Usage at list over the term",
        value: listTotal,
      },
      lines,
      warnings,
      notes,
      formulas: imported
        ? [
            { label: "Monthly usage", formula: monthlyFormula(imported.table) },
            ...(imported.observedDiscount !== undefined
              ? [
                  {
                    label: "Observed discount",
                    formula: observedFormula(imported.table),
                    value: imported.observedDiscount,
                  },
                ]
              : []),
          ]
        : [],
    };
  },
};
