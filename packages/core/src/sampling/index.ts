export {
  Sampler,
  type SamplerOptions,
  type SampleResult,
  type Sampled,
  type SliceCoverage,
} from './sampler.ts';
export { STRATEGIES, isStrategy, type SampleItem, type Strategy } from './item.ts';
export { NoveltyBaseline, type NoveltyOptions, type NoveltyScore } from './novelty.ts';
export { CohortStats, type CohortInterval } from './cohorts.ts';
export { BottomK, type Ranked } from './bottom-k.ts';
export { wilson, type Interval } from './wilson.ts';
export { priority } from './hash.ts';
