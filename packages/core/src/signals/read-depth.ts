import type { TimedEvent } from '../sessionize/index.ts';
import { fastWords as words } from '../text/fast-words.ts';
import { emit, flip, type Detector } from './emit.ts';
import type { Signal } from './types.ts';

/**
 * `read_depth`: how far the user read (the deepest `view.readDepth`). Reading to the end
 * (≥ `fullAbove`) has the configured polarity, but only when the output was visible long enough
 * to skim it at `skimWordsPerMinute`: a short answer is wholly in view the moment it appears, and
 * leaving a second later is not reading it. Stopping early (< `shallowBelow`) has the opposite
 * polarity. Context-dependent: for a long report, reading to the end is good; for a chat answer,
 * set it off or flip it if your users skim for the one line they need.
 */
export const detectReadDepth: Detector = (view) => {
  const cfg = view.context.signals.read_depth;
  const out: Signal[] = [];
  for (const g of view.ordered) {
    let deepest: TimedEvent | undefined;
    let longest: TimedEvent | undefined;
    let depth = -1;
    let visibleMs = 0;
    for (const t of g.actions) {
      if (t.event.type !== 'view') continue;
      const p = t.event.properties;
      if (p.readDepth !== undefined && p.readDepth > depth) {
        depth = p.readDepth;
        deepest = t;
      }
      if (p.visibleMs >= visibleMs) {
        visibleMs = p.visibleMs;
        longest = t;
      }
    }
    if (deepest === undefined) continue;
    const neededMs = Math.round(((g.output ? words(g.output).length : 0) / cfg.skimWordsPerMinute) * 60_000);
    const polarity =
      depth >= cfg.fullAbove
        ? visibleMs >= neededMs
          ? cfg.polarity
          : undefined
        : depth < cfg.shallowBelow
          ? flip(cfg.polarity)
          : undefined;
    if (polarity === undefined) continue;
    const s = emit(view, 'read_depth', {
      generationId: g.id,
      // The deepest view, and the one that shows it was visible long enough when that is another.
      evidence: longest !== undefined && longest !== deepest ? [deepest, longest] : [deepest],
      polarity,
      details: { depth, visibleMs },
    });
    if (s) out.push(s);
  }
  return out;
};
