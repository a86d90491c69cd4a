import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prng } from '../monitor/fixtures.ts';
import { clusteredTwoProportionTest, cohensH, twoProportionTest } from './proportion-test.ts';
import { unclustered, type ClusteredCount } from './clustered.ts';
import { sampleSizePerArm } from './sample-size.ts';

describe('twoProportionTest', () => {
  // OpenStax, Introductory Statistics (2013), §10.4 "Two population proportions", hives example:
  // 20 of 200 adults on medication A still had hives, 12 of 200 on B; pooled p = 0.08, two-sided
  // p-value 0.1404. Same as R: prop.test(c(20, 12), c(200, 200), correct = FALSE) → X² = 2.1739.
  it('reproduces the OpenStax hives example', () => {
    const t = twoProportionTest({ successes: 12, trials: 200 }, { successes: 20, trials: 200 });
    expect(t.difference).toBeCloseTo(0.04, 12);
    expect(t.z).toBeCloseTo(1.4744, 4);
    expect(t.z ** 2).toBeCloseTo(2.1739, 4);
    expect(t.pTwoSided).toBeCloseTo(0.1404, 4);
    expect(t.pIncrease).toBeCloseTo(0.0702, 4);
  });

  // Newcombe RG (1998b), "Interval estimation for the difference between independent
  // proportions: comparison of eleven methods", Stat Med 17:873–890, Table II, method 10.
  it.each([
    [56, 70, 48, 80, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.1705, 0.809],
  ])('%i/%i − %i/%i has Newcombe’s interval [%f, %f]', (x1, n1, x2, n2, lower, upper) => {
    const t = twoProportionTest({ successes: x2, trials: n2 }, { successes: x1, trials: n1 });
    expect(t.differenceLower).toBeCloseTo(lower, 4);
    expect(t.differenceUpper).toBeCloseTo(upper, 4);
  });

  it('gives Cohen’s h from the arcsine transform (0.15 → 0.20 is h ≈ 0.132)', () => {
    expect(cohensH(0.15, 0.2)).toBeCloseTo(0.1319, 4);
    expect(cohensH(0.2, 0.15)).toBeCloseTo(-0.1319, 4);
  });

  it('has p-values that agree with each other and an interval that holds the difference', () => {
    const count = fc
      .tuple(fc.integer({ min: 1, max: 5000 }), fc.double({ min: 0, max: 1, noNaN: true }))
      .map(([n, s]) => ({ trials: n, successes: Math.round(n * s) }));
    fc.assert(
      fc.property(count, count, (a, b) => {
        const t = twoProportionTest(a, b);
        const eps = 1e-12;
        return (
          Math.abs(t.pIncrease + t.pDecrease - 1) < eps &&
          Math.abs(t.pTwoSided - Math.min(1, 2 * Math.min(t.pIncrease, t.pDecrease))) < eps &&
          t.differenceLower <= t.difference + eps &&
          t.difference <= t.differenceUpper + eps &&
          t.differenceLower >= -1 - eps &&
          t.differenceUpper <= 1 + eps
        );
      }),
    );
  });
});

describe('clusteredTwoProportionTest', () => {
  it('matches the pooled z-test up to m/(m−1) when every session has one generation', () => {
    const a = { successes: 120, trials: 800 };
    const b = { successes: 160, trials: 800 };
    const plain = twoProportionTest(a, b);
    const clustered = clusteredTwoProportionTest(unclustered(a), unclustered(b));
    expect(clustered.z).toBeCloseTo(plain.z * Math.sqrt(799 / 800), 2);
    expect(clustered.designEffect.baseline).toBeCloseTo(800 / 799, 9);
  });

  it('is more cautious when users repeat themselves within a session', () => {
    // 400 sessions of 4 generations per arm; the same retry rates, but in one arm all the retries
    // of a session come together (one user retrying everything), in the other spread evenly.
    const sessions = (perSession: number[]): ClusteredCount =>
      perSession.reduce<ClusteredCount>(
        (c, y) => ({
          clusters: c.clusters + 1,
          successes: c.successes + y,
          trials: c.trials + 4,
          successesSq: c.successesSq + y * y,
          trialsSq: c.trialsSq + 16,
          cross: c.cross + 4 * y,
        }),
        { clusters: 0, successes: 0, trials: 0, successesSq: 0, trialsSq: 0, cross: 0 },
      );
    const spread = (rate: number) => Array.from({ length: 400 }, (_, i) => (i < 1600 * rate - 400 ? 2 : 1));
    const bunched = (rate: number) => Array.from({ length: 400 }, (_, i) => (i < 400 * rate ? 4 : 0));
    const even = clusteredTwoProportionTest(sessions(spread(0.3)), sessions(spread(0.35)));
    const lumpy = clusteredTwoProportionTest(sessions(bunched(0.3)), sessions(bunched(0.35)));
    expect(even.difference).toBeCloseTo(lumpy.difference, 12);
    expect(lumpy.designEffect.candidate).toBeGreaterThan(3);
    expect(lumpy.pIncrease).toBeGreaterThan(even.pIncrease);
    expect(lumpy.candidate.upper - lumpy.candidate.lower).toBeGreaterThan(
      even.candidate.upper - even.candidate.lower,
    );
  });
});

describe('calibration on A/A with users who behave alike within a session', () => {
  /** 300 sessions of 4 generations; a third of the users retry at 0.4, the rest at 0.05. */
  function arm(rnd: () => number): ClusteredCount {
    const c = { clusters: 0, successes: 0, trials: 0, successesSq: 0, trialsSq: 0, cross: 0 };
    for (let s = 0; s < 300; s++) {
      const p = rnd() < 1 / 3 ? 0.4 : 0.05;
      let y = 0;
      for (let g = 0; g < 4; g++) if (rnd() < p) y++;
      c.clusters++;
      c.successes += y;
      c.trials += 4;
      c.successesSq += y * y;
      c.trialsSq += 16;
      c.cross += 4 * y;
    }
    return c;
  }

  it('rejects about 5% at α = 0.05, where the binomial test rejects far more', () => {
    const rnd = prng(42);
    let clustered = 0;
    let binomial = 0;
    const runs = 2000;
    for (let r = 0; r < runs; r++) {
      const a = arm(rnd);
      const b = arm(rnd);
      if (clusteredTwoProportionTest(a, b).pTwoSided < 0.05) clustered++;
      if (twoProportionTest(a, b).pTwoSided < 0.05) binomial++;
    }
    // Binomial standard error of a 5% rate over 2000 runs is 0.5 points.
    expect(clustered / runs).toBeGreaterThan(0.035);
    expect(clustered / runs).toBeLessThan(0.065);
    expect(binomial / runs).toBeGreaterThan(0.1);
  });
});

describe('sampleSizePerArm', () => {
  // R: power.prop.test(p1 = .50, p2 = .75, power = .90) → n = 76.7 per group (its help page).
  it('agrees with R’s power.prop.test', () => {
    expect(sampleSizePerArm({ baselineRate: 0.5, minDetectableEffect: 0.25, power: 0.9 })).toBe(77);
  });

  it('grows with the design effect, power and a smaller effect', () => {
    const base = { baselineRate: 0.15, minDetectableEffect: 0.05 };
    const n = sampleSizePerArm(base);
    expect(sampleSizePerArm({ ...base, designEffect: 2 })).toBeGreaterThanOrEqual(2 * n - 1);
    expect(sampleSizePerArm({ ...base, power: 0.95 })).toBeGreaterThan(n);
    expect(sampleSizePerArm({ ...base, minDetectableEffect: 0.03 })).toBeGreaterThan(n);
    expect(sampleSizePerArm({ ...base, sided: 'one' })).toBeLessThan(n);
  });
});
