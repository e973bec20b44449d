/**
 * The Term step on its own: which options it compares over which horizon, and when it says a
 * standard option does not fit (a "Use my data" model has no Scenarios horizon: the usage alone).
 */
import * as core from "../../src/core";
import { term } from "../../src/taskpane/steps/term";
import type { StepContext } from "../../src/taskpane/steps";

/** A context with `months` of flat usage at 100,000, no Horizon name, and the user's option. */
function context(months: number, termOption: number): StepContext {
  const usage = Array.from({ length: months }, () => 100_000);
  const base: core.Deal = { commit: 1_000_000, discount: 0.2, overageRate: 1, carryover: 0, periodMonths: 12 };
  return {
    data: { usage, hasHorizon: false },
    options: { termOption },
    d: { renewalCap: undefined },
    base,
    lever: () => 0,
    hasAsk: () => false,
    dealArgs: { commit: "Deal!$B$2", usage: "Usage", discount: "Deal!$B$3" },
    tail: { overage_rate: "Deal!$B$4", carryover: "Deal!$B$5", period_months: "Deal!$B$6" },
    months,
  } as unknown as StepContext;
}

test("30 months of usage and the user's own 30: the 36-month option does not fit, and the step says so", () => {
  const figures = term.figures(context(30, 30));
  expect(figures.lines.map((l) => l.label)).toEqual([
    "Cost over 30 months, 12-month term",
    "Cost over 30 months, 24-month term",
    "Cost over 30 months, 30-month term (least)",
  ]);
  expect(figures.warnings).toHaveLength(1);
  expect(figures.warnings[0]).toContain("Your usage covers 30 months");
  expect(figures.formulas[0]!.formula).toContain("{12,24,30}");
});

test("36 months of usage: every standard option fits, no warning", () => {
  const figures = term.figures(context(36, 18));
  expect(figures.lines).toHaveLength(4);
  expect(figures.warnings).toEqual([]);
});
