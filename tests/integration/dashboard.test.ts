/// <reference lib="dom" />
// page.evaluate callbacks run in the page: they use DOM types.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../packages/cli/src/commands/start.ts';
import { launchChromium } from '../setup/chromium.ts';
import { labeled, startTestTacit } from '../setup/tacit.ts';

const SKIP = process.env.TACIT_SKIP_BROWSER === '1';
if (SKIP) console.warn('TACIT_SKIP_BROWSER=1: the Chromium tests of the dashboard are skipped');

/** Markup in every field a user or a model controls: had any of it run, `window.__pwned` is set. */
const HOSTILE = {
  question: '<img src=x onerror="window.__pwned=1">How do I <b>reset</b> it?',
  prompt: '</textarea><script>window.__pwned=2</script>',
  output: '<svg onload="window.__pwned=3"></svg>Click <a href="javascript:window.__pwned=4">here</a>',
  version: 'v1"><img src=x onerror=window.__pwned=5>',
  user: "u'><iframe src=javascript:window.__pwned=6>",
  plan: '<style>body{display:none}</style>',
};

type TestWindow = Window & { __pwned?: number };

describe.skipIf(SKIP)('the dashboard in Chromium against a real Tacit server', () => {
  let dir: string;
  let tacit: Running;
  let browser: Browser;
  const pageErrors: string[] = [];

  const at = (s: number): string => new Date(Date.now() - 10 * 60_000 + s * 1000).toISOString();
  let n = 0;
  const event = (type: string, sessionId: string, s: number, over: Record<string, unknown>) => ({
    id: `dash-${sessionId}-${++n}`,
    type,
    ts: at(s),
    sessionId,
    context: { app: 'acme', appVersion: '1.0.0', cohort: { plan: HOSTILE.plan } },
    ...over,
  });
  const generation = (
    sessionId: string,
    s: number,
    id: string,
    version: string,
    prompt: string,
    output: string,
  ) =>
    event('generation', sessionId, s, {
      generationId: id,
      properties: { prompt, output, model: 'acme-model', modelVersion: version, contentType: 'chat' },
    });

  async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
    const r = await fetch(tacit.url + path, {
      ...init,
      headers: { authorization: `Bearer ${tacit.keys.secretKey}`, 'content-type': 'application/json' },
    });
    if (!r.ok) throw new Error(`${path}: HTTP ${r.status} ${await r.text()}`);
    return (await r.json()) as T;
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tacit-dashboard-'));
    [tacit, browser] = await Promise.all([startTestTacit(dir), launchChromium()]);
    const events = [
      // The hostile session: asked, answered, inserted and undone at once, closed.
      event('message', 'sess-hostile', 0, { userId: HOSTILE.user, properties: { text: HOSTILE.question } }),
      {
        ...generation('sess-hostile', 2, 'gen-h1', HOSTILE.version, HOSTILE.prompt, HOSTILE.output),
        userId: HOSTILE.user,
      },
      event('accept', 'sess-hostile', 3, {
        userId: HOSTILE.user,
        generationId: 'gen-h1',
        properties: { via: 'insert' },
      }),
      event('undo', 'sess-hostile', 4, { userId: HOSTILE.user, generationId: 'gen-h1', properties: {} }),
      event('session_end', 'sess-hostile', 30, { userId: HOSTILE.user, properties: { reason: 'closed' } }),
      // A plain good session on another version.
      event('message', 'sess-good', 0, {
        userId: 'u-good',
        properties: { text: 'Write a haiku about rain.' },
      }),
      generation('sess-good', 2, 'gen-g1', 'v2', 'Write a haiku about rain.', 'Soft rain on the roof'),
      event('copy', 'sess-good', 20, {
        userId: 'u-good',
        generationId: 'gen-g1',
        properties: { chars: 20, fraction: 1 },
      }),
      event('accept', 'sess-good', 21, {
        userId: 'u-good',
        generationId: 'gen-g1',
        properties: { via: 'insert' },
      }),
    ];
    const r = await api<{ results: { status: string }[] }>('/v1/events', {
      method: 'POST',
      body: JSON.stringify({ events }),
    });
    expect(r.results.map((x) => x.status)).toEqual(events.map(() => 'accepted'));
    await labeled(tacit.url, tacit.keys.secretKey);
  });
  afterAll(async () => {
    await browser?.close();
    await tacit?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function newPage(): Promise<Page> {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(m.text());
    });
    return page;
  }

  /** A page signed in through the `#key=` link that `tacit start` prints. */
  async function signedIn(): Promise<Page> {
    const page = await newPage();
    await page.goto(`${tacit.url}/#key=${encodeURIComponent(tacit.keys.secretKey)}`);
    await page.locator('#sign-out').waitFor();
    return page;
  }

  const pwned = (page: Page): Promise<number | undefined> =>
    page.evaluate(() => (window as TestWindow).__pwned);
  const go = async (page: Page, hash: string): Promise<void> => {
    await page.evaluate((h) => {
      location.hash = h;
    }, hash);
    await page.locator('main .view').waitFor();
  };

  it('signs in from the #key= link, forgets the link, and shows the project at a glance', async () => {
    const page = await signedIn();
    expect(page.url()).not.toContain('sk_');
    expect(await page.evaluate(() => localStorage.getItem('tacit.dashboard.key'))).toBe(tacit.keys.secretKey);
    await page.locator('main .view').waitFor();
    expect(await page.locator('[data-testid=labeling]').textContent()).toBe('Every session is labeled.');
    // One row per model version, the hostile one as its literal text, with intervals.
    const rows = page.locator('table.rates tbody tr');
    expect(await rows.count()).toBe(2);
    const versions = await rows.locator('td:first-child').allTextContents();
    expect([...versions].sort()).toEqual([HOSTILE.version, 'v2'].sort());
    // The rates and intervals the API gives, per version and metric.
    const rates = await api<{ rates: { group: string; metric: string; rate: number }[] }>(
      '/v1/monitor/rates?metric=rate:retried,grade:rejected&groupBy=modelVersion&window=day',
    );
    expect(rates.rates.length).toBe(4);
    for (const [i, version] of versions.entries()) {
      const shown = await rows.nth(i).locator('.num').allTextContents();
      const want = ['rate:retried', 'grade:rejected'].map((m) => {
        const r = rates.rates.find((x) => x.group === version && x.metric === m)!;
        return `${(r.rate * 100).toFixed(1)}%`;
      });
      expect(shown, version).toEqual(want);
    }
    expect(await page.locator('svg').count()).toBeGreaterThan(0);
    expect(await pwned(page)).toBeUndefined();
    await page.close();
  });

  it("shows a session's timeline with every hostile text as text, and nothing of it runs", async () => {
    const page = await signedIn();
    await go(page, '#/sessions');
    const links = page.locator('main a[href^="#/sessions/"]');
    expect(await links.count()).toBe(2);
    await links.filter({ hasText: 'sess-hostile' }).click();
    await page.locator('main .view h2').first().waitFor();
    await page.waitForFunction(() => document.title.startsWith('Session'));
    const text = (await page.locator('main').textContent()) ?? '';
    for (const s of [HOSTILE.question, HOSTILE.output, HOSTILE.version, HOSTILE.user, HOSTILE.plan])
      expect(text, s).toContain(s);
    // The prompt is folded; opened, it reads as text too.
    await page.locator('main details summary').first().click();
    expect(await page.locator('main').textContent()).toContain(HOSTILE.prompt);
    // The undo was seen as a negative signal about the answer.
    expect(text).toContain('− immediate_undo');
    // Nothing the data said became an element or ran.
    expect(
      await page.locator('main img, main iframe, main script, main style, main svg[onload]').count(),
    ).toBe(0);
    expect(await page.locator('main a[href^="javascript"]').count()).toBe(0);
    expect(await pwned(page)).toBeUndefined();
    expect(await page.evaluate(() => getComputedStyle(document.body).display)).not.toBe('none');
    await page.screenshot({ path: join(dir, 'session.png') });
    await page.close();
  });

  it('filters labels, and lists alerts, rules and the product context as the API has them', async () => {
    const page = await signedIn();

    await go(page, '#/labels?modelVersion=v2');
    const labelRows = page.locator('main table tbody tr');
    expect(await labelRows.count()).toBe(1);
    expect(await labelRows.first().textContent()).toContain('accepted');
    await go(page, '#/labels');
    expect(await page.locator('main table tbody tr').count()).toBe(2);

    await go(page, '#/alerts');
    expect(await page.locator('main').textContent()).toContain('No open alerts.');
    const rules = await api<{ text: string }>('/v1/alerts/rules');
    expect(await page.locator('main pre').textContent()).toBe(rules.text);

    await go(page, '#/context');
    const ctx = await api<{ hash: string }>('/v1/context');
    expect(await page.locator('[data-testid=context-hash]').textContent()).toBe(ctx.hash);

    await go(page, '#/no/such/page');
    expect(await page.locator('main').textContent()).toContain('There is no such page.');
    await page.close();
  });

  it('tells a wrong, public or revoked key apart, and signs out', async () => {
    const page = await newPage();
    await page.goto(tacit.url);
    const signIn = async (key: string): Promise<string> => {
      await page.fill('#key', key);
      await page.click('form button[type=submit]');
      await page.locator('#sign-in-error:not([hidden]), #sign-out').first().waitFor();
      return (await page.locator('#sign-in-error').isVisible())
        ? ((await page.locator('#sign-in-error').textContent()) ?? '')
        : '';
    };
    expect(await signIn('sk_not-a-key')).toMatch(/not accepted/);
    expect(await signIn(tacit.keys.publicKey)).toMatch(/public key/);
    expect(await signIn('<script>window.__pwned=7</script>')).toMatch(/not accepted/);
    expect(await signIn(tacit.keys.secretKey)).toBe('');
    expect(await page.locator('.who').textContent()).not.toContain(tacit.keys.secretKey.slice(8));

    // A kept key the server no longer takes: back to signing in, saying why.
    await page.evaluate(() => localStorage.setItem('tacit.dashboard.key', 'sk_revoked'));
    await page.reload();
    await page.locator('#sign-in-error:not([hidden])').waitFor();
    expect(await page.locator('#sign-in-error').textContent()).toMatch(/no longer accepts the saved key/);
    expect(await page.evaluate(() => localStorage.getItem('tacit.dashboard.key'))).toBeNull();

    expect(await signIn(tacit.keys.secretKey)).toBe('');
    await page.click('#sign-out');
    await page.locator('#key').waitFor();
    expect(await page.evaluate(() => localStorage.getItem('tacit.dashboard.key'))).toBeNull();
    expect(await pwned(page)).toBeUndefined();
    await page.close();
  });

  it('raised no script error and no content-security-policy violation on any page', () => {
    expect(pageErrors.filter((e) => !/401 \(Unauthorized\)|403 \(Forbidden\)/.test(e))).toEqual([]);
  });
});
