import "../helpers/customFunctions";
import * as p from "../../src/functions/pricing";
import { excelError } from "../helpers/customFunctions";
import { column } from "../helpers/series";
import { describeErrors } from "./errorTable";
import * as F from "../../src/catalogue/functions";

const project = p.project as (...a: unknown[]) => number[][];
const closeTo = (values: number[]) => values.map((v) => [expect.closeTo(v, 9)]);

describe("LEVERS.PROJECT", () => {
  test("worked example: 3, 5, 4, 6 continues as Excel's TREND: 6.5, 7.3, 8.1", () => {
    // x = 1..4, mean x 2.5, mean y 4.5; slope = sum dx*dy / sum dx^2 = 4 / 5 = 0.8; intercept = 4.5 - 0.8 * 2.5 = 2.5.
    // x = 5, 6, 7: 2.5 + 0.8 x = 6.5, 7.3, 8.1
    expect(project(column([3, 5, 4, 6]), 3)).toEqual(closeTo([6.5, 7.3, 8.1]));
  });
  test("defaults: linear; growth is not needed for it", () => {
    expect(project(column([3, 5, 4, 6]), 3, null, null)).toEqual(project(column([3, 5, 4, 6]), 3, "linear"));
    expect(project(column([3, 5, 4, 6]), 3, "linear", 0.5)).toEqual(project(column([3, 5, 4, 6]), 3, "linear"));
  });
  test("a less tidy TREND: 100, 120, 110, 150, 160", () => {
    // mean x 3, mean y 128; dx = -2..2, dy = -28, -8, -18, 22, 32;
    // sum dx*dy = 56 + 8 + 0 + 22 + 64 = 150; sum dx^2 = 10; slope 15; intercept 128 - 45 = 83.
    // x = 6, 7: 83 + 90 = 173, 83 + 105 = 188
    expect(project(column([100, 120, 110, 150, 160]), 2)).toEqual(closeTo([173, 188]));
  });
  test("exponential as Excel's GROWTH: 1, e, e^3 gives e^(13/3), e^(35/6)", () => {
    // ln y = 0, 1, 3: mean x 2, mean 4/3; sum dx*dy = 4/3 + 0 + 5/3 = 3; sum dx^2 = 2; slope 1.5; intercept 4/3 - 3 = -5/3.
    // x = 4: e^(-5/3 + 6) = e^(13/3); x = 5: e^(-5/3 + 7.5) = e^(35/6)
    expect(project(column([1, Math.E, Math.exp(3)]), 2, "exponential")).toEqual(
      closeTo([Math.exp(13 / 3), Math.exp(35 / 6)]),
    );
    // 2, 4, 8 doubles exactly: 16, 32
    expect(project(column([2, 4, 8]), 2, "Exponential")).toEqual(closeTo([16, 32]));
  });
  test("flat: the mean of the last 3 months, (40 + 50 + 60) / 3 = 50", () => {
    expect(project(column([10, 40, 50, 60]), 2, "flat")).toEqual([[50], [50]]);
  });
  test("growth: the last month compounding monthly at (1 + g)^(1/12); 100 at 20% a year reaches 120 in month 12", () => {
    const out = project(column([80, 100]), 12, "growth", 0.2);
    expect(out.length).toBe(12);
    expect(out[0]![0]).toBeCloseTo(100 * Math.pow(1.2, 1 / 12), 9);
    expect(out[11]![0]).toBeCloseTo(120, 9);
  });
  test("floored at 0: 10, 6 falls by 4 a month, so 2, 0, 0", () => {
    expect(project(column([10, 6]), 3)).toEqual(closeTo([2, 0, 0]));
  });
  test("history as usage: a row, several columns summed, trailing blanks dropped", () => {
    expect(project([[3, 5, 4, 6]], 1)).toEqual(closeTo([6.5]));
    expect(
      project(
        [
          [1, 2],
          [3, 2],
          [2, 2],
          [4, 2],
        ],
        1,
      ),
    ).toEqual(closeTo([6.5]));
    expect(project(column([3, 5, 4, 6, null, 0]), 1)).toEqual(closeTo([6.5]));
  });

  describe("errors", () => {
    test.each([
      [
        "method: unknown",
        [column([3, 5]), 2, "trend"],
        "#VALUE!",
        'method: unknown value "trend"; use "flat", "linear", "exponential", "growth"',
      ],
      ["method: a number", [column([3, 5]), 2, 1], "#VALUE!", "method: 1 is not text"],
      [
        "growth: missing for method growth",
        [column([3, 5]), 2, "growth"],
        "#N/A",
        'growth: a value is required when method is "growth"',
      ],
      [
        "linear with one month",
        [column([5]), 2, "linear"],
        "#N/A",
        "history: the linear method needs at least 2 months of history, got 1",
      ],
      [
        "exponential with one month (trailing zeros are dropped)",
        [column([5, 0]), 2, "exponential"],
        "#N/A",
        "history: the exponential method needs at least 2 months of history, got 1",
      ],
      [
        "exponential with a month at 0, down a column",
        [column([5, null, 7]), 2, "exponential"],
        "#NUM!",
        "history: 0 at row 2, column 1 is not above 0; the exponential method needs every month above 0",
      ],
      [
        "exponential with a month at 0, across a row",
        [[[5, 0, 7]], 2, "exponential"],
        "#NUM!",
        "history: 0 at row 1, column 2 is not above 0; the exponential method needs every month above 0",
      ],
      ["growth: -100%", [column([3, 5]), 2, "growth", -1], "#NUM!", "growth: -1 is outside (-1, 1]"],
      [
        "growth: a whole percent",
        [column([3, 5]), 2, "growth", 20],
        "#VALUE!",
        "growth: 20 looks like a percent typed as a whole number; enter 0.2 (or 20%)",
      ],
    ])("%s", (_what, args, code, message) => {
      const e = excelError(() => project(...args));
      expect([e.code, e.message]).toEqual([code, message]);
    });
  });
  describeErrors(p.project as (...a: unknown[]) => unknown, F.PROJECT, [column([3, 5, 4, 6]), 3, "growth", 0.1]);
});
