/**
 * What the pane should show for the sample model, computed straight from the core (not through the
 * pane): the list and optimized usage of `buildModel({ sample: true })`, and each step's headline
 * figure and the summary's ranked values. Shared by the unit tests and the browser test.
 */
import * as core from "../../src/core";
import * as sheet from "../../src/sheet";
import { TERMS } from "../../src/catalogue/terms";
import { DEAL_TERMS, MODELS, OPTIMIZATION, SAMPLE_BANDS, sampleTokens } from "../../src/model/definition";

const book = core.DEFAULT_PRICE_BOOK;
const price = (name: string) => core.findModel(book, "model", name) as core.PriceRow;
const assumption = (name: string) => OPTIMIZATION.find((o) => o.name === name)!.value;

/** Monthly list and optimized dollars of the sample usage (tokens as given, default the sample's 24 months). */
export function sampleUsage(tokens = sampleTokens(24)): { usage: number[]; optimized: number[] } {
  const levers = (i: number): core.Optimization => ({
    cacheHit: assumption("CacheHit"),
    cacheWriteShare: assumption("CacheWrite"),
    batchShare: assumption("BatchShare"),
    routeShare: i === 0 ? assumption("RouteShare") : 0,
    routeTo: i === 0 ? price(MODELS[1].name) : price(MODELS[i]!.name),
  });
  const usage = tokens.map((month) =>
    month.reduce((s, t, i) => s + core.listCost(price(MODELS[i]!.name), t.input, t.output), 0),
  );
  const optimized = tokens.map((month) =>
    month.reduce(
      (s, t, i) => s + (core.optimizedCost(price(MODELS[i]!.name), t.input, t.output, levers(i)) as number),
      0,
    ),
  );
  return { usage, optimized };
}

export interface ExpectedFigures {
  /** The eight steps' headline figures, in order. */
  readonly steps: number[];
  /** The summary's ranked lever values (without the yardstick or "All asks together"). */
  readonly levers: number[];
  readonly total: number;
  /** One point of headline discount, valued like an ask (DOMAIN.md "The yardstick"). */
  readonly yardstick: number;
}

/** The sample deal's terms table, with the draft commit replaced when given. */
export function sampleTermsGrid(commit?: number): (string | number | null)[][] {
  return [
    ["Key", "Draft", "Ask"],
    ...DEAL_TERMS.map((t) => [t.key, t.key === "commit" && commit !== undefined ? commit : t.draft, t.ask]),
  ] as (string | number | null)[][];
}

export function expectedFigures(
  usage: number[],
  optimized: number[],
  commit?: number,
  termOption = 12,
): ExpectedFigures {
  const terms = sheet.parseTerms("Deal", sampleTermsGrid(commit), TERMS) as sheet.Terms;
  const bands = SAMPLE_BANDS.map(([threshold, discount]) => ({ threshold, discount }));
  const d = terms.draft;
  const base: core.Deal = {
    commit: d.commit,
    discount: d.discount,
    overageRate: d.overageRate,
    carryover: d.carryover,
    periodMonths: d.periodMonths,
  };
  const sizing: core.SizingTerms = {
    overageRate: base.overageRate,
    carryover: base.carryover,
    periodMonths: base.periodMonths,
    volatility: assumption("Volatility"),
  };
  const { rows } = sheet.leverRows(usage, terms, TERMS);
  const lever = (key: string) => rows.find((r) => r.key === key)?.value ?? 0;
  const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
  return {
    steps: [
      // Bring your usage: the usage at list over the term.
      sum(usage),
      sum(usage) - sum(optimized),
      core.expectedAtCommit(optimized, base.commit, bands, sizing).cost -
        core.recommendCommit(optimized, bands, sizing).cost,
      lever("overage_rate"),
      lever("carryover"),
      lever("uplift") + lever("renewal_cap"),
      termSpread(usage, base, termOption),
      lever("step_up") + lever("ratchet") + lever("excluded_share"),
    ],
    levers: rows.filter((r) => r.key !== "all" && r.key !== "yardstick").map((r) => r.value),
    total: rows[rows.length - 1]!.value,
    yardstick: rows.find((r) => r.key === "yardstick")!.value,
  };
}

/**
 * The term step's headline: over one 36-month horizon (the 24 sample months, then their linear
 * projection), the dearest of the 12-, 24-, 36-month and the user's option less the cheapest; the
 * sample draft has no renewal cap, so every option renews at list.
 */
function termSpread(usage: number[], base: core.Deal, termOption: number): number {
  const horizon = [...usage, ...(core.project(usage, 36 - usage.length, "linear") as number[])];
  const costs = [12, 24, 36, termOption].map((t) => core.horizonCost(horizon, base, t, 1) as number);
  return Math.max(...costs) - Math.min(...costs);
}
