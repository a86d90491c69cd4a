import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Api, ApiFailure, apiUrl } from './api.ts';
import { keyFromFragment, keyHint, keyKind } from './auth.ts';
import { geometry, niceMax } from './chart.ts';
import { clip, dateTime, interval, offset, pct, shortId } from './format.ts';
import { link, parseRoute, sessionLink, tabOf } from './router.ts';

describe('routes', () => {
  it('parses every view and its query', () => {
    expect(parseRoute('')).toEqual({ view: 'overview' });
    expect(parseRoute('#/')).toEqual({ view: 'overview' });
    const s = parseRoute('#/sessions?modelVersion=v3&userId=u%201');
    expect(s.view).toBe('sessions');
    if (s.view === 'sessions') {
      expect(s.query.get('modelVersion')).toBe('v3');
      expect(s.query.get('userId')).toBe('u 1');
    }
    expect(parseRoute('#/labels?grade=rejected').view).toBe('labels');
    expect(parseRoute('#/alerts')).toEqual({ view: 'alerts' });
    expect(parseRoute('#/context')).toEqual({ view: 'context' });
  });

  it('round-trips a session id with any characters', () => {
    for (const id of ['s-1', 'a/b?c#d', '<script>alert(1)</script>', 'üñí 💥', '%41']) {
      const r = parseRoute(sessionLink(id));
      expect(r).toEqual({ view: 'session', id });
      expect(tabOf(r)).toBe('sessions');
    }
  });

  it('shows anything else as missing, never guesses', () => {
    for (const h of ['#/nope', '#/sessions/a/b', '#/sessions/%E0%A4%A', '#/alerts/x', '#/sessions/'])
      expect(parseRoute(h).view).toBe('missing');
    expect(tabOf(parseRoute('#/nope'))).toBeUndefined();
  });

  it('builds links without empty parameters', () => {
    expect(link('overview')).toBe('#/');
    expect(link('sessions', { modelVersion: 'v3', userId: '' })).toBe('#/sessions?modelVersion=v3');
    expect(link('labels', { signal: 'a&b=c' })).toBe('#/labels?signal=a%26b%3Dc');
  });
});

describe('keys', () => {
  it('reads the key of a #key= link', () => {
    expect(keyFromFragment('#key=sk_abc')).toBe('sk_abc');
    expect(keyFromFragment('#key=sk_a%2Bb&x=1')).toBe('sk_a+b');
    expect(keyFromFragment('#key=')).toBeUndefined();
    expect(keyFromFragment('#key=%E0%A4%A')).toBeUndefined();
    expect(keyFromFragment('#/sessions')).toBeUndefined();
  });

  it('tells key kinds apart and shows only a hint', () => {
    expect(keyKind('sk_x')).toBe('secret');
    expect(keyKind('pk_x')).toBe('public');
    expect(keyKind('hello')).toBe('unknown');
    expect(keyHint('sk_1234567890abcdef')).toBe('sk_1234…');
    expect(keyHint('sk_1234567890abcdef')).not.toContain('890');
  });
});

describe('format', () => {
  it('formats rates, intervals, times and offsets', () => {
    expect(pct(0.1234)).toBe('12.3%');
    expect(pct(null)).toBe('–');
    expect(pct(Number.NaN)).toBe('–');
    expect(interval(0.1, 0.2)).toBe('[10.0%, 20.0%]');
    expect(interval(null, 0.2)).toBe('');
    expect(dateTime('2026-11-23T14:51:50.841Z')).toBe('2026-11-23 14:51:50');
    expect(dateTime('not a time')).toBe('not a time');
    const t0 = '2026-11-23T14:00:00.000Z';
    expect(offset(t0, '2026-11-23T14:00:12.400Z')).toBe('+12.4s');
    expect(offset(t0, '2026-11-23T14:03:05.000Z')).toBe('+3m 05s');
    expect(offset(t0, '2026-11-23T16:04:00.000Z')).toBe('+2h 04m');
    expect(offset(t0, '2026-11-23T13:59:59.000Z')).toBe('−1.0s');
  });

  it('cuts long ids and long text, saying how much was cut', () => {
    expect(shortId('0123456789abcdefghij')).toBe('0123456789abc…');
    expect(shortId('short')).toBe('short');
    expect(clip('x'.repeat(5000), 10)).toBe(`${'x'.repeat(10)}… (4,990 more characters)`);
    expect(clip('abc', 10)).toBe('abc');
  });
});

describe('the chart', () => {
  it('picks a round top for the rate axis, in at most five steps', () => {
    expect(niceMax(0.19)).toEqual({ top: 0.2, step: 0.05 });
    expect(niceMax(0.3)).toEqual({ top: 0.3, step: 0.1 });
    expect(niceMax(0.004)).toEqual({ top: 0.005, step: 0.005 });
    expect(niceMax(0.97)).toEqual({ top: 1, step: 0.2 });
    expect(niceMax(0)).toEqual({ top: 0.1, step: 0.025 });
    expect(niceMax(Number.NaN)).toEqual({ top: 0.1, step: 0.025 });
  });

  it('places points by time and rate, and breaks a line where nothing was measured', () => {
    const box = { width: 110, height: 110, left: 10, right: 0, top: 0, bottom: 10 };
    const day = 86_400_000;
    const g = geometry(
      [
        {
          name: 'v1',
          points: [
            { x: 2 * day, y: 0.1, title: 'c' },
            { x: 0, y: 0.2, title: 'a' },
            { x: day, y: null, title: 'b' },
          ],
        },
      ],
      box,
    );
    expect(g.yMax).toBe(0.2);
    expect(g.yTicks.map((t) => t.value)).toEqual([0, 0.05, 0.1, 0.15, 0.2]);
    // Sorted by time; the null starts a new stroke (M, not L).
    expect(g.lines[0]!.d).toBe('M10 0 M110 50');
    expect(g.lines[0]!.dots.map((d) => d.title)).toEqual(['a', 'c']);
    expect(g.xTicks.map((t) => t.anchor)).toEqual(['start', 'middle', 'end']);
  });
});

describe('the API client', () => {
  const answer = (status: number, body: unknown): Response =>
    new Response(typeof body === 'string' ? body : JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json' },
    });

  it('reads with the key in the Authorization header, never in the URL', async () => {
    const seen: { url: string; auth: string | null }[] = [];
    const api = new Api('sk_secret', (input, init) => {
      seen.push({ url: input as string, auth: new Headers(init?.headers).get('authorization') });
      return Promise.resolve(answer(200, { ok: 1 }));
    });
    expect(await api.get('sessions', { modelVersion: 'v3', userId: undefined, limit: '' })).toEqual({
      ok: 1,
    });
    expect(seen).toEqual([{ url: 'v1/sessions?modelVersion=v3', auth: 'Bearer sk_secret' }]);
    expect(apiUrl('labels')).toBe('v1/labels');
  });

  it("turns the API's errors, other errors and no answer into ApiFailure", async () => {
    const fails = async (f: typeof fetch): Promise<ApiFailure> => {
      const err = await new Api('sk_x', f).get('x').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ApiFailure);
      return err as ApiFailure;
    };
    const api = await fails(() =>
      Promise.resolve(answer(401, { error: { code: 'unauthorized', message: 'unknown key' } })),
    );
    expect([api.status, api.code, api.message]).toEqual([401, 'unauthorized', 'unknown key']);
    const html = await fails(() => Promise.resolve(answer(502, '<html>bad gateway</html>')));
    expect([html.status, html.code, html.message]).toEqual([502, 'http', 'HTTP 502']);
    const down = await fails(() => Promise.reject(new TypeError('fetch failed')));
    expect(down.status).toBe(0);
    expect(down.message).toMatch(/did not answer/);
  });
});

describe('the sources', () => {
  it('never parse data as HTML or code', () => {
    const dir = fileURLToPath(new URL('.', import.meta.url));
    const files = (d: string): string[] =>
      readdirSync(d, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory()
          ? files(join(d, e.name))
          : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')
            ? [join(d, e.name)]
            : [],
      );
    const all = files(dir);
    expect(all.length).toBeGreaterThan(10);
    for (const f of all)
      expect(readFileSync(f, 'utf8'), f).not.toMatch(
        /innerHTML|outerHTML|insertAdjacentHTML|DOMParser|\beval\(|new Function/,
      );
  });
});
