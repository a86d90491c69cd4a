import type { SimilaritySketch } from '../schema/sketch.ts';
import { sketchSimilarity, sketchText } from '../text/sketch.ts';
import { BottomK } from './bottom-k.ts';
import { priority } from './hash.ts';
import type { SampleItem } from './item.ts';

export interface NoveltyOptions {
  seed?: number;
  /** Baseline prompts kept (a seeded uniform sample of everything added). */
  size?: number;
  /** A prompt is novel when no baseline prompt is at least this similar (MinHash Jaccard of character 3-grams). */
  similarity?: number;
  /** A behaviour is novel when one of its steps (a bigram of actions) has at most this frequency in the baseline. */
  rareBelow?: number;
  /** The baseline is the items being scored themselves (outlier mode): each item ignores itself. */
  selfIncluded?: boolean;
}

export interface NoveltyScore {
  /** 1 − the highest similarity to a baseline prompt (1 when the baseline has no prompt like it). */
  prompt: number;
  /** Frequency of the item's rarest action bigram in the baseline (0: never seen). */
  behaviour: number;
  novel: boolean;
  by: 'prompt' | 'behaviour' | 'both' | null;
}

const BANDS = 16;
const ROWS = 3;

function bigrams(behaviour: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 1; i < behaviour.length; i++) out.push(`${behaviour[i - 1]}>${behaviour[i]}`);
  if (behaviour.length === 1) out.push(`${behaviour[0]}>$`);
  return out;
}

/**
 * The historical baseline of the `novel` strategy, defined concretely:
 * - **prompts**: a seeded sample of `size` baseline prompts as MinHash sketches (64 hashes of
 *   character 3-grams, `sketchText`), indexed by LSH (16 bands × 3 rows). A prompt is novel when
 *   no baseline prompt reaches `similarity` (estimated Jaccard, default 0.5);
 * - **behaviour**: counts of action bigrams (`view>edit`, `copy>undo`, …) over every baseline
 *   item. A behaviour is novel when one of its bigrams has frequency ≤ `rareBelow` (0.1 %).
 *
 * Add the baseline items (sessions before the export window, or the window itself with
 * `selfIncluded`), then score. Deterministic for a seed; memory is O(size + distinct bigrams).
 */
export class NoveltyBaseline {
  private readonly sample: BottomK<{ id: string; sketch: SimilaritySketch }>;
  private readonly counts = new Map<string, number>();
  private total = 0;
  private index: Map<string, { id: string; sketch: SimilaritySketch }[]> | undefined;
  private readonly opts: Required<NoveltyOptions>;

  constructor(options: NoveltyOptions = {}) {
    this.opts = {
      seed: options.seed ?? 0,
      size: options.size ?? 1000,
      similarity: options.similarity ?? 0.5,
      rareBelow: options.rareBelow ?? 0.001,
      selfIncluded: options.selfIncluded ?? false,
    };
    this.sample = new BottomK(this.opts.size);
  }

  /** Baseline prompts held. */
  get prompts(): number {
    return this.sample.size;
  }

  add(item: Pick<SampleItem, 'id' | 'promptText' | 'behaviour'>): void {
    if (this.index !== undefined) throw new Error('NoveltyBaseline: add() after score()');
    for (const b of bigrams(item.behaviour)) {
      this.counts.set(b, (this.counts.get(b) ?? 0) + 1);
      this.total++;
    }
    const p = priority(this.opts.seed ^ 0x5eed, item.id);
    if (this.sample.wouldKeep(p, item.id))
      this.sample.offer(p, item.id, { id: item.id, sketch: sketchText(item.promptText) });
  }

  score(item: Pick<SampleItem, 'id' | 'promptText' | 'behaviour'>): NoveltyScore {
    const index = (this.index ??= this.buildIndex());
    const sketch = sketchText(item.promptText);
    let best = 0;
    const seen = new Set<string>();
    for (let b = 0; b < BANDS; b++) {
      for (const c of index.get(bandKey(sketch, b)) ?? []) {
        if (seen.has(c.id) || (this.opts.selfIncluded && c.id === item.id)) continue;
        seen.add(c.id);
        best = Math.max(best, sketchSimilarity(sketch, c.sketch));
      }
    }
    let rarest = 1;
    const own = new Map<string, number>();
    if (this.opts.selfIncluded) for (const b of bigrams(item.behaviour)) own.set(b, (own.get(b) ?? 0) + 1);
    const total = this.total - (this.opts.selfIncluded ? sum(own) : 0);
    for (const b of bigrams(item.behaviour)) {
      const n = (this.counts.get(b) ?? 0) - (own.get(b) ?? 0);
      rarest = Math.min(rarest, total > 0 ? n / total : 0);
    }
    const promptNovel = best < this.opts.similarity;
    const behaviourNovel = rarest <= this.opts.rareBelow;
    return {
      prompt: Number((1 - best).toFixed(4)),
      behaviour: Number(rarest.toFixed(6)),
      novel: promptNovel || behaviourNovel,
      by:
        promptNovel && behaviourNovel ? 'both' : promptNovel ? 'prompt' : behaviourNovel ? 'behaviour' : null,
    };
  }

  private buildIndex(): Map<string, { id: string; sketch: SimilaritySketch }[]> {
    const index = new Map<string, { id: string; sketch: SimilaritySketch }[]>();
    for (const { item } of this.sample.sorted()) {
      for (let b = 0; b < BANDS; b++) {
        const k = bandKey(item.sketch, b);
        const list = index.get(k);
        if (list) list.push(item);
        else index.set(k, [item]);
      }
    }
    return index;
  }
}

function bandKey(s: SimilaritySketch, band: number): string {
  const m = s.minhash;
  const i = band * ROWS;
  return `${band}:${m[i]}:${m[i + 1]}:${m[i + 2]}`;
}

function sum(m: Map<string, number>): number {
  let n = 0;
  for (const v of m.values()) n += v;
  return n;
}
