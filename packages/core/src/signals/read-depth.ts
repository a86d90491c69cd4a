import type { TimedEvent } from '../sessionize/index.ts';
import { emit, flip, type Detector } from './emit.ts';
import type { Signal } from './types.ts';

/**
 * `read_depth`: how far the user read (the deepest `view.readDepth`). Reading to the end
 * (≥ `fullAbove`) has the configured polarity; stopping early (< `shallowBelow`) the opposite.
 * Context-dependent: for a long report, reading to the end is good; for a chat answer, set it off
 * or flip it if your users skim for the one line they need.
 */
export const detectReadDepth: Detector = (view) => {
  const cfg = view.context.signals.read_depth;
  const out: Signal[] = [];
  for (const g of view.ordered) {
    let deepest: TimedEvent | undefined;
    let depth = -1;
    for (const t of g.actions) {
      if (
        t.event.type === 'view' &&
        t.event.properties.readDepth !== undefined &&
        t.event.properties.readDepth > depth
      ) {
        depth = t.event.properties.readDepth;
        deepest = t;
      }
    }
    if (deepest === undefined) continue;
    const polarity =
      depth >= cfg.fullAbove ? cfg.polarity : depth < cfg.shallowBelow ? flip(cfg.polarity) : undefined;
    if (polarity === undefined) continue;
    const s = emit(view, 'read_depth', {
      generationId: g.id,
      evidence: [deepest],
      polarity,
      details: { depth },
    });
    if (s) out.push(s);
  }
  return out;
};
