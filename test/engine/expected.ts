/**
 * The model workbook's figures computed by the core directly, on the same inputs the workbook holds:
 * what every formula cell must show when a real engine evaluates it through the functions bundle.
 */
import * as core from "../../src/core";
import * as sheet from "../../src/sheet";
import { TERMS } from "../../src/catalogue/terms";
import {
  DEAL_TERMS,
  MODELS,
  QUOTE_LINES,
  SAMPLE_QUOTES,
  SCENARIOS,
  SCENARIO_MARKS,
  horizonMonths,
  quoteRowOf,
  scenarioEdges,
  ModelDefinition,
  OPTIMIZATION,
  SAMPLE_BANDS,
  SHEETS,
  SummaryLine,
  buildModel,
  summaryCell,
} from "../../src/model/definition";

export type Figure = number | string | (number | string)[][] | { error: string; message?: string };

/** The sample model, as `npm run template` writes it. */
export function sampleModel(): ModelDefinition {
  return buildModel({ sample: true, priceBook: sheet.priceBookTable(core.DEFAULT_PRICE_BOOK) });
}

/** Token usage per month: [input, output] for each model in MODELS order, read from the Usage sheet. */
export function tokensOf(model: ModelDefinition): number[][] {
  const usage = model.sheets.find((s) => s.name === SHEETS.usage)!;
  const rows: number[][] = [];
  for (const cell of usage.cells) {
    const m = /^([B-G])(\d+)$/.exec(cell.address);
    if (!m || Number(m[2]) < 2 || typeof cell.value !== "number") continue;
    const r = Number(m[2]) - 2;
    (rows[r] ??= new Array<number>(6).fill(0))[m[1]!.charCodeAt(0) - 66] = cell.value;
  }
  return rows;
}

function ok<T>(value: T | core.LeverError): T {
  if (value instanceof core.LeverError) throw new Error(`core error in the expected figures: ${value.message}`);
  return value;
}

const draft = (key: string) => DEAL_TERMS.find((t) => t.key === key)!.draft;
const ask = (key: string) => DEAL_TERMS.find((t) => t.key === key)!.ask;
const assumption = (name: string) => OPTIMIZATION.find((o) => o.name === name)!.value;

/** The core's figure for every formula cell of the model, by "Sheet!A1", for the given token usage. */
export function expectedFigures(tokens: readonly (readonly number[])[]): Map<string, Figure> {
  const book = ok(sheet.parsePriceBook("price_book", sheet.priceBookTable(core.DEFAULT_PRICE_BOOK)));
  const rows = MODELS.map((m) => ok(core.findModel(book, "model", m.name)));
  const sonnet = rows[1]!;
  const figures = new Map<string, Figure>();

  const list: number[][] = [];
  const optimized: number[][] = [];
  tokens.forEach((month, t) => {
    const listRow: number[] = [];
    const optRow: number[] = [];
    rows.forEach((row, i) => {
      const input = month[2 * i]!;
      const output = month[2 * i + 1]!;
      const levers: core.Optimization = {
        cacheHit: assumption("CacheHit"),
        cacheWriteShare: assumption("CacheWrite"),
        batchShare: assumption("BatchShare"),
        routeTo: i === 0 ? sonnet : row,
        routeShare: i === 0 ? assumption("RouteShare") : 0,
      };
      listRow.push(core.listCost(row, input, output));
      optRow.push(ok(core.optimizedCost(row, input, output, levers)));
      figures.set(`${SHEETS.usage}!${"HIJ"[i]}${t + 2}`, listRow[i]!);
      figures.set(`${SHEETS.usage}!${"KLM"[i]}${t + 2}`, optRow[i]!);
    });
    list.push(listRow);
    optimized.push(optRow);
  });

  const usage = ok<number[]>(sheet.parseUsage("usage", list));
  const optimizedUsage = ok(sheet.parseUsage("usage", optimized));
  const deal: core.Deal = {
    commit: draft("commit") as number,
    discount: draft("discount") as number,
    overageRate: draft("overage_rate") as core.OverageRate,
    carryover: draft("carryover") as number,
    periodMonths: draft("period_months") as number,
  };
  const bands = ok(sheet.parseBands("bands", [["Threshold", "Discount"], ...SAMPLE_BANDS]));
  const sizing: core.SizingTerms = {
    overageRate: deal.overageRate,
    carryover: deal.carryover,
    periodMonths: deal.periodMonths,
    volatility: assumption("Volatility"),
    growthVolatility: assumption("GrowthVolatility"),
  };
  const uncertainty = { volatility: sizing.volatility, growthVolatility: sizing.growthVolatility ?? 0 };
  const renewal = ok(sheet.parseUsage("renewal_usage", list.slice(-12)));
  const terms = ok(
    sheet.parseTerms(
      "terms",
      [["Key", "Draft", "Ask"], ...DEAL_TERMS.map((t) => [t.key, t.draft, t.ask] as sheet.Cell[])],
      TERMS,
    ),
  );
  const sum = (grid: number[][]) => grid.flat().reduce((a, b) => a + b, 0);

  // Keyed by line id, so a line added or moved in the definition cannot shift these onto other cells.
  const summary: Record<SummaryLine, Figure> = {
    usage_list: sum(list),
    usage_optimized: sum(optimized),
    total_cost: core.totalCost(usage, deal),
    commit_waste: core.commitWaste(usage, deal),
    utilization: core.utilization(usage, deal),
    coverage: core.coverage(usage, deal),
    esr: core.effectiveSavingsRate(usage, deal),
    overage_value: core.overageValue(usage, deal),
    carryover_value: core.carryoverValue(usage, { ...deal, carryover: ask("carryover") as number }),
    price_lock_value: core.priceLockValue(usage, deal, draft("uplift") as number),
    true_forward_cost: core.trueForwardCost(usage, deal, draft("step_up") as number),
    exclusion_cost: core.exclusionCost(usage, deal, draft("excluded_share") as number),
    renewal_cap_value: core.renewalCapValue(renewal, deal.discount, ask("renewal_cap") as number),
    band_discount: core.bandDiscount(deal.commit, bands),
    recommended_commit: core.recommendCommit(optimizedUsage, bands, sizing).commit,
  };
  for (const [line, figure] of Object.entries(summary)) figures.set(summaryCell(line as SummaryLine), figure);
  figures.set(summaryCell("levers"), sheet.leverTable(usage, terms, TERMS));
  const curve = core.commitCurve(optimizedUsage, bands, sizing, 25).rows;
  figures.set(summaryCell("curve"), [
    [...sheet.CURVE_HEADER],
    ...curve.map((r) => [r.commit, r.discount, r.cost, r.waste, r.overageBilled]),
  ]);
  // Across the futures: the draft commit's risk over optimized usage, and the asks' expected values.
  figures.set(
    summaryCell("risk"),
    sheet.riskTable(core.commitRisk(optimizedUsage, deal, core.scenarioSet(uncertainty))),
  );
  figures.set(summaryCell("uncertainLevers"), sheet.leverTable(usage, terms, TERMS, uncertainty));
  scenarioFigures(figures, { list, usage, deal, bands, recommended: summary.recommended_commit as number });
  return figures;
}

/**
 * The Scenarios sheet's figures: each grid cell a ledger run on its own commit and discount, each
 * quote a ledger run on its own terms over the horizon (the usage, then PROJECT's linear projection).
 */
function scenarioFigures(
  figures: Map<string, Figure>,
  m: { list: number[][]; usage: number[]; deal: core.Deal; bands: core.Band[]; recommended: number },
): void {
  const at = (a1: string) => `${SHEETS.scenarios}!${a1}`;
  const col = (j: number) => String.fromCharCode(66 + j); // B, C, ...
  const { commits, discounts } = scenarioEdges(m.deal.commit, m.deal.discount);
  const first = SCENARIOS.costHeaderRow + 1;
  const cost = commits.map((commit) =>
    discounts.map((discount) => core.totalCost(m.usage, { ...m.deal, commit, discount })),
  );
  const waste = commits.map((commit) =>
    discounts.map((discount) => core.commitWaste(m.usage, { ...m.deal, commit, discount })),
  );
  figures.set(at(`B${first}`), cost);
  const distance = commits.map((c) => Math.abs(c - m.recommended));
  const nearest = distance.indexOf(Math.min(...distance));
  const band = core.bandDiscount(m.recommended, m.bands);
  const bandDistance = discounts.map((d) => Math.abs(d - band));
  const nearestBand = bandDistance.indexOf(Math.min(...bandDistance));
  const marker = (i: number) => (i === nearest ? "◀ nearest the recommended commit" : "");
  commits.forEach((_, i) => {
    figures.set(at(`I${first + i}`), distance[i]!);
    figures.set(at(`J${first + i}`), marker(i));
  });
  discounts.forEach((_, j) => {
    figures.set(at(`${col(j)}${SCENARIO_MARKS.distance}`), bandDistance[j]!);
    figures.set(at(`${col(j)}${SCENARIO_MARKS.marker}`), j === nearestBand ? "▲ its band discount" : "");
  });
  figures.set(at(`B${SCENARIO_MARKS.recommended}`), m.recommended);
  figures.set(at(`B${SCENARIO_MARKS.band}`), band);
  figures.set(at(`B${SCENARIO_MARKS.marked}`), cost[nearest]![nearestBand]!);

  const wFirst = SCENARIOS.wasteHeaderRow + 1;
  discounts.forEach((d, j) => figures.set(at(`${col(j)}${SCENARIOS.wasteHeaderRow}`), d));
  commits.forEach((c, i) => {
    figures.set(at(`A${wFirst + i}`), c);
    figures.set(at(`J${wFirst + i}`), marker(i));
  });
  figures.set(at(`B${wFirst}`), waste);

  // The horizon: each month's usage summed across models, then the linear projection of the totals.
  const months = m.usage.length;
  const H = horizonMonths(months);
  const projected = ok(core.project(m.usage, H - months, "linear"));
  m.usage.forEach((u, t) => figures.set(at(`N${SCENARIOS.horizonRow + t}`), u));
  figures.set(
    at(`N${SCENARIOS.horizonRow + months}`),
    projected.map((v) => [v]),
  );
  const horizon = [...m.usage, ...projected];
  const horizonList = horizon.reduce((a, b) => a + b, 0);

  const quotes = SAMPLE_QUOTES.map((q) => {
    const deal: core.Deal = {
      commit: q.commit as number,
      discount: q.discount as number,
      overageRate: q.overage_rate as core.OverageRate,
      carryover: q.carryover as number,
      periodMonths: m.deal.periodMonths,
    };
    const horizonCost = ok(core.horizonCost(horizon, deal, q.term_months as number, q.renewal_rate as number));
    const upliftCost = core.priceLockValue(horizon, deal, q.uplift as number);
    const total = horizonCost + upliftCost;
    return {
      horizon_cost: horizonCost,
      uplift_cost: upliftCost,
      total,
      forfeited: core.commitWaste(horizon, deal),
      overage_billed: core.totalCost(horizon, deal) - (deal.commit * H) / deal.periodMonths,
      esr: 1 - total / horizonList,
    };
  });
  const cheapest = Math.min(...quotes.map((q) => q.total));
  for (const line of QUOTE_LINES) {
    const row = quoteRowOf(line);
    if (line === "named_total" || line === "cheapest") {
      quotes.forEach((q, j) =>
        figures.set(at(`${col(j)}${row}`), line === "named_total" ? q.total : q.total === cheapest ? "cheapest" : ""),
      );
    } else {
      figures.set(at(`B${row}`), [quotes.map((q) => q[line])]);
    }
  }
}
