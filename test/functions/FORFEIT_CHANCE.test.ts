/**
 * LEVERS.FORFEIT_CHANCE: the share of futures forfeiting more than $0.01. Goldens by hand from the
 * 1,000 level factors f_i = exp(0.2 z_i - 0.02) (Python's statistics.NormalDist as the calculator).
 */
import "../helpers/customFunctions";
import * as s from "../helpers/single";
import * as sizing from "../../src/functions/sizing";
import { describeErrors } from "./errorTable";
import * as F from "../../src/catalogue/functions";
import { column, flat } from "../helpers/series";

const ex1 = column(flat(12, 100_000));

describe("LEVERS.FORFEIT_CHANCE", () => {
  test("worked example 1 with volatility 0.2: 619 futures in 1,000 forfeit", () => {
    // A forfeit where 960,000 f_i < 1,000,000: z_i < (ln(1,000,000 / 960,000) + 0.02) / 0.2 = 0.30411,
    // that is (i - 0.5) / 1000 < 0.61948: i = 1 .. 619.
    expect(s.forfeitChance(1_000_000, ex1, 0.2, 0, 12, 0.2)).toBe(0.619);
  });

  test("lifts: a column of commits gives a column of chances, rising with the commit", () => {
    // 900,000: z < (ln(0.9375) + 0.02) / 0.2 = -0.22270, p < 0.41188: 412. 1,100,000: z < 0.78066, p < 0.78248: 782.
    const grid = sizing.forfeitChance([[900_000], [1_000_000], [1_100_000]], ex1, [[0.2]], [[0]], [[12]], [[0.2]]);
    expect(grid).toEqual([[0.412], [0.619], [0.782]]);
  });

  test("both volatilities 0: 1 when the ledger forfeits, 0 when it does not", () => {
    // Worked example 1: 40,000 forfeited at 1,000,000; at 960,000 the draw fills the commit.
    expect(s.forfeitChance(1_000_000, ex1, 0.2)).toBe(1);
    expect(s.forfeitChance(960_000, ex1, 0.2)).toBe(0);
  });

  describeErrors(s.forfeitChance, F.FORFEIT_CHANCE, [1_000_000, ex1, 0.2, 0, 12, 0.2, 0.1, 12]);
});
