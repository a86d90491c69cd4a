import type { Count } from './clustered.ts';

/**
 * A Bernoulli CUSUM chart (Page 1954; Reynolds & Stoumbos 1999): the log-likelihood ratio of
 * "the rate is now p1" against "it is still p0", accumulated over observations and reset at 0:
 * Sₜ = max(0, Sₜ₋₁ + y·ln(p1/p0) + (1−y)·ln((1−p1)/(1−p0))). It signals when Sₜ ≥ h. Among all
 * detectors with the same false alarm rate it has the shortest worst-case delay for the shift
 * p0 → p1 (Moustakides 1986), which is why Tacit uses it for early warning over time.
 */
export interface CusumDesign {
  /** The in-control rate (the baseline). */
  p0: number;
  /** The out-of-control rate the chart is tuned to detect (above p0 for a rise, below for a drop). */
  p1: number;
  /** The decision threshold on the statistic (log-likelihood-ratio units). */
  h: number;
}

function checkRates(p0: number, p1: number): void {
  if (!(p0 > 0 && p0 < 1 && p1 > 0 && p1 < 1 && p0 !== p1)) {
    throw new RangeError(`CUSUM: need 0 < p0, p1 < 1 and p0 ≠ p1, got p0=${p0} p1=${p1}`);
  }
}

/** The statistic's change for `successes` out of `trials` observations, times `weight`. */
export function cusumIncrement(
  successes: number,
  trials: number,
  design: Pick<CusumDesign, 'p0' | 'p1'>,
  weight = 1,
): number {
  const { p0, p1 } = design;
  return weight * (successes * Math.log(p1 / p0) + (trials - successes) * Math.log((1 - p1) / (1 - p0)));
}

/** A CUSUM run over a series. */
export interface CusumRun {
  /** The statistic after each point. */
  statistic: number[];
  /** Index of the first point at which Sₜ ≥ h, or null. */
  alarmAt: number | null;
  /** The chart's estimate of where the change began: the point after the last reset before the alarm. */
  changeAt: number | null;
  /** An alarm was raised and the statistic has not fallen back to 0 since. */
  inAlarm: boolean;
}

/**
 * Runs the chart over points of aggregated counts (one per time window). The statistic is reset at
 * 0 only between points, never inside one, so it is never above the per-observation chart at a
 * point's end: aggregating makes it slightly slower and never noisier. `weight` (1 / design
 * effect) shrinks the evidence of clustered observations.
 *
 * @example
 * const h = cusumThreshold(0.15, 0.2, 20_000);
 * runCusum(hourly, { p0: 0.15, p1: 0.2, h }).alarmAt;
 */
export function runCusum(points: readonly Count[], design: CusumDesign, weight = 1): CusumRun {
  checkRates(design.p0, design.p1);
  const statistic: number[] = [];
  let s = 0;
  let lastZero = -1;
  let alarmAt: number | null = null;
  let changeAt: number | null = null;
  let inAlarm = false;
  points.forEach((p, i) => {
    s = Math.max(0, s + cusumIncrement(p.successes, p.trials, design, weight));
    statistic.push(s);
    if (s === 0) {
      lastZero = i;
      inAlarm = false;
    } else if (s >= design.h && !inAlarm) {
      inAlarm = true;
      if (alarmAt === null) {
        alarmAt = i;
        changeAt = lastZero + 1;
      }
    }
  });
  return { statistic, alarmAt, changeAt, inAlarm };
}

/** Largest number of chain states: bounds the cost of one ARL computation to a few ms. */
const MAX_STATES = 2000;
/** Grid units for the smaller of the two increments: resolution of the chain. */
const MIN_UNITS = 20;

/**
 * Average run length (in observations) of the chart when the true rate is `p`: the expected
 * number of observations until it signals. At p = p0 it is the in-control ARL (mean time between
 * false alarms); at p = p1 the mean detection delay (from a reset chart).
 *
 * Computed with the Markov chain of Brook & Evans (1972) on a grid fine enough that the smaller
 * increment spans ≥ 20 cells; increments between cells are split between the two neighbours so
 * the chain keeps the exact drift. The system (I − P)·L = 1 is banded and solved directly.
 */
export function cusumArl(design: CusumDesign, p = design.p0): number {
  checkRates(design.p0, design.p1);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`cusumArl: p must be in [0, 1], got ${p}`);
  if (!(design.h > 0)) throw new RangeError(`cusumArl: h must be > 0, got ${design.h}`);
  const up = Math.log(design.p1 / design.p0);
  const down = Math.log((1 - design.p1) / (1 - design.p0));
  const smallest = Math.min(Math.abs(up), Math.abs(down));
  // A whole number of cells up to h, so the ARL is continuous in h (root finding needs that).
  const n = Math.max(1, Math.ceil(design.h * Math.min(MIN_UNITS / smallest, MAX_STATES / design.h)));
  const r = n / design.h;
  const a = up * r;
  const b = down * r;
  const lower = Math.ceil(Math.max(0, -Math.min(a, b))) + 1;
  const upper = Math.ceil(Math.max(0, a, b)) + 1;
  const width = lower + upper + 1;
  // Row i of (I − P) in band storage: column j sits at offset j − i + lower.
  const m = new Float64Array(n * width);
  const rhs = new Float64Array(n).fill(1);
  const at = (i: number, j: number) => i * width + (j - i + lower);
  for (let i = 0; i < n; i++) {
    m[at(i, i)] = 1;
    for (const [step, prob] of [
      [a, p],
      [b, 1 - p],
    ] as const) {
      if (prob === 0) continue;
      const target = Math.max(0, i + step);
      const lo = Math.floor(target);
      const frac = target - lo;
      if (lo < n) m[at(i, lo)]! -= prob * (1 - frac);
      if (frac > 0 && lo + 1 < n) m[at(i, lo + 1)]! -= prob * frac;
    }
  }
  // Banded Gaussian elimination; I − P is an M-matrix, so no pivoting is needed.
  for (let k = 0; k < n; k++) {
    const pivot = m[at(k, k)]!;
    for (let i = k + 1; i <= Math.min(n - 1, k + lower); i++) {
      const f = m[at(i, k)]! / pivot;
      if (f === 0) continue;
      for (let j = k; j <= Math.min(n - 1, k + upper); j++) m[at(i, j)]! -= f * m[at(k, j)]!;
      rhs[i]! -= f * rhs[k]!;
    }
  }
  const arl = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = rhs[i]!;
    for (let j = i + 1; j <= Math.min(n - 1, i + upper); j++) s -= m[at(i, j)]! * arl[j]!;
    arl[i] = s / m[at(i, i)]!;
  }
  return arl[0]!;
}

const thresholdCache = new Map<string, number>();

/**
 * The threshold h that gives an in-control ARL of `arl0` observations: one false alarm per `arl0`
 * observations on average. For a false alarm probability α over a horizon of N observations, take
 * arl0 ≈ N / −ln(1 − α) (run lengths are close to geometric). Deterministic and memoised.
 *
 * @example
 * cusumThreshold(0.15, 0.2, 20_000); // ≈ 5.02
 */
export function cusumThreshold(p0: number, p1: number, arl0: number): number {
  checkRates(p0, p1);
  if (!(arl0 > 1)) throw new RangeError(`cusumThreshold: arl0 must be > 1, got ${arl0}`);
  const key = `${p0}|${p1}|${arl0}`;
  const cached = thresholdCache.get(key);
  if (cached !== undefined) return cached;
  // ln ARL is close to linear in h: regula falsi (Illinois) on it converges in a few solves.
  const f = (h: number) => Math.log(cusumArl({ p0, p1, h }, p0)) - Math.log(arl0);
  let lo = 0;
  let flo = -Math.log(arl0); // ARL(0) = 1
  let hi = 1;
  let fhi = f(hi);
  while (fhi < 0) {
    lo = hi;
    flo = fhi;
    hi *= 2;
    fhi = f(hi);
  }
  let side = 0;
  for (let k = 0; k < 50 && hi - lo > 1e-6 * hi; k++) {
    const mid = (lo * fhi - hi * flo) / (fhi - flo);
    const fmid = f(mid);
    if (Math.abs(fmid) < 1e-5) {
      hi = mid;
      break;
    }
    if (fmid < 0) {
      lo = mid;
      flo = fmid;
      if (side === -1) fhi /= 2;
      side = -1;
    } else {
      hi = mid;
      fhi = fmid;
      if (side === 1) flo /= 2;
      side = 1;
    }
  }
  if (thresholdCache.size > 256) thresholdCache.clear();
  thresholdCache.set(key, hi);
  return hi;
}
