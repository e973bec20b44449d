import "../helpers/customFunctions";
import * as f from "../helpers/single";
import { describeErrors } from "./errorTable";
import * as F from "../../src/catalogue/functions";
import { column, flat, twoYears } from "../helpers/series";

describe("LEVERS.CARRYOVER_VALUE", () => {
  test("worked example 2: carryover 0.5 is worth 145,000", () => {
    expect(f.carryoverValue(1_000_000, column(twoYears), 0.2, 0.5)).toBeCloseTo(145_000, 6);
  });
  test("defaults: overage at list and 12-month periods", () => {
    expect(f.carryoverValue(1_000_000, column(twoYears), 0.2, 0.5, null, null)).toBe(
      f.carryoverValue(1_000_000, column(twoYears), 0.2, 0.5, 1, 12),
    );
  });
  test("overage at the committed rate: 116,000 carried avoids 116,000 of overage", () => {
    expect(f.carryoverValue(1_000_000, column(twoYears), 0.2, 0.5, "committed")).toBeCloseTo(116_000, 6);
  });
  test("full carryover over three years: 3,550,000 without, 3,062,500 with half", () => {
    const usage = column([...flat(24, 50_000), ...flat(12, 150_000)]);
    expect(f.carryoverValue(1_000_000, usage, 0.2, 0.5)).toBeCloseTo(487_500, 6);
  });
  test("one period: nothing can carry, so it is worth nothing", () => {
    expect(f.carryoverValue(1_000_000, column(flat(12, 100_000)), 0.2, 1)).toBe(0);
  });
  test("a blank carryover cell counts as 0, as Excel arithmetic has it (web passes null, desktop 0)", () => {
    expect(f.carryoverValue(1_000_000, column(twoYears), 0.2, null)).toBe(0);
    expect(f.carryoverValue(1_000_000, column(twoYears), 0.2, 0)).toBe(0);
  });
  describeErrors(f.carryoverValue, F.CARRYOVER_VALUE, [1_000_000, column(twoYears), 0.2, 0.5, 1, 12, 24]);
});
