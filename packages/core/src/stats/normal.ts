import cdf from '@stdlib/stats-base-dists-normal-cdf';
import quantile from '@stdlib/stats-base-dists-normal-quantile';

/** P(Z ≤ z) for a standard normal Z (stdlib: erfc-based, relative error ~1e-15 into the far tails). */
export function normalCdf(z: number): number {
  return cdf(z, 0, 1);
}

/** The z with P(Z ≤ z) = p, for p in (0, 1). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile: p must be in (0, 1), got ${p}`);
  return quantile(p, 0, 1);
}

/** P(Z ≥ z): the upper tail, computed without the cancellation of `1 - normalCdf(z)`. */
export function normalUpperTail(z: number): number {
  return cdf(-z, 0, 1);
}

/** The two-sided critical value for a confidence level: 1.959964 for 0.95. */
export function zForConfidence(confidence: number): number {
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  }
  return normalQuantile(1 - (1 - confidence) / 2);
}
