/** The pane's step 1, "Optimize spend first": what it says, the cells it binds and its figures. */
import { formatMoney } from "../format";
import { StepContext, StepFigures, StepModule } from "./types";

export const optimize: StepModule = {
  def: {
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
  figures(c: StepContext): StepFigures {
    const { data, optimizedName, listTotal, optimizedTotal, months } = c;
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
    return optimize;
  },
};
