import type { MessageFeatures } from './message-features.ts';
import { STOPWORDS } from '../text/terms.ts';
import { REPHRASE_MODELS, rephraseProbability, type RephraseModels } from './rephrase-model.ts';

/**
 * What a user's next message says about the answer to their previous one:
 * - `rephrase`: the same request in other words (the answer failed);
 * - `correction`: re-explains the task ("no, I meant …");
 * - `builds_on`: works with the answer ("now make it shorter", "is it treatable?");
 * - `related`: the same topic, but neither clearly a rephrase nor clearly working with the answer
 *   (a same-intent score between half the threshold and the threshold, no cue): no signal, since
 *   a deeper question and a reworded retry both look like this;
 * - `new_topic`: something else (the user moved on).
 */
export type FollowUpKind = 'rephrase' | 'correction' | 'builds_on' | 'related' | 'new_topic';

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
] as const;

/**
 * Words that continue from the answer when they open the message. Weaker than the phrases above:
 * "Ok, …" and "Thanks. …" also open a rephrased request or a new task, so they make a builds-on
 * follow-up only when the message is not a rephrase.
 */
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
  'good',
  'excellent',
  'awesome',
  'works',
  'thanks',
  'thx',
]);

/** Two-word openers of the same kind ("looks good, now …", "that works. …"). */
const BUILDS_ON_OPENER_PAIRS = new Set([
  'thank you',
  'looks good',
  'looks great',
  'that works',
  'it works',
  'that helps',
]);

/** Pronouns that refer back when they end the message ("give me an example of that"). */
const FINAL_ANAPHORA = new Set(['it', 'that', 'this', 'them', 'those', 'these']);

/**
 * Phrases with which users announce that they ask again ("let me rephrase: …", "in other words,
 * …"), matched anywhere: the message is a rephrase whatever its words.
 */
export const REPHRASE_PHRASES = [
  'let me rephrase',
  'to rephrase',
  'rephrasing',
  'in other words',
  'to be clearer',
  'to be more clear',
  'let me be clearer',
  'let me clarify',
  'to clarify',
  'let me try again',
  'let me ask again',
  'put another way',
  'put differently',
  'what i am asking',
  'what im asking',
] as const;

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

/** A phrase list prepared for matching: each phrase padded with spaces, indexed by its first word. */
interface Phrases {
  phrases: readonly string[];
  padded: readonly string[];
  byFirstWord: ReadonlyMap<string, readonly number[]>;
}

function prepare(phrases: readonly string[]): Phrases {
  const byFirstWord = new Map<string, number[]>();
  phrases.forEach((p, i) => {
    const first = p.split(' ')[0] ?? '';
    const list = byFirstWord.get(first);
    if (list) list.push(i);
    else byFirstWord.set(first, [i]);
  });
  return { phrases, padded: phrases.map((p) => ` ${p} `), byFirstWord };
}

/**
 * The phrases found in a message's words (`joined` is ` ${words} `), in the list's order. Only
 * phrases starting with one of the message's words are searched for.
 */
function phrasesIn(ws: readonly string[], joined: string, list: Phrases): string[] {
  let found: number[] | undefined;
  for (const w of ws) {
    const candidates = list.byFirstWord.get(w);
    if (candidates === undefined) continue;
    for (const i of candidates)
      if (!(found?.includes(i) ?? false) && joined.includes(list.padded[i] as string)) (found ??= []).push(i);
  }
  if (found === undefined) return [];
  return found.sort((a, b) => a - b).map((i) => list.phrases[i] as string);
}

export interface FollowUpCues {
  correction: readonly string[];
  /** Phrases that work with the answer ("make it shorter", "translate it", "now …"). */
  buildsOn: readonly string[];
  /** A weak continuation opening the message ("ok", "thanks", "and"). */
  openers: readonly string[];
  /** Announces a rephrase ("let me rephrase", "in other words"). */
  rephrase: readonly string[];
  /** A short message that refers back: a pronoun (it, that, they, …) before any word of its own subject. */
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

const CORRECTION = prepare(CORRECTION_PHRASES);
const REPHRASE = prepare(REPHRASE_PHRASES);
const BUILDS_ON = prepare(BUILDS_ON_PHRASES);

function findCues(m: MessageFeatures): FollowUpCues {
  if (m.text === undefined) {
    const correction = (m.sketch?.cues ?? []).filter((c) => SKETCH_CORRECTION_CUES.has(c));
    return { correction, buildsOn: [], openers: [], rephrase: [], anaphora: false };
  }
  const ws = m.words;
  const first = ws[0] ?? '';
  const joined = ` ${ws.join(' ')} `;
  const correction = phrasesIn(ws, joined, CORRECTION);
  if (CORRECTION_OPENERS.has(first) && !correction.includes(first)) correction.unshift(first);
  const rephrase = phrasesIn(ws, joined, REPHRASE);
  const buildsOn = phrasesIn(ws, joined, BUILDS_ON);
  const openers: string[] = [];
  const pair = `${first} ${ws[1] ?? ''}`;
  if (BUILDS_ON_OPENER_PAIRS.has(pair)) openers.push(pair);
  else if (BUILDS_ON_OPENERS.has(first)) openers.push(first);
  // "now" opens both rewrites ("now my opener stopped working") and instructions; only the latter build on.
  if (first === 'now' && ws.length > 1 && !ANAPHORA.has(ws[1] ?? '') && (ws[1] ?? '') !== 'my') {
    buildsOn.unshift('now');
  }
  return { correction, buildsOn, openers, rephrase, anaphora: refersBack(ws) };
}

const ENTITY =
  /`([^`\n]{1,64})`|\b([a-z][a-z0-9]*[A-Z][A-Za-z0-9]*|[A-Za-z][A-Za-z0-9]*_[A-Za-z0-9_]+|\d{3,})\b/g;

/**
 * A short message refers back to the conversation when its first pronoun comes before any word
 * of its own subject ("is it treatable?", "how much does that cost?") or when it ends on one
 * ("give me an example of that"). One that names its subject first does not: "what is a
 * blockchain and how does it work?", "write a function that …".
 */
function refersBack(ws: readonly string[]): boolean {
  if (ws.length > 12) return false;
  if (FINAL_ANAPHORA.has(ws[ws.length - 1] ?? '')) return true;
  for (const w of ws) {
    if (ANAPHORA.has(w)) return true;
    if (!STOPWORDS.has(w) && !BUILDS_ON_OPENERS.has(w)) return false;
  }
  return false;
}

const entitiesCache = new WeakMap<MessageFeatures, readonly string[]>();

/**
 * Names of specific things in a message: code identifiers (`backticked`, camelCase, snake_case)
 * and numbers of three or more digits (an order, a year), lower-cased, underscores dropped.
 * Computed when first asked for (most follow-ups are decided before they matter).
 */
export function messageEntities(m: MessageFeatures): readonly string[] {
  let found = entitiesCache.get(m);
  if (found === undefined) {
    const out = new Set<string>();
    for (const match of (m.text ?? '').matchAll(ENTITY)) {
      const name = (match[1] ?? match[2] ?? '').toLowerCase().replace(/[^a-z0-9]/g, '');
      if (name.length > 0) out.add(name);
    }
    found = [...out];
    entitiesCache.set(m, found);
  }
  return found;
}

/** Both messages name specific things and none of them in common: the same request about something else. */
function otherEntities(a: MessageFeatures, b: MessageFeatures): boolean {
  const ea = messageEntities(a);
  if (ea.length === 0) return false;
  const eb = messageEntities(b);
  return eb.length > 0 && !ea.some((e) => eb.includes(e));
}

/** The decision of the default classifier (see `createFollowUpClassifier`). */
function decide(
  cues: FollowUpCues,
  previous: MessageFeatures,
  next: MessageFeatures,
  similarity: number,
  threshold: number,
): FollowUpKind {
  if (cues.buildsOn.length > 0 && cues.correction.length === 0 && cues.rephrase.length === 0)
    return 'builds_on';
  if (cues.rephrase.length > 0) return 'rephrase';
  if (cues.correction.length > 0) return 'correction';
  // "Refactor `median`" after "Refactor `chunk`": the same words about another thing.
  if (similarity >= threshold && !otherEntities(previous, next)) return 'rephrase';
  if (cues.openers.length > 0 || cues.anaphora) return 'builds_on';
  if (similarity >= threshold / 2 && !otherEntities(previous, next)) return 'related';
  return 'new_topic';
}

/**
 * The default, offline follow-up classifier: the rephrase score (lexical model, or the sketch
 * model in privacy mode, or embeddings when given) and an English lexicon of cues.
 *
 * Order of decisions: a message that transforms the answer ("make it shorter") builds on it even
 * when it repeats the request's words (unless the request had the same cue); otherwise an
 * announced rephrase ("let me rephrase: …") or a high same-intent score is a rephrase; then a
 * correction cue makes a correction; then a weak opener ("ok, …") or a reference back ("is it
 * …?") makes a builds-on follow-up; a shared topic without any cue is only `related`; anything
 * else is a new topic. Two messages naming different specific things (identifiers, order numbers)
 * are never a rephrase or related by their words alone.
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
      // Likewise a correction cue the previous message had ("No, not X. I want Y." then the same
      // reworded): the user repeats their correction, they do not correct the new answer.
      const prior = followUpCues(previous);
      const cues = {
        ...found,
        buildsOn: found.buildsOn.filter((c) => !prior.buildsOn.includes(c)),
        correction: found.correction.filter((c) => !prior.correction.includes(c)),
      };
      const by =
        embeddingSimilarity !== undefined
          ? 'embedding'
          : next.text !== undefined && previous.text !== undefined
            ? 'lexical'
            : 'sketch';
      const similarity = embeddingSimilarity ?? rephraseProbability(previous, next, models);
      const threshold = by === 'embedding' ? thresholds.embeddingRephrase : thresholds.rephrase;
      const allCues = [...cues.rephrase, ...cues.correction, ...cues.buildsOn, ...cues.openers];
      return {
        kind: decide(cues, previous, next, similarity, threshold),
        similarity,
        by,
        cues: allCues,
      };
    },
  };
}
