import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { charNgrams, sketchText } from '../text/sketch.ts';
import { messageFeatures, sketchOf } from './message-features.ts';

describe('messageFeatures', () => {
  it('has the same trigrams as charNgrams, for any text', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const a = [...messageFeatures({ text }).grams].sort();
        const b = [...charNgrams(text)].sort();
        return JSON.stringify(a) === JSON.stringify(b);
      }),
    );
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
