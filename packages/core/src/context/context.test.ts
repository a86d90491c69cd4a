import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUILTIN_CONTEXTS, builtinContext } from './defaults.ts';
import { canonicalJson, contextHash } from './hash.ts';
import { parseContext, resolveContext } from './parse.ts';
import { productContextSchema } from './schema.ts';

describe('built-in contexts', () => {
  it.each(BUILTIN_CONTEXTS)('%s is a valid context', (name) => {
    expect(productContextSchema.safeParse(builtinContext(name)).success).toBe(true);
  });

  it('differ where the products differ', () => {
    expect(builtinContext('code').signals.immediate_undo.withinSeconds).toBeLessThan(
      builtinContext('chat').signals.immediate_undo.withinSeconds,
    );
    expect(builtinContext('writing').edits.default.minor).toBeGreaterThan(
      builtinContext('code').edits.default.minor,
    );
    expect(builtinContext('support').completion.events).toContain('ticket_resolved');
    expect(new Set(BUILTIN_CONTEXTS.map((n) => contextHash(builtinContext(n)))).size).toBe(4);
  });
});

describe('parseContext', () => {
  it('reads a partial YAML file over the built-in it extends', () => {
    const r = parseContext(`
extends: support
version: acme-7
signals:
  abandoned: { strength: 1.2 }
edits:
  byContentType:
    contract: { none: 0.05, minor: 0.5, major: 0.9, overwriteKeptBelow: 0.05 }
completion:
  events: [case_closed]
`);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.version).toBe('acme-7');
    expect(r.value.signals.abandoned).toEqual({ enabled: true, polarity: 'negative', strength: 1.2 });
    expect(r.value.signals.completed.strength).toBe(builtinContext('support').signals.completed.strength);
    expect(r.value.completion.events).toEqual(['case_closed']);
    expect(Object.keys(r.value.edits.byContentType)).toContain('contract');
  });

  it('reads JSON too', () => {
    const r = parseContext('{"extends": "code", "version": "v2", "prior": 0.7}');
    expect(r.ok && r.value.prior).toBe(0.7);
  });

  it('names the field and the rule of an error', () => {
    const r = parseContext('signals:\n  immediate_undo:\n    strength: strong\n');
    expect(r).toEqual({
      ok: false,
      errors: [{ path: 'signals.immediate_undo.strength', message: 'expected number, got string' }],
    });
  });

  it('rejects a misspelt setting instead of ignoring it', () => {
    const r = parseContext('signals:\n  immediate_undo:\n    withinSecs: 3\n');
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors[0]).toMatchObject({
        path: 'signals.immediate_undo',
        message: 'unknown keys: withinSecs',
      });
  });

  it('rejects an unknown signal, an unknown base and disordered thresholds', () => {
    const unknown = parseContext('signals:\n  telepathy: { enabled: true }\n');
    expect(!unknown.ok && unknown.errors[0]?.message).toContain('telepathy');
    const base = resolveContext({ extends: 'crm' });
    expect(!base.ok && base.errors[0]).toMatchObject({ path: 'extends' });
    const order = resolveContext({
      edits: { default: { none: 0.5, minor: 0.2, major: 0.7, overwriteKeptBelow: 0.1 } },
    });
    expect(!order.ok && order.errors[0]?.path).toBe('edits.default');
    expect(!order.ok && order.errors[0]?.message).toContain('ordered');
  });

  it('reports YAML syntax errors with their line', () => {
    const r = parseContext('signals:\n  - [unclosed\n');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]?.message).toMatch(/line \d+/);
  });

  it('is not fooled by prototype keys', () => {
    resolveContext(JSON.parse('{"__proto__": {"polluted": true}, "version": "x"}'));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('contextHash', () => {
  it('is stable under key order and changes with any value', () => {
    const a = builtinContext('chat');
    const reordered = JSON.parse(canonicalJson(a)) as typeof a;
    expect(contextHash(reordered)).toBe(contextHash(a));
    expect(contextHash(a)).toMatch(/^[0-9a-f]{64}$/);
    const b = builtinContext('chat');
    b.signals.copied.strength = 1.4;
    expect(contextHash(b)).not.toBe(contextHash(a));
  });

  it('canonical JSON does not depend on key order', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        return canonicalJson(obj) === canonicalJson(reversed);
      }),
    );
  });
});
