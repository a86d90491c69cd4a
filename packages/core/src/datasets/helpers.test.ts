import { describe, expect, it } from 'vitest';
import { parseAnchor, anchorKtoRows, anchorPair } from './anchors.ts';
import { CardCounter } from './card.ts';
import { pairConfidence, USER_TEXT_P_GOOD } from './confidence.ts';
import { trlKtoRowSchema } from './consumer-schemas.ts';
import { PairDeduper } from './dedupe.ts';
import { errorModeOf } from './error-modes.ts';
import { recencyWeight } from './recency.ts';

const answer =
  'To reset your password open Settings, choose Security, press Reset password and follow the link we email you within a few minutes.';

describe('PairDeduper', () => {
  it('collapses exact and near-duplicate pairs, keeps distinct ones', () => {
    const d = new PairDeduper();
    const pair = { prompt: 'how do I reset my password', chosen: answer, rejected: 'Contact support.' };
    expect(d.isDuplicate(pair)).toBe(false);
    expect(d.isDuplicate({ ...pair })).toBe(true);
    expect(d.isDuplicate({ ...pair, chosen: `${answer} ` })).toBe(true);
    expect(d.isDuplicate({ ...pair, chosen: answer.replace('a few minutes', 'a few minutes or so') })).toBe(
      true,
    );
    expect(
      d.isDuplicate({ ...pair, chosen: 'Open the app and tap Forgot password on the sign-in screen.' }),
    ).toBe(false);
    expect(d.duplicates).toBe(3);
  });
});

describe('errorModeOf', () => {
  const mode = (response: string, p: { prompt?: string; reference?: string; followUps?: string[] } = {}) =>
    errorModeOf({
      prompt: p.prompt ?? 'question',
      response,
      ...(p.reference !== undefined ? { reference: p.reference } : {}),
      features: { followUps: p.followUps ?? [] },
    }).mode;

  it('buckets refusals, hallucinations, format and length failures, and the rest', () => {
    expect(mode("I'm sorry, but I can't help with that request.")).toBe('refusal');
    expect(mode('The Eiffel Tower is in Rome.', { followUps: ['that is wrong, it is in Paris'] })).toBe(
      'hallucination',
    );
    expect(
      mode('It opened in 1887 and is 300 m tall.', { reference: 'It opened in 1889 and is 300 m tall.' }),
    ).toBe('hallucination');
    expect(mode('Apples, pears and plums.', { prompt: 'List three fruits as JSON' })).toBe('format');
    expect(mode(answer, { followUps: ['can you make it shorter'] })).toBe('length');
    expect(mode(answer, { reference: 'Open Settings, then Security.' })).toBe('length');
    expect(mode(answer, { reference: answer.replace('Settings', 'Preferences') })).toBe('other');
  });
});

describe('recencyWeight', () => {
  it('halves every half-life before the export end and never exceeds 1', () => {
    expect(recencyWeight('2026-05-01T00:00:00Z', '2026-05-31T00:00:00Z', 30)).toBe(0.5);
    expect(recencyWeight('2026-04-01T00:00:00Z', '2026-05-31T00:00:00Z', 30)).toBeCloseTo(0.25, 2);
    expect(recencyWeight('2026-06-01T00:00:00Z', '2026-05-31T00:00:00Z', 30)).toBe(1);
  });
});

describe('pairConfidence', () => {
  it('is high when the rejected side was surely bad and lower for a touch-up of a fine output', () => {
    expect(pairConfidence(USER_TEXT_P_GOOD, 0.1)).toBeGreaterThan(0.99);
    expect(pairConfidence(USER_TEXT_P_GOOD, 0.85)).toBeLessThan(0.8);
    expect(pairConfidence(0.5, 0.5)).toBe(0.5);
  });
});

describe('anchors', () => {
  it('reads CSV-style records (messages as JSON text, labels as words) and gives stable ids', () => {
    const rec = {
      prompt: '[{"role":"user","content":"Hi"}]',
      response: 'Hello!',
      label: 'good',
      model_version: 'v1',
      note: '',
    };
    const a = parseAnchor(rec);
    const b = parseAnchor({ ...rec });
    expect(a).toMatchObject({
      ok: true,
      value: { prompt: [{ role: 'user', content: 'Hi' }], label: true, modelVersion: 'v1' },
    });
    expect(a.ok && b.ok && a.value.id === b.value.id).toBe(true);
    if (!a.ok) throw new Error('unreachable');
    expect(anchorKtoRows(a.value).map((r) => trlKtoRowSchema.parse(r).label)).toEqual([true]);
    expect(anchorPair(a.value)).toBeUndefined();
    expect(parseAnchor({ prompt: 'x' })).toMatchObject({
      ok: false,
      error: expect.stringContaining('response + label'),
    });
  });
});

describe('CardCounter', () => {
  it('counts rows by split, source, label and slice, and the time range', () => {
    const c = new CardCounter();
    c.add('data', { source: 'edit', at: '2026-05-02T00:00:00.000Z', slices: ['x'] });
    c.add('data', { source: 'rephrase', at: '2026-05-01T00:00:00.000Z', slices: ['x', 'y'] });
    c.add('anchors', { source: 'anchor' });
    expect(c.counts().source).toEqual({ anchor: 1, edit: 1, rephrase: 1 });
    expect(c.counts().slice).toEqual({ x: 2, y: 1 });
    expect(c.splits).toEqual({ data: 2, anchors: 1 });
    expect([c.first, c.last]).toEqual(['2026-05-01T00:00:00.000Z', '2026-05-02T00:00:00.000Z']);
  });
});
