/**
 * USAGE_VOLATILITY (DOMAIN.md "Usage under uncertainty", its estimate from a history): the
 * uncertainty a monthly history itself leaves in a log-linear fit's level and growth.
 */
import { Errors, LeverError } from "./errors";

/** The fewest months above 0 a fit needs: two for the line, one more for the residuals' spread. */
export const VOLATILITY_MIN_MONTHS = 3;

/** Volatility s and growth volatility g, as decimals (standard deviations of logs). */
export interface UsageVolatility {
  /** The uncertainty of the fitted level at the last month fitted. */
  readonly volatility: number;
  /** The uncertainty of the fitted annual growth: 12 x the slope's standard error. */
  readonly growthVolatility: number;
}

/**
 * Least squares of ln(u_t) on t (t = 1 for the first month) over the months with u_t > 0, n of them:
 * sigma = sqrt(SSR / (n - 2)), Sxx = sum (t - t_bar)^2, volatility = sigma sqrt(1/n + (t_n - t_bar)^2 / Sxx),
 * growth volatility = 12 sigma / sqrt(Sxx). A month at 0 is left out but keeps its place in t.
 * `history`: monthly dollars (or tokens: only ratios matter). Fewer than 3 months above 0: #N/A.
 */
export function usageVolatility(history: ArrayLike<number>, arg = "history"): UsageVolatility | LeverError {
  let n = 0;
  let sumT = 0;
  let sumY = 0;
  let last = 0;
  for (let t = 1; t <= history.length; t++) {
    const u = history[t - 1]!;
    if (!(u > 0)) continue;
    n++;
    sumT += t;
    sumY += Math.log(u);
    last = t;
  }
  if (n < VOLATILITY_MIN_MONTHS) return Errors.fewPositiveMonths(arg, VOLATILITY_MIN_MONTHS, n);
  const tBar = sumT / n;
  const yBar = sumY / n;
  let sxx = 0;
  let sxy = 0;
  for (let t = 1; t <= history.length; t++) {
    const u = history[t - 1]!;
    if (!(u > 0)) continue;
    sxx += (t - tBar) * (t - tBar);
    sxy += (t - tBar) * (Math.log(u) - yBar);
  }
  const slope = sxy / sxx;
  let ssr = 0;
  for (let t = 1; t <= history.length; t++) {
    const u = history[t - 1]!;
    if (!(u > 0)) continue;
    const residual = Math.log(u) - yBar - slope * (t - tBar);
    ssr += residual * residual;
  }
  const sigma = Math.sqrt(ssr / (n - 2));
  return {
    volatility: sigma * Math.sqrt(1 / n + ((last - tBar) * (last - tBar)) / sxx),
    growthVolatility: (12 * sigma) / Math.sqrt(sxx),
  };
}
