import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';
import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';

/** murmur3's 32-bit finaliser: a cheap, well-mixed hash step. */
export function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** A 32-bit hash of a list of integers (order matters). */
export function hashInts(...xs: readonly number[]): number {
  let h = 0x9e3779b9;
  for (const x of xs) h = mix32((h ^ mix32(x >>> 0)) + 0x7f4a7c15);
  return h;
}

const TWO_POW_32_INV = 1 / 4294967296;

/**
 * The simulator's source of randomness: pure-rand's xoroshiro128+ behind the few draws a
 * behaviour model needs. Every stream is derived from (seed, keys), so a session's behaviour
 * depends only on the seed and its index — never on what was simulated before it.
 */
export class Rng {
  private readonly g: RandomGenerator;
  private spare: number | undefined;

  private constructor(g: RandomGenerator) {
    this.g = g;
  }

  /** An independent stream for `keys` (e.g. `[SESSION_STREAM, index]`) under `seed`. */
  static derive(seed: number, ...keys: readonly number[]): Rng {
    const base = hashInts(seed, ...keys);
    const state: number[] = [
      mix32(base ^ 0x1b873593),
      mix32(base ^ 0x2545f491),
      mix32(base + 0x6a09e667),
      mix32(~base),
    ];
    // xoroshiro128+ must not start from the all-zero state.
    if (!state.some((s) => s !== 0)) state[0] = 1;
    return new Rng(xoroshiro128plusFromState(state.map((s) => s | 0)));
  }

  /** Uniform in [0, 1), 32 bits of resolution (plenty for behaviour draws). */
  float(): number {
    return (this.g.next() >>> 0) * TWO_POW_32_INV;
  }

  /** Uniform integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.float() * (hi - lo + 1));
  }

  /** Uniform in [lo, hi). */
  between(lo: number, hi: number): number {
    return lo + this.float() * (hi - lo);
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.float() * items.length)] as T;
  }

  /** An index drawn with probability proportional to `weights[i]`. */
  weighted(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let r = this.float() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i] as number;
      if (r < 0) return i;
    }
    return weights.length - 1;
  }

  /** Standard normal (Box–Muller; the second value is kept for the next call). */
  normal(): number {
    if (this.spare !== undefined) {
      const s = this.spare;
      this.spare = undefined;
      return s;
    }
    const u = 1 - this.float();
    const v = this.float();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /** Log-normal with the given median and log-space standard deviation. */
  lognormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  exponential(mean: number): number {
    return -mean * Math.log(1 - this.float());
  }

  /** Poisson count (Knuth; the simulator's means are small). */
  poisson(mean: number): number {
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.float();
    while (p > limit && k < 1000) {
      k++;
      p *= this.float();
    }
    return k;
  }
}
