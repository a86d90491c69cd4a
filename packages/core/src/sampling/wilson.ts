/** A proportion with its Wilson score interval. */
export interface Interval {
  mean: number;
  low: number;
  high: number;
  n: number;
}

/**
 * The Wilson score interval of `successes` out of `n` (95 % by default, z = 1.96): unlike the
 * normal approximation it stays inside [0, 1] and is honest for small n, which is what ranking
 * cohorts of very different sizes needs.
 *
 * @example
 * wilson(3, 10) // { mean: 0.3, low: 0.108, high: 0.603, n: 10 }
 */
export function wilson(successes: number, n: number, z = 1.96): Interval {
  if (n <= 0) return { mean: 0, low: 0, high: 1, n: 0 };
  const p = successes / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return { mean: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half), n };
}
