import "../helpers/customFunctions";
import * as f from "../helpers/single";
import { describeErrors } from "./errorTable";
import * as F from "../../src/catalogue/functions";
import { column, flat } from "../helpers/series";

const twoFlat = column(flat(24, 100_000));

describe("LEVERS.TRUE_FORWARD_COST", () => {
  test("a 10% step on flat usage: year 2 commits 1,056,000 and forfeits the 96,000 step", () => {
    expect(f.trueForwardCost(960_000, twoFlat, 0.2, 0.1)).toBeCloseTo(96_000, 6);
  });
  test("defaults: overage at list, no carryover, 12-month periods", () => {
    expect(f.trueForwardCost(960_000, twoFlat, 0.2, 0.1, null, null, null)).toBe(
      f.trueForwardCost(960_000, twoFlat, 0.2, 0.1, 1, 0, 12),
    );
  });
  test("negative when usage grows into the step: 2,136,000 stepped against 2,160,000 flat", () => {
    const growing = column([...flat(12, 100_000), ...flat(12, 120_000)]);
    expect(f.trueForwardCost(960_000, growing, 0.2, 0.1)).toBeCloseTo(-24_000, 6);
  });
  test("the stepped commit is prorated in a short last period", () => {
    // 18 months: period 2 is 6 months, commit 1,056,000 x 6/12 = 528,000 against 480,000 drawn.
    expect(f.trueForwardCost(960_000, column(flat(18, 100_000)), 0.2, 0.1)).toBeCloseTo(48_000, 6);
  });
  test("one period: no step ever applies", () => {
    expect(f.trueForwardCost(960_000, column(flat(12, 100_000)), 0.2, 0.5)).toBe(0);
  });
  describeErrors(f.trueForwardCost, F.TRUE_FORWARD_COST, [960_000, twoFlat, 0.2, 0.1, 1, 0, 12, 24]);
});
