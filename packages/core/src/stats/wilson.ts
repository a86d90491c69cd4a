import { zForConfidence } from './normal.ts';

/** A rate with its confidence interval. */
export interface RateInterval {
  /** successes / trials. */
  rate: number;
  lower: number;
  upper: number;
}

/**
 * The Wilson score interval for a proportion (Wilson 1927; method 3 in Newcombe 1998). Unlike the
 * textbook Wald interval it stays inside [0, 1] and keeps close to its nominal coverage for small
 * counts and rates near 0 or 1, which is where behavioural signals live (a 2% undo rate).
 * Counts may be fractional: an *effective* sample size (trials / design effect) gives the interval
 * of a clustered rate.
 *
 * @example
 * wilsonInterval(81, 263); // { rate: 0.3080, lower: 0.2553, upper: 0.3662 }
 */
export function wilsonInterval(successes: number, trials: number, confidence = 0.95): RateInterval {
  if (!(trials > 0)) throw new RangeError(`wilsonInterval: trials must be > 0, got ${trials}`);
  if (!(successes >= 0 && successes <= trials)) {
    throw new RangeError(`wilsonInterval: successes must be in [0, trials], got ${successes} of ${trials}`);
  }
  const z = zForConfidence(confidence);
  const z2 = z * z;
  const rate = successes / trials;
  const center = (successes + z2 / 2) / (trials + z2);
  const half = (z / (trials + z2)) * Math.sqrt((successes * (trials - successes)) / trials + z2 / 4);
  // Clamp away float noise at x = 0 or x = n (the exact bounds are 0 and 1 there).
  return {
    rate,
    lower: Math.min(rate, Math.max(0, center - half)),
    upper: Math.max(rate, Math.min(1, center + half)),
  };
}
