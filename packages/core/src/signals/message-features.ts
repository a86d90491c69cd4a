import type { SimilaritySketch } from '../schema/sketch.ts';
import { fastWords as wordsOf } from '../text/fast-words.ts';
import { sketchText } from '../text/sketch.ts';
import { contentTerms } from '../text/terms.ts';

/** A user message as the detectors see it: its text, or in privacy mode only its sketch. */
export interface MessageContent {
  text?: string;
  sketch?: SimilaritySketch;
}

/**
 * What the follow-up detectors compare, computed once per message. With text: normalised words,
 * stemmed content terms and character trigrams. With only a sketch (privacy mode): the sketch.
 */
export interface MessageFeatures {
  text?: string;
  /** Normalised words (empty in privacy mode). */
  words: readonly string[];
  /** Stemmed content words (empty in privacy mode). */
  terms: ReadonlySet<string>;
  /**
   * The distinct character trigrams of the normalised text as numbers (`gramCode`), sorted
   * ascending (empty in privacy mode): sets compared by merging, which is cheaper than hashing.
   */
  grams: readonly number[];
  /** Word and character counts (from the sketch in privacy mode). */
  wordCount: number;
  charCount: number;
  /** The sketch as sent, or the text's own, made when first compared with a sketch. */
  sketch?: SimilaritySketch;
}

export function messageFeatures(content: MessageContent): MessageFeatures {
  if (content.text === undefined) {
    const s = content.sketch;
    return {
      words: [],
      terms: new Set(),
      grams: [],
      wordCount: s?.words ?? 0,
      charCount: s?.chars ?? 0,
      ...(s ? { sketch: s } : {}),
    };
  }
  const ws = wordsOf(content.text);
  return {
    text: content.text,
    words: ws,
    terms: new Set(contentTerms(ws)),
    grams: gramsOf(ws),
    wordCount: ws.length,
    charCount: content.text.length,
  };
}

/**
 * The trigram of `s` at `i` (three UTF-16 code units) as a number, one-to-one: ASCII trigrams (the
 * usual case) as a small integer, others above 2^21. Numbers hash and compare faster than strings.
 */
export function gramCode(s: string, i: number): number {
  const a = s.charCodeAt(i);
  const b = s.charCodeAt(i + 1);
  const c = s.charCodeAt(i + 2);
  return (a | b | c) < 128 ? (a << 14) | (b << 7) | c : 2_097_152 + (a * 65_536 + b) * 65_536 + c;
}

/**
 * The distinct trigrams of normalised words, as `charNgrams` makes them (coded, sorted), without
 * normalising twice.
 */
function gramsOf(ws: readonly string[]): number[] {
  const s = ` ${ws.join(' ')} `;
  // A text of fewer than three characters has no trigram (` ${''} ` is two spaces).
  const n = Math.max(0, s.length - 2);
  const codes = new Array<number>(n);
  if (n <= 128) {
    // Insertion sort: a message's few dozen trigrams sort faster than through a comparator.
    for (let i = 0; i < n; i++) {
      const x = gramCode(s, i);
      let j = i - 1;
      while (j >= 0 && (codes[j] as number) > x) {
        codes[j + 1] = codes[j] as number;
        j--;
      }
      codes[j + 1] = x;
    }
  } else {
    for (let i = 0; i < n; i++) codes[i] = gramCode(s, i);
    codes.sort((x, y) => x - y);
  }
  let u = 0;
  for (let i = 0; i < n; i++) if (i === 0 || codes[i] !== codes[i - 1]) codes[u++] = codes[i] as number;
  codes.length = u;
  return codes;
}

/** How many values two sorted arrays of distinct numbers share. */
export function sortedIntersectionSize(a: readonly number[], b: readonly number[]): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      n++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return n;
}

/** The message's sketch: as sent, or made from its text (and kept). */
export function sketchOf(f: MessageFeatures): SimilaritySketch {
  if (f.sketch === undefined) (f as { sketch?: SimilaritySketch }).sketch = sketchText(f.text ?? '');
  return f.sketch as SimilaritySketch;
}
