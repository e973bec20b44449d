import "../helpers/customFunctions";
import * as f from "../helpers/single";
import { describeErrors } from "./errorTable";
import * as F from "../../src/catalogue/functions";
import { column, flat, twoYears } from "../helpers/series";

const ex1 = column(flat(12, 100_000));

describe("LEVERS.OVERAGE_VALUE", () => {
  test("worked example 1: a 900,000 commit saves 15,000 with overage at the committed rate", () => {
    expect(f.overageValue(900_000, ex1, 0.2)).toBeCloseTo(15_000, 6);
  });
  test("worked example 2: 38,000", () => {
    expect(f.overageValue(1_000_000, column(twoYears), 0.2)).toBeCloseTo(38_000, 6);
  });
  test("defaults: overage at list, no carryover, 12-month periods", () => {
    expect(f.overageValue(1_000_000, column(twoYears), 0.2, null, null, null)).toBe(
      f.overageValue(1_000_000, column(twoYears), 0.2, 1, 0, 12),
    );
  });
  test("already at the committed rate: worth nothing", () => {
    expect(f.overageValue(900_000, ex1, 0.2, "committed")).toBe(0);
    expect(f.overageValue(900_000, ex1, 0.2, " Committed ")).toBe(0);
    expect(f.overageValue(900_000, ex1, 0.2, 0.8)).toBeCloseTo(0, 9);
  });
  test("a premium overage rate (1.2 x list) makes the ask worth more: 75,000 x 1.2 - 60,000", () => {
    expect(f.overageValue(900_000, ex1, 0.2, 1.2)).toBeCloseTo(30_000, 6);
  });
  test("with carryover 0.5 (example 2): year-2 overage 36,000 is 45,000 at list, 9,000 saved", () => {
    expect(f.overageValue(1_000_000, column(twoYears), 0.2, 1, 0.5)).toBeCloseTo(9_000, 6);
  });
  test("no overage, nothing to save", () => {
    expect(f.overageValue(1_000_000, ex1, 0.2)).toBe(0);
  });
  describeErrors(f.overageValue, F.OVERAGE_VALUE, [900_000, ex1, 0.2, 1, 0, 12, 12]);
});
