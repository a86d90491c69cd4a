import type { TacitEvent } from '@tacit/core';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { retryAfterMs, SendError, sendEvents } from './send.ts';
import { simulateEvents } from './simulate.ts';

interface Seen {
  at: number;
  ids: string[];
  headers: IncomingMessage['headers'];
}

type Handler = (n: number, body: { events: TacitEvent[] }, res: ServerResponse) => void;

let server: Server | undefined;

/** A real HTTP server on a free port whose n-th request (from 0) is answered by `handler`. */
async function serve(
  handler: Handler,
): Promise<{ endpoint: string; seen: Seen[]; maxConcurrent: () => number }> {
  const seen: Seen[] = [];
  let open = 0;
  let max = 0;
  server = createServer((req, res) => {
    open++;
    max = Math.max(max, open);
    res.on('finish', () => open--);
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      const body = JSON.parse(raw) as { events: TacitEvent[] };
      const n = seen.length;
      seen.push({ at: Date.now(), ids: body.events.map((e) => e.id), headers: req.headers });
      handler(n, body, res);
    });
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { endpoint: `http://127.0.0.1:${port}`, seen, maxConcurrent: () => max };
}

function accept(body: { events: TacitEvent[] }, res: ServerResponse, status = 200): void {
  const results = body.events.map((e, index) => ({ index, id: e.id, status: 'accepted' as const }));
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ results, accepted: results.length, duplicate: 0, invalid: 0 }));
}

afterEach(async () => {
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = undefined;
});

const events = (n: number) => [...simulateEvents({ seed: 1, events: n })].slice(0, n);

describe('sendEvents', () => {
  it('retries 503 and 429 answers, waits for Retry-After, and delivers every event', async () => {
    const batch = events(30);
    const { endpoint, seen } = await serve((n, body, res) => {
      if (n === 0) {
        res.writeHead(503).end('busy');
      } else if (n === 1) {
        res.writeHead(429, { 'retry-after': '1' }).end('slow down');
      } else accept(body, res);
    });
    const progress: number[] = [];
    const result = await sendEvents(
      {
        endpoint,
        key: 'tk_secret',
        batchSize: 100,
        concurrency: 1,
        baseDelayMs: 10,
        onProgress: (p) => progress.push(p.sent),
      },
      batch,
    );
    expect(seen.length).toBe(3);
    expect(seen[2]!.at - seen[1]!.at).toBeGreaterThanOrEqual(990);
    expect(seen[2]!.ids).toEqual(batch.map((e) => e.id));
    expect(seen[0]!.headers.authorization).toBe('Bearer tk_secret');
    expect(seen[0]!.headers['content-type']).toBe('application/json');
    expect(result).toMatchObject({
      sent: 30,
      accepted: 30,
      duplicate: 0,
      invalid: 0,
      batches: 1,
      retries: 2,
    });
    expect(progress).toEqual([30]);
  });

  it('keeps at most `concurrency` requests in flight and sends every event once', async () => {
    const batch = events(1000);
    const { endpoint, seen, maxConcurrent } = await serve((_n, body, res) =>
      setTimeout(() => accept(body, res), 20),
    );
    async function* slowly() {
      for (const e of batch) {
        if (e === batch[500]) await new Promise((r) => setTimeout(r, 5));
        yield e;
      }
    }
    const result = await sendEvents(
      { endpoint: `${endpoint}/`, key: 'k', batchSize: 50, concurrency: 3 },
      slowly(),
    );
    expect(maxConcurrent()).toBeLessThanOrEqual(3);
    expect(maxConcurrent()).toBeGreaterThan(1);
    expect(seen.map((s) => s.ids.length).every((n) => n <= 50)).toBe(true);
    expect(seen.flatMap((s) => s.ids).sort()).toEqual(batch.map((e) => e.id).sort());
    expect(result.accepted).toBe(1000);
  });

  it('reports duplicates and invalid events from a 207 answer', async () => {
    const { endpoint } = await serve((_n, body, res) => {
      const results = body.events.map((e, index) => ({
        index,
        id: e.id,
        status:
          index === 0 ? ('invalid' as const) : index === 1 ? ('duplicate' as const) : ('accepted' as const),
        ...(index === 0 ? { errors: [{ path: 'properties.text', message: 'expected string' }] } : {}),
      }));
      res
        .writeHead(207, { 'content-type': 'application/json' })
        .end(JSON.stringify({ results, accepted: results.length - 2, duplicate: 1, invalid: 1 }));
    });
    const batch = events(10);
    const result = await sendEvents({ endpoint, key: 'k' }, batch);
    expect(result).toMatchObject({ sent: 10, accepted: 8, duplicate: 1, invalid: 1 });
    expect(result.invalidSamples).toEqual([
      { id: batch[0]!.id, errors: [{ path: 'properties.text', message: 'expected string' }] },
    ]);
  });

  it('does not retry a 400, and gives up after maxRetries on persistent 5xx', async () => {
    const bad = await serve((_n, _body, res) => res.writeHead(400).end('{"error":"bad request"}'));
    await expect(sendEvents({ endpoint: bad.endpoint, key: 'k' }, events(5))).rejects.toMatchObject({
      name: 'SendError',
      status: 400,
    });
    expect(bad.seen.length).toBe(1);
    await new Promise<void>((r) => server!.close(() => r()));
    const down = await serve((_n, _body, res) => res.writeHead(502).end());
    const error = await sendEvents(
      { endpoint: down.endpoint, key: 'k', maxRetries: 2, baseDelayMs: 5 },
      events(5),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SendError);
    expect(down.seen.length).toBe(3);
  });

  it('retries network errors', async () => {
    let calls = 0;
    const flaky: typeof fetch = async (input, init) => {
      calls++;
      if (calls === 1) throw new TypeError('fetch failed');
      return fetch(input, init);
    };
    const { endpoint, seen } = await serve((_n, body, res) => accept(body, res));
    const result = await sendEvents({ endpoint, key: 'k', fetch: flaky, baseDelayMs: 5 }, events(5));
    expect(result.retries).toBe(1);
    expect(seen.length).toBe(1);
  });
});

describe('retryAfterMs', () => {
  it('reads seconds and HTTP dates', () => {
    expect(retryAfterMs('2')).toBe(2000);
    expect(retryAfterMs(null)).toBeUndefined();
    const now = Date.parse('2026-05-01T00:00:00Z');
    expect(retryAfterMs('Fri, 01 May 2026 00:00:05 GMT', now)).toBe(5000);
    expect(retryAfterMs('soon')).toBeUndefined();
  });
});
