import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabelRecord, OutcomeRecord, SignalRecord, Store } from '../src/index.ts';
import { testBackends } from '../src/testing.ts';
import { ev } from './fixtures.ts';

function result(sessionId: string, generationId: string, over: Partial<LabelRecord> = {}) {
  const signal: SignalRecord = {
    id: `sig-${generationId}`,
    kind: 'copied',
    polarity: 'positive',
    strength: 1.5,
    sessionId,
    generationId,
    evidence: ['e1', 'e2'],
    at: '2026-11-23T12:00:05.000Z',
    details: { fraction: 0.9 },
  };
  const label: LabelRecord = {
    generationId,
    sessionId,
    pGood: 0.9,
    confidence: 0.8,
    grade: 'accepted',
    mixed: false,
    route: 'train',
    evidence: 1,
    signals: [signal.id],
    final: true,
    contextVersion: 'v1',
    contextHash: 'h1',
    at: '2026-11-23T12:00:01.000Z',
    modelVersion: 'mv1',
    ...over,
  };
  const outcome: OutcomeRecord = {
    sessionId,
    status: 'completed',
    reason: 'completion',
    closed: true,
    retries: 0,
    corrections: 0,
    generations: 1,
    evidence: ['e9'],
    contextHash: 'h1',
  };
  return { signals: [signal], labels: [label], outcome, contextHash: 'h1' };
}

describe.each(testBackends)('labels and claims on $name', (backend) => {
  let store: Store;
  let close: () => Promise<void>;
  let n = 0;
  const fresh = async () => {
    const p = `lp${n++}`;
    await store.projects.ensure(p, p);
    return p;
  };
  beforeAll(async () => {
    ({ store, close } = await backend.open());
  });
  afterAll(async () => {
    await close();
  });

  it('hands each dirty session to one worker only', async () => {
    const p = await fresh();
    await store.events.insertBatch(
      p,
      Array.from({ length: 10 }, (_, i) => ev('copy', { sessionId: `c${i}` })),
    );
    const [a, b] = await Promise.all([
      store.labels.claim('A', 6, 60_000, 0, p),
      store.labels.claim('B', 6, 60_000, 0, p),
    ]);
    const ids = [...a, ...b].map((c) => c.sessionId);
    expect(ids).toHaveLength(10);
    expect(new Set(ids).size).toBe(10);
    expect(await store.labels.claim('C', 10, 60_000, 0, p)).toEqual([]);
  });

  it('writes a claimed session and leaves it clean; a late event makes it dirty again', async () => {
    const p = await fresh();
    await store.events.insertBatch(p, [ev('generation', { sessionId: 's', generationId: 'g' })]);
    const [claim] = await store.labels.claim('A', 10, 60_000, 0, p);
    expect(claim).toMatchObject({ sessionId: 's', version: 1 });
    // An event arrives while the worker computes version 1.
    await store.events.insertBatch(p, [ev('copy', { sessionId: 's', generationId: 'g' })]);
    expect(await store.labels.replaceSession('A', claim!, result('s', 'g'), null)).toBe(true);
    const read = await store.labels.forSession(p, 's');
    expect(read.labels[0]).toMatchObject({
      generationId: 'g',
      pGood: 0.9,
      signalKinds: ['copied'],
      modelVersion: 'mv1',
    });
    expect(read.signals[0]).toMatchObject({
      kind: 'copied',
      evidence: ['e1', 'e2'],
      details: { fraction: 0.9 },
    });
    expect(read.outcome).toMatchObject({ status: 'completed', evidence: ['e9'] });
    // Version 2 is not labeled yet: no update is lost.
    expect(await store.labels.dirtyCount(p)).toBe(1);
    const [again] = await store.labels.claim('B', 10, 60_000, 0, p);
    expect(again?.version).toBe(2);
    await store.labels.replaceSession('B', again!, result('s', 'g', { pGood: 0.95 }), null);
    expect(await store.labels.dirtyCount(p)).toBe(0);
    expect((await store.labels.forGeneration(p, 'g')).label?.pGood).toBe(0.95);
  });

  it('lets a lease expire, and then the old holder writes nothing', async () => {
    const p = await fresh();
    await store.events.insertBatch(p, [ev('copy', { sessionId: 'slow' })]);
    const [old] = await store.labels.claim('slow-worker', 10, 1, 0, p);
    await new Promise((r) => setTimeout(r, 20));
    const [taken] = await store.labels.claim('B', 10, 60_000, 0, p);
    expect(taken?.sessionId).toBe('slow');
    expect(await store.labels.replaceSession('slow-worker', old!, result('slow', 'g-old'), null)).toBe(false);
    expect(await store.labels.replaceSession('B', taken!, result('slow', 'g-new'), null)).toBe(true);
    expect((await store.labels.forSession(p, 'slow')).labels.map((l) => l.generationId)).toEqual(['g-new']);
  });

  it('waits for a session to settle, and rechecks an open session when due', async () => {
    const p = await fresh();
    await store.events.insertBatch(p, [ev('copy', { sessionId: 'burst' })]);
    expect(await store.labels.claim('A', 10, 60_000, 60_000, p)).toEqual([]);
    const [c] = await store.labels.claim('A', 10, 60_000, 0, p);
    await store.labels.replaceSession('A', c!, result('burst', 'g'), new Date(Date.now() - 1000));
    const [recheck] = await store.labels.claim('A', 10, 60_000, 0, p);
    expect(recheck?.sessionId).toBe('burst');
  });

  it('releases a failed claim for a later retry', async () => {
    const p = await fresh();
    await store.events.insertBatch(p, [ev('copy', { sessionId: 'fail' })]);
    const [c] = await store.labels.claim('A', 10, 60_000, 0, p);
    await store.labels.release('A', c!, 60_000);
    expect(await store.labels.claim('B', 10, 60_000, 0, p)).toEqual([]);
    expect(await store.labels.dirtyCount(p)).toBe(1);
  });

  it('lists labels by model version, grade, route, signal and time, in pages', async () => {
    const p = await fresh();
    for (let i = 0; i < 7; i++) {
      await store.events.insertBatch(p, [ev('copy', { sessionId: `l${i}` })]);
    }
    const claims = await store.labels.claim('A', 10, 60_000, 0, p);
    for (const [i, c] of claims.entries()) {
      await store.labels.replaceSession(
        'A',
        c,
        result(c.sessionId, `gen${i}`, {
          grade: i % 2 ? 'rejected' : 'accepted',
          route: i % 3 ? 'train' : 'review',
          modelVersion: i < 4 ? 'old' : 'new',
          at: new Date(Date.UTC(2026, 10, 1, i)).toISOString(),
        }),
        null,
      );
    }
    const ids = async (f: object) =>
      (await store.labels.list(p, { limit: 100, ...f })).labels.map((l) => l.generationId);
    expect(await ids({ modelVersion: 'new' })).toEqual(['gen6', 'gen5', 'gen4']);
    expect(await ids({ grade: 'rejected' })).toEqual(['gen5', 'gen3', 'gen1']);
    expect(await ids({ route: 'review' })).toEqual(['gen6', 'gen3', 'gen0']);
    expect(await ids({ signal: 'copied', since: new Date(Date.UTC(2026, 10, 1, 5)) })).toEqual([
      'gen6',
      'gen5',
    ]);
    expect(await ids({ signal: 'undo' })).toEqual([]);
    const seen: string[] = [];
    let cursor;
    do {
      const page = await store.labels.list(p, { limit: 3, cursor });
      seen.push(...page.labels.map((l) => l.generationId));
      cursor = page.next ?? undefined;
    } while (cursor);
    expect(seen).toEqual(['gen6', 'gen5', 'gen4', 'gen3', 'gen2', 'gen1', 'gen0']);
  });

  it('marks every session dirty for a backfill, and keeps one active context', async () => {
    const p = await fresh();
    await store.events.insertBatch(p, [ev('copy', { sessionId: 'b1' }), ev('copy', { sessionId: 'b2' })]);
    for (const c of await store.labels.claim('A', 10, 60_000, 0, p)) {
      await store.labels.replaceSession('A', c, result(c.sessionId, `g-${c.sessionId}`), null);
    }
    expect(await store.labels.dirtyCount(p)).toBe(0);
    expect(await store.labels.markAllDirty(p)).toBe(2);
    expect(await store.labels.dirtyCount(p)).toBe(2);

    expect(await store.contexts.active(p)).toBeUndefined();
    expect(await store.contexts.activate(p, { hash: 'h1', version: 'v1', body: { a: 1 } })).toBe(true);
    expect(await store.contexts.activate(p, { hash: 'h1', version: 'v1', body: { a: 1 } })).toBe(false);
    await store.contexts.activate(p, { hash: 'h2', version: 'v2', body: { a: 2 } });
    expect(await store.contexts.active(p)).toMatchObject({ hash: 'h2', body: { a: 2 } });
    await store.contexts.activate(p, { hash: 'h1', version: 'v1', body: { a: 1 } });
    expect((await store.contexts.active(p))?.hash).toBe('h1');
  });
});
