import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CohortStats } from './cohorts.ts';
import type { SampleItem, Strategy } from './item.ts';
import { NoveltyBaseline } from './novelty.ts';
import { Sampler } from './sampler.ts';

const itemArb: fc.Arbitrary<SampleItem> = fc.record({
  id: fc.string({ minLength: 1, maxLength: 8 }),
  good: fc.boolean(),
  mixed: fc.boolean(),
  reformulations: fc.nat({ max: 5 }),
  promptText: fc.constantFrom(
    'reset my password',
    'export contacts to csv',
    'write a haiku about rain',
    'fix this regex',
  ),
  behaviour: fc.array(fc.constantFrom('shown', 'view', 'copy', 'edit', 'undo', 'regenerate'), {
    maxLength: 5,
  }),
  cohorts: fc.subarray(['modelVersion=v1', 'modelVersion=v2', 'cohort.plan=pro', 'cohort.plan=free']),
});

/** Distinct ids: an id is an item's identity. */
const itemsArb = fc.uniqueArray(itemArb, { selector: (i) => i.id, maxLength: 60 });
const strategiesArb = fc.subarray<Strategy>(
  ['random', 'mixed_signals', 'high_retry', 'novel', 'worst_cohort'],
  {
    minLength: 1,
  },
);

function run(items: readonly SampleItem[], strategies: readonly Strategy[], seed: number, quota: number) {
  const novelty = new NoveltyBaseline({ seed, selfIncluded: true, size: 20 });
  const cohorts = new CohortStats();
  for (const i of items) {
    novelty.add(i);
    cohorts.add(i);
  }
  const s = new Sampler<string>({
    strategies,
    seed,
    quota,
    novelty,
    worstCohorts: cohorts.worst(2, 1),
  });
  for (const i of items) s.offer(i, i.id);
  return s.result();
}

describe('Sampler', () => {
  it('is deterministic for a seed, whatever order the items stream in', () => {
    fc.assert(
      fc.property(
        itemsArb,
        strategiesArb,
        fc.integer(),
        fc.integer({ min: 1, max: 10 }),
        (items, strategies, seed, quota) => {
          const a = run(items, strategies, seed, quota);
          const b = run([...items].reverse(), strategies, seed, quota);
          expect(b.selected.map((s) => [s.payload, s.slices])).toEqual(
            a.selected.map((s) => [s.payload, s.slices]),
          );
          expect(b.coverage).toEqual(a.coverage);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('respects every slice quota and never leaves a slice empty when an item qualifies', () => {
    fc.assert(
      fc.property(
        itemsArb,
        strategiesArb,
        fc.integer(),
        fc.integer({ min: 1, max: 10 }),
        (items, strategies, seed, quota) => {
          const { selected, coverage } = run(items, strategies, seed, quota);
          for (const c of coverage) {
            expect(c.selected).toBeLessThanOrEqual(c.quota);
            expect(c.selected).toBe(Math.min(c.quota, c.eligible));
            if (c.eligible > 0) expect(c.selected).toBeGreaterThan(0);
            expect(selected.filter((s) => s.slices.includes(c.slice))).toHaveLength(c.selected);
          }
          expect(new Set(selected.map((s) => s.item.id)).size).toBe(selected.length);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('samples only what each strategy asks for', () => {
    const items: SampleItem[] = Array.from({ length: 200 }, (_, k) => ({
      id: `g${k}`,
      good: k % 3 !== 0,
      mixed: k % 10 === 0,
      reformulations: k % 7 === 0 ? 3 : 1,
      promptText: `question ${k}`,
      behaviour: ['shown', 'view'],
      cohorts: [k % 2 ? 'modelVersion=a' : 'modelVersion=b'],
    }));
    const s = new Sampler<SampleItem>({ strategies: ['mixed_signals', 'high_retry'], seed: 1, quota: 1000 });
    for (const i of items) s.offer(i, i);
    const r = s.result();
    const mixed = r.selected.filter((x) => x.slices.includes('mixed_signals'));
    const retry = r.selected.filter((x) => x.slices.includes('high_retry'));
    expect(mixed).toHaveLength(20);
    expect(mixed.every((x) => x.item.mixed)).toBe(true);
    expect(retry).toHaveLength(29);
    expect(retry.every((x) => x.item.reformulations >= 3)).toBe(true);
  });

  it('a different seed draws a different random sample', () => {
    const items = Array.from({ length: 500 }, (_, k) => ({
      id: `g${k}`,
      good: true,
      mixed: false,
      reformulations: 0,
      promptText: '',
      behaviour: [],
      cohorts: [],
    }));
    const pick = (seed: number) => {
      const s = new Sampler<string>({ strategies: ['random'], seed, quota: 20 });
      for (const i of items) s.offer(i, i.id);
      return s.result().selected.map((x) => x.payload);
    };
    expect(pick(1)).toEqual(pick(1));
    expect(pick(1)).not.toEqual(pick(2));
  });
});

describe('CohortStats', () => {
  it('ranks cohorts by how surely bad they are, with Wilson intervals', () => {
    const stats = new CohortStats();
    const add = (cohort: string, good: number, bad: number) => {
      for (let i = 0; i < good; i++) stats.add({ good: true, cohorts: [cohort] });
      for (let i = 0; i < bad; i++) stats.add({ good: false, cohorts: [cohort] });
    };
    add('modelVersion=big-bad', 400, 600);
    add('modelVersion=tiny-bad', 0, 2);
    add('modelVersion=fine', 900, 100);
    const worst = stats.worst(2, 1);
    expect(worst.map((c) => c.cohort)).toEqual(['modelVersion=big-bad', 'modelVersion=tiny-bad']);
    expect(worst[0]).toMatchObject({ n: 1000, mean: 0.4 });
    expect(worst[0]!.low).toBeLessThan(0.4);
    expect(worst[0]!.high).toBeGreaterThan(0.4);
    expect(stats.worst(3, 10).map((c) => c.cohort)).not.toContain('modelVersion=tiny-bad');
  });
});

describe('NoveltyBaseline', () => {
  it('finds prompts unlike every baseline prompt and behaviour steps never seen', () => {
    const base = new NoveltyBaseline({ seed: 3 });
    for (let i = 0; i < 300; i++)
      base.add({
        id: `b${i}`,
        promptText:
          i % 2 ? `how do I reset my password on account ${i}` : `export my contacts to a csv file ${i}`,
        behaviour: ['shown', 'view', 'copy'],
      });
    const familiar = base.score({
      id: 'x',
      promptText: 'how do I reset my password on account 7',
      behaviour: ['shown', 'view', 'copy'],
    });
    expect(familiar).toMatchObject({ novel: false, by: null });
    const newPrompt = base.score({
      id: 'y',
      promptText: 'translate this haiku into Japanese',
      behaviour: ['shown', 'view'],
    });
    expect(newPrompt).toMatchObject({ novel: true, by: 'prompt' });
    const newBehaviour = base.score({
      id: 'z',
      promptText: 'export my contacts to a csv file 12',
      behaviour: ['shown', 'copy', 'undo'],
    });
    expect(newBehaviour).toMatchObject({ novel: true, by: 'behaviour' });
  });
});
