import type { MessageFeatures } from './message-features.ts';
import { REPHRASE_MODELS, rephraseProbability, type RephraseModels } from './rephrase-model.ts';

/**
 * What a user's next message says about the answer to their previous one:
 * - `rephrase`: the same request in other words (the answer failed);
 * - `correction`: re-explains the task ("no, I meant …");
 * - `builds_on`: works with the answer ("now make it shorter", "is it treatable?");
 * - `new_topic`: something else (the user moved on).
 */
export type FollowUpKind = 'rephrase' | 'correction' | 'builds_on' | 'new_topic';

export interface FollowUpInput {
  previous: MessageFeatures;
  next: MessageFeatures;
  /** Cosine similarity of the two messages' embeddings, when an embedding provider was used. */
  embeddingSimilarity?: number;
}

export interface FollowUpVerdict {
  kind: FollowUpKind;
  /** Same-intent score: rephrase probability (lexical, sketch) or cosine (embedding). */
  similarity: number;
  /** What scored it. */
  by: 'lexical' | 'sketch' | 'embedding';
  /** The lexicon cues found in the next message. */
  cues: string[];
}

/**
 * Decides what a follow-up is. Swap it for a model (an LLM judge, a fine-tuned classifier) by
 * passing your own to `labelSession`; an asynchronous model can be run ahead of time and its
 * answers looked up here, since labelling itself is synchronous and pure.
 */
export interface FollowUpClassifier {
  classify(input: FollowUpInput): FollowUpVerdict;
}

export interface FollowUpThresholds {
  /** Rephrase probability at or above which the lexical or sketch score means a rephrase. */
  rephrase: number;
  /** Cosine at or above which embeddings mean a rephrase. */
  embeddingRephrase: number;
}

/** Phrases that re-explain the task, matched on normalised words (anywhere in the message). */
export const CORRECTION_PHRASES = [
  'i meant',
  'i mean',
  'that is not',
  'thats not',
  'that wasnt',
  'not what i',
  'you misunderstood',
  'misunderstood',
  'wrong',
  'try again',
  'didnt work',
  'doesnt work',
  'does not work',
  'did not work',
  'not working',
  'still not',
  'still doesnt',
  'still didnt',
  'incorrect',
] as const;

/** Words that re-explain the task when they open the message. */
const CORRECTION_OPENERS = new Set(['no', 'nope', 'not', 'actually', 'wrong', 'incorrect']);

/** Sketch cues (see `CORRECTION_CUES`) that mark a correction in privacy mode. */
const SKETCH_CORRECTION_CUES = new Set([
  'no',
  'wrong',
  'i meant',
  'i mean',
  'that is not',
  'thats not',
  'try again',
  'still',
  'didnt',
  'doesnt',
]);

/** Phrases that work with the previous answer rather than ask again, matched anywhere. */
export const BUILDS_ON_PHRASES = [
  'make it',
  'make this',
  'make that',
  'make them',
  'turn it',
  'turn this',
  'rewrite it',
  'rewrite this',
  'rewrite that',
  'translate it',
  'translate this',
  'what about',
  'how about',
  'and what',
  'more detail',
  'more details',
  'more concise',
  'tell me more',
  'expand on',
  'elaborate',
  'shorter',
  'longer',
  'simpler',
  'summarize it',
  'summarise it',
  'summarize this',
  'summarise this',
  'add a',
  'add an',
  'add some',
  'can you also',
  'also add',
  'thank you',
  'thanks',
] as const;

/** Words that continue from the answer when they open the message. */
const BUILDS_ON_OPENERS = new Set([
  'and',
  'also',
  'then',
  'next',
  'great',
  'perfect',
  'nice',
  'cool',
  'ok',
  'okay',
]);

/** Words that refer back to the answer or its subject ("is it treatable?"). */
const ANAPHORA = new Set([
  'it',
  'its',
  'that',
  'this',
  'those',
  'these',
  'them',
  'they',
  'their',
  'he',
  'she',
  'his',
  'her',
]);

function phrasesIn(ws: readonly string[], phrases: readonly string[]): string[] {
  const joined = ` ${ws.join(' ')} `;
  return phrases.filter((p) => joined.includes(` ${p} `));
}

export interface FollowUpCues {
  correction: readonly string[];
  buildsOn: readonly string[];
  /** A short message that refers back (it, that, they, …). */
  anaphora: boolean;
}

const cuesCache = new WeakMap<MessageFeatures, FollowUpCues>();

/** Correction and builds-on cues of a message, from its words or, in privacy mode, its sketch. */
export function followUpCues(m: MessageFeatures): FollowUpCues {
  let cues = cuesCache.get(m);
  if (cues === undefined) {
    cues = findCues(m);
    cuesCache.set(m, cues);
  }
  return cues;
}

function findCues(m: MessageFeatures): FollowUpCues {
  if (m.text === undefined) {
    const correction = (m.sketch?.cues ?? []).filter((c) => SKETCH_CORRECTION_CUES.has(c));
    return { correction, buildsOn: [], anaphora: false };
  }
  const first = m.words[0] ?? '';
  const correction = phrasesIn(m.words, CORRECTION_PHRASES);
  if (CORRECTION_OPENERS.has(first) && !correction.includes(first)) correction.unshift(first);
  const buildsOn = phrasesIn(m.words, BUILDS_ON_PHRASES);
  if (BUILDS_ON_OPENERS.has(first)) buildsOn.unshift(first);
  // "now" opens both rewrites ("now my opener stopped working") and instructions; only the latter build on.
  if (
    first === 'now' &&
    m.words.length > 1 &&
    !ANAPHORA.has(m.words[1] ?? '') &&
    (m.words[1] ?? '') !== 'my'
  ) {
    buildsOn.unshift('now');
  }
  const anaphora = m.words.length <= 12 && m.words.some((w) => ANAPHORA.has(w));
  return { correction, buildsOn, anaphora };
}

/**
 * The default, offline follow-up classifier: the rephrase score (lexical model, or the sketch
 * model in privacy mode, or embeddings when given) and an English lexicon of cues.
 *
 * Order of decisions: a message that transforms the answer ("make it shorter") builds on it even
 * when it repeats the request's words (unless the request had the same cue); otherwise a high same-intent score is a rephrase; then a
 * correction cue makes a correction; then a cue, a reference back ("is it …?") or a shared topic
 * makes a builds-on follow-up; anything else is a new topic.
 *
 * @example
 * const c = createFollowUpClassifier({ rephrase: 0.6, embeddingRephrase: 0.85 });
 * c.classify({ previous: messageFeatures({ text: 'reset my password' }),
 *              next: messageFeatures({ text: 'how do I reset the password of my account' }) }).kind // 'rephrase'
 */
export function createFollowUpClassifier(
  thresholds: FollowUpThresholds,
  models: RephraseModels = REPHRASE_MODELS,
): FollowUpClassifier {
  return {
    classify({ previous, next, embeddingSimilarity }) {
      const found = followUpCues(next);
      // A cue the previous message had too ("what about X?" → "what about X in Y?") is part of the
      // repeated request, not a new instruction about the answer.
      const before = found.buildsOn.length > 0 ? followUpCues(previous).buildsOn : [];
      const cues = { ...found, buildsOn: found.buildsOn.filter((c) => !before.includes(c)) };
      const by =
        embeddingSimilarity !== undefined
          ? 'embedding'
          : next.text !== undefined && previous.text !== undefined
            ? 'lexical'
            : 'sketch';
      const similarity = embeddingSimilarity ?? rephraseProbability(previous, next, models);
      const threshold = by === 'embedding' ? thresholds.embeddingRephrase : thresholds.rephrase;
      const allCues = [...cues.correction, ...cues.buildsOn];
      const verdict = (kind: FollowUpKind): FollowUpVerdict => ({ kind, similarity, by, cues: allCues });
      if (cues.buildsOn.length > 0 && cues.correction.length === 0) return verdict('builds_on');
      if (similarity >= threshold) return verdict('rephrase');
      if (cues.correction.length > 0) return verdict('correction');
      // Related: half-way to a rephrase on the same scale, or a reference back to the answer.
      if (cues.anaphora || similarity >= threshold / 2) return verdict('builds_on');
      return verdict('new_topic');
    },
  };
}
