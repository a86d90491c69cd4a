import { describe, expect, it } from 'vitest';
import { Delivery, type DeliveryOptions } from '../src/delivery/delivery.ts';
import type { TacitError } from '../src/delivery/platform.ts';
import { fakePlatform } from './fake-platform.ts';

const event = (i: number, pad = 0): string =>
  JSON.stringify({ id: `e${i}`, type: 'custom', properties: { name: 'x'.repeat(pad + 1) } });

function setup(options: Partial<DeliveryOptions> = {}) {
  const f = fakePlatform();
  const errors: TacitError[] = [];
  const d = new Delivery({
    endpoint: 'https://tacit.test/',
    key: 'pk_test',
    platform: f.platform,
    onError: (e) => errors.push(e),
    ...options,
  });
  const ids = () => f.sent.map((s) => s.events.map((e) => e.id));
  return { f, d, errors, ids };
}

describe('Delivery', () => {
  it('posts JSON with the bearer key to /v1/events', async () => {
    const { f, d } = setup();
    d.enqueue(event(1));
    await f.advance(2000);
    expect(f.sent).toHaveLength(1);
    expect(f.sent[0]?.url).toBe('https://tacit.test/v1/events');
    expect(f.sent[0]?.init).toMatchObject({
      method: 'POST',
      headers: { authorization: 'Bearer pk_test', 'content-type': 'application/json' },
    });
  });

  it('sends a full batch at once and the rest after the flush interval', async () => {
    const { f, d, ids } = setup({ batchSize: 3, flushIntervalMs: 1000 });
    for (let i = 1; i <= 4; i++) d.enqueue(event(i));
    await f.advance(0);
    expect(ids()).toEqual([['e1', 'e2', 'e3']]);
    await f.advance(999);
    expect(ids()).toHaveLength(1);
    await f.advance(1);
    expect(ids()).toEqual([['e1', 'e2', 'e3'], ['e4']]);
    expect(d.stats()).toMatchObject({ queued: 0, sent: 4 });
  });

  it('retries with jittered exponential backoff, in order, without losing or repeating events', async () => {
    const { f, d, errors, ids } = setup({ retryBaseMs: 1000, retryMaxMs: 8000 });
    f.answer('network', 503, 503, 503, 503);
    d.enqueue(event(1));
    d.enqueue(event(2));
    await f.advance(2000);
    const delays: number[] = [];
    for (let i = 0; i < 5; i++) {
      const wait = f.nextTimerIn() ?? 0;
      delays.push(wait);
      await f.advance(wait);
    }
    // Each delay lies in [backoff/2, backoff] for backoff 1, 2, 4, 8, 8 s.
    const caps = [1000, 2000, 4000, 8000, 8000];
    delays.forEach((ms, i) => {
      expect(ms).toBeGreaterThanOrEqual(caps[i]! / 2);
      expect(ms).toBeLessThanOrEqual(caps[i]!);
    });
    expect(new Set(delays.map((ms, i) => ms / caps[i]!)).size).toBeGreaterThan(1); // jittered
    expect(ids()).toHaveLength(6);
    expect(ids().every((b) => b.join() === 'e1,e2')).toBe(true);
    expect(d.stats()).toMatchObject({ queued: 0, sent: 2 });
    expect(errors.map((e) => e.code)).toEqual(['network', 'network', 'network', 'network', 'network']);
    expect(errors[1]).toMatchObject({ status: 503 });
  });

  it('waits at least as long as Retry-After says, in seconds or as a date', async () => {
    const { f, d } = setup({ retryBaseMs: 10 });
    f.answer({ status: 429, retryAfter: '7' });
    d.enqueue(event(1));
    await f.advance(2000);
    const wait = f.nextTimerIn()!;
    expect(wait).toBeGreaterThanOrEqual(7000);
    expect(wait).toBeLessThanOrEqual(7700);
    // Enqueueing more does not jump the queue before the server's deadline.
    for (let i = 2; i < 60; i++) d.enqueue(event(i));
    await f.advance(6999);
    expect(f.sent).toHaveLength(1);
    await f.advance(wait - 6999);
    expect(f.sent.map((s) => s.events.length)).toEqual([1, 50, 9]);

    const date = setup({ retryBaseMs: 10 });
    date.f.answer({ status: 503, retryAfter: new Date(date.f.platform.now() + 2000 + 30_000).toUTCString() });
    date.d.enqueue(event(1));
    await date.f.advance(2000);
    expect(date.f.nextTimerIn()).toBeGreaterThanOrEqual(30_000);
  });

  it('halves the batch on 413 until it fits, then grows back to full batches', async () => {
    const { f, d, ids } = setup({ batchSize: 8 });
    f.answer(413, 413);
    for (let i = 1; i <= 8; i++) d.enqueue(event(i));
    await f.advance(0);
    expect(ids().map((b) => b.length)).toEqual([8, 4, 2, 4, 2]);
    expect(ids().slice(2).flat()).toEqual(['e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e7', 'e8']);
    for (let i = 9; i <= 16; i++) d.enqueue(event(i));
    await f.advance(0);
    expect(ids().at(-1)).toHaveLength(8);
  });

  it('drops a single event the server finds too large, and one larger than a request may be', async () => {
    const { f, d, errors } = setup({ maxBatchBytes: 200 });
    expect(d.enqueue(event(1, 300))).toBe(false);
    f.answer(413);
    d.enqueue(event(2));
    await f.advance(2000);
    expect(errors.map((e) => e.code)).toEqual(['too_large', 'rejected']);
    expect(d.stats().queued).toBe(0);
  });

  it('splits batches by bytes', async () => {
    const { f, d, ids } = setup({ maxBatchBytes: 300 });
    for (let i = 1; i <= 5; i++) d.enqueue(event(i, 80));
    await f.advance(2000);
    expect(ids().map((b) => b.length)).toEqual([2, 2, 1]);
    expect(f.sent.every((s) => new TextEncoder().encode(s.init.body).length <= 300)).toBe(true);
  });

  it('bounds the queue, counts drops, reports the first of a run', async () => {
    const { f, d, errors } = setup({ maxQueue: 3 });
    f.answer('network');
    for (let i = 1; i <= 6; i++) d.enqueue(event(i));
    expect(d.stats()).toMatchObject({ queued: 3, dropped: 3 });
    expect(errors.filter((e) => e.code === 'queue_full')).toHaveLength(1);
    await f.advance(60_000);
    expect(d.stats()).toMatchObject({ queued: 0, sent: 3, dropped: 3 });
  });

  it('drops refused batches (bad key) without retrying', async () => {
    const { f, d, errors } = setup();
    f.answer(401);
    d.enqueue(event(1));
    await f.advance(60_000);
    expect(f.sent).toHaveLength(1);
    expect(errors).toEqual([{ code: 'rejected', message: 'refused: 401', status: 401 }]);
  });

  it('reports invalid events of a 207 answer and counts them', async () => {
    const { f, d, errors } = setup();
    f.answer({
      status: 207,
      body: {
        results: [
          { index: 0, id: 'e1', status: 'accepted' },
          {
            index: 1,
            id: 'e2',
            status: 'invalid',
            errors: [{ path: 'properties.chars', message: 'expected number' }],
          },
        ],
      },
    });
    d.enqueue(event(1));
    d.enqueue(event(2));
    await f.advance(2000);
    expect(d.stats()).toMatchObject({ sent: 1, invalid: 1, queued: 0 });
    expect(errors[0]).toMatchObject({
      code: 'invalid',
      message: expect.stringContaining('properties.chars') as string,
    });
  });

  it('keeps unsent events through save() until they are delivered', async () => {
    const saved: string[][] = [];
    const { f, d } = setup({ save: (events) => saved.push(events) });
    f.answer('network');
    d.enqueue(event(1));
    await f.advance(2000);
    expect(saved.at(-1)).toEqual([event(1)]);
    await f.advance(60_000);
    expect(saved.at(-1)).toEqual([]);
  });

  it('flush() sends at once, ignoring the interval and the backoff, and says what is left', async () => {
    const { f, d } = setup({ batchSize: 2, flushIntervalMs: 60_000 });
    for (let i = 1; i <= 5; i++) d.enqueue(event(i));
    expect(await d.flush()).toBe(0);
    expect(f.sent.map((s) => s.events.length)).toEqual([2, 2, 1]);
    f.answer('network');
    d.enqueue(event(6));
    expect(await d.flush()).toBe(1);
    expect(await d.flush()).toBe(0);
  });

  it('on exit, sends within the keepalive budget and beacons the rest, keeping a copy', () => {
    const saved: string[][] = [];
    const { f, d } = setup({ keepalive: true, flushIntervalMs: 60_000, save: (e) => saved.push(e) });
    for (let i = 1; i <= 30; i++) d.enqueue(event(i, 3000)); // ~3 KB each, ~90 KB in all
    d.exit(f.platform.beacon);
    expect(saved[0]).toHaveLength(30);
    const keepalive = f.sent.filter((s) => s.init.keepalive);
    expect(keepalive.length).toBeGreaterThan(0);
    const fetched = keepalive.reduce((n, s) => n + new TextEncoder().encode(s.init.body).length, 0);
    expect(fetched).toBeLessThanOrEqual(60_000);
    expect(f.beacons.length).toBeGreaterThan(0);
    expect(f.beacons[0]?.url).toBe('https://tacit.test/v1/events?key=pk_test');
    const beaconed = f.beacons.flatMap((b) =>
      (JSON.parse(b.body) as { events: { id: string }[] }).events.map((e) => e.id),
    );
    const all = [...keepalive.flatMap((s) => s.events.map((e) => e.id)), ...beaconed];
    expect(all).toEqual(Array.from({ length: 30 }, (_, i) => `e${i + 1}`));
  });

  it('survives a throwing onError and a throwing save', async () => {
    const f = fakePlatform();
    const d = new Delivery({
      endpoint: 'https://t',
      key: 'pk',
      platform: f.platform,
      onError: () => {
        throw new Error('hook');
      },
      save: () => {
        throw new Error('quota');
      },
    });
    f.answer('network');
    expect(() => d.enqueue(event(1))).not.toThrow();
    await f.advance(60_000);
    expect(d.stats()).toMatchObject({ sent: 1, queued: 0 });
  });
});
