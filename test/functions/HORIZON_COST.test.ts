import "../helpers/customFunctions";
import * as f from "../helpers/single";
import { describeErrors } from "./errorTable";
import * as F from "../../src/catalogue/functions";
import { column, flat } from "../helpers/series";

import { excelError } from "../helpers/customFunctions";
const twoFlat = column(flat(24, 100_000));

describe("LEVERS.HORIZON_COST", () => {
  test("a 12-month term then list: 960,000 + 1,200,000", () => {
    expect(f.horizonCost(960_000, twoFlat, 0.2, 12, 1)).toBeCloseTo(2_160_000, 6);
  });
  test("a 24-month term covers the horizon: 1,920,000", () => {
    expect(f.horizonCost(960_000, twoFlat, 0.2, 24, 1)).toBeCloseTo(1_920_000, 6);
  });
  test("renewal at 85% of list: 960,000 + 1,020,000", () => {
    expect(f.horizonCost(960_000, twoFlat, 0.2, 12, 0.85)).toBeCloseTo(1_980_000, 6);
  });
  test("defaults: overage at list, no carryover, 12-month periods", () => {
    expect(f.horizonCost(960_000, twoFlat, 0.2, 12, 1, null, null, null)).toBe(
      f.horizonCost(960_000, twoFlat, 0.2, 12, 1, 1, 0, 12),
    );
  });
  test("a term that ends mid-period prorates its last period: 18 months", () => {
    // 1,200,000 + 600,000 commitment; months 19-24 at list.
    expect(f.horizonCost(1_200_000, twoFlat, 0.2, 18, 1)).toBeCloseTo(1_800_000 + 600_000, 6);
  });
  test("a term longer than the usage is #NUM! with a message naming the horizon", () => {
    const error = excelError(() => f.horizonCost(960_000, twoFlat, 0.2, 36, 1));
    expect(error.code).toBe("#NUM!");
    expect(error.message).toMatch(/^term_months: 36 months is longer than the usage \(24 months\)/);
  });
  describeErrors(f.horizonCost, F.HORIZON_COST, [960_000, twoFlat, 0.2, 12, 1, 1, 0, 12]);
});
