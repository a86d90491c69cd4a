import { sketchSimilarity, sketchText, validateEvent, type SimilaritySketch } from '@tacit/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { init, type TacitError, type TacitOptions } from '../src/index.ts';
import { fakePlatform } from './fake-platform.ts';

function setup(options: Partial<TacitOptions> = {}, f = fakePlatform()) {
  const errors: TacitError[] = [];
  const tacit = init({
    key: 'pk_test',
    endpoint: 'https://tacit.test',
    onError: (e) => errors.push(e),
    ...options,
    platform: { ...f.platform, ...options.platform },
  });
  const events = () => f.sent.flatMap((s) => s.events);
  return { f, tacit, errors, events };
}

describe('@tacit/browser manual API', () => {
  it('sends this wire format for every event type', async () => {
    const { tacit, events } = setup({
      app: 'acme',
      appVersion: '3.2.0',
      contentType: 'chat',
      cohort: { plan: 'pro' },
      userId: 'user-7',
    });
    tacit.setCohort({ locale: 'en-GB' });
    const messageId = tacit.message('Write a two-line poem about autumn.');
    const gen = tacit.generation({ prompt: 'Write a poem', output: 'Leaves let go.', model: 'm', messageId });
    tacit.accept(gen, 'insert');
    tacit.edit(gen, 'Leaves let go, at last.');
    tacit.undo(gen);
    tacit.regenerate(gen, 'gen-2');
    tacit.copy('gen-2', { chars: 10, fraction: 0.5, text: 'Leaves let' });
    tacit.share('gen-2', 'slack');
    tacit.export('gen-2', 'docx');
    tacit.view('gen-2', { visibleMs: 6400, readDepth: 1 });
    tacit.navigate('away', { generationId: 'gen-2', url: 'https://example.com/docs' });
    tacit.feedback('gen-2', { thumb: 'up', score: 5, scale: { min: 1, max: 5 } });
    tacit.complete('document_published', { value: 1 });
    tacit.custom('citation_clicked', { position: 2 }, { generationId: 'gen-2' });
    tacit.track('share', { channel: 'email' }, { generationId: 'gen-2' });
    tacit.endSession('logout');
    expect(await tacit.flush()).toBe(0);
    const sent = events();
    expect(sent.map((e) => e.type)).toEqual([
      'message',
      'generation',
      'accept',
      'edit',
      'undo',
      'regenerate',
      'copy',
      'share',
      'export',
      'view',
      'navigate',
      'feedback',
      'complete',
      'custom',
      'share',
      'session_end',
    ]);
    for (const e of sent) expect([e.type, validateEvent(e)]).toMatchObject([e.type, { ok: true }]);
    // All in the same millisecond: ids still sort in the order the events happened, which is
    // how Tacit orders simultaneous events.
    const ids = sent.map((e) => e.id);
    expect([...ids].sort()).toEqual(ids);
    expect(sent).toMatchSnapshot();
  });

  it('in privacy mode sends a sketch for messages and statistics for edits, still usable for rephrase detection', async () => {
    const { tacit, events } = setup({ captureContent: false });
    tacit.message('How do I reset my password?');
    tacit.message('how can i reset my password');
    tacit.edit('g1', 'The cat sat on a warm mat today', 'The cat sat on the mat');
    tacit.copy('g1', { chars: 7, fraction: 0.3, text: 'The cat' });
    tacit.generation({ generationId: 'g2', prompt: 'secret prompt', output: 'secret output', model: 'm' });
    await tacit.flush();
    const sent = events();
    const body = JSON.stringify(sent);
    for (const secret of ['password', 'cat', 'secret']) expect(body).not.toContain(secret);
    for (const e of sent) expect(validateEvent(e).ok).toBe(true);
    const [a, b] = sent.map((e) => (e.properties as { sketch?: SimilaritySketch }).sketch);
    expect(a).toEqual(sketchText('How do I reset my password?'));
    expect(sketchSimilarity(a!, b!)).toBeGreaterThan(0.5);
    expect(sent[2]?.properties).toEqual({
      stats: { wordsKept: 5, wordsRemoved: 1, wordsAdded: 3, finalChars: 31 },
    });
    expect(sent[3]?.properties).toEqual({ chars: 7, fraction: 0.3 });
    // The privacy-mode wire format: sketches, statistics, no texts.
    expect(sent).toMatchSnapshot();
  });

  it('redacts texts and lets beforeSend change or drop events', async () => {
    const { tacit, events } = setup({
      redact: (t) => t.replace(/\S+@\S+/g, '[email]'),
      beforeSend: (e) =>
        e.type === 'custom' ? null : { ...e, properties: { ...e.properties, tagged: true } },
    });
    tacit.message('mail bob@example.com please');
    expect(tacit.custom('dropped')).toBe('');
    await tacit.flush();
    expect(events()).toHaveLength(1);
    expect(events()[0]?.properties).toEqual({ text: 'mail [email] please', tagged: true });
  });

  it('keeps one session per visit, across page loads, renewed after inactivity', async () => {
    const f = fakePlatform();
    const first = setup({}, f).tacit.sessionId();
    expect(setup({}, f).tacit.sessionId()).toBe(first);
    await f.advance(31 * 60_000);
    const later = setup({}, f).tacit.sessionId();
    expect(later).not.toBe(first);
    expect(later).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(setup({ sessionId: 'conv-9' }, f).tacit.sessionId()).toBe('conv-9');
  });

  it('keeps unsent events in localStorage and sends them on the next visit, once', async () => {
    const f = fakePlatform();
    const first = setup({}, f);
    f.answer('network');
    first.tacit.message('first visit');
    first.tacit.feedback('g1', { thumb: 'down' });
    await f.advance(2000);
    expect(first.tacit.stats().queued).toBe(2);
    // The page is closed before the retry; the next visit finds the events in storage.
    const next = setup({}, f);
    expect(next.tacit.stats().queued).toBe(2);
    next.tacit.message('second visit');
    expect(await next.tacit.flush()).toBe(0);
    const texts = f.sent.at(-1)?.events.map((e) => (e.properties as { text?: string }).text ?? e.type);
    expect(texts).toEqual(['first visit', 'feedback', 'second visit']);
    expect(JSON.parse(f.store.get('tacit:q') ?? '[]')).toEqual([]);
  });

  it('persist: false keeps nothing in storage', async () => {
    const f = fakePlatform();
    f.answer('network');
    const { tacit } = setup({ persist: false }, f);
    tacit.message('x');
    await f.advance(2000);
    expect(f.store.size).toBe(0);
  });

  it('never throws into the page, whatever it is given', async () => {
    const { tacit, errors } = setup({
      redact: () => {
        throw new Error('bad redact');
      },
    });
    const cyclic: Record<string, unknown> = {};
    cyclic.loop = cyclic;
    const calls: (() => unknown)[] = [
      () => tacit.message(undefined as never),
      () => tacit.message('x'),
      () => tacit.custom('c', cyclic),
      () => tacit.custom('big', { n: 10n }),
      () => tacit.generation(undefined as never),
      () => tacit.copy('g', undefined as never),
      () => tacit.observe(undefined as never, undefined as never),
      () => tacit.track(undefined as never, undefined, undefined),
      () => tacit.setCohort(null as never),
    ];
    for (const call of calls) expect(call).not.toThrow();
    expect(errors.length).toBeGreaterThanOrEqual(6);
    expect(errors.every((e) => e.code === 'internal')).toBe(true);
    fc.assert(
      fc.property(fc.string(), fc.anything(), fc.anything(), (type, props, opts) => {
        tacit.track(type, props as never, opts as never);
        tacit.feedback(type, props as never);
        tacit.navigate(type as never, opts as never);
        return true;
      }),
      { numRuns: 200 },
    );
    await expect(tacit.flush()).resolves.toBeTypeOf('number');
  });

  it('survives broken storage and a corrupted saved queue', () => {
    const f = fakePlatform();
    f.store.set('tacit:q', '{not json');
    const throwing = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => undefined,
    };
    expect(() => setup({}, f).tacit.message('a')).not.toThrow();
    const broken = setup({ platform: { storage: throwing } });
    expect(() => broken.tacit.message('b')).not.toThrow();
    expect(broken.tacit.sessionId()).toMatch(/^[0-9a-f-]{36}$/);
  });
});
