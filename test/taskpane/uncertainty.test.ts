/**
 * The pane across the futures usage may take (issue 27): the Size step's risk lines and fan, the
 * history's own uncertainty offered as the model's, and the summary ranked by expected value. The
 * pane's figures are the functions' own, called here through the runner as Excel calls them.
 */
import "../helpers/customFunctions";
import * as sizing from "../../src/functions/sizing";
import { samplePane, settle } from "./helpers";

const column = (xs: readonly number[]) => xs.map((x) => [x]);

describe("the pane across the futures", () => {
  test("Size: the chance and the expected forfeit at the draft commit are FORFEIT_CHANCE's and COMMIT_RISK's", async () => {
    const { pane } = await samplePane();
    const data = pane.state.data!;
    const size = pane.state.figures!.steps.size;
    const line = (label: string) => size.lines.find((l) => l.label === label)?.text;
    const d = data.terms.draft;
    // The sample's Volatility is 0.2 and its GrowthVolatility 0: 1,000 futures of the optimized usage.
    const chance = sizing.forfeitChance(
      [[d.commit]],
      column(data.optimized),
      [[d.discount]],
      [[d.carryover]],
      [[d.periodMonths]],
      [[0.2]],
      [[0]],
    )[0]![0] as number;
    expect(line("Chance of any forfeit at the draft commit")).toBe(`${Math.round(chance * 1000) / 10}% of futures`);
    const risk = sizing.commitRisk(
      d.commit,
      column(data.optimized),
      d.discount,
      d.overageRate,
      d.carryover,
      d.periodMonths,
      0.2,
      0,
    ) as [string, number][];
    const expectedForfeit = risk.find((r) => r[0] === "Expected forfeited")![1];
    expect(line("Expected forfeit at the draft commit")).toBe(
      `$${Math.round(expectedForfeit).toLocaleString("en-US")}`,
    );
    // The fan: a month per month of usage, P10 <= P50 <= P90, around the projection.
    const fan = size.fan!;
    expect(fan.months).toHaveLength(data.optimized.length);
    for (const [t, m] of fan.months.entries()) {
      expect(m.p10).toBeLessThanOrEqual(m.p50);
      expect(m.p50).toBeLessThanOrEqual(m.p90);
      expect(m.p10).toBeLessThan(data.optimized[t]!);
      expect(m.p90).toBeGreaterThan(data.optimized[t]!);
    }
    expect(fan.commitPerMonth).toBeCloseTo(d.commit / d.periodMonths / (1 - d.discount), 9);
  });

  test("Use my history's uncertainty: USAGE_VOLATILITY of the usage goes into Volatility and GrowthVolatility", async () => {
    const made = await samplePane();
    const { pane } = made;
    const estimate = sizing.usageVolatility(column(pane.state.data!.usage))[0]!;
    const outcome = await pane.useHistoryUncertainty();
    expect(outcome.ok).toBe(true);
    await settle(made);
    expect(pane.state.data!.assumptions.Volatility!.value).toBeCloseTo(estimate[0]!, 12);
    expect(pane.state.data!.assumptions.GrowthVolatility!.value).toBeCloseTo(estimate[1]!, 12);
    expect(pane.state.message?.text).toMatch(/^From your history: volatility/);
  });

  test("the summary across the futures: each ask's expected value, P10, P90 and chance, ranked as LEVER_VALUES ranks", async () => {
    const { pane } = await samplePane();
    const before = pane.state.figures!.summary;
    expect(before.uncertainty).toBeUndefined();
    await pane.setUncertain(true);
    const summary = pane.state.figures!.summary;
    expect(summary.uncertainty).toEqual({ volatility: 0.2, growthVolatility: 0 });
    const data = pane.state.data!;
    const table = sizing.leverValues(column(data.usage), data.dealRange.values, 0.2, 0);
    const asks = table.slice(1).filter((r) => r[0] !== "All asks together" && r[5] !== "yardstick");
    expect(summary.rows.map((r) => r.lever)).toEqual(asks.map((r) => r[0]));
    summary.rows.forEach((r, i) => {
      expect(r.value).toBeCloseTo(asks[i]![3] as number, 6);
      expect(r.spread!.p10).toBeCloseTo(asks[i]![6] as number, 6);
      expect(r.spread!.p90).toBeCloseTo(asks[i]![7] as number, 6);
      expect(r.spread!.chance).toBe(asks[i]![8]);
    });
    // And back: the projection alone, as before.
    await pane.setUncertain(false);
    expect(pane.state.figures!.summary.rows.map((r) => r.value)).toEqual(before.rows.map((r) => r.value));
  });
});
