import type { SampleItem } from './item.ts';
import { wilson, type Interval } from './wilson.ts';

export type CohortInterval = Interval & { cohort: string };

/**
 * Label means per cohort (`dimension=value`), with Wilson intervals: the first pass of the
 * `worst_cohort` strategy. Memory grows with the number of distinct cohorts, capped at
 * `maxCohorts` (cohorts first seen after the cap are not tracked).
 *
 * @example
 * const stats = new CohortStats();
 * for (const item of items) stats.add(item);
 * stats.worst(3, 30); // ['modelVersion=v7', 'cohort.locale=de-DE', …]
 */
export class CohortStats {
  private readonly counts = new Map<string, { n: number; good: number }>();

  constructor(private readonly maxCohorts = 10_000) {}

  add(item: Pick<SampleItem, 'good' | 'cohorts'>): void {
    for (const c of item.cohorts) {
      let s = this.counts.get(c);
      if (s === undefined) {
        if (this.counts.size >= this.maxCohorts) continue;
        s = { n: 0, good: 0 };
        this.counts.set(c, s);
      }
      s.n++;
      if (item.good) s.good++;
    }
  }

  /** Every cohort's good-label rate with its 95 % Wilson interval, by cohort name. */
  intervals(): CohortInterval[] {
    return [...this.counts.entries()]
      .map(([cohort, s]) => ({ cohort, ...wilson(s.good, s.n) }))
      .sort((a, b) => (a.cohort < b.cohort ? -1 : a.cohort > b.cohort ? 1 : 0));
  }

  /**
   * The `k` cohorts of at least `minSize` labels with the lowest good-label rate, ranked by the
   * upper end of the interval: a cohort counts as bad only as far as its labels make it surely
   * bad, so 2 bad labels out of 2 do not outrank 400 out of 1000.
   */
  worst(k: number, minSize: number): CohortInterval[] {
    return this.intervals()
      .filter((c) => c.n >= minSize)
      .sort((a, b) => a.high - b.high || a.mean - b.mean || (a.cohort < b.cohort ? -1 : 1))
      .slice(0, k);
  }
}
