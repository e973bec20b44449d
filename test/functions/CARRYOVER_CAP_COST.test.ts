/**
 * LEVERS.CARRYOVER_CAP_COST (DOMAIN.md "Carryover cap"): cost(capped) - cost(uncapped), never
 * negative. Worked by hand on worked example 2's usage (12 months of 80,000 then 12 of 120,000,
 * commit 1,000,000 a year, 20% off, carryover 0.5):
 *   year 1 draws 0.8 x 960,000 = 768,000 of 1,000,000: 232,000 unused, half of it 116,000 to carry;
 *   year 2 needs 0.8 x 1,440,000 = 1,152,000 of the commit and what was carried.
 *   Uncapped: 1,116,000 available, 36,000 short = 45,000 at list billed as overage.
 *   Capped at 0.1 of the commit: 100,000 carried, 52,000 short = 65,000 at list billed.
 *   The cap costs 65,000 - 45,000 = 20,000.
 */
import "../helpers/customFunctions";
import * as f from "../helpers/single";
import { describeErrors } from "./errorTable";
import * as F from "../../src/catalogue/functions";
import { column, twoYears } from "../helpers/series";

describe("LEVERS.CARRYOVER_CAP_COST", () => {
  const usage = column(twoYears);

  test("worked example 2 with a cap of 0.1 of the commit: the cap costs 20,000", () => {
    expect(f.carryoverCapCost(1_000_000, usage, 0.2, 0.5, 0.1)).toBeCloseTo(20_000, 6);
  });
  test("no cap (the word none), or a cap above what would carry (0.2 = 200,000 > 116,000): it costs nothing", () => {
    expect(f.carryoverCapCost(1_000_000, usage, 0.2, 0.5, "none")).toBe(0);
    expect(f.carryoverCapCost(1_000_000, usage, 0.2, 0.5, 0.2)).toBe(0);
  });
  test("a cap of 0 takes away the whole carryover: it costs what carryover 0.5 is worth, 145,000", () => {
    // Without carryover year 2 is 152,000 short = 190,000 at list: 190,000 - 45,000.
    expect(f.carryoverCapCost(1_000_000, usage, 0.2, 0.5, 0)).toBeCloseTo(145_000, 6);
    expect(f.carryoverCapCost(1_000_000, usage, 0.2, 0.5, 0)).toBeCloseTo(
      f.carryoverValue(1_000_000, usage, 0.2, 0.5),
      6,
    );
  });
  test("overage at the committed rate: 52,000 short against 36,000, billed as drawn, so 16,000", () => {
    // Capped 52,000 short, uncapped 36,000: at the committed rate the shortfall is billed as drawn.
    expect(f.carryoverCapCost(1_000_000, usage, 0.2, 0.5, 0.1, "committed")).toBeCloseTo(16_000, 6);
  });
  test("defaults: overage at list and 12-month periods", () => {
    expect(f.carryoverCapCost(1_000_000, usage, 0.2, 0.5, 0.1, null, null)).toBe(
      f.carryoverCapCost(1_000_000, usage, 0.2, 0.5, 0.1, 1, 12),
    );
  });
  describeErrors(f.carryoverCapCost, F.CARRYOVER_CAP_COST, [1_000_000, usage, 0.2, 0.5, 0.1, 1, 12, usage.length]);
});
