/**
 * Counts of a rate whose trials come in clusters (generations within sessions), kept as sums that
 * add up across sessions, windows and versions: Σy, Σn, Σy², Σn², Σy·n over the clusters. From
 * them the ratio estimator R = Σy / Σn has a variance that allows for users who behave alike
 * across a session (one user rephrasing every answer is one piece of evidence, not five).
 */
export interface ClusteredCount {
  /** Number of clusters (sessions). */
  clusters: number;
  /** Σ y: trials that succeeded (e.g. generations with a `rephrase_retry`). */
  successes: number;
  /** Σ n: trials (e.g. generations). */
  trials: number;
  /** Σ y². */
  successesSq: number;
  /** Σ n². */
  trialsSq: number;
  /** Σ y·n. */
  cross: number;
}

/** A plain binomial count. */
export interface Count {
  successes: number;
  trials: number;
}

/** The variance of a clustered rate and how much clustering costs. */
export interface ClusteredRate {
  rate: number;
  /** Var(R) by linearisation, never below the binomial R(1−R)/n (design effect ≥ 1). */
  variance: number;
  /** variance / binomial variance, ≥ 1. */
  designEffect: number;
  /** trials / designEffect: the sample size of an independent sample as informative. */
  effectiveTrials: number;
}

/** Every cluster holds one trial: the binomial case written as a clustered count. */
export function unclustered(c: Count): ClusteredCount {
  return {
    clusters: c.trials,
    successes: c.successes,
    trials: c.trials,
    successesSq: c.successes,
    trialsSq: c.trials,
    cross: c.successes,
  };
}

/**
 * Σ (y − r·n)² over the clusters, from the additive sums: the residual sum of squares of the ratio
 * estimator around the rate `r` (the pooled rate under a null hypothesis, or the arm's own rate).
 */
function residualSq(c: ClusteredCount, r: number): number {
  return Math.max(0, c.successesSq - 2 * r * c.cross + r * r * c.trialsSq);
}

/**
 * The variance of Σy/Σn around a rate `r` (default: its own), by the linearisation (delta method)
 * estimator m/(m−1) · Σ(y − r·n)² / (Σn)² (Cochran 1977, §6.3), floored at the binomial variance.
 * Needs at least two clusters.
 */
export function clusteredVariance(c: ClusteredCount, r = c.successes / c.trials): number {
  const m = c.clusters;
  if (!(m >= 2) || !(c.trials > 0)) {
    throw new RangeError(`clusteredVariance: needs ≥ 2 clusters and > 0 trials, got ${m} and ${c.trials}`);
  }
  const linearised = ((m / (m - 1)) * residualSq(c, r)) / (c.trials * c.trials);
  return Math.max(linearised, (r * (1 - r)) / c.trials);
}

/**
 * The rate of a clustered count with its variance, design effect and effective sample size.
 *
 * @example
 * // 3 sessions of 2 generations, one session rephrased both: rate 1/3 but design effect > 1.
 * clusteredRate({ clusters: 3, successes: 2, trials: 6, successesSq: 4, trialsSq: 12, cross: 4 });
 */
export function clusteredRate(c: ClusteredCount): ClusteredRate {
  const rate = c.successes / c.trials;
  const binomial = (rate * (1 - rate)) / c.trials;
  if (binomial === 0) return { rate, variance: 0, designEffect: 1, effectiveTrials: c.trials };
  const variance = clusteredVariance(c, rate);
  const designEffect = variance / binomial;
  return { rate, variance, designEffect, effectiveTrials: c.trials / designEffect };
}
