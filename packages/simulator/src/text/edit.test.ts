import fc from 'fast-check';
import { words } from '@tacit/core';
import { describe, expect, it } from 'vitest';
import { Rng } from '../random.ts';
import { editWords } from './edit.ts';

const USER_WORDS = ['really', 'also', 'quickly'];
const sentence = fc
  .array(fc.constantFrom('the', 'plan', 'works', 'well', 'explain', 'short', 'email', 'today', 'team'), {
    minLength: 1,
    maxLength: 60,
  })
  .map((ws) => ws.join(' '));

/** Share of words of `a` missing from `b` (a rough, order-insensitive edit size). */
function changed(a: string, b: string): number {
  const bs = words(b);
  const as = words(a);
  let missing = 0;
  const pool = [...bs];
  for (const w of as) {
    const i = pool.indexOf(w);
    if (i < 0) missing++;
    else pool.splice(i, 1);
  }
  return (missing + pool.length) / Math.max(as.length, 1);
}

describe('editWords', () => {
  it('always changes the text', () => {
    fc.assert(
      fc.property(
        sentence,
        fc.integer(),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        (text, seed, ratio) => {
          expect(editWords(Rng.derive(seed), text, ratio, USER_WORDS)).not.toBe(text);
        },
      ),
    );
  });

  it('makes small edits for a small ratio and large ones for a large ratio', () => {
    const text =
      'Hi team, I wanted to reach out regarding the deadline for my report. Would it be possible to find a solution that works for both of us? Thank you for your understanding and for your help with this.';
    const rng = Rng.derive(5);
    let small = 0;
    let large = 0;
    for (let i = 0; i < 200; i++) {
      small += changed(text, editWords(rng, text, 0.05, USER_WORDS));
      large += changed(text, editWords(rng, text, 0.4, USER_WORDS));
    }
    expect(small / 200).toBeLessThan(0.15);
    expect(large / 200).toBeGreaterThan(0.35);
  });

  it('keeps line breaks between lines', () => {
    const text = 'Hi Jordan,\n\nI hope you are doing well.\n\nBest regards,\nAlex';
    const out = editWords(Rng.derive(9), text, 0.1, USER_WORDS);
    expect(out.split('\n').length).toBe(text.split('\n').length);
  });
});
