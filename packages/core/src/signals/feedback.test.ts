import { describe, expect, it } from 'vitest';
import { kindsOf, Script } from '../testing/script.ts';

describe('feedback_up / feedback_down', () => {
  it('reads thumbs', () => {
    expect(kindsOf(new Script().generation('g1', 'a').at(4).feedback('g1', { thumb: 'up' }).label())).toEqual(
      ['feedback_up'],
    );
    expect(
      kindsOf(new Script().generation('g1', 'a').at(4).feedback('g1', { thumb: 'down' }).label()),
    ).toEqual(['feedback_down']);
  });

  it('reads scores on their scale', () => {
    const scored = (score: number) =>
      kindsOf(
        new Script()
          .generation('g1', 'a')
          .at(4)
          .feedback('g1', { score, scale: { min: 1, max: 5 } })
          .label(),
      );
    expect(scored(5)).toEqual(['feedback_up']);
    expect(scored(1)).toEqual(['feedback_down']);
    expect(scored(3)).toEqual([]);
  });

  it('the last word wins', () => {
    const r = new Script()
      .generation('g1', 'a')
      .at(4)
      .feedback('g1', { thumb: 'down' })
      .at(9)
      .feedback('g1', { thumb: 'up' })
      .label();
    expect(kindsOf(r)).toEqual(['feedback_up']);
  });
});
