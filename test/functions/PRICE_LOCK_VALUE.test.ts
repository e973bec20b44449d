import "../helpers/customFunctions";
import * as f from "../helpers/single";
import { describeErrors } from "./errorTable";
import * as F from "../../src/catalogue/functions";
import { column, flat } from "../helpers/series";

const twoFlat = column(flat(24, 100_000));

describe("LEVERS.PRICE_LOCK_VALUE", () => {
  test("a 10% uplift at month 13 turns 96,000 of year-2 draw into overage billed 120,000 at list", () => {
    expect(f.priceLockValue(960_000, twoFlat, 0.2, 0.1)).toBeCloseTo(120_000, 6);
  });
  test("defaults: overage at list, no carryover, 12-month periods", () => {
    expect(f.priceLockValue(960_000, twoFlat, 0.2, 0.1, null, null, null)).toBe(
      f.priceLockValue(960_000, twoFlat, 0.2, 0.1, 1, 0, 12),
    );
  });
  test("with overage at the committed rate the lock saves the 96,000 itself", () => {
    expect(f.priceLockValue(960_000, twoFlat, 0.2, 0.1, "committed")).toBeCloseTo(96_000, 6);
  });
  test("uplifts compound: three years of 100,000 at 10% a year, no commitment, overage at list", () => {
    // Year 2 at 1.1, year 3 at 1.21: 1,200,000 x (0.1 + 0.21) = 372,000.
    expect(f.priceLockValue(0, column(flat(36, 100_000)), 0.2, 0.1)).toBeCloseTo(372_000, 6);
  });
  test("a one-year term has no anniversary: the lock is worth nothing", () => {
    expect(f.priceLockValue(960_000, column(flat(12, 100_000)), 0.2, 0.1)).toBe(0);
  });
  test("zero uplift: worth nothing", () => {
    expect(f.priceLockValue(960_000, twoFlat, 0.2, 0)).toBe(0);
  });
  describeErrors(f.priceLockValue, F.PRICE_LOCK_VALUE, [960_000, twoFlat, 0.2, 0.1, 1, 0, 12, 24]);
});
