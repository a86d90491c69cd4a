/// <reference lib="dom" />
// page.evaluate callbacks run in the page: they use DOM types.
import { existsSync } from 'node:fs';
import type { TacitEvent } from '@tacit/core';
import { startCollector, type Collector } from '@tacit/node/testing';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo, type Demo } from '../src/index.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

if (!existsSync(CHROMIUM))
  console.warn(`skipping the Chromium tests: ${CHROMIUM} is missing (apt-get install -y chromium)`);

describe.skipIf(!existsSync(CHROMIUM))('the demo chat in Chromium', () => {
  let collector: Collector;
  let demo: Demo;
  let browser: Browser;

  beforeAll(async () => {
    collector = await startCollector();
    // A minute between batches: what arrives early was sent by an unload flush, not by the timer.
    [demo, browser] = await Promise.all([
      startDemo({
        port: 0,
        tacitEndpoint: collector.url,
        publicKey: 'pk_demo',
        secretKey: 'sk_demo',
        flushIntervalMs: 60_000,
        onError: () => undefined,
      }),
      chromium.launch({ executablePath: CHROMIUM, args: ARGS }),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.close();
    await collector?.close();
  });

  async function open(context?: BrowserContext): Promise<Page> {
    const page = await (context ?? (await browser.newContext())).newPage();
    await page.goto(demo.url);
    return page;
  }

  async function ask(page: Page, question: string): Promise<string> {
    await page.fill('#question', question);
    await page.click('#send');
    const turn = page.locator('.turn').last();
    await turn.locator('.answer').waitFor();
    return (await turn.getAttribute('data-tacit-generation')) ?? '';
  }

  const ofSession = (sessionId: string): TacitEvent[] =>
    collector.events.filter((e) => e.sessionId === sessionId);

  it('records question, answer, copy, edit, undo, regenerate and navigation, in order, with their generations', async () => {
    const page = await open();
    const sessionId = await page.evaluate(() =>
      (window as unknown as { tacit: { sessionId(): string } }).tacit.sessionId(),
    );
    const gen1 = await ask(page, 'How do I reset my password?');
    const box = page.locator('.answer');
    const answer = await box.inputValue();
    expect(answer).toContain('Reset password');

    // Copy the first 20 characters.
    await box.evaluate((el: HTMLTextAreaElement) => {
      el.focus();
      el.setSelectionRange(0, 20);
    });
    await page.keyboard.press('Control+c');
    // Edit: type at the end, then wait for the debounced snapshot.
    await box.press('Control+End');
    await page.keyboard.type(' Thanks!');
    await page.waitForTimeout(1300);
    // Undo it.
    await page.keyboard.press('Control+z');
    await page.waitForTimeout(1300);
    // Regenerate: the answer is replaced by a new generation.
    await page.click('.regenerate');
    await page.waitForFunction(
      (old) => document.querySelector('.turn')?.getAttribute('data-tacit-generation') !== old,
      gen1,
    );
    const gen2 = (await page.locator('.turn').getAttribute('data-tacit-generation')) ?? '';
    // Navigate away through a link, then come back.
    await page.click('#docs');
    await page.waitForURL('**/elsewhere');
    await page.goBack();
    await page.waitForURL(demo.url + '/');
    await page.close({ runBeforeUnload: true });

    await collector.waitFor((es) =>
      es.some((e) => e.sessionId === sessionId && e.type === 'navigate' && e.properties.direction === 'back'),
    );
    await collector.waitFor(() => ofSession(sessionId).filter((e) => e.type === 'generation').length === 2);
    const events = ofSession(sessionId).sort((a, b) => a.ts.localeCompare(b.ts));
    const mine = (e: TacitEvent): boolean => e.type !== 'view' && e.generationId !== undefined;
    expect(
      events
        .filter(mine)
        .map((e) => [
          e.type,
          e.generationId === gen1 ? 'gen1' : e.generationId === gen2 ? 'gen2' : e.generationId,
        ]),
    ).toEqual([
      ['generation', 'gen1'],
      ['copy', 'gen1'],
      ['edit', 'gen1'],
      ['undo', 'gen1'],
      ['edit', 'gen1'],
      ['regenerate', 'gen1'],
      ['generation', 'gen2'],
      ['navigate', 'gen2'],
      ['navigate', 'gen2'],
    ]);
    const byType = (type: string, n = 0): TacitEvent | undefined => events.filter((e) => e.type === type)[n];
    const message = byType('message');
    expect(message?.properties).toEqual({ text: 'How do I reset my password?' });
    expect(byType('generation')?.properties).toMatchObject({
      messageId: message?.id,
      output: answer,
      model: 'demo-model',
    });
    expect(byType('generation', 1)?.properties).toMatchObject({ parentId: gen1, messageId: message?.id });
    expect(byType('copy')?.properties).toEqual({
      chars: 20,
      fraction: Math.round((20 / answer.length) * 1000) / 1000,
      text: answer.slice(0, 20),
    });
    expect(byType('edit')?.properties).toEqual({ text: `${answer} Thanks!` });
    expect(byType('undo')?.properties).toEqual({ via: 'keyboard' });
    expect(byType('edit', 1)?.properties).toEqual({ text: answer });
    // Away from the chat, away from the docs page, back to the chat, away when it closes.
    expect(events.filter((e) => e.type === 'navigate').map((e) => e.properties.direction)).toEqual([
      'away',
      'away',
      'back',
      'away',
    ]);
    expect(events.find((e) => e.type === 'navigate')?.properties.url).toBe(`${demo.url}/elsewhere`);
    const views = events.filter((e) => e.type === 'view' && e.generationId === gen1);
    expect(views.at(-1)?.properties).toMatchObject({ readDepth: 1 });
    expect(views.at(-1)?.properties.visibleMs).toBeGreaterThan(2000);
    expect(collector.invalid).toEqual([]);
  });

  it('delivers pending events when the page is closed', async () => {
    const page = await open();
    const gen = await ask(page, 'Write a haiku');
    await page.click('.up');
    await page.waitForTimeout(200);
    expect(collector.events.some((e) => e.type === 'feedback' && e.generationId === gen)).toBe(false);
    await page.close({ runBeforeUnload: true });
    const events = await collector.waitFor(
      (es) => es.some((e) => e.type === 'feedback' && e.generationId === gen),
      5000,
    );
    expect(events.find((e) => e.type === 'feedback' && e.generationId === gen)?.properties).toEqual({
      thumb: 'up',
    });
  });

  it('loses and duplicates nothing when Tacit is down, then up', async () => {
    const context = await browser.newContext();
    collector.mode = { kind: 'down' };
    const page = await open(context);
    const sessionId = await page.evaluate(() =>
      (window as unknown as { tacit: { sessionId(): string } }).tacit.sessionId(),
    );
    const gen = await ask(page, 'Can I get a refund?');
    await page.click('.down');
    await page.close({ runBeforeUnload: true });
    await new Promise((r) => setTimeout(r, 500));
    const attempted = collector.requests.filter((r) => r.status === -1).length;
    expect(attempted).toBeGreaterThan(0);
    expect(ofSession(sessionId)).toEqual([]);

    collector.mode = { kind: 'up' };
    // The next visit resends what the last one kept in localStorage; the server retries its own.
    const next = await open(context);
    await next.close({ runBeforeUnload: true });
    await collector.waitFor(
      () =>
        ['message', 'generation', 'feedback', 'navigate'].every((t) =>
          ofSession(sessionId).some((e) => e.type === t),
        ),
      15_000,
    );
    const stored = ofSession(sessionId);
    expect(stored.find((e) => e.type === 'feedback')).toMatchObject({
      generationId: gen,
      properties: { thumb: 'down' },
    });
    // Stored once each: no event was re-created under a new id.
    const keys = stored.map((e) => `${e.type}|${e.generationId ?? ''}|${e.ts}`);
    expect(new Set(keys).size).toBe(keys.length);
    await context.close();
  });
});
