import type { SimilaritySketch } from '../schema/sketch.ts';
import { normalizeText, words } from './normalize.ts';

/** Hashes per sketch: the similarity estimate's standard error is about 0.5/√64 ≈ 0.06. */
export const SKETCH_HASHES = 64;
const NGRAM = 3;

/** Phrases that mark a correction ("no, I meant …"); sent as cues so privacy mode keeps them. */
export const CORRECTION_CUES = [
  'no',
  'not',
  'wrong',
  'i meant',
  'i mean',
  'that is not',
  'thats not',
  'instead',
  'actually',
  'again',
  'try again',
  'still',
  'didnt',
  'doesnt',
] as const;

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A seeded 32-bit mix (murmur3 finaliser) of a base hash: one independent hash function per seed. */
function mix(h: number, seed: number): number {
  let x = (h ^ Math.imul(seed + 1, 0x9e3779b1)) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** The distinct character n-grams of a text's normalised form, with word boundaries marked. */
export function charNgrams(text: string, n = NGRAM): Set<string> {
  const s = ` ${normalizeText(text)} `;
  const grams = new Set<string>();
  if (s.length <= n) {
    if (s.trim().length > 0) grams.add(s);
    return grams;
  }
  for (let i = 0; i + n <= s.length; i++) grams.add(s.slice(i, i + n));
  return grams;
}

/**
 * A MinHash sketch of a text: what the browser SDK sends instead of a user message in privacy
 * mode. Dependency-free on purpose, so that the SDK can bundle it.
 *
 * @example
 * sketchSimilarity(sketchText('reset my password'), sketchText('how do I reset my password')) // ≈ 0.6
 */
export function sketchText(text: string, hashes = SKETCH_HASHES): SimilaritySketch {
  const mins = new Array<number>(hashes).fill(0xffffffff);
  for (const gram of charNgrams(text)) {
    const base = fnv1a(gram);
    for (let k = 0; k < hashes; k++) {
      const h = mix(base, k);
      if (h < (mins[k] as number)) mins[k] = h;
    }
  }
  const ws = words(text);
  const joined = ` ${ws.join(' ')} `;
  const cues = CORRECTION_CUES.filter((c) => joined.includes(` ${c} `));
  return { v: 1, minhash: mins, words: ws.length, chars: text.length, ...(cues.length > 0 ? { cues } : {}) };
}

/** Estimated Jaccard similarity of the n-gram sets of the two sketched texts, 0..1. */
export function sketchSimilarity(a: SimilaritySketch, b: SimilaritySketch): number {
  const n = Math.min(a.minhash.length, b.minhash.length);
  if (n === 0) return 0;
  let equal = 0;
  for (let i = 0; i < n; i++) if (a.minhash[i] === b.minhash[i]) equal++;
  return equal / n;
}
