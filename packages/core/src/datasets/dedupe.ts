import { priority } from '../sampling/hash.ts';
import { fnv1a, seededMix } from '../text/hash.ts';
import { normalizeText, words } from '../text/normalize.ts';
import type { PreferencePair, Prompt } from './types.ts';

const HASHES = 32;
const BANDS = 8;
const ROWS = HASHES / BANDS;

export interface DedupeOptions {
  /** Pairs whose prompt, chosen and rejected are each at least this similar (estimated Jaccard of word 3-shingles) are one. Default 0.9. */
  threshold?: number;
  /** Near-duplicates are looked for among the last `window` kept pairs (memory bound); exact duplicates among all. */
  window?: number;
}

/** The text of a prompt, for comparing and sketching: its messages' contents, one per line. */
export function promptText(prompt: Prompt): string {
  return typeof prompt === 'string' ? prompt : prompt.map((m) => `${m.role}: ${m.content}`).join('\n');
}

/** What the user last asked: the last user message of a chat prompt (else all of it), or the text. */
export function lastUserText(prompt: Prompt): string {
  return typeof prompt === 'string'
    ? prompt
    : (prompt.filter((m) => m.role === 'user').at(-1)?.content ?? promptText(prompt));
}

/** A MinHash signature of a text's word 3-shingles (32 hashes, one base hash per shingle). */
export function shingleSignature(text: string): Uint32Array {
  const w = words(text);
  const sig = new Uint32Array(HASHES).fill(0xffffffff);
  const n = Math.max(1, w.length - 2);
  for (let i = 0; i < n; i++) {
    const base = fnv1a(`${w[i] ?? ''} ${w[i + 1] ?? ''} ${w[i + 2] ?? ''}`);
    for (let k = 0; k < HASHES; k++) {
      const h = seededMix(base, k);
      if (h < (sig[k] as number)) sig[k] = h;
    }
  }
  return sig;
}

function similarity(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let k = 0; k < HASHES; k++) if (a[k] === b[k]) same++;
  return same / HASHES;
}

interface Kept {
  prompt: Uint32Array;
  chosen: Uint32Array;
  rejected: Uint32Array;
  keys: string[];
}

/**
 * Collapses near-duplicate preference pairs in a stream: the first of a group is kept, later ones
 * are dropped. Two pairs are near-duplicates when their prompts, their chosen sides and their
 * rejected sides are each at least `threshold` similar (MinHash estimate of the Jaccard
 * similarity of word 3-shingles): two writers' different rewrites of the same draft are two
 * pairs, the same rewrite logged twice is one. Exact duplicates (same normalised texts) are
 * caught however far apart, by a 53-bit hash per kept pair; near-duplicates among the last
 * `window` kept pairs, found by LSH on the chosen side (8 bands × 4 rows). Deterministic: the
 * same stream keeps the same pairs.
 *
 * @example
 * const dedupe = new PairDeduper();
 * for (const p of pairs) if (!dedupe.isDuplicate(p)) write(p);
 */
export class PairDeduper {
  private readonly exact = new Set<number>();
  private readonly bands = new Map<string, number>();
  private readonly kept = new Map<number, Kept>();
  private seq = 0;
  private readonly threshold: number;
  private readonly window: number;
  /** Pairs dropped so far. */
  duplicates = 0;

  constructor(options: DedupeOptions = {}) {
    this.threshold = options.threshold ?? 0.9;
    this.window = options.window ?? 20_000;
  }

  /** Whether the pair repeats one kept before; if not, it is remembered as kept. */
  isDuplicate(pair: Pick<PreferencePair, 'prompt' | 'chosen' | 'rejected'>): boolean {
    const prompt = promptText(pair.prompt);
    const key = priority(0, [prompt, pair.chosen, pair.rejected].map(normalizeText).join('\u0000'));
    if (this.exact.has(key)) {
      this.duplicates++;
      return true;
    }
    const k: Kept = {
      prompt: shingleSignature(prompt),
      chosen: shingleSignature(pair.chosen),
      rejected: shingleSignature(pair.rejected),
      keys: [],
    };
    for (let b = 0; b < BANDS; b++) {
      let band = `${b}`;
      for (let r = 0; r < ROWS; r++) band += `:${k.chosen[b * ROWS + r]}`;
      k.keys.push(band);
      const other = this.bands.get(band);
      const hit = other !== undefined ? this.kept.get(other) : undefined;
      if (
        hit !== undefined &&
        similarity(k.chosen, hit.chosen) >= this.threshold &&
        similarity(k.rejected, hit.rejected) >= this.threshold &&
        similarity(k.prompt, hit.prompt) >= this.threshold
      ) {
        this.duplicates++;
        return true;
      }
    }
    this.exact.add(key);
    const id = this.seq++;
    this.kept.set(id, k);
    for (const band of k.keys) this.bands.set(band, id);
    const old = this.kept.get(id - this.window);
    if (old !== undefined) {
      for (const band of old.keys) if (this.bands.get(band) === id - this.window) this.bands.delete(band);
      this.kept.delete(id - this.window);
    }
    return false;
  }
}
