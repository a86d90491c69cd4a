import { spawn, type ChildProcess } from 'node:child_process';
import { builtinContext, labelSession, validateEvent, type TacitEvent } from '@tacit/core';
import { Store } from '@tacit/store';
import { createTestDatabase, skipPostgres } from '@tacit/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const bin = new URL('../../packages/cli/bin/tacit.js', import.meta.url).pathname;
const T0 = Date.parse('2026-02-01T09:00:00Z');

function session(i: number): { events: TacitEvent[]; late: TacitEvent } {
  const s = `sess-${String(i).padStart(4, '0')}`;
  const at = (sec: number) => new Date(T0 + i * 60_000 + sec * 1000).toISOString();
  const raw = [
    {
      id: `${s}-m`,
      type: 'message',
      ts: at(0),
      sessionId: s,
      properties: { text: `question number ${i} about invoices` },
    },
    {
      id: `${s}-g`,
      type: 'generation',
      ts: at(1),
      sessionId: s,
      generationId: `${s}-gen`,
      properties: {
        prompt: 'q',
        output: `Answer ${i}: open Billing, then Invoices.`,
        model: 'm',
        modelVersion: i % 2 ? 'a' : 'b',
      },
    },
    { id: `${s}-a`, type: 'accept', ts: at(3), sessionId: s, generationId: `${s}-gen`, properties: {} },
    { id: `${s}-e`, type: 'session_end', ts: at(30), sessionId: s, properties: { reason: 'closed' } },
  ];
  // Arrives while the workers run: an undo two seconds after the accept, which changes the label.
  const late = {
    id: `${s}-u`,
    type: 'undo',
    ts: at(5),
    sessionId: s,
    generationId: `${s}-gen`,
    properties: {},
  };
  const valid = (e: unknown) => {
    const r = validateEvent(e);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    return r.value;
  };
  return { events: raw.map(valid), late: valid(late) };
}

interface Worker {
  child: ChildProcess;
  labeled: { sessionId: string; version: number }[];
  /** Sessions computed but not written because another worker held them: double work. */
  lost: { sessionId: string; version: number }[];
}

function startWorker(url: string): Worker {
  const child = spawn(process.execPath, [bin, 'worker', '--database-url', url, '--batch', '5', '--verbose'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const w: Worker = { child, labeled: [], lost: [] };
  let buf = '';
  child.stdout.on('data', (d: Buffer) => {
    buf += d.toString();
    let nl;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      if (!line.startsWith('{')) continue;
      const j = JSON.parse(line) as { labeled?: Worker['labeled'][0]; lost?: Worker['lost'][0] };
      if (j.labeled) w.labeled.push(j.labeled);
      if (j.lost) w.lost.push(j.lost);
    }
  });
  return w;
}

async function stopWorker(w: Worker): Promise<void> {
  if (w.child.exitCode !== null) return;
  const exited = new Promise((r) => w.child.once('exit', r));
  w.child.kill('SIGTERM');
  await exited;
}

/** DESIGN.md's scale path: several workers on one PostgreSQL, sessions shared through claims. */
describe.skipIf(skipPostgres)('two labeling worker processes on one PostgreSQL', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let store: Store;
  const workers: Worker[] = [];
  const N = 120;
  const sessions = Array.from({ length: N }, (_, i) => session(i));

  beforeAll(async () => {
    db = await createTestDatabase();
    store = await Store.open({ databaseUrl: db.url });
    await store.projects.ensure('default', 'Default');
  });
  afterAll(async () => {
    await Promise.all(workers.map(stopWorker));
    await store.close();
    await db.drop();
  });

  it('never double-process a session version, and lose no late event', async () => {
    await store.events.insertBatch(
      'default',
      sessions.flatMap((s) => s.events),
    );
    workers.push(startWorker(db.url), startWorker(db.url));
    // Late events for every third session while both workers are busy.
    for (let i = 0; i < N; i += 3) {
      await store.events.insertBatch('default', [sessions[i]!.late]);
      if (i % 30 === 0) await new Promise((r) => setTimeout(r, 150));
    }
    const deadline = Date.now() + 90_000;
    while ((await store.labels.dirtyCount('default')) > 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(await store.labels.dirtyCount('default')).toBe(0);
    await Promise.all(workers.map(stopWorker));

    const all = workers.flatMap((w) => w.labeled.map((l) => `${l.sessionId}@${l.version}`));
    expect(new Set(all).size).toBe(all.length);
    expect(workers.flatMap((w) => w.lost)).toEqual([]);
    expect(workers.every((w) => w.labeled.length > 0)).toBe(true);

    // What is stored is what labeling every event of each session gives.
    const ctx = builtinContext('chat');
    for (let i = 0; i < N; i++) {
      const id = `sess-${String(i).padStart(4, '0')}`;
      const expected = labelSession(await store.events.forSession('default', id), ctx, { now: Date.now() });
      const stored = await store.labels.forSession('default', id);
      expect(stored.signals.map((s) => s.id).sort(), id).toEqual(expected.signals.map((s) => s.id).sort());
      expect(stored.labels[0]?.pGood, id).toBe(expected.labels[0]?.pGood);
      if (i % 3 === 0) expect(stored.labels[0]?.signalKinds, id).toContain('immediate_undo');
    }
  }, 120_000);
});
