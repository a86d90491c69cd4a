import { describe, expect, it } from 'vitest';
import { sharedData } from '../shared-data.ts';
import { loadCastPairs, parsePairsTsv } from './trec-cast.ts';

describe('parsePairsTsv', () => {
  it('reads label, text1, text2 and skips a header', () => {
    expect(parsePairsTsv('label\ttext1\ttext2\n1\ta b\ta b c\n0\tx\ty\n')).toEqual([
      { label: 1, a: 'a b', b: 'a b c', split: 'file' },
      { label: 0, a: 'x', b: 'y', split: 'file' },
    ]);
  });

  it('names the line of a bad row', () => {
    expect(() => parsePairsTsv('1\ta\tb\n2\tc\td\n')).toThrow(/line 2: label must be 0 or 1/);
    expect(() => parsePairsTsv('1\tonly one text\n')).toThrow(/line 1: expected label<TAB>text1<TAB>text2/);
  });
});

const cast = sharedData('trec-cast');

describe.skipIf(cast === undefined)('loadCastPairs', () => {
  it('makes positives from differing rewrites and negatives from consecutive turns, for both years', () => {
    const pairs = loadCastPairs(cast as string);
    const count = (split: string, label: number) =>
      pairs.filter((p) => p.split === split && p.label === label).length;
    // 2020: 187 of 216 turns differ from their rewrite; 216 turns in 25 topics give 191 consecutive pairs.
    expect(count('2020', 1)).toBe(187);
    expect(count('2020', 0)).toBe(191);
    expect(count('2019', 1)).toBeGreaterThan(300);
    expect(pairs.every((p) => p.label === 0 || p.a.trim() !== p.b.trim())).toBe(true);
  });
});
