import { describe, expect, it } from 'vitest';
import { builtinContext } from '../context/defaults.ts';
import { kindsOf, Script } from '../testing/script.ts';

describe('copied, shared, exported', () => {
  it('a whole copy counts at full strength, a snippet at partial strength', () => {
    const whole = new Script().generation('g1', 'answer').at(3).copy('g1', 0.95).label();
    const snippet = new Script().generation('g1', 'answer').at(3).copy('g1', 0.05).label();
    const { strength, partialStrength } = builtinContext('chat').signals.copied;
    expect(whole.signals[0]).toMatchObject({ kind: 'copied', polarity: 'positive', strength });
    expect(snippet.signals[0]).toMatchObject({
      kind: 'copied',
      strength: partialStrength,
      details: { whole: false },
    });
    expect(strength).toBeGreaterThan(partialStrength);
    expect(whole.labels[0]?.pGood).toBeGreaterThan(snippet.labels[0]?.pGood ?? 1);
  });

  it('estimates the fraction from characters when the SDK did not send it', () => {
    const s = new Script().generation('g1', 'x'.repeat(1000));
    s.events.push({
      id: 'c',
      type: 'copy',
      ts: '2026-11-23T12:00:05.000Z',
      sessionId: 's1',
      generationId: 'g1',
      properties: { chars: 50 },
    });
    expect(s.label().signals[0]?.details).toMatchObject({ fraction: 0.05, whole: false });
  });

  it('several copies count once; share and export are their own signals', () => {
    const r = new Script()
      .generation('g1', 'a')
      .at(3)
      .copy('g1')
      .at(4)
      .copy('g1')
      .share('g1')
      .export('g1')
      .label();
    expect(kindsOf(r, 'g1')).toEqual(['copied', 'exported', 'shared']);
    expect(r.signals.find((s) => s.kind === 'copied')?.evidence).toHaveLength(2);
  });

  it('nothing moved downstream, no signal', () => {
    expect(kindsOf(new Script().generation('g1', 'a').at(3).view('g1', 2000).label())).toEqual([]);
  });
});
