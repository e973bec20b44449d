import "../helpers/customFunctions";
import * as f from "../helpers/single";
import { describeErrors } from "./errorTable";
import * as F from "../../src/catalogue/functions";
import { column, flat } from "../helpers/series";

const ex1 = column(flat(12, 100_000));

describe("LEVERS.EXCLUSION_COST", () => {
  test("10% of usage billed at list outside a 960,000 commit costs 120,000", () => {
    expect(f.exclusionCost(960_000, ex1, 0.2, 0.1)).toBeCloseTo(120_000, 6);
  });
  test("defaults: overage at list, no carryover, 12-month periods", () => {
    expect(f.exclusionCost(960_000, ex1, 0.2, 0.1, null, null, null)).toBe(
      f.exclusionCost(960_000, ex1, 0.2, 0.1, 1, 0, 12),
    );
  });
  test("excluded usage billed at the committed rate costs 96,000", () => {
    expect(f.exclusionCost(960_000, ex1, 0.2, 0.1, "committed")).toBeCloseTo(96_000, 6);
  });
  test("when the commit was short anyway, the exclusion only moves overage: 900,000 commit", () => {
    // Without: 60,000 over -> 975,000. With 10% excluded: drawn 864,000, 36,000 forfeited, 120,000 billed -> 1,020,000.
    expect(f.exclusionCost(900_000, ex1, 0.2, 0.1)).toBeCloseTo(45_000, 6);
  });
  test("nothing excluded costs nothing", () => {
    expect(f.exclusionCost(960_000, ex1, 0.2, 0)).toBe(0);
  });
  describeErrors(f.exclusionCost, F.EXCLUSION_COST, [960_000, ex1, 0.2, 0.1, 1, 0, 12, 12]);
});
