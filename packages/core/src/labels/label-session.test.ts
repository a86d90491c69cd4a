import { describe, expect, it } from 'vitest';
import { builtinContext } from '../context/defaults.ts';
import { contextHash } from '../context/hash.ts';
import { kindsOf, Script } from '../testing/script.ts';
import { labelSessions } from './label-session.ts';

describe('labelSession', () => {
  it('labels every generation, records the context, and summarises the session', () => {
    const r = new Script()
      .message('Draft a reply to the landlord about the broken heater')
      .generation('g1', 'Dear Mr Smith, the heater has been broken since Monday.', { model: 'gpt-x' })
      .at(12)
      .copy('g1')
      .at(20)
      .end()
      .label();
    expect(r.labels).toHaveLength(1);
    expect(r.labels[0]).toMatchObject({
      generationId: 'g1',
      sessionId: 's1',
      grade: 'accepted',
      model: 'gpt-x',
      final: true,
      contextVersion: 'chat@2',
      contextHash: contextHash(builtinContext('chat')),
    });
    expect(r.session).toMatchObject({ sessionId: 's1', events: 4, closed: true });
  });

  describe('hard cases', () => {
    it('rephrase vs builds-on follow-up: only the rephrase counts against the answer', () => {
      const rephrase = new Script()
        .message('how do I export my contacts to csv')
        .generation('g1', 'Go to Settings.')
        .at(30)
        .message('How can I export all my contacts as a CSV file?')
        .generation('g2', 'Open Contacts, then Export.')
        .label();
      const buildsOn = new Script()
        .message('how do I export my contacts to csv')
        .generation('g1', 'Open Contacts, then Export.')
        .at(30)
        .message('thanks! and how do I import them into Outlook?')
        .generation('g2', 'In Outlook, choose Import.')
        .label();
      expect(kindsOf(rephrase, 'g1')).toEqual(['rephrase_retry']);
      expect(kindsOf(buildsOn, 'g1')).toEqual(['builds_on_followup']);
      expect(rephrase.labels[0]?.pGood).toBeLessThan(0.5);
      expect(buildsOn.labels[0]?.pGood).toBeGreaterThan(0.5);
    });

    it('good abandonment: copy then leave labels the answer good and the session not abandoned', () => {
      const r = new Script()
        .message('regex for an email address')
        .generation('g1', '^[^@]+@[^@]+$')
        .at(4)
        .copy('g1')
        .label('chat', { now: 3600 });
      expect(r.outcome.status).not.toBe('abandoned');
      expect(r.labels[0]).toMatchObject({ grade: 'accepted', final: true });
      expect(kindsOf(r)).toEqual(['copied']);
    });

    it('edit then undo then accept: the output was accepted as it was', () => {
      const out = 'const total = items.reduce((s, x) => s + x.price, 0);';
      const r = new Script()
        .generation('g1', out, { contentType: 'code' })
        .at(2)
        .edit('g1', 'let total = 0; for (const x of items) total += x.price;')
        .at(4)
        .undo('g1')
        .at(5)
        .accept('g1')
        .label('code');
      expect(kindsOf(r, 'g1')).toEqual(['accepted']);
      expect(r.labels[0]).toMatchObject({ grade: 'accepted' });
      expect(r.labels[0]?.pGood).toBeGreaterThan(0.5);
    });

    it('regenerate then abandon: both outputs negative, session abandoned with one retry', () => {
      const r = new Script()
        .message('logo ideas for a bakery')
        .generation('g1', 'A croissant.')
        .at(6)
        .regenerate('g1', 'g2')
        .generation('g2', 'A loaf.', { parentId: 'g1' })
        .at(15)
        .end()
        .label();
      expect(kindsOf(r, 'g1')).toEqual(['regenerated']);
      expect(kindsOf(r, 'g2')).toEqual(['abandoned']);
      expect(r.labels.map((l) => l.grade)).toEqual(['rejected', 'rejected']);
      expect(r.outcome).toMatchObject({ status: 'abandoned', retries: 1 });
    });
  });

  it('a generation with no evidence gets no confident label', () => {
    const r = new Script().generation('g1', 'a').generation('g2', 'b').at(10).copy('g2').label();
    expect(r.labels[0]).toMatchObject({
      generationId: 'g1',
      grade: null,
      confidence: 0,
      route: 'discard',
      evidence: 0,
    });
    expect(r.labels[1]?.evidence).toBe(1);
  });

  it('is deterministic: same events and context, same signals and labels', () => {
    const s = new Script()
      .message('a b c')
      .generation('g1', 'x')
      .at(5)
      .copy('g1')
      .at(9)
      .message('a b c d')
      .generation('g2', 'y');
    expect(s.label()).toEqual(s.label());
  });

  it('a context change re-labels history under the new meaning', () => {
    const s = new Script().generation('g1', 'x').at(5).copy('g1', 0.05);
    const ctx = builtinContext('chat');
    ctx.signals.copied.enabled = false;
    ctx.version = 'no-copies';
    const r = s.label(ctx);
    expect(r.signals).toEqual([]);
    expect(r.labels[0]).toMatchObject({ contextVersion: 'no-copies', grade: null });
  });

  it('labels a batch of sessions by session id', () => {
    const a = new Script('sa').generation('g1', 'x').at(3).copy('g1');
    const b = new Script('sb').generation('g2', 'y').at(3).accept('g2').at(4).undo('g2');
    const rs = labelSessions([...a.events, ...b.events], builtinContext('chat'));
    expect(rs.map((r) => [r.session.sessionId, r.labels[0]?.grade])).toEqual([
      ['sa', 'accepted'],
      ['sb', 'rejected'],
    ]);
  });
});
