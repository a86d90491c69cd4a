import { describe, expect, it } from 'vitest';
import { Rng } from './random.ts';

const draws = (rng: Rng, n: number) => Array.from({ length: n }, () => rng.float());

describe('Rng', () => {
  it('gives the same stream for the same seed and keys, and another for other keys', () => {
    expect(draws(Rng.derive(7, 1, 2), 20)).toEqual(draws(Rng.derive(7, 1, 2), 20));
    expect(draws(Rng.derive(7, 1, 2), 20)).not.toEqual(draws(Rng.derive(7, 1, 3), 20));
    expect(draws(Rng.derive(7, 1, 2), 20)).not.toEqual(draws(Rng.derive(8, 1, 2), 20));
  });

  it('draws uniform floats in [0, 1) with the right mean', () => {
    const xs = draws(Rng.derive(1), 20_000);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(xs.reduce((a, b) => a + b, 0) / xs.length).toBeCloseTo(0.5, 1);
  });

  it('draws weighted indexes in proportion to their weights', () => {
    const rng = Rng.derive(2);
    const counts = [0, 0, 0];
    for (let i = 0; i < 30_000; i++) counts[rng.weighted([1, 0, 3])]! += 1;
    expect(counts[1]).toBe(0);
    expect(counts[2]! / counts[0]!).toBeGreaterThan(2.7);
    expect(counts[2]! / counts[0]!).toBeLessThan(3.3);
  });

  it('draws normals with mean 0 and standard deviation 1, and Poisson counts with their mean', () => {
    const rng = Rng.derive(3);
    const xs = Array.from({ length: 20_000 }, () => rng.normal());
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(sd).toBeCloseTo(1, 1);
    const ks = Array.from({ length: 20_000 }, () => rng.poisson(2.5));
    expect(ks.reduce((a, b) => a + b, 0) / ks.length).toBeCloseTo(2.5, 1);
  });
});
