import { describe, expect, it } from 'vitest';
import { IdFactory } from './ids.ts';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('IdFactory', () => {
  it('makes UUIDv7-shaped ids whose time prefix is the simulated time', () => {
    const ms = Date.parse('2026-05-01T12:00:00.000Z');
    const id = new IdFactory(1).make('event', ms, 42, 7);
    expect(id).toMatch(UUID_V7);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(ms);
  });

  it('is deterministic, and distinct across kinds, owners, sequence numbers and seeds', () => {
    const ms = Date.parse('2026-05-01T12:00:00.000Z');
    const a = new IdFactory(1);
    expect(a.make('event', ms, 1, 1)).toBe(new IdFactory(1).make('event', ms, 1, 1));
    const ids = new Set<string>();
    for (const kind of ['event', 'generation', 'session', 'user'] as const) {
      for (let owner = 0; owner < 20; owner++)
        for (let seq = 0; seq < 20; seq++) ids.add(a.make(kind, ms, owner, seq));
    }
    expect(ids.size).toBe(4 * 20 * 20);
    expect(new IdFactory(2).make('event', ms, 1, 1)).not.toBe(a.make('event', ms, 1, 1));
  });
});
