import "../helpers/customFunctions";
import * as f from "../helpers/single";
import { describeErrors } from "./errorTable";
import * as F from "../../src/catalogue/functions";
import { column, flat, twoYears } from "../helpers/series";

const ex1 = column(flat(12, 100_000));

describe("LEVERS.UTILIZATION", () => {
  test("worked example 1: 0.96", () => {
    expect(f.utilization(1_000_000, ex1, 0.2)).toBeCloseTo(0.96, 12);
  });
  test("worked example 2: 1 - 232,000 / 2,000,000; with carryover 0.5, 1 - 116,000 / 2,000,000", () => {
    expect(f.utilization(1_000_000, column(twoYears), 0.2)).toBeCloseTo(0.884, 12);
    expect(f.utilization(1_000_000, column(twoYears), 0.2, 0.5)).toBeCloseTo(0.942, 12);
  });
  test("defaults: no carryover, 12-month periods", () => {
    expect(f.utilization(1_000_000, column(twoYears), 0.2, null, null)).toBe(
      f.utilization(1_000_000, column(twoYears), 0.2, 0, 12),
    );
  });
  test("usage at or above the commit uses all of it", () => {
    expect(f.utilization(960_000, ex1, 0.2)).toBeCloseTo(1, 12);
    expect(f.utilization(500_000, ex1, 0.2)).toBe(1);
  });
  test("nothing committed, nothing forfeited: 1", () => {
    expect(f.utilization(0, ex1, 0.2)).toBe(1);
  });
  describeErrors(f.utilization, F.UTILIZATION, [1_000_000, ex1, 0.2, 0, 12, 12]);
});
