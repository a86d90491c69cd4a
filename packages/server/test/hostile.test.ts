import { testBackends } from '@tacit/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_STATUS } from '../src/errors.ts';
import { startHarness, type Harness } from './harness.ts';

/**
 * Every endpoint of the OpenAPI document, fed malformed, oversized, duplicated and hostile input:
 * it must answer with a client error in the API's error format (or succeed), never a 5xx, and
 * never let a key reach what it may not.
 */
interface Operation {
  path: string;
  method: 'get' | 'post' | 'put';
  params: { name: string; in: string }[];
  hasBody: boolean;
}

const HOSTILE = [
  "' OR 1=1 --",
  '"; DROP TABLE events; --',
  '../../../etc/passwd',
  '%00',
  '\u0000',
  '😀'.repeat(50),
  '<script>alert(1)</script>',
  '-1',
  '1e309',
  'NaN',
  '',
  'x'.repeat(5000),
];

const CLIENT_ERRORS = new Set(Object.values(ERROR_STATUS).filter((s) => s < 500));

describe('every endpoint against hostile input', () => {
  let h: Harness;
  let ops: Operation[] = [];

  const call = (op: Operation, path: string, key?: string, init: RequestInit = {}) =>
    fetch(h.url + path, {
      method: op.method.toUpperCase(),
      ...init,
      headers: {
        ...(key ? { authorization: `Bearer ${key}` } : {}),
        ...(init.headers as Record<string, string>),
      },
    });

  const expectErrorShape = async (r: Response, what: string) => {
    expect(r.status, what).toBeLessThan(500);
    if (r.status >= 400) {
      expect(CLIENT_ERRORS.has(r.status as never), what).toBe(true);
      const body = (await r.json()) as { error?: { code?: string; message?: string } };
      expect(typeof body.error?.code, what).toBe('string');
      expect(typeof body.error?.message, what).toBe('string');
    } else {
      await r.arrayBuffer();
    }
  };

  const concrete = (op: Operation, value = 'x') =>
    op.path.replace('{kind}', 'eval').replace(/\{(\w+)\}/g, () => encodeURIComponent(value));

  beforeAll(async () => {
    h = await startHarness(testBackends[0]!, { bodyLimit: 64 * 1024, rateLimitPerSecond: 100_000 });
    const doc = (await (await h.get('/openapi.json')).json()) as {
      paths: Record<string, Record<string, { parameters?: Operation['params']; requestBody?: unknown }>>;
    };
    ops = Object.entries(doc.paths)
      .filter(([p]) => p.startsWith('/v1/'))
      .flatMap(([path, methods]) =>
        Object.entries(methods).map(([method, o]) => ({
          path,
          method: method as Operation['method'],
          params: o.parameters ?? [],
          hasBody: o.requestBody !== undefined,
        })),
      );
  });
  afterAll(async () => {
    await h.close();
  });

  it('covers the documented API', () => {
    expect(ops.length).toBeGreaterThanOrEqual(20);
  });

  it('answers 401 without a key or with a forged one, on every endpoint', async () => {
    for (const op of ops) {
      for (const key of [undefined, 'sk_forgedforgedforgedforged', `pk_${'a'.repeat(300)}`, 'Bearer']) {
        const r = await call(
          op,
          concrete(op),
          key,
          op.hasBody ? { body: '{}', headers: { 'content-type': 'application/json' } } : {},
        );
        expect(r.status, `${op.method} ${op.path} key=${String(key).slice(0, 12)}`).toBe(401);
        await expectErrorShape(r, op.path);
      }
    }
  });

  it('lets a public key only write events', async () => {
    for (const op of ops) {
      if (op.path === '/v1/events') continue;
      const r = await call(
        op,
        concrete(op),
        h.keys.publicKey,
        op.hasBody ? { body: '{}', headers: { 'content-type': 'application/json' } } : {},
      );
      expect(r.status, `${op.method} ${op.path}`).toBe(403);
      await expectErrorShape(r, op.path);
    }
  });

  it('never fails on hostile path and query values', async () => {
    for (const op of ops) {
      if (op.method !== 'get') continue;
      for (const v of HOSTILE) {
        if (op.path.includes('{')) {
          const r = await call(op, concrete(op, v), h.keys.secretKey);
          await expectErrorShape(r, `${op.path} path=${v.slice(0, 20)}`);
        }
        for (const p of op.params.filter((x) => x.in === 'query')) {
          const r = await call(op, `${concrete(op)}?${p.name}=${encodeURIComponent(v)}`, h.keys.secretKey);
          await expectErrorShape(r, `${op.path}?${p.name}=${v.slice(0, 20)}`);
        }
      }
      // Repeated parameters (`?limit=1&limit=2`) are ambiguous: a client error or one of them, never a crash.
      for (const p of op.params.filter((x) => x.in === 'query')) {
        const r = await call(op, `${concrete(op)}?${p.name}=1&${p.name}=2`, h.keys.secretKey);
        await expectErrorShape(r, `${op.path} duplicated ${p.name}`);
      }
    }
  });

  it('answers malformed, mistyped, oversized and hostile bodies with 400, 415 and 413', async () => {
    for (const op of ops.filter((o) => o.hasBody)) {
      const path = concrete(op);
      const what = `${op.method} ${op.path}`;
      const json = { 'content-type': 'application/json' };
      const malformed = await call(op, path, h.keys.secretKey, { body: '{"events": [', headers: json });
      expect(malformed.status, what).toBe(400);
      await expectErrorShape(malformed, what);
      const xml = await call(op, path, h.keys.secretKey, {
        body: '<a/>',
        headers: { 'content-type': 'application/xml' },
      });
      expect(xml.status, what).toBe(415);
      const big = await call(op, path, h.keys.secretKey, {
        body: JSON.stringify({ x: 'y'.repeat(100 * 1024) }),
        headers: json,
      });
      expect(big.status, what).toBe(413);
      for (const body of [
        'null',
        '[]',
        '"text"',
        '{"__proto__":{"admin":true}}',
        JSON.stringify({ events: HOSTILE }),
      ]) {
        const r = await call(op, path, h.keys.secretKey, { body, headers: json });
        await expectErrorShape(r, `${what} body=${body.slice(0, 30)}`);
      }
    }
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });
});
