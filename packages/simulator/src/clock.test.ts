import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoTime } from './clock.ts';

describe('isoTime', () => {
  it('formats like Date#toISOString, in any order of calls', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 4_102_444_800_000 }), { minLength: 1, maxLength: 50 }),
        (times) => {
          for (const t of times) expect(isoTime(t)).toBe(new Date(t).toISOString());
        },
      ),
    );
  });
});
