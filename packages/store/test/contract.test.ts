import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DataDirLockedError, Store } from '../src/index.ts';
import { testBackends } from '../src/testing.ts';
import { ev } from './fixtures.ts';

/** The same contract, over every backend (as Kysely runs each suite over every dialect). */
describe.each(testBackends)('store contract on $name', (backend) => {
  let store: Store;
  let close: () => Promise<void>;
  let n = 0;
  const project = () => `p${n}`;

  beforeAll(async () => {
    ({ store, close } = await backend.open());
  });
  afterAll(async () => {
    await close();
  });
  afterEach(() => {
    n++;
  });

  async function withProject(): Promise<string> {
    const p = project();
    await store.projects.ensure(p, `Project ${p}`);
    return p;
  }

  it('runs its migrations again without effect', async () => {
    await store.migrate();
    expect(await store.projects.list()).toBeInstanceOf(Array);
  });

  it('stores a batch sent twice once, and says which events are new', async () => {
    const p = await withProject();
    const batch = [ev('generation'), ev('copy'), ev('accept')];
    const first = await store.events.insertBatch(p, batch);
    const second = await store.events.insertBatch(p, batch);
    expect(first.accepted.size).toBe(3);
    expect(second.accepted.size).toBe(0);
    expect(await store.events.count(p)).toBe(3);
    expect((await store.sessions.get(p, 'sess-1'))?.eventCount).toBe(3);
  });

  it('stores an id repeated inside one batch once', async () => {
    const p = await withProject();
    const e = ev('copy');
    const r = await store.events.insertBatch(p, [e, e, { ...e }]);
    expect([...r.accepted]).toEqual([e.id]);
    expect(await store.events.count(p)).toBe(1);
  });

  it('accepts late and out-of-order events and orders a session by client time', async () => {
    const p = await withProject();
    const late = ev('edit', { ts: '2026-11-23T11:00:00.000Z' });
    const early = ev('generation', { ts: '2026-11-23T10:00:00.000Z' });
    const middle = ev('copy', { ts: '2026-11-23T10:30:00.000Z' });
    await store.events.insertBatch(p, [late]);
    await store.events.insertBatch(p, [middle, early]);
    const events = await store.events.forSession(p, 'sess-1');
    expect(events.map((e) => e.id)).toEqual([early.id, middle.id, late.id]);
    const s = await store.sessions.get(p, 'sess-1');
    expect(s).toMatchObject({ firstTs: early.ts, lastTs: late.ts, eventCount: 3, dirty: true });
  });

  it('reads events back exactly as they were sent, plus the receive time', async () => {
    const p = await withProject();
    const e = ev('generation', {
      userId: 'u1',
      properties: {
        prompt: [{ role: 'user', content: 'Hi "there" \u00e9\u{1F600}' }],
        output: 'Hello\nworld',
        model: 'gpt',
        modelVersion: 'v2',
        usage: { inputTokens: 3 },
        custom: { nested: [1, null, 'x'] },
      },
      context: { app: 'a', cohort: { plan: 'pro' }, sdk: { name: 'test', version: '1' } },
    });
    await store.events.insertBatch(p, [e], new Date('2026-11-23T13:00:00Z'));
    const [back] = await store.events.forSession(p, 'sess-1');
    expect(back).toEqual({ ...e, receivedAt: '2026-11-23T13:00:00.000Z' });
  });

  it('projects generations, and the first of two events for one generation stands', async () => {
    const p = await withProject();
    const g1 = ev('generation', {
      generationId: 'g-x',
      properties: {
        prompt: 'a',
        output: 'first',
        model: 'm',
        modelVersion: 'v9',
        parentId: 'g-0',
        contentType: 'code',
      },
    });
    const g2 = ev('generation', {
      generationId: 'g-x',
      properties: { prompt: 'a', output: 'second', model: 'm' },
    });
    await store.events.insertBatch(p, [g1]);
    await store.events.insertBatch(p, [g2]);
    const g = await store.generations.get(p, 'g-x');
    expect(g).toMatchObject({
      output: 'first',
      modelVersion: 'v9',
      parentId: 'g-0',
      contentType: 'code',
      eventId: g1.id,
    });
    expect(await store.generations.forSession(p, 'sess-1')).toHaveLength(1);
    expect((await store.events.forGeneration(p, 'g-x')).map((e) => e.id).sort()).toEqual(
      [g1.id, g2.id].sort(),
    );
  });

  it('lists sessions filtered by time, user and model version', async () => {
    const p = await withProject();
    await store.events.insertBatch(p, [
      ev('generation', {
        sessionId: 'a',
        generationId: 'ga',
        userId: 'u1',
        ts: '2026-11-01T10:00:00Z',
        properties: { prompt: 'x', output: 'y', model: 'm', modelVersion: 'v1' },
      }),
      ev('generation', {
        sessionId: 'b',
        generationId: 'gb',
        userId: 'u2',
        ts: '2026-11-10T10:00:00Z',
        properties: { prompt: 'x', output: 'y', model: 'm', modelVersion: 'v2' },
      }),
      ev('copy', { sessionId: 'c', userId: 'u1', ts: '2026-11-20T10:00:00Z' }),
    ]);
    const ids = async (f: Partial<Parameters<Store['sessions']['list']>[1]>) =>
      (await store.sessions.list(p, { limit: 100, ...f })).sessions.map((s) => s.id);
    expect(await ids({})).toEqual(['c', 'b', 'a']);
    expect(await ids({ userId: 'u1' })).toEqual(['c', 'a']);
    expect(await ids({ modelVersion: 'v2' })).toEqual(['b']);
    expect(await ids({ since: new Date('2026-11-05T00:00:00Z') })).toEqual(['c', 'b']);
    expect(await ids({ until: new Date('2026-11-15T00:00:00Z') })).toEqual(['b', 'a']);
  });

  it('pages through sessions without skipping or repeating one', async () => {
    const p = await withProject();
    const events = Array.from({ length: 57 }, (_, i) =>
      // Several sessions share a timestamp, so the id breaks ties.
      ev('copy', {
        sessionId: `s${String(i).padStart(2, '0')}`,
        ts: new Date(Date.UTC(2026, 10, 1, 0, Math.floor(i / 3))).toISOString(),
      }),
    );
    await store.events.insertBatch(p, events);
    const seen: string[] = [];
    let cursor;
    do {
      const page = await store.sessions.list(p, { limit: 10, cursor });
      seen.push(...page.sessions.map((s) => s.id));
      cursor = page.next ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(57);
    expect(new Set(seen).size).toBe(57);
  });

  it('keeps projects apart', async () => {
    const a = await withProject();
    n++;
    const b = await withProject();
    await store.events.insertBatch(a, [
      ev('generation', { sessionId: 'shared', generationId: 'gen-shared' }),
    ]);
    expect(await store.sessions.get(b, 'shared')).toBeUndefined();
    expect(await store.generations.get(b, 'gen-shared')).toBeUndefined();
    expect(await store.events.forSession(b, 'shared')).toEqual([]);
    expect((await store.sessions.list(b, { limit: 10 })).sessions).toEqual([]);
    // The same event id in another project is another event.
    const [e] = await store.events.forSession(a, 'shared');
    expect((await store.events.insertBatch(b, [e!])).accepted.size).toBe(1);
  });

  it('stores keys hashed, verifies them, and revokes them', async () => {
    const p = await withProject();
    const pk = await store.keys.create(p, 'public');
    const sk = await store.keys.create(p, 'secret', 'ci');
    expect(pk.key).toMatch(/^pk_/);
    expect(sk.key).toMatch(/^sk_/);
    expect(await store.keys.verify(sk.key)).toEqual({ projectId: p, keyId: sk.id, kind: 'secret' });
    expect(await store.keys.verify(`${sk.key}x`)).toBeUndefined();
    const stored = await store.db.selectFrom('api_keys').selectAll().where('project_id', '=', p).execute();
    expect(JSON.stringify(stored)).not.toContain(sk.key);
    expect(await store.keys.revoke(sk.id)).toBe(true);
    expect(await store.keys.revoke(sk.id)).toBe(false);
    expect(await store.keys.verify(sk.key)).toBeUndefined();
    expect((await store.keys.list(p)).map((k) => [k.kind, k.revokedAt !== null])).toEqual([
      ['public', false],
      ['secret', true],
    ]);
  });

  it('counts a session version up with every batch that brings it new events', async () => {
    const p = await withProject();
    await store.events.insertBatch(p, [ev('copy')]);
    const v1 = await store.db
      .selectFrom('sessions')
      .select('version')
      .where('project_id', '=', p)
      .executeTakeFirstOrThrow();
    await store.events.insertBatch(p, [ev('copy')]);
    const v2 = await store.db
      .selectFrom('sessions')
      .select('version')
      .where('project_id', '=', p)
      .executeTakeFirstOrThrow();
    expect(v2.version).toBe(v1.version + 1);
  });

  it('stores concurrent overlapping batches once each, without deadlock', async () => {
    const p = await withProject();
    const events = Array.from({ length: 200 }, (_, i) => ev('copy', { sessionId: `s${i % 7}` }));
    const shuffled = (seed: number) =>
      [...events].sort((x, y) => ((x.id.charCodeAt(4) * seed) % 7) - ((y.id.charCodeAt(4) * seed) % 7));
    const results = await Promise.all([1, 2, 3, 4].map((s) => store.events.insertBatch(p, shuffled(s))));
    expect(results.reduce((sum, r) => sum + r.accepted.size, 0)).toBe(200);
    expect(await store.events.count(p)).toBe(200);
    const sessions = await store.sessions.list(p, { limit: 100 });
    expect(sessions.sessions.reduce((sum, s) => sum + s.eventCount, 0)).toBe(200);
  });
});

describe('embedded data directory', () => {
  it('persists across restarts and refuses a second opener', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tacit-store-'));
    try {
      const a = await Store.open({ dataDir: dir });
      await a.projects.ensure('default', 'Default');
      await expect(Store.open({ dataDir: dir })).rejects.toBeInstanceOf(DataDirLockedError);
      await a.close();
      const b = await Store.open({ dataDir: dir });
      expect((await b.projects.list()).map((p) => p.id)).toEqual(['default']);
      await b.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.each(testBackends.filter((b) => b.name === 'postgres'))(
  'a PostgreSQL database shared by processes',
  (backend) => {
    it('is seen the same from a second store, as a second server process would see it', async () => {
      const { store, url, close } = await backend.open();
      const other = await Store.open({ databaseUrl: url });
      try {
        await store.projects.ensure('shared', 'Shared');
        await store.events.insertBatch('shared', [ev('copy', { sessionId: 'x' })]);
        expect((await other.sessions.get('shared', 'x'))?.eventCount).toBe(1);
      } finally {
        await other.close();
        await close();
      }
    });
  },
);
