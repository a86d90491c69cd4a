import { z } from 'zod';
import { LIMITS } from './limits.ts';

/**
 * A similarity sketch of a text, sent instead of the text in privacy mode. It lets the server
 * estimate how similar two user messages are (rephrase detection) without ever seeing them:
 * `minhash` holds the minimum hash per seed over the text's character n-grams, so the fraction of
 * equal positions between two sketches estimates their n-gram Jaccard similarity.
 */
export const similaritySketchSchema = z.object({
  v: z.literal(1),
  /** One unsigned 32-bit minimum per hash seed. */
  minhash: z.array(z.number().int().min(0).max(0xffffffff)).min(8).max(LIMITS.sketchHashes),
  /** Word and character counts of the original text. */
  words: z.number().int().min(0),
  chars: z.number().int().min(0),
  /** Cue words found in the text (e.g. `no`, `i meant`), for correction detection. */
  cues: z.array(z.string().max(64)).max(32).optional(),
});

export type SimilaritySketch = z.infer<typeof similaritySketchSchema>;

/** Edit statistics, sent instead of the edited text in privacy mode. */
export const editStatsSchema = z.object({
  /** Words of the output kept, removed and inserted by the user's edit. */
  wordsKept: z.number().int().min(0),
  wordsRemoved: z.number().int().min(0),
  wordsAdded: z.number().int().min(0),
  /** Characters of the final text. */
  finalChars: z.number().int().min(0).optional(),
});

export type EditStats = z.infer<typeof editStatsSchema>;
