import { describe, expect, it } from 'vitest';
import { builtinContext } from '../context/defaults.ts';
import { kindsOf, Script } from '../testing/script.ts';

describe('read_depth', () => {
  it('reading to the end has the configured polarity, stopping early the opposite', () => {
    const full = new Script().generation('g1', 'a').at(9).view('g1', 8000, 1).label();
    const early = new Script().generation('g1', 'a').at(9).view('g1', 8000, 0.1).label();
    expect(full.signals[0]).toMatchObject({
      kind: 'read_depth',
      polarity: 'positive',
      details: { depth: 1 },
    });
    expect(early.signals[0]).toMatchObject({ kind: 'read_depth', polarity: 'negative' });
  });

  it('counts reaching the end only after time enough to skim it: in view for a moment is not read', () => {
    // 21 words: 1.8 s at the default 700 words per minute.
    const answer =
      'Open Settings, choose Security, then click Reset password and follow the link we email you within the hour, please.';
    const glance = new Script().generation('g1', answer).at(1).view('g1', 84, 1).label();
    const skim = new Script().generation('g1', answer).at(3).view('g1', 2000, 1).label();
    expect(kindsOf(glance)).toEqual([]);
    expect(skim.signals[0]).toMatchObject({ kind: 'read_depth', details: { depth: 1, visibleMs: 2000 } });
    // Time is cumulative: a later, longer view of the same depth completes the reading.
    const later = new Script().generation('g1', answer).at(1).view('g1', 84, 1).at(9).view('g1', 5000, 1);
    expect(later.label().signals[0]?.evidence).toEqual(['e2', 'e3']);
  });

  it('takes the deepest view and ignores the middle', () => {
    const r = new Script()
      .generation('g1', 'a')
      .at(3)
      .view('g1', 1000, 0.1)
      .at(9)
      .view('g1', 8000, 0.5)
      .label();
    expect(kindsOf(r)).toEqual([]);
  });

  it('can be flipped per product', () => {
    const ctx = builtinContext('chat');
    ctx.signals.read_depth.polarity = 'negative';
    const r = new Script().generation('g1', 'a').at(9).view('g1', 8000, 1).label(ctx);
    expect(r.signals[0]?.polarity).toBe('negative');
  });

  it('is off for code', () => {
    expect(kindsOf(new Script().generation('g1', 'a').at(9).view('g1', 8000, 1).label('code'))).toEqual([]);
  });
});
