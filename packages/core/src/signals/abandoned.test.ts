import { describe, expect, it } from 'vitest';
import { kindsOf, Script } from '../testing/script.ts';

describe('abandoned', () => {
  it('fires when the session closes right after an output nobody used', () => {
    const r = new Script().message('fix my sql').generation('g1', 'SELECT 1').at(20).end().label();
    expect(kindsOf(r, 'g1')).toEqual(['abandoned']);
    expect(r.outcome).toMatchObject({ status: 'abandoned', reason: 'abandoned', closed: true });
  });

  it('closes by inactivity only once the context says so (30 min for chat)', () => {
    const s = new Script().message('fix my sql').generation('g1', 'SELECT 1');
    expect(kindsOf(s.label('chat', { now: 20 * 60 }))).toEqual([]);
    expect(s.label('chat', { now: 20 * 60 }).outcome.status).toBe('unknown');
    expect(kindsOf(s.label('chat', { now: 40 * 60 }))).toEqual(['abandoned']);
  });

  it('good abandonment: leaving right after a copy is not negative', () => {
    const r = new Script()
      .message('fix my sql')
      .generation('g1', 'SELECT 1')
      .at(5)
      .copy('g1')
      .at(8)
      .end()
      .label();
    expect(kindsOf(r, 'g1')).toEqual(['copied']);
    expect(r.outcome).toMatchObject({ status: 'unknown', reason: 'good_abandonment' });
    expect(r.labels[0]?.pGood).toBeGreaterThan(0.6);
  });

  it('good abandonment: leaving after reading the whole answer is not negative where reading counts', () => {
    const read = new Script()
      .message('what is a roth ira')
      .generation('g1', 'A retirement account funded with taxed income.')
      .at(40)
      .view('g1', 38_000, 1)
      .at(5)
      .end();
    const r = read.label('chat');
    expect(kindsOf(r, 'g1')).toEqual(['read_depth']);
    expect(r.outcome).toMatchObject({ status: 'unknown', reason: 'good_abandonment' });
    // Code assistants do not count reading (read_depth is off): the unused suggestion is abandoned.
    expect(kindsOf(read.label('code'), 'g1')).toEqual(['abandoned']);
  });

  it('leaving after reading only the start is still abandonment', () => {
    const r = new Script()
      .message('what is a roth ira')
      .generation('g1', 'A retirement account funded with taxed income.')
      .at(40)
      .view('g1', 3_000, 0.5)
      .at(5)
      .end()
      .label('chat');
    expect(kindsOf(r, 'g1')).toEqual(['abandoned']);
    expect(r.outcome.status).toBe('abandoned');
  });

  it('is not abandonment when the product says the task was completed', () => {
    const r = new Script()
      .message('my order is late')
      .generation('g1', 'Refund issued')
      .at(30)
      .complete('ticket_resolved')
      .end()
      .label('support');
    expect(kindsOf(r, 'g1')).toEqual(['completed']);
    expect(r.outcome).toMatchObject({ status: 'completed', reason: 'completion' });
  });

  it('only the last output of the session is abandoned', () => {
    const r = new Script()
      .message('a')
      .generation('g1', 'x')
      .at(10)
      .message('b c d')
      .generation('g2', 'y')
      .at(30)
      .end()
      .label();
    expect(kindsOf(r, 'g1')).not.toContain('abandoned');
    expect(kindsOf(r, 'g2')).toEqual(['abandoned']);
  });
});
