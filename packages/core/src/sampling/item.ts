/**
 * What a sampler needs to know about one candidate (an eval example, or the generation behind a
 * preference pair). Built by `@tacit/core/datasets` (`sampleItemOf`), or by hand.
 */
export interface SampleItem {
  /** Unique and stable: the priority of an item is a hash of the seed and this id. */
  id: string;
  /** The binary label: was the output good. */
  good: boolean;
  /** Evidence points both ways (positive and negative signals on the same output). */
  mixed: boolean;
  /** Reformulations (rephrased or corrected retries) on the task this output belongs to. */
  reformulations: number;
  /** The prompt's text (the user's final phrasing), for prompt novelty. */
  promptText: string;
  /** What the user did with the output, in order (`shown`, `view`, `copy`, `edit`, …). */
  behaviour: readonly string[];
  /** The cohorts it belongs to, as `dimension=value` (`modelVersion=v2`, `cohort.plan=pro`). */
  cohorts: readonly string[];
}

export const STRATEGIES = ['random', 'mixed_signals', 'high_retry', 'novel', 'worst_cohort'] as const;
/** A sampling strategy; each is a slice of the sample with its own quota. */
export type Strategy = (typeof STRATEGIES)[number];

export function isStrategy(s: string): s is Strategy {
  return (STRATEGIES as readonly string[]).includes(s);
}
