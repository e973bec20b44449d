import "../helpers/customFunctions";
import * as s from "../../src/functions/sizing";
import { describeErrors } from "./errorTable";
import * as F from "../../src/catalogue/functions";

import { excelError } from "../helpers/customFunctions";
import { column, flat } from "../helpers/series";

const oneYear = column(flat(12, 100_000));
const bands = [
  [0, 0],
  [500_000, 0.1],
  [2_000_000, 0.25],
];
const header = ["Commit", "Discount", "Expected cost", "Expected waste", "Expected overage billed"];
const close = (rows: number[][]) => rows.map((r) => r.map((v) => expect.closeTo(v, 4)));

describe("LEVERS.COMMIT_CURVE", () => {
  test("five points from 0 to 1.5 x 1,200,000, plus the 500k threshold and the 1,080,000 recommendation", () => {
    // 0 and 450k: 0% band, everything over at list: 1,200,000.
    // 500k: 10% band, draws 1,080,000: 580,000 over = 644,444.44 at list.
    // 900k: 180,000 over = 200,000 at list. 1,080,000: exact. 1.35M and 1.8M: waste 270k and 720k.
    expect(s.commitCurve(oneYear, bands, 1, 0, 12, 0, 5)).toEqual([
      header,
      ...close([
        [0, 0, 1_200_000, 0, 1_200_000],
        [450_000, 0, 1_200_000, 0, 750_000],
        [500_000, 0.1, 1_144_444.4444, 0, 644_444.4444],
        [900_000, 0.1, 1_100_000, 0, 200_000],
        [1_080_000, 0.1, 1_080_000, 0, 0],
        [1_350_000, 0.1, 1_350_000, 270_000, 0],
        [1_800_000, 0.1, 1_800_000, 720_000, 0],
      ]),
    ]);
  });
  test("defaults: 25 points, overage at list, no carryover, 12-month periods, volatility 0", () => {
    const table = s.commitCurve(oneYear, bands);
    expect(table).toEqual(s.commitCurve(oneYear, bands, 1, 0, 12, 0, 25));
    // 25 evenly spaced commits (0, 75k, ..., 1.8M; 450k... include none of 500k or 1.08M) + those two.
    expect(table.length).toBe(1 + 25 + 2);
  });
  test("with volatility, expected waste and overage are both positive near the draw", () => {
    const table = s.commitCurve(oneYear, bands, 1, 0, 12, 0.3, 3);
    const atDraw = table.find((r) => r[0] === 900_000)!;
    expect(atDraw[3]).toBeGreaterThan(0);
    expect(atDraw[4]).toBeGreaterThan(0);
  });
  test("points must be a whole number from 2 to 1000", () => {
    for (const bad of [1, 2.5, 5000]) {
      const error = excelError(() => s.commitCurve(oneYear, bands, 1, 0, 12, 0, bad));
      expect([error.code, error.message]).toEqual([
        "#NUM!",
        expect.stringMatching(/^points: .* is outside whole numbers 2 to 1000/),
      ]);
    }
  });
  describeErrors(s.commitCurve as (...a: unknown[]) => unknown, F.COMMIT_CURVE, [oneYear, bands, 1, 0, 12, 0, 5, 0]);
});
