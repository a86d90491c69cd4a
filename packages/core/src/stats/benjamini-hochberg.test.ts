import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { benjaminiHochberg } from './benjamini-hochberg.ts';

describe('benjaminiHochberg', () => {
  it('adjusts a small vector as R’s p.adjust(method = "BH") does', () => {
    // Sorted: 0.005·4/1 = 0.02, 0.01·4/2 = 0.02, 0.03·4/3 = 0.04, 0.04·4/4 = 0.04; running minimum
    // from the top leaves them as they are.
    const q = benjaminiHochberg([0.01, 0.04, 0.03, 0.005]);
    [0.02, 0.04, 0.04, 0.02].forEach((want, i) => expect(q[i]).toBeCloseTo(want, 15));
  });

  it('adjusts the 25 dietary-variable p-values of McDonald’s Handbook of Biological Statistics', () => {
    // McDonald JH (2014), Handbook of Biological Statistics, 3rd ed., "Multiple comparisons"
    // (García-Arenal et al. 2003). Expected values worked by hand with R's algorithm, e.g.
    // 0.042·25/5 = 0.21 is also the minimum for 0.039 and 0.041; 0.275·25/14 = 0.4910714 for ranks 8–14.
    const p = [
      0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205, 0.212, 0.216, 0.222, 0.251, 0.269, 0.275, 0.34,
      0.341, 0.384, 0.569, 0.594, 0.696, 0.762, 0.94, 0.942, 0.975, 0.986,
    ];
    const expected = [
      0.025, 0.1, 0.21, 0.21, 0.21, 0.25, 0.2642857, 0.4910714, 0.4910714, 0.4910714, 0.4910714, 0.4910714,
      0.4910714, 0.4910714, 0.5328125, 0.5328125, 0.5647059, 0.7815789, 0.7815789, 0.87, 0.9071429, 0.986,
      0.986, 0.986, 0.986,
    ];
    benjaminiHochberg(p).forEach((q, i) => expect(q).toBeCloseTo(expected[i]!, 6));
    // Only the first two pass at a false discovery rate of 0.2, as the handbook's table shows.
    expect(benjaminiHochberg(p).filter((q) => q <= 0.2)).toHaveLength(2);
  });

  it('gives q ≥ p, q ≤ 1, and keeps the order of the p-values', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 60 }), (p) => {
        const q = benjaminiHochberg(p);
        return p.every(
          (pi, i) => q[i]! >= pi && q[i]! <= 1 && p.every((pj, j) => !(pi < pj) || q[i]! <= q[j]!),
        );
      }),
    );
  });

  it('does not depend on the order the comparisons are listed in', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 30 }),
        (p) => {
          const reversed = benjaminiHochberg([...p].reverse()).reverse();
          return benjaminiHochberg(p).every((q, i) => q === reversed[i]);
        },
      ),
    );
  });

  it('refuses something that is not a p-value', () => {
    expect(() => benjaminiHochberg([0.5, Number.NaN])).toThrow(RangeError);
  });
});
