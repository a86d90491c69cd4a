import type { Signal } from '../signals/types.ts';

/** The weight of the evidence for one generation, after grouping signals that share events. */
export interface Evidence {
  /** Independent pieces of evidence (groups of signals with no event in common). */
  groups: number;
  /** Total positive and negative log-likelihood ratio over the groups. */
  positive: number;
  negative: number;
}

/**
 * Combines signals into evidence. Signals read from the same event are not independent (a copy is
 * both `copied` and the confirmation of `regeneration_kept`): signals sharing an evidence event
 * form one group, and a group counts its strongest positive and its strongest negative signal
 * once. Groups are then summed as independent log-likelihood ratios (naive Bayes).
 */
export function combineEvidence(signals: readonly Signal[]): Evidence {
  const n = signals.length;
  if (n === 0) return { groups: 0, positive: 0, negative: 0 };
  const parent = signals.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i] as number] as number;
      i = parent[i] as number;
    }
    return i;
  };
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
    const root = find(i);
    const m = s.polarity === 'positive' ? pos : neg;
    m.set(root, Math.max(m.get(root) ?? 0, s.strength));
  });
  let positive = 0;
  let negative = 0;
  for (const v of pos.values()) positive += v;
  for (const v of neg.values()) negative += v;
  const roots = new Set(signals.map((_, i) => find(i)));
  return { groups: roots.size, positive, negative };
}
