/// <reference lib="dom" />
// page.evaluate callbacks run in the page: they use DOM types.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinContext, words, type TacitEvent } from '@tacit/core';
import { startDemo, type Demo } from '@tacit/demo-chat';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../packages/cli/src/commands/start.ts';
import { launchChromium } from '../setup/chromium.ts';
import { labeled, startTestTacit } from '../setup/tacit.ts';

// A missing browser fails the suite (a skip would hide a broken CI); skipping is explicit.
const SKIP = process.env.TACIT_SKIP_BROWSER === '1';
if (SKIP) console.warn('TACIT_SKIP_BROWSER=1: the Chromium tests of the SDKs against Tacit are skipped');

type Stored = TacitEvent & { receivedAt: string };
interface Signal {
  kind: string;
  polarity: 'positive' | 'negative';
  strength: number;
  evidence: string[];
  details?: Record<string, unknown>;
}
interface Labels {
  label: { grade: string; pGood: number; route: string; mixed: boolean; confidence: number } | null;
  signals: Signal[];
}
type TestWindow = Window & { tacit: { sessionId(): string; stats(): { queued: number } } };

/**
 * The demo chat in real Chromium against a real `tacit start` (HTTP API, embedded database,
 * labeling loop): the page's `@tacit/browser` sends behaviour with the public key, the demo's
 * server logs generations with `@tacit/node` and the secret key, and the test reads back what
 * Tacit stored and concluded through the API.
 */
describe.skipIf(SKIP)('the SDKs in Chromium against a real Tacit server', () => {
  let dir: string;
  let tacit: Running;
  let demo: Demo;
  let browser: Browser;

  /** Tacit on the test's data directory; the same port and directory after a restart. */
  const start = (port = 0): Promise<Running> => startTestTacit(dir, { port });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tacit-browser-'));
    [tacit, browser] = await Promise.all([start(), launchChromium()]);
    // A minute between the page's batches: what reaches Tacit was sent by the unload flush.
    demo = await startDemo({
      port: 0,
      tacitEndpoint: tacit.url,
      publicKey: tacit.keys.publicKey,
      secretKey: tacit.keys.secretKey,
      flushIntervalMs: 60_000,
      onError: () => undefined,
    });
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.close();
    await tacit?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function get<T>(path: string): Promise<{ status: number; body: T }> {
    const r = await fetch(tacit.url + path, { headers: { authorization: `Bearer ${tacit.keys.secretKey}` } });
    return { status: r.status, body: (await r.json()) as T };
  }

  /** Polls (every 100 ms) until `fn` returns something other than undefined. */
  async function until<T>(
    what: string | (() => string),
    fn: () => Promise<T | undefined>,
    timeoutMs = 20_000,
  ): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = await fn();
      if (v !== undefined) return v;
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${typeof what === 'string' ? what : what()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** What Tacit stored for a session, in its order (client time, then receive time, then id). */
  async function stored(sessionId: string): Promise<Stored[]> {
    const r = await get<{ events: Stored[] }>(`/v1/sessions/${sessionId}`);
    return r.status === 200 ? r.body.events : [];
  }

  /** Waits until Tacit has stored events of these types (in any order), then returns them all. */
  const arrived = (sessionId: string, types: string[]): Promise<Stored[]> => {
    let seen: string[] = [];
    return until(
      () => `${types.join(', ')} (got ${seen.join(', ')})`,
      async () => {
        const events = await stored(sessionId);
        seen = events.map((e) => e.type);
        const left = [...seen];
        const all = types.every((t) => {
          const i = left.indexOf(t);
          if (i >= 0) left.splice(i, 1);
          return i >= 0;
        });
        return all ? events : undefined;
      },
    );
  };

  async function open(context?: BrowserContext): Promise<Page> {
    const page = await (context ?? (await browser.newContext())).newPage();
    await page.goto(demo.url);
    return page;
  }

  const sessionOf = (page: Page): Promise<string> =>
    page.evaluate(() => (window as unknown as TestWindow).tacit.sessionId());
  const queued = (page: Page): Promise<number> =>
    page.evaluate(() => (window as unknown as TestWindow).tacit.stats().queued);
  /** Waits until the page's SDK has captured `n` more events than `before`. */
  const captured = async (page: Page, before: number, n: number): Promise<void> => {
    await page.waitForFunction(
      (min) => (window as unknown as TestWindow).tacit.stats().queued >= min,
      before + n,
    );
  };

  async function ask(page: Page, question: string): Promise<string> {
    await page.fill('#question', question);
    await page.click('#send');
    const turn = page.locator('.turn').last();
    await turn.locator('.answer').waitFor();
    return (await turn.getAttribute('data-tacit-generation')) ?? '';
  }

  const visible = (e: Stored | undefined): number => (e?.type === 'view' ? e.properties.visibleMs : 0);
  /** How long skimming a text takes under the chat defaults: less than that in view is a glance. */
  const skimMs = (text: string): number =>
    (words(text).length / builtinContext('chat').signals.read_depth.skimWordsPerMinute) * 60_000;

  /** Events as [type, generation, properties], generations named by the test. */
  const shape = (events: Stored[], names: Record<string, string>) =>
    events.map((e) => [
      e.type,
      e.generationId === undefined ? '-' : (names[e.generationId] ?? e.generationId),
      e.properties,
    ]);

  it('stores exactly what the user did, in order, with the right generations, and labels it', async () => {
    const page = await open();
    const sessionId = await sessionOf(page);
    const question = 'How do I reset my password?';
    const gen1 = await ask(page, question);
    const box = page.locator('.answer');
    const answer = await box.inputValue();
    expect(answer).toContain('Reset password');
    // The user reads for a second, then copies the first 20 characters.
    await page.waitForTimeout(1000);
    await box.evaluate((el: HTMLTextAreaElement) => {
      el.focus();
      el.setSelectionRange(0, 20);
    });
    await page.keyboard.press('Control+c');
    // Types at the end and presses Ctrl+Z at once, before the edit's snapshot was due: the
    // SDK sends the edit first, then the undo, then (a second later) the text the undo restored.
    const before = await queued(page);
    await box.press('Control+End');
    await page.keyboard.type(' Thanks!');
    await page.keyboard.press('Control+z');
    await captured(page, before, 3);
    expect(await box.inputValue()).toBe(answer);
    // Regenerate: the answer is replaced by a new generation.
    await page.click('.regenerate');
    await page.waitForFunction(
      (old) => document.querySelector('.turn')?.getAttribute('data-tacit-generation') !== old,
      gen1,
    );
    const gen2 = (await page.locator('.turn').getAttribute('data-tacit-generation')) ?? '';
    const answer2 = await box.inputValue();
    // Navigate away through a link; then the docs page is closed.
    await page.click('#docs');
    await page.waitForURL('**/elsewhere');
    await page.close({ runBeforeUnload: true });

    const events = await arrived(sessionId, [
      ...['message', 'generation', 'copy', 'edit', 'undo', 'edit', 'regenerate', 'generation'],
      ...['view', 'view', 'navigate', 'navigate'],
    ]);
    await labeled(tacit.url, tacit.keys.secretKey);
    const message = events[0];
    expect(shape(events, { [gen1]: 'gen1', [gen2]: 'gen2' })).toEqual([
      ['message', '-', { text: question }],
      [
        'generation',
        'gen1',
        expect.objectContaining({ messageId: message?.id, output: answer, model: 'demo-model' }),
      ],
      [
        'copy',
        'gen1',
        { chars: 20, fraction: Math.round((20 / answer.length) * 1000) / 1000, text: answer.slice(0, 20) },
      ],
      ['edit', 'gen1', { text: `${answer} Thanks!` }],
      ['undo', 'gen1', { via: 'keyboard' }],
      ['edit', 'gen1', { text: answer }],
      ['regenerate', 'gen1', {}],
      [
        'generation',
        'gen2',
        expect.objectContaining({ messageId: message?.id, parentId: gen1, output: answer2 }),
      ],
      // Removed from the page when it was replaced; the new one when the page was left.
      ['view', 'gen1', { visibleMs: expect.any(Number) as number, readDepth: 1 }],
      ['view', 'gen2', { visibleMs: expect.any(Number) as number, readDepth: 1 }],
      ['navigate', 'gen2', { direction: 'away', url: `${demo.url}/elsewhere` }],
      // The docs page (no output on it) was closed.
      ['navigate', '-', { direction: 'away' }],
    ]);
    // Generations come from the demo's server (secret key), behaviour from the page (public key).
    expect(events.map((e) => e.context?.sdk?.name)).toEqual(
      events.map((e) => (e.type === 'generation' ? '@tacit/node' : '@tacit/browser')),
    );
    const [view1, view2] = events.filter((e) => e.type === 'view') as [Stored, Stored];
    // At least the second of reading and the second of the snapshot debounce: enough to skim it.
    expect(visible(view1)).toBeGreaterThanOrEqual(2000);
    expect(visible(view1)).toBeGreaterThan(skimMs(answer));

    // What the signal engine concludes from exactly this behaviour (chat defaults).
    const id = (type: string, n = 0) => events.filter((e) => e.type === type)[n]?.id;
    const l1 = (await get<Labels>(`/v1/generations/${gen1}/labels`)).body;
    const l2 = (await get<Labels>(`/v1/generations/${gen2}/labels`)).body;
    const bySignal = (l: Labels) =>
      Object.fromEntries(
        l.signals.map((s) => [s.kind, { polarity: s.polarity, strength: s.strength, evidence: s.evidence }]),
      );
    expect(bySignal(l1)).toEqual({
      // A snippet (under 80 % of the answer) counts for less than a whole copy.
      copied: { polarity: 'positive', strength: 0.6, evidence: [id('copy')] },
      // The undo took back the user's own edit (not an accept: there was none), so the final
      // text is the answer as generated. No immediate_undo.
      edit_none: { polarity: 'positive', strength: 0.6, evidence: [id('edit', 1)] },
      // Regenerated after a copy: wanting alternatives, half the strength of a plain rejection.
      regenerated: { polarity: 'negative', strength: 1, evidence: [id('regenerate'), id('generation', 1)] },
      // Visible to the end for longer than it takes to skim.
      read_depth: { polarity: 'positive', strength: 0.5, evidence: [view1.id] },
    });
    expect(l1.signals.find((s) => s.kind === 'copied')?.details).toEqual({
      fraction: Math.round((20 / answer.length) * 1000) / 1000,
      whole: false,
    });
    expect(l1.signals.find((s) => s.kind === 'regenerated')?.details).toEqual({
      afterDownstream: true,
      replacedBy: [gen2],
    });
    expect(l1.label).toMatchObject({ grade: 'accepted', mixed: true, route: 'review' });
    expect(l1.label?.pGood).toBeGreaterThan(0.6);
    // The regeneration was left at once: nothing was done with it, and a glance is not reading
    // (unless this machine was so slow that the glance lasted long enough to skim it). The copy
    // came before it existed, so no regeneration is "kept" over the other.
    expect(bySignal(l2)).toEqual(
      visible(view2) >= skimMs(answer2)
        ? { read_depth: { polarity: 'positive', strength: 0.5, evidence: [view2.id] } }
        : {},
    );
    const session = (
      await get<{ dirty: boolean; outcome: { retries: number; status: string } }>(
        `/v1/sessions/${sessionId}/labels`,
      )
    ).body;
    expect(session).toMatchObject({ dirty: false, outcome: { retries: 1, status: 'unknown' } });
  });

  it('reads Ctrl+Z right after inserting an answer as an immediate undo of it', async () => {
    const page = await open();
    const sessionId = await sessionOf(page);
    const gen = await ask(page, 'What is Tacit?');
    const answer = await page.locator('.answer').inputValue();
    await page.click('.insert');
    expect(await page.inputValue('#draft')).toBe(answer);
    // The focus is in the draft, which Tacit does not observe: the undo is attributed to the
    // answer accepted within the last 10 seconds.
    await page.keyboard.press('Control+z');
    expect(await page.inputValue('#draft')).toBe('');
    await page.close({ runBeforeUnload: true });

    const events = await arrived(sessionId, ['message', 'generation', 'accept', 'undo', 'view', 'navigate']);
    expect(shape(events, { [gen]: 'gen' })).toEqual([
      ['message', '-', { text: 'What is Tacit?' }],
      ['generation', 'gen', expect.objectContaining({ output: answer })],
      ['accept', 'gen', { via: 'insert' }],
      ['undo', 'gen', { via: 'keyboard' }],
      ['view', 'gen', { visibleMs: expect.any(Number) as number, readDepth: 1 }],
      ['navigate', 'gen', { direction: 'away' }],
    ]);
    await labeled(tacit.url, tacit.keys.secretKey);
    const { label, signals } = (await get<Labels>(`/v1/generations/${gen}/labels`)).body;
    const [accept, undo, view] = events.filter((e) => ['accept', 'undo', 'view'].includes(e.type));
    // Taken back at once: a strong negative, and no standing accept. (Read to the end only if
    // this machine was slow enough for the answer to be in view long enough to skim it.)
    expect(signals.map((s) => [s.kind, s.polarity, s.strength, s.evidence])).toEqual([
      ['immediate_undo', 'negative', 2.5, [accept?.id, undo?.id]],
      ...(visible(view) >= skimMs(answer) ? [['read_depth', 'positive', 0.2, [view?.id]]] : []),
    ]);
    expect(label?.pGood).toBeLessThan(0.2);
  });

  it('delivers what is pending when the page closes: keepalive, then a beacon with ?key= past its budget', async () => {
    const context = await browser.newContext();
    const page = await open(context);
    const sessionId = await sessionOf(page);
    const gen = await ask(page, 'Write a haiku');
    await page.click('.up');
    // Record the SDK's beacons where the next page of this origin can read them.
    await page.evaluate(() => {
      const send = navigator.sendBeacon.bind(navigator);
      navigator.sendBeacon = (url, data) => {
        const ok = send(url, data);
        const seen = JSON.parse(localStorage.getItem('test:beacons') ?? '[]') as unknown[];
        localStorage.setItem('test:beacons', JSON.stringify([...seen, { url: String(url), ok }]));
        return ok;
      };
    });
    // A long draft pasted over the answer: its snapshot is still due when the page closes. Its
    // event (59.7 KB) fits in one request of the 60 KB unload budget but not in what the message
    // and the feedback (0.7 KB, sent first with fetch keepalive) left of it: it goes by beacon.
    const draft = 'A long draft pasted over the answer. '.repeat(1605);
    await page.locator('.answer').fill(draft);
    expect((await stored(sessionId)).filter((e) => e.type !== 'generation')).toEqual([]);
    await page.close({ runBeforeUnload: true });

    const events = await arrived(sessionId, [
      'message',
      'generation',
      'feedback',
      'edit',
      'view',
      'navigate',
    ]);
    expect(shape(events, { [gen]: 'gen' })).toEqual([
      ['message', '-', { text: 'Write a haiku' }],
      ['generation', 'gen', expect.objectContaining({ model: 'demo-model' })],
      ['feedback', 'gen', { thumb: 'up' }],
      ['edit', 'gen', { text: draft }],
      ['view', 'gen', { visibleMs: expect.any(Number) as number, readDepth: 1 }],
      ['navigate', 'gen', { direction: 'away' }],
    ]);
    const reader = await context.newPage();
    await reader.goto(`${demo.url}/tacit.js`); // same origin, and no SDK runs on it
    const beacons = await reader.evaluate(() => localStorage.getItem('test:beacons'));
    expect(JSON.parse(beacons ?? '[]')).toEqual([
      { url: `${tacit.url}/v1/events?key=${tacit.keys.publicKey}`, ok: true },
    ]);
    await context.close();
  });

  it('loses and duplicates nothing when Tacit is down, then up again on the same data directory', async () => {
    const port = Number(new URL(tacit.url).port);
    await tacit.stop();
    const context = await browser.newContext();
    const page = await open(context);
    const sessionId = await sessionOf(page);
    const gen = await ask(page, 'Can I get a refund?');
    await page.click('.down');
    // Nothing can be delivered: the page keeps its events in localStorage, the demo's server
    // retries its own.
    await page.close({ runBeforeUnload: true });
    tacit = await start(port);
    // The page's events wait in localStorage for the next visit (the generation may be back).
    expect((await stored(sessionId)).filter((e) => e.type !== 'generation')).toEqual([]);
    const kept = async (): Promise<string[]> => {
      const reader = await context.newPage();
      await reader.goto(`${demo.url}/tacit.js`); // same origin, and no SDK runs on it
      const q = await reader.evaluate(() => localStorage.getItem('tacit:q'));
      await reader.close();
      return (JSON.parse(q ?? '[]') as TacitEvent[]).map((e) => e.type);
    };
    expect(await kept()).toEqual(['message', 'feedback', 'view', 'navigate']);
    // The next visit resends them. It closes before Tacit's answer arrives, so it keeps them
    // too, and the visit after resends them again: Tacit acknowledges duplicates, stores once.
    for (let visit = 2; visit <= 3; visit++) {
      const next = await open(context);
      await next.close({ runBeforeUnload: true });
      await arrived(sessionId, Array<string>(visit).fill('navigate'));
      if (visit === 2) expect(await kept()).toEqual(['message', 'feedback', 'view', 'navigate', 'navigate']);
    }
    const events = await arrived(sessionId, ['message', 'generation', 'feedback', 'view', 'navigate']);
    expect(shape(events, { [gen]: 'gen' })).toEqual([
      ['message', '-', { text: 'Can I get a refund?' }],
      ['generation', 'gen', expect.objectContaining({ model: 'demo-model' })],
      ['feedback', 'gen', { thumb: 'down' }],
      ['view', 'gen', { visibleMs: expect.any(Number) as number, readDepth: 1 }],
      ['navigate', 'gen', { direction: 'away' }],
      // Visits 2 and 3, which showed no output.
      ['navigate', '-', { direction: 'away' }],
      ['navigate', '-', { direction: 'away' }],
    ]);
    // Sent late, but stamped when they happened.
    const first = Date.parse(events[0]?.ts ?? '');
    expect(Date.parse(events[0]?.receivedAt ?? '') - first).toBeGreaterThan(500);
    await context.close();
  });
});
