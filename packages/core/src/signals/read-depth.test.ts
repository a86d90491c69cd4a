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
