import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { uuidv7Source } from '../src/uuidv7.ts';

const UUIDV7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('uuidv7Source', () => {
  it('makes UUIDv7s that sort in the order they were made, whatever the clock does', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1_600_000_000_000, max: 1_600_000_000_050 }), {
          minLength: 2,
          maxLength: 300,
        }),
        fc.integer(),
        (clock, seed) => {
          let i = 0;
          let s = seed;
          const id = uuidv7Source(
            () => clock[i++ % clock.length] as number,
            () => ((s = (Math.imul(s, 48271) + 11) | 0) >>> 0) / 2 ** 32,
          );
          const ids = clock.map(() => id());
          for (const x of ids) expect(x).toMatch(UUIDV7);
          for (let k = 1; k < ids.length; k++) expect((ids[k] as string) > (ids[k - 1] as string)).toBe(true);
        },
      ),
    );
  });

  it('keeps the time in the first 48 bits, and carries a burst past the 12-bit counter into the next millisecond', () => {
    const id = uuidv7Source(
      () => Date.parse('2026-11-23T12:00:00.000Z'),
      () => 0.999,
    );
    // Seeded at 2045: 2051 ids in the first millisecond, 4096 in the next, the rest in the third.
    const ids = Array.from({ length: 7000 }, () => id());
    const ms = (x: string) => parseInt(x.replace('-', '').slice(0, 12), 16);
    expect(new Date(ms(ids[0] as string)).toISOString()).toBe('2026-11-23T12:00:00.000Z');
    expect(ms(ids.at(-1) as string) - ms(ids[0] as string)).toBe(2);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });
});
