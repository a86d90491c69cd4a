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
  if (n === 1) {
    // One signal, one group (the general case below, without its bookkeeping).
    const s = signals[0] as Signal;
    const v = Math.max(0, s.strength);
    return s.polarity === 'positive'
      ? { groups: 1, positive: 0 + v, negative: 0 }
      : { groups: 1, positive: 0, negative: 0 + v };
  }
  const parent = signals.map((_, i) => i);
  const owner = new Map<string, number>();
  signals.forEach((s, i) => {
    for (const id of s.evidence) {
      const j = owner.get(id);
      if (j === undefined) owner.set(id, i);
      else parent[find(parent, i)] = find(parent, j);
    }
  });
  // Strongest positive and negative per group, summed in the order the groups first appear.
  const pos = new Map<number, number>();
  const neg = new Map<number, number>();
  signals.forEach((s, i) => {
    const root = find(parent, i);
    const m = s.polarity === 'positive' ? pos : neg;
    m.set(root, Math.max(m.get(root) ?? 0, s.strength));
  });
  let positive = 0;
  let negative = 0;
  for (const v of pos.values()) positive += v;
  for (const v of neg.values()) negative += v;
  let groups = 0;
  for (let i = 0; i < n; i++) if (find(parent, i) === i) groups++;
  return { groups, positive, negative };
}

/** The root of `i` in a union-find forest, compressing the path on the way. */
function find(parent: number[], i: number): number {
  while (parent[i] !== i) {
    parent[i] = parent[parent[i] as number] as number;
    i = parent[i] as number;
  }
  return i;
}
