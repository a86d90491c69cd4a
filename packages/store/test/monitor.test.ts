import { rollupKeyId, type RollupRow } from '@tacit/core/monitor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabelRecord, OutcomeRecord, SignalRecord, Store } from '../src/index.ts';
import { testBackends } from '../src/testing.ts';
import { ev } from './fixtures.ts';

interface Gen {
  id: string;
  modelVersion?: string;
  grade?: LabelRecord['grade'];
  kinds?: SignalRecord['kind'][];
}

const HOUR = 3_600_000;
const t0 = Date.UTC(2026, 10, 23, 12);

/** What the labeling loop would write for a session: a label per generation, its signals, an outcome. */
function result(
  sessionId: string,
  gens: Gen[],
  o: { status?: OutcomeRecord['status']; retries?: number; startedAt?: number } = {},
) {
  const signals: SignalRecord[] = gens.flatMap((g) =>
    (g.kinds ?? []).map((kind, i) => ({
      id: `${g.id}-${kind}-${i}`,
      kind,
      polarity: kind === 'copied' ? 'positive' : 'negative',
      strength: 1,
      sessionId,
      generationId: g.id,
      evidence: [],
      at: new Date(t0).toISOString(),
    })),
  );
  const labels: LabelRecord[] = gens.map((g) => ({
    generationId: g.id,
    sessionId,
    pGood: 0.5,
    confidence: 0.5,
    grade: g.grade === undefined ? 'accepted' : g.grade,
    mixed: false,
    route: 'review',
    evidence: 1,
    signals: signals.filter((s) => s.generationId === g.id).map((s) => s.id),
    final: true,
    contextVersion: 'v1',
    contextHash: 'h',
    at: new Date(t0).toISOString(),
    modelVersion: g.modelVersion ?? 'v1',
    promptVersion: 'p1',
    contentType: 'chat',
  }));
  const outcome: OutcomeRecord = {
    sessionId,
    status: o.status ?? 'completed',
    reason: 'completion',
    closed: true,
    retries: o.retries ?? 0,
    corrections: 0,
    generations: gens.length,
    evidence: [],
    contextHash: 'h',
  };
  return {
    signals,
    labels,
    outcome,
    contextHash: 'h',
    ...(o.startedAt !== undefined ? { startedAt: o.startedAt } : {}),
  };
}

const canonical = (rows: readonly RollupRow[]) =>
  [...rows].sort((a, b) => (rollupKeyId(a) < rollupKeyId(b) ? -1 : 1));

describe.each(testBackends)('monitoring rollups on $name', (backend) => {
  let store: Store;
  let close: () => Promise<void>;
  let n = 0;
  const fresh = async () => {
    const p = `mp${n++}`;
    await store.projects.ensure(p, p);
    return p;
  };
  /** Claims a session (after new events arrived) and writes `r` for it, as a worker does. */
  const label = async (p: string, sessionId: string, r: ReturnType<typeof result>, worker = 'A') => {
    const claims = await store.labels.claim(worker, 100, 60_000, 0, p);
    const claim = claims.find((c) => c.sessionId === sessionId);
    expect(claim, `claim of ${sessionId}`).toBeDefined();
    for (const c of claims) if (c !== claim) await store.labels.release(worker, c);
    expect(await store.labels.replaceSession(worker, claim!, r, null)).toBe(true);
  };
  const all = async (p: string) => [
    ...(await store.monitor.rollups(p, { window: 'hour', cohorts: 'all' })),
    ...(await store.monitor.rollups(p, { window: 'day', cohorts: 'all' })),
  ];

  beforeAll(async () => {
    ({ store, close } = await backend.open());
  });
  afterAll(async () => {
    await close();
  });

  it('counts each labeled session in its start window, per version, cohort and signal', async () => {
    const p = await fresh();
    await store.events.insertBatch(p, [
      ev('generation', { sessionId: 's1', generationId: 'g1', context: { cohort: { plan: 'free' } } }),
      ev('generation', { sessionId: 's2', generationId: 'g2' }),
    ]);
    await label(
      p,
      's1',
      result(
        's1',
        [
          { id: 'g1', kinds: ['rephrase_retry'], grade: 'rejected' },
          { id: 'g1b', kinds: ['copied'] },
        ],
        {
          startedAt: t0 + 60_000,
          retries: 1,
        },
      ),
    );
    await label(
      p,
      's2',
      result('s2', [{ id: 'g2', modelVersion: 'v2', kinds: ['copied'] }], { startedAt: t0 + 5 * 60_000 }),
    );

    const hour = await store.monitor.rollups(p, { window: 'hour' });
    expect(hour.map((r) => [r.modelVersion, r.cohort, r.windowStart])).toEqual([
      ['v1', '*', t0],
      ['v2', '*', t0],
    ]);
    const v1 = hour.find((r) => r.modelVersion === 'v1')!;
    expect(v1.counts).toMatchObject({ sessions: 1, generations: 2, labeled: 2, completed: 1, retries: 1 });
    // A retry kind also counts as `retried`: the retry rate the default rules watch.
    expect(Object.keys(v1.counts.signals).sort()).toEqual(['copied', 'rephrase_retry', 'retried']);
    expect(v1.counts.grades).toEqual({
      accepted: { sum: 1, sumSq: 1, cross: 2 },
      rejected: { sum: 1, sumSq: 1, cross: 2 },
    });
    const withPlan = await store.monitor.rollups(p, { window: 'day', cohorts: ['plan'] });
    expect(withPlan.map((r) => r.cohort).sort()).toEqual(['*', '*', 'plan=free']);
    expect(await store.monitor.versions(p)).toEqual([
      { projectId: p, dimension: 'modelVersion', version: 'v1', firstSeen: t0 + 60_000 },
      { projectId: p, dimension: 'promptVersion', version: 'p1', firstSeen: t0 + 60_000 },
      { projectId: p, dimension: 'modelVersion', version: 'v2', firstSeen: t0 + 5 * 60_000 },
    ]);
    expect(canonical(await all(p))).toEqual(canonical(await store.monitor.recompute(p)));
  });

  it('moves a session when a late event changes its window and signals, and relabeling twice changes nothing', async () => {
    const p = await fresh();
    await store.events.insertBatch(p, [ev('generation', { sessionId: 'late', generationId: 'g' })]);
    await label(
      p,
      'late',
      result('late', [{ id: 'g', kinds: [] }], { startedAt: t0 + 10 * 60_000, status: 'unknown' }),
    );
    const before = await all(p);
    expect(before.filter((r) => r.window === 'hour').map((r) => r.windowStart)).toEqual([t0]);

    // A late event from another tab: the session really started in the previous hour, the user
    // retried, and the session ended abandoned.
    await store.events.insertBatch(p, [ev('message', { sessionId: 'late', generationId: undefined })]);
    const late = result(
      'late',
      [
        { id: 'g0', kinds: ['regenerated'], grade: 'rejected' },
        { id: 'g', kinds: [] },
      ],
      {
        startedAt: t0 - 20 * 60_000,
        status: 'abandoned',
        retries: 1,
      },
    );
    await label(p, 'late', late);
    const after = await all(p);
    const hours = after.filter((r) => r.window === 'hour');
    expect(hours.map((r) => r.windowStart)).toEqual([t0 - HOUR]); // the old window's row is gone
    expect(hours[0]!.counts).toMatchObject({
      sessions: 1,
      generations: 2,
      abandoned: 1,
      unknown: 0,
      retries: 1,
    });
    expect(hours[0]!.counts.signals.retried).toEqual({ sum: 1, sumSq: 1, cross: 2 });
    expect(canonical(after)).toEqual(canonical(await store.monitor.recompute(p)));

    // The same result again (a recheck with nothing new): no change.
    await store.events.insertBatch(p, [ev('view', { sessionId: 'late', generationId: 'g' })]);
    await label(p, 'late', late);
    expect(canonical(await all(p))).toEqual(canonical(after));
  });

  it('stays equal to a recomputation from scratch under concurrent workers and late events', async () => {
    const p = await fresh();
    const sessions = Array.from({ length: 24 }, (_, i) => `c${i}`);
    const gens = (i: number, round: number): Gen[] =>
      Array.from({ length: 1 + ((i + round) % 3) }, (_, k) => ({
        id: `c${i}-g${k}`,
        modelVersion: (i + k) % 2 ? 'v1' : 'v2',
        kinds: (i * 7 + k + round) % 4 === 0 ? ['rephrase_retry'] : ['copied'],
        grade: (i + k + round) % 5 === 0 ? 'rejected' : 'accepted',
      }));
    for (let round = 0; round < 3; round++) {
      await store.events.insertBatch(
        p,
        sessions.map((s) =>
          ev('copy', { sessionId: s, context: { cohort: { plan: round % 2 ? 'pro' : 'free' } } }),
        ),
      );
      // Two workers label disjoint halves at the same time; the sessions share rollup rows.
      const [a, b] = await Promise.all([
        store.labels.claim('A', 12, 60_000, 0, p),
        store.labels.claim('B', 12, 60_000, 0, p),
      ]);
      const write = (worker: string, claims: typeof a) =>
        Promise.all(
          claims.map((c) => {
            const i = Number(c.sessionId.slice(1));
            // Late events move some sessions' start across hours from round to round.
            const startedAt = t0 + ((i * 13 + round * 41) % 180) * 60_000;
            return store.labels.replaceSession(
              worker,
              c,
              result(c.sessionId, gens(i, round), {
                startedAt,
                status: round === 2 ? 'abandoned' : 'unknown',
              }),
              null,
            );
          }),
        );
      const wrote = await Promise.all([write('A', a), write('B', b)]);
      expect(wrote.flat().every(Boolean)).toBe(true);
    }
    const rows = await all(p);
    expect(rows.length).toBeGreaterThan(10);
    expect(canonical(rows)).toEqual(canonical(await store.monitor.recompute(p)));
    const dayTotal = rows
      .filter((r) => r.window === 'day' && r.cohort === '*')
      .reduce((n, r) => n + r.counts.generations, 0);
    expect(dayTotal).toBe(sessions.reduce((n, _, i) => n + gens(i, 2).length, 0));
  });

  it('writes no rollups when the claim was lost', async () => {
    const p = await fresh();
    await store.events.insertBatch(p, [ev('copy', { sessionId: 'lost' })]);
    const [old] = await store.labels.claim('slow', 10, 1, 0, p);
    await new Promise((r) => setTimeout(r, 20));
    await store.labels.claim('B', 10, 60_000, 0, p);
    expect(await store.labels.replaceSession('slow', old!, result('lost', [{ id: 'x' }]), null)).toBe(false);
    expect(await all(p)).toEqual([]);
    expect(await store.monitor.sessionResult(p, 'lost')).toBeUndefined();
  });
});
