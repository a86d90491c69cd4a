import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtinContext } from '../context/defaults.ts';
import type { Signal } from '../signals/types.ts';
import { combineEvidence } from './evidence.ts';
import { scoreEvidence } from './score.ts';

const ctx = builtinContext('chat');
let n = 0;
function sig(polarity: 'positive' | 'negative', strength: number, evidence = [`ev${++n}`]): Signal {
  return {
    id: `x${n}`,
    kind: polarity === 'positive' ? 'copied' : 'regenerated',
    polarity,
    strength,
    sessionId: 's',
    generationId: 'g',
    evidence,
    at: '',
  };
}
const score = (signals: Signal[]) => scoreEvidence(combineEvidence(signals), ctx);

const strength = fc.double({ min: 0.05, max: 4, noNaN: true });
const polarity = fc.constantFrom('positive' as const, 'negative' as const);
const signals = fc
  .array(fc.tuple(polarity, strength), { maxLength: 8 })
  .map((xs) => xs.map(([p, s]) => sig(p, s)));

describe('scoring evidence', () => {
  it('no evidence: the prior, no confidence, discarded', () => {
    expect(score([])).toEqual({ pGood: ctx.prior, confidence: 0, mixed: false, route: 'discard' });
  });

  it('more independent evidence that agrees raises confidence (property)', () => {
    fc.assert(
      fc.property(signals, strength, (base, s) => {
        const before = score(base);
        const e = combineEvidence(base);
        const net = e.positive - e.negative;
        const agreeing = sig(net < 0 ? 'negative' : 'positive', s);
        return score([...base, agreeing]).confidence > before.confidence;
      }),
    );
  });

  it('positive evidence raises P(good), negative lowers it (property)', () => {
    fc.assert(
      fc.property(signals, strength, (base, s) => {
        const p = score(base).pGood;
        return (
          score([...base, sig('positive', s)]).pGood > p && score([...base, sig('negative', s)]).pGood < p
        );
      }),
    );
  });

  it('a signal read from the same event as another adds nothing', () => {
    const a = sig('positive', 1.5, ['copy-1']);
    const b = sig('positive', 1.0, ['copy-1', 'regen-1']);
    expect(score([a, b])).toEqual(score([a]));
    expect(combineEvidence([a, b]).groups).toBe(1);
  });

  it('confidence and P(good) stay in range (property)', () => {
    fc.assert(
      fc.property(signals, (xs) => {
        const s = score(xs);
        return s.confidence >= 0 && s.confidence < 1 && s.pGood > 0 && s.pGood < 1;
      }),
    );
  });

  it('flags mixed evidence and keeps it out of training', () => {
    const s = score([sig('positive', 2), sig('positive', 1.5), sig('negative', 1.5)]);
    expect(s.mixed).toBe(true);
    expect(s.route).toBe('review');
  });

  it('routes strong agreeing evidence to training and weak evidence to review', () => {
    expect(score([sig('positive', 1.5), sig('positive', 1)]).route).toBe('train');
    expect(score([sig('negative', 2.5)]).route).toBe('train');
    expect(score([sig('positive', 0.6)]).route).toBe('review');
    expect(score([sig('positive', 0.2)]).route).toBe('discard');
  });
});
