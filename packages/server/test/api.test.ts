import { testBackends } from '@tacit/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestResponse } from '../src/ingest.ts';
import { copyEvent, startHarness, type Harness } from './harness.ts';

interface ErrorJson {
  error: { code: string; message: string; details?: unknown };
}

describe.each(testBackends)('HTTP API on $name', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend, { keyCacheMs: 0 });
  });
  afterAll(async () => {
    await h.close();
  });

  it('answers /health', async () => {
    const r = await h.get('/health');
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ status: 'ok', backend: backend.name });
  });

  it('stores each event of a batch sent twice once', async () => {
    const batch = { events: [copyEvent({ sessionId: 'twice' }), copyEvent({ sessionId: 'twice' })] };
    const first = (await (await h.post('/v1/events', batch, h.keys.publicKey)).json()) as IngestResponse;
    const second = (await (await h.post('/v1/events', batch, h.keys.publicKey)).json()) as IngestResponse;
    expect(first).toMatchObject({ accepted: 2, duplicate: 0, invalid: 0 });
    expect(second).toMatchObject({ accepted: 0, duplicate: 2, invalid: 0 });
    expect(second.results.map((r) => r.status)).toEqual(['duplicate', 'duplicate']);
    const s = (await (await h.get('/v1/sessions/twice', h.keys.secretKey)).json()) as { events: unknown[] };
    expect(s.events).toHaveLength(2);
  });

  it('stores 99 of 100 events when one is malformed, and names its field', async () => {
    const events = Array.from({ length: 100 }, () => copyEvent({ sessionId: 'hundred' }));
    events[37] = { ...events[37], properties: { chars: 'ten' } };
    const r = await h.post('/v1/events', { events }, h.keys.publicKey);
    expect(r.status).toBe(207);
    const body = (await r.json()) as IngestResponse;
    expect(body).toMatchObject({ accepted: 99, duplicate: 0, invalid: 1 });
    expect(body.results[37]).toEqual({
      index: 37,
      id: events[37].id,
      status: 'invalid',
      errors: [{ path: 'events[37].properties.chars', message: 'expected number, got string' }],
    });
    const s = (await (await h.get('/v1/sessions/hundred', h.keys.secretKey)).json()) as { events: unknown[] };
    expect(s.events).toHaveLength(99);
  });

  it('reports an event holding a NUL character as invalid and stores the others', async () => {
    const events = [
      copyEvent({ sessionId: 'nul' }),
      copyEvent({ sessionId: 'nul', properties: { chars: 1, text: 'a\u0000b' } }),
    ];
    const r = await h.post('/v1/events', { events }, h.keys.publicKey);
    expect(r.status).toBe(207);
    const body = (await r.json()) as IngestResponse;
    expect(body).toMatchObject({ accepted: 1, invalid: 1 });
    expect(body.results[1]?.errors?.[0]?.path).toBe('events[1].properties.text');
  });

  it('acknowledges an id repeated inside a batch as a duplicate', async () => {
    const e = copyEvent({ sessionId: 'repeat' });
    const body = (await (
      await h.post('/v1/events', { events: [e, e] }, h.keys.publicKey)
    ).json()) as IngestResponse;
    expect(body.results.map((r) => r.status)).toEqual(['accepted', 'duplicate']);
  });

  it('accepts out-of-order and late events', async () => {
    const late = copyEvent({ sessionId: 'late', ts: '2026-11-23T12:30:00.000Z' });
    const early = copyEvent({ sessionId: 'late', ts: '2026-11-23T12:00:00.000Z' });
    await h.post('/v1/events', { events: [late] }, h.keys.publicKey);
    const r = (await (await h.post('/v1/events', [early], h.keys.publicKey)).json()) as IngestResponse;
    expect(r.accepted).toBe(1);
    const s = (await (await h.get('/v1/sessions/late', h.keys.secretKey)).json()) as {
      events: { id: string }[];
    };
    expect(s.events.map((e) => e.id)).toEqual([early.id, late.id]);
  });

  it('reports events that are not objects, or have no usable id, by index', async () => {
    const r = await h.post('/v1/events', { events: [42, null, 'x', { id: 7 }, []] }, h.keys.publicKey);
    const body = (await r.json()) as IngestResponse;
    expect(body.invalid).toBe(5);
    expect(body.results.map((x) => x.index)).toEqual([0, 1, 2, 3, 4]);
    expect(body.results[0]?.errors?.[0]?.path).toBe('events[0]');
  });

  it('does not let __proto__ in an event pollute anything', async () => {
    const raw = `{"events":[{"id":"proto-1","type":"custom","ts":"2026-11-23T12:00:00Z","sessionId":"proto","properties":{"name":"x","__proto__":{"admin":true}}}]}`;
    const r = await h.post('/v1/events', raw, h.keys.publicKey);
    expect([200, 400]).toContain(r.status);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it('rejects a body that is not a batch with 400 and says what it expected', async () => {
    for (const body of [{}, { events: 'no' }, 'null', '[', '']) {
      const r = await h.post('/v1/events', body, h.keys.publicKey);
      expect(r.status).toBe(400);
      const j = (await r.json()) as ErrorJson;
      expect(j.error.code).toBe('bad_request');
      expect(j.error.message.length).toBeGreaterThan(5);
    }
  });

  it('answers 415 to a body that is not JSON', async () => {
    const r = await h.post('/v1/events', 'events=1', h.keys.publicKey, {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(r.status).toBe(415);
    expect(((await r.json()) as ErrorJson).error.code).toBe('unsupported_media_type');
  });

  it('answers 401 without a key, with an unknown key and with a malformed header', async () => {
    expect((await h.post('/v1/events', { events: [] })).status).toBe(401);
    expect((await h.post('/v1/events', { events: [] }, 'sk_notarealkeynotarealkeynotarealkey')).status).toBe(
      401,
    );
    expect(
      (await h.post('/v1/events', { events: [] }, undefined, { authorization: 'Basic abc' })).status,
    ).toBe(401);
    expect((await h.get('/v1/sessions', `sk_${"'; drop table events; --".padEnd(20, 'x')}`)).status).toBe(
      401,
    );
  });

  it('lets a public key write but not read', async () => {
    for (const path of ['/v1/sessions', '/v1/sessions/twice', '/v1/generations/g-1']) {
      const r = await h.get(path, h.keys.publicKey);
      expect(r.status).toBe(403);
      expect(((await r.json()) as ErrorJson).error.code).toBe('forbidden');
    }
  });

  it('stops a revoked key', async () => {
    const { createKeys } = await import('../src/keys.ts');
    const k = await createKeys(h.store, { projectId: 'revoke-me' });
    expect((await h.get('/v1/sessions', k.secretKey)).status).toBe(200);
    await h.store.keys.revoke(k.secretKey);
    expect((await h.get('/v1/sessions', k.secretKey)).status).toBe(401);
  });

  it("never shows one project's data to another project's keys", async () => {
    const { createKeys } = await import('../src/keys.ts');
    const a = await createKeys(h.store, { projectName: 'A' });
    const b = await createKeys(h.store, { projectName: 'B' });
    const gen = {
      id: 'iso-gen-event',
      type: 'generation',
      ts: '2026-11-23T12:00:00Z',
      sessionId: 'iso-session',
      generationId: 'iso-gen',
      properties: { prompt: 'p', output: 'secret output of A', model: 'm', modelVersion: 'vA' },
    };
    expect(
      ((await (await h.post('/v1/events', { events: [gen] }, a.publicKey)).json()) as IngestResponse)
        .accepted,
    ).toBe(1);
    expect((await h.get('/v1/sessions/iso-session', b.secretKey)).status).toBe(404);
    expect((await h.get('/v1/generations/iso-gen', b.secretKey)).status).toBe(404);
    const list = (await (await h.get('/v1/sessions?modelVersion=vA', b.secretKey)).json()) as {
      sessions: unknown[];
    };
    expect(list.sessions).toEqual([]);
    // The same event id sent with B's key is B's own event, not a duplicate of A's.
    expect(
      ((await (await h.post('/v1/events', { events: [gen] }, b.publicKey)).json()) as IngestResponse)
        .accepted,
    ).toBe(1);
    const mine = (await (await h.get('/v1/generations/iso-gen', a.secretKey)).json()) as {
      generation: { output: string };
    };
    expect(mine.generation.output).toBe('secret output of A');
  });

  it('reads a session with its generations and events in order, and a generation', async () => {
    const events = [
      {
        id: 'r-m',
        type: 'message',
        ts: '2026-11-23T12:00:00Z',
        sessionId: 'read',
        properties: { text: 'hi' },
      },
      {
        id: 'r-g',
        type: 'generation',
        ts: '2026-11-23T12:00:01Z',
        sessionId: 'read',
        generationId: 'read-g',
        properties: { prompt: 'hi', output: 'hello', model: 'm', modelVersion: 'v7' },
      },
      {
        id: 'r-c',
        type: 'copy',
        ts: '2026-11-23T12:00:05Z',
        sessionId: 'read',
        generationId: 'read-g',
        properties: { chars: 5, fraction: 1 },
      },
    ];
    await h.post('/v1/events', { events: [events[2], events[0], events[1]] }, h.keys.publicKey);
    const s = (await (await h.get('/v1/sessions/read', h.keys.secretKey)).json()) as {
      session: { eventCount: number };
      generations: { id: string }[];
      events: { id: string }[];
    };
    expect(s.session.eventCount).toBe(3);
    expect(s.generations.map((g) => g.id)).toEqual(['read-g']);
    expect(s.events.map((e) => e.id)).toEqual(['r-m', 'r-g', 'r-c']);
    const g = (await (await h.get('/v1/generations/read-g', h.keys.secretKey)).json()) as {
      generation: { modelVersion: string };
      events: { id: string }[];
    };
    expect(g.generation.modelVersion).toBe('v7');
    expect(g.events.map((e) => e.id)).toEqual(['r-g', 'r-c']);
  });

  it('lists sessions with filters and pages', async () => {
    const events = Array.from({ length: 12 }, (_, i) =>
      copyEvent({
        sessionId: `page-${i}`,
        userId: i % 2 ? 'odd' : 'even',
        ts: new Date(Date.UTC(2030, 0, 1, i)).toISOString(),
      }),
    );
    await h.post('/v1/events', { events }, h.keys.publicKey);
    const seen: string[] = [];
    let next: string | null = null;
    do {
      const q: string = `/v1/sessions?since=2030-01-01T00:00:00Z&userId=odd&limit=4${next ? `&cursor=${next}` : ''}`;
      const page = (await (await h.get(q, h.keys.secretKey)).json()) as {
        sessions: { id: string }[];
        next: string | null;
      };
      seen.push(...page.sessions.map((s) => s.id));
      next = page.next;
    } while (next);
    expect(seen).toEqual(['page-11', 'page-9', 'page-7', 'page-5', 'page-3', 'page-1']);
  });

  it('answers bad query parameters with 400 naming them', async () => {
    for (const q of ['limit=0', 'limit=abc', 'since=yesterday', 'cursor=!!!']) {
      const r = await h.get(`/v1/sessions?${q}`, h.keys.secretKey);
      expect(r.status).toBe(400);
      const j = (await r.json()) as ErrorJson;
      expect(j.error.message).toContain(q.split('=')[0]);
    }
  });

  it('answers unknown things with 404 in the error format', async () => {
    for (const path of ['/v1/sessions/nope', '/v1/generations/nope', '/v1/nothing']) {
      const r = await h.get(path, h.keys.secretKey);
      expect(r.status).toBe(404);
      expect(((await r.json()) as ErrorJson).error.code).toBe('not_found');
    }
  });

  it('answers CORS preflights from browsers', async () => {
    const r = await fetch(`${h.url}/v1/events`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://app.example.com',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    expect(r.status).toBeLessThan(300);
    expect(r.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
  });
});

describe('HTTP API limits', () => {
  const backend = testBackends[0]!;
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend, {
      maxBatchEvents: 10,
      bodyLimit: 4096,
      rateLimitPerSecond: 5,
      corsOrigins: ['https://allowed.example'],
    });
  });
  afterAll(async () => {
    await h.close();
  });

  it('answers 413 to a body over the limit and to a batch of too many events', async () => {
    const big = await h.post(
      '/v1/events',
      { events: [copyEvent({ properties: { chars: 1, text: 'x'.repeat(5000) } })] },
      h.keys.publicKey,
    );
    expect(big.status).toBe(413);
    expect(((await big.json()) as ErrorJson).error.code).toBe('payload_too_large');
    const many = await h.post(
      '/v1/events',
      { events: Array.from({ length: 11 }, () => ({})) },
      h.keys.publicKey,
    );
    expect(many.status).toBe(413);
    expect(((await many.json()) as ErrorJson).error.message).toContain('at most 10 events');
  });

  it('answers 429 past the rate limit, with Retry-After', async () => {
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 8; i++) {
      const r = await h.get('/v1/sessions', h.keys.secretKey);
      statuses.push(r.status);
      if (r.status === 429) {
        retryAfter = r.headers.get('retry-after');
        expect(((await r.json()) as ErrorJson).error.code).toBe('rate_limited');
      }
    }
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(5);
    expect(retryAfter).not.toBeNull();
  });

  it('allows only the configured browser origins', async () => {
    const preflight = (origin: string) =>
      fetch(`${h.url}/v1/events`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST' },
      });
    expect((await preflight('https://allowed.example')).headers.get('access-control-allow-origin')).toBe(
      'https://allowed.example',
    );
    expect((await preflight('https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('keys in the query string (sendBeacon)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(testBackends[0]!);
  });
  afterAll(async () => {
    await h.close();
  });

  it('accepts a public key as ?key= for ingestion, and never a secret key', async () => {
    const ok = await h.post(`/v1/events?key=${h.keys.publicKey}`, {
      events: [copyEvent({ sessionId: 'beacon' })],
    });
    expect(ok.status).toBe(200);
    const secret = await h.post(`/v1/events?key=${h.keys.secretKey}`, { events: [copyEvent()] });
    expect(secret.status).toBe(400);
    expect(((await secret.json()) as ErrorJson).error.message).toContain('public keys');
    expect((await h.get(`/v1/sessions?key=${h.keys.publicKey}`)).status).toBe(403);
    expect((await h.post('/v1/events?key=pk_unknownunknownunknown', { events: [] })).status).toBe(401);
  });

  it('takes a beacon: JSON sent as text/plain (no CORS preflight) with the public key in ?key=', async () => {
    const body = JSON.stringify({ events: [copyEvent({ sessionId: 'beacon-text' })] });
    const headers = { 'content-type': 'text/plain;charset=UTF-8' };
    const ok = await h.post(`/v1/events?key=${h.keys.publicKey}`, body, undefined, headers);
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { accepted: number }).accepted).toBe(1);
    const bad = await h.post(`/v1/events?key=${h.keys.publicKey}`, '{"events": [', undefined, headers);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as ErrorJson).error.code).toBe('bad_request');
  });
});
