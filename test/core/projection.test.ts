import fc from "fast-check";
import * as core from "../../src/core";
import * as sheet from "../../src/sheet";

const project = (history: number[], months: number, method: core.ProjectionMethod, growth?: number) =>
  core.project(history, months, method, { growth }) as number[];
const closeTo = (values: number[]) => values.map((v) => expect.closeTo(v, 9));

describe("linear: least squares as Excel TREND, x = 1..n", () => {
  test("history 3, 5, 4, 6: slope 0.8, intercept 2.5", () => {
    // mean x = 2.5, mean y = 4.5; sum dx*dy = 2.25 - 0.25 - 0.25 + 2.25 = 4; sum dx^2 = 5.
    // slope = 4 / 5 = 0.8; intercept = 4.5 - 0.8 * 2.5 = 2.5.
    const fit = core.leastSquares([3, 5, 4, 6]);
    expect(fit.slope).toBeCloseTo(0.8, 12);
    expect(fit.intercept).toBeCloseTo(2.5, 12);
    // TREND at x = 5, 6, 7: 2.5 + 0.8 x = 6.5, 7.3, 8.1.
    expect(project([3, 5, 4, 6], 3, "linear")).toEqual(closeTo([6.5, 7.3, 8.1]));
  });
  test("a falling line is floored at 0: 10, 6 gives 14 - 4x = 2, then 0, 0", () => {
    expect(project([10, 6], 3, "linear")).toEqual(closeTo([2, 0, 0]));
  });
  test("property: an exact line is continued exactly", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 36 }),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 1e4, noNaN: true }),
        (n, a, b) => {
          const history = Array.from({ length: n }, (_, i) => a + b * (i + 1));
          const next = project(history, 2, "linear");
          const want = [a + b * (n + 1), a + b * (n + 2)];
          return next.every((v, k) => Math.abs(v - want[k]!) <= 1e-6 * Math.max(1, want[k]!));
        },
      ),
    );
  });
});

describe("exponential: least squares on ln y as Excel GROWTH", () => {
  test("2, 4, 8: ln y = x ln 2 exactly, so 16, 32", () => {
    expect(project([2, 4, 8], 2, "exponential")).toEqual(closeTo([16, 32]));
  });
  test("1, e, e^3: ln y = 0, 1, 3 gives slope 1.5, intercept -5/3", () => {
    // mean x = 2, mean ln y = 4/3; sum dx*dy = (-1)(-4/3) + 0 + (1)(5/3) = 3; sum dx^2 = 2.
    // slope = 1.5; intercept = 4/3 - 1.5 * 2 = -5/3; GROWTH at x = 4: e^(-5/3 + 6) = e^(13/3); x = 5: e^(35/6).
    expect(project([1, Math.E, Math.exp(3)], 2, "exponential")).toEqual(closeTo([Math.exp(13 / 3), Math.exp(35 / 6)]));
  });
  test("a month at 0 is #NUM! naming its cell", () => {
    const e = core.project([5, 0, 7], 2, "exponential", { cellOf: (m) => ({ row: 1, column: m }) }) as core.LeverError;
    expect([e.type, e.message]).toEqual([
      "#NUM!",
      "history: 0 at row 1, column 2 is not above 0; the exponential method needs every month above 0",
    ]);
  });
});

describe("flat and growth", () => {
  test("flat: the mean of the last 3 months (4, 5, 6 of 1..6 = 5), or of all if fewer", () => {
    expect(project([1, 2, 3, 4, 5, 6], 2, "flat")).toEqual([5, 5]);
    expect(project([2, 4], 1, "flat")).toEqual([3]);
    expect(project([7], 1, "flat")).toEqual([7]);
  });
  test("growth: the last month compounding at (1 + g)^(1/12) - 1 a month", () => {
    // last 100, g = 0.2: month k = 100 * 1.2^(k/12); month 6 = 100 * sqrt(1.2), month 12 = 120.
    const next = project([50, 100], 12, "growth", 0.2);
    expect(next[5]).toBeCloseTo(100 * Math.sqrt(1.2), 9);
    expect(next[11]).toBeCloseTo(120, 9);
    expect(project([100], 12, "growth", -0.5)[11]).toBeCloseTo(50, 9);
  });
  test("growth needs a rate: #N/A", () => {
    const e = core.project([100], 3, "growth") as core.LeverError;
    expect([e.type, e.message]).toEqual(["#N/A", 'growth: a value is required when method is "growth"']);
  });
});

describe("history too short, methods, cells", () => {
  test.each(["linear", "exponential"] as const)("%s needs 2 months: #N/A", (method) => {
    const e = core.project([5], 3, method) as core.LeverError;
    expect([e.type, e.message]).toEqual([
      "#N/A",
      `history: the ${method} method needs at least 2 months of history, got 1`,
    ]);
  });
  test("method words: any case; an unknown one lists the methods", () => {
    expect(core.parseProjectionMethod("method", " Linear ")).toBe("linear");
    const e = core.parseProjectionMethod("method", "trend") as core.LeverError;
    expect([e.type, e.message]).toEqual([
      "#VALUE!",
      'method: unknown value "trend"; use "flat", "linear", "exponential", "growth"',
    ]);
  });
  test("monthCell: down a column, or across a single row", () => {
    expect(sheet.monthCell([[1], [2], [3]], 2)).toEqual({ row: 2, column: 1 });
    expect(sheet.monthCell([[1, 2, 3]], 2)).toEqual({ row: 1, column: 2 });
    expect(
      sheet.monthCell(
        [
          [1, 9],
          [2, 9],
        ],
        2,
      ),
    ).toEqual({ row: 2, column: 1 });
  });
});
