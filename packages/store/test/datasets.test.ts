import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../src/index.ts';
import { testBackends } from '../src/testing.ts';
import { ev } from './fixtures.ts';

/** What the dataset exports read: sessions streamed one at a time, and the anchor set. */
describe.each(testBackends)('dataset reads on $name', (backend) => {
  let store: Store;
  let close: () => Promise<void>;
  let n = 0;
  beforeAll(async () => {
    ({ store, close } = await backend.open());
  });
  afterAll(async () => {
    await close();
  });
  const project = async () => {
    const p = `dp${n++}`;
    await store.projects.ensure(p, p);
    return p;
  };

  it('streams every session once, in id order, each with its events in time order, across batches', async () => {
    const p = await project();
    const events = [];
    for (let s = 0; s < 23; s++) {
      const sessionId = `s-${String(s).padStart(2, '0')}`;
      events.push(
        ev('copy', { sessionId, ts: `2026-05-0${1 + (s % 5)}T10:00:02.000Z` }),
        ev('generation', { sessionId, generationId: `g-${s}`, ts: `2026-05-0${1 + (s % 5)}T10:00:00.000Z` }),
      );
    }
    await store.events.insertBatch(p, events);
    const seen: string[] = [];
    for await (const { sessionId, events: es } of store.events.streamSessions(p, { batch: 5 })) {
      seen.push(sessionId);
      expect(es.map((e) => e.type)).toEqual(['generation', 'copy']);
      expect(es.every((e) => e.sessionId === sessionId && typeof e.receivedAt === 'string')).toBe(true);
    }
    expect(seen).toEqual([...seen].sort());
    expect(new Set(seen).size).toBe(23);
    const span = await store.events.span(p);
    expect(span).toEqual({
      sessions: 23,
      firstTs: '2026-05-01T10:00:00.000Z',
      lastTs: '2026-05-05T10:00:02.000Z',
    });
  });

  it('streams events exactly as forSession reads them (fields, nulls, unicode, order)', async () => {
    const p = await project();
    await store.events.insertBatch(p, [
      ev('generation', {
        sessionId: 'x',
        userId: 'u1',
        ts: '2026-05-01T10:00:00.123Z',
        context: { app: 'a', cohort: { plan: 'pro' } },
        properties: {
          prompt: [{ role: 'user', content: 'Hi "there" \u00e9\u{1F600}' }],
          output: 'a\nb',
          model: 'm',
          extra: { n: [1, null, 'x'] },
        },
      }),
      ev('copy', { sessionId: 'x', ts: '2026-05-01T10:00:00.123Z' }),
      ev('session_end', { sessionId: 'x', generationId: undefined, ts: '2026-05-01T10:01:00.000Z' }),
    ]);
    const streamed = [];
    for await (const s of store.events.streamSessions(p)) streamed.push(s);
    expect(streamed).toEqual([{ sessionId: 'x', events: await store.events.forSession(p, 'x') }]);
  });

  it('streams only the sessions active in a time window, or with a model version', async () => {
    const p = await project();
    await store.events.insertBatch(p, [
      ev('generation', { sessionId: 'old', ts: '2026-04-01T00:00:00.000Z' }),
      ev('generation', { sessionId: 'mid', generationId: 'gm', ts: '2026-05-10T00:00:00.000Z' }),
      ev('generation', {
        sessionId: 'new',
        generationId: 'gn',
        ts: '2026-06-10T00:00:00.000Z',
        properties: { prompt: 'p', output: 'o', model: 'm', modelVersion: 'v9' },
      }),
    ]);
    const ids = async (f: Parameters<Store['events']['streamSessions']>[1]) => {
      const out: string[] = [];
      for await (const s of store.events.streamSessions(p, f)) out.push(s.sessionId);
      return out;
    };
    expect(await ids({ since: new Date('2026-05-01'), until: new Date('2026-06-01') })).toEqual(['mid']);
    expect(await ids({ modelVersion: 'v9' })).toEqual(['new']);
    expect((await store.events.span(p, { since: new Date('2026-05-01') })).sessions).toBe(2);
  });

  it('stores anchors once by id, replaces them on re-import, and lists them by id', async () => {
    const p = await project();
    const a = {
      id: 'a2',
      prompt: [{ role: 'user' as const, content: 'Hi' }],
      response: 'Hello',
      label: true,
      modelVersion: 'v1',
    };
    const b = { id: 'a1', prompt: 'Sum 2+2', chosen: '4', rejected: '5' };
    expect(await store.anchors.upsert(p, [a, b])).toEqual({ inserted: 2, updated: 0 });
    expect(await store.anchors.upsert(p, [{ ...a, label: false }])).toEqual({ inserted: 0, updated: 1 });
    expect(await store.anchors.list(p)).toEqual([b, { ...a, label: false }]);
    expect(await store.anchors.count(p)).toBe(2);
    expect(await store.anchors.count('another')).toBe(0);
  });
});

describe('embedded database settings', () => {
  it('starts PGlite with the given settings', async () => {
    const { store, close } = await testBackends[0]!.open({ pgSettings: { shared_buffers: '16MB' } });
    try {
      const { rows } = await sql<{ shared_buffers: string }>`show shared_buffers`.execute(store.db);
      expect(rows[0]?.shared_buffers).toBe('16MB');
    } finally {
      await close();
    }
  });
});
