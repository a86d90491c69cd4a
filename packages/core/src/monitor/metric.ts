import { clusteredRate, unclustered, wilsonInterval, type ClusteredCount } from '../stats/index.ts';
import type { RollupCounts } from './rollup.ts';

/**
 * A rate monitoring can follow and alert on:
 * - `rate:<signal kind>`: share of generations carrying the signal (e.g. `rate:rephrase_retry`);
 * - `grade:<grade>`: share of labeled generations with the grade (e.g. `grade:rejected`);
 * - `outcome:completed | abandoned | unknown`: share of sessions with the outcome.
 */
export type Metric =
  `rate:${string}` | `grade:${string}` | `outcome:${'completed' | 'abandoned' | 'unknown'}`;

export interface ParsedMetric {
  family: 'rate' | 'grade' | 'outcome';
  name: string;
  /** What the rate is a share of. */
  unit: 'generations' | 'labeled' | 'sessions';
}

const OUTCOMES = new Set(['completed', 'abandoned', 'unknown']);

/** Splits `rate:copied` into its family and name; undefined when it is not a metric. */
export function parseMetric(metric: string): ParsedMetric | undefined {
  const colon = metric.indexOf(':');
  const family = metric.slice(0, colon);
  const name = metric.slice(colon + 1);
  if (colon < 1 || name === '') return undefined;
  if (family === 'rate') return { family, name, unit: 'generations' };
  if (family === 'grade') return { family, name, unit: 'labeled' };
  if (family === 'outcome' && OUTCOMES.has(name)) return { family, name, unit: 'sessions' };
  return undefined;
}

/** The metric's counts in a row (or a sum of rows), as a clustered count over sessions. */
export function metricCount(counts: RollupCounts, metric: ParsedMetric): ClusteredCount {
  switch (metric.family) {
    case 'rate': {
      const m = counts.signals[metric.name] ?? { sum: 0, sumSq: 0, cross: 0 };
      return {
        clusters: counts.sessions,
        successes: m.sum,
        trials: counts.generations,
        successesSq: m.sumSq,
        trialsSq: counts.generationsSq,
        cross: m.cross,
      };
    }
    case 'grade': {
      const m = counts.grades[metric.name] ?? { sum: 0, sumSq: 0, cross: 0 };
      return {
        clusters: counts.sessions,
        successes: m.sum,
        trials: counts.labeled,
        successesSq: m.sumSq,
        trialsSq: counts.labeledSq,
        cross: m.cross,
      };
    }
    case 'outcome': {
      const successes =
        metric.name === 'completed'
          ? counts.completed
          : metric.name === 'abandoned'
            ? counts.abandoned
            : counts.unknown;
      return unclustered({ successes, trials: counts.sessions });
    }
  }
}

/** A rate with its Wilson interval (on the effective sample size when trials are clustered). */
export interface MetricRate {
  sessions: number;
  /** Generations, labeled generations or sessions with the signal / grade / outcome. */
  successes: number;
  /** Its denominator: generations, labeled generations or sessions. */
  trials: number;
  /** successes / trials; null when there are no trials. */
  rate: number | null;
  lower: number;
  upper: number;
  /** How much sessions' internal correlation widens the interval (1 = none). */
  designEffect: number;
}

/** The metric's rate in `counts` with a 95% (or `confidence`) interval. */
export function metricRate(counts: RollupCounts, metric: ParsedMetric, confidence = 0.95): MetricRate {
  const c = metricCount(counts, metric);
  const base = { sessions: counts.sessions, successes: c.successes, trials: c.trials };
  if (!(c.trials > 0)) return { ...base, rate: null, lower: 0, upper: 1, designEffect: 1 };
  const r =
    c.clusters >= 2
      ? clusteredRate(c)
      : { rate: c.successes / c.trials, designEffect: 1, effectiveTrials: c.trials };
  const w = wilsonInterval(r.rate * r.effectiveTrials, r.effectiveTrials, confidence);
  return { ...base, rate: r.rate, lower: w.lower, upper: w.upper, designEffect: r.designEffect };
}
