import { describe, expect, it } from 'vitest';
import { kindsOf, Script } from '../testing/script.ts';

describe('accepted', () => {
  it('fires for an accept that stands', () => {
    const r = new Script().generation('g1', 'x = 1').at(3).accept('g1').label('code');
    expect(kindsOf(r, 'g1')).toEqual(['accepted']);
    expect(r.labels[0]?.pGood).toBeGreaterThan(0.5);
  });

  it('does not fire for a suggestion that was only shown', () => {
    const r = new Script().generation('g1', 'x = 1').label('code');
    expect(kindsOf(r)).toEqual([]);
    expect(r.labels[0]).toMatchObject({ grade: null, confidence: 0, route: 'discard', evidence: 0 });
  });

  it('does not fire once the accept was taken back', () => {
    const r = new Script().generation('g1', 'x = 1').at(3).accept('g1').at(200).undo('g1').label('code');
    expect(kindsOf(r, 'g1')).not.toContain('accepted');
  });
});
