import type { SimilaritySketch } from '../schema/sketch.ts';
import { words as wordsOf } from '../text/normalize.ts';
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
  /** Character trigrams of the normalised text (empty in privacy mode). */
  grams: ReadonlySet<string>;
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
      grams: new Set(),
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

/** Character trigrams of normalised words, as `charNgrams` makes them, without normalising twice. */
function gramsOf(ws: readonly string[]): Set<string> {
  const s = ` ${ws.join(' ')} `;
  const grams = new Set<string>();
  if (s.length <= 3) {
    if (s.trim().length > 0) grams.add(s);
    return grams;
  }
  for (let i = 0; i + 3 <= s.length; i++) grams.add(s.slice(i, i + 3));
  return grams;
}

/** The message's sketch: as sent, or made from its text (and kept). */
export function sketchOf(f: MessageFeatures): SimilaritySketch {
  if (f.sketch === undefined) (f as { sketch?: SimilaritySketch }).sketch = sketchText(f.text ?? '');
  return f.sketch as SimilaritySketch;
}
