import { BottomK } from './bottom-k.ts';
import type { CohortInterval } from './cohorts.ts';
import { priority } from './hash.ts';
import type { SampleItem, Strategy } from './item.ts';
import type { NoveltyBaseline, NoveltyScore } from './novelty.ts';

export interface SamplerOptions {
  strategies: readonly Strategy[];
  seed: number;
  /** Items per slice (default 200). */
  quota?: number;
  /** Per-slice quotas by slice name (`high_retry`, `worst_cohort:modelVersion=v2`, …). */
  quotas?: Readonly<Record<string, number>>;
  /** `high_retry`: at least this many reformulations on the task (default 3). */
  minReformulations?: number;
  /** `novel`: the historical baseline, already filled. */
  novelty?: NoveltyBaseline;
  /** `worst_cohort`: the cohorts to sample from (`CohortStats.worst`), one slice each. */
  worstCohorts?: readonly CohortInterval[];
}

export interface SliceCoverage {
  slice: string;
  strategy: Strategy;
  quota: number;
  /** Items that qualified for the slice. */
  eligible: number;
  selected: number;
  /** For `worst_cohort` slices: the cohort's good-label rate and 95 % interval. */
  cohort?: CohortInterval;
}

export interface Sampled<T> {
  item: SampleItem;
  payload: T;
  /** Every slice that selected it (an item can fill several). */
  slices: string[];
  novelty?: NoveltyScore;
}

export interface SampleResult<T> {
  /** In slice order, then by priority; each item once. */
  selected: Sampled<T>[];
  coverage: SliceCoverage[];
}

interface Slice<T> {
  name: string;
  strategy: Strategy;
  quota: number;
  eligible: number;
  keep: BottomK<{ item: SampleItem; payload: T; novelty?: NoveltyScore }>;
  cohort?: CohortInterval;
}

/**
 * Stratified tail sampling for eval coverage. Each strategy is a slice with its own quota; within
 * a slice, items are kept by a seeded hash of their id (bottom-k), so the sample is the same for
 * the same items and seed whatever order they stream in, memory is bounded by the quotas, and a
 * slice is never empty when an item qualifies for it.
 *
 * - `random`: every item (the baseline to compare the tails against);
 * - `mixed_signals`: evidence points both ways;
 * - `high_retry`: ≥ `minReformulations` rephrased or corrected retries on the task;
 * - `novel`: prompt or behaviour unlike the baseline (`NoveltyBaseline`);
 * - `worst_cohort`: in one of the cohorts with the lowest label means (one slice per cohort).
 *
 * @example
 * const s = new Sampler({ strategies: ['random', 'high_retry'], seed: 7, quota: 100 });
 * for (const ex of examples) s.offer(sampleItemOf(ex), ex);
 * const { selected, coverage } = s.result();
 */
export class Sampler<T> {
  private readonly slices: Slice<T>[] = [];
  private readonly minReformulations: number;

  constructor(private readonly options: SamplerOptions) {
    this.minReformulations = options.minReformulations ?? 3;
    const quotaOf = (name: string, strategy: Strategy) =>
      options.quotas?.[name] ?? options.quotas?.[strategy] ?? options.quota ?? 200;
    for (const strategy of options.strategies) {
      if (this.slices.some((s) => s.strategy === strategy)) continue;
      if (strategy === 'novel' && options.novelty === undefined)
        throw new Error('the novel strategy needs a NoveltyBaseline');
      if (strategy === 'worst_cohort') {
        if (options.worstCohorts === undefined)
          throw new Error('the worst_cohort strategy needs the worst cohorts (CohortStats.worst)');
        for (const c of options.worstCohorts) {
          const name = `worst_cohort:${c.cohort}`;
          const quota = quotaOf(name, strategy);
          this.slices.push({ name, strategy, quota, eligible: 0, keep: new BottomK(quota), cohort: c });
        }
        continue;
      }
      const quota = quotaOf(strategy, strategy);
      this.slices.push({ name: strategy, strategy, quota, eligible: 0, keep: new BottomK(quota) });
    }
  }

  /** Offers one candidate; `payload` is what the result hands back for it (a row, an example). */
  offer(item: SampleItem, payload: T): void {
    const p = priority(this.options.seed, item.id);
    let novelty: NoveltyScore | undefined;
    for (const s of this.slices) {
      let ok: boolean;
      switch (s.strategy) {
        case 'random':
          ok = true;
          break;
        case 'mixed_signals':
          ok = item.mixed;
          break;
        case 'high_retry':
          ok = item.reformulations >= this.minReformulations;
          break;
        case 'novel':
          novelty ??= (this.options.novelty as NoveltyBaseline).score(item);
          ok = novelty.novel;
          break;
        case 'worst_cohort':
          ok = s.cohort !== undefined && item.cohorts.includes(s.cohort.cohort);
          break;
      }
      if (!ok) continue;
      s.eligible++;
      s.keep.offer(p, item.id, { item, payload, ...(novelty ? { novelty } : {}) });
    }
  }

  result(): SampleResult<T> {
    const byId = new Map<string, Sampled<T>>();
    const coverage: SliceCoverage[] = [];
    for (const s of this.slices) {
      const kept = s.keep.sorted();
      for (const k of kept) {
        const hit = byId.get(k.id);
        if (hit) hit.slices.push(s.name);
        else
          byId.set(k.id, {
            item: k.item.item,
            payload: k.item.payload,
            slices: [s.name],
            ...(k.item.novelty ? { novelty: k.item.novelty } : {}),
          });
      }
      coverage.push({
        slice: s.name,
        strategy: s.strategy,
        quota: s.quota,
        eligible: s.eligible,
        selected: kept.length,
        ...(s.cohort ? { cohort: s.cohort } : {}),
      });
    }
    return { selected: [...byId.values()], coverage };
  }
}
