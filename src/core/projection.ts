/**
 * Monthly history to a monthly projection (DOMAIN.md "Projection"), every value floored at 0:
 * flat (mean of the last 3 months), linear (least squares, as Excel TREND), exponential (least
 * squares on ln, as Excel GROWTH) and growth (the last month compounding at an annual rate).
 */
import { CellAt, cellAtIndex, Errors, LeverError, wordIn } from "./errors";

export const PROJECTION_METHODS = ["flat", "linear", "exponential", "growth"] as const;
export type ProjectionMethod = (typeof PROJECTION_METHODS)[number];

/** A method word as typed, case-insensitive. */
export function parseProjectionMethod(arg: string, word: string): ProjectionMethod | LeverError {
  return wordIn(PROJECTION_METHODS, arg, word);
}

/** Months the flat method averages. */
export const FLAT_MONTHS = 3;
/** Months of history a fitted line needs. */
const FIT_MONTHS = 2;

/**
 * Least squares of y on x = 1..n: the slope and intercept Excel's TREND and LINEST give.
 * slope = sum((x - mean x)(y - mean y)) / sum((x - mean x)^2); intercept = mean y - slope * mean x.
 */
export function leastSquares(y: readonly number[]): { slope: number; intercept: number } {
  const n = y.length;
  const meanX = (n + 1) / 2;
  const meanY = y.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    const dx = i + 1 - meanX;
    sxy += dx * (y[i]! - meanY);
    sxx += dx * dx;
  }
  const slope = sxy / sxx;
  return { slope, intercept: meanY - slope * meanX };
}

/** Options a method may need. */
export interface ProjectionOptions {
  /** Annual growth rate for the growth method, in (-1, 1]. */
  readonly growth?: number;
  /** Where month m of the history sits, for error messages (default: row m, column 1). */
  readonly cellOf?: (month: number) => CellAt;
}

function tooShort(method: ProjectionMethod, history: readonly number[]): LeverError | undefined {
  return history.length < FIT_MONTHS ? Errors.tooShort("history", method, FIT_MONTHS, history.length) : undefined;
}

/**
 * `months` projected values after `history` (monthly, at least one month), floored at 0.
 * Month k of the projection is x = n + k on the fitted line or curve.
 */
export function project(
  history: readonly number[],
  months: number,
  method: ProjectionMethod,
  options: ProjectionOptions = {},
): number[] | LeverError {
  const n = history.length;
  const ahead = Array.from({ length: months }, (_, k) => k + 1);
  let values: number[];
  switch (method) {
    case "flat": {
      const last = history.slice(-FLAT_MONTHS);
      const mean = last.reduce((s, v) => s + v, 0) / last.length;
      values = ahead.map(() => mean);
      break;
    }
    case "linear": {
      const short = tooShort(method, history);
      if (short) return short;
      const { slope, intercept } = leastSquares(history);
      values = ahead.map((k) => intercept + slope * (n + k));
      break;
    }
    case "exponential": {
      const short = tooShort(method, history);
      if (short) return short;
      const zero = history.findIndex((v) => v <= 0);
      if (zero >= 0) {
        const at = options.cellOf ? options.cellOf(zero + 1) : cellAtIndex(zero, 0);
        return Errors.notPositive("history", history[zero]!, at, "the exponential method needs every month above 0");
      }
      const { slope, intercept } = leastSquares(history.map(Math.log));
      values = ahead.map((k) => Math.exp(intercept + slope * (n + k)));
      break;
    }
    case "growth": {
      if (options.growth === undefined) return Errors.requiredWhen("growth", 'method is "growth"');
      const monthly = Math.pow(1 + options.growth, 1 / 12);
      const last = history[n - 1]!;
      values = ahead.map((k) => last * Math.pow(monthly, k));
      break;
    }
  }
  return values.map((v) => Math.max(0, v));
}
