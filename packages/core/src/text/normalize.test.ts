import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fastWords } from './fast-words.ts';
import { words } from './normalize.ts';

/** The definition, without the ASCII fast path. */
const reference = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);

describe('words', () => {
  it('folds case, accents and apostrophes', () => {
    expect(words("What's the Café's  WEATHER?")).toEqual(['whats', 'the', 'cafes', 'weather']);
  });

  it('fastWords gives the same words, for any text, ASCII or not', () => {
    const ascii = fc.string({ unit: fc.integer({ min: 0, max: 127 }).map((c) => String.fromCharCode(c)) });
    fc.assert(
      fc.property(fc.oneof(ascii, fc.string(), fc.string({ unit: 'binary' })), (t) => {
        expect(fastWords(t)).toEqual(words(t));
        expect(words(t)).toEqual(reference(t));
      }),
    );
  });
});
