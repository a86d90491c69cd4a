import type { SimilaritySketch } from '../schema/sketch.ts';
import { fnv1a, seededMix } from './hash.ts';
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

/** The distinct character n-grams of a text's normalised form, with word boundaries marked. */
export function charNgrams(text: string, n = NGRAM): Set<string> {
  return ngramsOf(` ${normalizeText(text)} `, n);
}

/** The distinct n-grams of `s`, a normalised text padded with a space on each side. */
function ngramsOf(s: string, n: number): Set<string> {
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
  const ws = words(text);
  const joined = ` ${ws.join(' ')} `; // = ` ${normalizeText(text)} `
  const mins = new Array<number>(hashes).fill(0xffffffff);
  for (const gram of ngramsOf(joined, NGRAM)) {
    const base = fnv1a(gram);
    for (let k = 0; k < hashes; k++) {
      const h = seededMix(base, k);
      if (h < (mins[k] as number)) mins[k] = h;
    }
  }
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
