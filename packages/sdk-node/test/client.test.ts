import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { EVENT_TYPES, validateEvent } from '@tacit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeliveryPlatform, TacitError, WireRequest } from '@tacit/browser/delivery';
import { Tacit } from '../src/client.ts';
import { startCollector, type Collector } from '../src/testing/index.ts';

/** A platform whose clock, randomness and network are scripted: the wire format is then stable. */
function recording(): {
  platform: Partial<DeliveryPlatform>;
  bodies: unknown[];
  headers: Record<string, string>[];
} {
  const bodies: unknown[] = [];
  const headers: Record<string, string>[] = [];
  let seed = 42;
  return {
    bodies,
    headers,
    platform: {
      now: () => Date.parse('2026-11-23T12:00:00.000Z'),
      // mulberry32
      random: () => {
        seed = (seed + 0x6d2b79f5) | 0;
        let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
        t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
        return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
      },
      fetch: (_url: string, init: WireRequest) => {
        bodies.push(JSON.parse(init.body));
        headers.push(init.headers);
        return Promise.resolve({
          status: 200,
          headers: { get: () => null },
          json: () => Promise.resolve({}),
        });
      },
    },
  };
}

describe('Tacit (node)', () => {
  let collector: Collector;
  beforeAll(async () => {
    collector = await startCollector();
  });
  afterAll(() => collector.close());

  it('sends this wire format', async () => {
    const r = recording();
    const tacit = new Tacit({
      key: 'sk_test',
      endpoint: 'http://tacit.invalid',
      app: 'acme',
      cohort: { plan: 'pro' },
      platform: r.platform,
    });
    const messageId = tacit.message({ sessionId: 'sess-1', userId: 'u-1', text: 'Write a haiku.' });
    const generationId = tacit.generation({
      sessionId: 'sess-1',
      prompt: 'Write a haiku.',
      output: 'Autumn moonlight—',
      model: 'gpt-4o-mini',
      messageId,
      latencyMs: 420,
    });
    tacit.feedback({ sessionId: 'sess-1', generationId, thumb: 'up', comment: 'nice' });
    tacit.complete({ sessionId: 'sess-1', name: 'poem_published' });
    tacit.track({
      type: 'custom',
      sessionId: 'sess-1',
      properties: { name: 'exported', properties: { n: 1 } },
    });
    expect(await tacit.flush()).toBe(0);
    expect(r.headers).toEqual([{ authorization: 'Bearer sk_test', 'content-type': 'application/json' }]);
    const body = r.bodies[0] as { events: unknown[] };
    for (const e of body.events) expect(validateEvent(e)).toMatchObject({ ok: true });
    // Same millisecond, ids in the order of the calls: Tacit lists simultaneous events by id.
    const ids = body.events.map((e) => (e as { id: string }).id);
    expect([...ids].sort()).toEqual(ids);
    expect(body).toMatchSnapshot();
  });

  it('sends every other event type through track() as given: this wire format', async () => {
    const r = recording();
    const tacit = new Tacit({ key: 'sk_test', endpoint: 'http://tacit.invalid', platform: r.platform });
    const on = { sessionId: 'sess-2', generationId: 'gen-1' };
    const logged: [string, Record<string, unknown>][] = [
      ['accept', { via: 'insert' }],
      ['edit', { text: 'Autumn moonlight, edited' }],
      ['edit', { stats: { wordsKept: 2, wordsRemoved: 0, wordsAdded: 1, finalChars: 24 } }],
      ['undo', { via: 'api' }],
      ['regenerate', { newGenerationId: 'gen-2' }],
      ['copy', { chars: 8, fraction: 0.5, text: 'Autumn m' }],
      ['share', { channel: 'slack' }],
      ['export', { format: 'pdf', destination: 'drive' }],
      ['view', { visibleMs: 5200, readDepth: 0.8 }],
      ['navigate', { direction: 'deeper', url: 'https://example.com/doc' }],
    ];
    for (const [type, properties] of logged) tacit.track({ type, ...on, properties });
    tacit.track({ type: 'session_end', sessionId: 'sess-2', properties: { reason: 'logout' } });
    expect(await tacit.flush()).toBe(0);
    const events = (r.bodies[0] as { events: { type: string; properties: unknown }[] }).events;
    expect(events.map((e) => [e.type, e.properties])).toEqual([
      ...logged,
      ['session_end', { reason: 'logout' }],
    ]);
    for (const e of events) expect([e.type, validateEvent(e).ok]).toEqual([e.type, true]);
    // With the first test: every event type of docs/events.md.
    expect(
      new Set([...events.map((e) => e.type), 'message', 'generation', 'feedback', 'complete', 'custom']),
    ).toEqual(new Set(EVENT_TYPES));
    expect(events).toMatchSnapshot();
  });

  it('batches: a full batch leaves at once, the rest after the interval', async () => {
    // Margins for a busy machine: "at once" is well inside the interval.
    const tacit = new Tacit({ key: 'sk_test', endpoint: collector.url, batchSize: 3, flushIntervalMs: 1500 });
    const before = collector.requests.length;
    for (let i = 0; i < 4; i++)
      tacit.track({ type: 'complete', sessionId: 's-batch', properties: { name: `n${i}` } });
    await collector.waitFor((es) => es.filter((e) => e.sessionId === 's-batch').length === 3, 1000);
    expect(collector.requests.slice(before).map((r) => r.ids.length)).toEqual([3]);
    await collector.waitFor((es) => es.filter((e) => e.sessionId === 's-batch').length === 4, 4000);
    expect(collector.requests.slice(before).map((r) => r.ids.length)).toEqual([3, 1]);
    await tacit.shutdown();
  });

  it('takes session, user and message from withContext', async () => {
    const tacit = new Tacit({ key: 'sk_test', endpoint: collector.url });
    const id = await tacit.withContext(
      { sessionId: 's-ctx', userId: 'u-ctx', messageId: 'm-1' },
      async () => {
        await Promise.resolve();
        return tacit.generation({ prompt: 'p', output: 'o', model: 'm' });
      },
    );
    await tacit.shutdown();
    const g = collector.events.find((e) => e.generationId === id);
    expect(g).toMatchObject({ sessionId: 's-ctx', userId: 'u-ctx', properties: { messageId: 'm-1' } });
  });

  it('reports instead of throwing, whatever it is given or whatever fails', async () => {
    const errors: TacitError[] = [];
    const tacit = new Tacit({
      key: 'sk_test',
      endpoint: 'http://127.0.0.1:9',
      retryBaseMs: 5,
      onError: (e) => {
        errors.push(e);
        throw new Error('a broken hook');
      },
      platform: {
        fetch: () => {
          throw new Error('synchronous fetch failure');
        },
      },
    });
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => tacit.track({ type: 'custom', sessionId: 's', properties: cyclic })).not.toThrow();
    expect(() => tacit.track(undefined as never)).not.toThrow();
    expect(() => tacit.generation({ prompt: 'p', output: 'o', model: 'm', big: 10n })).not.toThrow();
    tacit.message({ sessionId: 's', text: 'kept' });
    expect(await tacit.flush()).toBe(1);
    expect(errors.map((e) => e.code)).toEqual(['internal', 'internal', 'internal', 'network']);
    expect(await tacit.shutdown()).toBe(1);
    tacit.message({ sessionId: 's', text: 'too late' });
    expect(errors.at(-1)).toMatchObject({ code: 'rejected', message: 'message after shutdown()' });
  });

  it('does not keep the process alive: its timers are unref’d', () => {
    const script = `
      import { Tacit } from ${JSON.stringify(fileURLToPath(new URL('../src/index.ts', import.meta.url)))};
      const tacit = new Tacit({ key: 'sk_x', endpoint: 'http://127.0.0.1:9', flushIntervalMs: 60000 });
      tacit.message({ sessionId: 's', text: 'pending for a minute' });
      console.log('queued', tacit.stats().queued);
    `;
    const started = Date.now();
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(r.stdout.trim()).toBe('queued 1');
    expect(r.status).toBe(0);
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
