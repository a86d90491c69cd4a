import { describe, expect, it } from 'vitest';
import { kindsOf, Script } from '../testing/script.ts';

describe('back_navigation', () => {
  it('fires when the user opens a result and comes straight back', () => {
    const r = new Script()
      .generation('g1', 'see https://example.com')
      .at(5)
      .navigate('deeper', 'g1')
      .at(8)
      .navigate('back')
      .label();
    expect(kindsOf(r, 'g1')).toEqual(['back_navigation']);
    expect(r.signals[0]).toMatchObject({
      polarity: 'negative',
      evidence: ['e2', 'e3'],
      details: { afterMs: 3000 },
    });
  });

  it('attributes a navigation without generation id to the latest output', () => {
    const r = new Script()
      .generation('g1', 'a')
      .at(3)
      .generation('g2', 'b')
      .at(5)
      .navigate('deeper')
      .at(7)
      .navigate('back')
      .label();
    expect(kindsOf(r, 'g2')).toEqual(['back_navigation']);
  });

  it('does not fire when the user stayed on the result', () => {
    const r = new Script()
      .generation('g1', 'a')
      .at(5)
      .navigate('deeper', 'g1')
      .at(300)
      .navigate('back')
      .label();
    expect(kindsOf(r)).toEqual([]);
  });

  it('does not fire on leaving and coming back without opening a result', () => {
    const r = new Script().generation('g1', 'a').at(5).navigate('away', 'g1').at(7).navigate('back').label();
    expect(kindsOf(r)).toEqual([]);
  });
});
