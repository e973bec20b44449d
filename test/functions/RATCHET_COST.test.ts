import "../helpers/customFunctions";
import * as f from "../helpers/single";
import { describeErrors } from "./errorTable";
import * as F from "../../src/catalogue/functions";
import { column, flat, twoYears } from "../helpers/series";

const falling = column([...flat(12, 100_000), ...flat(12, 50_000)]);

describe("LEVERS.RATCHET_COST", () => {
  test("year 2's minimum ratchets up to year 1's 960,000 draw: 1,960,000 against 1,800,000", () => {
    expect(f.ratchetCost(800_000, falling, 0.2)).toBeCloseTo(160_000, 6);
  });
  test("defaults: overage at list, no carryover, 12-month periods", () => {
    expect(f.ratchetCost(800_000, falling, 0.2, null, null, null)).toBe(f.ratchetCost(800_000, falling, 0.2, 1, 0, 12));
  });
  test("a draw below the commit never lowers it", () => {
    expect(f.ratchetCost(1_000_000, column(flat(24, 50_000)), 0.2)).toBe(0);
  });
  test("the ratcheted commit is prorated in a short last period", () => {
    // 18 months, falling to 50,000 after year 1: period 2 commits 960,000 x 6/12 = 480,000 instead of 400,000.
    const usage = column([...flat(12, 100_000), ...flat(6, 50_000)]);
    expect(f.ratchetCost(800_000, usage, 0.2)).toBeCloseTo(80_000, 6);
  });
  test("worked example 2 usage: the ratchet lifts year 2 to 1,000,000 only, so it costs nothing", () => {
    expect(f.ratchetCost(1_000_000, column(twoYears), 0.2)).toBe(0);
  });
  describeErrors(f.ratchetCost, F.RATCHET_COST, [800_000, falling, 0.2, 1, 0, 12, 24]);
});
