import { diffArrays } from 'diff';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtinContext } from '../context/defaults.ts';
import { analyzeEdit, analyzeEditStats, editStats, gradeEdit } from './edit-diff.ts';

const prose = builtinContext('chat').edits.default;
const words = fc.array(
  fc.constantFrom('the', 'cat', 'sat', 'on', 'a', 'mat', 'dog', 'ran', 'far', '.', ','),
  {
    minLength: 1,
    maxLength: 40,
  },
);

describe('analyzeEdit', () => {
  it('finds nothing changed in equal texts', () => {
    const a = analyzeEdit('The cat sat on the mat.', 'The cat sat on the mat.');
    expect(a).toMatchObject({ ratio: 0, removed: 0, added: 0, scope: 'none' });
    expect(gradeEdit(a, prose)).toBe('none');
  });

  it('grades a one-word change in a paragraph as minor and targeted', () => {
    const before = 'Leaves let go of summer hand, and gold comes drifting down the land, slow and bright.';
    const a = analyzeEdit(before, before.replace('gold', 'amber'));
    expect(a).toMatchObject({ removed: 1, added: 1, hunks: 1, scope: 'targeted' });
    expect(gradeEdit(a, prose)).toBe('minor');
  });

  it('grades a rewrite of half the text as major, and a new text as replaced (overwrite)', () => {
    const before = 'one two three four five six seven eight nine ten';
    const half = analyzeEdit(before, 'one two three four five alpha beta gamma delta epsilon');
    expect(gradeEdit(half, prose)).toBe('major');
    const all = analyzeEdit(before, 'completely different words written by the user instead');
    expect(all.scope).toBe('overwrite');
    expect(gradeEdit(all, prose)).toBe('replaced');
  });

  it('is stricter for code: a small change that is minor in prose is major in code', () => {
    const before = 'for (let i = 0; i < n; i++) { sum += a[i]; }';
    const a = analyzeEdit(before, 'for (let i = 1; i <= n; i++) { sum -= a[i - 1]; }');
    expect(gradeEdit(a, prose)).toBe('minor');
    expect(gradeEdit(a, builtinContext('code').edits.default)).toBe('major');
  });

  it('falls back to word counts past the size limit, with the same figures for a reordering-free edit', () => {
    const before = Array.from({ length: 300 }, (_, i) => `w${i}`).join(' ');
    const after = `${before} extra words`;
    const counted = analyzeEdit(before, after, { maxTokens: 100 });
    const diffed = analyzeEdit(before, after);
    expect(counted.method).toBe('counts');
    expect(diffed.method).toBe('diff');
    expect(counted.ratio).toBeCloseTo(diffed.ratio);
  });

  it('grades privacy-mode stats like the text they were computed from', () => {
    const before = 'The quick brown fox jumps over the lazy dog near the river bank today.';
    const after = 'The quick red fox leaps over the lazy dog near the bank.';
    const fromText = analyzeEdit(before, after);
    const fromStats = analyzeEditStats(editStats(before, after));
    expect(fromStats.ratio).toBeCloseTo(fromText.ratio);
    expect(gradeEdit(fromStats, prose)).toBe(gradeEdit(fromText, prose));
  });

  it('keeps the counts consistent with both texts, and the ratio in 0..1, for any edit', () => {
    fc.assert(
      fc.property(words, words, (a, b) => {
        const r = analyzeEdit(a.join(' '), b.join(' '));
        return (
          r.kept + r.removed === a.length && r.kept + r.added === b.length && r.ratio >= 0 && r.ratio <= 1
        );
      }),
    );
  });

  it('skips the short diff only when it must fail: a diff never keeps more than the shared words', () => {
    // analyzeEdit skips the budgeted diff when |a| + |b| − 2·shared exceeds the budget; that is a
    // lower bound of the edit length, so the diff it skips would have failed.
    const tokens = fc.array(fc.constantFrom('a', 'b', 'c', 'd', '.', 'e'), { maxLength: 30 });
    fc.assert(
      fc.property(tokens, tokens, (a, b) => {
        const counts = new Map<string, number>();
        for (const t of a) counts.set(t, (counts.get(t) ?? 0) + 1);
        let shared = 0;
        for (const t of b) {
          const c = counts.get(t) ?? 0;
          if (c > 0) {
            shared++;
            counts.set(t, c - 1);
          }
        }
        const edits = diffArrays(a, b)
          .filter((p) => p.added || p.removed)
          .reduce((n, p) => n + p.count, 0);
        return edits >= a.length + b.length - 2 * shared;
      }),
    );
  });

  it('never grades a text worse for being closer to the output (prefix kept)', () => {
    fc.assert(
      fc.property(words, fc.nat(40), (a, cut) => {
        const text = a.join(' ');
        const shorter = a.slice(0, Math.max(0, a.length - cut)).join(' ');
        return analyzeEdit(text, text).ratio <= analyzeEdit(text, shorter).ratio;
      }),
    );
  });
});
