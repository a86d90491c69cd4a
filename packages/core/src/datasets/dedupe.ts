import { priority } from '../sampling/hash.ts';
import { words } from '../text/normalize.ts';
import type { PreferencePair, Prompt } from './types.ts';

const HASHES = 32;
const BANDS = 8;
const ROWS = HASHES / BANDS;

export interface DedupeOptions {
  /** Pairs at least this similar (estimated Jaccard of word 3-shingles of prompt + chosen + rejected) are one. Default 0.9. */
  threshold?: number;
  /** Near-duplicates are looked for among the last `window` kept pairs (memory bound); exact duplicates among all. */
  window?: number;
}

/** The text of a prompt, for comparing and sketching: its messages' contents, one per line. */
export function promptText(prompt: Prompt): string {
  return typeof prompt === 'string' ? prompt : prompt.map((m) => `${m.role}: ${m.content}`).join('\n');
}

function fnv(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function mix(h: number, k: number): number {
  let x = (h ^ Math.imul(k + 1, 0x9e3779b1)) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** A MinHash signature of a text's word 3-shingles (32 hashes, one base hash per shingle). */
export function shingleSignature(text: string): Uint32Array {
  const w = words(text);
  const sig = new Uint32Array(HASHES).fill(0xffffffff);
  const n = Math.max(1, w.length - 2);
  for (let i = 0; i < n; i++) {
    const base = fnv(`${w[i] ?? ''} ${w[i + 1] ?? ''} ${w[i + 2] ?? ''}`);
    for (let k = 0; k < HASHES; k++) {
      const h = mix(base, k);
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

/**
 * Collapses near-duplicate preference pairs in a stream: the first of a group is kept, later ones
 * are dropped. Exact duplicates (same normalised prompt, chosen and rejected) are caught however
 * far apart, by a 53-bit hash per kept pair; near-duplicates (≥ `threshold` estimated Jaccard of
 * word 3-shingles over prompt + chosen + rejected, by MinHash LSH, 8 bands × 4 rows) among the
 * last `window` kept pairs. Deterministic: the same stream keeps the same pairs.
 *
 * @example
 * const dedupe = new PairDeduper();
 * for (const p of pairs) if (!dedupe.isDuplicate(p)) write(p);
 */
export class PairDeduper {
  private readonly exact = new Set<number>();
  private readonly bands = new Map<string, number>();
  private readonly kept = new Map<number, { sig: Uint32Array; keys: string[] }>();
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
    const text = `${promptText(pair.prompt)}\n${pair.chosen}\n${pair.rejected}`;
    const key = priority(
      0,
      `${words(promptText(pair.prompt)).join(' ')}\u0000${words(pair.chosen).join(' ')}\u0000${words(pair.rejected).join(' ')}`,
    );
    if (this.exact.has(key)) {
      this.duplicates++;
      return true;
    }
    const sig = shingleSignature(text);
    const keys: string[] = [];
    for (let b = 0; b < BANDS; b++) {
      let k = `${b}`;
      for (let r = 0; r < ROWS; r++) k += `:${sig[b * ROWS + r]}`;
      keys.push(k);
      const other = this.bands.get(k);
      const hit = other !== undefined ? this.kept.get(other) : undefined;
      if (hit !== undefined && similarity(sig, hit.sig) >= this.threshold) {
        this.duplicates++;
        return true;
      }
    }
    this.exact.add(key);
    const id = this.seq++;
    this.kept.set(id, { sig, keys });
    for (const k of keys) this.bands.set(k, id);
    const old = this.kept.get(id - this.window);
    if (old !== undefined) {
      for (const k of old.keys) if (this.bands.get(k) === id - this.window) this.bands.delete(k);
      this.kept.delete(id - this.window);
    }
    return false;
  }
}
