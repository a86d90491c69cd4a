import { replayEdits } from './edit-replay.ts';
import { emit, type Detector } from './emit.ts';
import type { Signal } from './types.ts';

/**
 * `accepted`: the output was accepted (inserted, applied, sent) and not taken back. Passive
 * acceptance: weaker than moving the output downstream (copy, share, export).
 */
export const detectAccepted: Detector = (view) => {
  const out: Signal[] = [];
  for (const g of view.ordered) {
    const s = emit(view, 'accepted', { generationId: g.id, evidence: replayEdits(g).standing });
    if (s) out.push(s);
  }
  return out;
};
