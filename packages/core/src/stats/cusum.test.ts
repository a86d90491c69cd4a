import { describe, expect, it } from 'vitest';
import { prng } from '../monitor/fixtures.ts';
import { cusumArl, cusumThreshold, runCusum } from './cusum.ts';

function simulatedArl(p0: number, p1: number, h: number, p: number, runs: number, seed: number): number {
  const rnd = prng(seed);
  const up = Math.log(p1 / p0);
  const down = Math.log((1 - p1) / (1 - p0));
  let total = 0;
  for (let k = 0; k < runs; k++) {
    let s = 0;
    let n = 0;
    while (s < h) {
      n++;
      s = Math.max(0, s + (rnd() < p ? up : down));
    }
    total += n;
  }
  return total / runs;
}

describe('cusumArl', () => {
  it.each([
    [0.2, 0.3, 3, 0.2],
    [0.2, 0.3, 3, 0.3],
    [0.15, 0.2, 2.5, 0.15],
    [0.3, 0.2, 2, 0.3],
  ])('p0=%f p1=%f h=%f at p=%f agrees with 4000 simulated runs', (p0, p1, h, p) => {
    const predicted = cusumArl({ p0, p1, h }, p);
    const simulated = simulatedArl(p0, p1, h, p, 4000, 7);
    // The simulated mean's standard error is about ARL/√4000 ≈ 1.6%.
    expect(Math.abs(predicted / simulated - 1)).toBeLessThan(0.06);
  });

  it('is longer in control than out of control, and grows with h', () => {
    const d = { p0: 0.15, p1: 0.2, h: 5 };
    expect(cusumArl(d, 0.15)).toBeGreaterThan(10 * cusumArl(d, 0.2));
    expect(cusumArl({ ...d, h: 6 })).toBeGreaterThan(cusumArl(d));
  });
});

describe('cusumThreshold', () => {
  it('hits the requested in-control run length', () => {
    for (const [p0, p1, arl0] of [
      [0.15, 0.2, 20_000],
      [0.02, 0.04, 50_000],
      [0.4, 0.3, 5_000],
    ] as const) {
      const h = cusumThreshold(p0, p1, arl0);
      expect(cusumArl({ p0, p1, h })).toBeCloseTo(arl0, -1);
    }
  });
});

describe('runCusum', () => {
  it('stays quiet in control and raises an alarm soon after a rise, dating its start', () => {
    const rnd = prng(3);
    const h = cusumThreshold(0.15, 0.2, 50_000);
    const hour = (p: number) => {
      let successes = 0;
      for (let i = 0; i < 100; i++) if (rnd() < p) successes++;
      return { successes, trials: 100 };
    };
    const before = Array.from({ length: 100 }, () => hour(0.15));
    const after = Array.from({ length: 50 }, () => hour(0.2));
    const quiet = runCusum(before, { p0: 0.15, p1: 0.2, h });
    expect(quiet.alarmAt).toBeNull();
    const run = runCusum([...before, ...after], { p0: 0.15, p1: 0.2, h });
    expect(run.alarmAt).toBeGreaterThanOrEqual(100);
    expect(run.alarmAt).toBeLessThan(120);
    expect(run.changeAt).toBeGreaterThan(90);
    expect(run.inAlarm).toBe(true);
  });

  it('detects a drop with p1 < p0 and leaves the alarm once the statistic returns to 0', () => {
    const design = { p0: 0.5, p1: 0.3, h: 3 };
    const run = runCusum(
      [
        { successes: 10, trials: 40 },
        { successes: 40, trials: 40 },
      ],
      design,
    );
    expect(run.alarmAt).toBe(0);
    expect(run.statistic[1]).toBe(0);
    expect(run.inAlarm).toBe(false);
  });

  it('weighs clustered evidence down', () => {
    const points = [{ successes: 30, trials: 100 }];
    const design = { p0: 0.15, p1: 0.2, h: 100 };
    expect(runCusum(points, design, 0.5).statistic[0]).toBeCloseTo(
      runCusum(points, design).statistic[0]! / 2,
      12,
    );
  });
});
