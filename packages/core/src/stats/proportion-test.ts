import { clusteredRate, type ClusteredCount, type Count } from './clustered.ts';
import { normalCdf, normalUpperTail } from './normal.ts';
import { wilsonInterval, type RateInterval } from './wilson.ts';

/** Candidate vs baseline: both rates with intervals, the difference with its interval, the test. */
export interface ProportionTest {
  baseline: RateInterval;
  candidate: RateInterval;
  /** candidate − baseline. */
  difference: number;
  /** Newcombe's hybrid score interval for the difference (method 10 of Newcombe 1998b). */
  differenceLower: number;
  differenceUpper: number;
  /** (candidate − baseline) / SE under H0: equal rates (pooled). */
  z: number;
  /** P-value for H1: the rates differ. */
  pTwoSided: number;
  /** P-value for H1: the candidate's rate is higher. */
  pIncrease: number;
  /** P-value for H1: the candidate's rate is lower. */
  pDecrease: number;
  /** Cohen's h = 2·asin√p_candidate − 2·asin√p_baseline (0.2 small, 0.5 medium, 0.8 large). */
  cohensH: number;
  /** Design effect of each arm (1 for binomial counts). */
  designEffect: { baseline: number; candidate: number };
}

/** Cohen's h for two proportions: the difference of their arcsine-square-root transforms. */
export function cohensH(baselineRate: number, candidateRate: number): number {
  return 2 * Math.asin(Math.sqrt(candidateRate)) - 2 * Math.asin(Math.sqrt(baselineRate));
}

function checkCount(name: string, c: Count): void {
  if (!(c.trials > 0) || !(c.successes >= 0 && c.successes <= c.trials)) {
    throw new RangeError(
      `${name}: expected 0 ≤ successes ≤ trials and trials > 0, got ${c.successes}/${c.trials}`,
    );
  }
}

function assemble(
  base: RateInterval,
  cand: RateInterval,
  z: number,
  designEffect: ProportionTest['designEffect'],
): ProportionTest {
  const difference = cand.rate - base.rate;
  // Newcombe (1998b) method 10: combine the two Wilson intervals' distances from their estimates.
  const differenceLower =
    difference - Math.sqrt((cand.rate - cand.lower) ** 2 + (base.upper - base.rate) ** 2);
  const differenceUpper =
    difference + Math.sqrt((cand.upper - cand.rate) ** 2 + (base.rate - base.lower) ** 2);
  return {
    baseline: base,
    candidate: cand,
    difference,
    differenceLower,
    differenceUpper,
    z,
    pTwoSided: Math.min(1, 2 * normalUpperTail(Math.abs(z))),
    pIncrease: normalUpperTail(z),
    pDecrease: normalCdf(z),
    cohensH: cohensH(base.rate, cand.rate),
    designEffect,
  };
}

/**
 * The pooled two-proportion z-test (equivalent to the uncorrected χ² test, R's
 * `prop.test(correct = FALSE)`), with Wilson intervals, Newcombe's interval for the difference and
 * Cohen's h. Both arms need at least one trial.
 *
 * @example
 * const t = twoProportionTest({ successes: 12, trials: 200 }, { successes: 20, trials: 200 });
 * t.z; // 1.474, t.pTwoSided 0.1404
 */
export function twoProportionTest(baseline: Count, candidate: Count, confidence = 0.95): ProportionTest {
  checkCount('baseline', baseline);
  checkCount('candidate', candidate);
  const pooled = (baseline.successes + candidate.successes) / (baseline.trials + candidate.trials);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / baseline.trials + 1 / candidate.trials));
  const diff = candidate.successes / candidate.trials - baseline.successes / baseline.trials;
  const z = se === 0 ? 0 : diff / se;
  return assemble(
    wilsonInterval(baseline.successes, baseline.trials, confidence),
    wilsonInterval(candidate.successes, candidate.trials, confidence),
    z,
    { baseline: 1, candidate: 1 },
  );
}

/**
 * The two-proportion test for rates of clustered trials (generations within sessions), by the
 * Rao–Scott correction (Rao & Scott 1992): each arm's counts are divided by its design effect
 * (clustered variance / binomial variance, estimated from the session sums, at least 1) and the
 * pooled z-test runs on those effective counts. Intervals are Wilson intervals on the effective
 * sample sizes. When users behave independently across a session the design effect is ≈ 1 and it is
 * the ordinary test; when one user's retries come together it widens accordingly. Both arms need
 * at least two clusters.
 */
export function clusteredTwoProportionTest(
  baseline: ClusteredCount,
  candidate: ClusteredCount,
  confidence = 0.95,
): ProportionTest {
  checkCount('baseline', baseline);
  checkCount('candidate', candidate);
  const b = clusteredRate(baseline);
  const c = clusteredRate(candidate);
  const bx = b.rate * b.effectiveTrials;
  const cx = c.rate * c.effectiveTrials;
  const pooled = (bx + cx) / (b.effectiveTrials + c.effectiveTrials);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / b.effectiveTrials + 1 / c.effectiveTrials));
  const z = se === 0 ? 0 : (c.rate - b.rate) / se;
  const interval = (r: typeof b): RateInterval => ({
    ...wilsonInterval(r.rate * r.effectiveTrials, r.effectiveTrials, confidence),
    rate: r.rate,
  });
  return assemble(interval(b), interval(c), z, { baseline: b.designEffect, candidate: c.designEffect });
}
