import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AlertEvent } from '@tacit/core/monitor';
import { afterEach, describe, expect, it } from 'vitest';
import { deliverWebhook, webhookBody } from './webhook.ts';

const event: AlertEvent = {
  id: 'p|retry|modelVersion=v2>v1@2026-11-02T10:00:00.000Z/fired',
  type: 'fired',
  dedupeKey: 'p|retry|modelVersion=v2>v1',
  ruleId: 'retry',
  projectId: 'p',
  at: Date.UTC(2026, 10, 2, 10),
  openedAt: Date.UTC(2026, 10, 2, 10),
  evaluation: {
    type: 'compare',
    ruleId: 'retry',
    projectId: 'p',
    metric: 'rate:rephrase_retry',
    direction: 'increase',
    dedupeKey: 'p|retry|modelVersion=v2>v1',
    status: 'firing',
    segment: null,
    span: { window: 'day', from: null, to: Date.UTC(2026, 10, 3) },
    by: 'modelVersion',
    baseline: {
      version: 'v1',
      sessions: 2100,
      successes: 950,
      trials: 6300,
      rate: 0.1508,
      lower: 0.142,
      upper: 0.16,
      designEffect: 1.1,
    },
    candidate: {
      version: 'v2',
      sessions: 2080,
      successes: 1270,
      trials: 6240,
      rate: 0.2035,
      lower: 0.193,
      upper: 0.214,
      designEffect: 1.1,
    },
    test: {
      difference: 0.0527,
      differenceLower: 0.039,
      differenceUpper: 0.066,
      z: 7.6,
      p: 1e-14,
      q: 4e-14,
      cohensH: 0.139,
    },
    thresholds: { q: 0.01, minDelta: 0.02, minSessions: 1000 },
  },
};

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** A real HTTP server answering with the given statuses in turn (the last one repeats). */
async function receiver(answers: { status: number; headers?: Record<string, string> }[]) {
  const received: Received[] = [];
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      const a = answers[Math.min(received.length, answers.length) - 1]!;
      res.writeHead(a.status, a.headers).end(a.status < 300 ? 'ok' : 'nope');
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received };
}

const fast = { baseDelayMs: 1, random: () => 1 };

describe('deliverWebhook', () => {
  it('retries 5xx and 429 until the receiver takes it, with one idempotency key throughout', async () => {
    const { url, received } = await receiver([
      { status: 503 },
      { status: 429, headers: { 'retry-after': '0' } },
      { status: 200 },
    ]);
    const outcome = await deliverWebhook(event, { url, ...fast });
    expect(outcome).toEqual({ ok: true, attempts: 3, status: 200 });
    expect(received).toHaveLength(3);
    expect(new Set(received.map((r) => r.headers['idempotency-key']))).toEqual(new Set([event.id]));
    expect(received[0]!.headers['content-type']).toBe('application/json');
    const body = JSON.parse(received[2]!.body) as ReturnType<typeof webhookBody>;
    expect(body.text).toMatch(
      /^\[FIRING\] retry: rate:rephrase_retry rose on modelVersion v2 vs v1: 20\.3% \[19\.3%, 21\.4%\] vs 15\.1%/,
    );
    expect(body.blocks).toHaveLength(3);
    expect(body.tacit.event).toMatchObject({
      dedupeKey: event.dedupeKey,
      openedAt: '2026-11-02T10:00:00.000Z',
    });
    expect(body.tacit.evaluation).toEqual(event.evaluation);
  });

  it('gives up after maxAttempts against a receiver that always fails, and says so', async () => {
    const { url, received } = await receiver([{ status: 500 }]);
    const delays: number[] = [];
    const outcome = await deliverWebhook(event, {
      url,
      maxAttempts: 4,
      baseDelayMs: 10,
      random: () => 0.5,
      sleep: (ms) => {
        delays.push(ms);
        return Promise.resolve();
      },
    });
    expect(outcome).toEqual({ ok: false, attempts: 4, status: 500, error: 'HTTP 500' });
    expect(received).toHaveLength(4);
    // Exponential backoff with jitter: 10·2^k · 0.5.
    expect(delays).toEqual([5, 10, 20]);
  });

  it('waits as long as Retry-After says, and gives up when it asks for too long', async () => {
    const { url } = await receiver([{ status: 429, headers: { 'retry-after': '2' } }, { status: 204 }]);
    const delays: number[] = [];
    const outcome = await deliverWebhook(event, {
      url,
      ...fast,
      sleep: (ms) => (delays.push(ms), Promise.resolve()),
    });
    expect(outcome).toMatchObject({ ok: true, attempts: 2, status: 204 });
    expect(delays).toEqual([2000]);
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    const slow = await receiver([{ status: 503, headers: { 'retry-after': '3600' } }]);
    const given = await deliverWebhook(event, { url: slow.url, ...fast });
    expect(given).toMatchObject({ ok: false, attempts: 1, status: 503 });
    expect(slow.received).toHaveLength(1);
  });

  it('does not retry a request the receiver refuses', async () => {
    const { url, received } = await receiver([{ status: 404 }]);
    expect(await deliverWebhook(event, { url, ...fast })).toEqual({
      ok: false,
      attempts: 1,
      status: 404,
      error: 'HTTP 404',
    });
    expect(received).toHaveLength(1);
  });

  it('retries network errors and reports the last one instead of throwing', async () => {
    const { url } = await receiver([{ status: 200 }]);
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    const outcome = await deliverWebhook(event, { url, maxAttempts: 3, ...fast });
    expect(outcome.ok).toBe(false);
    expect(outcome.attempts).toBe(3);
    if (!outcome.ok) expect(outcome.error).toMatch(/ECONNREFUSED|fetch failed/);
  });

  it('sends a header-safe idempotency key for any version name, and gives up at once on a malformed URL', async () => {
    const { url, received } = await receiver([{ status: 200 }]);
    const named = { ...event, id: 'p|retry|modelVersion=gpt 5 ✓>v1@2026-11-02T10:00:00.000Z/fired' };
    expect(await deliverWebhook(named, { url, ...fast })).toMatchObject({ ok: true, attempts: 1 });
    expect(received[0]!.headers['idempotency-key']).toBe(
      'p|retry|modelVersion=gpt%205%20%E2%9C%93>v1@2026-11-02T10:00:00.000Z/fired',
    );
    const bad = await deliverWebhook(event, { url: 'not a url', ...fast });
    expect(bad).toEqual({ ok: false, attempts: 0, error: 'not an http(s) URL: not a url' });
  });

  it('says RESOLVED and why for a resolution', () => {
    const body = webhookBody({ ...event, type: 'resolved', reason: 'not_evaluated', id: 'x/resolved' });
    expect(body.text).toMatch(/^\[RESOLVED\] retry \(no longer evaluated\): /);
    expect(body.tacit.event).toMatchObject({ type: 'resolved', reason: 'not_evaluated' });
  });
});
