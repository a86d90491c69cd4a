/**
 * The small, dependency-free hashes of MinHash sketches (the browser SDK bundles them): FNV-1a
 * of a string, murmur3's finaliser, and a seeded mix that turns one base hash into one per seed.
 */

/** FNV-1a, 32 bits, of a string's UTF-16 code units. */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** murmur3's 32-bit finaliser: every input bit reaches every output bit. */
export function fmix(h: number): number {
  let x = h >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** A seeded mix of a base hash: one independent hash function per seed. */
export function seededMix(h: number, seed: number): number {
  return fmix(h ^ Math.imul(seed + 1, 0x9e3779b1));
}
