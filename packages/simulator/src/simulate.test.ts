import { CORRECTION_CUES, validateEvent, words, type TacitEvent } from '@tacit/core';
import { describe, expect, it } from 'vitest';
import { CONTENT_TYPES } from './config.ts';
import { AA_MODELS, DEFAULT_MODELS } from './defaults.ts';
import { measureRates } from './rates.ts';
import { simulate, simulateEvents } from './simulate.ts';
import type { GenerationTruth, MessageTruth, SessionTruth, SimRecord } from './truth.ts';

const jsonl = (records: Iterable<SimRecord>) => {
  let out = '';
  for (const r of records) out += `${JSON.stringify(r)}\n`;
  return out;
};

function split(records: SimRecord[]) {
  const events: TacitEvent[] = [];
  const generations: GenerationTruth[] = [];
  const messages: MessageTruth[] = [];
  const sessions: SessionTruth[] = [];
  for (const r of records) {
    if (r.kind === 'event') events.push(r.event);
    else if (r.kind === 'generation') generations.push(r);
    else if (r.kind === 'message') messages.push(r);
    else sessions.push(r);
  }
  return { events, generations, messages, sessions };
}

/** One shared sample of mixed traffic (about 70k events). */
const sample = split([...simulate({ seed: 11, sessions: 6000 })]);

describe('simulate', () => {
  it('is deterministic: the same seed gives byte-identical output, another seed other output', () => {
    const a = jsonl(simulate({ seed: 3, sessions: 300 }));
    const b = jsonl(simulate({ seed: 3, sessions: 300 }));
    const c = jsonl(simulate({ seed: 4, sessions: 300 }));
    expect(a.length).toBeGreaterThan(100_000);
    expect(a === b).toBe(true);
    expect(a === c).toBe(false);
  });

  it('streams: the first event of a 10M-event simulation arrives at once', () => {
    const started = performance.now();
    const first = simulateEvents({ events: 10_000_000 }).next();
    expect(first.done).toBe(false);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('emits only events that validate with the core schema', () => {
    const { events } = sample;
    expect(events.length).toBeGreaterThan(50_000);
    const bad = events.map((e) => validateEvent(e)).filter((r) => !r.ok);
    expect(bad.slice(0, 3)).toEqual([]);
    const types = new Set(events.map((e) => e.type));
    for (const t of [
      'generation',
      'message',
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
      'session_end',
      'custom',
    ]) {
      expect(types, t).toContain(t);
    }
  });

  it('stops near the requested number of events', () => {
    let n = 0;
    for (const _ of simulateEvents({ events: 5000, seed: 2 })) n++;
    expect(n).toBeGreaterThanOrEqual(5000);
    expect(n).toBeLessThan(5300);
  });

  it('delivers in rough time order, sessions spread over the configured days', () => {
    const { events, sessions } = sample;
    let inversions = 0;
    let prev = 0;
    for (const e of events) {
      const t = Date.parse(e.ts);
      if (t < prev - 5 * 60_000) inversions++;
      prev = t;
    }
    // Only late deliveries and skewed clocks go back in time.
    expect(inversions / events.length).toBeLessThan(0.03);
    const starts = sessions.map((s) => Date.parse(s.start));
    const span = (Math.max(...starts) - Math.min(...starts)) / 86_400_000;
    expect(span).toBeGreaterThan(27);
    expect(span).toBeLessThan(33);
  });

  it('writes hidden truth for every generation and session, consistent with the events', () => {
    const { events, generations, sessions } = sample;
    const generationEvents = new Set(
      events.filter((e) => e.type === 'generation').map((e) => e.generationId),
    );
    expect(new Set(generations.map((g) => g.generationId))).toEqual(generationEvents);
    expect(new Set(sessions.map((s) => s.sessionId))).toEqual(new Set(events.map((e) => e.sessionId)));
    for (const g of generations) expect(g.good).toBe(g.quality >= 0.5);
    const good = generations.filter((g) => g.good).length / generations.length;
    expect(good).toBeGreaterThan(0.6);
    expect(good).toBeLessThan(0.85);
  });

  it('gives each model version a hidden quality per task type', () => {
    const { generations } = sample;
    const mean = new Map<string, [number, number]>();
    for (const g of generations) {
      const k = `${g.modelVersion}|${g.taskType}`;
      const m = mean.get(k) ?? [0, 0];
      mean.set(k, [m[0] + g.quality, m[1] + 1]);
    }
    const of = (v: string, t: string) => {
      const m = mean.get(`${v}|${t}`)!;
      return m[0] / m[1];
    };
    const types = [...new Set(generations.map((g) => g.taskType))];
    expect(types.length).toBeGreaterThanOrEqual(15);
    // The best and worst task types of a version differ by more than sampling noise.
    const large = types.map((t) => of('large-2026-04', t));
    expect(Math.max(...large) - Math.min(...large)).toBeGreaterThan(0.1);
  });

  it('links regenerations: a regenerate event on the parent names the new generation', () => {
    const { events, generations } = sample;
    const regenerated = new Map(
      events
        .filter((e) => e.type === 'regenerate')
        .map((e) => [e.generationId, (e.properties as { newGenerationId: string }).newGenerationId]),
    );
    const children = generations.filter((g) => g.parentId !== undefined);
    expect(children.length).toBeGreaterThan(100);
    for (const g of children) expect(regenerated.get(g.parentId!)).toBe(g.generationId);
  });

  it('rephrases in new words, corrects with a cue, and builds on with a different message', () => {
    const { events, messages } = sample;
    const text = new Map(
      events.filter((e) => e.type === 'message').map((e) => [e.id, (e.properties as { text: string }).text]),
    );
    const byRelation = (r: MessageTruth['relation']) => messages.filter((m) => m.relation === r);
    const rephrases = byRelation('rephrase');
    expect(rephrases.length).toBeGreaterThan(200);
    for (const m of rephrases) expect(text.get(m.messageId)).not.toBe(text.get(m.previousMessageId!));
    const cue = new RegExp(`\\b(${CORRECTION_CUES.join('|')})\\b`);
    for (const m of byRelation('correction')) expect(words(text.get(m.messageId)!).join(' ')).toMatch(cue);
    expect(byRelation('builds_on').length).toBeGreaterThan(200);
  });

  it('makes real word-level edits: small for editors customising, large for overwrites', () => {
    const { events, generations } = sample;
    const output = new Map(
      events
        .filter((e) => e.type === 'generation')
        .map((e) => [e.generationId, (e.properties as { output: string }).output]),
    );
    const finalEdit = new Map<string, string>();
    for (const e of events)
      if (e.type === 'edit') finalEdit.set(e.generationId, (e.properties as { text: string }).text);
    const changed = (g: GenerationTruth) => {
      const before = new Set(words(output.get(g.generationId)!));
      const after = words(finalEdit.get(g.generationId)!);
      return after.filter((w) => !before.has(w)).length / Math.max(after.length, 1);
    };
    const mean = (gs: GenerationTruth[]) => gs.map(changed).reduce((a, b) => a + b, 0) / gs.length;
    const customised = generations.filter(
      (g) => g.reaction === 'customised' && finalEdit.has(g.generationId),
    );
    const overwritten = generations.filter((g) => g.reaction === 'overwritten');
    expect(customised.length).toBeGreaterThan(50);
    for (const g of [...customised, ...overwritten])
      expect(finalEdit.get(g.generationId)).not.toBe(output.get(g.generationId));
    expect(mean(customised)).toBeLessThan(0.1);
    expect(mean(overwritten)).toBeGreaterThan(mean(customised) + 0.1);
  });

  it('has realistic rates per product type (README table)', () => {
    const rates = measureRates(simulate({ seed: 5, sessions: 8000 }));
    const all = rates.all;
    expect(all.retrySessions).toBeGreaterThan(0.15);
    expect(all.retrySessions).toBeLessThan(0.45);
    expect(all.copySessions).toBeGreaterThan(0.2);
    expect(all.copySessions).toBeLessThan(0.6);
    expect(all.editSessions).toBeGreaterThan(0.05);
    expect(all.editSessions).toBeLessThan(0.3);
    // Edits belong to products with editable output.
    expect(rates.code.editSessions).toBeGreaterThan(0.15);
    expect(rates.writing.editSessions).toBeGreaterThan(0.15);
    expect(rates.chat.editSessions).toBeLessThan(0.02);
    for (const t of [...CONTENT_TYPES, 'all'] as const) {
      expect(rates[t].thumbsPerGeneration, t).toBeGreaterThan(0.01);
      expect(rates[t].thumbsPerGeneration, t).toBeLessThanOrEqual(0.03);
    }
  });

  it('skews explicit feedback to strong opinions', () => {
    const { events, generations } = sample;
    const thumbed = new Set(events.filter((e) => e.type === 'feedback').map((e) => e.generationId));
    const strength = (gs: GenerationTruth[]) =>
      gs.reduce((a, g) => a + Math.abs(2 * g.quality - 1), 0) / gs.length;
    expect(strength(generations.filter((g) => thumbed.has(g.generationId)))).toBeGreaterThan(
      strength(generations) + 0.1,
    );
  });

  it('draws behaviour from quality: a naive behaviour score separates good from bad answers', () => {
    const { events, generations } = sample;
    const score = new Map<string, number>();
    const add = (id: string | undefined, d: number) =>
      id !== undefined && score.set(id, (score.get(id) ?? 0) + d);
    for (const e of events) {
      if (['copy', 'share', 'export', 'accept'].includes(e.type)) add(e.generationId, 1);
      if (e.type === 'regenerate' || e.type === 'undo') add(e.generationId, -2);
    }
    const pos = generations.filter((g) => g.good).map((g) => score.get(g.generationId) ?? 0);
    const neg = generations.filter((g) => !g.good).map((g) => score.get(g.generationId) ?? 0);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(pos) - mean(neg)).toBeGreaterThan(0.5);
  });

  it('has every kind of noise: duplicates, late deliveries, skewed clocks, changes of mind, interruptions, customising editors', () => {
    const { events, generations, sessions } = sample;
    const ids = new Set<string>();
    let duplicates = 0;
    for (const e of events) {
      if (ids.has(e.id)) duplicates++;
      ids.add(e.id);
    }
    expect(duplicates / events.length).toBeGreaterThan(0.001);
    expect(duplicates / events.length).toBeLessThan(0.01);
    // Late: delivered after an event of its session that happened more than two minutes later.
    const latest = new Map<string, number>();
    let late = 0;
    for (const e of events) {
      const t = Date.parse(e.ts);
      const seen = latest.get(e.sessionId) ?? -Infinity;
      if (t < seen - 120_000) late++;
      latest.set(e.sessionId, Math.max(seen, t));
    }
    expect(late).toBeGreaterThan(20);
    // Skew: the client timestamp of a generation differs from its true time by the user's skew.
    const skewed = sessions.filter((s) => s.clockSkewMs !== 0);
    expect(skewed.length / sessions.length).toBeGreaterThan(0.005);
    const skewOf = new Map(sessions.map((s) => [s.sessionId, s.clockSkewMs]));
    const truthTs = new Map(generations.map((g) => [g.generationId, Date.parse(g.ts)]));
    for (const e of events) {
      if (e.type !== 'generation') continue;
      expect(Date.parse(e.ts) - truthTs.get(e.generationId)!).toBe(skewOf.get(e.sessionId));
    }
    const noise = new Set(generations.map((g) => g.noise));
    for (const n of ['changed_mind', 'interrupted', 'customised']) expect(noise).toContain(n);
    expect(generations.some((g) => g.noise === 'changed_mind' && g.good && g.satisfied)).toBe(true);
    expect(sessions.some((s) => s.interrupted && s.abandoned)).toBe(true);
  });
});

describe('regression and A/A configurations', () => {
  const from = '2026-05-16T00:00:00.000Z';
  const degradedModels = DEFAULT_MODELS.map((m) =>
    m.version === 'large-2026-05' ? { ...m, degrade: { from, drop: 0.2 } } : m,
  );

  it('a degraded version loses quality after the configured time, and only that version', () => {
    const { generations, sessions } = split([
      ...simulate({ seed: 9, sessions: 6000, models: degradedModels }),
    ]);
    const t = Date.parse(from);
    const mean = (gs: GenerationTruth[]) => gs.reduce((a, g) => a + g.quality, 0) / gs.length;
    const of = (v: string, after: boolean) =>
      generations.filter((g) => g.modelVersion === v && Date.parse(g.ts) >= t === after);
    expect(mean(of('large-2026-05', false)) - mean(of('large-2026-05', true))).toBeGreaterThan(0.1);
    expect(Math.abs(mean(of('large-2026-04', false)) - mean(of('large-2026-04', true)))).toBeLessThan(0.03);
    for (const g of generations)
      expect(g.degraded).toBe(g.modelVersion === 'large-2026-05' && Date.parse(g.ts) >= t);
    const retryRate = (after: boolean) => {
      const ss = sessions.filter(
        (s) => s.modelVersion === 'large-2026-05' && Date.parse(s.start) >= t === after,
      );
      return ss.filter((s) => s.retries > 0).length / ss.length;
    };
    expect(retryRate(true) - retryRate(false)).toBeGreaterThan(0.05);
  });

  it('an A/A split gives two versions with the same behaviour', () => {
    const { sessions } = split([...simulate({ seed: 10, sessions: 8000, models: AA_MODELS })]);
    const rate = (v: string) => {
      const ss = sessions.filter((s) => s.modelVersion === v);
      return ss.filter((s) => s.retries > 0).length / ss.length;
    };
    expect(sessions.filter((s) => s.modelVersion === 'large-a').length / sessions.length).toBeCloseTo(0.5, 1);
    expect(Math.abs(rate('large-a') - rate('large-b'))).toBeLessThan(0.035);
  });
});
