import { sketchSimilarity } from '../text/sketch.ts';
import { sketchOf, sortedIntersectionSize, type MessageFeatures } from './message-features.ts';

function intersectionSize<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): number {
  const [small, big] = a.size <= b.size ? [a, b] : [b, a];
  let n = 0;
  for (const x of small) if (big.has(x)) n++;
  return n;
}

/**
 * The lexical features of a pair of messages, all symmetric (the order of the pair does not
 * matter), all in 0..1:
 * - `gramContainment`: shared character trigrams / trigrams of the shorter message. A rewrite that
 *   resolves "it" into "the garage door opener" keeps nearly all of the shorter one's trigrams.
 * - `gramJaccard`: shared trigrams / all trigrams.
 * - `termContainment`: shared stemmed content words / content words of the message with fewer
 *   (0.5 when one has none: no information).
 * - `termMissing`: content words of the message with fewer that the other lacks (0, 1, 2, 3+ → 0..1):
 *   two questions on one template ("what are the main themes" / "who are the main characters")
 *   share function words, not content.
 */
export function lexicalFeatures(a: MessageFeatures, b: MessageFeatures): number[] {
  const gi = sortedIntersectionSize(a.grams, b.grams);
  const gmin = Math.min(a.grams.length, b.grams.length);
  const gunion = a.grams.length + b.grams.length - gi;
  const ti = intersectionSize(a.terms, b.terms);
  const tmin = Math.min(a.terms.size, b.terms.size);
  return [
    gmin === 0 ? 0 : gi / gmin,
    gunion === 0 ? 0 : gi / gunion,
    tmin === 0 ? 0.5 : ti / tmin,
    Math.min(3, tmin - ti) / 3,
  ];
}

/**
 * The features of a pair when one side is only a sketch (privacy mode): the estimated trigram
 * Jaccard similarity, and the containment derived from it with the sketches' character counts as
 * set sizes (|A∩B| = J(|A|+|B|)/(1+J)).
 */
export function sketchFeatures(a: MessageFeatures, b: MessageFeatures): number[] {
  const j = sketchSimilarity(sketchOf(a), sketchOf(b));
  const na = Math.max(1, a.charCount);
  const nb = Math.max(1, b.charCount);
  const containment = Math.min(1, (j * (na + nb)) / (1 + j) / Math.min(na, nb));
  return [containment, j];
}

/** A logistic model: bias, then one weight per feature. */
export interface LogisticModel {
  bias: number;
  weights: readonly number[];
}

export function logistic(model: LogisticModel, x: readonly number[]): number {
  let z = model.bias;
  for (let i = 0; i < model.weights.length; i++) z += (model.weights[i] as number) * (x[i] ?? 0);
  return 1 / (1 + Math.exp(-z));
}

/**
 * Fitted on TREC CAsT 2019 (raw turn vs its resolved rewrite = same intent; consecutive raw turns
 * = different questions) by `npm run eval -- rephrase --fit`; evaluated on 2020. See the README.
 */
export const LEXICAL_REPHRASE_MODEL: LogisticModel = { bias: -5.14, weights: [3.86, 2.42, 4.3, -2.27] };
export const SKETCH_REPHRASE_MODEL: LogisticModel = { bias: -5.77, weights: [7.47, 4.07] };

/** The two models the offline rephrase score uses: with text on both sides, and with a sketch. */
export interface RephraseModels {
  lexical: LogisticModel;
  sketch: LogisticModel;
}

export const REPHRASE_MODELS: RephraseModels = {
  lexical: LEXICAL_REPHRASE_MODEL,
  sketch: SKETCH_REPHRASE_MODEL,
};

/**
 * Probability that two user messages ask the same thing, from their words alone (no model):
 * the lexical model with text on both sides, the sketch model when either is only a sketch.
 */
export function rephraseProbability(
  a: MessageFeatures,
  b: MessageFeatures,
  models: RephraseModels = REPHRASE_MODELS,
): number {
  if (a.text !== undefined && b.text !== undefined) return logistic(models.lexical, lexicalFeatures(a, b));
  if (a.text === undefined && a.sketch === undefined) return 0;
  if (b.text === undefined && b.sketch === undefined) return 0;
  return logistic(models.sketch, sketchFeatures(a, b));
}
