import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { similaritySketchSchema } from '../schema/sketch.ts';
import { charNgrams, sketchSimilarity, sketchText } from './sketch.ts';

function jaccard(a: Set<string>, b: Set<string>): number {
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

describe('sketchText', () => {
  it('is a valid wire sketch and deterministic', () => {
    const s = sketchText('How do I reset my password?');
    expect(similaritySketchSchema.safeParse(s).success).toBe(true);
    expect(sketchText('How do I reset my password?')).toEqual(s);
  });

  it('says identical texts (up to case and punctuation) are identical', () => {
    expect(sketchSimilarity(sketchText('Reset my password!'), sketchText('reset my password'))).toBe(1);
  });

  it('estimates the n-gram Jaccard similarity within sampling error', () => {
    const pairs = [
      ['how do i reset my password', 'how can i reset the password on my account'],
      ['write a poem about autumn', 'summarise this contract in three bullet points'],
      ['what are the symptoms of throat cancer', 'what are its symptoms'],
    ] as const;
    for (const [a, b] of pairs) {
      const exact = jaccard(charNgrams(a), charNgrams(b));
      expect(Math.abs(sketchSimilarity(sketchText(a), sketchText(b)) - exact)).toBeLessThan(0.2);
    }
  });

  it('keeps correction cues, not the text', () => {
    const s = sketchText('No, I meant the other one');
    expect(s.cues).toEqual(expect.arrayContaining(['no', 'i meant']));
    expect(JSON.stringify(s)).not.toContain('other');
  });

  it('is symmetric and bounded for any texts', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const x = sketchSimilarity(sketchText(a), sketchText(b));
        return x >= 0 && x <= 1 && x === sketchSimilarity(sketchText(b), sketchText(a));
      }),
    );
  });
});
