import "../helpers/customFunctions";
import * as f from "../helpers/single";
import { describeErrors } from "./errorTable";
import * as F from "../../src/catalogue/functions";
import { column, flat, twoYears } from "../helpers/series";

const ex1 = column(flat(12, 100_000));

describe("LEVERS.TOTAL_COST", () => {
  test("worked example 1: 1,000,000, and 975,000 at a 900,000 commit", () => {
    expect(f.totalCost(1_000_000, ex1, 0.2)).toBeCloseTo(1_000_000, 6);
    expect(f.totalCost(900_000, ex1, 0.2)).toBeCloseTo(975_000, 6);
  });
  test("worked example 2: 2,190,000; 2,045,000 with carryover 0.5", () => {
    expect(f.totalCost(1_000_000, column(twoYears), 0.2)).toBeCloseTo(2_190_000, 6);
    expect(f.totalCost(1_000_000, column(twoYears), 0.2, 1, 0.5)).toBeCloseTo(2_045_000, 6);
  });
  test("defaults: overage at list, no carryover, 12-month periods", () => {
    expect(f.totalCost(1_000_000, column(twoYears), 0.2)).toBe(f.totalCost(1_000_000, column(twoYears), 0.2, 1, 0, 12));
    expect(f.totalCost(1_000_000, column(twoYears), 0.2, null, null, null)).toBe(
      f.totalCost(1_000_000, column(twoYears), 0.2, 1, 0, 12),
    );
  });
  test("overage at the committed rate: example 2 costs 2,152,000", () => {
    expect(f.totalCost(1_000_000, column(twoYears), 0.2, "committed")).toBeCloseTo(2_152_000, 6);
  });
  test("no commitment: all usage billed at the overage rate", () => {
    expect(f.totalCost(0, ex1, 0.2)).toBeCloseTo(1_200_000, 6);
    expect(f.totalCost(0, ex1, 0.2, "committed")).toBeCloseTo(960_000, 6);
  });
  test("a prorated last period: 18 months cost 1,200,000 + 600,000", () => {
    expect(f.totalCost(1_200_000, column(flat(18, 100_000)), 0.2)).toBeCloseTo(1_800_000, 6);
  });
  describeErrors(f.totalCost, F.TOTAL_COST, [1_000_000, ex1, 0.2, 1, 0, 12, 12]);
});
