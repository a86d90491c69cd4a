import { pairConfidence } from './confidence.ts';
import { pairOf, sameText } from './pair-common.ts';
import type { SessionIndex } from './session-index.ts';
import type { PreferencePair } from './types.ts';

/**
 * Pairs from regenerations: each discarded generation of a chain is rejected, the regeneration
 * the user then kept (confirmed by a copy, share, export, standing accept, or by going on) is
 * chosen. A chain the user abandoned keeps nothing (no `regeneration_kept` signal), so no pair.
 */
export function regenerationPairs(ix: SessionIndex): PreferencePair[] {
  const out: PreferencePair[] = [];
  for (const [keptId, signals] of ix.signals) {
    for (const s of signals) {
      if (s.kind !== 'regeneration_kept') continue;
      const kept = ix.generations.get(keptId);
      const keptLabel = ix.labels.get(keptId);
      const rejected = s.details?.rejected;
      if (kept === undefined || keptLabel === undefined || !Array.isArray(rejected)) continue;
      for (const rid of rejected) {
        const r = ix.generations.get(rid);
        const rl = ix.labels.get(rid);
        if (r === undefined || rl === undefined || sameText(r.output, kept.output)) continue;
        const regenerated = ix.signalsOf(rid).filter((x) => x.kind === 'regenerated');
        out.push(
          pairOf(ix, 'regenerate', r, rl, {
            prompt: kept.prompt,
            chosen: kept.output,
            chosenId: kept.id,
            chosenGenerationId: kept.id,
            confidence: pairConfidence(keptLabel.pGood, rl.pGood),
            at: ix.clientTime(s.evidence, s.at),
            signals: [...regenerated, s],
          }),
        );
      }
    }
  }
  return out;
}
