/**
 * A lever under uncertainty (DOMAIN.md "Usage under uncertainty"): in each scenario its value is
 * exactly LEVER_VALUES' value on that scenario's usage (`changeValues`: the draft's cost less the cost
 * with the change, the renewal horizon taken from the same scenario). The expected value, P10, P90 and
 * the chance it pays are the statistics of those values.
 *
 * Every deal's cost in every scenario comes from `ledgerOverPeriods`: each growth shape's usage is
 * gathered once per period length and uplift, its renewal horizon summed once, and each scenario's
 * level factor scales both (the ledger's `scale`; the horizon is linear in it).
 */
import { Deal, FullDeal, ledgerOverPeriods } from "./ledger";
import { renewalRate } from "./levers";
import { growthShapes, ScenarioSet, scenarioSet, shapePeriods, Uncertainty } from "./scenarios";
import { chanceAbove, quantileOf, meanOf, sortAscending } from "./statistics";
import { renewalUsage, yardstickChange } from "./terms";

/** `ChangeValues` in every scenario, in scenario order: dollars saved (a change) or cost (the draft). */
export interface ScenarioChangeValues {
  readonly alone: readonly Float64Array[];
  readonly all: Float64Array;
  readonly yardstick: Float64Array | undefined;
  readonly draftCost: Float64Array;
}

/**
 * `changeValues` in every scenario of `set`: each change alone, all together and the yardstick, each
 * the draft's cost less the changed deal's, over the term (and the draft's renewal horizon with
 * `withRenewal`). With s = g = 0 its one scenario is `changeValues`' answer, to the bit.
 */
export function changeValuesOverScenarios(
  usage: readonly number[],
  draft: FullDeal,
  changes: readonly Partial<Deal>[],
  withRenewal: boolean,
  set: ScenarioSet,
): ScenarioChangeValues {
  const yardstick = yardstickChange(draft);
  const all: Partial<Deal> = {};
  for (const change of changes) Object.assign(all, change);
  // The deals to cost: the draft, each change alone, all together, then the yardstick if there is one.
  const deals: FullDeal[] = [draft];
  for (const change of changes) deals.push({ ...draft, ...change });
  deals.push({ ...draft, ...all });
  if (yardstick) deals.push({ ...draft, ...yardstick });
  const costs = deals.map(() => new Float64Array(set.count));
  const rates = deals.map((deal) => renewalRate(deal.discount, deal.renewalCap));

  let first = 0;
  for (const shape of growthShapes(usage, set)) {
    let horizon = 0;
    if (withRenewal) for (const u of renewalUsage(shape.months, draft.renewalMonths)) horizon += u;
    deals.forEach((deal, d) => {
      const periods = shapePeriods(shape, deal);
      const cost = costs[d]!;
      const rate = rates[d]!;
      for (let i = 0; i < set.levels.length; i++) {
        const level = set.levels[i]!;
        let c = ledgerOverPeriods(periods, deal, undefined, level).totalCost;
        if (withRenewal) c += rate * (level * horizon);
        cost[first + i] = c;
      }
    });
    first += set.levels.length;
  }

  const draftCost = costs[0]!;
  const saved = (cost: Float64Array) => cost.map((c, n) => draftCost[n]! - c);
  return {
    alone: changes.map((_, k) => saved(costs[1 + k]!)),
    all: saved(costs[1 + changes.length]!),
    yardstick: yardstick && saved(costs[2 + changes.length]!),
    draftCost,
  };
}

/** A lever's value over the scenarios, as LEVER_VALUES reports it under uncertainty (dollars, and a chance). */
export interface LeverSummary {
  /** The mean over the scenarios: "Expected value over term". */
  readonly expected: number;
  readonly p10: number;
  readonly p90: number;
  /** The share of scenarios in which it saves more than $0.01: "Chance it pays". */
  readonly chance: number;
}

/** The summary of one lever's values in every scenario. */
export function leverSummary(values: Float64Array): LeverSummary {
  const sorted = sortAscending(values);
  return {
    expected: meanOf(values),
    p10: quantileOf(sorted, 0.1),
    p90: quantileOf(sorted, 0.9),
    chance: chanceAbove(values),
  };
}

/** `ChangeValues` under uncertainty: each lever summarized over the scenarios; the draft's expected cost. */
export interface ChangeSummaries {
  readonly alone: readonly LeverSummary[];
  readonly all: LeverSummary;
  readonly yardstick: LeverSummary | undefined;
  /** The draft's expected cost: "Share of total" is a lever's expected value over it. */
  readonly draftCost: number;
  /** Scenarios summarized. */
  readonly scenarios: number;
}

/**
 * What LEVER_VALUES needs with `volatility` or `growth_volatility` above 0: `changeValues` over the
 * scenario set of `uncertainty`, each value summarized. `usage`: monthly list dollars.
 */
export function changeSummaries(
  usage: readonly number[],
  draft: FullDeal,
  changes: readonly Partial<Deal>[],
  withRenewal: boolean,
  uncertainty: Uncertainty,
): ChangeSummaries {
  const set = scenarioSet(uncertainty);
  const values = changeValuesOverScenarios(usage, draft, changes, withRenewal, set);
  return {
    alone: values.alone.map(leverSummary),
    all: leverSummary(values.all),
    yardstick: values.yardstick && leverSummary(values.yardstick),
    draftCost: meanOf(values.draftCost),
    scenarios: set.count,
  };
}
