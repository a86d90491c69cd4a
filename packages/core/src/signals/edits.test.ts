import { describe, expect, it } from 'vitest';
import { kindsOf, Script } from '../testing/script.ts';

const OUT =
  'Dear Sam, thanks for the update. The report will be ready on Friday and I will send it then. Best, Ana';

describe('edit grading', () => {
  it('grades the final snapshot: a small fix is minor and the label says minor_edit', () => {
    const r = new Script()
      .generation('g1', OUT)
      .at(5)
      .edit('g1', OUT.replace('Friday', 'Thursday'))
      .label('writing');
    expect(kindsOf(r, 'g1')).toEqual(['edit_minor']);
    expect(r.signals[0]?.details).toMatchObject({ removed: 1, added: 1, scope: 'targeted' });
    expect(r.labels[0]?.grade).toBe('minor_edit');
  });

  it('uses the last edit still in effect, not the first', () => {
    const r = new Script()
      .generation('g1', OUT)
      .at(5)
      .edit('g1', OUT.replace('Friday', 'Thursday'))
      .at(9)
      .edit('g1', 'Hi. Not ready yet, will write again next week.')
      .label('writing');
    expect(kindsOf(r, 'g1')).toEqual(['edit_replaced']);
    expect(r.labels[0]?.grade).toBe('replaced');
  });

  it('ignores an edit the user undid, and grades the one before', () => {
    const r = new Script()
      .generation('g1', OUT)
      .at(5)
      .edit('g1', OUT.replace('Friday', 'Thursday'))
      .at(9)
      .edit('g1', 'Hi. Not ready yet, will write again next week.')
      .at(10)
      .undo('g1')
      .label('writing');
    expect(kindsOf(r, 'g1')).toEqual(['edit_minor']);
  });

  it('grades privacy-mode stats', () => {
    const r = new Script()
      .generation('g1', OUT)
      .at(5)
      .editStats('g1', { wordsKept: 2, wordsRemoved: 15, wordsAdded: 20 })
      .label();
    expect(kindsOf(r, 'g1')).toEqual(['edit_replaced']);
    expect(r.signals[0]?.details).toMatchObject({ method: 'stats', scope: 'overwrite' });
  });

  it('applies the content type thresholds of the generation', () => {
    const code = 'function add(a, b) { return a + b; }';
    const s = new Script()
      .generation('g1', code, { contentType: 'code' })
      .at(5)
      .edit('g1', 'function add(a, b) { return a - b; }');
    expect(kindsOf(s.label('chat'), 'g1')).toEqual(['edit_major']);
    const prose = new Script()
      .generation('g1', code)
      .at(5)
      .edit('g1', 'function add(a, b) { return a - b; }');
    expect(kindsOf(prose.label('chat'), 'g1')).toEqual(['edit_minor']);
  });

  it('gives no edit signal without an edit', () => {
    expect(kindsOf(new Script().generation('g1', OUT).at(5).copy('g1').label(), 'g1')).toEqual(['copied']);
  });
});
