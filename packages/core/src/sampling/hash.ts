import { fmix } from '../text/hash.ts';

/**
 * A seeded 53-bit hash of a string, as a number in [0, 1): the priority that makes sampling
 * deterministic for a seed and independent of the order items arrive in. Two FNV-1a-style
 * 32-bit lanes mixed with the murmur3 finaliser; not cryptographic, just well spread.
 *
 * @example
 * priority(7, 'gen-42') // the same number on every run, every machine
 */
export function priority(seed: number, key: string): number {
  let a = (0x811c9dc5 ^ seed) >>> 0;
  let b = (0x01000193 ^ Math.imul(seed | 0, 0x9e3779b1)) >>> 0;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  a = fmix(a);
  b = fmix(b ^ a);
  // 21 bits of b above 32 bits of a: 53 bits, exactly representable.
  return ((b >>> 11) * 0x100000000 + (a >>> 0)) / 2 ** 53;
}
