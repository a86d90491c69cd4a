import { normalQuantile } from './normal.ts';

export interface SampleSizeOptions {
  /** The baseline's rate, e.g. 0.15. */
  baselineRate: number;
  /** The smallest change worth detecting, signed or not: 0.05 means 0.15 → 0.20. */
  minDetectableEffect: number;
  /** False positive rate of one test. Default 0.05. */
  alpha?: number;
  /** Probability to detect the effect when it is there. Default 0.8. */
  power?: number;
  /** `two` (default) or `one`-sided test. */
  sided?: 'one' | 'two';
  /** Variance inflation from clustering (generations within sessions). Default 1. */
  designEffect?: number;
}

/**
 * Trials per arm that a two-proportion z-test needs (Fleiss, Levin & Paik 2003, eq. 4.14 without
 * continuity correction; the formula behind R's `power.prop.test`), times the design effect.
 *
 * @example
 * sampleSizePerArm({ baselineRate: 0.5, minDetectableEffect: 0.25, power: 0.9 }); // 77 (R: n = 76.7)
 */
export function sampleSizePerArm(options: SampleSizeOptions): number {
  const { baselineRate: p1, minDetectableEffect: mde, alpha = 0.05, power = 0.8 } = options;
  const p2 = p1 + mde;
  if (!(p1 > 0 && p1 < 1 && p2 > 0 && p2 < 1 && mde !== 0)) {
    throw new RangeError(`sampleSizePerArm: need 0 < baselineRate, baselineRate + effect < 1 and effect ≠ 0`);
  }
  const za = normalQuantile(1 - alpha / (options.sided === 'one' ? 1 : 2));
  const zb = normalQuantile(power);
  const pbar = (p1 + p2) / 2;
  const root = za * Math.sqrt(2 * pbar * (1 - pbar)) + zb * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
  return Math.ceil((root / mde) ** 2 * (options.designEffect ?? 1));
}
