import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoString, parseIsoMillis } from './time.ts';

const MIN = -62_167_219_200_000; // 0000-01-01
const MAX = 253_402_300_799_999; // 9999-12-31T23:59:59.999

describe('hand-made ISO timestamps', () => {
  it('format exactly as toISOString, for any time in years 0000–9999', () => {
    fc.assert(
      fc.property(fc.integer({ min: MIN, max: MAX }), (ms) => isoString(ms) === new Date(ms).toISOString()),
    );
  });

  it('parse exactly as Date.parse, for any such timestamp', () => {
    fc.assert(
      fc.property(fc.integer({ min: MIN, max: MAX }), (ms) => {
        const s = new Date(ms).toISOString();
        return parseIsoMillis(s) === Date.parse(s) && parseIsoMillis(s) === ms;
      }),
    );
  });

  it('agree with Date on other shapes and on invalid dates', () => {
    for (const s of [
      '2026-02-29T00:00:00.000Z', // not a leap year
      '2024-02-29T12:00:00.000Z',
      '2026-04-31T00:00:00.000Z',
      '2026-05-01T24:00:00.000Z',
      '2026-05-01T23:59:60.000Z',
      '2026-05-01T20:40:34Z',
      '2026-05-01T20:40:34.429+02:00',
      '2026-05-01',
      '+010000-01-01T00:00:00.000Z',
      '2026-05-01T2a:40:34.429Z',
      'yesterday',
    ])
      expect(Object.is(parseIsoMillis(s), Date.parse(s))).toBe(true);
    fc.assert(
      fc.property(fc.string({ minLength: 24, maxLength: 24 }), (s) =>
        Object.is(parseIsoMillis(s), Date.parse(s)),
      ),
    );
    // Near misses: a valid timestamp with one character replaced (bad digits, day 31 of April …).
    fc.assert(
      fc.property(
        fc.integer({ min: MIN, max: MAX }),
        fc.nat(23),
        fc.constantFrom('0', '1', '2', '3', '5', '9', 'x', ':', '-', 'T', ' '),
        (ms, i, c) => {
          const iso = new Date(ms).toISOString();
          const s = iso.slice(0, i) + c + iso.slice(i + 1);
          return Object.is(parseIsoMillis(s), Date.parse(s));
        },
      ),
      { numRuns: 2000 },
    );
    for (const ms of [1.5, -1.5, MAX + 1, MIN - 1, 8.64e15])
      expect(isoString(ms)).toBe(new Date(ms).toISOString());
    expect(() => isoString(Number.NaN)).toThrow(RangeError);
  });
});
