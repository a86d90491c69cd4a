import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EVENT_TYPES } from './event.ts';
import { formatPath, validateEvent } from './validate.ts';

const base = { id: 'e1', ts: '2026-11-23T12:00:00.000Z', sessionId: 's1', generationId: 'g1' };

describe('validateEvent', () => {
  it('accepts a minimal copy event and keeps unknown properties', () => {
    const r = validateEvent({ ...base, type: 'copy', properties: { chars: 3, fraction: 0.5, extra: 'x' } });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.properties).toMatchObject({ chars: 3, extra: 'x' });
  });

  it('names the field and the rule of a type error', () => {
    const r = validateEvent({ ...base, type: 'copy', properties: { chars: 'ten' } });
    expect(r).toEqual({
      ok: false,
      errors: [{ path: 'properties.chars', message: 'expected number, got string' }],
    });
  });

  it('rejects an unknown type by naming it', () => {
    const r = validateEvent({ ...base, type: 'teleport', properties: {} });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors[0]?.path).toBe('type');
      expect(r.errors[0]?.message).toContain('"teleport"');
    }
  });

  it('requires a generation id on events about a generation', () => {
    const { generationId: _, ...noGen } = base;
    const r = validateEvent({ ...noGen, type: 'undo', properties: {} });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.path)).toContain('generationId');
  });

  it('defaults missing properties to {} where every property is optional', () => {
    const r = validateEvent({ ...base, type: 'accept' });
    expect(r.ok && r.value.properties).toEqual({});
  });

  it('rejects timestamps without an offset and impossible dates', () => {
    expect(validateEvent({ ...base, type: 'accept', ts: '2026-11-23 12:00' }).ok).toBe(false);
    expect(validateEvent({ ...base, type: 'accept', ts: '2026-13-45T00:00:00Z' }).ok).toBe(false);
  });

  it('wants text or a sketch on a message, and text or stats on an edit', () => {
    const m = validateEvent({ ...base, type: 'message', properties: {} });
    expect(!m.ok && m.errors[0]?.message).toMatch(/text or.*sketch/);
    const e = validateEvent({ ...base, type: 'edit', properties: {} });
    expect(!e.ok && e.errors[0]?.message).toMatch(/text or.*stats/);
    const sketch = { v: 1, minhash: Array.from({ length: 16 }, (_, i) => i), words: 3, chars: 12 };
    expect(validateEvent({ ...base, type: 'message', properties: { sketch } }).ok).toBe(true);
  });

  it('bounds ids, cohort maps and read depth', () => {
    expect(validateEvent({ ...base, id: 'x'.repeat(257), type: 'accept' }).ok).toBe(false);
    const cohort = Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`k${i}`, 'v']));
    expect(validateEvent({ ...base, type: 'accept', context: { cohort } }).ok).toBe(false);
    expect(validateEvent({ ...base, type: 'view', properties: { visibleMs: 10, readDepth: 1.5 } }).ok).toBe(
      false,
    );
  });

  it('lists every event type of DESIGN.md', () => {
    expect([...EVENT_TYPES].sort()).toEqual(
      [
        'accept',
        'complete',
        'copy',
        'custom',
        'edit',
        'export',
        'feedback',
        'generation',
        'message',
        'navigate',
        'regenerate',
        'session_end',
        'share',
        'undo',
        'view',
      ].sort(),
    );
  });

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        const r = validateEvent(input);
        return r.ok || r.errors.length > 0;
      }),
    );
  });

  it('refuses NUL characters, which PostgreSQL text cannot hold, naming the field', () => {
    const r = validateEvent({ ...base, type: 'edit', properties: { text: 'a\u0000b' } }, 'events[2]');
    expect(r).toEqual({
      ok: false,
      errors: [{ path: 'events[2].properties.text', message: expect.stringContaining('NUL') }],
    });
    const key = validateEvent({
      ...base,
      type: 'custom',
      properties: { name: 'x', properties: { 'k\u0000': 1 } },
    });
    expect(!key.ok && key.errors[0]?.path).toBe('properties.properties.k\u0000');
  });

  it('is not fooled by prototype keys', () => {
    const hostile = JSON.parse(
      '{"id":"e","type":"custom","ts":"2026-11-23T12:00:00Z","sessionId":"s","properties":{"name":"x","__proto__":{"polluted":true}}}',
    ) as unknown;
    validateEvent(hostile);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('formatPath', () => {
  it('writes indexes in brackets and keys with dots', () => {
    expect(formatPath(['properties', 'prompt', 2, 'role'], 'events[3]')).toBe(
      'events[3].properties.prompt[2].role',
    );
    expect(formatPath([])).toBe('(root)');
  });
});
