import { testBackends } from '@tacit/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.ts';

describe('the dashboard routes', () => {
  let h: Harness;
  let off: Harness;
  beforeAll(async () => {
    [h, off] = await Promise.all([
      startHarness(testBackends[0]!),
      startHarness(testBackends[0]!, { dashboard: false }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([h.close(), off.close()]);
  });

  it('serves the page at / with a strict content security policy and no data in it', async () => {
    const r = await h.get('/');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = r.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await r.text();
    expect(html).toContain('<script type="module" src="ui/app.js"></script>');
    expect(html).not.toMatch(/<script>|sk_|pk_/);
  });

  it('serves the bundled script and style, with ETags that answer 304', async () => {
    const js = await h.get('/ui/app.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const body = await js.text();
    expect(body.length).toBeGreaterThan(5_000);
    expect(body).toContain('Authorization'.toLowerCase());
    const css = await h.get('/ui/app.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect((await css.text()).length).toBeGreaterThan(1_000);

    const etag = js.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]{22}"$/);
    const again = await fetch(`${h.url}/ui/app.js`, { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('answers an unknown or hostile file name with a 404 in the API error format', async () => {
    const cases: [string, number, string][] = [
      ['nope.js', 404, 'not_found'],
      ['..%2F..%2Fpackage.json', 404, 'not_found'],
      ['app.js%20', 404, 'not_found'],
      ['x'.repeat(900), 404, 'not_found'],
      ['%00', 400, 'bad_request'], // NUL is refused at the edge, for every route
    ];
    for (const [name, status, code] of cases) {
      const r = await h.get(`/ui/${name}`);
      expect(r.status, name).toBe(status);
      const body = (await r.json()) as { error: { code: string; message: string } };
      expect(body.error.code, name).toBe(code);
      expect(body.error.message.length).toBeLessThan(120);
    }
  });

  it('needs no key (it holds no data) and leaves the API as it was', async () => {
    expect((await h.get('/', 'sk_wrong')).status).toBe(200);
    expect((await h.get('/v1/sessions')).status).toBe(401);
    expect((await h.get('/v1/sessions', h.keys.secretKey)).status).toBe(200);
  });

  it('is not served when turned off', async () => {
    expect((await off.get('/')).status).toBe(404);
    expect((await off.get('/ui/app.js')).status).toBe(404);
    expect((await off.get('/health')).status).toBe(200);
  });
});
