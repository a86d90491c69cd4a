import { describe, expect, it } from 'vitest';
import { kindsOf, Script } from '../testing/script.ts';

describe('immediate_undo', () => {
  it('fires when an accept is undone within seconds', () => {
    const r = new Script().generation('g1', 'x = 1').at(3).accept('g1').at(5).undo('g1').label('code');
    expect(kindsOf(r, 'g1')).toEqual(['immediate_undo']);
    expect(r.signals[0]?.evidence).toEqual(['e2', 'e3']);
    expect(r.labels[0]?.grade).toBe('rejected');
  });

  it('does not fire for a late undo, and the accept no longer stands', () => {
    const r = new Script().generation('g1', 'x = 1').at(3).accept('g1').at(60).undo('g1').label('code');
    expect(kindsOf(r, 'g1')).toEqual([]);
  });

  it('does not fire when the undo reverts an edit: edit, undo, accept is an accepted output', () => {
    const r = new Script()
      .generation('g1', 'The cat sat on the mat.')
      .at(2)
      .accept('g1')
      .at(3)
      .edit('g1', 'A dog lay on the rug.')
      .at(4)
      .undo('g1')
      .at(6)
      .accept('g1')
      .label();
    expect(kindsOf(r, 'g1')).toEqual(['accepted']);
    expect(r.labels[0]?.grade).toBe('accepted');
  });

  it('respects the context: 5 s for code, 10 s for chat', () => {
    const s = new Script().generation('g1', 'x').at(3).accept('g1').at(10).undo('g1');
    expect(kindsOf(s.label('code'))).toEqual([]);
    expect(kindsOf(s.label('chat'))).toEqual(['immediate_undo']);
  });
});
