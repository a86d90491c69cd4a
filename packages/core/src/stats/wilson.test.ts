import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wilsonInterval } from './wilson.ts';

describe('wilsonInterval', () => {
  // Newcombe RG (1998), "Two-sided confidence intervals for the single proportion: comparison of
  // seven methods", Stat Med 17:857–872, Table II, method 3 (score interval without correction).
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('%i/%i gives Newcombe’s [%f, %f]', (x, n, lower, upper) => {
    const w = wilsonInterval(x, n);
    expect(w.rate).toBeCloseTo(x / n, 12);
    expect(w.lower).toBeCloseTo(lower, 4);
    expect(w.upper).toBeCloseTo(upper, 4);
  });

  it('is exactly 1 at the top for n/n and narrows as the confidence drops', () => {
    expect(wilsonInterval(29, 29).upper).toBe(1);
    const w95 = wilsonInterval(30, 200);
    const w80 = wilsonInterval(30, 200, 0.8);
    expect(w80.lower).toBeGreaterThan(w95.lower);
    expect(w80.upper).toBeLessThan(w95.upper);
  });

  it('refuses a count with no trials or more successes than trials', () => {
    expect(() => wilsonInterval(0, 0)).toThrow(RangeError);
    expect(() => wilsonInterval(5, 4)).toThrow(RangeError);
  });

  it('contains the estimate and stays inside [0, 1] for any count, also fractional ones', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom(0.8, 0.9, 0.95, 0.99),
        (n, share, confidence) => {
          const w = wilsonInterval(n * share, n, confidence);
          return 0 <= w.lower && w.lower <= w.rate && w.rate <= w.upper && w.upper <= 1;
        },
      ),
    );
  });

  it('narrows as the sample grows at a fixed rate', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 0, max: 10 }), (n, k) => {
        const x = Math.min(n, k);
        const small = wilsonInterval(x, n);
        const big = wilsonInterval(4 * x, 4 * n);
        return big.upper - big.lower < small.upper - small.lower;
      }),
    );
  });
});
