import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rollupDelta, sessionContribution } from './contribution.ts';
import { mergeRollups, rollupKeyId, type RollupRow } from './rollup.ts';
import type { SessionResult } from './session-result.ts';

const t0 = Date.UTC(2026, 10, 2, 10, 20);

const session: SessionResult = {
  projectId: 'p',
  sessionId: 's1',
  startedAt: t0,
  cohort: { plan: 'free', locale: 'fr' },
  outcome: 'abandoned',
  retries: 2,
  generations: [
    {
      modelVersion: 'v1',
      promptVersion: 'a',
      contentType: 'chat',
      signals: ['rephrase_retry'],
      grade: 'rejected',
    },
    {
      modelVersion: 'v1',
      promptVersion: 'a',
      contentType: 'chat',
      signals: ['rephrase_retry', 'rephrase_retry'],
    },
    { modelVersion: 'v2', promptVersion: 'a', contentType: 'chat', signals: ['copied'], grade: 'accepted' },
  ],
};

function canonical(rows: readonly RollupRow[]) {
  return [...rows].sort((a, b) => (rollupKeyId(a) < rollupKeyId(b) ? -1 : 1));
}

describe('sessionContribution', () => {
  it('puts the session in its start window, per version group and cohort attribute', () => {
    const rows = sessionContribution(session);
    // 2 windows × 2 version groups × 3 cohorts (*, plan=free, locale=fr).
    expect(rows).toHaveLength(12);
    const hourV1 = rows.find((r) => r.window === 'hour' && r.modelVersion === 'v1' && r.cohort === '*')!;
    expect(hourV1.windowStart).toBe(Date.UTC(2026, 10, 2, 10));
    expect(hourV1.counts).toMatchObject({
      sessions: 1,
      generations: 2,
      generationsSq: 4,
      labeled: 1,
      abandoned: 1,
      retries: 2,
    });
    // Two generations carried the signal (repeats on one generation count once).
    expect(hourV1.counts.signals.rephrase_retry).toEqual({ sum: 2, sumSq: 4, cross: 4 });
    expect(hourV1.counts.grades.rejected).toEqual({ sum: 1, sumSq: 1, cross: 1 });
    const dayV2 = rows.find(
      (r) => r.window === 'day' && r.modelVersion === 'v2' && r.cohort === 'plan=free',
    )!;
    expect(dayV2.windowStart).toBe(Date.UTC(2026, 10, 2));
    expect(dayV2.counts.signals).toEqual({ copied: { sum: 1, sumSq: 1, cross: 1 } });
  });

  it('keeps only the cohort attributes asked for, and counts a session without generations', () => {
    const rows = sessionContribution(
      { ...session, generations: [] },
      { windows: ['day'], cohortKeys: ['plan'] },
    );
    expect(rows.map((r) => [r.modelVersion, r.cohort])).toEqual([
      ['(none)', '*'],
      ['(none)', 'plan=free'],
    ]);
    expect(rows[0]!.counts).toMatchObject({ sessions: 1, generations: 0, abandoned: 1 });
  });
});

describe('rollupDelta', () => {
  it('is empty when a session is recomputed unchanged (idempotent)', () => {
    expect(rollupDelta(session, { ...session })).toEqual([]);
  });

  it('moves a session whose late event changes its past window', () => {
    // A late copy on the first generation, and an even earlier event that moves the start back an hour.
    const later: SessionResult = {
      ...session,
      startedAt: t0 - 3_600_000,
      generations: [
        { ...session.generations[0]!, signals: ['rephrase_retry', 'copied'] },
        ...session.generations.slice(1),
      ],
    };
    const rollups = mergeRollups([...sessionContribution(session), ...rollupDelta(session, later)]);
    expect(canonical(rollups)).toEqual(canonical(sessionContribution(later)));
    expect(rollups.some((r) => r.window === 'hour' && r.windowStart === Date.UTC(2026, 10, 2, 10))).toBe(
      false,
    );
  });

  it('removes a deleted session completely', () => {
    expect(mergeRollups([...sessionContribution(session), ...rollupDelta(session, undefined)])).toEqual([]);
  });

  it('gives the same rollups incrementally, in any order of updates, as recomputing from the final results', () => {
    const signal = fc.constantFrom('rephrase_retry', 'copied', 'abandoned', 'regenerated');
    const generation = fc.record({
      modelVersion: fc.constantFrom('v1', 'v2'),
      promptVersion: fc.constantFrom('a', 'b'),
      contentType: fc.constant('chat'),
      signals: fc.array(signal, { maxLength: 3 }),
      grade: fc.option(fc.constantFrom('accepted', 'rejected', 'minor_edit'), { nil: undefined }),
    });
    const result = (sessionId: string) =>
      fc.record({
        projectId: fc.constant('p'),
        sessionId: fc.constant(sessionId),
        startedAt: fc.integer({ min: t0, max: t0 + 3 * 86_400_000 }),
        cohort: fc.option(fc.record({ plan: fc.constantFrom('free', 'pro') }), { nil: undefined }),
        outcome: fc.constantFrom('completed' as const, 'abandoned' as const, 'unknown' as const),
        retries: fc.integer({ min: 0, max: 4 }),
        generations: fc.array(generation, { maxLength: 4 }),
      });
    // Each update is a new labeling result for one of five sessions (undefined: the session is deleted).
    const updates = fc.array(
      fc
        .integer({ min: 0, max: 4 })
        .chain((k) => fc.tuple(fc.constant(`s${k}`), fc.option(result(`s${k}`), { nil: undefined }))),
      { maxLength: 25 },
    );
    fc.assert(
      fc.property(updates, (list) => {
        const stored = new Map<string, SessionResult>();
        let rollups: RollupRow[] = [];
        for (const [id, next] of list) {
          rollups = mergeRollups([...rollups, ...rollupDelta(stored.get(id), next)]);
          if (next) stored.set(id, next);
          else stored.delete(id);
        }
        const recomputed = mergeRollups([...stored.values()].flatMap((s) => sessionContribution(s)));
        expect(canonical(rollups)).toEqual(canonical(recomputed));
      }),
    );
  });
});
