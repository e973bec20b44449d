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

  const usage = ok(sheet.parseUsage("usage", list));
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
  };
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
  return figures;
}
