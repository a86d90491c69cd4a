import type { TimedEvent } from '../sessionize/index.ts';
import { emit, type Detector } from './emit.ts';
import type { Signal } from './types.ts';
import type { GenerationView } from './view.ts';

/** Events that move an output out of the product: the strongest implicit sign it was good. */
export const DOWNSTREAM_TYPES = new Set(['copy', 'share', 'export']);

/** The fraction of the output a copy took: as sent, or its characters over the output's. */
export function copiedFraction(t: TimedEvent, g: GenerationView): number {
  const e = t.event;
  if (e.type !== 'copy') return 1;
  if (e.properties.fraction !== undefined) return e.properties.fraction;
  if (g.output !== undefined && g.output.length > 0) return Math.min(1, e.properties.chars / g.output.length);
  return 1;
}

/**
 * `copied`, `shared`, `exported`: the output moved downstream. A copy of a small fraction (below
 * `wholeFraction`: a snippet) counts with `partialStrength`; several copies count once, at the
 * largest fraction.
 */
export const detectDownstream: Detector = (view) => {
  const out: Signal[] = [];
  const copyCfg = view.context.signals.copied;
  for (const g of view.ordered) {
    const copies: TimedEvent[] = [];
    const shares: TimedEvent[] = [];
    const exports: TimedEvent[] = [];
    let fraction = 0;
    for (const t of g.actions) {
      if (t.event.type === 'copy') {
        copies.push(t);
        fraction = Math.max(fraction, copiedFraction(t, g));
      } else if (t.event.type === 'share') shares.push(t);
      else if (t.event.type === 'export') exports.push(t);
    }
    const whole = fraction >= copyCfg.wholeFraction;
    const signals = [
      emit(view, 'copied', {
        generationId: g.id,
        evidence: copies,
        ...(whole ? {} : { strength: copyCfg.partialStrength }),
        details: { fraction: Number(fraction.toFixed(3)), whole },
      }),
      emit(view, 'shared', { generationId: g.id, evidence: shares }),
      emit(view, 'exported', { generationId: g.id, evidence: exports }),
    ];
    for (const s of signals) if (s) out.push(s);
  }
  return out;
};
