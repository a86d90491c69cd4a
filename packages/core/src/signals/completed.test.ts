import { describe, expect, it } from 'vitest';
import { kindsOf, Script } from '../testing/script.ts';

describe('completed', () => {
  it('counts the completion events the context names, credited to the latest output', () => {
    const r = new Script()
      .generation('g1', 'a')
      .at(5)
      .generation('g2', 'b')
      .at(30)
      .complete('tests_passed')
      .label('code');
    expect(kindsOf(r, 'g2')).toEqual(['completed']);
    expect(r.signals[0]?.details).toMatchObject({ name: 'tests_passed' });
    expect(r.outcome.status).toBe('completed');
  });

  it('credits the generation the event names', () => {
    const r = new Script()
      .generation('g1', 'a')
      .at(5)
      .generation('g2', 'b')
      .at(30)
      .complete('tests_passed', 'g1')
      .label('code');
    expect(kindsOf(r, 'g1')).toEqual(['completed']);
  });

  it('ignores completion names the context does not list', () => {
    const r = new Script().generation('g1', 'a').at(30).complete('page_scrolled').label('code');
    expect(kindsOf(r)).toEqual([]);
    expect(r.outcome.status).toBe('unknown');
  });

  it('is session-level when nothing was generated before it', () => {
    const r = new Script().complete('document_published').label('writing');
    expect(r.signals[0]).toMatchObject({ kind: 'completed' });
    expect(r.signals[0]?.generationId).toBeUndefined();
  });
});
