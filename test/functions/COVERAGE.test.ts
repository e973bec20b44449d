import "../helpers/customFunctions";
import * as f from "../helpers/single";
import { describeErrors } from "./errorTable";
import * as F from "../../src/catalogue/functions";
import { column, flat, twoYears } from "../helpers/series";

const ex1 = column(flat(12, 100_000));

describe("LEVERS.COVERAGE", () => {
  test("worked example 1 at a 900,000 commit: 60,000 of 960,000 drawn is overage", () => {
    expect(f.coverage(900_000, ex1, 0.2)).toBeCloseTo(0.9375, 12);
    expect(f.coverage(1_000_000, ex1, 0.2)).toBe(1);
  });
  test("worked example 2: 152,000 of 1,920,000 over; 36,000 with carryover 0.5", () => {
    expect(f.coverage(1_000_000, column(twoYears), 0.2)).toBeCloseTo(1 - 152_000 / 1_920_000, 12);
    expect(f.coverage(1_000_000, column(twoYears), 0.2, 0.5)).toBeCloseTo(1 - 36_000 / 1_920_000, 12);
  });
  test("defaults: no carryover, 12-month periods", () => {
    expect(f.coverage(1_000_000, column(twoYears), 0.2, null, null)).toBe(
      f.coverage(1_000_000, column(twoYears), 0.2, 0, 12),
    );
  });
  test("no commitment: nothing is inside it", () => {
    expect(f.coverage(0, ex1, 0.2)).toBeCloseTo(0, 12);
  });
  describeErrors(f.coverage, F.COVERAGE, [1_000_000, ex1, 0.2, 0, 12, 12]);
});
