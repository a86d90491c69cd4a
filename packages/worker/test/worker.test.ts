import { builtinContext, contextHash, labelSession } from '@tacit/core';
import type { Store } from '@tacit/store';
import { testBackends } from '@tacit/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LabelWorker } from '../src/worker.ts';
import { chatSession } from './fixtures.ts';

const OLD = Date.parse('2026-01-05T10:00:00Z');

describe.each(testBackends)('labeling loop on $name', (backend) => {
  let store: Store;
  let close: () => Promise<void>;
  let n = 0;
  const project = async () => {
    const p = `w${n++}`;
    await store.projects.ensure(p, p);
    return p;
  };
  beforeAll(async () => {
    ({ store, close } = await backend.open());
  });
  afterAll(async () => {
    await close();
  });

  it('labels dirty sessions exactly as labelSession computes them, with evidence', async () => {
    const p = await project();
    const events = chatSession('s1', OLD);
    await store.events.insertBatch(p, events);
    const worker = new LabelWorker({ store, projectId: p, settleMs: 0 });
    expect(await worker.drain()).toBe(1);
    const stored = await store.labels.forSession(p, 's1');
    const expected = labelSession(await store.events.forSession(p, 's1'), builtinContext('chat'), {
      now: Date.now(),
    });
    expect(stored.signals.map((s) => s.id).sort()).toEqual(expected.signals.map((s) => s.id).sort());
    expect(stored.labels).toHaveLength(1);
    expect(stored.labels[0]).toMatchObject({
      generationId: 's1-g',
      pGood: expected.labels[0]!.pGood,
      route: expected.labels[0]!.route,
      contextHash: contextHash(builtinContext('chat')),
      final: true,
    });
    expect(stored.labels[0]!.signalKinds).toContain('copied');
    const copied = stored.signals.find((s) => s.kind === 'copied');
    expect(copied?.evidence).toContain('s1-copy-0');
    expect(stored.outcome).toMatchObject({ closed: true });
    expect(await store.labels.dirtyCount(p)).toBe(0);
    expect(await worker.drain()).toBe(0);
  });

  it('recomputes a session when a late event arrives', async () => {
    const p = await project();
    const events = chatSession('late', OLD, ['accept', 'undo', 'end']);
    const undo = events.find((e) => e.type === 'undo')!;
    await store.events.insertBatch(
      p,
      events.filter((e) => e !== undo),
    );
    const worker = new LabelWorker({ store, projectId: p, settleMs: 0 });
    await worker.drain();
    const before = await store.labels.forGeneration(p, 'late-g');
    expect(before.signals.map((s) => s.kind)).not.toContain('immediate_undo');
    await store.events.insertBatch(p, [undo]);
    expect(await store.labels.dirtyCount(p)).toBe(1);
    await worker.drain();
    const after = await store.labels.forGeneration(p, 'late-g');
    expect(after.signals.map((s) => s.kind)).toContain('immediate_undo');
    expect(after.label!.pGood).toBeLessThan(before.label!.pGood);
  });

  it("relabels under a project's new context", async () => {
    const p = await project();
    await store.events.insertBatch(p, chatSession('ctx', OLD));
    const worker = new LabelWorker({ store, projectId: p, settleMs: 0 });
    await worker.drain();
    const code = builtinContext('code');
    await store.contexts.activate(p, {
      hash: contextHash(code),
      version: code.version,
      body: code,
    });
    worker.contextChanged(p);
    await store.labels.markAllDirty(p);
    await worker.drain();
    expect((await store.labels.forGeneration(p, 'ctx-g')).label?.contextHash).toBe(contextHash(code));
  });

  it('labels an open session provisionally and again when it closes by inactivity', async () => {
    const p = await project();
    const ctx = {
      ...builtinContext('chat'),
      // Events sent a minute late stay within the tolerated skew, so their client time stands.
      session: { inactivityMinutes: 1, maxClockSkewSeconds: 3600 },
    };
    // The last event was 59 s ago: the session closes in about a second.
    await store.events.insertBatch(p, chatSession('open', Date.now() - 64_000, ['copy']));
    const worker = new LabelWorker({ store, projectId: p, settleMs: 0, defaultContext: ctx });
    await worker.drain();
    const first = await store.labels.forSession(p, 'open');
    expect(first.outcome?.closed).toBe(false);
    expect(first.labels[0]?.final).toBe(false);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await worker.drain()).toBe(1);
    const second = await store.labels.forSession(p, 'open');
    expect(second.outcome?.closed).toBe(true);
    expect(second.labels[0]?.final).toBe(true);
  });

  it('runs in the background and wakes up on new events', async () => {
    const p = await project();
    const worker = new LabelWorker({ store, projectId: p, settleMs: 50, pollMs: 60_000 });
    worker.start();
    try {
      await store.events.insertBatch(p, chatSession('bg', OLD));
      worker.wake();
      const deadline = Date.now() + 10_000;
      while ((await store.labels.forSession(p, 'bg')).labels.length === 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
      }
      expect((await store.labels.forSession(p, 'bg')).labels).toHaveLength(1);
    } finally {
      await worker.stop();
    }
  });

  it('reports a session it cannot label and retries it later instead of stopping', async () => {
    const p = await project();
    await store.events.insertBatch(p, chatSession('bad', OLD));
    const errors: unknown[] = [];
    const failing = { model: 'x', embed: () => Promise.reject(new Error('embeddings down')) };
    const worker = new LabelWorker({
      store,
      projectId: p,
      settleMs: 0,
      embeddings: failing,
      onError: (e) => errors.push(e),
    });
    // The embedding provider fails: labeling falls back to lexical similarity and still succeeds.
    expect(await worker.drain()).toBe(1);
    expect(String(errors[0])).toContain('embeddings down');
  });
});
