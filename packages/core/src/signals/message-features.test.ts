import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { charNgrams, sketchText } from '../text/sketch.ts';
import { gramCode, messageFeatures, sketchOf, sortedIntersectionSize } from './message-features.ts';

describe('messageFeatures', () => {
  it('has the same trigrams as charNgrams, for any text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' })), (text) => {
        const a = [...messageFeatures({ text }).grams];
        const b = [...charNgrams(text)].map((g) => gramCode(g, 0)).sort((x, y) => x - y);
        return JSON.stringify(a) === JSON.stringify(b);
      }),
    );
  });

  it('counts shared trigrams as sets do', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (x, y) => {
        const a = messageFeatures({ text: x }).grams;
        const b = messageFeatures({ text: y }).grams;
        const sb = new Set(b);
        return sortedIntersectionSize(a, b) === [...a].filter((g) => sb.has(g)).length;
      }),
    );
  });

  it('codes trigrams one-to-one', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', minLength: 3, maxLength: 3 }),
        fc.string({ unit: 'binary', minLength: 3, maxLength: 3 }),
        (a, b) => (gramCode(a, 0) === gramCode(b, 0)) === (a === b),
      ),
    );
    expect(gramCode('abc', 0)).not.toBe(gramCode('abd', 0));
    expect(gramCode('é a', 0)).not.toBe(gramCode('e a', 0));
  });

  it('stems content words and drops function words', () => {
    expect([...messageFeatures({ text: 'What are the symptoms of replacing it?' }).terms].sort()).toEqual([
      'replac',
      'symptom',
    ]);
  });

  it('keeps only counts and the sketch in privacy mode, and sketches text on demand', () => {
    const sketch = sketchText('reset my password');
    const f = messageFeatures({ sketch });
    expect(f).toMatchObject({ words: [], wordCount: 3, sketch });
    expect(sketchOf(messageFeatures({ text: 'reset my password' }))).toEqual(sketch);
  });
});
