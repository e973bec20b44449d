import "../helpers/customFunctions";
import * as f from "../helpers/single";
import { describeErrors } from "./errorTable";
import * as F from "../../src/catalogue/functions";
import { column, flat, twoYears } from "../helpers/series";

const ex1 = column(flat(12, 100_000));

describe("LEVERS.ESR", () => {
  test("worked example 1: 1 - 1,000,000 / 1,200,000 = 1/6", () => {
    expect(f.esr(1_000_000, ex1, 0.2)).toBeCloseTo(1 / 6, 12);
  });
  test("worked example 2: 1 - 2,190,000 / 2,400,000", () => {
    expect(f.esr(1_000_000, column(twoYears), 0.2)).toBeCloseTo(0.0875, 12);
  });
  test("defaults: overage at list, no carryover, 12-month periods", () => {
    expect(f.esr(1_000_000, column(twoYears), 0.2, null, null, null)).toBe(
      f.esr(1_000_000, column(twoYears), 0.2, 1, 0, 12),
    );
  });
  test("a commit sized exactly to the draw earns the full discount", () => {
    expect(f.esr(960_000, ex1, 0.2)).toBeCloseTo(0.2, 12);
  });
  test("an oversized commit can cost more than list: ESR below 0", () => {
    expect(f.esr(1_500_000, ex1, 0.2)).toBeCloseTo(1 - 1_500_000 / 1_200_000, 12);
  });
  describeErrors(f.esr, F.ESR, [1_000_000, ex1, 0.2, 1, 0, 12, 12]);
});
