import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Signal } from '../signals/types.ts';
import { combineEvidence } from './evidence.ts';

/** The definition: union-find over shared evidence, strongest per polarity per group, summed. */
function reference(signals: readonly Signal[]) {
  const parent = signals.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : find(parent[i] as number));
  const owner = new Map<string, number>();
  signals.forEach((s, i) => {
    for (const id of s.evidence) {
      const j = owner.get(id);
      if (j === undefined) owner.set(id, i);
      else parent[find(i)] = find(j);
    }
  });
  const pos = new Map<number, number>();
  const neg = new Map<number, number>();
  signals.forEach((s, i) => {
    const m = s.polarity === 'positive' ? pos : neg;
    m.set(find(i), Math.max(m.get(find(i)) ?? 0, s.strength));
  });
  let positive = 0;
  let negative = 0;
  for (const v of pos.values()) positive += v;
  for (const v of neg.values()) negative += v;
  return { groups: new Set(signals.map((_, i) => find(i))).size, positive, negative };
}

const signal = fc.record({
  polarity: fc.constantFrom('positive' as const, 'negative' as const),
  strength: fc.double({ min: 0, max: 10, noNaN: true }),
  evidence: fc.array(fc.constantFrom('e1', 'e2', 'e3', 'e4', 'e5', 'e6'), { minLength: 1, maxLength: 3 }),
});

describe('combineEvidence', () => {
  it('groups signals that share an event and sums the groups, exactly as defined', () => {
    fc.assert(
      fc.property(fc.array(signal, { maxLength: 8 }), (xs) => {
        const signals: Signal[] = xs.map((x, i) => ({
          ...x,
          id: `s${i}`,
          kind: 'copied',
          sessionId: 's',
          at: '',
        }));
        expect(combineEvidence(signals)).toEqual(reference(signals));
      }),
    );
  });
});
